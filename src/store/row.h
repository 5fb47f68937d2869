/* The result-row handle passed to store_row_fn callbacks (backend private). */
#ifndef WAYMARK_STORE_ROW_H
#define WAYMARK_STORE_ROW_H
#include "store/store.h"

struct store_row {
	enum store_kind kind;
	void *handle; /* sqlite3_stmt * or PGresult * */
	int row;      /* PostgreSQL row index */
	int ncols;
	int base; /* added to every column number (store_row_from) */
};

/* The same row seen from column col on (its column col is column 0), for
 * reading one statement's columns with each part's own reader. */
struct store_row store_row_from(const struct store_row *r, int col);
#endif
