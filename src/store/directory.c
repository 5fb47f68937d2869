/* The community service directory's storage: vocabularies, services with
 * their organisation, categories and areas, and search. */
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

int directory_refs_load(struct store *st, struct directory_refs_buf *b)
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

/* Columns of SERVICE_GET from 2 on, in model order. */
static const enum service_field get_columns[] = { SF_ORGANIZATION_NAME, SF_NAME,	  SF_DESCRIPTION,
						  SF_STATUS,	       SF_ELIGIBILITY,	  SF_CAPACITY_STATUS,
						  SF_CAPACITY_NOTE,    SF_PHONE,	  SF_EMAIL,
						  SF_WEBSITE,	       SF_ADDRESS,	  SF_POSTCODE };
#define GET_NCOLS (sizeof get_columns / sizeof get_columns[0])

static int service_row(void *ctx, const struct store_row *r)
{
	struct directory_service *s = ctx;
	s->id = store_row_int(r, 0);
	s->organization_id = store_row_int(r, 1);
	for (int f = 0; f < SF__MAX; f++)
		s->rec.v[f] = "";
	s->rec.used = 0;
	for (size_t i = 0; i < GET_NCOLS; i++)
		s->rec.v[get_columns[i]] = keep(&s->rec, store_row_text(r, 2 + (int)i));
	s->demo = (int)store_row_int(r, 2 + (int)GET_NCOLS);
	s->created_at = store_row_int(r, 3 + (int)GET_NCOLS);
	s->updated_at = store_row_int(r, 4 + (int)GET_NCOLS);
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

int directory_service_exists(struct store *st, int64_t id)
{
	int64_t n = 0;
	return store_get_int(st, STMT_SERVICE_EXISTS, &n, "i", id) < 0 ? -1 : n > 0;
}

static int first_id(void *ctx, const struct store_row *r)
{
	*(int64_t *)ctx = store_row_int(r, 0);
	return 1;
}

static const char *or_null(const char *s)
{
	return s && *s ? s : NULL;
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

int directory_service_create(struct store *st, const struct service_record *rec, int demo, int64_t by_user, int64_t now,
			     int64_t *id)
{
	const char *const *v = rec->v;
	int64_t org;
	char *search = search_text_of(st, rec);
	if (!search)
		return -1;
	*id = 0;
	int rc = org_id_for(st, v[SF_ORGANIZATION_NAME], demo, now, &org) ||
			 store_exec(st, STMT_SERVICE_INSERT, first_id, id, "issssssssssssiiIiI", org, v[SF_NAME],
				    v[SF_DESCRIPTION], v[SF_STATUS], v[SF_ELIGIBILITY], v[SF_CAPACITY_STATUS],
				    v[SF_CAPACITY_NOTE], or_null(v[SF_PHONE]), or_null(v[SF_EMAIL]), or_null(v[SF_WEBSITE]),
				    or_null(v[SF_ADDRESS]), or_null(v[SF_POSTCODE]), search, (int64_t)(demo ? 1 : 0), now,
				    NO_USER(by_user), now, NO_USER(by_user)) != 1 ||
			 put_lists(st, *id, rec)
		     ? -1
		     : 0;
	free(search);
	return rc;
}

int directory_service_update(struct store *st, int64_t id, const struct service_record *rec, int64_t by_user,
			     int64_t now)
{
	const char *const *v = rec->v;
	int64_t org;
	char *search = search_text_of(st, rec);
	if (!search)
		return -1;
	int n = org_id_for(st, v[SF_ORGANIZATION_NAME], 0, now, &org)
			? -1
			: store_exec(st, STMT_SERVICE_UPDATE, NULL, NULL, "issssssssssssiIi", org, v[SF_NAME],
				     v[SF_DESCRIPTION], v[SF_STATUS], v[SF_ELIGIBILITY], v[SF_CAPACITY_STATUS],
				     v[SF_CAPACITY_NOTE], or_null(v[SF_PHONE]), or_null(v[SF_EMAIL]), or_null(v[SF_WEBSITE]),
				     or_null(v[SF_ADDRESS]), or_null(v[SF_POSTCODE]), search, now, NO_USER(by_user), id);
	free(search);
	if (n == 1 && put_lists(st, id, rec))
		return -1;
	return n;
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
