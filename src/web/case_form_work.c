/* The working forms of a case: sessions, outcome measures (from the
 * instrument definitions), the holistic assessment, goals and their
 * progress. Field names are the store's, so its problems land on them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/internal.h"
#include "web/case_forms.h"
#include "web/widgets.h"

enum casework_result case_merge_errors(enum casework_result r, struct field_errors *fe, const struct field_errors *store)
{
	for (size_t i = 0; i < store->n; i++)
		if (!fielderr_for(fe, store->e[i].field))
			fielderr_add(fe, store->e[i].field, "%s", store->e[i].message);
	if ((r == CASEWORK_OK || r == CASEWORK_INVALID) && fe->n)
		return CASEWORK_INVALID;
	return r;
}

int case_form_int(struct http_req *req, const char *name, int lo, int hi, int dflt, int *out)
{
	const char *s = http_form(req, name);
	if (!s || !*s) {
		*out = dflt;
		return dflt < lo || dflt > hi ? -1 : 0;
	}
	char *end;
	long v = strtol(s, &end, 10);
	if (*end || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

const char *case_posted(struct http_req *req, const char *name, const char *dflt)
{
	const char *v = http_form(req, name);
	return v ? v : dflt;
}

void case_date_field(struct html *h, struct http_req *req, const char *name, const char *label,
		     const struct field_errors *fe)
{
	char today[DT_DATE_LEN];
	case_today(req->now, today);
	form_input(h, &(struct form_field){ .name = name, .label = label, .hint = "For example, 2026-03-02",
					    .value = case_posted(req, name, today), .width = "nhsuk-input--width-10",
					    .errors = fe });
}

int case_date_posted(struct http_req *req, const char *name, struct field_errors *fe, int64_t *at)
{
	if (case_parse_date(http_form(req, name), req->now, at)) {
		fielderr_add(fe, name, "Enter the date as YYYY-MM-DD, for example 2026-03-02");
		*at = req->now;
		return -1;
	}
	return 0;
}

/* ---- Session ---- */

static int session_fields(struct html *h, struct http_req *req, const struct casework_summary *s,
			  const struct field_errors *fe)
{
	(void)s;
	struct case_vocab *modes = case_vocab_new(req->db, "session_modes", NULL);
	if (!modes)
		return -1;
	case_date_field(h, req, "at", "Date", fe);
	form_radios(h, &(struct form_field){ .name = "mode", .label = "How was the session held?",
					     .value = http_form(req, "mode"), .errors = fe },
		    modes->opts);
	free(modes);
	form_input(h, &(struct form_field){ .name = "duration_minutes", .label = "Duration in minutes",
					    .value = http_form(req, "duration_minutes"), .width = "nhsuk-input--width-3",
					    .errors = fe });
	form_textarea(h, &(struct form_field){ .name = "notes", .label = "Notes", .hint = "What you talked about and did",
					       .value = http_form(req, "notes"), .errors = fe },
		      5);
	form_input(h, &(struct form_field){ .name = "next_step", .label = "Next step",
					    .hint = "What happens next, and by when", .value = http_form(req, "next_step"),
					    .errors = fe });
	return 0;
}

static enum casework_result session_save(struct http_req *req, const struct casework_who *w, struct field_errors *fe,
					 struct casework_conflict *cf, struct case_saved *out)
{
	struct casework_session_rq rq = { .mode = http_form(req, "mode"), .notes = http_form(req, "notes"),
					  .next_step = http_form(req, "next_step") };
	case_date_posted(req, "at", fe, &rq.at);
	if (case_form_int(req, "duration_minutes", 1, 600, 0, &rq.duration_minutes)) {
		fielderr_add(fe, "duration_minutes", "Enter the duration as a whole number of minutes from 1 to 600");
		rq.duration_minutes = 0;
	}
	enum casework_result r;
	int64_t id = 0;
	CASE_STORE_WRITE(r, fe, casework_session_add(req->db, w, &rq, &id, sfe, cf));
	snprintf(out->detail, sizeof out->detail, "session %lld", (long long)id);
	return r;
}

/* ---- Outcome measure ---- */

static enum instrument_id chosen_instrument(struct http_req *req)
{
	const char *code = http_form(req, "instrument");
	if (!code)
		code = http_query(req, "instrument");
	return instrument_lookup(code);
}

/* Before the questionnaire: which instrument (a GET form, so it works without JavaScript). */
static int measure_pre(struct http_req *req, struct http_resp *resp, const struct casework_summary *s, int *rc)
{
	if (chosen_instrument(req) != INSTRUMENT_UNKNOWN)
		return 0;
	struct field_errors fe;
	fielderr_init(&fe);
	if (http_query(req, "instrument"))
		fielderr_add(&fe, "instrument", "Choose the questionnaire to record");
	char back[48], action[64];
	snprintf(back, sizeof back, "/cases/%lld", (long long)s->id);
	snprintf(action, sizeof action, "/cases/%lld/measure", (long long)s->id);
	struct web_page pg;
	web_begin_errors(&pg, req, resp, "Record a measure", &fe);
	struct html *h = &pg.h;
	html_elem(h, "a", "Back to the case", "class", "nhsuk-back-link", "href", back, NULL);
	html_open(h, "h1", NULL);
	html_elem(h, "span", s->person_name, "class", "nhsuk-caption-l", NULL);
	html_text(h, "Record a measure");
	html_close(h);
	html_elem(h, "p", "A baseline is taken at the first session and a follow-up when the case closes, with the same "
			  "questionnaire, so that the change can be seen.",
		  "class", "nhsuk-body", NULL);
	html_open(h, "form", "method", "get", "action", action, "novalidate", "", NULL);
	struct form_option opts[INSTRUMENT__MAX + 1];
	char labels[INSTRUMENT__MAX][200];
	for (int i = 0; i < INSTRUMENT__MAX; i++) {
		const struct instrument_def *d = instrument_get((enum instrument_id)i);
		snprintf(labels[i], sizeof labels[i], "%s: %s", d->label, d->name);
		opts[i] = (struct form_option){ d->code, labels[i] };
	}
	opts[INSTRUMENT__MAX] = (struct form_option){ NULL, NULL };
	form_radios(h, &(struct form_field){ .name = "instrument", .label = "Which questionnaire?", .errors = &fe }, opts);
	form_button(h, "Continue");
	html_close(h);
	*rc = web_end(&pg, resp, 200);
	return 1;
}

static int measure_fields(struct html *h, struct http_req *req, const struct casework_summary *s,
			  const struct field_errors *fe)
{
	(void)s;
	enum instrument_id id = chosen_instrument(req);
	if (id == INSTRUMENT_UNKNOWN)
		id = INSTRUMENT_SWEMWBS;
	const struct instrument_def *d = instrument_get(id);
	html_void(h, "input", "type", "hidden", "name", "instrument", "value", d->code, NULL);
	html_elem(h, "h2", d->name, "class", "nhsuk-heading-m", NULL);
	static const struct form_option phases[] = { { "baseline", "Baseline" }, { "follow_up", "Follow-up" }, { NULL, NULL } };
	form_radios(h, &(struct form_field){ .name = "phase", .label = "Is this the baseline or the follow-up?",
					     .hint = "The baseline is taken at the first session, the follow-up at the end",
					     .value = http_form(req, "phase"), .errors = fe },
		    phases);
	case_measure_fields(h, req, id, fe);
	return 0;
}

static enum casework_result measure_save(struct http_req *req, const struct casework_who *w, struct field_errors *fe,
					 struct casework_conflict *cf, struct case_saved *out)
{
	enum instrument_id id = chosen_instrument(req);
	int answers[INSTRUMENT_ITEMS_MAX] = { 0 };
	struct casework_measure_rq rq = { .instrument = http_form(req, "instrument"), .phase = http_form(req, "phase"),
					  .answers = answers };
	if (id == INSTRUMENT_UNKNOWN) {
		fielderr_add(fe, "instrument", "Choose the questionnaire to record");
	} else {
		rq.nanswers = instrument_get(id)->nitems;
		case_measure_answers(req, id, answers, fe);
	}
	if (fe->n)
		return CASEWORK_INVALID;
	struct field_errors *sfe = malloc(sizeof *sfe);
	if (!sfe)
		return CASEWORK_ERROR;
	fielderr_init(sfe);
	int64_t mid = 0;
	struct instrument_score score;
	enum casework_result r = casework_measure_add(req->db, w, &rq, &mid, &score, sfe, cf);
	/* The store numbers answers from 0 ("answers[2]"); the form from 1. */
	for (size_t i = 0; i < sfe->n; i++) {
		unsigned k;
		if (sscanf(sfe->e[i].field, "answers[%u]", &k) == 1)
			snprintf(sfe->e[i].field, sizeof sfe->e[i].field, "answer_%u", k + 1);
	}
	r = case_merge_errors(r, fe, sfe);
	free(sfe);
	snprintf(out->detail, sizeof out->detail, "%s %s", rq.instrument, rq.phase ? rq.phase : "");
	return r;
}

/* ---- Assessment ---- */

static void need_names(const char *domain, char *level, size_t ln, char *note, size_t nn)
{
	snprintf(level, ln, "need_%s", domain);
	snprintf(note, nn, "need_%s_note", domain);
}

static int assessment_fields(struct html *h, struct http_req *req, const struct casework_summary *s,
			     const struct field_errors *fe)
{
	struct casework_case *c = case_full_load(req, s->id);
	struct case_vocab *domains = case_vocab_new(req->db, "need_domains", NULL);
	struct case_vocab *levels = case_vocab_new(req->db, "need_levels", NULL);
	int rc = -1;
	if (!c || !domains || !levels)
		goto done;
	const struct casework_assessment *a = &c->assessment;
	if (a->version)
		html_elem(h, "p", "Saving makes a new version; earlier versions are kept.", "class", "nhsuk-body", NULL);
	int first = !fe;
	form_textarea(h, &(struct form_field){ .name = "what_matters", .label = "What matters to the person",
					       .hint = "In their words, where you can",
					       .value = first && a->version ? a->what_matters : http_form(req, "what_matters"),
					       .errors = fe },
		      4);
	html_elem(h, "h2", "Needs", "class", "nhsuk-heading-m", NULL);
	html_elem(h, "p", "Leave a need unanswered if it was not talked about.", "class", "nhsuk-body", NULL);
	for (int i = 0; i < domains->n; i++) {
		char lname[64], nname[72], nlabel[200];
		need_names(domains->code[i], lname, sizeof lname, nname, sizeof nname);
		const char *level = http_form(req, lname), *note = http_form(req, nname);
		for (size_t k = 0; first && k < a->nneeds; k++)
			if (strcmp(a->needs[k].domain, domains->code[i]) == 0) {
				level = a->needs[k].level;
				note = a->needs[k].note;
			}
		form_radios(h, &(struct form_field){ .name = lname, .label = domains->label[i], .value = level, .errors = fe },
			    levels->opts);
		snprintf(nlabel, sizeof nlabel, "Notes on %s (optional)", domains->label[i]);
		form_input(h, &(struct form_field){ .name = nname, .label = nlabel, .value = note, .errors = fe });
	}
	form_textarea(h, &(struct form_field){ .name = "strengths", .label = "Strengths",
					       .hint = "What the person is good at, and who and what they have around them",
					       .value = first && a->version ? a->strengths : http_form(req, "strengths"),
					       .errors = fe },
		      4);
	rc = 0;
done:
	case_full_free(c);
	free(domains);
	free(levels);
	return rc;
}

static enum casework_result assessment_save(struct http_req *req, const struct casework_who *w, struct field_errors *fe,
					    struct casework_conflict *cf, struct case_saved *out)
{
	struct case_vocab *domains = case_vocab_new(req->db, "need_domains", NULL);
	struct field_errors *sfe = malloc(sizeof *sfe);
	struct casework_need_rq needs[CASE_VOCAB_MAX];
	char names[CASE_VOCAB_MAX][2][72];
	enum casework_result r = CASEWORK_ERROR;
	if (!domains || !sfe)
		goto done;
	size_t n = 0;
	for (int i = 0; i < domains->n; i++) {
		need_names(domains->code[i], names[n][0], sizeof names[n][0], names[n][1], sizeof names[n][1]);
		const char *level = http_form(req, names[n][0]);
		if (!level || !*level)
			continue;
		needs[n] = (struct casework_need_rq){ domains->code[i], level, http_form(req, names[n][1]) };
		n++;
	}
	struct casework_assessment_rq rq = { http_form(req, "what_matters"), http_form(req, "strengths"), needs, n };
	fielderr_init(sfe);
	int64_t id = 0;
	int version = 0;
	r = casework_assessment_add(req->db, w, &rq, &id, &version, sfe, cf);
	/* "needs[2].level" is the radios of the third need given. */
	for (size_t i = 0; i < sfe->n; i++) {
		unsigned k;
		char part[16];
		if (sscanf(sfe->e[i].field, "needs[%u].%15s", &k, part) == 2 && k < n)
			snprintf(sfe->e[i].field, sizeof sfe->e[i].field, "%s", names[k][strcmp(part, "note") == 0]);
	}
	r = case_merge_errors(r, fe, sfe);
	snprintf(out->detail, sizeof out->detail, "assessment version %d", version);
done:
	free(domains);
	free(sfe);
	return r;
}

/* ---- Goals ---- */

static const struct form_option progress_opts[] = {
	{ "0", "0 (not started)" }, { "1", "1" }, { "2", "2" }, { "3", "3" }, { "4", "4" }, { "5", "5" },
	{ "6", "6" }, { "7", "7" }, { "8", "8" }, { "9", "9" }, { "10", "10 (fully achieved)" }, { NULL, NULL },
};

static int goal_fields(struct html *h, struct http_req *req, const struct casework_summary *s,
		       const struct field_errors *fe)
{
	(void)s;
	struct case_vocab *domains = case_vocab_new(req->db, "need_domains", "Not given");
	if (!domains)
		return -1;
	form_input(h, &(struct form_field){ .name = "goal", .label = "Goal", .hint = "What the person wants to achieve",
					    .value = http_form(req, "goal"), .errors = fe });
	form_select(h, &(struct form_field){ .name = "domain", .label = "Area of need (optional)",
					     .value = http_form(req, "domain"), .errors = fe },
		    domains->opts);
	free(domains);
	form_select(h, &(struct form_field){ .name = "progress", .label = "Progress so far, from 0 to 10",
					     .value = case_posted(req, "progress", "0"), .errors = fe },
		    progress_opts);
	return 0;
}

static enum casework_result goal_save(struct http_req *req, const struct casework_who *w, struct field_errors *fe,
				      struct casework_conflict *cf, struct case_saved *out)
{
	struct casework_goal_rq rq = { .goal = http_form(req, "goal"), .domain = http_form(req, "domain") };
	if (rq.domain && !*rq.domain)
		rq.domain = NULL;
	if (case_form_int(req, "progress", 0, 10, 0, &rq.progress))
		fielderr_add(fe, "progress", "Choose the progress so far, from 0 to 10");
	enum casework_result r;
	int64_t id = 0;
	CASE_STORE_WRITE(r, fe, casework_goal_add(req->db, w, &rq, &id, sfe, cf));
	snprintf(out->detail, sizeof out->detail, "goal %lld", (long long)id);
	return r;
}

/* The goal named by ?goal= (GET) or goal_id (POST). */
static int64_t goal_id_of(struct http_req *req)
{
	return case_record_id(req, "goal_id", "goal");
}

static const struct casework_goal *goal_in(const struct casework_case *c, int64_t id)
{
	for (size_t i = 0; i < c->ngoals; i++)
		if (c->goals[i].id == id)
			return &c->goals[i];
	return NULL;
}

static int has_goal(const struct casework_case *c, int64_t id)
{
	return goal_in(c, id) != NULL;
}

static int progress_pre(struct http_req *req, struct http_resp *resp, const struct casework_summary *s, int *rc)
{
	return case_pre_record(req, resp, s, rc, goal_id_of(req), has_goal);
}

static int progress_fields(struct html *h, struct http_req *req, const struct casework_summary *s,
			   const struct field_errors *fe)
{
	struct casework_case *c = case_full_load(req, s->id);
	struct case_vocab *statuses = case_vocab_new(req->db, "goal_statuses", NULL);
	int rc = -1;
	if (!c || !statuses)
		goto done;
	const struct casework_goal *g = goal_in(c, goal_id_of(req));
	char v[24], p[8] = "0";
	struct case_choice *choice = NULL;
	if (g) {
		snprintf(v, sizeof v, "%lld", (long long)g->id);
		snprintf(p, sizeof p, "%d", g->progress);
		html_void(h, "input", "type", "hidden", "name", "goal_id", "value", v, NULL);
		html_open(h, "dl", "class", "nhsuk-summary-list", NULL);
		widget_summary_row(h, "Goal", g->goal);
		widget_summary_row(h, "Status now", case_vocab_label(statuses, g->status));
		widget_summary_row(h, "Progress now", p);
		html_close(h);
	} else {
		/* No goal named: ask which. */
		choice = case_choice_new(c->ngoals);
		if (!choice)
			goto done;
		for (size_t i = 0; i < c->ngoals; i++)
			case_choice_add(choice, c->goals[i].id, c->goals[i].goal);
		if (!choice->n) {
			html_elem(h, "p", "There are no goals on this case yet.", "class", "nhsuk-body", NULL);
			case_choice_free(choice);
			rc = 1;
			goto done;
		}
		form_radios(h, &(struct form_field){ .name = "goal_id", .label = "Which goal?",
						     .value = http_form(req, "goal_id"), .errors = fe },
			    choice->opts);
		case_choice_free(choice);
	}
	form_select(h, &(struct form_field){ .name = "progress", .label = "Progress, from 0 to 10",
					     .value = fe || !g ? http_form(req, "progress") : p, .errors = fe },
		    progress_opts);
	form_radios(h, &(struct form_field){ .name = "status", .label = "Status",
					     .value = fe || !g ? http_form(req, "status") : g->status, .errors = fe },
		    statuses->opts);
	form_textarea(h, &(struct form_field){ .name = "note", .label = "Note (optional)", .value = http_form(req, "note"),
					       .errors = fe },
		      3);
	rc = 0;
done:
	case_full_free(c);
	free(statuses);
	return rc;
}

static enum casework_result progress_save(struct http_req *req, const struct casework_who *w, struct field_errors *fe,
					  struct casework_conflict *cf, struct case_saved *out)
{
	struct casework_goal_progress_rq rq = { .goal_id = goal_id_of(req), .status = http_form(req, "status"),
						.note = http_form(req, "note") };
	if (rq.status && !*rq.status)
		rq.status = NULL;
	if (rq.goal_id <= 0)
		fielderr_add(fe, "goal_id", "Choose the goal");
	if (case_form_int(req, "progress", 0, 10, -1, &rq.progress)) {
		fielderr_add(fe, "progress", "Choose the progress, from 0 to 10");
		rq.progress = 0;
	}
	if (fe->n)
		return CASEWORK_INVALID;
	enum casework_result r;
	int64_t id = 0;
	CASE_STORE_WRITE(r, fe, casework_goal_progress(req->db, w, &rq, &id, sfe, cf));
	snprintf(out->detail, sizeof out->detail, "goal %lld progress", (long long)rq.goal_id);
	return r;
}

const struct case_form case_form_session = { "session", "Add a session", "Save session", "sessions", AUDIT_CASE_SESSION,
					     0, NULL, session_fields, session_save, NULL };
const struct case_form case_form_measure = { "measure", "Record a measure", "Save measure", "measures", AUDIT_CASE_MEASURE,
					     1, "phase", measure_fields, measure_save, measure_pre };
const struct case_form case_form_assessment = { "assessment", "Assessment", "Save assessment", "assessment",
						AUDIT_CASE_ASSESSMENT, 0, NULL, assessment_fields, assessment_save, NULL };
const struct case_form case_form_goal = { "goal", "Add a goal", "Save goal", "goals", AUDIT_CASE_GOAL, 0, NULL,
					  goal_fields, goal_save, NULL };
const struct case_form case_form_goal_progress = { "goal-progress", "Record progress on a goal", "Save progress", "goals",
						   AUDIT_CASE_GOAL_PROGRESS, 0, NULL, progress_fields, progress_save,
						   progress_pre };
