/* What the acting user may see of a referral: the relationship check every
 * channel asks before showing or changing one. */
#ifndef WAYMARK_OPS_REFERRALS_ACCESS_H
#define WAYMARK_OPS_REFERRALS_ACCESS_H
#include "ops/ops.h"

enum ops_referral_access {
	OPS_REFERRAL_NONE,   /* answer 404, so ids cannot be probed */
	OPS_REFERRAL_STATUS, /* they made it: what they submitted, its status and dates */
	OPS_REFERRAL_FULL,   /* the hub, or staff whose organisation holds the case */
};

/* The access of c's user to referral id, or -1 on a store error. */
int ops_referral_access(const struct ops_ctx *c, int64_t id);
#endif
