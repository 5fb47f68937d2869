/* Step up: a community support referral whose needs turn out to be more
 * than a volunteer should meet is re-triaged to social prescribing or
 * complex support, by the hub or the organisation holding its case, in one
 * audited transaction (store/step_up.h says what changes and what stays). */
#ifndef WAYMARK_OPS_STEP_UP_H
#define WAYMARK_OPS_STEP_UP_H
#include "ops/ops.h"
#include "store/step_up.h"

struct ops_step_up {
	int64_t referral_id;
	const char *tier, *reason;
};

/* fe may hold the adapter's problems with the input already (then
 * OPS_INVALID once the referral is known to be visible). OPS_CONFLICT (fe
 * "status") when the referral has no open community support case. */
enum ops_result ops_step_up(const struct ops_ctx *c, const struct ops_step_up *in, struct step_up_result *out,
			    struct field_errors *fe);

/* Whether c may step referral id up now: OPS_OK, OPS_CONFLICT (not an open
 * community support case), OPS_NOT_FOUND or OPS_ERROR. Reads only. */
enum ops_result ops_step_up_check(const struct ops_ctx *c, int64_t id, struct triage_case *cs);
#endif
