/* Organisations in the database, bound and read by walking model/org.def. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/org.h"

#define NO_DAY INT64_MIN

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

/* The first area of a comma-separated list into out ("" for none). */
static const char *first_area(const char *areas, char out[64])
{
	size_t n = strcspn(areas, ",");
	if (n >= 64)
		n = 63;
	memcpy(out, areas, n);
	out[n] = '\0';
	return out[0] ? out : NULL;
}

static int put_areas(struct store *st, int64_t id, const char *areas)
{
	if (store_exec(st, STMT_ORG_AREAS_CLEAR, NULL, NULL, "i", id) < 0)
		return -1;
	const char *p = areas;
	while (*p) {
		char code[64];
		size_t n = strcspn(p, ",");
		if (n && n < sizeof code) {
			memcpy(code, p, n);
			code[n] = '\0';
			if (store_exec(st, STMT_ORG_AREA_ADD, NULL, NULL, "is", id, code) < 0)
				return -1;
		}
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

/* Binds the model's column fields, in model order, from p[n]; returns the new n. */
static int bind_columns(struct store_param *p, int n, char (*vals)[REC_VALUE_MAX])
{
	for (int f = 0; f < ORG_F__COUNT; f++)
		if (org_fields[f].column[0])
			p[n++] = (struct store_param){ .s = vals[f] };
	return n;
}

int org_record_insert(struct store *st, char (*vals)[REC_VALUE_MAX], const char *status, int64_t status_day,
		      const char *reason, int64_t user_id, int64_t now, int64_t *id)
{
	char area[64];
	struct store_param p[8 + ORG_F__COUNT];
	int n = 0;
	p[n++] = (struct store_param){ .is_int = 1, .i = now };
	p[n++] = (struct store_param){ .is_int = 1, .i = now };
	p[n++] = (struct store_param){ .s = status };
	p[n++] = status_day == NO_DAY ? (struct store_param){ .is_null = 1 } : (struct store_param){ .is_int = 1, .i = status_day };
	p[n++] = (struct store_param){ .s = reason };
	const char *a = first_area(vals[ORG_F_AREAS], area);
	p[n++] = a ? (struct store_param){ .s = a } : (struct store_param){ .is_null = 1 };
	n = bind_columns(p, n, vals);
	assert(n == store_stmt_nparams(STMT_ORG_RECORD_INSERT));
	st->errcode = STORE_OK;
	*id = 0;
	if (st->ops->exec(st, STMT_ORG_RECORD_INSERT, p, n, store_row_first_int, id) != 1 || !*id)
		return -1;
	if (put_areas(st, *id, vals[ORG_F_AREAS]))
		return -1;
	return store_exec(st, STMT_ORG_STATUS_HISTORY_ADD, NULL, NULL, "isIsiI", *id, status, status_day, reason, now,
			  user_id ? user_id : INT64_MIN) < 0 ? -1 : 0;
}

int org_record_update(struct store *st, int64_t id, char (*vals)[REC_VALUE_MAX], int64_t now)
{
	char area[64];
	struct store_param p[8 + ORG_F__COUNT];
	int n = 0;
	p[n++] = (struct store_param){ .is_int = 1, .i = now };
	const char *a = first_area(vals[ORG_F_AREAS], area);
	p[n++] = a ? (struct store_param){ .s = a } : (struct store_param){ .is_null = 1 };
	n = bind_columns(p, n, vals);
	p[n++] = (struct store_param){ .is_int = 1, .i = id };
	assert(n == store_stmt_nparams(STMT_ORG_RECORD_UPDATE));
	st->errcode = STORE_OK;
	int changed = st->ops->exec(st, STMT_ORG_RECORD_UPDATE, p, n, NULL, NULL);
	if (changed < 0)
		return -1;
	if (changed == 1 && put_areas(st, id, vals[ORG_F_AREAS]))
		return -1;
	return changed == 1;
}

int org_name_taken(struct store *st, const char *name, int64_t except_id)
{
	int64_t n = 0;
	if (store_get_int(st, STMT_ORG_RECORD_NAME_TAKEN, &n, "si", name, except_id) < 0)
		return -1;
	return n > 0;
}

int org_area_known(struct store *st, const char *code)
{
	int64_t n = 0;
	if (store_get_int(st, STMT_ORG_AREA_KNOWN, &n, "s", code) < 0)
		return -1;
	return n > 0;
}

struct view_ctx {
	struct store *st;
	struct org_view *o;
	int (*fn)(void *ctx, const struct org_view *o);
	void *ctx;
	int failed;
};

static int area_row(void *ctx, const struct store_row *r)
{
	char *out = ctx;
	size_t n = strlen(out);
	snprintf(out + n, ORG_VALUE_MAX - n, "%s%s", n ? "," : "", store_row_text(r, 0));
	return 0;
}

static void read_view(const struct store_row *r, struct org_view *o)
{
	memset(o, 0, sizeof *o);
	int c = 0;
	o->id = store_row_int(r, c++);
	copy(o->status, sizeof o->status, store_row_text(r, c++));
	o->status_day = store_row_int(r, c++);
	copy(o->status_reason, sizeof o->status_reason, store_row_text(r, c++));
	o->created_at = store_row_int(r, c++);
	o->updated_at = store_row_int(r, c++);
	o->users = store_row_int(r, c++);
	o->workers = store_row_int(r, c++);
	for (int f = 0; f < ORG_F__COUNT; f++)
		if (org_fields[f].column[0])
			copy(o->v[f], sizeof o->v[f], store_row_text(r, c++));
	assert(c == store_row_count(r));
}

static int view_row(void *ctx, const struct store_row *r)
{
	struct view_ctx *v = ctx;
	read_view(r, v->o);
	return v->fn ? 0 : 1;
}

static int fill_areas(struct store *st, struct org_view *o)
{
	o->v[ORG_F_AREAS][0] = '\0';
	return store_exec(st, STMT_ORG_AREAS_OF, area_row, o->v[ORG_F_AREAS], "i", o->id) < 0 ? -1 : 0;
}

int org_record_get(struct store *st, int64_t id, struct org_view *out)
{
	struct view_ctx v = { st, out, NULL, NULL, 0 };
	int n = store_exec(st, STMT_ORG_RECORD_GET, view_row, &v, "i", id);
	if (n <= 0)
		return n;
	return fill_areas(st, out) ? -1 : 1;
}

struct list_ctx {
	struct org_view *rows;
	size_t n, cap;
	int failed;
};

static int list_row(void *ctx, const struct store_row *r)
{
	struct list_ctx *l = ctx;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct org_view *p = realloc(l->rows, cap * sizeof *p);
		if (!p) {
			l->failed = 1;
			return 1;
		}
		l->rows = p;
		l->cap = cap;
	}
	read_view(r, &l->rows[l->n++]);
	return 0;
}

int org_record_list(struct store *st, int (*fn)(void *ctx, const struct org_view *o), void *ctx)
{
	struct list_ctx l = { 0 };
	int rc = store_exec(st, STMT_ORG_RECORD_LIST, list_row, &l, "") < 0 || l.failed ? -1 : 0;
	for (size_t i = 0; rc == 0 && i < l.n; i++)
		if (fill_areas(st, &l.rows[i]) || fn(ctx, &l.rows[i]))
			rc = -1;
	free(l.rows);
	return rc;
}

int org_status_put(struct store *st, int64_t id, const char *status, int64_t day, const char *reason, int64_t user_id,
		   int64_t now)
{
	int n = store_exec(st, STMT_ORG_STATUS_SET, NULL, NULL, "sIsii", status, day, reason, now, id);
	if (n != 1)
		return n < 0 ? -1 : 0;
	return store_exec(st, STMT_ORG_STATUS_HISTORY_ADD, NULL, NULL, "isIsiI", id, status, day, reason, now,
			  user_id ? user_id : INT64_MIN) < 0 ? -1 : 1;
}

struct hist_ctx {
	int (*fn)(void *ctx, const struct org_history_row *h);
	void *ctx;
};

static int hist_row(void *ctx, const struct store_row *r)
{
	struct hist_ctx *h = ctx;
	struct org_history_row row = { store_row_text(r, 0), store_row_int(r, 1), store_row_text(r, 2), store_row_int(r, 3),
				       store_row_text(r, 4) };
	return h->fn(h->ctx, &row);
}

int org_status_history(struct store *st, int64_t id, int (*fn)(void *ctx, const struct org_history_row *h), void *ctx)
{
	struct hist_ctx h = { fn, ctx };
	return store_exec(st, STMT_ORG_STATUS_HISTORY, hist_row, &h, "i", id) < 0 ? -1 : 0;
}

#define SHARE_MAX 64

struct share_ctx {
	struct org_share_candidate c[SHARE_MAX];
	char names[SHARE_MAX][160];
	size_t n;
};

static int share_row(void *ctx, const struct store_row *r)
{
	struct share_ctx *s = ctx;
	if (s->n == SHARE_MAX)
		return 1;
	copy(s->names[s->n], sizeof s->names[s->n], store_row_text(r, 1));
	s->c[s->n] = (struct org_share_candidate){ store_row_int(r, 0), s->names[s->n], store_row_int(r, 2),
						   store_row_int(r, 3) };
	s->n++;
	return 0;
}

static int name_row(void *ctx, const struct store_row *r)
{
	copy(ctx, 96, store_row_text(r, 0));
	return 1;
}

int org_share_choose(struct store *st, const char *area, int64_t *org, char *reason, size_t reason_len)
{
	*org = 0;
	reason[0] = '\0';
	if (!area || !area[0])
		return 0;
	struct share_ctx *s = calloc(1, sizeof *s);
	char area_name[96];
	copy(area_name, sizeof area_name, area);
	if (!s)
		return -1;
	int rc = -1;
	if (store_exec(st, STMT_ORG_SHARE_CANDIDATES, share_row, s, "s", area) < 0 ||
	    store_exec(st, STMT_ORG_AREA_NAME, name_row, area_name, "s", area) < 0)
		goto done;
	long k = org_share_pick(s->c, s->n, area_name, reason, reason_len);
	if (k >= 0)
		*org = s->c[k].id;
	rc = 0;
done:
	free(s);
	return rc;
}

struct hwp_ctx {
	int (*fn)(void *ctx, const char *code, const char *name);
	void *ctx;
};

static int hwp_row(void *ctx, const struct store_row *r)
{
	struct hwp_ctx *h = ctx;
	return h->fn(h->ctx, store_row_text(r, 0), store_row_text(r, 1));
}

int org_hwp_areas(struct store *st, int (*fn)(void *ctx, const char *code, const char *name), void *ctx)
{
	struct hwp_ctx h = { fn, ctx };
	return store_exec(st, STMT_ORG_HWP_AREAS, hwp_row, &h, "") < 0 ? -1 : 0;
}

int org_referral_source_set(struct store *st, int64_t id, const char *source)
{
	return store_exec(st, STMT_ORG_REFERRAL_SOURCE_SET, NULL, NULL, "si", source, id) < 0 ? -1 : 0;
}
