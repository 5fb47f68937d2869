/* Step up's write: the hub, or the organisation holding the case, moves a
 * community support referral to a worker's tier, audited. */
#include <stdio.h>
#include <string.h>
#include "ops/access.h"
#include "ops/step_up.h"

enum ops_result ops_step_up_check(const struct ops_ctx *c, int64_t id, struct triage_case *cs)
{
	memset(cs, 0, sizeof *cs);
	enum ops_result r = ops_may_see_result(ops_referral_staff_may_see(c, id));
	if (r != OPS_OK)
		return r;
	int n = triage_case_get(c->db, id, cs);
	if (n < 0)
		return OPS_ERROR;
	if (n == 1 && !ops_is_hub(c) && cs->org_id != c->org_id)
		return OPS_NOT_FOUND;
	return n == 1 && strcmp(cs->status, "open") == 0 && strcmp(cs->tier, "community_support") == 0 ? OPS_OK
												       : OPS_CONFLICT;
}

enum ops_result ops_step_up(const struct ops_ctx *c, const struct ops_step_up *in, struct step_up_result *out,
			    struct field_errors *fe)
{
	memset(out, 0, sizeof *out);
	enum ops_result r = ops_may_see_result(ops_referral_staff_may_see(c, in->referral_id));
	if (r != OPS_OK)
		return r;
	if ((r = ops_begin(c)) != OPS_OK)
		return r;
	struct step_up_request rq = { in->referral_id, in->tier, in->reason, c->user_id, c->org_id, !ops_is_hub(c), c->now };
	size_t before = fe->n;
	enum triage_result t = triage_step_up(c->db, &rq, out, fe);
	if (t == TRIAGE_OK && before)
		t = TRIAGE_INVALID;
	switch (t) {
	case TRIAGE_OK:
		break;
	case TRIAGE_INVALID:
		return ops_fail(c, OPS_INVALID);
	case TRIAGE_NOT_FOUND:
		return ops_fail(c, OPS_NOT_FOUND);
	case TRIAGE_CONFLICT:
		fielderr_add(fe, "status",
			     "Only an open community support referral can be stepped up (the referral's status is %s).",
			     out->o.status[0] ? out->o.status : "unknown");
		return ops_fail(c, OPS_CONFLICT);
	case TRIAGE_ERROR:
		return ops_fail(c, OPS_ERROR);
	}
	char detail[128];
	snprintf(detail, sizeof detail, "%s to %s; %s", out->from_tier, out->o.tier,
		 out->o.alloc.status == ALLOCATE_OK ? "allocated" : "allocation pending");
	return ops_commit_audited(c, AUDIT_REFERRAL_STEP_UP, "referral", in->referral_id, out->o.person_id, detail);
}
