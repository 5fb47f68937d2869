/* The case page (/cases/{id}): the person and the case at a glance with its
 * flags, what can be recorded, then the assessment, goals and sessions;
 * case_page_records.c writes the rest (measures, onward referrals, unmet
 * needs, safeguarding, consents, case studies). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/audit_req.h"
#include "http/internal.h"
#include "web/case_page.h"
#include "web/referral_card.h"
#include "web/widgets.h"
#include "http/ops_reply.h"

static void summary(struct case_view *v)
{
	struct html *h = v->h;
	const struct casework_summary *s = &v->c->s;
	char buf[256];
	html_open(h, "dl", "class", "nhsuk-summary-list", "id", "case-summary", NULL);
	widget_summary_row(h, "Reference", s->reference);
	widget_summary_row(h, "Support", case_vocab_label(v->tiers, s->tier));
	widget_summary_row(h, "Status", s->closed_at ? "Closed" : "Open");
	widget_summary_row(h, "Organisation", s->org_name);
	widget_summary_row(h, "Worker", s->worker_name[0] ? s->worker_name : "Nobody yet");
	case_date(s->opened_at, buf, sizeof buf);
	widget_summary_row(h, "Opened", buf);
	if (s->last_contact_at)
		case_date(s->last_contact_at, buf, sizeof buf);
	else
		snprintf(buf, sizeof buf, "None yet");
	widget_summary_row(h, "Last contact", buf);
	snprintf(buf, sizeof buf, "%d of %d", s->sessions, s->planned_sessions);
	widget_summary_row(h, "Sessions", buf);
	if (!s->closed_at) {
		char when[48] = "";
		if (s->due_at)
			case_date(s->due_at, when, sizeof when);
		snprintf(buf, sizeof buf, "%s%s%s", s->due[0] ? s->due : "Nothing", when[0] ? " by " : "", when);
		if (buf[0] >= 'a' && buf[0] <= 'z')
			buf[0] = (char)(buf[0] - 'a' + 'A');
		widget_summary_row(h, "Due", buf);
	} else {
		case_date(s->closed_at, buf, sizeof buf);
		widget_summary_row(h, "Closed", buf);
		widget_summary_row(h, "Reason for closing", case_vocab_label(v->closure, s->closure_reason));
		widget_summary_row(h, "Continuing support arranged", s->continuing_support == 1 ? "Yes" : "No");
		if (s->dropout)
			widget_summary_row(h, "Drop-out", "Yes: closed after repeated unsuccessful contact attempts");
	}
	html_close(h);
}

static void action(struct html *h, const char *text, const char *href)
{
	html_open(h, "li", NULL);
	html_elem(h, "a", text, "href", href, NULL);
	html_close(h);
}

static void actions(struct case_view *v)
{
	struct html *h = v->h;
	const struct casework_summary *s = &v->c->s;
	if (!authz_allows(v->req->auth.role, PERM_CASE_WRITE))
		return;
	char href[96];
	long long id = (long long)s->id;
	html_elem(h, "h2", "Record", "class", "nhsuk-heading-m", NULL);
	html_open(h, "ul", "class", "nhsuk-list nhsuk-list--bullet", "id", "case-actions", NULL);
	if (!s->closed_at) {
		static const struct {
			const char *text, *slug;
		} open_actions[] = {
			{ "Add a session", "session" },       { "Record a measure", "measure" },
			{ "Update the assessment", "assessment" }, { "Add a goal", "goal" },
		};
		for (size_t i = 0; i < sizeof open_actions / sizeof open_actions[0]; i++) {
			snprintf(href, sizeof href, "/cases/%lld/%s", id, open_actions[i].slug);
			action(h, open_actions[i].text, href);
		}
		if (case_directory_exists())
			snprintf(href, sizeof href, "/directory?case=%lld", id);
		else
			snprintf(href, sizeof href, "/cases/%lld/onward", id);
		action(h, "Refer on", href);
		snprintf(href, sizeof href, "/cases/%lld/unmet-need", id);
		action(h, "Record an unmet need", href);
		snprintf(href, sizeof href, "/cases/%lld/consent", id);
		action(h, "Record consent to represent", href);
	}
	if (s->closed_at) {
		/* After closing: a follow-up measure, an unmet need, and the below. */
		snprintf(href, sizeof href, "/cases/%lld/measure", id);
		action(h, "Record a follow-up measure", href);
		snprintf(href, sizeof href, "/cases/%lld/unmet-need", id);
		action(h, "Record an unmet need", href);
	}
	snprintf(href, sizeof href, "/cases/%lld/safeguarding", id);
	action(h, "Record a safeguarding concern", href);
	snprintf(href, sizeof href, "/cases/%lld/case-study", id);
	action(h, "Add a case study", href);
	if (!s->closed_at) {
		snprintf(href, sizeof href, "/cases/%lld/close", id);
		action(h, "Close the case", href);
		if (s->attempts_since_contact >= v->dropout_attempts) {
			snprintf(href, sizeof href, "/cases/%lld/drop-out", id);
			action(h, "Close as unable to contact", href);
		}
	}
	html_close(h);
}

static void assessment(struct case_view *v)
{
	struct html *h = v->h;
	const struct casework_assessment *a = &v->c->assessment;
	html_elem(h, "h2", "Assessment", "class", "nhsuk-heading-m", "id", "assessment", NULL);
	if (!a->version) {
		html_elem(h, "p", "Not assessed yet.", "class", "nhsuk-body", NULL);
		return;
	}
	html_open(h, "dl", "class", "nhsuk-summary-list", NULL);
	widget_summary_row(h, "What matters to the person", a->v[CASE_I(ASSESSMENT, what_matters)].s);
	for (size_t i = 0; i < a->nneeds; i++) {
		char buf[1200];
		const struct case_value *n = a->needs[i], *note = &n[CASE_I(NEED, note)];
		snprintf(buf, sizeof buf, "%s%s%s", case_vocab_label(v->levels, n[CASE_I(NEED, level)].s), note->given ? ": " : "",
			 note->s);
		widget_summary_row(h, case_vocab_label(v->domains, n[CASE_I(NEED, domain)].s), buf);
	}
	const struct case_value *strengths = &a->v[CASE_I(ASSESSMENT, strengths)];
	widget_summary_row(h, "Strengths", strengths->given ? strengths->s : "None recorded");
	char when[48], buf[256];
	case_date(a->at, when, sizeof when);
	snprintf(buf, sizeof buf, "Version %d, %s, %s", a->version, a->by, when);
	widget_summary_row(h, "Recorded", buf);
	html_close(h);
}

static void goals(struct case_view *v)
{
	struct html *h = v->h;
	const struct casework_case *c = v->c;
	if (!case_section(h, "Goals", "goals", c->ngoals,
			  "No goals yet."))
		return;
	int write = authz_allows(v->req->auth.role, PERM_CASE_WRITE) && !c->s.closed_at;
	static const char *const cols[] = { "Goal", "Area of need", "Progress", "Status", "Updates" };
	widget_table_open(h, "Goals agreed with the person", cols, write ? 5 : 4);
	for (size_t i = 0; i < c->ngoals; i++) {
		const struct casework_goal *g = &c->goals[i];
		const struct case_value *domain = &g->v[CASE_I(GOAL, domain)], *goal = &g->v[CASE_I(GOAL, goal)];
		char buf[64];
		html_open(h, "tr", "class", "nhsuk-table__row", NULL);
		widget_cell(h, goal->s);
		widget_cell(h, domain->given ? case_vocab_label(v->domains, domain->s) : "");
		snprintf(buf, sizeof buf, "%lld of %lld", (long long)g->v[CASE_I(GOAL, progress)].n,
			 (long long)case_fields[CF_GOAL_progress].hi);
		widget_cell(h, buf);
		widget_cell(h, case_vocab_label(v->goal_statuses, g->v[CASE_I(GOAL, status)].s));
		if (write) {
			char href[96];
			snprintf(href, sizeof href, "/cases/%lld/goal-progress?goal=%lld", (long long)c->s.id, (long long)g->id);
			html_open(h, "td", "class", "nhsuk-table__cell", NULL);
			html_open(h, "a", "href", href, NULL);
			html_text(h, "Record progress");
			html_elem(h, "span", goal->s, "class", "nhsuk-u-visually-hidden", NULL);
			html_close(h);
			html_close(h);
		}
		html_close(h);
	}
	widget_table_close(h);
}

static void sessions(struct case_view *v)
{
	struct html *h = v->h;
	const struct casework_case *c = v->c;
	if (!case_section(h, "Sessions", "sessions", c->nsessions,
			  "No sessions yet."))
		return;
	static const char *const cols[] = { "Date", "How", "Minutes", "Notes", "Next step", "By" };
	widget_table_open(h, "Sessions with the person, oldest first", cols, 6);
	for (size_t i = 0; i < c->nsessions; i++) {
		const struct case_value *x = c->sessions[i].v;
		char when[48], mins[24];
		case_date(x[CASE_I(SESSION, at)].n, when, sizeof when);
		snprintf(mins, sizeof mins, "%lld", (long long)x[CASE_I(SESSION, duration_minutes)].n);
		html_open(h, "tr", "class", "nhsuk-table__row", NULL);
		widget_cell(h, when);
		widget_cell(h, case_vocab_label(v->modes, x[CASE_I(SESSION, mode)].s));
		widget_cell(h, mins);
		widget_cell(h, x[CASE_I(SESSION, notes)].s);
		widget_cell(h, x[CASE_I(SESSION, next_step)].s);
		widget_cell(h, c->sessions[i].by);
		html_close(h);
	}
	widget_table_close(h);
}

/* The vocabularies the page shows labels of. */
static const struct {
	size_t offset;
	const char *name;
} vocabs[] = {
	{ offsetof(struct case_view, tiers), "tiers" },
	{ offsetof(struct case_view, closure), "closure_reasons" },
	{ offsetof(struct case_view, modes), "session_modes" },
	{ offsetof(struct case_view, domains), "need_domains" },
	{ offsetof(struct case_view, levels), "need_levels" },
	{ offsetof(struct case_view, goal_statuses), "goal_statuses" },
	{ offsetof(struct case_view, onward_statuses), "onward_referral_statuses" },
	{ offsetof(struct case_view, categories), "safeguarding_categories" },
};
#define NVOCABS (sizeof vocabs / sizeof vocabs[0])

static int view_load(struct case_view *v, struct http_req *req)
{
	for (size_t i = 0; i < NVOCABS; i++) {
		struct case_vocab **slot = (struct case_vocab **)((char *)v + vocabs[i].offset);
		*slot = case_vocab_new(req->db, vocabs[i].name, NULL);
		if (!*slot)
			return -1;
	}
	v->areas = case_areas_new(req->db, NULL);
	if (!v->areas)
		return -1;
	v->dropout_attempts = casework_dropout_attempts(req->db);
	return 0;
}

static void view_free(struct case_view *v)
{
	for (size_t i = 0; i < NVOCABS; i++)
		free(*(struct case_vocab **)((char *)v + vocabs[i].offset));
	free(v->areas);
}

static int case_page(struct http_req *req, struct http_resp *resp)
{
	int64_t id = case_page_id(req, resp);
	if (id < 0 || !case_page_access(req, resp, id))
		return 0;
	struct casework_case *c = calloc(1, sizeof *c);
	struct case_view v = { .req = req, .c = c };
	int rc;
	if (!c || view_load(&v, req)) {
		rc = http_store_failed(req, resp);
		goto done;
	}
	int r = casework_case_get(req->db, id, req->now, c);
	if (r <= 0) {
		if (r < 0)
			rc = http_store_failed(req, resp);
		else
			http_not_found(req, resp), rc = 0;
		goto done;
	}
	struct web_page pg;
	web_begin(&pg, req, resp, c->s.person_name);
	struct html *h = &pg.h;
	v.h = h;
	html_elem(h, "a", "Back to the caseload", "class", "nhsuk-back-link", "href", "/caseload", NULL);
	html_open(h, "h1", NULL);
	html_elem(h, "span", c->s.reference, "class", "nhsuk-caption-l", NULL);
	html_text(h, c->s.person_name);
	html_close(h);
	html_open(h, "p", "class", "nhsuk-body", "id", "case-flags", NULL);
	case_flags(h, &c->s);
	html_close(h);
	if (c->nconcerns) {
		html_open(h, "div", "class", "nhsuk-warning-callout", NULL);
		html_open(h, "h2", "class", "nhsuk-warning-callout__label", NULL);
		html_elem(h, "span", "Important: ", "class", "nhsuk-u-visually-hidden", NULL);
		html_text(h, "Safeguarding concern");
		html_close(h);
		html_open(h, "p", NULL);
		html_textf(h, "%zu safeguarding concern%s recorded on this case. ", c->nconcerns,
			   c->nconcerns == 1 ? " is" : "s are");
		html_elem(h, "a", "Read the concerns", "href", "#safeguarding", NULL);
		html_close(h);
		html_close(h);
	}
	summary(&v);
	/* How to reach the person and why they were referred (a full read of the referral, audited). */
	int found;
	struct referral_view *rv = referral_card_load(req->db, c->s.referral_id, &found);
	if (!rv && found < 0) {
		layout_end(h);
		rc = http_store_failed(req, resp);
		goto done;
	}
	if (rv) {
		referral_card(h, req->db, rv, CARD_CONTACT | CARD_REFERRAL);
		free(rv);
		http_audit(req, AUDIT_REFERRAL_READ, "referral", c->s.referral_id, c->s.person_id, "case page");
	}
	actions(&v);
	assessment(&v);
	goals(&v);
	sessions(&v);
	case_page_records(&v);
	http_audit(req, AUDIT_CASE_READ, "case", id, c->s.person_id, "");
	rc = web_end(&pg, resp, 200);
done:
	view_free(&v);
	case_full_free(c);
	return rc;
}

const struct route web_case_routes[] = {
	{ "GET", "/cases/{id}", case_page, PERM_CASE_READ,
	  "The case: person, assessment, goals, sessions, measures with the change, onward referrals, safeguarding", "case" },
	{ 0 },
};
