/* Withdrawing a referral: its referrer (while it is open) or the hub says
 * why, and the referral, its case and its unfinished volunteer tasks end in
 * one audited transaction. */
#ifndef WAYMARK_OPS_WITHDRAW_H
#define WAYMARK_OPS_WITHDRAW_H
#include "core/refcode.h"
#include "ops/ops.h"

#define REFERRAL_WITHDRAW_REASON_MAX 500 /* characters */

struct referral_withdrawal {
	char reference[REFCODE_MAX];
	char status[24];
	int64_t updated_at;
	int tasks_cancelled;
};

/* What c's user may do with referral id: OK (may withdraw it now),
 * NOT_FOUND (none, or not theirs), CONFLICT (theirs but no longer open:
 * out->status says what it is) or ERROR; out gets its reference and
 * status. Reads only. */
enum ops_result ops_withdraw_check(const struct ops_ctx *c, int64_t id, struct referral_withdrawal *out);

/* Withdraws referral id for reason (required, at most
 * REFERRAL_WITHDRAW_REASON_MAX characters, line breaks allowed): who may
 * and whether it can come before the reason's problems (INVALID, fe, with
 * any it already held). Audited referral.withdraw. */
enum ops_result ops_withdraw(const struct ops_ctx *c, int64_t id, const char *reason, struct field_errors *fe,
			     struct referral_withdrawal *out);
#endif
