/* Withdrawing a referral from the pages: a form asking why (its referrer,
 * while it is open, or the hub), then the referral list with its new status.
 * The rules are the operation's (ops/withdraw.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/ops_reply.h"
#include "ops/withdraw.h"
#include "web/form.h"
#include "web/post.h"
#include "web/web.h"

#define REASON_FIELD "reason"

static int withdraw_form(struct http_req *req, struct http_resp *resp, int64_t id, const struct referral_withdrawal *w,
			 enum ops_result state, const struct field_errors *fe, const char *reason,
			 unsigned status)
{
	char title[64];
	snprintf(title, sizeof title, "Withdraw referral %s", w->reference);
	struct web_page pg;
	web_begin_errors(&pg, req, resp, title, fe);
	struct html *h = &pg.h;
	html_elem(h, "h1", title, NULL);
	if (state == OPS_CONFLICT) {
		html_open(h, "div", "class", "nhsuk-inset-text", NULL);
		html_open(h, "p", NULL);
		html_textf(h, "This referral cannot be withdrawn: its status is %s. Only an open referral (received, "
			      "triaged, allocated or in progress) can be.", w->status);
		html_close(h);
		html_close(h);
	} else {
		html_elem(h, "p", "The referral will be closed as withdrawn. If the person already has a case, it is closed; "
				  "volunteer tasks not yet done are cancelled. This cannot be undone: make a new referral "
				  "if support is needed again.", "class", "nhsuk-body", NULL);
		char action[64];
		snprintf(action, sizeof action, "/referrals/%lld/withdraw", (long long)id);
		form_begin(h, action, req->auth.csrf[0] ? req->auth.csrf : NULL);
		form_textarea(h, &(struct form_field){ .name = REASON_FIELD, .label = "Why is the referral being withdrawn?",
						       .hint = "For example, the person has moved away or no longer wants "
							       "support. At most 500 characters.",
						       .value = reason, .errors = fe },
			      4);
		form_button(h, "Withdraw referral");
		form_end(h);
	}
	html_open(h, "p", NULL);
	html_elem(h, "a", "Back to referrals", "href", "/referrals", "class", "nhsuk-back-link__link", NULL);
	html_close(h);
	return web_end(&pg, resp, status);
}

static int withdraw_page(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	struct referral_withdrawal w;
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r = ops_withdraw_check(&c, id, &w);
	if (r != OPS_OK && r != OPS_CONFLICT)
		return web_ops_reply(req, resp, r, "Withdraw a referral", NULL);
	/* Viewing a referral that can no longer be withdrawn is an ordinary page. */
	return withdraw_form(req, resp, id, &w, r, NULL, NULL, 200);
}

static int withdraw_post(struct http_req *req, struct http_resp *resp)
{
	const char *reason = http_form(req, REASON_FIELD);
	struct web_post p;
	if (!web_post_id(&p, req, resp))
		return p.rc;
	struct referral_withdrawal w;
	enum ops_result r = ops_withdraw(&p.c, p.id, reason, p.fe, &w);
	unsigned status = r == OPS_CONFLICT ? 409 : 422;
	return web_post_end(&p, r == OPS_OK ? http_redirect(resp, "/referrals?done=withdrawn")
				: r == OPS_CONFLICT || r == OPS_INVALID
				    ? withdraw_form(req, resp, p.id, &w, r, p.fe, reason, status)
				    : web_ops_reply(req, resp, r, "Withdraw a referral", p.fe));
}

const struct route web_referral_withdraw_routes[] = {
	{ "GET", "/referrals/{id}/withdraw", withdraw_page, PERM_REFERRAL_WITHDRAW,
	  "Withdraw a referral: the form asking why (its referrer while it is open, or the hub)", "referral" },
	{ "POST", "/referrals/{id}/withdraw", withdraw_post, PERM_REFERRAL_WITHDRAW,
	  "Withdraw a referral (form): back to the referrals, or the form with its errors", "referral" },
	{ 0 },
};
