/* Workers' records in the database, bound and read by walking model/worker.def: add, change, read, list;
 * the user they belong to; their clusters and areas; their open cases; removing an absence. */
#ifndef WAYMARK_STORE_WORKFORCE_H
#define WAYMARK_STORE_WORKFORCE_H
#include <stdint.h>
#include "core/workforce.h"
#include "store/store.h"

struct worker_record {
	int64_t id, user_id, org_id;
	char name[128], email[256], org_name[200];
	int active, dbs_checked;
	int64_t open_cases, clients_12m;
	char v[WORKER_F__COUNT][REC_VALUE_MAX]; /* by enum worker_field, in rec_check's stored form */
};

struct worker_open_case {
	int64_t case_id, referral_id;
	const char *reference, *given_name, *family_name, *tier;
	int64_t opened_at;
};

/* vals: checked values by enum worker_field. Inside the caller's transaction. 0 / -1. */
int workforce_insert(struct store *st, int64_t user_id, int64_t org_id, int dbs_checked, int active,
		     char (*vals)[REC_VALUE_MAX], int64_t now, int64_t *id);
/* 1 changed, 0 no such worker, -1. */
int workforce_update(struct store *st, int64_t id, int dbs_checked, int active, char (*vals)[REC_VALUE_MAX], int64_t now);
/* 1 found, 0 not, -1. */
int workforce_get(struct store *st, int64_t id, int64_t now, struct worker_record *out);
/* Every worker (of org_id only when > 0); fn gets each; 0 / -1. */
int workforce_list(struct store *st, int64_t org_id, int64_t now, int (*fn)(void *ctx, const struct worker_record *w),
		   void *ctx);
/* The user by email (or id when email is NULL): 1 with id, org and role code, 0 none, -1. */
int workforce_user_find(struct store *st, const char *email, int64_t id, int64_t *user_id, int64_t *org_id, char role[40]);
int workforce_user_is_worker(struct store *st, int64_t user_id);
int workforce_cluster_known(struct store *st, const char *name);
/* fn(ctx, name, area code) for each GP cluster by name; 0 / -1. */
int workforce_cluster_list(struct store *st, int (*fn)(void *ctx, const char *name, const char *area), void *ctx);
int workforce_open_cases(struct store *st, int64_t worker_id, int (*fn)(void *ctx, const struct worker_open_case *c),
			 void *ctx);
/* fn(ctx, id, from_day, to_day, reason) for each absence of the worker ending on or after from_day. 0 / -1. */
int workforce_absences(struct store *st, int64_t worker_id, int64_t from_day,
		       int (*fn)(void *ctx, int64_t id, int64_t from, int64_t to, const char *reason), void *ctx);
/* 1 removed, 0 no such absence of this worker, -1. */
int workforce_absence_remove(struct store *st, int64_t worker_id, int64_t absence_id);
#endif
