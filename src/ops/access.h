/* Who may see which record: the relationship checks the use cases and their
 * adapters share (the permission matrix says what a role may attempt; these
 * say which records it may attempt it on). */
#ifndef WAYMARK_OPS_ACCESS_H
#define WAYMARK_OPS_ACCESS_H
#include <stdint.h>
#include "ops/ops.h"

/* The staff relationship with a referral: the hub (hub coordinators and the
 * programme lead) sees every referral; link workers, support workers,
 * volunteer coordinators and provider managers see referrals whose case
 * their organisation holds. 1, 0 (answer 404: none, or not one c may see),
 * or -1 on a store error. */
int ops_referral_staff_may_see(const struct ops_ctx *c, int64_t referral_id);

/* A worker, as staff managing workers see them: the hub sees every worker,
 * others the workers of their own organisation. 1, 0 or -1. */
int ops_worker_staff_may_see(const struct ops_ctx *c, int64_t worker_id);

/* A relationship check's answer as an operation's: 1 OPS_OK, 0
 * OPS_NOT_FOUND, -1 OPS_ERROR. */
enum ops_result ops_may_see_result(int see);
#endif
