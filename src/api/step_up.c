/* POST /api/v1/referrals/{id}/step-up: step up (ops/step_up.h) over JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/api.h"
#include "http/ops_reply.h"
#include "ops/step_up.h"
#include "ops/triage.h"

static const char *text_field(json_t *body, const char *key, struct field_errors *fe)
{
	json_t *v = json_object_get(body, key);
	if (v && !json_is_string(v)) {
		fielderr_add(fe, key, "%s must be text (a JSON string)", key);
		return NULL;
	}
	return v ? json_string_value(v) : NULL;
}

static int step_up_post(struct http_req *req, struct http_resp *resp)
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
		if (strcmp(key, "tier") != 0 && strcmp(key, "reason") != 0)
			fielderr_add(fe, key, "%s is not a field of a step up (give tier and reason)", key);
	struct ops_step_up in = { id, text_field(body, "tier", fe), text_field(body, "reason", fe) };
	struct step_up_result *out = malloc(sizeof *out);
	int rc = -1;
	if (!out)
		goto done;
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r = ops_step_up(&c, &in, out, fe);
	if (r != OPS_OK) {
		rc = http_ops_reply(req, resp, r, "The referral cannot be stepped up", fe);
		goto done;
	}
	const struct triage_outcome *o = &out->o;
	json_t *j = json_pack("{s:I,s:I,s:s,s:s,s:I,s:s,s:s,s:i}", "id", (json_int_t)id, "case_id", (json_int_t)o->case_id,
			      "from_tier", out->from_tier, "tier", o->tier, "org_id", (json_int_t)o->org_id, "org_name",
			      o->org_name, "allocation", ops_triage_alloc_code(o->alloc.status), "tasks_cancelled",
			      out->tasks_cancelled);
	if (j && o->alloc.status == ALLOCATE_OK) {
		json_object_set_new(j, "worker_id", json_integer(o->worker_id));
		json_object_set_new(j, "worker_name", json_string(o->worker_name));
	}
	if (j)
		json_object_set_new(j, "reason", json_string(o->alloc.reason));
	rc = http_reply_json(resp, 200, j);
done:
	json_decref(body);
	free(out);
	free(fe);
	return rc;
}

const struct route api_step_up_routes[] = {
	{ "POST", "/api/v1/referrals/{id}/step-up", step_up_post, PERM_REFERRAL_STEP_UP,
	  "Step up a community support referral {tier: social_prescribing|complex_support, reason}: the hub or the "
	  "organisation holding its case -> 200 {id, case_id, from_tier, tier, org_id, org_name, allocation, "
	  "worker_id?, worker_name?, reason, tasks_cancelled}", "referral" },
	{ 0 },
};
