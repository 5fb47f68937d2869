/* Withdrawing a referral: the status becomes withdrawn with the reason as
 * its event, the case (if any) closes as withdrawn, the follow-up KPI counts
 * it as left out, and open, offered or accepted volunteer tasks are cancelled. */
#include <stdio.h>
#include <string.h>
#include "core/referral_match.h"
#include "core/referral_validate.h"
#include "ops/withdraw.h"
#include "store/referral.h"
#include "store/triage.h"
#include "util/text.h"

static enum ops_result check_in(const struct ops_ctx *c, int64_t id, struct referral_withdrawal *out,
				struct referral_status *s)
{
	memset(out, 0, sizeof *out);
	/* The hub may withdraw any referral; a referrer only their own (the
	 * permission keeps everyone else out before this). */
	int n = referral_store_status(c->db, id, s);
	if (n < 0)
		return OPS_ERROR;
	if (n == 0 || (!ops_is_hub(c) && (s->referrer_user_id <= 0 || s->referrer_user_id != c->user_id)))
		return OPS_NOT_FOUND;
	snprintf(out->reference, sizeof out->reference, "%s", s->reference);
	snprintf(out->status, sizeof out->status, "%s", s->status);
	out->updated_at = s->updated_at;
	return referral_status_is_open(s->status) ? OPS_OK : OPS_CONFLICT;
}

enum ops_result ops_withdraw_check(const struct ops_ctx *c, int64_t id, struct referral_withdrawal *out)
{
	struct referral_status s;
	return check_in(c, id, out, &s);
}

enum ops_result ops_withdraw(const struct ops_ctx *c, int64_t id, const char *reason, struct field_errors *fe,
			     struct referral_withdrawal *out)
{
	memset(out, 0, sizeof *out);
	if (text_blank(reason))
		fielderr_add(fe, "reason", "Enter why the referral is being withdrawn");
	else if (referral_text_chars(reason, strlen(reason), 1) < 0)
		fielderr_add(fe, "reason", "The reason must be plain text (no control characters)");
	else if (text_utf8_len(reason) > REFERRAL_WITHDRAW_REASON_MAX)
		fielderr_add(fe, "reason", "The reason must be %d characters or fewer", REFERRAL_WITHDRAW_REASON_MAX);
	enum ops_result r = ops_begin(c);
	if (r != OPS_OK)
		return r;
	struct referral_status s;
	r = check_in(c, id, out, &s);
	/* Who may and whether it can come before what they wrote. */
	if (r == OPS_OK && fe->n)
		r = OPS_INVALID;
	if (r != OPS_OK)
		return ops_fail(c, r);
	enum triage_result t = triage_withdraw(c->db, id, reason, c->user_id, c->now);
	if (t != TRIAGE_OK)
		return ops_fail(c, t == TRIAGE_NOT_FOUND ? OPS_NOT_FOUND : t == TRIAGE_CONFLICT ? OPS_CONFLICT : OPS_ERROR);
	int cancelled = store_exec(c->db, STMT_VTASK_CANCEL_FOR_REFERRAL, NULL, NULL, "siii", "the referral was withdrawn",
				   c->now, c->now, id);
	if (cancelled < 0)
		return ops_fail(c, OPS_ERROR);
	char detail[48];
	snprintf(detail, sizeof detail, "tasks cancelled %d", cancelled);
	r = ops_commit_audited(c, AUDIT_REFERRAL_WITHDRAW, "referral", id, s.person_id, detail);
	if (r == OPS_OK) {
		snprintf(out->status, sizeof out->status, "withdrawn");
		out->updated_at = c->now;
		out->tasks_cancelled = cancelled;
	}
	return r;
}
