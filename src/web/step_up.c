/* Stepping a community support referral up to a worker from the pages: a
 * form with the tier and why (the hub, or the organisation holding its
 * case); afterwards the same page says where the case now is. The rules are
 * the operation's (ops/step_up.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datetime.h"
#include "http/ops_reply.h"
#include "ops/step_up.h"
#include "web/form.h"
#include "web/post.h"
#include "web/web.h"

static const struct form_option tiers[] = {
	{ "complex_support", "Complex support (a support worker)" },
	{ "social_prescribing", "Social prescribing (a Living Well Worker)" },
	{ NULL, NULL },
};

static void case_now(struct html *h, const struct triage_case *cs)
{
	html_open(h, "div", "class", "nhsuk-inset-text", NULL);
	html_open(h, "p", NULL);
	if (!cs->id)
		html_text(h, "This referral has no case yet, so there is nothing to step up.");
	else if (cs->worker_id)
		html_textf(h, "This referral's case is %s, %s, with %s (%s).", cs->tier, cs->status, cs->worker_name,
			   cs->org_name);
	else
		html_textf(h, "This referral's case is %s, %s, held by %s%s.", cs->tier, cs->status, cs->org_name,
			   strcmp(cs->tier, "community_support") == 0 ? ""
								    : ", waiting for the hub to give it to a worker");
	html_close(h);
	html_close(h);
}

static int step_up_form(struct http_req *req, struct http_resp *resp, int64_t id, const struct triage_case *cs,
			enum ops_result state, const struct field_errors *fe, const char *tier, const char *reason,
			unsigned status)
{
	struct web_page pg;
	web_begin_errors(&pg, req, resp, "Step up to a worker", fe);
	struct html *h = &pg.h;
	html_elem(h, "h1", "Step up to a worker", NULL);
	if (state == OPS_CONFLICT) {
		case_now(h, cs);
		html_elem(h, "p", "Only an open community support referral can be stepped up.", "class", "nhsuk-body", NULL);
	} else {
		html_elem(h, "p", "When a person's needs turn out to be more than a volunteer should meet, their referral "
				  "moves to a worker. It keeps its history and its follow-up clock; volunteer tasks not "
				  "yet done are cancelled, and a worker is chosen as at triage.",
			  "class", "nhsuk-body", NULL);
		case_now(h, cs);
		char action[64];
		snprintf(action, sizeof action, "/referrals/%lld/step-up", (long long)id);
		form_begin(h, action, req->auth.csrf[0] ? req->auth.csrf : NULL);
		form_radios(h, &(struct form_field){ .name = "tier", .label = "Step up to", .value = tier, .errors = fe },
			    tiers);
		form_textarea(h, &(struct form_field){ .name = "reason", .label = "Why does the person need a worker?",
						       .hint = "What they need that a volunteer should not meet. At most "
							       "1000 characters.",
						       .value = reason, .errors = fe },
			      4);
		form_button(h, "Step up");
		form_end(h);
	}
	html_open(h, "p", NULL);
	html_elem(h, "a", "Back to volunteer tasks", "href", "/volunteers/tasks", NULL);
	html_close(h);
	return web_end(&pg, resp, status);
}

static int step_up_page(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	struct triage_case cs;
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r = ops_step_up_check(&c, id, &cs);
	if (r != OPS_OK && r != OPS_CONFLICT)
		return web_ops_reply(req, resp, r, "Step up to a worker", NULL);
	return step_up_form(req, resp, id, &cs, r, NULL, NULL, NULL, 200);
}

static int step_up_post(struct http_req *req, struct http_resp *resp)
{
	const char *tier = http_form(req, "tier"), *reason = http_form(req, "reason");
	struct web_post p;
	if (!web_post_id(&p, req, resp))
		return p.rc;
	struct step_up_result *out = malloc(sizeof *out);
	int rc = -1;
	if (!out)
		goto done;
	struct ops_step_up in = { p.id, tier, reason };
	enum ops_result r = ops_step_up(&p.c, &in, out, p.fe);
	char to[64];
	snprintf(to, sizeof to, "/referrals/%lld/step-up", (long long)p.id);
	if (r == OPS_OK) {
		rc = http_redirect(resp, to);
	} else if (r == OPS_INVALID || r == OPS_CONFLICT) {
		struct triage_case cs;
		enum ops_result now = ops_step_up_check(&p.c, p.id, &cs);
		rc = step_up_form(req, resp, p.id, &cs, now == OPS_OK ? r : now, p.fe, tier, reason,
				  r == OPS_CONFLICT ? 409 : 422);
	} else {
		rc = web_ops_reply(req, resp, r, "Step up to a worker", p.fe);
	}
done:
	free(out);
	return web_post_end(&p, rc);
}

const struct route web_step_up_routes[] = {
	{ "GET", "/referrals/{id}/step-up", step_up_page, PERM_REFERRAL_STEP_UP,
	  "Step up a community support referral: the form (or where its case now is)", "referral" },
	{ "POST", "/referrals/{id}/step-up", step_up_post, PERM_REFERRAL_STEP_UP,
	  "Step up a community support referral (form): back to the page, or the form with its errors", "referral" },
	{ 0 },
};
