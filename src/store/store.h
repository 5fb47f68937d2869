/* The one storage interface: SQLite (embedded default) and PostgreSQL backends
 * behind prepared statements indexed by enum stmt. All SQL lives in src/store. */
#ifndef WAYMARK_STORE_STORE_H
#define WAYMARK_STORE_STORE_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

enum stmt {
#define STMT(name, sql) STMT_##name,
#include "store/stmts.def"
#undef STMT
	STMT__MAX
};

enum store_kind { STORE_SQLITE, STORE_POSTGRES };

enum store_err {
	STORE_OK = 0,
	STORE_ERROR,      /* anything else */
	STORE_CONSTRAINT, /* unique / foreign key / check violated */
	STORE_BUSY,       /* lock not obtained in time */
	STORE_FULL,       /* disk full */
};

struct store;
struct store_row;

/* Opens a connection: a file path means SQLite, postgres:// or
 * postgresql:// means PostgreSQL. Returns a new connection or NULL with a
 * message in err. */
struct store *store_open(const char *url, char *err, size_t errlen);
void store_close(struct store *st);
enum store_kind store_kind(const struct store *st);
const char *store_kind_name(const struct store *st); /* "sqlite" | "postgres" */
/* Message and class of the last error (borrowed). */
const char *store_errmsg(const struct store *st);
enum store_err store_errcode(const struct store *st);
/* Total database errors since start (for /metrics). */
uint64_t store_error_count(void);

int store_begin(struct store *st);
/* A transaction for reads only: one snapshot (and, on SQLite, one shared
 * lock instead of one per statement) for a request's several queries. End it
 * with store_end_read; never write inside it. */
int store_begin_read(struct store *st);
/* Ends the read snapshot of store_begin_read, if it is still open. */
void store_end_read(struct store *st);
int store_commit(struct store *st);
int store_rollback(struct store *st);

/* Called for each result row; return non-zero to stop early. */
typedef int (*store_row_fn)(void *ctx, const struct store_row *row);

/* Runs a prepared statement. fmt names each parameter: 'i' int64_t,
 * 'd' int, 's' const char * (NULL binds SQL NULL), 'I' int64_t bound as NULL
 * when it equals INT64_MIN. Returns the number of rows seen (for a
 * statement without result rows, the number of rows changed), or -1. */
int store_exec(struct store *st, enum stmt id, store_row_fn fn, void *ctx, const char *fmt, ...);
int store_vexec(struct store *st, enum stmt id, store_row_fn fn, void *ctx, const char *fmt, va_list ap);
struct store_param;
/* store_exec with the nfirst parameters of first (built from a model's
 * description) before those fmt names. */
int store_exec_after(struct store *st, enum stmt id, store_row_fn fn, void *ctx, const struct store_param *first,
		     int nfirst, const char *fmt, ...);
/* Runs a statement returning one integer column; 1 with *out set, 0 when no
 * row, -1 on error. */
int store_get_int(struct store *st, enum stmt id, int64_t *out, const char *fmt, ...);
/* Runs a script of several statements (migrations only; no parameters). */
int store_exec_script(struct store *st, const char *sql);

int store_row_count(const struct store_row *r);
int store_row_isnull(const struct store_row *r, int col);
int64_t store_row_int(const struct store_row *r, int col);
/* A store_row_fn for store_exec: the first row's first column into
 * *(int64_t *)ctx, then stop. */
int store_row_first_int(void *ctx, const struct store_row *r);
/* Borrowed until the next row; "" for NULL. */
const char *store_row_text(const struct store_row *r, int col);

/* Schema: applies pending migrations (waymark init) or checks that none are
 * pending (serve). Return 0 or -1 with a message in err. */
int store_migrate(struct store *st, char *err, size_t errlen);
int store_check_schema(struct store *st, char *err, size_t errlen);
int store_schema_version(struct store *st);
int store_latest_version(void);

/* Backend operations (implemented by sqlite.c and pg.c). */
struct store_param {
	int is_null;
	int is_int;
	int64_t i;
	const char *s;
};

struct store_ops {
	const char *name;
	void (*close)(struct store *st);
	int (*exec)(struct store *st, enum stmt id, const struct store_param *p, int n,
		    store_row_fn fn, void *ctx);
	int (*script)(struct store *st, const char *sql);
	int (*tx)(struct store *st, const char *verb); /* "BEGIN" | "COMMIT" | "ROLLBACK" */
};

struct audit_memo;

struct store {
	const struct store_ops *ops;
	enum store_kind kind;
	enum store_err errcode;
	char errmsg[512];
	int in_tx;
	int rpt_depth; /* case-side report summary snapshots open (store/report_sum.c; 0 at BEGIN) */
	struct audit_memo *audit_memo; /* lent by a transaction's owner: store/audit.h */
};

struct store *store_sqlite_open(const char *path, char *err, size_t errlen);
struct store *store_pg_open(const char *url, char *err, size_t errlen);
/* The SQL text of each statement (shared by both backends). */
extern const char *const store_stmt_sql[STMT__MAX];
extern const char *const store_stmt_name[STMT__MAX];
/* The number of ? placeholders of statement id. */
int store_stmt_nparams(enum stmt id);
void store_set_error(struct store *st, enum store_err code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
#endif
