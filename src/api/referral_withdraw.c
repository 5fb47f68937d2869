/* POST /api/v1/referrals/{id}/withdraw: the withdrawal (ops/withdraw.h) over JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/api.h"
#include "api/post.h"
#include "core/datetime.h"
#include "http/ops_reply.h"
#include "ops/withdraw.h"

static int withdraw_post(struct http_req *req, struct http_resp *resp)
{
	struct api_post p;
	int go = api_post_begin(&p, req, resp, 1, "reason", "a withdrawal (give only reason)");
	if (go <= 0)
		return go;
	struct referral_withdrawal out;
	enum ops_result r = ops_withdraw(&p.c, p.id, api_post_text(&p, "reason", 0), p.fe, &out);
	char detail[160], updated[DT_UTC_LEN];
	int rc;
	if (r == OPS_OK) {
		dt_format_utc(out.updated_at, updated);
		rc = http_reply_json(resp, 200, json_pack("{s:I,s:s,s:s,s:s,s:i}", "id", (json_int_t)p.id, "reference",
							  out.reference, "status", out.status, "updated_at", updated,
							  "tasks_cancelled", out.tasks_cancelled));
	} else if (r == OPS_CONFLICT) {
		snprintf(detail, sizeof detail, "Only an open referral can be withdrawn (the referral's status is %s).",
			 out.status);
		rc = http_problem(resp, 409, "Conflict", detail);
	} else {
		rc = api_post_failed(&p, r, "The referral cannot be withdrawn");
	}
	return api_post_end(&p, rc);
}

const struct route api_referral_withdraw_routes[] = {
	{ "POST", "/api/v1/referrals/{id}/withdraw", withdraw_post, PERM_REFERRAL_WITHDRAW,
	  "Withdraw a referral {reason}: its referrer while it is open, or the hub -> 200 {id, reference, status, "
	  "updated_at, tasks_cancelled}", "referral" },
	{ 0 },
};
