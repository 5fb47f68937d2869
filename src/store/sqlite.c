/* SQLite backend: WAL, foreign keys, busy timeout, statements prepared once
 * per connection (one connection per thread). */
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/row.h"

#define SCRIPT_CACHE 8

struct store_sqlite {
	struct store base; /* must be first */
	sqlite3 *db;
	sqlite3_stmt *stmts[STMT__MAX];
	/* Single statements run as scripts (BEGIN, COMMIT, SAVEPOINT ...), kept
	 * prepared: a request runs a few of them, and parsing each anew cost
	 * more than running it. */
	struct {
		char *sql;
		sqlite3_stmt *q;
	} scripts[SCRIPT_CACHE];
};

static enum store_err sqlite_class(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_CONSTRAINT: return STORE_CONSTRAINT;
	case SQLITE_BUSY:
	case SQLITE_LOCKED: return STORE_BUSY;
	case SQLITE_FULL: return STORE_FULL;
	case SQLITE_IOERR: return (rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_FSYNC) ? STORE_FULL : STORE_ERROR;
	default: return STORE_ERROR;
	}
}

static void sqlite_fail(struct store_sqlite *s, int rc, const char *what)
{
	store_set_error(&s->base, sqlite_class(rc), "%s: %s", what, sqlite3_errmsg(s->db));
}

static void sqlite_close(struct store *st)
{
	struct store_sqlite *s = (struct store_sqlite *)st;
	for (int i = 0; i < STMT__MAX; i++)
		sqlite3_finalize(s->stmts[i]);
	for (int i = 0; i < SCRIPT_CACHE; i++) {
		sqlite3_finalize(s->scripts[i].q);
		free(s->scripts[i].sql);
	}
	sqlite3_close(s->db);
	free(s);
}

static int sqlite_exec(struct store *st, enum stmt id, const struct store_param *p, int n,
		       store_row_fn fn, void *ctx)
{
	struct store_sqlite *s = (struct store_sqlite *)st;
	sqlite3_stmt *q = s->stmts[id];
	int rc;
	if (!q) {
		rc = sqlite3_prepare_v3(s->db, store_stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &q, NULL);
		if (rc != SQLITE_OK) {
			sqlite_fail(s, rc, store_stmt_name[id]);
			return -1;
		}
		s->stmts[id] = q;
	}
	/* Parameters this call leaves out are NULL. The previous call's
	 * bindings (pointers to its caller's texts, never read once it
	 * returned) are only cleared then: clearing a multi-row INSERT's
	 * hundreds of parameters after every call cost an import 2%. */
	if (n < sqlite3_bind_parameter_count(q))
		sqlite3_clear_bindings(q);
	for (int i = 0; i < n; i++) {
		if (p[i].is_null)
			rc = sqlite3_bind_null(q, i + 1);
		else if (p[i].is_int)
			rc = sqlite3_bind_int64(q, i + 1, p[i].i);
		else
			rc = sqlite3_bind_text(q, i + 1, p[i].s, -1, SQLITE_STATIC);
		if (rc != SQLITE_OK) {
			sqlite_fail(s, rc, store_stmt_name[id]);
			sqlite3_reset(q);
			sqlite3_clear_bindings(q);
			return -1;
		}
	}
	struct store_row row = { STORE_SQLITE, q, 0, sqlite3_column_count(q) };
	int rows = 0, stop = 0;
	while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		rows++;
		if (fn)
			stop = fn(ctx, &row);
	}
	/* A write that stopped at its first RETURNING row is run to the end:
	 * outside a transaction its commit happens there, and a commit that
	 * fails (a full disk) must not pass for success. */
	if (stop && !sqlite3_stmt_readonly(q)) {
		while ((rc = sqlite3_step(q)) == SQLITE_ROW)
			;
		stop = 0;
	}
	int result = rows;
	if (!stop && rc != SQLITE_DONE) {
		sqlite_fail(s, rc, store_stmt_name[id]);
		result = -1;
	} else if (row.ncols == 0) {
		result = sqlite3_changes(s->db);
	}
	sqlite3_reset(q);
	return result;
}

/* The kept statement for sql, prepared on first use; NULL when sql is not
 * one transaction-control statement, the cache is full or it does not
 * prepare (then sqlite3_exec runs it and reports the error). */
static sqlite3_stmt *script_prepared(struct store_sqlite *s, const char *sql)
{
	static const char *const verbs[] = { "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE" };
	size_t v = 0;
	while (v < sizeof verbs / sizeof verbs[0] && strncmp(sql, verbs[v], strlen(verbs[v])) != 0)
		v++;
	if (v == sizeof verbs / sizeof verbs[0] || strchr(sql, ';'))
		return NULL;
	int i = 0;
	for (; i < SCRIPT_CACHE && s->scripts[i].sql; i++)
		if (strcmp(s->scripts[i].sql, sql) == 0)
			return s->scripts[i].q;
	if (i == SCRIPT_CACHE)
		return NULL;
	sqlite3_stmt *q = NULL;
	char *copy = strdup(sql);
	if (!copy || sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &q, NULL) != SQLITE_OK || !q) {
		sqlite3_finalize(q);
		free(copy);
		return NULL;
	}
	s->scripts[i].sql = copy;
	s->scripts[i].q = q;
	return q;
}

static int sqlite_script(struct store *st, const char *sql)
{
	struct store_sqlite *s = (struct store_sqlite *)st;
	sqlite3_stmt *q = script_prepared(s, sql);
	if (q) {
		int rc;
		while ((rc = sqlite3_step(q)) == SQLITE_ROW)
			;
		sqlite3_reset(q);
		if (rc != SQLITE_DONE) {
			store_set_error(st, sqlite_class(rc), "%s", sqlite3_errmsg(s->db));
			return -1;
		}
		return 0;
	}
	char *msg = NULL;
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		store_set_error(st, sqlite_class(rc), "%s", msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int sqlite_tx(struct store *st, const char *verb)
{
	/* IMMEDIATE takes the write lock up front, so two writers queue on the
	 * busy timeout instead of failing with SQLITE_BUSY on upgrade. */
	return sqlite_script(st, strcmp(verb, "BEGIN") == 0 ? "BEGIN IMMEDIATE" : verb);
}

static const struct store_ops sqlite_ops = {
	"sqlite", sqlite_close, sqlite_exec, sqlite_script, sqlite_tx,
};

/* Before SQLite's first use: no memory statistics, whose global mutex every
 * allocation of every connection would otherwise take. */
static void sqlite_configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

struct store *store_sqlite_open(const char *path, char *err, size_t errlen)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, sqlite_configure);
	struct store_sqlite *s = calloc(1, sizeof *s);
	if (!s) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	s->base.ops = &sqlite_ops;
	s->base.kind = STORE_SQLITE;
	int rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot open %s: %s", path, s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
		sqlite3_close(s->db);
		free(s);
		return NULL;
	}
	sqlite3_extended_result_codes(s->db, 1);
	/* WAL; but not waiting for it while a large import writes through the
	 * rollback journal (it has the database to itself only while nothing
	 * else has it open, store/referral_defer.h): the import switches back
	 * at its end, and this connection follows by itself at its next read. */
	sqlite3_busy_timeout(s->db, 0);
	int wal = sqlite_script(&s->base, "PRAGMA journal_mode=WAL");
	sqlite3_busy_timeout(s->db, 10000);
	if ((wal && store_errcode(&s->base) != STORE_BUSY) ||
	    sqlite_script(&s->base, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")) {
		snprintf(err, errlen, "cannot set up %s: %s", path, s->base.errmsg);
		sqlite_close(&s->base);
		return NULL;
	}
	return &s->base;
}
