/* The hub coordinator's pages: the triage queue (due soonest first, time left, at risk and breached), the triage
 * page of one referral (suggestion, confirm / override / decline, allocation, contacts, reallocation), the
 * follow-up KPI page and the breach watch on the home page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datehuman.h"
#include "core/datetime.h"
#include "core/londontime.h"
#include "http/audit_req.h"
#include "jobs/jobs.h"
#include "store/calendar.h"
#include "store/worker.h"
#include "web/case_web.h"
#include "web/form.h"
#include "web/form_date.h"
#include "web/referral_card.h"
#include "web/web.h"
#include "http/ops_reply.h"
#include "ops/triage.h"
#include "util/idlist.h"
#include "http/list_query.h"
#include "web/layout.h"
#include "web/list_controls.h"

#define QUEUE_SHOWN PAGE_LIMIT_DEFAULT /* rows on the queue page (core/page.h) */

/* "3 h 20 min" of counted time (absolute value). */
static void duration_text(int64_t secs, char *out, size_t outlen)
{
	if (secs < 0)
		secs = -secs;
	int64_t h = secs / 3600, m = (secs % 3600) / 60;
	if (h)
		snprintf(out, outlen, "%lld h %lld min", (long long)h, (long long)m);
	else
		snprintf(out, outlen, "%lld min", (long long)m);
}

static void tag(struct html *h, const char *text, const char *colour)
{
	char cls[64];
	snprintf(cls, sizeof cls, "nhsuk-tag nhsuk-tag--%s", colour);
	html_elem(h, "strong", text, "class", cls, NULL);
}

/* The follow-up state of a referral as a tag and the counted time left or over. */
static void time_left(struct html *h, int64_t received_at, int64_t due, int64_t first_contact, int64_t now)
{
	const struct workclock *wc = &calendar_app()->wc;
	struct kpi_referral k = { received_at, due, first_contact };
	enum kpi_state s = kpi_state_of(wc, &k, now);
	char d[48];
	switch (s) {
	case KPI_CONTACTED_WITHIN:
		tag(h, "Contacted", "green");
		return;
	case KPI_CONTACTED_LATE:
		tag(h, "Contacted late", "grey");
		return;
	case KPI_OVERDUE:
		tag(h, "Breached", "red");
		duration_text(workclock_remaining(wc, now, due), d, sizeof d);
		html_textf(h, " %s over", d);
		return;
	case KPI_AT_RISK:
		tag(h, "At risk", "orange");
		html_text(h, " ");
		break;
	default:
		break;
	}
	duration_text(workclock_remaining(wc, now, due), d, sizeof d);
	html_textf(h, "%s left", d);
}

static void cell(struct html *h, const char *text)
{
	html_elem(h, "td", text, "class", "nhsuk-table__cell", NULL);
}

static void table_head(struct html *h, const char *caption, const char *const *cols, size_t n)
{
	html_open(h, "table", "class", "nhsuk-table-responsive", NULL);
	html_elem(h, "caption", caption, "class", "nhsuk-table__caption", NULL);
	html_open(h, "thead", "class", "nhsuk-table__head", NULL);
	html_open(h, "tr", "class", "nhsuk-table__row", NULL);
	for (size_t i = 0; i < n; i++)
		html_elem(h, "th", cols[i], "class", "nhsuk-table__header", "scope", "col", NULL);
	html_close(h);
	html_close(h);
	html_open(h, "tbody", "class", "nhsuk-table__body", NULL);
}

/* A referral status as people read it. */
static const char *status_label(const char *status)
{
	static const char *const labels[][2] = {
		{ "received", "Received, waiting for triage" },
		{ "triaged", "Triaged, waiting for a worker" },
		{ "allocated", "Allocated" },
		{ "in_progress", "In progress" },
		{ "closed", "Closed" },
		{ "rejected", "Declined" },
		{ "withdrawn", "Withdrawn" },
	};
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i][0], status) == 0)
			return labels[i][1];
	return status;
}

static const char *outcome_label(const char *outcome)
{
	return strcmp(outcome, "confirmed") == 0    ? "Suggestion confirmed"
	       : strcmp(outcome, "overridden") == 0 ? "Suggestion overridden"
	       : strcmp(outcome, "rejected") == 0   ? "Declined"
						    : outcome;
}

/* ---- The queue ---- */

struct queue_page {
	struct html *h;
	const struct triage_rules *rules;
	const char *tier;
	int64_t now;
	int shown;
	struct idlist people;
	int64_t skip; /* matches before the page (with a tier) */
	int more;     /* a match follows the page */
};

/* ?sort of the queue page: due soonest first (the default) or newest received first. */
static const char *const queue_sorts[] = { "due", "newest", NULL };
static const struct form_option queue_sort_opts[] = { { "due", "Due soonest first" }, { "newest", "Newest first" },
						       { NULL, NULL } };

static void queue_row(void *ctx, const struct triage_subject *s)
{
	struct queue_page *q = ctx;
	struct html *h = q->h;
	struct triage_suggestion sug;
	int ok = triage_suggest_for(q->rules, s, &sug) == 0;
	if (q->tier[0] && (!ok || strcmp(triage_tier_code(sug.tier), q->tier) != 0))
		return;
	if (q->skip > 0) {
		q->skip--;
		return;
	}
	if (q->shown >= QUEUE_SHOWN) {
		q->more = 1;
		return;
	}
	q->shown++;
	idlist_add(&q->people, s->person_id);
	char href[48], name[820], when[LONDON_FORMAT_LEN];
	snprintf(href, sizeof href, "/triage/%lld", (long long)s->id);
	snprintf(name, sizeof name, "%s %s", s->given_name, s->family_name);
	html_open(h, "tr", "class", "nhsuk-table__row", NULL);
	html_open(h, "td", "class", "nhsuk-table__cell", NULL);
	html_elem(h, "a", s->reference, "href", href, NULL);
	html_close(h);
	cell(h, name);
	int src = triage_source_from_code(s->source);
	cell(h, src >= 0 ? triage_source_label(src) : s->source);
	london_format(s->received_at, when);
	cell(h, when);
	html_open(h, "td", "class", "nhsuk-table__cell", NULL);
	time_left(h, s->received_at, s->sla_due_at, s->first_contact_at, q->now);
	html_close(h);
	cell(h, ok ? triage_tier_label(sug.tier) : "No suggestion");
	html_open(h, "td", "class", "nhsuk-table__cell", NULL);
	if (s->duplicate_of) {
		char dup[64];
		snprintf(dup, sizeof dup, "/triage/%lld", (long long)s->duplicate_of);
		tag(h, "Possible duplicate", "yellow");
		html_text(h, " of ");
		html_elem(h, "a", s->duplicate_ref, "href", dup, NULL);
	}
	if (s->in.safeguarding) {
		html_text(h, " ");
		tag(h, "Safeguarding", "red");
	}
	if (s->attempts) {
		html_textf(h, " %lld contact attempt%s", (long long)s->attempts, s->attempts == 1 ? "" : "s");
	}
	html_close(h);
	html_close(h);
}

static int queue_page(struct http_req *req, struct http_resp *resp)
{
	const char *source = http_query(req, "source"), *area = http_query(req, "area"), *tier = http_query(req, "tier");
	source = source && triage_source_from_code(source) >= 0 ? source : "";
	tier = tier && triage_tier_from_code(tier) >= 0 ? tier : "";
	area = area ? area : "";
	if (area[0]) {
		int has = triage_area_name(req->db, area, NULL, 0);
		if (has < 0)
			return http_store_failed(req, resp);
		if (!has)
			area = "";
	}
	struct triage_rules *rules = malloc(sizeof *rules);
	struct case_vocab *areas = rules ? case_areas_new(req->db, "Any area") : NULL;
	if (!areas || triage_rules_load(req->db, rules, NULL) < 0) {
		free(rules);
		free(areas);
		return http_store_failed(req, resp);
	}
	struct field_errors *fe = ops_fielderr_new();
	if (!fe) {
		free(rules);
		free(areas);
		return http_store_failed(req, resp);
	}
	struct http_list l;
	http_list_page(req, queue_sorts, &l, fe);
	struct web_page pg;
	web_begin(&pg, req, resp, "Triage queue");
	struct html *h = &pg.h;
	if (fe->n)
		layout_error_summary(h, fe);
	html_elem(h, "h1", "Triage queue", NULL);
	html_elem(h, "p", "Referrals waiting for triage, due soonest first. The 24-hour follow-up clock stops at weekends "
			  "and on bank holidays; at risk means under 4 counted hours left.",
		  "class", "nhsuk-body", NULL);

	/* Filters: a GET form, so they work without JavaScript and can be bookmarked. */
	html_open(h, "form", "method", "get", "action", "/triage", "class", "waymark-filters", NULL);
	html_open(h, "div", "class", "nhsuk-grid-row", NULL);
	html_open(h, "div", "class", "nhsuk-grid-column-one-third", NULL);
	struct form_option opts[TRIAGE_SOURCE__MAX + TRIAGE_TIER__MAX + 2];
	opts[0] = (struct form_option){ "", "Any source" };
	for (int i = 0; i <= TRIAGE_SOURCE__MAX; i++)
		opts[i + 1] = i < TRIAGE_SOURCE__MAX ? (struct form_option){ triage_source_code(i), triage_source_label(i) }
						      : (struct form_option){ NULL, NULL };
	form_select(h, &(struct form_field){ .name = "source", .label = "Source", .value = source }, opts);
	html_close(h);
	html_open(h, "div", "class", "nhsuk-grid-column-one-third", NULL);
	form_select(h, &(struct form_field){ .name = "area", .label = "Area", .value = area }, areas->opts);
	free(areas);
	html_close(h);
	html_open(h, "div", "class", "nhsuk-grid-column-one-third", NULL);
	opts[0] = (struct form_option){ "", "Any suggested tier" };
	for (int i = 0; i <= TRIAGE_TIER__MAX; i++)
		opts[i + 1] = i < TRIAGE_TIER__MAX ? (struct form_option){ triage_tier_code(i), triage_tier_label(i) }
						    : (struct form_option){ NULL, NULL };
	form_select(h, &(struct form_field){ .name = "tier", .label = "Suggested tier", .value = tier }, opts);
	html_close(h);
	html_close(h);
	html_open(h, "div", "class", "nhsuk-grid-row", NULL);
	html_open(h, "div", "class", "nhsuk-grid-column-one-half", NULL);
	list_search_input(h, l.q, "A name, an NHS number or a reference", fe);
	html_close(h);
	html_open(h, "div", "class", "nhsuk-grid-column-one-half", NULL);
	list_sort_select(h, queue_sort_opts, l.sort_name);
	html_close(h);
	html_close(h);
	free(fe);
	html_elem(h, "button", "Apply filters", "class", "nhsuk-button nhsuk-button--secondary", "type", "submit", NULL);
	html_close(h);

	/* Pages of QUEUE_SHOWN; with a tier (known once the rules have run)
	 * the first 1000 are read and the page cut from the matches. */
	struct triage_queue_query qq = { source, area, tier[0] ? 1000 : QUEUE_SHOWN + 1, &l.search, l.sort == 1,
					 tier[0] ? 0 : (int64_t)(l.page - 1) * QUEUE_SHOWN };
	int64_t total = triage_queue_count(req->db, &qq);
	if (total < 0) {
		free(rules);
		return http_store_failed(req, resp);
	}
	html_open(h, "p", "class", "nhsuk-body", NULL);
	html_textf(h, "%lld referral%s waiting%s.", (long long)total, total == 1 ? "" : "s",
		   source[0] || area[0] ? " with these filters" : "");
	html_close(h);
	static const struct list_column cols[] = { { "Reference", NULL, NULL, 0 },     { "Person", NULL, NULL, 0 },
						   { "Source", NULL, NULL, 0 },	       { "Received", NULL, "newest", 1 },
						   { "Follow-up", "due", NULL, 0 },	       { "Suggested tier", NULL, NULL, 0 },
						   { "Notes", NULL, NULL, 0 } };
	const char *head_params[] = { "source", source, "area", area, "tier", tier, "q", l.q, NULL };
	html_open(h, "table", "class", "nhsuk-table-responsive", NULL);
	html_elem(h, "caption", "Waiting for triage", "class", "nhsuk-table__caption", NULL);
	list_table_head(h, "/triage", head_params, cols, sizeof cols / sizeof cols[0], l.sort_name);
	html_open(h, "tbody", "class", "nhsuk-table__body", NULL);
	struct queue_page q = { h, rules, tier, req->now, 0, { 0 }, tier[0] ? (int64_t)(l.page - 1) * QUEUE_SHOWN : 0, 0 };
	int rc = triage_queue(req->db, &qq, req->now, queue_row, &q);
	free(rules);
	if (rc < 0) {
		idlist_free(&q.people);
		return http_store_failed(req, resp);
	}
	html_close(h);
	html_close(h);
	if (!q.shown)
		html_elem(h, "p", l.q[0] ? "No waiting referral matches the search." : "Nothing is waiting.", "class",
			  "nhsuk-body", NULL);
	const char *params[] = { "source", source, "area", area, "tier", tier, "q", l.q, "sort", l.sort ? l.sort_name : "",
				 NULL };
	list_pager(h, "/triage", params, l.page, q.more);
	http_audit_people(req, AUDIT_TRIAGE_QUEUE_READ, "referral", q.people.v, q.people.n, "");
	idlist_free(&q.people);
	return web_end(&pg, resp, 200);
}

/* ---- One referral ---- */

static void summary_row(struct html *h, const char *key, const char *value)
{
	html_open(h, "div", "class", "nhsuk-summary-list__row", NULL);
	html_elem(h, "dt", key, "class", "nhsuk-summary-list__key", NULL);
	html_elem(h, "dd", value, "class", "nhsuk-summary-list__value", NULL);
	html_close(h);
}

struct contact_table {
	struct html *h;
	const struct case_vocab *modes, *outcomes;
};

static void contact_row(void *ctx, const struct triage_contact *c)
{
	struct contact_table *t = ctx;
	struct html *h = t->h;
	char when[LONDON_FORMAT_LEN];
	london_format(c->at, when);
	html_open(h, "tr", "class", "nhsuk-table__row", NULL);
	cell(h, when);
	cell(h, case_vocab_label(t->modes, c->mode));
	cell(h, case_vocab_label(t->outcomes, c->outcome));
	cell(h, c->by);
	cell(h, c->note);
	html_close(h);
}

/* The reallocation form: workers of the kind the tier needs, with their load. */
static int reallocate_form(struct html *h, struct http_req *req, int64_t id, const char *tier,
			   const struct field_errors *fe)
{
	int t = triage_tier_from_code(tier);
	if (t != TRIAGE_TIER_SOCIAL_PRESCRIBING && t != TRIAGE_TIER_COMPLEX_SUPPORT)
		return 0;
	enum allocate_kind kind = t == TRIAGE_TIER_SOCIAL_PRESCRIBING ? ALLOCATE_LINK_WORKER : ALLOCATE_SUPPORT_WORKER;
	struct worker_pool pool;
	if (worker_pool_load(req->db, req->now, 0, &pool))
		return -1;
	struct form_option *opts = calloc(pool.n + 2, sizeof *opts);
	char (*labels)[300] = calloc(pool.n + 1, sizeof *labels);
	char (*values)[24] = calloc(pool.n + 1, sizeof *values);
	if (!opts || !labels || !values) {
		free(opts);
		free(labels);
		free(values);
		worker_pool_free(&pool);
		return -1;
	}
	size_t n = 0;
	opts[n++] = (struct form_option){ "", "Choose a worker" };
	for (size_t i = 0; i < pool.n; i++) {
		const struct allocate_worker *w = &pool.w[i];
		if (w->kind != kind)
			continue;
		snprintf(values[i], sizeof values[i], "%lld", (long long)w->id);
		snprintf(labels[i], sizeof labels[i], "%.100s, %.120s (%d of %d this year%s)", pool.info[i].name,
			 pool.info[i].org_name, w->allocated_12m, allocate_capacity(&pool.policy, w),
			 allocate_is_absent(w, req->now, 0) ? ", absent" : "");
		opts[n++] = (struct form_option){ values[i], labels[i] };
	}
	opts[n] = (struct form_option){ NULL, NULL };
	char action[64];
	snprintf(action, sizeof action, "/triage/%lld/allocation", (long long)id);
	html_elem(h, "h2", "Give the case to another worker", "class", "nhsuk-heading-m", NULL);
	form_begin(h, action, req->auth.csrf[0] ? req->auth.csrf : NULL);
	form_select(h, &(struct form_field){ .name = "worker_id", .label = "Worker", .value = http_form(req, "worker_id"),
					     .errors = fe },
		    opts);
	form_textarea(h, &(struct form_field){ .name = "reason", .label = "Reason for the change", .errors = fe,
					       .value = http_form(req, "reason") },
		      3);
	html_elem(h, "button", "Reallocate", "class", "nhsuk-button nhsuk-button--secondary", "type", "submit", NULL);
	form_end(h);
	free(opts);
	free(labels);
	free(values);
	worker_pool_free(&pool);
	return 0;
}

/* Which form a page's errors belong to, so each form shows only its own. */
enum page_form { FORM_NONE, FORM_TRIAGE, FORM_CONTACT, FORM_ALLOCATE };

static int triage_page_render(struct http_req *req, struct http_resp *resp, int64_t id, const struct field_errors *fe,
			      enum page_form which, unsigned status)
{
	struct triage_subject *s = malloc(sizeof *s);
	struct triage_rules *rules = malloc(sizeof *rules);
	struct triage_decision_view *d = malloc(sizeof *d);
	struct triage_case *c = malloc(sizeof *c);
	struct case_vocab *reasons = case_vocab_new(req->db, "rejection_reasons", "Not declining");
	struct case_vocab *modes = case_vocab_new(req->db, "session_modes", NULL);
	struct case_vocab *outcomes = case_vocab_new(req->db, "contact_outcomes", NULL);
	int rc = -1;
	if (!s || !rules || !d || !c)
		goto done;
	if (!reasons || !modes || !outcomes)
		goto fail;
	int n = triage_subject_get(req->db, id, req->now, s);
	if (n < 0)
		goto fail;
	if (n == 0) {
		http_not_found(req, resp);
		rc = 0;
		goto done;
	}
	int nd = triage_decision_get(req->db, id, d), nc = nd < 0 ? -1 : triage_case_get(req->db, id, c);
	if (nc < 0 || triage_rules_load(req->db, rules, NULL) < 0)
		goto fail;
	char title[64];
	snprintf(title, sizeof title, "Triage %s", s->reference);
	struct web_page pg;
	web_begin_errors(&pg, req, resp, title, fe);
	struct html *h = &pg.h;
	const struct field_errors *tfe = which == FORM_TRIAGE ? fe : NULL, *cfe = which == FORM_CONTACT ? fe : NULL;
	const struct field_errors *afe = which == FORM_ALLOCATE ? fe : NULL;
	html_open(h, "a", "class", "nhsuk-back-link", "href", "/triage", NULL);
	html_text(h, "Back to the triage queue");
	html_close(h);
	html_elem(h, "h1", title, NULL);
	char buf[900], when[LONDON_FORMAT_LEN];
	html_open(h, "dl", "class", "nhsuk-summary-list", NULL);
	snprintf(buf, sizeof buf, "%s %s", s->given_name, s->family_name);
	summary_row(h, "Name", buf);
	char dob[DH_DATE_LEN];
	dh_format_date(s->date_of_birth, dob);
	snprintf(buf, sizeof buf, "%s (age %d)", dob, s->in.age);
	summary_row(h, "Date of birth", buf);
	char area_name[96] = "";
	if (s->area[0] && triage_area_name(req->db, s->area, area_name, sizeof area_name) < 0) {
		layout_end(h);
		goto fail;
	}
	snprintf(buf, sizeof buf, "%s%s%s", s->postcode, area_name[0] ? ", " : "", area_name);
	summary_row(h, "Postcode and area", buf);
	snprintf(buf, sizeof buf, "%s%s%s%s", s->practice[0] ? s->practice : "Not given", s->cluster[0] ? " (" : "",
		 s->cluster, s->cluster[0] ? " cluster)" : "");
	summary_row(h, "GP practice", buf);
	int src = triage_source_from_code(s->source);
	snprintf(buf, sizeof buf, "%s%s%s", src >= 0 ? triage_source_label(src) : s->source, s->referrer_org[0] ? ": " : "",
		 s->referrer_org);
	summary_row(h, "Referred by", buf);
	snprintf(buf, sizeof buf, "%s%s%s", s->urgency[0] ? s->urgency : "not given", s->in.safeguarding ? "; safeguarding concern" : "",
		 s->in.discharge ? "; discharge" : "");
	summary_row(h, "Urgency and flags", buf);
	london_format(s->received_at, when);
	summary_row(h, "Received", when);
	london_format(s->sla_due_at, when);
	summary_row(h, "Follow-up due", when);
	html_open(h, "div", "class", "nhsuk-summary-list__row", NULL);
	html_elem(h, "dt", "Follow-up", "class", "nhsuk-summary-list__key", NULL);
	html_open(h, "dd", "class", "nhsuk-summary-list__value", NULL);
	time_left(h, s->received_at, s->sla_due_at, s->first_contact_at, req->now);
	html_close(h);
	html_close(h);
	/* The target of a conflict's "status" problem in the error summary. */
	html_open(h, "div", "class", "nhsuk-summary-list__row", "id", "status", NULL);
	html_elem(h, "dt", "Status", "class", "nhsuk-summary-list__key", NULL);
	html_elem(h, "dd", status_label(s->status), "class", "nhsuk-summary-list__value", NULL);
	html_close(h);
	if (s->duplicate_of) {
		html_open(h, "div", "class", "nhsuk-summary-list__row", NULL);
		html_elem(h, "dt", "Possible duplicate", "class", "nhsuk-summary-list__key", NULL);
		html_open(h, "dd", "class", "nhsuk-summary-list__value", NULL);
		char dup[48];
		snprintf(dup, sizeof dup, "/triage/%lld", (long long)s->duplicate_of);
		html_text(h, "An open referral for the same person: ");
		html_elem(h, "a", s->duplicate_ref, "href", dup, NULL);
		html_close(h);
		html_close(h);
	}
	html_close(h); /* dl */
	/* How to reach the person, and what the referrer sent (read in full: audited below). */
	int found;
	struct referral_view *rv = referral_card_load(req->db, id, &found);
	if (!rv) {
		layout_end(h);
		goto fail;
	}
	referral_card(h, req->db, rv, CARD_CONTACT | CARD_REFERRAL);
	free(rv);

	if (strcmp(s->status, "received") == 0) {
		struct triage_suggestion sug;
		int ok = triage_suggest_for(rules, s, &sug) == 0;
		html_elem(h, "h2", "Suggested tier", "class", "nhsuk-heading-m", NULL);
		html_open(h, "div", "class", "nhsuk-inset-text", NULL);
		html_open(h, "p", NULL);
		html_elem(h, "strong", ok ? triage_tier_label(sug.tier) : "No suggestion", NULL);
		html_close(h);
		if (ok) {
			html_elem(h, "p", sug.reason, NULL);
			html_open(h, "p", "class", "nhsuk-body-s", NULL);
			html_textf(h, "Rule \"%s\", rules version %d.", sug.rule_name, sug.rules_version);
			html_close(h);
		}
		html_close(h);
		char action[48];
		snprintf(action, sizeof action, "/triage/%lld", (long long)id);
		form_begin(h, action, req->auth.csrf[0] ? req->auth.csrf : NULL);
		struct form_option tiers[TRIAGE_TIER__MAX + 1];
		for (int i = 0; i < TRIAGE_TIER__MAX; i++)
			tiers[i] = (struct form_option){ triage_tier_code(i), triage_tier_label(i) };
		tiers[TRIAGE_TIER__MAX] = (struct form_option){ NULL, NULL };
		const char *chosen = http_form(req, "tier");
		form_radios(h, &(struct form_field){ .name = "tier", .label = "Tier", .value = chosen ? chosen : ok ? triage_tier_code(sug.tier) : NULL,
						     .hint = "The suggestion is selected. Choose another tier to override it.", .errors = tfe },
			    tiers);
		form_textarea(h, &(struct form_field){ .name = "override_reason", .label = "Reason for overriding the suggestion",
						       .hint = "Needed when you choose a tier other than the suggestion (not for declining).",
						       .value = http_form(req, "override_reason"), .errors = tfe },
			      3);
		form_select(h, &(struct form_field){ .name = "rejection_reason", .label = "Reason for declining",
						     .hint = "Needed when you choose Decline.", .value = http_form(req, "rejection_reason"),
						     .errors = tfe },
			    reasons->opts);
		form_textarea(h, &(struct form_field){ .name = "information", .label = "Information given (signposting)",
						       .hint = "What the person was told or sent, when you signpost.",
						       .value = http_form(req, "information"), .errors = tfe },
			      3);
		form_button(h, "Save triage");
		form_end(h);
	} else {
		html_elem(h, "h2", "Triage", "class", "nhsuk-heading-m", NULL);
		html_open(h, "dl", "class", "nhsuk-summary-list", NULL);
		if (nd > 0) {
			int t = triage_tier_from_code(d->tier), st2 = triage_tier_from_code(d->suggested_tier);
			summary_row(h, "Tier", t >= 0 ? triage_tier_label(t) : d->tier);
			snprintf(buf, sizeof buf, "%s (rule \"%s\", version %lld)", st2 >= 0 ? triage_tier_label(st2) : d->suggested_tier,
				 d->rule_name, (long long)d->rule_version);
			summary_row(h, "Suggested", buf);
			summary_row(h, "Decision", outcome_label(d->outcome));
			if (d->override_reason[0])
				summary_row(h, "Reason for overriding", d->override_reason);
			if (d->rejection_reason[0])
				summary_row(h, "Reason for declining", d->rejection_reason);
			london_format(d->decided_at, when);
			snprintf(buf, sizeof buf, "%s, %s", d->decided_by_name[0] ? d->decided_by_name : "unknown", when);
			summary_row(h, "Triaged by", buf);
		}
		if (nc > 0) {
			summary_row(h, "Organisation", c->org_name);
			summary_row(h, "Worker", c->worker_id ? c->worker_name : "None (no worker for this tier)");
			summary_row(h, "Allocation", c->reason);
			if (c->org_id == req->auth.org_id) {
				/* Staff of the organisation holding the case can open it. */
				char href[48];
				snprintf(href, sizeof href, "/cases/%lld", (long long)c->id);
				html_open(h, "div", "class", "nhsuk-summary-list__row", NULL);
				html_elem(h, "dt", "Case", "class", "nhsuk-summary-list__key", NULL);
				html_open(h, "dd", "class", "nhsuk-summary-list__value", NULL);
				html_textf(h, "%s: ", c->status);
				html_elem(h, "a", "Open the case", "href", href, NULL);
				html_close(h);
				html_close(h);
			} else {
				summary_row(h, "Case", c->status);
			}
		} else if (strcmp(s->status, "triaged") == 0) {
			summary_row(h, "Allocation", "Nobody was available: give the case to a worker below.");
		}
		html_close(h);
		if (nd > 0 && authz_allows(req->auth.role, PERM_ALLOCATE) &&
		    (strcmp(s->status, "triaged") == 0 || strcmp(s->status, "allocated") == 0 ||
		     strcmp(s->status, "in_progress") == 0) &&
		    reallocate_form(h, req, id, d->tier, afe)) {
			layout_end(h);
			goto fail;
		}
	}

	html_elem(h, "h2", "Contacts", "class", "nhsuk-heading-m", "id", "contacts", NULL);
	static const char *const cols[] = { "When", "How", "Outcome", "By", "Note" };
	table_head(h, "Attempts to reach the person", cols, sizeof cols / sizeof cols[0]);
	struct contact_table ct = { h, modes, outcomes };
	if (triage_contacts(req->db, id, contact_row, &ct) < 0) {
		layout_end(h);
		goto fail;
	}
	html_close(h);
	html_close(h);
	if (authz_allows(req->auth.role, PERM_CONTACT_RECORD)) {
		char action[64], now_text[DH_TIME_LEN];
		snprintf(action, sizeof action, "/triage/%lld/contacts", (long long)id);
		int64_t local = req->now + london_offset(req->now);
		dh_format_minutes((int)((local - dt_day_of(local) * 86400) / 60), now_text);
		html_elem(h, "h3", "Record a contact", "class", "nhsuk-heading-s", NULL);
		form_begin(h, action, req->auth.csrf[0] ? req->auth.csrf : NULL);
		form_date(h, req, &(struct form_field){ .name = "at", .label = "Date of the contact", .hint = "For example, 2 3 2026",
							.errors = cfe }, dt_day_of(local), 0);
		const char *at_time = http_form(req, "at_time");
		form_input(h, &(struct form_field){ .name = "at_time", .label = "Time (UK)", .hint = "For example, 14:30 or 2pm",
						    .value = at_time ? at_time : now_text, .width = "nhsuk-input--width-5",
						    .errors = cfe });
		form_select(h, &(struct form_field){ .name = "mode", .label = "How", .value = http_form(req, "mode"), .errors = cfe },
			    modes->opts);
		form_select(h, &(struct form_field){ .name = "outcome", .label = "Outcome", .value = http_form(req, "outcome"),
						     .errors = cfe },
			    outcomes->opts);
		form_textarea(h, &(struct form_field){ .name = "note", .label = "Note (optional)", .value = http_form(req, "note"),
						       .errors = cfe },
			      2);
		html_elem(h, "button", "Record contact", "class", "nhsuk-button nhsuk-button--secondary", "type", "submit", NULL);
		form_end(h);
	}
	http_audit(req, AUDIT_REFERRAL_READ, "referral", id, s->person_id, "triage page");
	rc = web_end(&pg, resp, status);
	goto done;
fail:
	rc = http_store_failed(req, resp);
done:
	free(s);
	free(rules);
	free(d);
	free(c);
	free(reasons);
	free(modes);
	free(outcomes);
	return rc;
}

static int triage_page(struct http_req *req, struct http_resp *resp)
{
	int64_t id = case_page_id(req, resp);
	if (id < 0)
		return 0;
	return triage_page_render(req, resp, id, NULL, FORM_NONE, 200);
}

/* Answers a form's operation and frees fe: on to the referral's page (at
 * anchor), the page again with the problems (422) or why not (409) by the
 * form they belong to, or the result as a page. */
static int post_done(struct http_req *req, struct http_resp *resp, int64_t id, enum ops_result r,
		     struct field_errors *fe, enum page_form which, const char *anchor)
{
	int rc = 0;
	if (r == OPS_OK) {
		/* Back to the page, saying what was done (web/banner.c). */
		static const char *const done[] = { [FORM_NONE] = "", [FORM_TRIAGE] = "triaged", [FORM_CONTACT] = "contact",
						    [FORM_ALLOCATE] = "reallocated" };
		char loc[96];
		snprintf(loc, sizeof loc, "/triage/%lld?done=%s%s", (long long)id, done[which], anchor);
		jobs_wake();
		http_redirect(resp, loc);
	} else if (r == OPS_INVALID || r == OPS_CONFLICT) {
		rc = triage_page_render(req, resp, id, fe, which, r == OPS_INVALID ? 422 : 409);
	} else {
		rc = web_ops_reply(req, resp, r, "Triage", fe);
	}
	free(fe);
	return rc;
}

static int triage_post(struct http_req *req, struct http_resp *resp)
{
	int64_t id = case_page_id(req, resp);
	struct field_errors *fe = id < 0 ? NULL : ops_fielderr_new(), *shown = fe ? ops_fielderr_new() : NULL;
	if (!shown) {
		free(fe);
		return id < 0 ? 0 : -1;
	}
	const char *tier = http_form(req, "tier");
	int decline = tier && strcmp(tier, "decline") == 0;
	struct ops_triage_decision in = { id, tier,
					  decline ? http_form(req, "rejection_reason") : http_form(req, "override_reason"),
					  http_form(req, "information") };
	struct ops_ctx c = http_ops_ctx(req);
	struct triage_outcome out;
	enum ops_result r = ops_triage_decide(&c, &in, &out, fe);
	/* The API's "reason" is one of two fields on the page. */
	for (size_t i = 0; i < fe->n; i++)
		fielderr_add(shown,
			     strcmp(fe->e[i].field, "reason") == 0 ? (decline ? "rejection_reason" : "override_reason")
								   : fe->e[i].field,
			     "%s", fe->e[i].message);
	free(fe);
	return post_done(req, resp, id, r, shown, FORM_TRIAGE, "");
}

/* A date and a time as people type them (core/datehuman) in London time, or ISO 8601 with a zone, to UTC
 * seconds: the date boxes "at" and the time "at_time", or one "at" field ("7/12/2026 1pm"). */
static int parse_local_time(struct http_req *req, int64_t *out, const char **field)
{
	char date[64];
	const char *time = http_form(req, "at_time");
	form_date_text(req, "at", 0, date, sizeof date);
	*field = "at";
	if (dt_parse_iso8601(date, out) == 0)
		return 0;
	int64_t day;
	int minutes = -1;
	if (time && *time) {
		if (dh_parse_date(date, &day))
			return -1;
		*field = "at_time";
		if (dh_parse_time(time, &minutes))
			return -1;
	} else if (dh_parse_datetime(date, &day, &minutes) || minutes < 0) {
		*field = date[0] && dh_parse_date(date, &day) == 0 ? "at_time" : "at";
		return -1;
	}
	int64_t local = day * 86400 + (int64_t)minutes * 60;
	/* Try BST then GMT: the right one maps back to the same local time. */
	for (int off = 3600; off >= 0; off -= 3600) {
		int64_t utc = local - off;
		if (london_offset(utc) == off) {
			*out = utc;
			return 0;
		}
	}
	return -1; /* a time skipped when the clocks go forward */
}

static int contact_post(struct http_req *req, struct http_resp *resp)
{
	int64_t id = case_page_id(req, resp);
	struct field_errors *fe = id < 0 ? NULL : ops_fielderr_new();
	if (!fe)
		return id < 0 ? 0 : -1;
	int64_t at = req->now;
	const char *bad;
	if (parse_local_time(req, &at, &bad))
		fielderr_add(fe, bad, strcmp(bad, "at") == 0 ? "Enter the date of the contact, like 2 3 2026"
							   : "Enter the time of the contact, like 14:30 or 2pm");
	struct ops_triage_contact in = { id, at, http_form(req, "mode"), http_form(req, "outcome"), http_form(req, "note") };
	struct ops_ctx c = http_ops_ctx(req);
	struct ops_triage_contacted out;
	enum ops_result r = ops_triage_contact(&c, &in, &out, fe);
	return post_done(req, resp, id, r, fe, FORM_CONTACT, "#contacts");
}

static int allocation_post(struct http_req *req, struct http_resp *resp)
{
	int64_t id = case_page_id(req, resp);
	struct field_errors *fe = id < 0 ? NULL : ops_fielderr_new();
	if (!fe)
		return id < 0 ? 0 : -1;
	const char *w = http_form(req, "worker_id");
	struct ops_triage_reallocation in = { id, w ? strtoll(w, NULL, 10) : 0, http_form(req, "reason") };
	struct ops_ctx c = http_ops_ctx(req);
	struct triage_outcome out;
	enum ops_result r = ops_triage_reallocate(&c, &in, &out, fe);
	return post_done(req, resp, id, r, fe, FORM_ALLOCATE, "");
}

/* ---- The follow-up KPI page ---- */

static void kpi_row(struct html *h, const char *key, int64_t v)
{
	char s[32];
	snprintf(s, sizeof s, "%lld", (long long)v);
	summary_row(h, key, s);
}

static int kpi_render(struct http_req *req, struct http_resp *resp, const struct ops_triage_kpi *o,
		      const struct field_errors *fe)
{
	const struct triage_kpi *k = &o->k;
	struct case_vocab *areas = case_areas_new(req->db, "All areas");
	if (!areas)
		return http_store_failed(req, resp);
	struct web_page pg;
	web_begin_errors(&pg, req, resp, "Follow-up KPI", fe);
	struct html *h = &pg.h;
	html_elem(h, "h1", "Follow-up within 24 hours", NULL);
	html_elem(h, "p", "Referrals received in the period, and whether the first successful contact came within 24 "
			  "counted hours (weekends and bank holidays do not count). Rejected or withdrawn referrals that "
			  "were never reached are left out.",
		  "class", "nhsuk-body", NULL);
	html_open(h, "p", NULL);
	html_elem(h, "a", "Demand by hour and day, to choose opening hours", "href", "/reports/operating-hours", NULL);
	html_close(h);
	char f[DH_DATE_LEN], t[DH_DATE_LEN];
	dh_format_date(o->from_day, f);
	dh_format_date(o->to_day, t);
	if (!fe->n) {
		html_open(h, "p", "class", "nhsuk-body", NULL);
		html_textf(h, "From %s to %s.", f, t);
		html_close(h);
	}
	html_open(h, "form", "method", "get", "action", "/kpi/follow-up", NULL);
	html_open(h, "div", "class", "nhsuk-grid-row", NULL);
	html_open(h, "div", "class", "nhsuk-grid-column-one-third", NULL);
	form_date(h, req, &(struct form_field){ .name = "from", .label = "From", .hint = "For example, 1 3 2026", .errors = fe },
		  fe->n ? DT_DAYS_MIN - 1 : o->from_day, 1);
	html_close(h);
	html_open(h, "div", "class", "nhsuk-grid-column-one-third", NULL);
	form_date(h, req, &(struct form_field){ .name = "to", .label = "To", .hint = "For example, 31 3 2026", .errors = fe },
		  fe->n ? DT_DAYS_MIN - 1 : o->to_day, 1);
	html_close(h);
	html_open(h, "div", "class", "nhsuk-grid-column-one-third", NULL);
	form_select(h, &(struct form_field){ .name = "area", .label = "Area", .value = http_query(req, "area"), .errors = fe },
		    areas->opts);
	free(areas);
	html_close(h);
	html_close(h);
	html_elem(h, "button", "Show figures", "class", "nhsuk-button nhsuk-button--secondary", "type", "submit", NULL);
	html_close(h);
	if (!fe->n) {
		char s[64];
		/* The headline: over the referrals whose 24 counted hours have passed (or were contacted). */
		html_open(h, "div", "class", "nhsuk-card", "id", "kpi-headline", NULL);
		html_open(h, "div", "class", "nhsuk-card__content", NULL);
		html_open(h, "p", "class", "nhsuk-heading-l", NULL);
		if (k->f.pct_due_x100 >= 0)
			html_textf(h, "%d.%02d%%", k->f.pct_due_x100 / 100, k->f.pct_due_x100 % 100);
		else
			html_text(h, "No referrals due yet");
		html_close(h);
		html_open(h, "p", "class", "nhsuk-body", NULL);
		html_textf(h, "contacted within 24 counted hours: %lld of the %lld referral%s whose 24 hours have passed or who "
			      "were reached. %lld more %s not yet due and %s not counted.",
			   (long long)k->f.contacted_within, (long long)k->f.due, k->f.due == 1 ? "" : "s", (long long)k->f.pending,
			   k->f.pending == 1 ? "is" : "are", k->f.pending == 1 ? "is" : "are");
		html_close(h);
		html_close(h);
		html_close(h);
		html_open(h, "dl", "class", "nhsuk-summary-list", "id", "kpi-figures", NULL);
		kpi_row(h, "Received", k->f.received);
		kpi_row(h, "Due (24 counted hours passed, or reached)", k->f.due);
		kpi_row(h, "Contacted within 24 counted hours", k->f.contacted_within);
		if (k->f.pct_due_x100 >= 0)
			snprintf(s, sizeof s, "%d.%02d%%", k->f.pct_due_x100 / 100, k->f.pct_due_x100 % 100);
		else
			snprintf(s, sizeof s, "No referrals due yet");
		summary_row(h, "Percentage of due referrals within 24 counted hours", s);
		if (k->f.pct_within_x100 >= 0)
			snprintf(s, sizeof s, "%d.%02d%%", k->f.pct_within_x100 / 100, k->f.pct_within_x100 % 100);
		else
			snprintf(s, sizeof s, "No referrals");
		summary_row(h, "Percentage of all received (including not yet due)", s);
		if (k->f.median_hours_x100 >= 0)
			snprintf(s, sizeof s, "%d.%02d hours", k->f.median_hours_x100 / 100, k->f.median_hours_x100 % 100);
		else
			snprintf(s, sizeof s, "No contacts");
		summary_row(h, "Median counted time to first contact", s);
		kpi_row(h, "Contacted late", k->f.contacted_late);
		kpi_row(h, "Not contacted and overdue", k->f.overdue);
		kpi_row(h, "Breaches", k->f.breaches);
		kpi_row(h, "At risk now", k->f.at_risk);
		kpi_row(h, "Not yet due", k->f.pending);
		kpi_row(h, "Contact attempts recorded", k->attempts);
		kpi_row(h, "Left out (rejected or withdrawn, never reached)", k->excluded);
		html_close(h);
	}
	return web_end(&pg, resp, fe->n ? 422 : 200);
}

static int kpi_page(struct http_req *req, struct http_resp *resp)
{
	struct field_errors *fe = ops_fielderr_new();
	struct ops_triage_kpi *o = malloc(sizeof *o);
	int rc = -1;
	if (fe && o) {
		struct ops_ctx c = http_ops_ctx(req);
		char from[48], to[48];
		form_date_text(req, "from", 1, from, sizeof from);
		form_date_text(req, "to", 1, to, sizeof to);
		enum ops_result r = ops_triage_kpi(&c, from, to, http_query(req, "area"), o, fe);
		rc = r == OPS_ERROR ? http_store_failed(req, resp) : kpi_render(req, resp, o, fe);
	}
	free(fe);
	free(o);
	return rc;
}

/* ---- The breach watch on the coordinator's home page ---- */

static void watch_list(struct html *h, const struct triage_watch *w, enum kpi_state state, const char *heading)
{
	int64_t total = state == KPI_AT_RISK ? w->at_risk : w->overdue;
	char title[96];
	snprintf(title, sizeof title, "%s (%lld)", heading, (long long)total);
	html_elem(h, "h3", title, "class", "nhsuk-heading-s", NULL);
	if (!total) {
		html_elem(h, "p", "None.", "class", "nhsuk-body", NULL);
		return;
	}
	html_open(h, "ul", "class", "nhsuk-list nhsuk-list--bullet", "id", state == KPI_AT_RISK ? "watch-at-risk" : "watch-breached", NULL);
	for (size_t i = 0; i < w->n; i++) {
		const struct triage_watch_item *it = &w->items[i];
		if (it->state != state)
			continue;
		char href[48], d[48];
		snprintf(href, sizeof href, "/triage/%lld", (long long)it->id);
		duration_text(it->remaining, d, sizeof d);
		html_open(h, "li", NULL);
		html_elem(h, "a", it->reference, "href", href, NULL);
		html_textf(h, " %s (%s): %s %s", it->name, status_label(it->status), d, state == KPI_AT_RISK ? "left" : "over");
		html_close(h);
	}
	html_close(h);
}

int web_triage_watch(struct html *h, struct http_req *req)
{
	struct triage_watch *w = malloc(sizeof *w);
	if (!w)
		return -1;
	if (jobs_watch_get(w) && triage_watch_scan(req->db, &calendar_app()->wc, req->now, w)) {
		free(w);
		return -1;
	}
	html_open(h, "section", "aria-labelledby", "watch-title", NULL);
	html_elem(h, "h2", "24-hour follow-up watch", "class", "nhsuk-heading-m", "id", "watch-title", NULL);
	char when[LONDON_FORMAT_LEN];
	london_format(w->scanned_at, when);
	html_open(h, "p", "class", "nhsuk-body-s", NULL);
	html_textf(h, "Open referrals not yet reached, as at %s.", when);
	html_close(h);
	watch_list(h, w, KPI_OVERDUE, "Breached");
	watch_list(h, w, KPI_AT_RISK, "At risk (under 4 counted hours left)");
	html_close(h);
	http_audit(req, AUDIT_TRIAGE_WATCH_READ, "referral", 0, 0, "home page");
	free(w);
	return 0;
}

const struct route web_triage_routes[] = {
	{ "GET", "/triage", queue_page, PERM_TRIAGE, "Triage queue: due soonest first, filters by source, area and tier" },
	{ "GET", "/triage/{id}", triage_page, PERM_TRIAGE, "Triage page of a referral: suggestion, decision, allocation, contacts", "referral" },
	{ "POST", "/triage/{id}", triage_post, PERM_TRIAGE, "Triage a referral (confirm, override with a reason, decline with a reason code)", "referral" },
	{ "POST", "/triage/{id}/contacts", contact_post, PERM_CONTACT_RECORD, "Record a contact attempt", "referral" },
	{ "POST", "/triage/{id}/allocation", allocation_post, PERM_ALLOCATE, "Give a referral's case to another worker", "referral" },
	{ "GET", "/kpi/follow-up", kpi_page, PERM_KPI_READ, "Follow-up KPI: received, within 24 counted hours, median, breaches" },
	{ 0 },
};
