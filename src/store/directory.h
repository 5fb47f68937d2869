/* The community service directory in the database: the vocabularies a
 * service is checked against, services read, added, changed and searched.
 * Case pages use directory_service_get and directory_search for "refer on". */
#ifndef WAYMARK_STORE_DIRECTORY_H
#define WAYMARK_STORE_DIRECTORY_H
#include <stdint.h>
#include "core/directory.h"
#include "store/store.h"

/* The categories, areas and capacity statuses with the storage their
 * strings live in (refs points into it). */
struct directory_refs_buf {
	struct directory_refs refs;
	char code[3][DIRECTORY_LIST_MAX][DIRECTORY_CODE_MAX];
	char label[3][DIRECTORY_LIST_MAX][DIRECTORY_LABEL_MAX];
};
/* Loads data/vocab/service_categories.csv, service_capacity.csv (as loaded
 * by waymark init) and the Health and Wellbeing Partnership areas. 0 or -1. */
int directory_refs_load(struct store *st, struct directory_refs_buf *b);

/* A service as stored: rec.v[SF_ORGANIZATION_NAME] is its organisation's
 * name; every field of model/service.def is filled ("" when empty). */
struct directory_service {
	int64_t id, organization_id;
	int demo;
	int64_t created_at, updated_at;
	struct service_record rec;
};
/* 1 found, 0 no such service, -1 error. */
int directory_service_get(struct store *st, int64_t id, struct directory_service *out);

/* 1 when service id exists, 0 when not, -1 error. */
int directory_service_exists(struct store *st, int64_t id);

/* Adds a checked service (finding or adding its organisation by name) inside
 * the caller's transaction. by_user 0 for none (demo). 0 with *id, or -1. */
int directory_service_create(struct store *st, const struct service_record *rec, int demo, int64_t by_user, int64_t now,
			     int64_t *id);
/* Replaces every field of service id. 1 changed, 0 no such service, -1. */
int directory_service_update(struct store *st, int64_t id, const struct service_record *rec, int64_t by_user,
			     int64_t now);

/* A search: each filter "" (or NULL) for any. text is free text whose words
 * must all appear (core/directory.h's directory_query_patterns). */
struct directory_query {
	const char *category, *area, *capacity, *text;
	int include_inactive;
	int limit, offset;
};
#define DIRECTORY_SEARCH_MAX 200 /* the most services one search returns */

/* Calls fn for each matching service in name order (limit/offset applied)
 * and sets *total to the number matching. Returns 0, or -1 (a bad text is
 * an error: check it with directory_query_patterns first). */
int directory_search(struct store *st, const struct directory_query *q,
		     void (*fn)(void *ctx, const struct directory_service *s), void *ctx, int64_t *total);
#endif
