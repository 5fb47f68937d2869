/* The public volunteer application form: no sign-in, so, like the
 * self-referral form, rate-limited per client address and guarded against
 * bots (a field only bots fill, and a signed time stamp that must be a few
 * seconds old). An application becomes an applicant that the coordinators
 * of the area's provider review on /volunteers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/match.h"
#include "http/internal.h"
#include "http/ops_reply.h"
#include "ops/referrals.h"
#include "ops/volunteer_apply.h"
#include "util/secret.h"
#include "web/form.h"
#include "web/web.h"

#define APPLY_HONEYPOT "website"
#define APPLY_STAMP "form_started"
#define APPLY_WINDOW_SECONDS 3600
#define APPLY_MAX_AGE_SECONDS HTTP_FORM_TOKEN_MAX_AGE

static const char *const day_keys[7] = { "availability.mon", "availability.tue", "availability.wed", "availability.thu",
					 "availability.fri", "availability.sat", "availability.sun" };
static const char *const day_names[7] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };

/* The campaign id in text, or 0 when it is not a plain positive number. */
static int64_t campaign_id_of(const char *s)
{
	if (!s || !*s || strlen(s) > 18 || strspn(s, "0123456789") != strlen(s))
		return 0;
	return strtoll(s, NULL, 10);
}

static int form_page(struct http_req *req, struct http_resp *resp, const struct field_errors *fe, unsigned status)
{
	int posted = fe != NULL;
#define V(name, dflt) (posted ? http_form(req, name) : (dflt))
	struct web_page pg;
	web_begin_errors(&pg, req, resp, "Volunteer with us", fe);
	struct html *h = &pg.h;
	html_open(h, "div", "class", "nhsuk-grid-row", NULL);
	html_open(h, "div", "class", "nhsuk-grid-column-two-thirds", NULL);
	html_elem(h, "h1", "Volunteer with us", NULL);
	html_elem(h, "p", "Volunteers help people in Norfolk and Waveney with shopping, prescriptions, lifts, a friendly "
			  "call and more. Tell us about yourself and a volunteer coordinator near you will be in touch.",
		  "class", "nhsuk-body-l", NULL);
	char stamp[128], token[128];
	secret_form_token(req->now, "", stamp, sizeof stamp);
	form_begin(h, "/volunteer-application", http_form_token(req, resp, token, sizeof token));
	html_void(h, "input", "type", "hidden", "name", APPLY_STAMP, "value", stamp, NULL);
	/* A campaign's link (?campaign=ID) is carried with the form; the operation decides whether it counts. */
	const char *campaign = posted ? http_form(req, "campaign") : http_query(req, "campaign");
	if (campaign_id_of(campaign) > 0) {
		char cid[24];
		snprintf(cid, sizeof cid, "%lld", (long long)campaign_id_of(campaign));
		html_void(h, "input", "type", "hidden", "name", "campaign", "value", cid, NULL);
	}
	form_input(h, &(struct form_field){ .name = "name", .label = "Full name", .value = V("name", NULL),
					    .autocomplete = "name", .errors = fe });
	form_input(h, &(struct form_field){ .name = "email", .label = "Email address", .hint = "Or give a phone number",
					    .type = "email", .value = V("email", NULL), .autocomplete = "email", .errors = fe });
	form_input(h, &(struct form_field){ .name = "phone", .label = "Phone number", .type = "tel", .value = V("phone", NULL),
					    .autocomplete = "tel", .width = "nhsuk-input--width-20", .errors = fe });
	form_input(h, &(struct form_field){ .name = "postcode", .label = "Home postcode", .value = V("postcode", NULL),
					    .autocomplete = "postal-code", .width = "nhsuk-input--width-10", .errors = fe });
	struct form_option skills[MATCH_SKILL__MAX + 1];
	for (int s = 0; s < MATCH_SKILL__MAX; s++)
		skills[s] = (struct form_option){ match_skill_code((enum match_skill)s), match_skill_label((enum match_skill)s) };
	skills[MATCH_SKILL__MAX] = (struct form_option){ NULL, NULL };
	const char *checked[MATCH_SKILL__MAX + 1] = { 0 };
	size_t nc = 0;
	for (int i = 0; posted && i < req->nform && nc < MATCH_SKILL__MAX; i++)
		if (strcmp(req->form[i].name, "skills") == 0)
			checked[nc++] = req->form[i].value;
	form_checkboxes(h, &(struct form_field){ .name = "skills", .label = "What could you help with?",
						 .hint = "Choose all that apply", .errors = fe },
			skills, checked);
	static const struct form_option yn[] = { { "yes", "Yes" }, { "no", "No" }, { NULL, NULL } };
	form_radios(h, &(struct form_field){ .name = "car", .label = "Do you have a car you can use?", .value = V("car", "no"),
					     .errors = fe },
		    yn);
	form_input(h, &(struct form_field){ .name = "travel_radius_km", .label = "How far would you travel, in kilometres?",
					    .value = V("travel_radius_km", "5"), .width = "nhsuk-input--width-4", .errors = fe });
	form_input(h, &(struct form_field){ .name = "max_tasks_per_week", .label = "Most tasks a week",
					    .value = V("max_tasks_per_week", "2"), .width = "nhsuk-input--width-2", .errors = fe });
	html_open(h, "fieldset", "class", "nhsuk-fieldset", NULL);
	html_open(h, "legend", "class", "nhsuk-fieldset__legend nhsuk-fieldset__legend--s", NULL);
	html_text(h, "When are you free?");
	html_close(h);
	html_elem(h, "p", "Times like 10:00-12:00, 9am-1pm or all day; leave a day blank if you are not free.", "class",
		  "nhsuk-hint", NULL);
	for (int d = 0; d < 7; d++)
		form_input(h, &(struct form_field){ .name = day_keys[d], .label = day_names[d], .value = V(day_keys[d], NULL),
						    .width = "nhsuk-input--width-20", .errors = fe });
	html_close(h);
	static const struct form_option consent[] = {
		{ "yes", "I agree that my details are kept to contact me about volunteering" }, { NULL, NULL } };
	const char *cc[2] = { posted ? http_form(req, "consent") : NULL, NULL };
	form_checkboxes(h, &(struct form_field){ .name = "consent", .label = "Your details", .errors = fe }, consent, cc);
	html_open(h, "div", "class", "nhsuk-u-visually-hidden", "aria-hidden", "true", NULL);
	html_elem(h, "label", "Leave this field empty", "for", APPLY_HONEYPOT, NULL);
	html_void(h, "input", "type", "text", "id", APPLY_HONEYPOT, "name", APPLY_HONEYPOT, "tabindex", "-1", "autocomplete",
		  "off", "value", "", NULL);
	html_close(h);
	form_button(h, "Send");
	form_end(h);
	html_close(h);
	html_close(h);
#undef V
	return web_end(&pg, resp, status);
}

static int apply_get(struct http_req *req, struct http_resp *resp)
{
	return form_page(req, resp, NULL, 200);
}

static int say(struct http_req *req, struct http_resp *resp, unsigned status, const char *title, const char *text)
{
	struct web_page pg;
	web_begin(&pg, req, resp, title);
	html_elem(&pg.h, "h1", title, NULL);
	html_elem(&pg.h, "p", text, "class", "nhsuk-body", NULL);
	if (status != 200) {
		html_open(&pg.h, "p", NULL);
		html_elem(&pg.h, "a", "Back to the form", "href", "/volunteer-application", NULL);
		html_close(&pg.h);
	}
	return web_end(&pg, resp, status);
}

static int apply_post(struct http_req *req, struct http_resp *resp)
{
	/* Counted apart from self-referrals, by the same table. */
	struct ops_ctx c = http_ops_ctx(req);
	char addr[128];
	snprintf(addr, sizeof addr, "volunteer:%s", c.addr);
	struct ops_ctx counted = c;
	counted.addr = addr;
	int over = ops_self_referral_attempt(&counted, http_settings.self_referral_limit, APPLY_WINDOW_SECONDS);
	if (over < 0)
		return http_store_failed(req, resp);
	if (over) {
		http_header_add(resp, "Retry-After", "3600");
		return say(req, resp, 429, "Too many requests",
			   "We have had too many applications from your connection in the last hour. Please try again later.");
	}
	const char *trap = http_form(req, APPLY_HONEYPOT);
	if (trap && *trap)
		return say(req, resp, 422, "We could not accept this application",
			   "The form was filled in in a way that people do not. If you are a person, go back and send it again.");
	const char *stamp = http_form(req, APPLY_STAMP);
	if (secret_form_token_check(stamp, "", req->now, 0, APPLY_MAX_AGE_SECONDS) != 0)
		return say(req, resp, 422, "This form has expired",
			   "The form was open for too long or was not ours. Go back to the form and fill it in again.");
	struct field_errors *fe = ops_fielderr_new();
	if (!fe)
		return -1;
	int rc;
	if (secret_form_token_check(stamp, "", req->now, http_settings.self_referral_min_seconds, APPLY_MAX_AGE_SECONDS)) {
		fielderr_add(fe, "name", "Please check your answers, then send the form again");
		rc = form_page(req, resp, fe, 422);
		free(fe);
		return rc;
	}
	struct volunteer_input *in = calloc(1, sizeof *in);
	if (!in) {
		free(fe);
		return -1;
	}
	for (int i = 0; i < req->nform; i++)
		volunteer_input_add(in, req->form[i].name, req->form[i].value);
	int64_t id;
	enum ops_result r = ops_volunteer_apply(&c, in, http_form(req, "consent"),
					       campaign_id_of(http_form(req, "campaign")), fe, &id);
	rc = r == OPS_OK ? say(req, resp, 200, "Thank you for offering to volunteer",
			       "A volunteer coordinator near you will contact you in the next few days about what happens "
			       "next, including a DBS check for some kinds of help.")
	     : r == OPS_INVALID ? form_page(req, resp, fe, 422)
				: web_ops_reply(req, resp, r, "Volunteer with us", fe);
	free(in);
	free(fe);
	return rc;
}

const struct route web_volunteer_apply_routes[] = {
	{ "GET", "/volunteer-application", apply_get, PERM_PUBLIC,
	  "Volunteer with us: the public application form (no sign-in, works without JavaScript)" },
	{ "POST", "/volunteer-application", apply_post, PERM_PUBLIC,
	  "Send a volunteer application: an applicant for the area's provider (rate-limited per address; bot checks)" },
	{ 0 },
};
