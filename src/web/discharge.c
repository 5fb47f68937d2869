/* The discharge board for discharge teams and the hub (where each person
 * stands: expected discharge, hospital and ward, status, worker, first
 * contact, home check), and the home check page where a DBS-checked worker
 * takes the check and records what it found. Works without JavaScript. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datehuman.h"
#include "core/datetime.h"
#include "core/londontime.h"
#include "http/audit_req.h"
#include "http/ops_reply.h"
#include "ops/discharge.h"
#include "web/form.h"
#include "web/referral_card.h"
#include "web/widgets.h"
#include "web/post.h"
#include "web/web.h"
#include "util/idlist.h"

#define HOSPITALS_MAX 32

struct hospitals {
	struct form_option opt[HOSPITALS_MAX + 2];
	char code[HOSPITALS_MAX][64], name[HOSPITALS_MAX][200];
	size_t n;
};

static void hospital_item(void *ctx, const char *code, const char *name)
{
	struct hospitals *h = ctx;
	if (h->n >= HOSPITALS_MAX)
		return;
	snprintf(h->code[h->n], sizeof h->code[0], "%s", code);
	snprintf(h->name[h->n], sizeof h->name[0], "%s", name);
	h->opt[h->n + 1] = (struct form_option){ h->code[h->n], h->name[h->n] };
	h->n++;
}

static const struct form_option check_outcomes[] = {
	{ "ready", "Home ready for discharge" },
	{ "ready_with_actions", "Ready once the actions in the note are done" },
	{ "not_ready", "Not safe to return yet: discharge team told" },
	{ NULL, NULL },
};

/* What a home check found, as people read it. */
static const char *outcome_label(const char *code)
{
	for (const struct form_option *o = check_outcomes; o->value; o++)
		if (!strcmp(o->value, code))
			return o->label;
	return code;
}

static void cell(struct html *h, const char *text)
{
	html_elem(h, "td", text, "class", "nhsuk-table__cell", NULL);
}

static const char *state_colour(const char *state)
{
	return !strcmp(state, "needed") || !strcmp(state, "missed")	? "nhsuk-tag nhsuk-tag--red"
	       : !strcmp(state, "requested") || !strcmp(state, "offered") ? "nhsuk-tag nhsuk-tag--yellow"
	       : !strcmp(state, "taken")				? "nhsuk-tag nhsuk-tag--blue"
	       : !strcmp(state, "done")				? "nhsuk-tag nhsuk-tag--green"
									: "nhsuk-tag nhsuk-tag--grey";
}

static void when(int64_t t, char *out, size_t n)
{
	char s[LONDON_FORMAT_LEN];
	if (t <= 0) {
		snprintf(out, n, "Not yet");
		return;
	}
	london_format(t, s);
	snprintf(out, n, "%s", s);
}

struct board_page {
	struct http_req *req;
	struct html *h;
	struct discharge_home_check *hc;
	int can_take;
	int rows, failed;
	struct idlist people;
};

static void board_row(void *ctx, const struct discharge_row *r)
{
	struct board_page *b = ctx;
	struct html *h = b->h;
	idlist_add(&b->people, r->person_id);
	int f = r->home_check_id ? discharge_home_check_get(b->req->db, r->home_check_id, b->hc) : 0;
	if (f < 0)
		b->failed = 1;
	const struct discharge_home_check *hc = f > 0 ? b->hc : NULL;
	char text[1024], href[80];
	b->rows++;
	html_open(h, "tr", "class", "nhsuk-table__row", NULL);
	html_open(h, "td", "class", "nhsuk-table__cell", NULL);
	html_textf(h, "%s %s", r->given_name, r->family_name);
	html_elem(h, "span", r->reference, "class", "nhsuk-body-s nhsuk-u-display-block", NULL);
	html_close(h);
	snprintf(text, sizeof text, "%s%s%s", r->hospital_name[0] ? r->hospital_name : "Not given", r->ward[0] ? ", " : "",
		 r->ward);
	cell(h, text);
	if (r->expected_day == DISCHARGE_NO_DAY) {
		cell(h, "Not given");
	} else {
		char day[DH_DATE_LEN];
		dh_format_date(r->expected_day, day);
		int64_t d = discharge_days_to(r->expected_day, b->req->now);
		snprintf(text, sizeof text, "%s (%s)", day,
			 d == 0 ? "today" : d == 1 ? "tomorrow" : d < 0 ? "past" : "");
		if (d > 1)
			snprintf(text, sizeof text, "%s (in %lld days)", day, (long long)d);
		cell(h, text);
	}
	cell(h, discharge_status_label(r->status));
	snprintf(text, sizeof text, "%s%s%s", r->org_name[0] ? r->org_name : "Not yet allocated",
		 r->worker_name[0] ? ": " : "", r->worker_name);
	cell(h, text);
	when(r->first_contact_at, text, sizeof text);
	cell(h, text);
	const char *state = discharge_state_code(hc ? hc->status : NULL, r->home_check_requested || r->home_check_needed);
	html_open(h, "td", "class", "nhsuk-table__cell", NULL);
	html_elem(h, "strong", discharge_state_label(state), "class", state_colour(state), NULL);
	if (hc && hc->worker_name[0])
		html_elem(h, "span", hc->worker_name, "class", "nhsuk-body-s nhsuk-u-display-block", NULL);
	if (hc && hc->outcome[0])
		html_elem(h, "span", outcome_label(hc->outcome), "class", "nhsuk-body-s nhsuk-u-display-block", NULL);
	if (hc && b->can_take) {
		snprintf(href, sizeof href, "/discharge/referrals/%lld/home-check", (long long)r->referral_id);
		snprintf(text, sizeof text, "Home check for %s %s", r->given_name, r->family_name);
		html_elem(h, "a", "Home check", "href", href, "aria-label", text, NULL);
	}
	html_close(h);
	html_close(h);
}

static int board_page(struct http_req *req, struct http_resp *resp)
{
	struct hospitals *hs = calloc(1, sizeof *hs);
	struct discharge_home_check *hc = malloc(sizeof *hc);
	int rc = -1;
	if (!hs || !hc)
		goto done;
	hs->opt[0] = (struct form_option){ "", "Any hospital" };
	if (discharge_hospitals(req->db, hospital_item, hs)) {
		rc = http_store_failed(req, resp);
		goto done;
	}
	hs->opt[hs->n + 1] = (struct form_option){ NULL, NULL };
	struct discharge_query q;
	struct ops_ctx c = http_ops_ctx(req);
	ops_discharge_query_for(&c, &q);
	q.hospital = http_query(req, "hospital");
	const char *all = http_query(req, "include_closed");
	q.include_closed = all && !strcmp(all, "yes");
	struct web_page pg;
	web_begin(&pg, req, resp, "Discharge board");
	struct html *h = &pg.h;
	html_elem(h, "h1", "Discharge board", NULL);
	html_elem(h, "p",
		  q.scope == DISCHARGE_REFERRER ? "The people you referred for discharge support, soonest discharge first."
		  : q.scope == DISCHARGE_ORG   ? "People leaving hospital whose support your organisation holds, soonest "
						 "discharge first."
					       : "Everyone referred for discharge support, soonest discharge first.",
		  "class", "nhsuk-body-l", NULL);
	html_open(h, "form", "method", "get", "action", "/discharge", "aria-label", "Filter the board", NULL);
	form_select(h, &(struct form_field){ .name = "hospital", .label = "Hospital", .value = q.hospital }, hs->opt);
	static const struct form_option closed[] = { { "yes", "Include closed and withdrawn referrals" }, { NULL, NULL } };
	const char *checked[] = { q.include_closed ? "yes" : NULL, NULL };
	form_checkboxes(h, &(struct form_field){ .name = "include_closed", .label = "Closed referrals" }, closed, checked);
	form_button(h, "Show");
	html_close(h);
	struct buf rows;
	struct html rh;
	buf_init(&rows, BUF_MAX_HTML);
	html_init(&rh, &rows);
	static const char *const cols[] = { "Person", "Hospital and ward", "Expected discharge", "Status",
					    "Allocated to", "First contact", "Home check" };
	html_table_rows(&rh, cols, sizeof cols / sizeof cols[0]);
	struct board_page b = { req, &rh, hc, authz_allows(req->auth.role, PERM_CASE_WRITE), 0, 0, { 0 } };
	if (discharge_board(req->db, &q, board_row, &b) || b.failed) {
		idlist_free(&b.people);
		buf_free(&rows);
		rc = http_store_failed(req, resp);
		goto done;
	}
	if (b.rows == 0) {
		html_elem(h, "p", "Nobody is on the board.", "class", "waymark-count", NULL);
	} else {
		html_open(h, "table", "class", "nhsuk-table-responsive", NULL);
		char caption[64];
		snprintf(caption, sizeof caption, "%d %s", b.rows, b.rows == 1 ? "person" : "people");
		html_elem(h, "caption", caption, "class", "nhsuk-table__caption", NULL);
		html_open(h, "thead", "class", "nhsuk-table__head", NULL);
		html_open(h, "tr", "class", "nhsuk-table__row", NULL);
		for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
			html_elem(h, "th", cols[i], "class", "nhsuk-table__header", "scope", "col", NULL);
		html_close(h);
		html_close(h);
		html_open(h, "tbody", "class", "nhsuk-table__body", NULL);
		buf_append(h->out, rows.data ? rows.data : "", rows.len);
		html_close(h);
		html_close(h);
	}
	buf_free(&rows);
	char detail[48];
	snprintf(detail, sizeof detail, "%d referrals", b.rows);
	http_audit_people(req, AUDIT_DISCHARGE_BOARD, "board", b.people.v, b.people.n, detail);
	idlist_free(&b.people);
	rc = web_end(&pg, resp, 200);
done:
	free(hs);
	free(hc);
	return rc;
}

/* Whose home it is: the person's name and address, how to reach them, and
 * the hospital, ward and expected discharge date the referral gave. */
static void whose_home(struct html *h, const struct referral_view *v)
{
	const struct referral_value *f = v->rec.v;
	char buf[600], day[DH_DATE_LEN];
	html_elem(h, "h2", "Whose home", "class", "nhsuk-heading-m", "id", "whose-home", NULL);
	html_open(h, "dl", "class", "nhsuk-summary-list", "id", "home-person", NULL);
	snprintf(buf, sizeof buf, "%s %s", f[RF_PERSON_GIVEN_NAME].s ? f[RF_PERSON_GIVEN_NAME].s : "",
		 f[RF_PERSON_FAMILY_NAME].s ? f[RF_PERSON_FAMILY_NAME].s : "");
	widget_summary_row(h, "Name", buf);
	snprintf(buf, sizeof buf, "%s%s%s", f[RF_PERSON_ADDRESS].set ? f[RF_PERSON_ADDRESS].s : "",
		 f[RF_PERSON_ADDRESS].set ? ", " : "", f[RF_PERSON_POSTCODE].set ? f[RF_PERSON_POSTCODE].s : "");
	widget_summary_row(h, "Address", buf);
	widget_summary_row(h, "Phone", f[RF_PERSON_PHONE].set ? f[RF_PERSON_PHONE].s : "Not given");
	widget_summary_row(h, "Hospital", f[RF_DISCHARGE_HOSPITAL].set ? f[RF_DISCHARGE_HOSPITAL].s : "Not given");
	widget_summary_row(h, "Ward", f[RF_DISCHARGE_WARD].set ? f[RF_DISCHARGE_WARD].s : "Not given");
	if (f[RF_DISCHARGE_EXPECTED_DATE].set)
		dh_format_date(f[RF_DISCHARGE_EXPECTED_DATE].i, day);
	widget_summary_row(h, "Expected discharge", f[RF_DISCHARGE_EXPECTED_DATE].set ? day : "Not given");
	html_close(h);
}

static void summary_row(struct html *h, const char *key, const char *value)
{
	html_open(h, "div", "class", "nhsuk-summary-list__row", NULL);
	html_elem(h, "dt", key, "class", "nhsuk-summary-list__key", NULL);
	html_elem(h, "dd", value, "class", "nhsuk-summary-list__value", NULL);
	html_close(h);
}

/* The home check page: its state, Take (when open) or the outcome form (for
 * the worker who took it). fe: problems to show; status: the page's status. */
static int check_page(struct http_req *req, struct http_resp *resp, int64_t id, const struct field_errors *fe,
		      unsigned status)
{
	struct discharge_home_check *hc = malloc(sizeof *hc);
	if (!hc)
		return -1;
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r = ops_home_check_of(&c, id, hc);
	struct discharge_worker w;
	int fw = r != OPS_OK ? -1 : discharge_worker_of_user(req->db, req->auth.user_id, &w);
	if (fw < 0) {
		free(hc);
		return web_ops_reply(req, resp, r == OPS_OK ? OPS_ERROR : r, "Home check", NULL);
	}
	int f = hc->id != 0;
	struct web_page pg;
	web_begin_errors(&pg, req, resp, "Home check before discharge", fe);
	struct html *h = &pg.h;
	char text[200], action[96];
	html_open(h, "p", NULL);
	html_elem(h, "a", "Back to the discharge board", "href", "/discharge", NULL);
	html_close(h);
	html_elem(h, "h1", "Home check before discharge", NULL);
	if (!f) {
		html_elem(h, "p", "This referral has no home check. One is made when a complex support case that needs it "
				  "is allocated.", NULL);
		free(hc);
		return web_end(&pg, resp, status);
	}
	int found;
	struct referral_view *rv = referral_card_load(req->db, id, &found);
	if (!rv && found < 0) {
		free(hc);
		layout_end(h);
		return http_store_failed(req, resp);
	}
	const char *state = discharge_state_code(hc->status, 0);
	int overdue = hc->due_at > 0 && hc->due_at < req->now &&
		      (!strcmp(hc->status, "open") || !strcmp(hc->status, "offered") || !strcmp(hc->status, "accepted"));
	if (overdue) {
		html_open(h, "div", "class", "nhsuk-warning-callout", "id", "home-check-overdue", NULL);
		html_open(h, "h2", "class", "nhsuk-warning-callout__label", NULL);
		html_elem(h, "span", "Important: ", "class", "nhsuk-u-visually-hidden", NULL);
		html_text(h, "Overdue");
		html_close(h);
		when(hc->due_at, text, sizeof text);
		html_open(h, "p", NULL);
		html_textf(h, "This home check was due by %s and has not been done.", text);
		html_close(h);
		html_close(h);
	}
	if (rv) {
		whose_home(h, rv);
		free(rv);
	}
	html_elem(h, "h2", "The home check", "class", "nhsuk-heading-m", NULL);
	html_open(h, "dl", "class", "nhsuk-summary-list", NULL);
	summary_row(h, "State", discharge_state_label(state));
	when(hc->due_at, text, sizeof text);
	if (overdue) {
		widget_summary_open(h, "Due by");
		html_textf(h, "%s ", text);
		widget_tag(h, "Overdue", "red");
		html_close(h);
		html_close(h);
	} else {
		summary_row(h, "Due by", text);
	}
	summary_row(h, "Organisation", hc->org_name);
	summary_row(h, "Taken by", hc->worker_name[0] ? hc->worker_name : hc->volunteer_name[0] ? hc->volunteer_name : "Nobody yet");
	if (hc->outcome[0])
		summary_row(h, "Found", outcome_label(hc->outcome));
	if (hc->note[0])
		summary_row(h, "Note", hc->note);
	html_close(h);
	html_elem(h, "p", "Only a worker whose DBS check is recorded can take a home check.", "class", "nhsuk-inset-text",
		  NULL);
	if (!strcmp(hc->status, "open")) {
		snprintf(action, sizeof action, "/discharge/referrals/%lld/home-check/take", (long long)id);
		form_begin(h, action, req->auth.csrf[0] ? req->auth.csrf : NULL);
		form_button(h, "Take this home check");
		form_end(h);
	} else if (!strcmp(hc->status, "accepted") && fw > 0 && hc->worker_id == w.id) {
		snprintf(action, sizeof action, "/discharge/referrals/%lld/home-check", (long long)id);
		form_begin(h, action, req->auth.csrf[0] ? req->auth.csrf : NULL);
		form_radios(h, &(struct form_field){ .name = "outcome", .label = "What did the home check find?",
						     .value = http_form(req, "outcome"), .errors = fe }, check_outcomes);
		form_textarea(h, &(struct form_field){ .name = "note", .label = "Note",
						       .hint = "What needs doing before the person can go home",
						       .value = http_form(req, "note"), .errors = fe }, 4);
		form_button(h, "Record the home check");
		form_end(h);
	}
	http_audit(req, AUDIT_HOME_CHECK_READ, "task", hc->id, hc->person_id, "");
	free(hc);
	return web_end(&pg, resp, status);
}

static int check_get(struct http_req *req, struct http_resp *resp)
{
	return web_id_show(req, resp, check_page);
}

/* Take (complete 0) or record done (complete 1), then a redirect or the page. */
static int post_action(struct http_req *req, struct http_resp *resp, int complete)
{
	struct web_post p;
	if (!web_post_id(&p, req, resp))
		return p.rc;
	enum ops_result r =
	    complete ? ops_home_check_complete(&p.c, p.id, http_form(req, "outcome"), http_form(req, "note"), p.fe)
		     : ops_home_check_take(&p.c, p.id, p.fe);
	return web_post_done(&p, req, resp, r,
			     complete ? "/discharge/referrals/%lld/home-check?done=home-check-done"
				      : "/discharge/referrals/%lld/home-check?done=home-check-taken",
			     check_page, "Home check");
}

static int take_post(struct http_req *req, struct http_resp *resp)
{
	return post_action(req, resp, 0);
}

static int complete_post(struct http_req *req, struct http_resp *resp)
{
	return post_action(req, resp, 1);
}

const struct route web_discharge_routes[] = {
	{ "GET", "/discharge", board_page, PERM_DISCHARGE_BOARD,
	  "Discharge board: where each person leaving hospital stands (?hospital, include_closed)" },
	{ "GET", "/discharge/referrals/{id}/home-check", check_get, PERM_CASE_WRITE,
	  "A referral's home check: take it, or record what it found", "referral" },
	{ "POST", "/discharge/referrals/{id}/home-check/take", take_post, PERM_CASE_WRITE,
	  "Take a home check (DBS-checked workers only)", "referral" },
	{ "POST", "/discharge/referrals/{id}/home-check", complete_post, PERM_CASE_WRITE,
	  "Record what a home check found (form)", "referral" },
	{ 0 },
};
