/* Workers' records in the database, bound and read by walking model/worker.def (worker_field_storage says
 * how each field is kept: text, day number or number). */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datetime.h"
#include "core/londontime.h"
#include "store/workforce.h"

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

/* Binds the model's stored fields from vals into p from n; returns the new n. */
static int bind_fields(struct store_param *p, int n, char (*vals)[REC_VALUE_MAX])
{
	for (int f = 0; f < WORKER_F__COUNT; f++) {
		int64_t day;
		switch (worker_field_storage[f]) {
		case 't':
			p[n++] = (struct store_param){ .s = vals[f] };
			break;
		case 'd':
			p[n++] = vals[f][0] && dt_parse_date(vals[f], &day) == 0 ? (struct store_param){ .is_int = 1, .i = day }
										: (struct store_param){ .is_null = 1 };
			break;
		case 'i':
			p[n++] = (struct store_param){ .is_int = 1, .i = vals[f][0] ? strtoll(vals[f], NULL, 10) : 0 };
			break;
		default:
			break;
		}
	}
	return n;
}

static int put_list(struct store *st, enum stmt clear, enum stmt add, int64_t id, const char *list)
{
	if (store_exec(st, clear, NULL, NULL, "i", id) < 0)
		return -1;
	const char *p = list;
	while (*p) {
		char item[96];
		size_t n = strcspn(p, ",");
		if (n && n < sizeof item) {
			memcpy(item, p, n);
			item[n] = '\0';
			if (store_exec(st, add, NULL, NULL, "is", id, item) < 0)
				return -1;
		}
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

static int put_lists(struct store *st, int64_t id, char (*vals)[REC_VALUE_MAX])
{
	return put_list(st, STMT_WF_CLUSTERS_CLEAR, STMT_WORKER_CLUSTER_ADD, id, vals[WORKER_F_CLUSTERS]) ||
	       put_list(st, STMT_WF_AREAS_CLEAR, STMT_WORKER_AREA_ADD, id, vals[WORKER_F_AREAS]) ? -1 : 0;
}

int workforce_insert(struct store *st, int64_t user_id, int64_t org_id, int dbs_checked, int active,
		     char (*vals)[REC_VALUE_MAX], int64_t now, int64_t *id)
{
	struct store_param p[8 + WORKER_F__COUNT];
	int n = 0;
	p[n++] = (struct store_param){ .is_int = 1, .i = user_id };
	p[n++] = (struct store_param){ .is_int = 1, .i = org_id };
	p[n++] = (struct store_param){ .is_int = 1, .i = dbs_checked };
	p[n++] = (struct store_param){ .is_int = 1, .i = active };
	p[n++] = (struct store_param){ .is_int = 1, .i = now };
	p[n++] = (struct store_param){ .is_int = 1, .i = now };
	n = bind_fields(p, n, vals);
	assert(n == store_stmt_nparams(STMT_WF_INSERT));
	st->errcode = STORE_OK;
	*id = 0;
	if (st->ops->exec(st, STMT_WF_INSERT, p, n, store_row_first_int, id) != 1 || !*id)
		return -1;
	return put_lists(st, *id, vals);
}

int workforce_update(struct store *st, int64_t id, int dbs_checked, int active, char (*vals)[REC_VALUE_MAX], int64_t now)
{
	struct store_param p[8 + WORKER_F__COUNT];
	int n = 0;
	p[n++] = (struct store_param){ .is_int = 1, .i = dbs_checked };
	p[n++] = (struct store_param){ .is_int = 1, .i = active };
	p[n++] = (struct store_param){ .is_int = 1, .i = now };
	n = bind_fields(p, n, vals);
	p[n++] = (struct store_param){ .is_int = 1, .i = id };
	assert(n == store_stmt_nparams(STMT_WF_UPDATE));
	st->errcode = STORE_OK;
	int changed = st->ops->exec(st, STMT_WF_UPDATE, p, n, NULL, NULL);
	if (changed < 0)
		return -1;
	if (changed == 1 && put_lists(st, id, vals))
		return -1;
	return changed == 1;
}

static void read_record(const struct store_row *r, struct worker_record *w)
{
	memset(w, 0, sizeof *w);
	int c = 0;
	w->id = store_row_int(r, c++);
	w->user_id = store_row_int(r, c++);
	copy(w->name, sizeof w->name, store_row_text(r, c++));
	copy(w->email, sizeof w->email, store_row_text(r, c++));
	w->org_id = store_row_int(r, c++);
	copy(w->org_name, sizeof w->org_name, store_row_text(r, c++));
	w->active = (int)store_row_int(r, c++);
	w->dbs_checked = (int)store_row_int(r, c++);
	w->open_cases = store_row_int(r, c++);
	w->clients_12m = store_row_int(r, c++);
	for (int f = 0; f < WORKER_F__COUNT; f++) {
		switch (worker_field_storage[f]) {
		case 't':
			copy(w->v[f], REC_VALUE_MAX, store_row_text(r, c++));
			break;
		case 'd':
			if (!store_row_isnull(r, c))
				dt_format_date(store_row_int(r, c), w->v[f]);
			c++;
			break;
		case 'i':
			snprintf(w->v[f], REC_VALUE_MAX, "%lld", (long long)store_row_int(r, c++));
			break;
		default:
			break;
		}
	}
	assert(c == store_row_count(r));
}

static int list_row(void *ctx, const struct store_row *r)
{
	char *out = ctx;
	size_t n = strlen(out);
	snprintf(out + n, REC_VALUE_MAX - n, "%s%s", n ? "," : "", store_row_text(r, 0));
	return 0;
}

static int fill_lists(struct store *st, struct worker_record *w)
{
	w->v[WORKER_F_CLUSTERS][0] = w->v[WORKER_F_AREAS][0] = '\0';
	return store_exec(st, STMT_WF_CLUSTERS_OF, list_row, w->v[WORKER_F_CLUSTERS], "i", w->id) < 0 ||
	       store_exec(st, STMT_WF_AREAS_OF, list_row, w->v[WORKER_F_AREAS], "i", w->id) < 0 ? -1 : 0;
}

static int one_row(void *ctx, const struct store_row *r)
{
	read_record(r, ctx);
	return 1;
}

#define YEAR_SECONDS (365 * 86400)

int workforce_get(struct store *st, int64_t id, int64_t now, struct worker_record *out)
{
	int n = store_exec(st, STMT_WF_GET, one_row, out, "iii", london_local_days(now), now - YEAR_SECONDS, id);
	if (n <= 0)
		return n;
	return fill_lists(st, out) ? -1 : 1;
}

struct many {
	struct worker_record *rows;
	size_t n, cap;
	int failed;
};

static int many_row(void *ctx, const struct store_row *r)
{
	struct many *m = ctx;
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 8;
		struct worker_record *p = realloc(m->rows, cap * sizeof *p);
		if (!p) {
			m->failed = 1;
			return 1;
		}
		m->rows = p;
		m->cap = cap;
	}
	read_record(r, &m->rows[m->n++]);
	return 0;
}

int workforce_list(struct store *st, int64_t org_id, int64_t now, int (*fn)(void *ctx, const struct worker_record *w),
		   void *ctx)
{
	struct many m = { 0 };
	int rc = store_exec(st, STMT_WF_LIST, many_row, &m, "iiii", london_local_days(now), now - YEAR_SECONDS, org_id,
			    org_id) < 0 || m.failed
			 ? -1
			 : 0;
	for (size_t i = 0; rc == 0 && i < m.n; i++)
		if (fill_lists(st, &m.rows[i]) || fn(ctx, &m.rows[i]))
			rc = -1;
	free(m.rows);
	return rc;
}

struct user_ctx {
	int64_t *id, *org;
	char *role;
};

static int user_row(void *ctx, const struct store_row *r)
{
	struct user_ctx *u = ctx;
	*u->id = store_row_int(r, 0);
	*u->org = store_row_int(r, 1);
	copy(u->role, 40, store_row_text(r, 2));
	return 1;
}

int workforce_user_find(struct store *st, const char *email, int64_t id, int64_t *user_id, int64_t *org_id, char role[40])
{
	struct user_ctx u = { user_id, org_id, role };
	*user_id = 0;
	return store_exec(st, STMT_WF_USER_FIND, user_row, &u, "si", email ? email : "", email ? -1 : id);
}

int workforce_user_is_worker(struct store *st, int64_t user_id)
{
	int64_t n = 0;
	return store_get_int(st, STMT_WF_USER_IS_WORKER, &n, "i", user_id) < 0 ? -1 : n > 0;
}

int workforce_cluster_known(struct store *st, const char *name)
{
	int64_t n = 0;
	return store_get_int(st, STMT_WF_CLUSTER_KNOWN, &n, "s", name) < 0 ? -1 : n > 0;
}

struct cl_ctx {
	int (*fn)(void *ctx, const char *name, const char *area);
	void *ctx;
};

static int cl_row(void *ctx, const struct store_row *r)
{
	struct cl_ctx *c = ctx;
	return c->fn(c->ctx, store_row_text(r, 0), store_row_text(r, 1));
}

int workforce_cluster_list(struct store *st, int (*fn)(void *ctx, const char *name, const char *area), void *ctx)
{
	struct cl_ctx c = { fn, ctx };
	return store_exec(st, STMT_WF_CLUSTER_LIST, cl_row, &c, "") < 0 ? -1 : 0;
}

struct oc_ctx {
	int (*fn)(void *ctx, const struct worker_open_case *c);
	void *ctx;
};

static int oc_row(void *ctx, const struct store_row *r)
{
	struct oc_ctx *o = ctx;
	struct worker_open_case c = { store_row_int(r, 0), store_row_int(r, 1), store_row_text(r, 2), store_row_text(r, 3),
				      store_row_text(r, 4), store_row_text(r, 5), store_row_int(r, 6) };
	return o->fn(o->ctx, &c);
}

int workforce_open_cases(struct store *st, int64_t worker_id, int (*fn)(void *ctx, const struct worker_open_case *c),
			 void *ctx)
{
	struct oc_ctx o = { fn, ctx };
	return store_exec(st, STMT_WF_OPEN_CASES, oc_row, &o, "i", worker_id) < 0 ? -1 : 0;
}

int workforce_absence_remove(struct store *st, int64_t worker_id, int64_t absence_id)
{
	int n = store_exec(st, STMT_WF_ABSENCE_DELETE, NULL, NULL, "ii", absence_id, worker_id);
	return n < 0 ? -1 : n > 0;
}

struct ab_ctx {
	int (*fn)(void *ctx, int64_t id, int64_t from, int64_t to, const char *reason);
	void *ctx;
};

static int ab_row(void *ctx, const struct store_row *r)
{
	struct ab_ctx *a = ctx;
	return a->fn(a->ctx, store_row_int(r, 0), store_row_int(r, 1), store_row_int(r, 2), store_row_text(r, 3));
}

int workforce_absences(struct store *st, int64_t worker_id, int64_t from_day,
		       int (*fn)(void *ctx, int64_t id, int64_t from, int64_t to, const char *reason), void *ctx)
{
	struct ab_ctx a = { fn, ctx };
	return store_exec(st, STMT_WORKER_ABSENCES_OF, ab_row, &a, "ii", worker_id, from_day) < 0 ? -1 : 0;
}
