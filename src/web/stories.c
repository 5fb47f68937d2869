/* Story pages: a referrer (on their own referral) or a provider manager (on an onward referral to their service)
 * adds a case study or unexpected outcome with the person's consent; the programme lead reviews drafts, link
 * workers' case studies among them, and approves them for publication with an anonymised text; commissioners
 * read the approved texts. The rules are the operation's (ops/stories.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datetime.h"
#include "core/londontime.h"
#include "http/ops_reply.h"
#include "ops/stories.h"
#include "store/story.h"
#include "web/form.h"
#include "web/post.h"
#include "web/web.h"

static const char *kind_label(const char *kind)
{
	return strcmp(kind, "referrer") == 0 ? "Referrer" : strcmp(kind, "provider") == 0 ? "Community provider"
										     : "Link worker";
}

static void td(struct html *h, const char *head, const char *text)
{
	html_open(h, "td", "class", "nhsuk-table__cell", "role", "cell", NULL);
	html_elem(h, "span", head, "class", "nhsuk-table-responsive__heading", "aria-hidden", "true", NULL);
	html_text(h, text);
	html_close(h);
}

static void table_open(struct html *h, const char *id, const char *caption, const char *const *heads, size_t n)
{
	html_open(h, "table", "class", "nhsuk-table-responsive", "role", "table", "id", id, NULL);
	html_elem(h, "caption", caption, "class", "nhsuk-table__caption", NULL);
	html_open(h, "thead", "class", "nhsuk-table__head", "role", "rowgroup", NULL);
	html_open(h, "tr", "class", "nhsuk-table__row", "role", "row", NULL);
	for (size_t i = 0; i < n; i++)
		html_elem(h, "th", heads[i], "class", "nhsuk-table__header", "scope", "col", "role", "columnheader", NULL);
	html_close(h);
	html_close(h);
	html_open(h, "tbody", "class", "nhsuk-table__body", NULL);
}

struct listing {
	struct html *h;
	enum role role;
	size_t n;
};

static int story_line(void *ctx, const struct story_view *s)
{
	struct listing *l = ctx;
	struct html *h = l->h;
	int approved = strcmp(s->status, "approved") == 0;
	if (l->role == ROLE_COMMISSIONER) {
		if (!approved)
			return 0;
		html_elem(h, "p", s->anonymised, "class", "nhsuk-body", NULL);
		l->n++;
		return 0;
	}
	char when[LONDON_FORMAT_LEN], label[120], href[96];
	london_format(s->at, when);
	html_open(h, "tr", "class", "nhsuk-table__row", "role", "row", NULL);
	td(h, "From", kind_label(s->kind));
	td(h, "Referral", s->reference);
	td(h, "Added", when);
	td(h, "Status", approved ? "Approved for publication" : "Draft");
	html_open(h, "td", "class", "nhsuk-table__cell", "role", "cell", NULL);
	html_elem(h, "span", "Story", "class", "nhsuk-table-responsive__heading", "aria-hidden", "true", NULL);
	if (l->role == ROLE_PROGRAMME_LEAD) {
		snprintf(href, sizeof href, "/stories/review?source=%s&id=%lld", s->source, (long long)s->id);
		snprintf(label, sizeof label, "%s %s on %s", approved ? "Read" : "Review", approved ? "the story" : "the draft",
			 s->reference);
		html_elem(h, "a", label, "href", href, NULL);
	} else {
		html_text(h, approved ? s->anonymised : s->story);
	}
	html_close(h);
	html_close(h);
	l->n++;
	return 0;
}

static int onward_line(void *ctx, const struct story_onward *o)
{
	struct html *h = ctx;
	char when[LONDON_FORMAT_LEN], href[64], label[120];
	london_format(o->made_at, when);
	html_open(h, "tr", "class", "nhsuk-table__row", "role", "row", NULL);
	td(h, "Referral", o->reference);
	td(h, "Service", o->service);
	td(h, "Referred on", when);
	td(h, "Status", o->status);
	html_open(h, "td", "class", "nhsuk-table__cell", "role", "cell", NULL);
	html_elem(h, "span", "Story", "class", "nhsuk-table-responsive__heading", "aria-hidden", "true", NULL);
	snprintf(href, sizeof href, "/stories/new?onward=%lld", (long long)o->id);
	snprintf(label, sizeof label, "Add a story about %s", o->reference);
	html_elem(h, "a", label, "href", href, NULL);
	html_close(h);
	html_close(h);
	return 0;
}

static int stories_page(struct http_req *req, struct http_resp *resp)
{
	enum role role = req->auth.role;
	struct web_page pg;
	web_begin(&pg, req, resp, "Case studies and unexpected outcomes");
	struct html *h = &pg.h;
	const char *done = http_query(req, "done");
	if (done && strcmp(done, "story") == 0)
		web_success_banner(h, "Story saved as a draft", "The programme lead reviews it before it is used.");
	else if (done && strcmp(done, "approved") == 0)
		web_success_banner(h, "Story approved for publication", "Its anonymised text can go in board packs.");
	html_elem(h, "h1", "Case studies and unexpected outcomes", NULL);
	int rc = 0;
	if (role == ROLE_PROVIDER_MANAGER) {
		html_elem(h, "h2", "Onward referrals to your services", NULL);
		html_elem(h, "p", "Add a story, with the person's consent, about someone referred to one of your services.",
			  "class", "nhsuk-body", NULL);
		static const char *const heads[] = { "Referral", "Service", "Referred on", "Status", "Story" };
		table_open(h, "onward", "The latest onward referrals to your services", heads, 5);
		rc |= story_provider_onward(req->db, req->auth.org_id, onward_line, h);
		html_close(h);
		html_close(h);
	}
	struct listing l = { h, role, 0 };
	if (role == ROLE_COMMISSIONER) {
		html_elem(h, "p", "Stories the programme lead has approved for publication, anonymised.", "class", "nhsuk-body",
			  NULL);
		rc |= story_list(req->db, 1, req->auth.user_id, story_line, &l);
		if (!l.n)
			html_elem(h, "p", "None approved yet.", "class", "nhsuk-body", NULL);
	} else {
		int lead = role == ROLE_PROGRAMME_LEAD;
		html_elem(h, "h2", lead ? "Drafts and approved stories" : "Your stories", NULL);
		if (lead)
			html_elem(h, "p", "From referrers, community providers and link workers. Review a draft to approve it "
					  "for publication with an anonymised text.", "class", "nhsuk-body", NULL);
		else if (role == ROLE_REFERRER)
			html_elem(h, "p", "Add a story from the page of a referral you made.", "class", "nhsuk-body", NULL);
		static const char *const heads[] = { "From", "Referral", "Added", "Status", "Story" };
		table_open(h, "stories", lead ? "Every story, newest first" : "Stories you added, newest first", heads, 5);
		rc |= story_list(req->db, lead, req->auth.user_id, story_line, &l);
		html_close(h);
		html_close(h);
		if (!l.n)
			html_elem(h, "p", "No stories yet.", "class", "nhsuk-body", "id", "no-stories", NULL);
	}
	if (rc < 0) {
		layout_end(h);
		return http_store_failed(req, resp);
	}
	return web_end(&pg, resp, 200);
}

/* The submission form; referral or onward is the id the story is about (the other 0). */
static int new_form(struct http_req *req, struct http_resp *resp, int64_t referral, int64_t onward,
		    const struct field_errors *fe, unsigned status)
{
	struct web_page pg;
	web_begin_errors(&pg, req, resp, "Add a case study or unexpected outcome", fe);
	struct html *h = &pg.h;
	char back[64];
	if (referral)
		snprintf(back, sizeof back, "/referrals/%lld", (long long)referral);
	else
		snprintf(back, sizeof back, "/stories");
	html_elem(h, "a", referral ? "Back to the referral" : "Back to stories", "class", "nhsuk-back-link", "href", back,
		  NULL);
	html_elem(h, "h1", "Add a case study or unexpected outcome", NULL);
	html_elem(h, "p", "Tell us what changed for the person. The programme lead reads it first and approves an "
			  "anonymised version before it is used, for example in a board pack.", "class", "nhsuk-body",
		  NULL);
	form_begin(h, "/stories", req->auth.csrf[0] ? req->auth.csrf : NULL);
	char id[32];
	snprintf(id, sizeof id, "%lld", (long long)(referral ? referral : onward));
	html_void(h, "input", "type", "hidden", "name", referral ? "referral_id" : "onward_referral_id", "value", id, NULL);
	form_textarea(h, &(struct form_field){ .name = "story", .label = "The story",
					       .hint = "What happened for the person. Leave out their name and anything "
						       "else that would identify them. At most 4,000 characters.",
					       .value = fe ? http_form(req, "story") : NULL, .errors = fe },
		      6);
	form_textarea(h, &(struct form_field){ .name = "unexpected_outcomes", .label = "Unexpected outcomes (optional)",
					       .hint = "Anything that turned out differently from what was expected, good "
						       "or bad.",
					       .value = fe ? http_form(req, "unexpected_outcomes") : NULL, .errors = fe },
		      3);
	static const struct form_option yes[] = { { "yes", "The person agrees to their story being used" }, { NULL, NULL } };
	const char *checked[] = { fe ? http_form(req, "consent") : NULL, NULL };
	form_checkboxes(h, &(struct form_field){ .name = "consent", .label = "Consent", .errors = fe }, yes,
			checked[0] ? checked : NULL);
	form_button(h, "Save the story");
	form_end(h);
	return web_end(&pg, resp, status);
}

static int64_t query_id(struct http_req *req, const char *name)
{
	const char *s = http_query(req, name);
	char *end = NULL;
	long long v = s && *s ? strtoll(s, &end, 10) : 0;
	return end && !*end && v > 0 ? (int64_t)v : 0;
}

static int new_page(struct http_req *req, struct http_resp *resp)
{
	int64_t referral = query_id(req, "referral"), onward = query_id(req, "onward");
	if (req->auth.role == ROLE_REFERRER ? !referral : !onward) {
		web_not_found_page(req, resp);
		return 0;
	}
	return new_form(req, resp, req->auth.role == ROLE_REFERRER ? referral : 0,
			req->auth.role == ROLE_REFERRER ? 0 : onward, NULL, 200);
}

static int64_t form_id(struct http_req *req, const char *name)
{
	const char *s = http_form(req, name);
	char *end = NULL;
	long long v = s && *s ? strtoll(s, &end, 10) : 0;
	return end && !*end && v > 0 ? (int64_t)v : 0;
}

static int new_post(struct http_req *req, struct http_resp *resp)
{
	struct web_post p;
	if (!web_post_fe(&p, req))
		return p.rc;
	const char *consent = http_form(req, "consent");
	struct story_in in = { form_id(req, "referral_id"), form_id(req, "onward_referral_id"), http_form(req, "story"),
			       http_form(req, "unexpected_outcomes"), consent && strcmp(consent, "yes") == 0 };
	int64_t id = 0;
	enum ops_result r = ops_story_submit(&p.c, &in, p.fe, &id);
	return web_post_end(&p, r == OPS_OK ? http_redirect(resp, "/stories?done=story")
				: r == OPS_INVALID
				    ? new_form(req, resp, in.referral_id, in.onward_referral_id, p.fe, 422)
				    : web_ops_reply(req, resp, r, "The story was not saved", p.fe));
}

struct review {
	struct http_req *req;
	const struct field_errors *fe;
	struct html *h;
};

static void quote(struct html *h, const char *heading, const char *text)
{
	html_elem(h, "h2", heading, NULL);
	html_open(h, "div", "class", "nhsuk-inset-text", NULL);
	html_elem(h, "p", text, "class", "nhsuk-body", NULL);
	html_close(h);
}

static int review_body(void *ctx, const struct story_view *s)
{
	struct review *rv = ctx;
	struct html *h = rv->h;
	char title[96], when[LONDON_FORMAT_LEN];
	london_format(s->at, when);
	snprintf(title, sizeof title, "Story on referral %s", s->reference);
	html_elem(h, "h1", title, NULL);
	html_open(h, "p", "class", "nhsuk-body", NULL);
	html_textf(h, "From a %s, added %s, with the person's consent. ", kind_label(s->kind), when);
	html_text(h, strcmp(s->status, "approved") == 0 ? "Approved for publication." : "A draft.");
	html_close(h);
	quote(h, "The story", s->story);
	if (s->unexpected_outcomes[0])
		quote(h, "Unexpected outcomes", s->unexpected_outcomes);
	if (strcmp(s->status, "approved") == 0) {
		quote(h, "Anonymised text", s->anonymised);
		return 0;
	}
	form_begin(h, "/stories/approve", rv->req->auth.csrf[0] ? rv->req->auth.csrf : NULL);
	char id[32];
	snprintf(id, sizeof id, "%lld", (long long)s->id);
	html_void(h, "input", "type", "hidden", "name", "source", "value", s->source, NULL);
	html_void(h, "input", "type", "hidden", "name", "id", "value", id, NULL);
	const char *posted = rv->fe ? http_form(rv->req, "anonymised_text") : NULL;
	form_textarea(h, &(struct form_field){ .name = "anonymised_text", .label = "Anonymised text for publication",
					       .hint = "What a board pack may print: no names, places, dates or details "
						       "that could identify the person. At most 4,000 characters.",
					       .value = posted ? posted : s->story, .errors = rv->fe },
		      6);
	form_button(h, "Approve for publication");
	form_end(h);
	return 0;
}

static int review_render(struct http_req *req, struct http_resp *resp, const char *source, int64_t id,
			 const struct field_errors *fe, unsigned status)
{
	int cs = source && strcmp(source, "case_study") == 0;
	if ((!cs && (!source || strcmp(source, "story") != 0)) || id <= 0) {
		web_not_found_page(req, resp);
		return 0;
	}
	struct review rv = { req, fe, NULL };
	int found = story_get(req->db, cs, id, NULL, &rv);
	if (found < 0)
		return http_store_failed(req, resp);
	if (!found) {
		web_not_found_page(req, resp);
		return 0;
	}
	struct web_page pg;
	web_begin_errors(&pg, req, resp, "Review a story", fe);
	html_elem(&pg.h, "a", "Back to stories", "class", "nhsuk-back-link", "href", "/stories", NULL);
	rv.h = &pg.h;
	if (story_get(req->db, cs, id, review_body, &rv) < 0) {
		layout_end(&pg.h);
		return http_store_failed(req, resp);
	}
	return web_end(&pg, resp, status);
}

static int review_page(struct http_req *req, struct http_resp *resp)
{
	return review_render(req, resp, http_query(req, "source"), query_id(req, "id"), NULL, 200);
}

static int approve_post(struct http_req *req, struct http_resp *resp)
{
	struct web_post p;
	if (!web_post_fe(&p, req))
		return p.rc;
	const char *source = http_form(req, "source");
	int64_t id = form_id(req, "id");
	enum ops_result r = ops_story_approve(&p.c, source, id, http_form(req, "anonymised_text"), p.fe);
	return web_post_end(&p, r == OPS_OK ? http_redirect(resp, "/stories?done=approved")
				: r == OPS_INVALID && (fielderr_for(p.fe, "anonymised_text") && p.fe->n == 1)
				    ? review_render(req, resp, source, id, p.fe, 422)
				    : web_ops_reply(req, resp, r, "The story was not approved", p.fe));
}

const struct route web_stories_routes[] = {
	{ "GET", "/stories", stories_page, PERM_STORY_READ,
	  "Case studies and unexpected outcomes: the lead's drafts to review, commissioners' approved texts, "
	  "submitters' own (and a provider's onward referrals to add one to)", NULL, "done" },
	{ "GET", "/stories/new", new_page, PERM_STORY_SUBMIT,
	  "Form to add a story with the person's consent: ?referral= (a referrer's own) or ?onward= (an onward "
	  "referral to the provider's service)", NULL, "referral onward" },
	{ "POST", "/stories", new_post, PERM_STORY_SUBMIT,
	  "Save a story as a draft (form: referral_id or onward_referral_id, story, unexpected_outcomes, consent)" },
	{ "GET", "/stories/review", review_page, PERM_STORY_APPROVE,
	  "The programme lead's review of one story or case study, with the form to approve it", NULL, "source id" },
	{ "POST", "/stories/approve", approve_post, PERM_STORY_APPROVE,
	  "Approve a draft for publication with its anonymised text (form: source, id, anonymised_text)" },
	{ 0 },
};
