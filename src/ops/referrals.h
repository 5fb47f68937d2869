/* Referral intake, one home for every channel: checking a referral and
 * storing it with its audit event (the form, the self-referral form and the
 * JSON API call these; the CSV import shares the same checks and store). */
#ifndef WAYMARK_OPS_REFERRALS_H
#define WAYMARK_OPS_REFERRALS_H
#include "core/referral_validate.h"
#include "ops/ops.h"
#include "store/referral.h"

/* A checked referral ready to store (the work area, about 33 KB, is on the heap). */
struct ops_referral;

/*
 * Checks raw as input from channel (CH_FORM, CH_SELF or CH_API) by c's user.
 * A signed-in referrer's missing name, email and organisation are taken from
 * their account first; the hub may back-date receipt through the API.
 * Problems the adapter found reading the input (already in fe) refuse it too.
 * OPS_OK with *out (free with ops_referral_free), OPS_INVALID (fe says why)
 * or OPS_ERROR.
 */
enum ops_result ops_referral_prepare(const struct ops_ctx *c, struct referral_raw *raw, unsigned channel,
				     struct field_errors *fe, struct ops_referral **out);
void ops_referral_free(struct ops_referral *p);

/* Stores p and its audit event on c->db inside the caller's transaction (the
 * group commit writer's savepoint runs it with the writer's store). 0 or -1. */
int ops_referral_store(const struct ops_ctx *c, const struct ops_referral *p, struct referral_created *out);

/* ops_referral_prepare and ops_referral_store in one transaction. */
enum ops_result ops_referral_submit(const struct ops_ctx *c, struct referral_raw *raw, unsigned channel,
				    struct field_errors *fe, struct referral_created *out);

/* Counts a self-referral from c->addr against limit a window_seconds, clearing
 * old attempts as it goes: 1 when over the limit, 0, or -1 on a store error. */
int ops_self_referral_attempt(const struct ops_ctx *c, long limit, int64_t window_seconds);
#endif
