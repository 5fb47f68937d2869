/* Workers, their clusters, areas and absences, and the pool core/allocate chooses from. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "core/londontime.h"
#include "store/worker.h"
#include "util/idlist.h"

const char *worker_kind_code(enum allocate_kind kind)
{
	return kind == ALLOCATE_LINK_WORKER ? "link_worker" : kind == ALLOCATE_SUPPORT_WORKER ? "support_worker" : "";
}

int worker_kind_from_code(const char *code)
{
	if (!code)
		return -1;
	if (strcmp(code, "link_worker") == 0)
		return ALLOCATE_LINK_WORKER;
	if (strcmp(code, "support_worker") == 0)
		return ALLOCATE_SUPPORT_WORKER;
	return -1;
}

static int first_id(void *ctx, const struct store_row *r)
{
	*(int64_t *)ctx = store_row_int(r, 0);
	return 1;
}

int worker_add(struct store *st, int64_t user_id, enum allocate_kind kind, int64_t org_id, int fte_hundredths,
	       int dbs_checked, const char *const *clusters, const char *const *areas, int64_t now, int64_t *id)
{
	*id = 0;
	if (store_exec(st, STMT_WORKER_INSERT, first_id, id, "isidii", user_id, worker_kind_code(kind), org_id,
		       fte_hundredths, (int64_t)(dbs_checked ? 1 : 0), now) != 1)
		return -1;
	for (size_t i = 0; clusters && clusters[i]; i++)
		if (store_exec(st, STMT_WORKER_CLUSTER_ADD, NULL, NULL, "is", *id, clusters[i]) < 0)
			return -1;
	for (size_t i = 0; areas && areas[i]; i++)
		if (store_exec(st, STMT_WORKER_AREA_ADD, NULL, NULL, "is", *id, areas[i]) < 0)
			return -1;
	return 0;
}

int worker_absence_add(struct store *st, int64_t worker_id, int64_t from_day, int64_t to_day, const char *reason,
		       int64_t now, int64_t *id)
{
	*id = 0;
	return store_exec(st, STMT_WORKER_ABSENCE_ADD, first_id, id, "iiisi", worker_id, from_day, to_day,
			  reason ? reason : "", now) == 1 ? 0 : -1;
}

static void copy(char *dst, size_t n, const char *src)
{
	size_t len = strlen(src);
	if (len >= n)
		len = n - 1;
	memcpy(dst, src, len);
	dst[len] = '\0';
}

static int info_row(void *ctx, const struct store_row *r)
{
	struct worker_info *w = ctx;
	w->id = store_row_int(r, 0);
	w->kind = worker_kind_from_code(store_row_text(r, 1)) == ALLOCATE_SUPPORT_WORKER ? ALLOCATE_SUPPORT_WORKER
											 : ALLOCATE_LINK_WORKER;
	w->org_id = store_row_int(r, 2);
	w->user_id = store_row_int(r, 3);
	copy(w->name, sizeof w->name, store_row_text(r, 4));
	copy(w->org_name, sizeof w->org_name, store_row_text(r, 5));
	w->active = (int)store_row_int(r, 6);
	return 1;
}

int worker_get(struct store *st, int64_t id, int64_t now, struct worker_info *w)
{
	memset(w, 0, sizeof *w);
	return store_exec(st, STMT_WORKER_GET, info_row, w, "ii", london_local_days(now), id);
}

/* ---- The pool ---- */

/* Growable arrays used while loading; failures stick in failed. */
struct loader {
	struct worker_pool *p;
	size_t cap_w, cap_c, cap_a, cap_s;
	int64_t *cl_ids, *ar_ids;          /* memberships, grouped by worker */
	size_t *cl_start, *ar_start, *ab_start;
	size_t ncl, nar, nab, cap_cl, cap_ar, cap_ab;
	int failed;
};

static void *grow(void *ptr, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return ptr;
	size_t c = *cap ? *cap * 2 : 16;
	while (c < need)
		c *= 2;
	void *q = realloc(ptr, c * size);
	if (q)
		*cap = c;
	return q;
}

static char *keep(struct loader *l, const char *s)
{
	struct worker_pool *p = l->p;
	char **v = grow(p->strings, &l->cap_s, p->nstrings + 1, sizeof *v);
	if (!v) {
		l->failed = 1;
		return NULL;
	}
	p->strings = v;
	char *d = strdup(s);
	if (!d) {
		l->failed = 1;
		return NULL;
	}
	p->strings[p->nstrings++] = d;
	return d;
}

static int cluster_row(void *ctx, const struct store_row *r)
{
	struct loader *l = ctx;
	struct worker_pool *p = l->p;
	struct allocate_cluster *c = grow(p->clusters, &l->cap_c, p->nclusters + 1, sizeof *c);
	if (!c) {
		l->failed = 1;
		return 1;
	}
	p->clusters = c;
	c = &p->clusters[p->nclusters];
	c->id = (int64_t)p->nclusters + 1;
	c->name = keep(l, store_row_text(r, 0));
	c->lat = (double)store_row_int(r, 1) / 1e6;
	c->lon = (double)store_row_int(r, 2) / 1e6;
	p->nclusters++;
	return l->failed;
}

static int area_row(void *ctx, const struct store_row *r)
{
	struct loader *l = ctx;
	struct worker_pool *p = l->p;
	char **codes = grow(p->area_codes, &l->cap_a, p->nareas + 1, sizeof *codes);
	if (!codes) {
		l->failed = 1;
		return 1;
	}
	p->area_codes = codes;
	char **names = realloc(p->area_names, l->cap_a * sizeof *names);
	if (!names) {
		l->failed = 1;
		return 1;
	}
	p->area_names = names;
	p->area_codes[p->nareas] = keep(l, store_row_text(r, 0));
	p->area_names[p->nareas] = keep(l, store_row_text(r, 1));
	p->nareas++;
	return l->failed;
}

static int worker_row(void *ctx, const struct store_row *r)
{
	struct loader *l = ctx;
	struct worker_pool *p = l->p;
	size_t need = p->n + 1;
	struct allocate_worker *w = grow(p->w, &l->cap_w, need, sizeof *w);
	if (!w) {
		l->failed = 1;
		return 1;
	}
	p->w = w;
	size_t cap = l->cap_w;
	struct worker_info *info = realloc(p->info, cap * sizeof *info);
	int *dbs = info ? realloc(p->dbs_checked, cap * sizeof *dbs) : NULL;
	if (info)
		p->info = info;
	if (dbs)
		p->dbs_checked = dbs;
	if (!info || !dbs) {
		l->failed = 1;
		return 1;
	}
	w = &p->w[p->n];
	memset(w, 0, sizeof *w);
	struct worker_info *in = &p->info[p->n];
	memset(in, 0, sizeof *in);
	w->id = in->id = store_row_int(r, 0);
	w->kind = in->kind = worker_kind_from_code(store_row_text(r, 1)) == ALLOCATE_SUPPORT_WORKER ? ALLOCATE_SUPPORT_WORKER
												 : ALLOCATE_LINK_WORKER;
	w->provider_id = in->org_id = store_row_int(r, 2);
	w->fte_hundredths = (int)store_row_int(r, 3);
	p->dbs_checked[p->n] = (int)store_row_int(r, 4);
	copy(in->name, sizeof in->name, store_row_text(r, 5));
	copy(in->org_name, sizeof in->org_name, store_row_text(r, 6));
	w->open_caseload = (int)store_row_int(r, 7);
	w->allocated_12m = (int)store_row_int(r, 8);
	in->user_id = store_row_int(r, 9);
	in->active = 1;
	p->n++;
	return 0;
}

long worker_pool_find(const struct worker_pool *p, int64_t id)
{
	return idlist_find(p->w, p->n, sizeof *p->w, offsetof(struct allocate_worker, id), id);
}

int64_t worker_pool_cluster_id(const struct worker_pool *p, const char *name)
{
	for (size_t i = 0; name && i < p->nclusters; i++)
		if (strcmp(p->clusters[i].name, name) == 0)
			return p->clusters[i].id;
	return 0;
}

int64_t worker_pool_area_id(const struct worker_pool *p, const char *code)
{
	for (size_t i = 0; code && i < p->nareas; i++)
		if (strcmp(p->area_codes[i], code) == 0)
			return (int64_t)i + 1;
	return 0;
}

const char *worker_pool_cluster_name(const struct worker_pool *p, int64_t id)
{
	return id >= 1 && (size_t)id <= p->nclusters ? p->clusters[id - 1].name : "";
}

/* Memberships arrive ordered by worker id; each is kept with the index of its worker. */
struct member {
	struct loader *l;
	int areas;
};

static int member_row(void *ctx, const struct store_row *r)
{
	struct member *m = ctx;
	struct loader *l = m->l;
	long wi = worker_pool_find(l->p, store_row_int(r, 0));
	if (wi < 0)
		return 0; /* an inactive worker */
	int64_t id = m->areas ? worker_pool_area_id(l->p, store_row_text(r, 1))
			      : worker_pool_cluster_id(l->p, store_row_text(r, 1));
	if (!id)
		return 0;
	int64_t **ids = m->areas ? &l->ar_ids : &l->cl_ids;
	size_t *n = m->areas ? &l->nar : &l->ncl, *cap = m->areas ? &l->cap_ar : &l->cap_cl;
	int64_t *v = grow(*ids, cap, *n + 1, sizeof *v);
	if (!v) {
		l->failed = 1;
		return 1;
	}
	*ids = v;
	v[*n] = id;
	/* start[] holds where each worker's run begins; the count is in the allocate struct. */
	size_t *start = m->areas ? l->ar_start : l->cl_start;
	struct allocate_worker *w = &l->p->w[wi];
	size_t *cnt = m->areas ? &w->n_areas : &w->n_clusters;
	if (*cnt == 0)
		start[wi] = *n;
	(*cnt)++;
	(*n)++;
	return 0;
}

static int absence_row(void *ctx, const struct store_row *r)
{
	struct loader *l = ctx;
	struct worker_pool *p = l->p;
	long wi = worker_pool_find(p, store_row_int(r, 0));
	if (wi < 0)
		return 0;
	struct allocate_absence *a = grow(p->absences, &l->cap_ab, l->nab + 1, sizeof *a);
	if (!a) {
		l->failed = 1;
		return 1;
	}
	p->absences = a;
	a[l->nab].from_utc = london_midnight_utc(store_row_int(r, 1));
	a[l->nab].to_utc = london_midnight_utc(store_row_int(r, 2) + 1);
	if (p->w[wi].n_absences == 0)
		l->ab_start[wi] = l->nab;
	p->w[wi].n_absences++;
	l->nab++;
	return 0;
}

int worker_pool_load(struct store *st, int64_t now, int64_t org_id, struct worker_pool *p)
{
	memset(p, 0, sizeof *p);
	struct loader l = { .p = p };
	int64_t per = WORKER_CLIENTS_PER_FTE_DEFAULT;
	if (store_get_int(st, STMT_SETTING_GET, &per, "s", "worker_clients_per_fte") != 1 || per <= 0 || per > 100000)
		per = WORKER_CLIENTS_PER_FTE_DEFAULT;
	p->policy = (struct allocate_policy)ALLOCATE_POLICY_DEFAULT;
	p->policy.link_clients_per_fte_year = (int)per;
	p->policy.support_clients_per_fte_year = (int)per;
	if (store_exec(st, STMT_TRIAGE_CLUSTERS_GEO, cluster_row, &l, "") < 0 || l.failed ||
	    store_exec(st, STMT_TRIAGE_AREAS, area_row, &l, "") < 0 || l.failed ||
	    store_exec(st, STMT_WORKER_LOADS, worker_row, &l, "iiii", now - WORKER_YEAR_SECONDS, london_local_days(now),
		       org_id, org_id) < 0 ||
	    l.failed)
		goto fail;
	if (p->n) {
		l.cl_start = calloc(p->n, sizeof *l.cl_start);
		l.ar_start = calloc(p->n, sizeof *l.ar_start);
		l.ab_start = calloc(p->n, sizeof *l.ab_start);
		if (!l.cl_start || !l.ar_start || !l.ab_start)
			goto fail;
	}
	struct member mc = { &l, 0 }, ma = { &l, 1 };
	if (store_exec(st, STMT_WORKER_CLUSTERS_ALL, member_row, &mc, "") < 0 || l.failed ||
	    store_exec(st, STMT_WORKER_AREAS_ALL, member_row, &ma, "") < 0 || l.failed ||
	    store_exec(st, STMT_WORKER_ABSENCES_FROM, absence_row, &l, "i", london_local_days(now)) < 0 || l.failed)
		goto fail;
	/* One block of ids: clusters then areas; pointers are set once nothing moves. */
	p->ids = malloc((l.ncl + l.nar + 1) * sizeof *p->ids);
	if (!p->ids)
		goto fail;
	if (l.ncl)
		memcpy(p->ids, l.cl_ids, l.ncl * sizeof *p->ids);
	if (l.nar)
		memcpy(p->ids + l.ncl, l.ar_ids, l.nar * sizeof *p->ids);
	for (size_t i = 0; i < p->n; i++) {
		struct allocate_worker *w = &p->w[i];
		w->clusters = w->n_clusters ? p->ids + l.cl_start[i] : NULL;
		w->areas = w->n_areas ? p->ids + l.ncl + l.ar_start[i] : NULL;
		w->absences = w->n_absences ? p->absences + l.ab_start[i] : NULL;
	}
	free(l.cl_ids);
	free(l.ar_ids);
	free(l.cl_start);
	free(l.ar_start);
	free(l.ab_start);
	return 0;
fail:
	if (!store_errmsg(st)[0] || l.failed)
		store_set_error(st, STORE_ERROR, "out of memory loading workers");
	free(l.cl_ids);
	free(l.ar_ids);
	free(l.cl_start);
	free(l.ar_start);
	free(l.ab_start);
	worker_pool_free(p);
	return -1;
}

void worker_pool_free(struct worker_pool *p)
{
	for (size_t i = 0; i < p->nstrings; i++)
		free(p->strings[i]);
	free(p->strings);
	free(p->w);
	free(p->info);
	free(p->dbs_checked);
	free(p->clusters);
	free(p->area_codes);
	free(p->area_names);
	free(p->ids);
	free(p->absences);
	memset(p, 0, sizeof *p);
}
