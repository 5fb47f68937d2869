/* POST /api/v1/referrals/{id}/step-up: step up (ops/step_up.h) over JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/api.h"
#include "api/post.h"
#include "http/ops_reply.h"
#include "ops/step_up.h"
#include "ops/triage.h"

static int step_up_post(struct http_req *req, struct http_resp *resp)
{
	struct api_post p;
	int go = api_post_begin(&p, req, resp, 1, "tier reason", "a step up (give tier and reason)");
	if (go <= 0)
		return go;
	struct ops_step_up in = { p.id, api_post_text(&p, "tier", 0), api_post_text(&p, "reason", 0) };
	struct step_up_result *out = malloc(sizeof *out);
	int rc = -1;
	enum ops_result r = out ? ops_step_up(&p.c, &in, out, p.fe) : OPS_ERROR;
	if (out && r != OPS_OK) {
		rc = api_post_failed(&p, r, "The referral cannot be stepped up");
	} else if (out) {
		const struct triage_outcome *o = &out->o;
		json_t *j = json_pack("{s:I,s:I,s:s,s:s,s:I,s:s,s:s,s:i}", "id", (json_int_t)p.id, "case_id", (json_int_t)o->case_id,
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
	}
	free(out);
	return api_post_end(&p, rc);
}

const struct route api_step_up_routes[] = {
	{ "POST", "/api/v1/referrals/{id}/step-up", step_up_post, PERM_REFERRAL_STEP_UP,
	  "Step up a community support referral {tier: social_prescribing|complex_support, reason}: the hub or the "
	  "organisation holding its case -> 200 {id, case_id, from_tier, tier, org_id, org_name, allocation, "
	  "worker_id?, worker_name?, reason, tasks_cancelled}", "referral" },
	{ 0 },
};
