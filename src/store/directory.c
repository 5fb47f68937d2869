/* The community service directory's storage: vocabularies, services with
 * their organisation, categories and areas, and search. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/directory.h"

#define NO_USER(u) ((u) > 0 ? (u) : INT64_MIN)

struct vocab_load {
	struct directory_vocab *v;
	char (*code)[DIRECTORY_CODE_MAX];
	char (*label)[DIRECTORY_LABEL_MAX];
};

static int vocab_row(void *ctx, const struct store_row *r)
{
	struct vocab_load *l = ctx;
	if (l->v->n >= DIRECTORY_LIST_MAX)
		return 0;
	size_t i = l->v->n++;
	snprintf(l->code[i], DIRECTORY_CODE_MAX, "%s", store_row_text(r, 0));
	snprintf(l->label[i], DIRECTORY_LABEL_MAX, "%s", store_row_text(r, 1));
	l->v->code[i] = l->code[i];
	l->v->label[i] = l->label[i];
	return 0;
}

static int refs_load(struct store *st, struct directory_refs_buf *b)
{
	memset(&b->refs, 0, sizeof b->refs);
	struct vocab_load cat = { &b->refs.categories, b->code[0], b->label[0] };
	struct vocab_load area = { &b->refs.areas, b->code[1], b->label[1] };
	struct vocab_load cap = { &b->refs.capacity, b->code[2], b->label[2] };
	if (store_exec(st, STMT_VOCAB_LIST, vocab_row, &cat, "s", "service_categories") < 0 ||
	    store_exec(st, STMT_DIR_AREAS, vocab_row, &area, "") < 0 ||
	    store_exec(st, STMT_VOCAB_LIST, vocab_row, &cap, "s", "service_capacity") < 0)
		return -1;
	return 0;
}

struct directory_refs_buf *directory_refs_new(struct store *st)
{
	struct directory_refs_buf *b = malloc(sizeof *b);
	if (!b)
		store_set_error(st, STORE_ERROR, "out of memory");
	else if (refs_load(st, b)) {
		free(b);
		b = NULL;
	}
	return b;
}

static const char *keep(struct service_record *rec, const char *s)
{
	size_t n = strlen(s);
	if (rec->used + n + 1 > sizeof rec->arena)
		return "";
	char *p = rec->arena + rec->used;
	memcpy(p, s, n + 1);
	rec->used += n + 1;
	return p;
}

#define GET_FIXED 8 /* SERVICE_GET's columns before the model's */

static int service_row(void *ctx, const struct store_row *r)
{
	struct directory_service *s = ctx;
	s->id = store_row_int(r, 0);
	s->organization_id = store_row_int(r, 1);
	for (int f = 0; f < SF__MAX; f++)
		s->rec.v[f] = "";
	s->rec.used = 0;
	s->rec.v[SF_ORGANIZATION_NAME] = keep(&s->rec, store_row_text(r, 2));
	s->demo = (int)store_row_int(r, 3);
	s->created_at = store_row_int(r, 4);
	s->updated_at = store_row_int(r, 5);
	s->owner_org_id = store_row_int(r, 6);
	snprintf(s->owner_name, sizeof s->owner_name, "%s", store_row_text(r, 7));
	int col = GET_FIXED;
	for (int f = 0; f < SF__MAX; f++)
		if (service_fields[f].column)
			s->rec.v[f] = keep(&s->rec, store_row_text(r, col++));
	return 1;
}

struct list_load {
	struct service_record *rec;
	int which;
};

static int list_row(void *ctx, const struct store_row *r)
{
	struct list_load *l = ctx;
	size_t *n = &l->rec->nlist[l->which];
	if (*n < DIRECTORY_LIST_MAX)
		snprintf(l->rec->list[l->which][(*n)++], DIRECTORY_CODE_MAX, "%s", store_row_text(r, 0));
	return 0;
}

static int cmp_code(const void *a, const void *b)
{
	return strcmp(a, b);
}

int directory_service_get(struct store *st, int64_t id, struct directory_service *out)
{
	memset(out->rec.nlist, 0, sizeof out->rec.nlist);
	int n = store_exec(st, STMT_SERVICE_GET, service_row, out, "i", id);
	if (n <= 0)
		return n;
	struct list_load cat = { &out->rec, SERVICE_LIST_CATEGORIES }, area = { &out->rec, SERVICE_LIST_AREAS };
	if (store_exec(st, STMT_SERVICE_CATEGORIES_OF, list_row, &cat, "i", id) < 0 ||
	    store_exec(st, STMT_SERVICE_AREAS_OF, list_row, &area, "i", id) < 0)
		return -1;
	/* Byte order, the same on both databases. */
	for (int w = 0; w < 2; w++)
		qsort(out->rec.list[w], out->rec.nlist[w], DIRECTORY_CODE_MAX, cmp_code);
	return 1;
}

static int first_id(void *ctx, const struct store_row *r)
{
	*(int64_t *)ctx = store_row_int(r, 0);
	return 1;
}

static int org_id_for(struct store *st, const char *name, int demo, int64_t now, int64_t *id)
{
	*id = 0;
	int f = store_exec(st, STMT_DIR_ORG_FIND, first_id, id, "s", name);
	if (f < 0)
		return -1;
	if (f == 0 && store_exec(st, STMT_DIR_ORG_INSERT, first_id, id, "siii", name, (int64_t)demo, now, now) != 1)
		return -1;
	return 0;
}

static int put_lists(struct store *st, int64_t id, const struct service_record *rec)
{
	if (store_exec(st, STMT_SERVICE_CATEGORIES_CLEAR, NULL, NULL, "i", id) < 0 ||
	    store_exec(st, STMT_SERVICE_AREAS_CLEAR, NULL, NULL, "i", id) < 0)
		return -1;
	for (size_t i = 0; i < rec->nlist[SERVICE_LIST_CATEGORIES]; i++)
		if (store_exec(st, STMT_SERVICE_CATEGORY_ADD, NULL, NULL, "is", id, rec->list[SERVICE_LIST_CATEGORIES][i]) < 0)
			return -1;
	for (size_t i = 0; i < rec->nlist[SERVICE_LIST_AREAS]; i++)
		if (store_exec(st, STMT_SERVICE_AREA_ADD, NULL, NULL, "is", id, rec->list[SERVICE_LIST_AREAS][i]) < 0)
			return -1;
	return 0;
}

#define SEARCH_TEXT_MAX 4096

/* The record's search text (malloc'd), or NULL with the store's error set. */
static char *search_text_of(struct store *st, const struct service_record *rec)
{
	char *search = malloc(SEARCH_TEXT_MAX);
	if (!search) {
		store_set_error(st, STORE_ERROR, "out of memory");
		return NULL;
	}
	const char *const *v = rec->v;
	return directory_search_text(v[SF_ORGANIZATION_NAME], v[SF_NAME], v[SF_DESCRIPTION], v[SF_ELIGIBILITY], search,
				     SEARCH_TEXT_MAX);
}

#define SERVICE_PARAMS (8 + SF__MAX)

/* Binds the model's columns of rec after the n parameters already in p. */
static int bind_columns(struct store_param *p, int n, const struct service_record *rec)
{
	for (int f = 0; f < SF__MAX; f++)
		if (service_fields[f].column)
			p[n++] = (struct store_param){ .s = rec->v[f] };
	return n;
}

static struct store_param p_int(int64_t v)
{
	return (struct store_param){ .is_int = 1, .i = v, .is_null = v == INT64_MIN };
}

int directory_service_create(struct store *st, const struct service_record *rec, int demo, int64_t by_user,
			     int64_t owner_org, int64_t now, int64_t *id)
{
	int64_t org;
	char *search = search_text_of(st, rec);
	if (!search)
		return -1;
	*id = 0;
	int rc = -1;
	if (!org_id_for(st, rec->v[SF_ORGANIZATION_NAME], demo, now, &org)) {
		struct store_param p[SERVICE_PARAMS] = { p_int(org), { .s = search }, p_int(demo ? 1 : 0), p_int(now),
							 p_int(NO_USER(by_user)), p_int(now), p_int(NO_USER(by_user)),
							 p_int(owner_org > 0 ? owner_org : INT64_MIN) };
		int n = bind_columns(p, 8, rec);
		assert(n == store_stmt_nparams(STMT_SERVICE_INSERT));
		st->errcode = STORE_OK;
		rc = st->ops->exec(st, STMT_SERVICE_INSERT, p, n, first_id, id) != 1 || put_lists(st, *id, rec) ? -1 : 0;
	}
	free(search);
	return rc;
}

int directory_service_update(struct store *st, int64_t id, const struct service_record *rec, int64_t by_user,
			     int64_t now)
{
	int64_t org;
	char *search = search_text_of(st, rec);
	if (!search)
		return -1;
	int changed = -1;
	if (!org_id_for(st, rec->v[SF_ORGANIZATION_NAME], 0, now, &org)) {
		struct store_param p[SERVICE_PARAMS] = { p_int(org), { .s = search }, p_int(now), p_int(NO_USER(by_user)) };
		int n = bind_columns(p, 4, rec);
		p[n++] = p_int(id);
		assert(n == store_stmt_nparams(STMT_SERVICE_UPDATE));
		st->errcode = STORE_OK;
		changed = st->ops->exec(st, STMT_SERVICE_UPDATE, p, n, NULL, NULL);
	}
	free(search);
	if (changed == 1 && put_lists(st, id, rec))
		return -1;
	return changed;
}

static int suggestion_row(void *ctx, const struct store_row *r)
{
	struct directory_suggestion *g = ctx;
	g->id = store_row_int(r, 0);
	g->service_id = store_row_int(r, 1);
	snprintf(g->changes, sizeof g->changes, "%s", store_row_text(r, 2));
	snprintf(g->status, sizeof g->status, "%s", store_row_text(r, 3));
	g->created_at = store_row_int(r, 4);
	snprintf(g->by_name, sizeof g->by_name, "%s", store_row_text(r, 5));
	snprintf(g->by_org, sizeof g->by_org, "%s", store_row_text(r, 6));
	g->owner_org_id = store_row_int(r, 7);
	return 1;
}

int directory_suggestion_add(struct store *st, int64_t service_id, const char *changes, int64_t by_user, int64_t by_org,
			     int64_t now, int64_t *id)
{
	*id = 0;
	return store_exec(st, STMT_SUGGESTION_INSERT, first_id, id, "isiii", service_id, changes, now, by_user, by_org) == 1
		       ? 0
		       : -1;
}

int directory_suggestion_get(struct store *st, int64_t id, struct directory_suggestion *out)
{
	return store_exec(st, STMT_SUGGESTION_GET, suggestion_row, out, "i", id);
}

struct suggestions_ctx {
	void (*fn)(void *ctx, const struct directory_suggestion *g);
	void *ctx;
	struct directory_suggestion *g;
};

static int open_row(void *ctx, const struct store_row *r)
{
	struct suggestions_ctx *c = ctx;
	suggestion_row(c->g, r);
	c->fn(c->ctx, c->g);
	return 0;
}

int directory_suggestions_open(struct store *st, int64_t service_id,
			       void (*fn)(void *ctx, const struct directory_suggestion *g), void *ctx)
{
	struct suggestions_ctx c = { fn, ctx, malloc(sizeof *c.g) };
	if (!c.g) {
		store_set_error(st, STORE_ERROR, "out of memory");
		return -1;
	}
	int n = store_exec(st, STMT_SUGGESTIONS_OPEN, open_row, &c, "i", service_id);
	free(c.g);
	return n < 0 ? -1 : 0;
}

int directory_suggestion_decide(struct store *st, int64_t id, const char *status, int64_t by_user, int64_t now)
{
	return store_exec(st, STMT_SUGGESTION_DECIDE, NULL, NULL, "siii", status, now, by_user, id);
}

struct id_list {
	int64_t ids[DIRECTORY_SEARCH_MAX];
	size_t n;
};

static int id_row(void *ctx, const struct store_row *r)
{
	struct id_list *l = ctx;
	if (l->n < DIRECTORY_SEARCH_MAX)
		l->ids[l->n++] = store_row_int(r, 0);
	return 0;
}

int directory_search(struct store *st, const struct directory_query *q,
		     void (*fn)(void *ctx, const struct directory_service *s), void *ctx, int64_t *total)
{
	char pats[DIRECTORY_QUERY_WORDS][DIRECTORY_PATTERN_MAX];
	if (directory_query_patterns(q->text, pats) < 0) {
		store_set_error(st, STORE_ERROR, "search text too long or too many words");
		return -1;
	}
	const char *cat = q->category ? q->category : "", *area = q->area ? q->area : "";
	const char *cap = q->capacity ? q->capacity : "";
	int64_t inactive = q->include_inactive ? 1 : 0;
	int limit = q->limit <= 0 || q->limit > DIRECTORY_SEARCH_MAX ? DIRECTORY_SEARCH_MAX : q->limit;
	*total = 0;
	if (store_get_int(st, STMT_SERVICE_SEARCH_COUNT, total, "issssssssss", inactive, cat, cat, area, area, cap, cap,
			  pats[0], pats[1], pats[2], pats[3]) < 0)
		return -1;
	struct id_list *l = malloc(sizeof *l);
	struct directory_service *s = malloc(sizeof *s);
	int rc = -1;
	if (!l || !s) {
		store_set_error(st, STORE_ERROR, "out of memory");
		goto done;
	}
	l->n = 0;
	if (store_exec(st, STMT_SERVICE_SEARCH, id_row, l, "issssssssssii", inactive, cat, cat, area, area, cap, cap,
		       pats[0], pats[1], pats[2], pats[3], (int64_t)limit, (int64_t)(q->offset > 0 ? q->offset : 0)) < 0)
		goto done;
	for (size_t i = 0; i < l->n; i++) {
		int f = directory_service_get(st, l->ids[i], s);
		if (f < 0)
			goto done;
		if (f)
			fn(ctx, s);
	}
	rc = 0;
done:
	free(l);
	free(s);
	return rc;
}
