/* Column accessors for result rows of either backend. */
#include <assert.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdlib.h>
#include "store/row.h"

int store_row_count(const struct store_row *r)
{
	return r->ncols;
}

int store_row_isnull(const struct store_row *r, int col)
{
	assert(col >= 0 && col < r->ncols && "a column the statement returns");
	if (col < 0 || col >= r->ncols)
		return 1;
	col += r->base;
	if (r->kind == STORE_SQLITE)
		return sqlite3_column_type(r->handle, col) == SQLITE_NULL;
	return PQgetisnull(r->handle, r->row, col);
}

int64_t store_row_int(const struct store_row *r, int col)
{
	assert(col >= 0 && col < r->ncols && "a column the statement returns");
	if (col < 0 || col >= r->ncols)
		return 0;
	col += r->base;
	if (r->kind == STORE_SQLITE)
		return sqlite3_column_int64(r->handle, col);
	const char *v = PQgetvalue(r->handle, r->row, col);
	if (v[0] == 't' && v[1] == '\0')
		return 1; /* boolean results */
	if (v[0] == 'f' && v[1] == '\0')
		return 0;
	return strtoll(v, NULL, 10);
}

const char *store_row_text(const struct store_row *r, int col)
{
	assert(col >= 0 && col < r->ncols && "a column the statement returns");
	if (col < 0 || col >= r->ncols)
		return "";
	col += r->base;
	if (r->kind == STORE_SQLITE) {
		const unsigned char *t = sqlite3_column_text(r->handle, col);
		return t ? (const char *)t : "";
	}
	return PQgetvalue(r->handle, r->row, col);
}

int store_row_first_int(void *ctx, const struct store_row *r)
{
	*(int64_t *)ctx = store_row_int(r, 0);
	return 1;
}

struct store_row store_row_from(const struct store_row *r, int col)
{
	assert(col >= 0 && col <= r->ncols && "a column the statement returns");
	struct store_row s = *r;
	if (col < 0 || col > r->ncols)
		col = r->ncols;
	s.base += col;
	s.ncols -= col;
	return s;
}
