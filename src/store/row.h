/* The result-row handle passed to store_row_fn callbacks (backend private). */
#ifndef WAYMARK_STORE_ROW_H
#define WAYMARK_STORE_ROW_H
#include "store/store.h"

struct store_row {
	enum store_kind kind;
	void *handle; /* sqlite3_stmt * or PGresult * */
	int row;      /* PostgreSQL row index */
	int ncols;
};
#endif
