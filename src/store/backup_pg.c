/* PostgreSQL backups and restores through a SQLite file: a REPEATABLE READ
 * snapshot copied table by table into a new SQLite Waymark database, and
 * such a file copied back into an unused PostgreSQL database (COPY). */
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/backup.h"
#include "store/backup_util.h"
#include "store/store.h"
#include "util/buf.h"

#define MAX_TABLES 256
#define FETCH_ROWS 2000
#define COPY_CHUNK 65536

/* The tables of this build's schema, parents before the tables that refer
 * to them, each with its quoted column list. */
struct tables {
	int n;
	char name[MAX_TABLES][64];
	char *cols[MAX_TABLES];
	int ncols[MAX_TABLES];
	int64_t rows[MAX_TABLES];
};

static void tables_free(struct tables *t)
{
	for (int i = 0; i < t->n; i++)
		free(t->cols[i]);
	t->n = 0;
}

static int sq_fail(sqlite3 *db, const char *what, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s: %s", what, db ? sqlite3_errmsg(db) : "out of memory");
	return -1;
}

static int pg_fail(PGconn *c, const PGresult *res, const char *what, char *err, size_t errlen)
{
	const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(c);
	size_t len = strlen(msg);
	while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		len--;
	snprintf(err, errlen, "%s: %.*s", what, (int)len, msg);
	return -1;
}

static int pg_run(PGconn *c, const char *sql, char *err, size_t errlen)
{
	PGresult *res = PQexec(c, sql);
	ExecStatusType s = PQresultStatus(res);
	int r = s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK ? 0 : pg_fail(c, res, sql, err, errlen);
	PQclear(res);
	return r;
}

/* 1 when every table that name refers to (other than itself) is listed. */
static int parents_listed(sqlite3 *db, const char *name, const struct tables *t)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(db, "SELECT \"table\" FROM pragma_foreign_key_list(?)", -1, &q, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
	int ok = 1;
	while (ok && sqlite3_step(q) == SQLITE_ROW) {
		const char *parent = (const char *)sqlite3_column_text(q, 0);
		int found = strcmp(parent, name) == 0;
		for (int i = 0; i < t->n && !found; i++)
			found = strcmp(t->name[i], parent) == 0;
		ok = found;
	}
	sqlite3_finalize(q);
	return ok;
}

static int table_columns(sqlite3 *db, struct tables *t, int i)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?) ORDER BY cid", -1, &q, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(q, 1, t->name[i], -1, SQLITE_STATIC);
	struct buf b;
	buf_init(&b, 1 << 16);
	while (sqlite3_step(q) == SQLITE_ROW)
		buf_printf(&b, "%s\"%s\"", t->ncols[i]++ ? ", " : "", (const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	if (b.failed || !t->ncols[i]) {
		buf_free(&b);
		return -1;
	}
	t->cols[i] = buf_take(&b);
	return t->cols[i] ? 0 : -1;
}

static int list_tables(sqlite3 *db, struct tables *t, char *err, size_t errlen)
{
	char all[MAX_TABLES][64];
	int n = 0;
	sqlite3_stmt *q;
	/* Plain tables only: an FTS5 index (virtual, with its shadow tables) is
	 * SQLite's own, filled by its triggers as the rows arrive. */
	if (sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' "
				   "AND name NOT LIKE 'sqlite_%' ORDER BY name", -1, &q, NULL) != SQLITE_OK)
		return sq_fail(db, "cannot list the tables", err, errlen);
	while (sqlite3_step(q) == SQLITE_ROW && n < MAX_TABLES)
		snprintf(all[n++], sizeof all[0], "%.63s", (const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	memset(t, 0, sizeof *t);
	char done[MAX_TABLES] = { 0 };
	for (int added = 1; added && t->n < n;) {
		added = 0;
		for (int i = 0; i < n; i++) {
			if (done[i] || !parents_listed(db, all[i], t))
				continue;
			memcpy(t->name[t->n], all[i], sizeof t->name[0]);
			if (table_columns(db, t, t->n)) {
				tables_free(t);
				return sq_fail(db, all[i], err, errlen);
			}
			t->n++;
			done[i] = 1;
			added = 1;
		}
	}
	if (t->n < n) {
		tables_free(t);
		snprintf(err, errlen, "the tables' foreign keys form a cycle");
		return -1;
	}
	return 0;
}

struct progress {
	backup_progress_fn fn;
	void *ctx;
	int64_t done, total;
};

static void tick(struct progress *p, int64_t rows)
{
	p->done += rows;
	if (p->fn)
		p->fn(p->ctx, "rows", p->done, p->total);
}

static int count_pg_rows(PGconn *c, struct tables *t, struct progress *p, char *err, size_t errlen)
{
	for (int i = 0; i < t->n; i++) {
		char sql[128];
		snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM \"%s\"", t->name[i]);
		PGresult *res = PQexec(c, sql);
		if (PQresultStatus(res) != PGRES_TUPLES_OK) {
			pg_fail(c, res, t->name[i], err, errlen);
			PQclear(res);
			return -1;
		}
		t->rows[i] = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
		p->total += t->rows[i];
		PQclear(res);
	}
	return 0;
}

/* Copies one table from the PostgreSQL snapshot into the SQLite file. */
static int copy_to_sqlite(PGconn *c, sqlite3 *d, const struct tables *t, int i, struct progress *p,
			  char *err, size_t errlen)
{
	struct buf sql;
	buf_init(&sql, 1 << 16);
	buf_printf(&sql, "INSERT INTO \"%s\" (%s) VALUES (", t->name[i], t->cols[i]);
	for (int k = 0; k < t->ncols[i]; k++)
		buf_puts(&sql, k ? ", ?" : "?");
	buf_puts(&sql, ")");
	sqlite3_stmt *ins = NULL;
	if (sql.failed || sqlite3_prepare_v2(d, sql.data, -1, &ins, NULL) != SQLITE_OK) {
		buf_free(&sql);
		return sq_fail(d, t->name[i], err, errlen);
	}
	buf_reset(&sql);
	buf_printf(&sql, "DECLARE backup_rows NO SCROLL CURSOR FOR SELECT %s FROM \"%s\"", t->cols[i], t->name[i]);
	int r = sql.failed ? -1 : pg_run(c, sql.data, err, errlen);
	buf_free(&sql);
	while (r == 0) {
		char fetch[64];
		snprintf(fetch, sizeof fetch, "FETCH FORWARD %d FROM backup_rows", FETCH_ROWS);
		PGresult *res = PQexec(c, fetch);
		if (PQresultStatus(res) != PGRES_TUPLES_OK) {
			r = pg_fail(c, res, t->name[i], err, errlen);
			PQclear(res);
			break;
		}
		int rows = PQntuples(res), cols = PQnfields(res);
		for (int row = 0; row < rows && r == 0; row++) {
			for (int k = 0; k < cols; k++) {
				if (PQgetisnull(res, row, k))
					sqlite3_bind_null(ins, k + 1);
				else
					sqlite3_bind_text(ins, k + 1, PQgetvalue(res, row, k), PQgetlength(res, row, k),
							  SQLITE_STATIC);
			}
			if (sqlite3_step(ins) != SQLITE_DONE)
				r = sq_fail(d, t->name[i], err, errlen);
			sqlite3_reset(ins);
		}
		PQclear(res);
		tick(p, rows);
		if (rows < FETCH_ROWS)
			break;
	}
	sqlite3_finalize(ins);
	if (r == 0)
		r = pg_run(c, "CLOSE backup_rows", err, errlen);
	return r;
}

static PGconn *pg_connect(const char *url, char *err, size_t errlen)
{
	PGconn *c = PQconnectdb(url);
	if (PQstatus(c) != CONNECTION_OK) {
		pg_fail(c, NULL, "cannot connect to PostgreSQL", err, errlen);
		PQfinish(c);
		return NULL;
	}
	if (pg_run(c, "SET client_min_messages = warning", err, errlen)) {
		PQfinish(c);
		return NULL;
	}
	return c;
}

/* Creates the SQLite file with this build's schema. */
static int create_schema(const char *url, char *err, size_t errlen)
{
	struct store *st = store_open(url, err, errlen);
	if (!st)
		return -1;
	int r = store_migrate(st, err, errlen);
	store_close(st);
	return r;
}

int backup_pg(const char *url, const char *dest, backup_progress_fn progress, void *ctx,
	      char *err, size_t errlen)
{
	char partial[4096];
	if (backup_partial_path(dest, partial, sizeof partial, err, errlen))
		return -1;
	struct tables *t = calloc(1, sizeof *t);
	PGconn *c = NULL;
	sqlite3 *d = NULL;
	struct progress p = { progress, ctx, 0, 0 };
	int r = -1;
	if (!t || create_schema(partial, err, errlen))
		goto done;
	if (sqlite3_open_v2(partial, &d, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		sq_fail(d, partial, err, errlen);
		goto done;
	}
	if (list_tables(d, t, err, errlen) || !(c = pg_connect(url, err, errlen)))
		goto done;
	/* Every read below sees the database as it was at the first one. */
	if (pg_run(c, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", err, errlen) ||
	    count_pg_rows(c, t, &p, err, errlen))
		goto done;
	if (sqlite3_exec(d, "PRAGMA foreign_keys = OFF; BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		sq_fail(d, partial, err, errlen);
		goto done;
	}
	for (int i = 0; i < t->n; i++) {
		char sql[128];
		snprintf(sql, sizeof sql, "DELETE FROM \"%s\"", t->name[i]); /* rows the migrations put there */
		if (sqlite3_exec(d, sql, NULL, NULL, NULL) != SQLITE_OK) {
			sq_fail(d, t->name[i], err, errlen);
			goto done;
		}
		if (copy_to_sqlite(c, d, t, i, &p, err, errlen))
			goto done;
	}
	if (sqlite3_exec(d, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		sq_fail(d, partial, err, errlen);
		goto done;
	}
	sqlite3_stmt *fk;
	if (sqlite3_prepare_v2(d, "PRAGMA foreign_key_check", -1, &fk, NULL) != SQLITE_OK) {
		sq_fail(d, partial, err, errlen);
		goto done;
	}
	int dangling = sqlite3_step(fk) == SQLITE_ROW;
	if (dangling)
		snprintf(err, errlen, "the copy of %s refers to a missing row", (const char *)sqlite3_column_text(fk, 0));
	sqlite3_finalize(fk);
	if (dangling)
		goto done;
	if (sqlite3_exec(d, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK) { /* as backup_sqlite */
		sq_fail(d, partial, err, errlen);
		goto done;
	}
	r = pg_run(c, "COMMIT", err, errlen);
done:
	if (d)
		sqlite3_exec(d, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(d);
	PQfinish(c);
	if (t)
		tables_free(t);
	free(t);
	return backup_finish(partial, dest, r, err, errlen);
}

/* Appends one value in COPY text format. */
static void copy_value(struct buf *b, const char *v, int len)
{
	for (int k = 0; k < len; k++) {
		switch (v[k]) {
		case '\\': buf_puts(b, "\\\\"); break;
		case '\t': buf_puts(b, "\\t"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		default: buf_putc(b, v[k]);
		}
	}
}

static int copy_flush(PGconn *c, struct buf *b, char *err, size_t errlen)
{
	if (b->len && PQputCopyData(c, b->data, (int)b->len) != 1)
		return pg_fail(c, NULL, "COPY", err, errlen);
	buf_reset(b);
	return 0;
}

/* Copies one table from the SQLite file into PostgreSQL with COPY. */
static int copy_to_pg(sqlite3 *s, PGconn *c, const struct tables *t, int i, struct progress *p,
		      char *err, size_t errlen)
{
	struct buf b;
	buf_init(&b, 1 << 24);
	buf_printf(&b, "COPY \"%s\" (%s) FROM STDIN", t->name[i], t->cols[i]);
	PGresult *res = PQexec(c, b.data);
	int r = PQresultStatus(res) == PGRES_COPY_IN ? 0 : pg_fail(c, res, t->name[i], err, errlen);
	PQclear(res);
	if (r) {
		buf_free(&b);
		return r;
	}
	buf_reset(&b);
	/* Every column, ids included, so the order of the rows does not matter
	 * (and a WITHOUT ROWID table has no rowid to order by). */
	buf_printf(&b, "SELECT %s FROM \"%s\"", t->cols[i], t->name[i]);
	sqlite3_stmt *q = NULL;
	if (b.failed || sqlite3_prepare_v2(s, b.data, -1, &q, NULL) != SQLITE_OK)
		r = sq_fail(s, t->name[i], err, errlen);
	buf_reset(&b);
	int rc = SQLITE_DONE;
	int64_t rows = 0;
	while (r == 0 && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		for (int k = 0; k < t->ncols[i]; k++) {
			if (k)
				buf_puts(&b, "\t");
			if (sqlite3_column_type(q, k) == SQLITE_NULL)
				buf_puts(&b, "\\N");
			else
				copy_value(&b, (const char *)sqlite3_column_text(q, k), sqlite3_column_bytes(q, k));
		}
		buf_puts(&b, "\n");
		if (b.failed)
			r = -1, snprintf(err, errlen, "%s: a row too large to copy", t->name[i]);
		else if (b.len >= COPY_CHUNK)
			r = copy_flush(c, &b, err, errlen);
		if (++rows % FETCH_ROWS == 0)
			tick(p, FETCH_ROWS);
	}
	if (r == 0 && rc != SQLITE_DONE)
		r = sq_fail(s, t->name[i], err, errlen);
	sqlite3_finalize(q);
	if (r == 0)
		r = copy_flush(c, &b, err, errlen);
	buf_free(&b);
	if (PQputCopyEnd(c, r ? "restore stopped" : NULL) != 1 && r == 0)
		r = pg_fail(c, NULL, t->name[i], err, errlen);
	while ((res = PQgetResult(c))) {
		if (PQresultStatus(res) != PGRES_COMMAND_OK && r == 0)
			r = pg_fail(c, res, t->name[i], err, errlen);
		PQclear(res);
	}
	tick(p, rows % FETCH_ROWS);
	return r;
}

/* The secondary indexes of the schema (none that a constraint or a foreign key relies on), as CREATE statements
 * in one buffer separated by ";\n", after they are dropped: the restore's COPY then appends to the tables alone,
 * and each index is made again afterwards by one sort instead of a B-tree insertion per row. */
static int drop_secondary_indexes(PGconn *c, struct buf *make, char *err, size_t errlen)
{
	PGresult *res = PQexec(c, "SELECT c.relname, pg_get_indexdef(c.oid) FROM pg_index x "
				  "JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
				  "WHERE n.nspname = current_schema() "
				  "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)");
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		pg_fail(c, res, "secondary indexes", err, errlen);
		PQclear(res);
		return -1;
	}
	int r = 0;
	for (int i = 0; i < PQntuples(res) && r == 0; i++) {
		char sql[256];
		snprintf(sql, sizeof sql, "DROP INDEX \"%s\"", PQgetvalue(res, i, 0));
		buf_printf(make, "%s;\n", PQgetvalue(res, i, 1));
		r = make->failed ? -1 : pg_run(c, sql, err, errlen);
	}
	PQclear(res);
	return r;
}

/* Moves each identity column's sequence past the ids copied in. */
static int reset_identities(PGconn *c, char *err, size_t errlen)
{
	PGresult *res = PQexec(c, "SELECT table_name, column_name FROM information_schema.columns "
				  "WHERE table_schema = current_schema() AND is_identity = 'YES'");
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		pg_fail(c, res, "identity columns", err, errlen);
		PQclear(res);
		return -1;
	}
	int r = 0;
	for (int i = 0; i < PQntuples(res) && r == 0; i++) {
		char sql[512];
		const char *tab = PQgetvalue(res, i, 0), *col = PQgetvalue(res, i, 1);
		snprintf(sql, sizeof sql, "SELECT setval(pg_get_serial_sequence('\"%s\"', '%s'), "
			 "COALESCE(MAX(\"%s\"), 0) + 1, false) FROM \"%s\"", tab, col, col, tab);
		r = pg_run(c, sql, err, errlen);
	}
	PQclear(res);
	return r;
}

/* An unused database: no Waymark schema, or one without users or audit
 * events (as `waymark init` leaves it, or a restore that failed). */
static int pg_unused(PGconn *c, char *err, size_t errlen)
{
	PGresult *res = PQexec(c, "SELECT to_regclass('schema_version') IS NULL");
	int fresh = PQresultStatus(res) == PGRES_TUPLES_OK && strcmp(PQgetvalue(res, 0, 0), "t") == 0;
	PQclear(res);
	if (fresh)
		return 0;
	res = PQexec(c, "SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM audit_events)");
	int unused = PQresultStatus(res) == PGRES_TUPLES_OK && strcmp(PQgetvalue(res, 0, 0), "0") == 0;
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		pg_fail(c, res, "cannot inspect the target database", err, errlen);
	else if (!unused)
		snprintf(err, errlen, "the target database is in use (it has users or audit events): "
				      "restore into a new, empty database");
	PQclear(res);
	return unused ? 0 : -1;
}

int restore_pg(const char *file, const char *url, backup_progress_fn progress, void *ctx,
	       char *err, size_t errlen)
{
	struct tables *t = calloc(1, sizeof *t);
	sqlite3 *s = NULL;
	PGconn *c = NULL;
	struct progress p = { progress, ctx, 0, 0 };
	int r = -1, in_tx = 0;
	if (!t)
		goto done;
	if (sqlite3_open_v2(file, &s, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sq_fail(s, file, err, errlen);
		goto done;
	}
	if (list_tables(s, t, err, errlen) || !(c = pg_connect(url, err, errlen)) || pg_unused(c, err, errlen) ||
	    create_schema(url, err, errlen))
		goto done;
	for (int i = 0; i < t->n; i++) {
		char sql[128];
		snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM \"%s\"", t->name[i]);
		sqlite3_stmt *q;
		if (sqlite3_prepare_v2(s, sql, -1, &q, NULL) != SQLITE_OK || sqlite3_step(q) != SQLITE_ROW) {
			sqlite3_finalize(q);
			sq_fail(s, t->name[i], err, errlen);
			goto done;
		}
		p.total += sqlite3_column_int64(q, 0);
		sqlite3_finalize(q);
	}
	struct buf trunc;
	buf_init(&trunc, 1 << 16);
	buf_puts(&trunc, "TRUNCATE");
	for (int i = 0; i < t->n; i++)
		buf_printf(&trunc, "%s \"%s\"", i ? "," : "", t->name[i]);
	int bad = trunc.failed || pg_run(c, "BEGIN", err, errlen);
	in_tx = !bad;
	bad = bad || pg_run(c, trunc.data, err, errlen);
	buf_free(&trunc);
	if (bad)
		goto done;
	struct buf indexes;
	buf_init(&indexes, 1 << 14);
	bad = pg_run(c, "SET LOCAL maintenance_work_mem = '512MB'", err, errlen) ||
	      drop_secondary_indexes(c, &indexes, err, errlen);
	for (int i = 0; i < t->n && !bad; i++)
		bad = copy_to_pg(s, c, t, i, &p, err, errlen);
	if (!bad && p.fn)
		p.fn(p.ctx, "indexes", 0, 1);
	bad = bad || pg_run(c, indexes.data, err, errlen);
	buf_free(&indexes);
	if (bad)
		goto done;
	if (p.fn)
		p.fn(p.ctx, "indexes", 1, 1);
	r = reset_identities(c, err, errlen) || pg_run(c, "COMMIT", err, errlen) ? -1 : 0;
	/* Statistics for the planner now, not when autovacuum comes round: without them a restored large
	 * database plans its searches as if its tables were empty (bench/search). */
	if (r == 0) {
		in_tx = 0;
		r = pg_run(c, "ANALYZE", err, errlen);
	}
done:
	if (!t)
		snprintf(err, errlen, "out of memory");
	if (r && in_tx) {
		char ignored[256];
		pg_run(c, "ROLLBACK", ignored, sizeof ignored);
	}
	PQfinish(c);
	sqlite3_close(s);
	if (t)
		tables_free(t);
	free(t);
	return r;
}
