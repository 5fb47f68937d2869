/* POST /api/v1/referrals/{id}/withdraw: the withdrawal (ops/withdraw.h) over JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/api.h"
#include "core/datetime.h"
#include "http/ops_reply.h"
#include "ops/withdraw.h"

static int withdraw_post(struct http_req *req, struct http_resp *resp)
{
	int64_t id;
	json_t *body = http_id_body_or_respond(req, resp, &id);
	if (!body)
		return 0;
	struct field_errors *fe = ops_fielderr_new();
	if (!fe) {
		json_decref(body);
		return -1;
	}
	const char *key;
	json_t *v;
	json_object_foreach(body, key, v)
		if (strcmp(key, "reason") != 0)
			fielderr_add(fe, key, "%s is not a field of a withdrawal (give only reason)", key);
	json_t *rv = json_object_get(body, "reason");
	const char *reason = NULL;
	if (rv && !json_is_string(rv))
		fielderr_add(fe, "reason", "reason must be text (a JSON string)");
	else if (rv)
		reason = json_string_value(rv);
	struct referral_withdrawal out;
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r = ops_withdraw(&c, id, reason, fe, &out);
	json_decref(body);
	char detail[160], updated[DT_UTC_LEN];
	int rc;
	if (r == OPS_OK) {
		dt_format_utc(out.updated_at, updated);
		rc = http_reply_json(resp, 200, json_pack("{s:I,s:s,s:s,s:s,s:i}", "id", (json_int_t)id, "reference",
							  out.reference, "status", out.status, "updated_at", updated,
							  "tasks_cancelled", out.tasks_cancelled));
	} else if (r == OPS_CONFLICT) {
		snprintf(detail, sizeof detail, "Only an open referral can be withdrawn (the referral's status is %s).",
			 out.status);
		rc = http_problem(resp, 409, "Conflict", detail);
	} else {
		rc = http_ops_reply(req, resp, r, "The referral cannot be withdrawn", fe);
	}
	free(fe);
	return rc;
}

const struct route api_referral_withdraw_routes[] = {
	{ "POST", "/api/v1/referrals/{id}/withdraw", withdraw_post, PERM_REFERRAL_WITHDRAW,
	  "Withdraw a referral {reason}: its referrer while it is open, or the hub -> 200 {id, reference, status, "
	  "updated_at, tasks_cancelled}", "referral" },
	{ 0 },
};
