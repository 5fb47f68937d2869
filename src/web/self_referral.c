/* The public self-referral form: no sign-in, so it is rate-limited per
 * client address and guarded against bots without third parties (a field
 * only bots fill, and a signed time stamp that must be a few seconds old). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/internal.h"
#include "store/calendar.h"
#include "util/secret.h"
#include "web/form.h"
#include "web/referral_form.h"
#include "web/web.h"
#include "http/ops_reply.h"
#include "ops/referrals.h"

#define SELF_HONEYPOT "website"             /* the field only bots fill */
#define SELF_STAMP "form_started"           /* the signed time the form was shown */
#define SELF_WINDOW_SECONDS 3600            /* rate limit window */
#define SELF_MAX_AGE_SECONDS HTTP_FORM_TOKEN_MAX_AGE /* as for the form's CSRF token */

static int form_page(struct http_req *req, struct http_resp *resp, const struct field_errors *fe, unsigned status)
{
	const struct referral_refs *refs = referral_refs_app(req->db);
	if (!refs)
		return http_store_failed(req, resp);
	struct web_page pg;
	web_begin_errors(&pg, req, resp, "Refer yourself for support", fe);
	struct html *h = &pg.h;
	html_open(h, "div", "class", "nhsuk-grid-row", NULL);
	html_open(h, "div", "class", "nhsuk-grid-column-two-thirds", NULL);
	html_elem(h, "h1", "Refer yourself for support", NULL);
	const struct workclock *wc = &calendar_app()->wc;
	html_elem(h, "p", wc->count_weekends ? (wc->use_holidays ? "Tell us a little about yourself and what would help. "
				"Someone from the hub will contact you within 24 hours, not counting bank holidays."
				: "Tell us a little about yourself and what would help. Someone from the hub will contact "
				  "you within 24 hours.")
			  : "Tell us a little about yourself and what would help. Someone from the hub will contact you "
			    "within 24 hours, not counting weekends and bank holidays.",
		  "class", "nhsuk-body-l", NULL);
	if (web_hub_contact(h, req))
		return http_store_failed(req, resp);
	html_open(h, "div", "class", "nhsuk-inset-text", NULL);
	html_elem(h, "span", "Important: ", "class", "nhsuk-u-visually-hidden", NULL);
	html_elem(h, "p", "This is not an emergency service. If someone is in immediate danger, call 999. For urgent "
			  "medical help, call 111.", NULL);
	html_close(h);
	char stamp[128], token[128];
	secret_form_token(req->now, "", stamp, sizeof stamp);
	form_begin(h, "/self-referral", http_form_token(req, resp, token, sizeof token));
	html_void(h, "input", "type", "hidden", "name", SELF_STAMP, "value", stamp, NULL);
	referral_form_fields(h, req, CH_SELF, refs, fe);
	/* People never see or reach this field; bots that fill every field do. */
	html_open(h, "div", "class", "nhsuk-u-visually-hidden", "aria-hidden", "true", NULL);
	html_elem(h, "label", "Leave this field empty", "for", SELF_HONEYPOT, NULL);
	html_void(h, "input", "type", "text", "id", SELF_HONEYPOT, "name", SELF_HONEYPOT, "tabindex", "-1",
		  "autocomplete", "off", "value", "", NULL);
	html_close(h);
	form_button(h, "Send");
	form_end(h);
	html_close(h);
	html_close(h);
	return web_end(&pg, resp, status);
}

static int self_get(struct http_req *req, struct http_resp *resp)
{
	return form_page(req, resp, NULL, 200);
}

static int refuse(struct http_req *req, struct http_resp *resp, unsigned status, const char *title, const char *text)
{
	struct web_page pg;
	web_begin(&pg, req, resp, title);
	html_elem(&pg.h, "h1", title, NULL);
	html_elem(&pg.h, "p", text, NULL);
	html_open(&pg.h, "p", NULL);
	html_text(&pg.h, "You can also ask your GP practice to refer you. ");
	web_hub_contact(&pg.h, req);
	html_elem(&pg.h, "a", "Back to the form", "href", "/self-referral", NULL);
	html_close(&pg.h);
	return web_end(&pg, resp, status);
}

static int self_done(struct http_req *req, struct http_resp *resp, int64_t id)
{
	struct referral_status s;
	if (referral_store_status(req->db, id, &s) != 1)
		return http_store_failed(req, resp);
	struct web_page pg;
	web_begin(&pg, req, resp, "Request sent");
	referral_form_confirmation(&pg.h, s.reference, s.sla_due_at, 1);
	return web_end(&pg, resp, 200);
}

static int self_post(struct http_req *req, struct http_resp *resp)
{
	struct ops_ctx c = http_ops_ctx(req);
	int over = ops_self_referral_attempt(&c, http_settings.self_referral_limit,
					     SELF_WINDOW_SECONDS);
	if (over < 0)
		return http_store_failed(req, resp);
	if (over) {
		http_header_add(resp, "Retry-After", "3600");
		return refuse(req, resp, 429, "Too many requests",
			      "We have had too many requests from your connection in the last hour. Please try again later, "
			      "or call the hub.");
	}
	const char *trap = http_form(req, SELF_HONEYPOT);
	if (trap && *trap)
		return refuse(req, resp, 422, "We could not accept this request",
			      "The form was filled in in a way that people do not. If you are a person, go back to the form "
			      "and send it again.");
	const char *stamp = http_form(req, SELF_STAMP);
	long min_secs = http_settings.self_referral_min_seconds;
	if (secret_form_token_check(stamp, "", req->now, 0, SELF_MAX_AGE_SECONDS) != 0)
		return refuse(req, resp, 422, "This form has expired",
			      "The form was open for too long or was not ours. Go back to the form and fill it in again.");
	if (secret_form_token_check(stamp, "", req->now, min_secs, SELF_MAX_AGE_SECONDS) != 0) {
		/* Too quick for a person: show the form again to be sent once more. */
		struct field_errors *fe = ops_fielderr_new();
		if (!fe)
			return -1;
		fielderr_add(fe, "person.given_name", "Please check your answers, then send the form again");
		int rc = form_page(req, resp, fe, 422);
		free(fe);
		return rc;
	}
	return referral_form_submit(req, resp, CH_SELF, form_page, self_done);
}

const struct route web_self_referral_routes[] = {
	{ "GET", "/self-referral", self_get, PERM_PUBLIC, "Refer yourself: the public form (no sign-in, works without JavaScript)" },
	{ "POST", "/self-referral", self_post, PERM_PUBLIC, "Send a self-referral (rate-limited per address; bot checks)" },
	{ 0 },
};
