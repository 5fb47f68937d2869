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
 * by waymark init) and the Health and Wellbeing Partnership areas into a new
 * buffer (free it), or NULL with the store's error set. */
struct directory_refs_buf *directory_refs_new(struct store *st);

/* A service as stored: rec.v[SF_ORGANIZATION_NAME] is its organisation's
 * name; every field of model/service.def is filled ("" when empty). */
struct directory_service {
	int64_t id, organization_id;
	int demo;
	int64_t created_at, updated_at;
	int64_t owner_org_id; /* the Waymark organisation whose editors change it */
	char owner_name[200];
	struct service_record rec;
};
/* 1 found, 0 no such service, -1 error. */
int directory_service_get(struct store *st, int64_t id, struct directory_service *out);

/* Adds a checked service (finding or adding its organisation by name) inside
 * the caller's transaction, owned by owner_org (0: the lead provider).
 * by_user 0 for none (demo). 0 with *id, or -1. */
int directory_service_create(struct store *st, const struct service_record *rec, int demo, int64_t by_user,
			     int64_t owner_org, int64_t now, int64_t *id);
/* Replaces every field of service id. 1 changed, 0 no such service, -1. */
int directory_service_update(struct store *st, int64_t id, const struct service_record *rec, int64_t by_user,
			     int64_t now);

/* A change to a service suggested by an editor of another organisation. */
struct directory_suggestion {
	int64_t id, service_id, created_at;
	int64_t owner_org_id; /* the service's owner */
	char status[12];      /* open, accepted, rejected */
	char by_name[128], by_org[200];
	char changes[2 * DIRECTORY_ARENA]; /* JSON: core/directory_json.h */
};
/* Stores an open suggestion (inside the caller's transaction). 0 with *id, or -1. */
int directory_suggestion_add(struct store *st, int64_t service_id, const char *changes, int64_t by_user, int64_t by_org,
			     int64_t now, int64_t *id);
/* 1 found, 0 none, -1 error. */
int directory_suggestion_get(struct store *st, int64_t id, struct directory_suggestion *out);
/* Calls fn for each open suggestion of service_id, oldest first. 0 or -1. */
int directory_suggestions_open(struct store *st, int64_t service_id,
			       void (*fn)(void *ctx, const struct directory_suggestion *g), void *ctx);
/* Marks an open suggestion accepted or rejected: 1, 0 when it is not open, -1. */
int directory_suggestion_decide(struct store *st, int64_t id, const char *status, int64_t by_user, int64_t now);

/* Calls fn for each matching service in name order (limit/offset applied)
 * and sets *total to the number matching. Returns 0, or -1 (a bad text is
 * an error: check it with directory_query_patterns first). */
int directory_search(struct store *st, const struct directory_query *q,
		     void (*fn)(void *ctx, const struct directory_service *s), void *ctx, int64_t *total);
#endif
