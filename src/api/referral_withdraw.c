/* POST /api/v1/referrals/{id}/withdraw, and the withdrawal itself (see
 * referral_withdraw.h): the status becomes withdrawn with the reason as its
 * event, the case (if any) closes as withdrawn, the follow-up KPI counts it
 * as left out, and open, offered or accepted volunteer tasks are cancelled. */
#include <stdio.h>
#include <string.h>
#include "api/referral_withdraw.h"
#include "api/referrals.h"
#include "api/triage.h"
#include "core/datetime.h"
#include "core/referral_match.h"
#include "core/referral_validate.h"
#include "http/audit_req.h"
#include "store/referral.h"
#include "store/triage.h"
#include "util/text.h"
#include "http/ops_reply.h"

static enum referral_withdraw_result check_in(struct http_req *req, int64_t id, struct referral_withdrawal *out,
					      struct referral_status *s)
{
	memset(out, 0, sizeof *out);
	/* The hub may withdraw any referral; a referrer only their own (the
	 * permission keeps everyone else out before this). */
	int n = referral_store_status(req->db, id, s);
	if (n < 0)
		return REFERRAL_WITHDRAW_ERROR;
	if (n == 0 || (!referral_is_hub(req) && (s->referrer_user_id <= 0 || s->referrer_user_id != req->auth.user_id)))
		return REFERRAL_WITHDRAW_NOT_FOUND;
	snprintf(out->reference, sizeof out->reference, "%s", s->reference);
	snprintf(out->status, sizeof out->status, "%s", s->status);
	out->updated_at = s->updated_at;
	return referral_status_is_open(s->status) ? REFERRAL_WITHDRAW_OK : REFERRAL_WITHDRAW_CONFLICT;
}

enum referral_withdraw_result referral_withdraw_check(struct http_req *req, int64_t id,
						      struct referral_withdrawal *out)
{
	struct referral_status s;
	return check_in(req, id, out, &s);
}

enum referral_withdraw_result referral_withdraw(struct http_req *req, int64_t id, const char *reason,
						struct field_errors *fe, struct referral_withdrawal *out)
{
	memset(out, 0, sizeof *out);
	if (text_blank(reason))
		fielderr_add(fe, "reason", "Enter why the referral is being withdrawn");
	else if (referral_text_chars(reason, strlen(reason), 1) < 0)
		fielderr_add(fe, "reason", "The reason must be plain text (no control characters)");
	else if (text_utf8_len(reason) > REFERRAL_WITHDRAW_REASON_MAX)
		fielderr_add(fe, "reason", "The reason must be %d characters or fewer", REFERRAL_WITHDRAW_REASON_MAX);
	if (store_begin(req->db))
		return REFERRAL_WITHDRAW_ERROR;
	struct referral_status s;
	enum referral_withdraw_result r = check_in(req, id, out, &s);
	/* Who may and whether it can come before what they wrote. */
	if (r == REFERRAL_WITHDRAW_OK && fe->n)
		r = REFERRAL_WITHDRAW_INVALID;
	if (r != REFERRAL_WITHDRAW_OK) {
		store_rollback(req->db);
		return r;
	}
	enum triage_result t = triage_withdraw(req->db, id, reason, req->auth.user_id, req->now);
	if (t != TRIAGE_OK) {
		store_rollback(req->db);
		return t == TRIAGE_NOT_FOUND ? REFERRAL_WITHDRAW_NOT_FOUND
		       : t == TRIAGE_CONFLICT ? REFERRAL_WITHDRAW_CONFLICT : REFERRAL_WITHDRAW_ERROR;
	}
	int cancelled = store_exec(req->db, STMT_VTASK_CANCEL_FOR_REFERRAL, NULL, NULL, "siii", "the referral was withdrawn",
				   req->now, req->now, id);
	char detail[48];
	snprintf(detail, sizeof detail, "tasks cancelled %d", cancelled);
	if (cancelled < 0 || http_audit(req, AUDIT_REFERRAL_WITHDRAW, "referral", id, s.person_id, detail) ||
	    store_commit(req->db)) {
		store_rollback(req->db);
		return REFERRAL_WITHDRAW_ERROR;
	}
	snprintf(out->status, sizeof out->status, "withdrawn");
	out->updated_at = req->now;
	out->tasks_cancelled = cancelled;
	return REFERRAL_WITHDRAW_OK;
}

static int withdraw_post(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	json_t *body = http_json_body_or_respond(req, resp);
	if (!body)
		return 0;
	struct field_errors fe;
	fielderr_init(&fe);
	const char *key;
	json_t *v;
	json_object_foreach(body, key, v)
		if (strcmp(key, "reason") != 0)
			fielderr_add(&fe, key, "%s is not a field of a withdrawal (give only reason)", key);
	json_t *rv = json_object_get(body, "reason");
	const char *reason = NULL;
	if (rv && !json_is_string(rv))
		fielderr_add(&fe, "reason", "reason must be text (a JSON string)");
	else if (rv)
		reason = json_string_value(rv);
	struct referral_withdrawal out;
	enum referral_withdraw_result r = referral_withdraw(req, id, reason, &fe, &out);
	json_decref(body);
	char detail[160], updated[DT_UTC_LEN];
	switch (r) {
	case REFERRAL_WITHDRAW_OK:
		dt_format_utc(out.updated_at, updated);
		return http_reply_json(resp, 200,
				       json_pack("{s:I,s:s,s:s,s:s,s:i}", "id", (json_int_t)id, "reference", out.reference,
						 "status", out.status, "updated_at", updated, "tasks_cancelled",
						 out.tasks_cancelled));
	case REFERRAL_WITHDRAW_NOT_FOUND:
		return http_problem(resp, 404, "Not found", "There is no referral with that id.");
	case REFERRAL_WITHDRAW_CONFLICT:
		snprintf(detail, sizeof detail, "Only an open referral can be withdrawn (the referral's status is %s).",
			 out.status);
		return http_problem(resp, 409, "Conflict", detail);
	case REFERRAL_WITHDRAW_INVALID:
		return http_problem_fields(resp, 422, "The referral cannot be withdrawn", &fe);
	default:
		return http_store_failed(req, resp);
	}
}

const struct route api_referral_withdraw_routes[] = {
	{ "POST", "/api/v1/referrals/{id}/withdraw", withdraw_post, PERM_REFERRAL_WITHDRAW,
	  "Withdraw a referral {reason}: its referrer while it is open, or the hub -> 200 {id, reference, status, "
	  "updated_at, tasks_cancelled}", "referral" },
	{ 0 },
};
