/* The working forms of a case: sessions, outcome measures (from the
 * instrument definitions), the holistic assessment, goals and their
 * progress. Field names are the store's, so its problems land on them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/internal.h"
#include "util/text.h"
#include "core/datehuman.h"
#include "core/londontime.h"
#include "web/case_forms.h"
#include "web/form_date.h"
#include "web/widgets.h"

void case_form_in(struct http_req *req, enum case_rec r, struct case_value *v, struct field_errors *fe)
{
	int first;
	size_t n = case_record_fields(r, &first);
	for (size_t i = 0; i < n; i++) {
		const struct case_field_def *d = case_field_base(first + (int)i);
		const char *name = case_fields[first + (int)i].name, *s = http_form(req, name);
		char *end;
		if (d->kind == CK_TIME) {
			/* The NHS.UK date boxes (or one field typed as people type it). */
			char text[64];
			form_date_text(req, name, 0, text, sizeof text);
			v[i] = (struct case_value){ s, 0, !text_blank(text) };
			if (v[i].given && case_parse_date(text, req->now, &v[i].n))
				fielderr_add(fe, name, "Enter a real date, like 2 3 2026");
			continue;
		}
		v[i] = (struct case_value){ s, 0, !text_blank(s) };
		if (!v[i].given)
			continue;
		if (d->kind == CK_INT || d->kind == CK_ID) {
			v[i].n = strtoll(s, &end, 10);
			if (*end)
				v[i].n = INT64_MIN;
		} else if (d->kind == CK_BOOL) {
			v[i].n = strcmp(s, "yes") == 0 ? 1 : strcmp(s, "no") == 0 ? 0 : -1;
		}
	}
}

/* The options of a CODE field (allocated), or NULL. */
static struct case_vocab *code_options(struct http_req *req, const struct case_field_def *d)
{
	if (strcmp(d->vocab, "areas") == 0)
		return case_areas_new(req->db, d->hint);
	return case_vocab_new(req->db, d->vocab, d->hint);
}

int case_form_out(struct html *h, struct http_req *req, enum case_rec r, const struct field_errors *fe,
		  const char *const *value, unsigned skip)
{
	int first;
	size_t n = case_record_fields(r, &first);
	for (size_t i = 0; i < n; i++) {
		const struct case_field_def *d = case_field_base(first + (int)i), *own = &case_fields[first + (int)i];
		const char *posted = http_form(req, own->name);
		struct form_field ff = { .name = own->name, .label = own->label, .hint = d->kind == CK_CODE ? NULL : d->hint,
					 .value = posted ? posted : value ? value[i] : NULL, .errors = fe };
		char label[120], opt_values[12][8];
		struct form_option opts[13];
		if (own->rows < 0 || d->kind == CK_ID || (skip >> i & 1))
			continue;
		switch (d->kind) {
		case CK_TEXT:
			if (d->rows > 0)
				form_textarea(h, &ff, d->rows);
			else
				form_input(h, &ff);
			break;
		case CK_CODE: {
			struct case_vocab *v = code_options(req, d);
			if (!v)
				return -1;
			if (d->hint)
				form_select(h, &ff, v->opts);
			else
				form_radios(h, &ff, v->opts);
			free(v);
			break;
		}
		case CK_INT:
			if (d->hi - d->lo > 10) {
				ff.width = "nhsuk-input--width-3";
				form_input(h, &ff);
				break;
			}
			/* A short scale: a choice of each point on it. */
			for (int64_t k = d->lo; k <= d->hi; k++) {
				snprintf(opt_values[k - d->lo], sizeof opt_values[0], "%lld", (long long)k);
				opts[k - d->lo] = (struct form_option){ opt_values[k - d->lo], opt_values[k - d->lo] };
			}
			opts[d->hi - d->lo + 1] = (struct form_option){ NULL, NULL };
			snprintf(label, sizeof label, "%s, from %lld to %lld", own->label, (long long)d->lo, (long long)d->hi);
			ff.label = label;
			if (!ff.value)
				ff.value = opt_values[0];
			form_select(h, &ff, opts);
			break;
		case CK_TIME: {
			int64_t day = london_local_days(req->now);
			if (value && value[i] && dh_parse_date(value[i], &day))
				day = london_local_days(req->now);
			ff.hint = "For example, 2 3 2026";
			form_date(h, req, &ff, day, 0);
			break;
		}
		case CK_BOOL: {
			static const struct form_option yes_no[] = { { "yes", "Yes" }, { "no", "No" }, { NULL, NULL } };
			const struct form_option yes[] = { { "yes", d->hint }, { NULL, NULL } };
			const char *checked[] = { posted, NULL };
			if (d->lo) {
				ff.hint = NULL;
				form_checkboxes(h, &ff, yes, posted ? checked : NULL);
			}
			else
				form_radios(h, &ff, yes_no);
			break;
		}
		case CK_ID:
		case CK_SAME:
			break;
		}
	}
	return 0;
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
	struct field_errors *fe = ops_fielderr_new();
	if (!fe) {
		*rc = -1;
		return 1;
	}
	if (http_query(req, "instrument"))
		fielderr_add(fe, "instrument", "Choose the questionnaire to record");
	char back[48], action[64];
	snprintf(back, sizeof back, "/cases/%lld", (long long)s->id);
	snprintf(action, sizeof action, "/cases/%lld/measure", (long long)s->id);
	struct web_page pg;
	web_begin_errors(&pg, req, resp, "Record a measure", fe);
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
	form_radios(h, &(struct form_field){ .name = "instrument", .label = "Which questionnaire?", .errors = fe }, opts);
	form_button(h, "Continue");
	html_close(h);
	*rc = web_end(&pg, resp, 200);
	free(fe);
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

static int measure_read(struct http_req *req, struct ops_case_in *in, struct field_errors *fe)
{
	enum instrument_id id = chosen_instrument(req);
	in->instrument = http_form(req, "instrument");
	in->phase = http_form(req, "phase");
	if (id == INSTRUMENT_UNKNOWN) {
		fielderr_add(fe, "instrument", "Choose the questionnaire to record");
	} else {
		in->nanswers = instrument_get(id)->nitems;
		case_measure_answers(req, id, in->answers, fe);
	}
	return fe->n > 0;
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
	const char *now[CASE_FIELDS_MAX] = { NULL };
	for (int i = 0; a->version && i < CASE_FIELDS_MAX; i++)
		now[i] = a->v[i].s;
	if (case_form_out(h, req, CR_ASSESSMENT, fe, now, 1u << CASE_I(ASSESSMENT, strengths)))
		goto done;
	html_elem(h, "h2", "Needs", "class", "nhsuk-heading-m", NULL);
	html_elem(h, "p", "Leave a need unanswered if it was not talked about.", "class", "nhsuk-body", NULL);
	for (int i = 0; i < domains->n; i++) {
		char lname[64], nname[72], nlabel[200];
		need_names(domains->code[i], lname, sizeof lname, nname, sizeof nname);
		const char *level = http_form(req, lname), *note = http_form(req, nname);
		for (size_t k = 0; first && k < a->nneeds; k++)
			if (strcmp(a->needs[k][CASE_I(NEED, domain)].s, domains->code[i]) == 0) {
				level = a->needs[k][CASE_I(NEED, level)].s;
				note = a->needs[k][CASE_I(NEED, note)].s;
			}
		form_radios(h, &(struct form_field){ .name = lname, .label = domains->label[i], .value = level, .errors = fe },
			    levels->opts);
		snprintf(nlabel, sizeof nlabel, "Notes on %s (optional)", domains->label[i]);
		form_input(h, &(struct form_field){ .name = nname, .label = nlabel, .value = note, .errors = fe });
	}
	rc = case_form_out(h, req, CR_ASSESSMENT, fe, now, 1u << CASE_I(ASSESSMENT, what_matters));
done:
	case_full_free(c);
	free(domains);
	free(levels);
	return rc;
}

/* The name of the posted field whose value is value. */
static const char *posted_name(const struct http_req *req, const char *value)
{
	for (int i = 0; i < req->nform; i++)
		if (req->form[i].value == value)
			return req->form[i].name;
	return "need_";
}

/* Each need answered, by the form's names for it. */
static int assessment_read(struct http_req *req, struct ops_case_in *in, struct field_errors *fe)
{
	(void)fe;
	struct case_vocab *domains = case_vocab_new(req->db, "need_domains", NULL);
	if (!domains)
		return -1;
	for (int i = 0; i < domains->n && in->nneeds < CASEWORK_NEEDS_MAX; i++) {
		char lname[64], nname[72];
		need_names(domains->code[i], lname, sizeof lname, nname, sizeof nname);
		const char *level = http_form(req, lname), *note = http_form(req, nname);
		if (text_blank(level))
			continue;
		/* The domain's code, from the posted field's name (it outlives the vocabulary). */
		struct case_value *v = in->needs[in->nneeds++];
		v[CASE_I(NEED, domain)] = (struct case_value){ posted_name(req, level) + strlen("need_"), 0, 1 };
		v[CASE_I(NEED, level)] = (struct case_value){ level, 0, 1 };
		v[CASE_I(NEED, note)] = (struct case_value){ note, 0, !text_blank(note) };
	}
	free(domains);
	return 0;
}

/* ---- Goals ---- */

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
		snprintf(p, sizeof p, "%lld", (long long)g->v[CASE_I(GOAL, progress)].n);
		html_void(h, "input", "type", "hidden", "name", "goal_id", "value", v, NULL);
		html_open(h, "dl", "class", "nhsuk-summary-list", NULL);
		widget_summary_row(h, "Goal", g->v[CASE_I(GOAL, goal)].s);
		widget_summary_row(h, "Status now", case_vocab_label(statuses, g->v[CASE_I(GOAL, status)].s));
		widget_summary_row(h, "Progress now", p);
		html_close(h);
	} else {
		/* No goal named: ask which. */
		choice = case_choice_new(c->ngoals);
		if (!choice)
			goto done;
		for (size_t i = 0; i < c->ngoals; i++)
			case_choice_add(choice, c->goals[i].id, c->goals[i].v[CASE_I(GOAL, goal)].s);
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
	const char *now[CASE_FIELDS_MAX] = { [CASE_I(PROGRESS, progress)] = p,
					     [CASE_I(PROGRESS, status)] = g ? g->v[CASE_I(GOAL, status)].s : NULL };
	if (case_form_out(h, req, CR_PROGRESS, fe, fe ? NULL : now, 0))
		goto done;
	rc = 0;
done:
	case_full_free(c);
	free(statuses);
	return rc;
}

static int progress_read(struct http_req *req, struct ops_case_in *in, struct field_errors *fe)
{
	in->record_id = goal_id_of(req);
	if (in->record_id <= 0)
		fielderr_add(fe, "goal_id", "Choose the goal");
	return in->record_id <= 0;
}

const struct case_form case_form_session = { "session", "Add a session", "Save session", "sessions", OPS_CASE_SESSION,
					     NULL, NULL, NULL };
const struct case_form case_form_measure = { "measure", "Record a measure", "Save measure", "measures", OPS_CASE_MEASURE,
					     measure_fields, measure_read, measure_pre };
const struct case_form case_form_assessment = { "assessment", "Assessment", "Save assessment", "assessment",
						OPS_CASE_ASSESSMENT, assessment_fields, assessment_read, NULL };
const struct case_form case_form_goal = { "goal", "Add a goal", "Save goal", "goals", OPS_CASE_GOAL, NULL, NULL, NULL };
const struct case_form case_form_goal_progress = { "goal-progress", "Record progress on a goal", "Save progress", "goals",
						   OPS_CASE_PROGRESS, progress_fields, progress_read, progress_pre };
