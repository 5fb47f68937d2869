/* Who may see what of a referral: the hub all of every one, staff of the
 * organisation holding its case all of it, its referrer the status. */
#include "ops/access.h"
#include "ops/referrals_access.h"
#include "store/referral.h"

int ops_referral_access(const struct ops_ctx *c, int64_t id)
{
	struct referral_status s;
	int n = referral_store_status(c->db, id, &s);
	if (n <= 0)
		return n < 0 ? -1 : OPS_REFERRAL_NONE;
	int see = c->role == ROLE_REFERRER ? 0 : ops_referral_staff_may_see(c, id);
	if (see)
		return see < 0 ? -1 : OPS_REFERRAL_FULL;
	return s.referrer_user_id > 0 && s.referrer_user_id == c->user_id ? OPS_REFERRAL_STATUS : OPS_REFERRAL_NONE;
}
