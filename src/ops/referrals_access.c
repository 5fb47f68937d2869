/* Who may see what of a referral: the hub all of every one, staff of the
 * organisation holding its case all of it, its referrer the status. */
#include "ops/referrals_access.h"
#include "store/referral.h"
#include "store/triage.h"

int ops_referral_access(const struct ops_ctx *c, int64_t id)
{
	struct referral_status s;
	int n = referral_store_status(c->db, id, &s);
	if (n <= 0)
		return n < 0 ? -1 : OPS_REFERRAL_NONE;
	if (ops_is_hub(c))
		return OPS_REFERRAL_FULL;
	switch (c->role) {
	case ROLE_LINK_WORKER:
	case ROLE_SUPPORT_WORKER:
	case ROLE_VOLUNTEER_COORDINATOR:
	case ROLE_PROVIDER_MANAGER: {
		int held = triage_case_held_by(c->db, id, c->org_id);
		if (held)
			return held < 0 ? -1 : OPS_REFERRAL_FULL;
		break;
	}
	default:
		break;
	}
	return s.referrer_user_id > 0 && s.referrer_user_id == c->user_id ? OPS_REFERRAL_STATUS : OPS_REFERRAL_NONE;
}
