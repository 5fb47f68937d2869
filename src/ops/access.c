/* The relationship checks: which records a user may see. */
#include "ops/access.h"
#include "store/triage.h"
#include "store/worker.h"

int ops_referral_staff_may_see(const struct ops_ctx *c, int64_t referral_id)
{
	if (ops_is_hub(c)) {
		/* The hub sees every referral, but one that does not exist is 404
		 * before any body is looked at. */
		int64_t found = 0;
		return store_get_int(c->db, STMT_REFERRAL_STATUS_GET, &found, "i", referral_id);
	}
	switch (c->role) {
	case ROLE_LINK_WORKER:
	case ROLE_SUPPORT_WORKER:
	case ROLE_VOLUNTEER_COORDINATOR:
	case ROLE_PROVIDER_MANAGER:
		return triage_case_held_by(c->db, referral_id, c->org_id);
	default:
		return 0;
	}
}

int ops_worker_staff_may_see(const struct ops_ctx *c, int64_t worker_id)
{
	struct worker_info w;
	int n = worker_get(c->db, worker_id, c->now, &w);
	return n <= 0 ? n : ops_is_hub(c) || w.org_id == c->org_id;
}

enum ops_result ops_may_see_result(int see)
{
	return see > 0 ? OPS_OK : see == 0 ? OPS_NOT_FOUND : OPS_ERROR;
}
