/* PostgreSQL backend over libpq: statements prepared once per connection by
 * name, ? placeholders rewritten to $n, text parameters and results. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/row.h"

struct store_pg {
	struct store base; /* must be first */
	PGconn *conn;
	unsigned char prepared[STMT__MAX];
};

static enum store_err pg_class(const PGresult *res)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	if (!state)
		return STORE_ERROR;
	if (strncmp(state, "23", 2) == 0)
		return STORE_CONSTRAINT;
	if (strcmp(state, "53100") == 0)
		return STORE_FULL;
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 || strcmp(state, "55P03") == 0)
		return STORE_BUSY;
	return STORE_ERROR;
}

static void pg_fail(struct store_pg *s, const PGresult *res, const char *what)
{
	const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(s->conn);
	size_t len = strlen(msg);
	while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		len--;
	store_set_error(&s->base, pg_class(res), "%s: %.*s", what, (int)len, msg);
}

static void pg_close(struct store *st)
{
	struct store_pg *s = (struct store_pg *)st;
	PQfinish(s->conn);
	free(s);
}

/* Rewrites ? to $1, $2, ... outside string literals. Returns a new string. */
static char *pg_rewrite(const char *sql)
{
	size_t len = strlen(sql), n = 0;
	char *out = malloc(len * 4 + 1);
	if (!out)
		return NULL;
	int quoted = 0, param = 0;
	for (const char *p = sql; *p; p++) {
		if (*p == '\'')
			quoted = !quoted;
		if (*p == '?' && !quoted)
			n += (size_t)sprintf(out + n, "$%d", ++param);
		else
			out[n++] = *p;
	}
	out[n] = '\0';
	return out;
}

static int pg_prepare(struct store_pg *s, enum stmt id)
{
	char name[16];
	snprintf(name, sizeof name, "s%d", (int)id);
	char *sql = pg_rewrite(store_stmt_sql[id]);
	if (!sql) {
		store_set_error(&s->base, STORE_ERROR, "out of memory");
		return -1;
	}
	PGresult *res = PQprepare(s->conn, name, sql, 0, NULL);
	free(sql);
	int ok = PQresultStatus(res) == PGRES_COMMAND_OK;
	if (!ok)
		pg_fail(s, res, store_stmt_name[id]);
	PQclear(res);
	if (ok)
		s->prepared[id] = 1;
	return ok ? 0 : -1;
}

static int pg_exec(struct store *st, enum stmt id, const struct store_param *p, int n,
		   store_row_fn fn, void *ctx)
{
	struct store_pg *s = (struct store_pg *)st;
	if (!s->prepared[id] && pg_prepare(s, id))
		return -1;
	char name[16];
	snprintf(name, sizeof name, "s%d", (int)id);
	const char *values[64];
	char nums[64][24];
	for (int i = 0; i < n; i++) {
		if (p[i].is_null) {
			values[i] = NULL;
		} else if (p[i].is_int) {
			snprintf(nums[i], sizeof nums[i], "%lld", (long long)p[i].i);
			values[i] = nums[i];
		} else {
			values[i] = p[i].s;
		}
	}
	PGresult *res = PQexecPrepared(s->conn, name, n, values, NULL, NULL, 0);
	ExecStatusType status = PQresultStatus(res);
	int result;
	if (status == PGRES_TUPLES_OK) {
		int rows = PQntuples(res);
		struct store_row row = { STORE_POSTGRES, res, 0, PQnfields(res) };
		for (int r = 0; r < rows && fn; r++) {
			row.row = r;
			if (fn(ctx, &row))
				break;
		}
		result = rows;
	} else if (status == PGRES_COMMAND_OK) {
		result = atoi(PQcmdTuples(res));
	} else {
		pg_fail(s, res, store_stmt_name[id]);
		result = -1;
	}
	PQclear(res);
	return result;
}

static int pg_script(struct store *st, const char *sql)
{
	struct store_pg *s = (struct store_pg *)st;
	PGresult *res = PQexec(s->conn, sql);
	ExecStatusType status = PQresultStatus(res);
	int ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
	if (!ok)
		pg_fail(s, res, "script");
	PQclear(res);
	return ok ? 0 : -1;
}

static int pg_tx(struct store *st, const char *verb)
{
	return pg_script(st, verb);
}

static const struct store_ops pg_ops = {
	"postgres", pg_close, pg_exec, pg_script, pg_tx,
};

static void pg_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message; /* NOTICEs (e.g. "relation already exists") are not errors */
}

struct store *store_pg_open(const char *url, char *err, size_t errlen)
{
	struct store_pg *s = calloc(1, sizeof *s);
	if (!s) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	s->base.ops = &pg_ops;
	s->base.kind = STORE_POSTGRES;
	s->conn = PQconnectdb(url);
	if (PQstatus(s->conn) != CONNECTION_OK) {
		snprintf(err, errlen, "cannot connect to PostgreSQL: %s", PQerrorMessage(s->conn));
		size_t len = strlen(err);
		while (len && err[len - 1] == '\n')
			err[--len] = '\0';
		PQfinish(s->conn);
		free(s);
		return NULL;
	}
	PQsetNoticeProcessor(s->conn, pg_notice, NULL);
	if (pg_script(&s->base, "SET TIME ZONE 'UTC'; SET client_min_messages = warning")) {
		snprintf(err, errlen, "cannot set up PostgreSQL session: %s", s->base.errmsg);
		pg_close(&s->base);
		return NULL;
	}
	return &s->base;
}
