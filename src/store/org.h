/* Organisations in the database: add and change one by its field list (model/org.def), the areas it serves,
 * its framework status with history, and the providers that may hold an area's community support. */
#ifndef WAYMARK_STORE_ORG_H
#define WAYMARK_STORE_ORG_H
#include <stdint.h>
#include "core/org.h"
#include "store/store.h"

#define ORG_VALUE_MAX 512 /* the longest stored field (address) plus room */

struct org_view {
	int64_t id;
	char status[16];
	int64_t status_day; /* -1: not given */
	char status_reason[ORG_REASON_MAX * 4 + 1];
	int64_t created_at, updated_at;
	int64_t users, workers;
	char v[ORG_F__COUNT][ORG_VALUE_MAX]; /* by enum org_field; areas comma-separated */
};

struct org_history_row {
	const char *status;
	int64_t from_day; /* -1: not given */
	const char *reason;
	int64_t at;
	const char *by;
};

/* vals: normalised values by enum org_field (core/record.h). Inside the caller's transaction. 0 / -1. */
int org_record_insert(struct store *st, char (*vals)[REC_VALUE_MAX], const char *status, int64_t status_day,
		      const char *reason, int64_t user_id, int64_t now, int64_t *id);
/* 1 changed, 0 no such organisation, -1 error. */
int org_record_update(struct store *st, int64_t id, char (*vals)[REC_VALUE_MAX], int64_t now);
/* 1 if another organisation (not except_id) has this name, whatever its case; 0; -1. */
/* Sets where an organisation's referrals come from (a code of org_source_vocab, NULL none). 0 / -1. */
int org_referral_source_set(struct store *st, int64_t id, const char *source);
int org_name_taken(struct store *st, const char *name, int64_t except_id);
/* 1 if code is a Health and Wellbeing Partnership area, 0 if not, -1. */
int org_area_known(struct store *st, const char *code);
/* 1 found, 0 not, -1 error. */
int org_record_get(struct store *st, int64_t id, struct org_view *out);
/* Calls fn for each organisation by name; 0 or -1. */
int org_record_list(struct store *st, int (*fn)(void *ctx, const struct org_view *o), void *ctx);
int org_status_put(struct store *st, int64_t id, const char *status, int64_t day, const char *reason, int64_t user_id,
		   int64_t now);
int org_status_history(struct store *st, int64_t id, int (*fn)(void *ctx, const struct org_history_row *h), void *ctx);
/* Calls fn(ctx, code, name) for each Health and Wellbeing Partnership area by name; 0 or -1. */
int org_hwp_areas(struct store *st, int (*fn)(void *ctx, const char *code, const char *name), void *ctx);
/* The organisation to hold community support for area: one of the active providers serving it, chosen by
 * core/org_share_pick (reason says why); 0 in *org when none. 0 / -1. */
int org_share_choose(struct store *st, const char *area, int64_t *org, char *reason, size_t reason_len);
#endif
