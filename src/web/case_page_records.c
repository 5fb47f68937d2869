/* The lower part of the case page: outcome measures with the change from
 * baseline to follow-up (a table and an inline SVG chart), onward referrals
 * with their closed-loop status, unmet needs, safeguarding concerns (no
 * way to change or delete one), consents to represent and case studies. */
#include <stdio.h>
#include <string.h>
#include "web/case_page.h"
#include "web/widgets.h"

/* A measure's score as shown: the metric score, total or value; ONS4's four answers. */
static void score_text(const struct casework_measure *m, char *out, size_t n)
{
	if (m->instrument == INSTRUMENT_ONS4) {
		snprintf(out, n, "%d, %d, %d, %d", m->score.ons4[0], m->score.ons4[1], m->score.ons4[2], m->score.ons4[3]);
		return;
	}
	case_fmt_x100(m->score.score_x100, 0, out, n);
}

static const char *score_kind(enum instrument_id id)
{
	switch (id) {
	case INSTRUMENT_SWEMWBS:
		return "metric score";
	case INSTRUMENT_ONS4:
		return "answers to the four questions";
	case INSTRUMENT_GSE:
		return "total";
	default:
		return "value";
	}
}

static const char *ons4_short[INSTRUMENT_ONS4__MAX] = { "Life satisfaction", "Worthwhile", "Happiness", "Anxiety" };

static void change_of(struct html *h, const struct casework_pair *p)
{
	const struct instrument_def *d = instrument_get(p->instrument);
	char id[32], c[16];
	snprintf(id, sizeof id, "chart-%s", d->code);
	struct case_chart_row rows[INSTRUMENT_ONS4__MAX];
	size_t n = 0;
	html_open(h, "h3", "class", "nhsuk-heading-s", NULL);
	if (p->instrument == INSTRUMENT_ONS4) {
		html_textf(h, "%s: change in each answer", d->label);
		html_close(h);
		for (int i = 0; i < INSTRUMENT_ONS4__MAX; i++)
			rows[n++] = (struct case_chart_row){ ons4_short[i], p->baseline->score.ons4[i] * 100,
							     p->follow_up->score.ons4[i] * 100 };
		html_elem(h, "p", "For anxiety a fall is an improvement.", "class", "nhsuk-body", NULL);
	} else {
		case_fmt_x100(p->change.change_x100, 1, c, sizeof c);
		html_textf(h, "%s: %s (%s)", d->label, c, score_kind(p->instrument));
		html_close(h);
		rows[n++] = (struct case_chart_row){ d->label, p->baseline->score.score_x100, p->follow_up->score.score_x100 };
		if (p->instrument == INSTRUMENT_SWEMWBS)
			html_elem(h, "p",
				  p->direction == INSTRUMENT_BETTER  ? "A meaningful improvement in mental wellbeing."
				  : p->direction == INSTRUMENT_WORSE ? "A meaningful fall in mental wellbeing."
								     : "No meaningful change in mental wellbeing.",
				  "class", "nhsuk-body", NULL);
	}
	case_change_chart(h, id, p->instrument, rows, n);
}

static void measures(struct case_view *v)
{
	struct html *h = v->h;
	const struct casework_case *c = v->c;
	html_open(h, "section", "id", "measures-section", "aria-labelledby", "measures", NULL);
	if (!case_section(h, "Outcome measures", "measures", c->nmeasures,
			  "None recorded yet. Take a baseline at the first session.")) {
		html_close(h);
		return;
	}
	static const char *const cols[] = { "Questionnaire", "Phase", "Date", "Raw total", "Score" };
	widget_table_open(h, "Questionnaires the person answered", cols, 5);
	for (size_t i = 0; i < c->nmeasures; i++) {
		const struct casework_measure *m = &c->measures[i];
		const struct instrument_def *d = instrument_get(m->instrument);
		char when[48], raw[16], score[48];
		case_date(m->at, when, sizeof when);
		if (m->score.raw == INSTRUMENT_NO_TOTAL)
			snprintf(raw, sizeof raw, "Not summed");
		else
			snprintf(raw, sizeof raw, "%d", m->score.raw);
		score_text(m, score, sizeof score);
		html_open(h, "tr", "class", "nhsuk-table__row", NULL);
		widget_cell(h, d ? d->label : m->instrument_code);
		widget_cell(h, strcmp(m->phase, "baseline") == 0 ? "Baseline" : "Follow-up");
		widget_cell(h, when);
		widget_cell(h, raw);
		widget_cell(h, score);
		html_close(h);
	}
	widget_table_close(h);
	for (size_t i = 0; i < c->npairs; i++)
		if (c->pairs[i].paired)
			change_of(h, &c->pairs[i]);
	html_close(h);
}

static void onward(struct case_view *v)
{
	struct html *h = v->h;
	const struct casework_case *c = v->c;
	if (!case_section(h, "Onward referrals", "onward", c->nonward,
			  "No onward referrals yet."))
		return;
	int write = authz_allows(v->req->auth.role, PERM_CASE_WRITE);
	static const char *const cols[] = { "Service", "Need", "Referred", "Status", "Closing the loop" };
	widget_table_open(h, "Referrals to community services and what became of them", cols, write ? 5 : 4);
	for (size_t i = 0; i < c->nonward; i++) {
		const struct casework_onward *o = &c->onward[i];
		const char *service = o->v[CASE_I(ONWARD, service_name)].s;
		const struct case_value *domain = &o->v[CASE_I(ONWARD, domain)];
		char when[48];
		case_date(o->made_at, when, sizeof when);
		html_open(h, "tr", "class", "nhsuk-table__row", NULL);
		widget_cell(h, service);
		widget_cell(h, domain->given ? case_vocab_label(v->domains, domain->s) : "");
		widget_cell(h, when);
		widget_cell(h, case_vocab_label(v->onward_statuses, o->status));
		if (write) {
			html_open(h, "td", "class", "nhsuk-table__cell", NULL);
			if (case_vocab_extra(v->onward_statuses, o->status)[0]) {
				char href[96];
				snprintf(href, sizeof href, "/cases/%lld/onward-status?onward=%lld", (long long)c->s.id,
					 (long long)o->id);
				html_open(h, "a", "href", href, NULL);
				html_text(h, "Update status");
				html_elem(h, "span", service, "class", "nhsuk-u-visually-hidden", NULL);
				html_close(h);
			} else {
				html_text(h, "Final");
			}
			html_close(h);
		}
		html_close(h);
	}
	widget_table_close(h);
}

static void unmet(struct case_view *v)
{
	struct html *h = v->h;
	const struct casework_case *c = v->c;
	if (!case_section(h, "Unmet needs", "unmet", c->nunmet,
			  "None recorded."))
		return;
	static const char *const cols[] = { "What could not be met", "Area of need", "Where", "Recorded" };
	widget_table_open(h, "Needs that could not be met, for the gaps in community resources", cols, 4);
	for (size_t i = 0; i < c->nunmet; i++) {
		const struct case_value *u = c->unmet[i].v, *domain = &u[CASE_I(UNMET, domain)], *area = &u[CASE_I(UNMET, area)];
		char when[48];
		case_date(c->unmet[i].at, when, sizeof when);
		html_open(h, "tr", "class", "nhsuk-table__row", NULL);
		widget_cell(h, u[CASE_I(UNMET, need)].s);
		widget_cell(h, domain->given ? case_vocab_label(v->domains, domain->s) : "");
		widget_cell(h, area->given ? case_vocab_label(v->areas, area->s) : "");
		widget_cell(h, when);
		html_close(h);
	}
	widget_table_close(h);
}

static void safeguarding(struct case_view *v)
{
	struct html *h = v->h;
	const struct casework_case *c = v->c;
	html_open(h, "section", "id", "safeguarding-section", "aria-labelledby", "safeguarding", NULL);
	if (!case_section(h, "Safeguarding concerns", "safeguarding", c->nconcerns,
			  "None recorded.")) {
		html_close(h);
		return;
	}
	html_elem(h, "p", "Concerns are kept for good: they cannot be changed or deleted.", "class", "nhsuk-body", NULL);
	static const char *const cols[] = { "Date", "Category", "What was seen or said", "What was done", "Escalated to",
					    "Recorded by" };
	widget_table_open(h, "Safeguarding concerns, oldest first", cols, 6);
	for (size_t i = 0; i < c->nconcerns; i++) {
		const struct case_value *x = c->concerns[i].v, *to = &x[CASE_I(CONCERN, escalated_to)];
		char when[48];
		case_date(x[CASE_I(CONCERN, raised_at)].n, when, sizeof when);
		html_open(h, "tr", "class", "nhsuk-table__row", NULL);
		widget_cell(h, when);
		widget_cell(h, case_vocab_label(v->categories, x[CASE_I(CONCERN, category)].s));
		widget_cell(h, x[CASE_I(CONCERN, concern)].s);
		widget_cell(h, x[CASE_I(CONCERN, action)].s);
		widget_cell(h, to->given ? to->s : "Not escalated");
		widget_cell(h, c->concerns[i].by);
		html_close(h);
	}
	widget_table_close(h);
	html_close(h);
}

static void consents(struct case_view *v)
{
	struct html *h = v->h;
	const struct casework_case *c = v->c;
	if (!case_section(h, "Consent to represent", "consents", c->nconsents,
			  "None recorded. Record the person's consent before speaking to anyone for them."))
		return;
	static const char *const cols[] = { "Who", "What for", "Given", "Recorded by" };
	widget_table_open(h, "Third parties the person agreed the worker may speak to", cols, 4);
	for (size_t i = 0; i < c->nconsents; i++) {
		const struct case_value *x = c->consents[i].v;
		char when[48];
		case_date(x[CASE_I(CONSENT, given_at)].n, when, sizeof when);
		html_open(h, "tr", "class", "nhsuk-table__row", NULL);
		widget_cell(h, x[CASE_I(CONSENT, third_party)].s);
		widget_cell(h, x[CASE_I(CONSENT, purpose)].s);
		widget_cell(h, when);
		widget_cell(h, c->consents[i].by);
		html_close(h);
	}
	widget_table_close(h);
}

static void studies(struct case_view *v)
{
	struct html *h = v->h;
	const struct casework_case *c = v->c;
	if (!case_section(h, "Case studies", "case-studies", c->nstudies,
			  "None."))
		return;
	for (size_t i = 0; i < c->nstudies; i++) {
		const struct casework_record *x = &c->studies[i];
		const struct case_value *more = &x->v[CASE_I(STUDY, unexpected_outcomes)];
		char when[48];
		case_date(x->at, when, sizeof when);
		html_open(h, "div", "class", "nhsuk-inset-text", NULL);
		html_elem(h, "p", x->v[CASE_I(STUDY, story)].s, NULL);
		if (more->given) {
			html_open(h, "p", NULL);
			html_elem(h, "strong", "Unexpected outcomes: ", NULL);
			html_text(h, more->s);
			html_close(h);
		}
		html_open(h, "p", "class", "nhsuk-body-s", NULL);
		html_textf(h, "%s, %s, with the person's consent.", x->by, when);
		html_close(h);
		html_close(h);
	}
}

void case_page_records(struct case_view *v)
{
	measures(v);
	onward(v);
	unmet(v);
	safeguarding(v);
	consents(v);
	studies(v);
}
