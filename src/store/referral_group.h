/* A bulk import's rows held back for multi-row INSERTs: up to
 * REFERRAL_GROUP_ROWS people, referrals and their reasons, stored by a few
 * statements instead of three a row (each statement has a fixed cost well
 * above that of binding one more row's values). SQLite only, ids named. */
#ifndef WAYMARK_STORE_REFERRAL_GROUP_H
#define WAYMARK_STORE_REFERRAL_GROUP_H
#include "core/refcode.h"
#include "store/store.h"

#define REFERRAL_GROUP_ROWS 16

struct referral_group;

/* Returns a new, empty group (free with referral_group_free), or NULL. */
struct referral_group *referral_group_new(void);
void referral_group_free(struct referral_group *g);

/* Hold back one row's values: a new person's (p, n as for
 * REFERRAL_PERSON_INSERT_ID), a referral's (as for REFERRAL_INSERT_ID; its
 * reference is copied, the other texts must stay valid until the flush),
 * a referral's reason. Return 0, or -1 if the values do not fit the
 * statements (a bug: the model and the statements disagree). */
int referral_group_person(struct referral_group *g, const struct store_param *p, int n);
int referral_group_referral(struct referral_group *g, const struct store_param *p, int n, const char *reference);
int referral_group_reason(struct referral_group *g, int64_t referral_id, const char *code);
/* 1 when the group holds REFERRAL_GROUP_ROWS referrals (flush it). */
int referral_group_full(const struct referral_group *g);

/* Inserts rows (referral_id, code) pairs given as 2 * rows values. 0 or -1. */
int referral_reasons_insert(struct store *st, const struct store_param *p, int rows);

/* Inserts everything held back, people first, and empties the group
 * whatever the outcome. 0, or -1 with the store's error (the caller rolls
 * back the transaction). NULL g does nothing. */
int referral_group_flush(struct store *st, struct referral_group *g);
#endif
