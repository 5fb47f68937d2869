/* Backend-independent part of the store: opening by URL, parameter binding,
 * transactions and error bookkeeping. */
#include <assert.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include "store/store.h"

const char *const store_stmt_sql[STMT__MAX] = {
#define STMT(name, sql) sql,
#include "store/stmts.def"
#undef STMT
};

const char *const store_stmt_name[STMT__MAX] = {
#define STMT(name, sql) #name,
#include "store/stmts.def"
#undef STMT
};

static atomic_uint_fast64_t store_errors;

uint64_t store_error_count(void)
{
	return atomic_load(&store_errors);
}

void store_set_error(struct store *st, enum store_err code, const char *fmt, ...)
{
	st->errcode = code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(st->errmsg, sizeof st->errmsg, fmt, ap);
	va_end(ap);
	if (code != STORE_OK)
		atomic_fetch_add(&store_errors, 1);
}

struct store *store_open(const char *url, char *err, size_t errlen)
{
	if (!url || !*url) {
		snprintf(err, errlen, "no database given (use --db PATH or --db postgres://...)");
		return NULL;
	}
	if (strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0)
		return store_pg_open(url, err, errlen);
	return store_sqlite_open(url, err, errlen);
}

void store_close(struct store *st)
{
	if (st)
		st->ops->close(st);
}

enum store_kind store_kind(const struct store *st)
{
	return st->kind;
}

const char *store_kind_name(const struct store *st)
{
	return st->ops->name;
}

const char *store_errmsg(const struct store *st)
{
	return st->errmsg;
}

enum store_err store_errcode(const struct store *st)
{
	return st->errcode;
}

int store_begin(struct store *st)
{
	if (st->ops->tx(st, "BEGIN"))
		return -1;
	st->in_tx = 1;
	st->rpt_depth = 0;
	return 0;
}

int store_begin_read(struct store *st)
{
	/* A plain (deferred) BEGIN: SQLite takes no write lock until a write,
	 * PostgreSQL gives one snapshot for every statement that follows. */
	if (st->ops->script(st, "BEGIN"))
		return -1;
	st->in_tx = 1;
	return 0;
}

int store_commit(struct store *st)
{
	int r = st->ops->tx(st, "COMMIT");
	if (r) {
		/* A failed COMMIT can leave the transaction open (SQLite, when out
		 * of memory or busy): end it now, or every later BEGIN on this
		 * connection fails. The COMMIT's error is the one kept. */
		enum store_err code = st->errcode;
		char msg[sizeof st->errmsg];
		snprintf(msg, sizeof msg, "%s", st->errmsg);
		st->ops->tx(st, "ROLLBACK");
		st->errcode = code;
		snprintf(st->errmsg, sizeof st->errmsg, "%s", msg);
	}
	st->in_tx = 0;
	return r;
}

int store_rollback(struct store *st)
{
	if (!st->in_tx)
		return 0;
	st->in_tx = 0;
	return st->ops->tx(st, "ROLLBACK");
}

void store_end_read(struct store *st)
{
	if (st->in_tx)
		store_commit(st);
}

#define STORE_MAX_PARAMS 64

/* The number of ? placeholders of each statement (outside string literals),
 * so a call binding another number fails loudly in builds with asserts. */
static int stmt_nparams[STMT__MAX];
static pthread_once_t stmt_nparams_once = PTHREAD_ONCE_INIT;

static void stmt_nparams_count(void)
{
	for (int id = 0; id < STMT__MAX; id++) {
		int quoted = 0, n = 0;
		for (const char *p = store_stmt_sql[id]; *p; p++) {
			if (*p == '\'')
				quoted = !quoted;
			else if (*p == '?' && !quoted)
				n++;
		}
		stmt_nparams[id] = n;
	}
}

int store_stmt_nparams(enum stmt id)
{
	pthread_once(&stmt_nparams_once, stmt_nparams_count);
	return stmt_nparams[id];
}

/* Runs id with the nfirst parameters first, then those fmt names. */
static int vexec_after(struct store *st, enum stmt id, store_row_fn fn, void *ctx, const struct store_param *first,
		       int nfirst, const char *fmt, va_list ap)
{
	struct store_param p[STORE_MAX_PARAMS];
	int n = nfirst;
	assert(n <= STORE_MAX_PARAMS && "a model's fields fit the parameters");
	if (n)
		memcpy(p, first, (size_t)n * sizeof *p);
	for (const char *f = fmt ? fmt : ""; *f; f++, n++) {
		if (n == STORE_MAX_PARAMS) {
			store_set_error(st, STORE_ERROR, "%s: too many parameters", store_stmt_name[id]);
			return -1;
		}
		memset(&p[n], 0, sizeof p[n]);
		switch (*f) {
		case 'i':
			p[n].is_int = 1;
			p[n].i = va_arg(ap, int64_t);
			break;
		case 'I':
			p[n].is_int = 1;
			p[n].i = va_arg(ap, int64_t);
			p[n].is_null = p[n].i == INT64_MIN;
			break;
		case 'd':
			p[n].is_int = 1;
			p[n].i = va_arg(ap, int);
			break;
		case 's':
			p[n].s = va_arg(ap, const char *);
			p[n].is_null = p[n].s == NULL;
			break;
		default:
			store_set_error(st, STORE_ERROR, "%s: bad parameter format '%c'", store_stmt_name[id], *f);
			return -1;
		}
	}
	assert(n == store_stmt_nparams(id) && "the format string binds every placeholder of the statement");
	st->errcode = STORE_OK;
	return st->ops->exec(st, id, p, n, fn, ctx);
}

int store_vexec(struct store *st, enum stmt id, store_row_fn fn, void *ctx, const char *fmt, va_list ap)
{
	return vexec_after(st, id, fn, ctx, NULL, 0, fmt, ap);
}

int store_exec_after(struct store *st, enum stmt id, store_row_fn fn, void *ctx, const struct store_param *first,
		     int nfirst, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vexec_after(st, id, fn, ctx, first, nfirst, fmt, ap);
	va_end(ap);
	return r;
}

int store_exec(struct store *st, enum stmt id, store_row_fn fn, void *ctx, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = store_vexec(st, id, fn, ctx, fmt, ap);
	va_end(ap);
	return r;
}

struct get_int_ctx {
	int64_t *out;
	int seen;
};

static int get_int_row(void *ctx, const struct store_row *row)
{
	struct get_int_ctx *c = ctx;
	*c->out = store_row_int(row, 0);
	c->seen = 1;
	return 1;
}

int store_get_int(struct store *st, enum stmt id, int64_t *out, const char *fmt, ...)
{
	struct get_int_ctx c = { out, 0 };
	va_list ap;
	va_start(ap, fmt);
	int r = store_vexec(st, id, get_int_row, &c, fmt, ap);
	va_end(ap);
	if (r < 0)
		return -1;
	return c.seen;
}

int store_exec_script(struct store *st, const char *sql)
{
	return st->ops->script(st, sql);
}
