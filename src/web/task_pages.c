/* The volunteer coordinator's task pages (the API's operations, now on
 * pages): a task with what can be done to it (change, cancel, take an offer
 * back, record that the person declined the volunteer, record the
 * volunteer's answer or hours on their behalf when they have no account),
 * planning a task for a person, and extending community support past its
 * 14 days. Every read of a task is audited against the person. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datehuman.h"
#include "core/datetime.h"
#include "core/londontime.h"
#include "core/match.h"
#include "http/audit_req.h"
#include "http/ops_reply.h"
#include "ops/volunteers.h"
#include "web/form.h"
#include "web/form_date.h"
#include "web/widgets.h"
#include "web/post.h"
#include "web/web.h"

static void row(struct html *h, const char *key, const char *value)
{
	html_open(h, "div", "class", "nhsuk-summary-list__row", NULL);
	html_elem(h, "dt", key, "class", "nhsuk-summary-list__key", NULL);
	html_elem(h, "dd", value, "class", "nhsuk-summary-list__value", NULL);
	html_close(h);
}

static void link_p(struct html *h, const char *href, const char *text)
{
	html_open(h, "p", NULL);
	html_elem(h, "a", text, "href", href, NULL);
	html_close(h);
}

static void summary(struct html *h, const struct task_view *t)
{
	char a[LONDON_FORMAT_LEN], b[LONDON_FORMAT_LEN], text[2100];
	html_open(h, "dl", "class", "nhsuk-summary-list", NULL);
	snprintf(text, sizeof text, "%s %s, %s (referral %s)", t->given_name, t->family_name, t->postcode, t->reference);
	row(h, "Person", text);
	int s = volunteer_skill_of(t->type);
	row(h, "Task", s >= 0 ? match_skill_label((enum match_skill)s) : t->type);
	london_format(t->window_from, a);
	london_format(t->window_to, b);
	snprintf(text, sizeof text, "%s to %s, %d minutes", a, b, t->duration_minutes);
	row(h, "When", text);
	snprintf(text, sizeof text, "%d of 5%s", t->priority, t->home_visit ? "; home visit (enhanced DBS needed)" : "");
	row(h, "Priority", text);
	row(h, "Status", task_status_label(t->status));
	row(h, "Volunteer", t->volunteer_id ? t->volunteer_name : "None yet");
	if (t->minutes_logged >= 0) {
		snprintf(text, sizeof text, "%d h %02d min", t->minutes_logged / 60, t->minutes_logged % 60);
		row(h, "Time given", text);
	}
	if (t->outcome_note[0])
		row(h, "What happened", t->outcome_note);
	london_format(t->support_until, a);
	row(h, "Community support until", a);
	if (t->details[0])
		row(h, "Details", t->details);
	html_close(h);
}

/* Each action's reason has its own field (one page holds several): cancel_reason, ... */
static void reason_name(const char *what, char *out, size_t n)
{
	snprintf(out, n, "%s_reason", what);
	for (char *c = out; *c; c++)
		if (*c == '-')
			*c = '_';
}

/* A small form posting to /volunteers/tasks/{id}/what with a reason. */
static void reason_form(struct html *h, struct http_req *req, int64_t id, const char *what, const char *heading,
			const char *label, const char *button, const struct field_errors *fe, const char *err_for)
{
	char action[96];
	snprintf(action, sizeof action, "/volunteers/tasks/%lld/%s", (long long)id, what);
	html_elem(h, "h2", heading, NULL);
	form_begin(h, action, req->auth.csrf[0] ? req->auth.csrf : NULL);
	int mine = err_for && strcmp(err_for, what) == 0;
	char name[40];
	reason_name(what, name, sizeof name);
	form_textarea(h, &(struct form_field){ .name = name, .label = label, .hint = "At most 2000 characters.",
					       .value = mine ? http_form(req, name) : NULL, .errors = mine ? fe : NULL },
		      3);
	form_button(h, button);
	form_end(h);
}

static void behalf_forms(struct html *h, struct http_req *req, const struct task_view *t, const struct field_errors *fe,
			 const char *err_for)
{
	char action[96];
	int logf = err_for && strcmp(err_for, "log") == 0;
	if (strcmp(t->status, "offered") == 0) {
		html_elem(h, "h2", "The volunteer's answer, told by phone", NULL);
		html_elem(h, "p", "For a volunteer of your organisation without an account.", "class", "nhsuk-body", NULL);
		snprintf(action, sizeof action, "/volunteers/tasks/%lld/answer", (long long)t->id);
		form_begin(h, action, req->auth.csrf[0] ? req->auth.csrf : NULL);
		static const struct form_option yn[] = { { "accept", "Accepts the task" }, { "decline", "Declines it" },
							  { NULL, NULL } };
		form_radios(h, &(struct form_field){ .name = "answer", .label = "Their answer", .errors = fe }, yn);
		form_button(h, "Record the answer");
		form_end(h);
	} else if (strcmp(t->status, "accepted") == 0) {
		html_elem(h, "h2", "What happened, told by phone", NULL);
		html_elem(h, "p", "For a volunteer of your organisation without an account.", "class", "nhsuk-body", NULL);
		snprintf(action, sizeof action, "/volunteers/tasks/%lld/log", (long long)t->id);
		form_begin(h, action, req->auth.csrf[0] ? req->auth.csrf : NULL);
		static const struct form_option oc[] = { { "done", "Done" }, { "missed", "Missed" }, { NULL, NULL } };
		form_radios(h, &(struct form_field){ .name = "outcome", .label = "Outcome",
						     .value = logf ? http_form(req, "outcome") : NULL, .errors = fe },
			    oc);
		form_input(h, &(struct form_field){ .name = "hours", .label = "Time given",
						    .hint = "Hours, like 1.5, 1:30 or 45 min (needed when done)",
						    .value = logf ? http_form(req, "hours") : NULL,
						    .width = "nhsuk-input--width-10", .errors = fe });
		form_textarea(h, &(struct form_field){ .name = "note", .label = "What happened",
						       .hint = "Needed when missed. At most 2000 characters.",
						       .value = logf ? http_form(req, "note") : NULL, .errors = fe },
			      3);
		form_button(h, "Record what happened");
		form_end(h);
	}
}

static int task_render(struct http_req *req, struct http_resp *resp, const struct task_view *t,
		       const struct field_errors *fe, const char *err_for, unsigned status)
{
	struct web_page pg;
	web_begin_errors(&pg, req, resp, "Task", fe);
	struct html *h = &pg.h;
	html_open(h, "a", "class", "nhsuk-back-link", "href", "/volunteers/tasks", NULL);
	html_text(h, "Back to tasks");
	html_close(h);
	html_elem(h, "h1", "Task", NULL);
	summary(h, t);
	char href[96];
	int open = strcmp(t->status, "open") == 0, offered = strcmp(t->status, "offered") == 0,
	    accepted = strcmp(t->status, "accepted") == 0;
	if (open) {
		snprintf(href, sizeof href, "/volunteers/tasks/%lld/edit", (long long)t->id);
		link_p(h, href, "Change the task's details");
	}
	snprintf(href, sizeof href, "/referrals/%lld/tasks/new", (long long)t->referral_id);
	link_p(h, href, "Plan another task for this person");
	snprintf(href, sizeof href, "/referrals/%lld/support-extension", (long long)t->referral_id);
	link_p(h, href, "Extend community support beyond 14 days");
	snprintf(href, sizeof href, "/referrals/%lld/step-up", (long long)t->referral_id);
	link_p(h, href, "Step up to a worker (needs more than a volunteer should meet)");
	behalf_forms(h, req, t, fe, err_for);
	if (offered || accepted)
		reason_form(h, req, t->id, "withdraw", "Take the task back from the volunteer",
			    "Why is it being taken back?", "Take it back", fe, err_for);
	if (t->volunteer_id || t->previous_volunteer_id)
		reason_form(h, req, t->id, "person-declined", "The person does not want this volunteer",
			    "What did the person say?", "Record that the person declined", fe, err_for);
	if (open || offered || accepted)
		reason_form(h, req, t->id, "cancel", "Cancel the task", "Why is it being cancelled?", "Cancel the task", fe,
			    err_for);
	http_audit(req, AUDIT_TASK_READ, "task", t->id, t->person_id, "");
	return web_end(&pg, resp, status);
}

/* The task, when c's organisation manages it; otherwise answered. 1 go on, 0 answered, -1 error. */
static int load(struct http_req *req, struct http_resp *resp, int64_t *id, struct task_view **t)
{
	*t = NULL;
	*id = http_param_id_or_respond(req, resp, 0);
	if (*id < 0)
		return 0;
	*t = malloc(sizeof **t);
	if (!*t)
		return -1;
	struct ops_ctx c = http_ops_ctx(req);
	int f = ops_task_managed(&c, *id, *t);
	if (f == 1)
		return 1;
	web_ops_reply(req, resp, ops_may_see_result(f), "Task", NULL);
	return 0;
}

static int task_page(struct http_req *req, struct http_resp *resp)
{
	int64_t id;
	struct task_view *t;
	int g = load(req, resp, &id, &t);
	int rc = g == 1 ? task_render(req, resp, t, NULL, NULL, 200) : g;
	free(t);
	return rc;
}

/* After an action: back to the task, or the task with the problems. */
static int after(struct http_req *req, struct http_resp *resp, int64_t id, enum ops_result r, struct field_errors *fe,
		 const char *what)
{
	if (r == OPS_OK) {
		char to[64];
		snprintf(to, sizeof to, "/volunteers/tasks/%lld", (long long)id);
		return http_redirect(resp, to);
	}
	if (r != OPS_INVALID && r != OPS_CONFLICT)
		return web_ops_reply(req, resp, r, "Task", fe);
	struct task_view *t = malloc(sizeof *t);
	struct ops_ctx c = http_ops_ctx(req);
	int rc = !t ? -1
	 : ops_task_managed(&c, id, t) == 1 ? task_render(req, resp, t, fe, what, r == OPS_CONFLICT ? 409 : 422)
					      : web_ops_reply(req, resp, OPS_NOT_FOUND, "Task", fe);
	free(t);
	return rc;
}

static int act(struct http_req *req, struct http_resp *resp, const char *what)
{
	int64_t id;
	struct task_view *t;
	int g = load(req, resp, &id, &t);
	if (g != 1) {
		free(t);
		return g;
	}
	struct field_errors *fe = ops_fielderr_new();
	if (!fe) {
		free(t);
		return -1;
	}
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r;
	if (strcmp(what, "answer") == 0) {
		const char *a = http_form(req, "answer");
		int accept = a && strcmp(a, "accept") == 0;
		if (!accept && !(a && strcmp(a, "decline") == 0)) {
			fielderr_add(fe, "answer", "Choose whether the volunteer accepts or declines the task");
			r = OPS_INVALID;
		} else {
			r = ops_task_answer_behalf(&c, id, accept, fe);
		}
	} else if (strcmp(what, "log") == 0) {
		r = ops_task_log_behalf(&c, id, http_form(req, "outcome"), http_form(req, "hours"), http_form(req, "note"), fe);
	} else {
		enum task_action a = strcmp(what, "cancel") == 0     ? TASK_ACTION_CANCEL
				     : strcmp(what, "withdraw") == 0 ? TASK_ACTION_WITHDRAW
								     : TASK_ACTION_PERSON_DECLINED;
		int64_t vol = t->volunteer_id ? t->volunteer_id : t->previous_volunteer_id;
		char name[40];
		reason_name(what, name, sizeof name);
		r = ops_task_act(&c, id, a, vol, http_form(req, name), fe);
		for (size_t i = 0; i < fe->n; i++)
			if (strcmp(fe->e[i].field, "reason") == 0)
				snprintf(fe->e[i].field, sizeof fe->e[i].field, "%s", name);
	}
	int rc = after(req, resp, id, r, fe, what);
	free(fe);
	free(t);
	return rc;
}

static int cancel_post(struct http_req *req, struct http_resp *resp)
{
	return act(req, resp, "cancel");
}

static int withdraw_post(struct http_req *req, struct http_resp *resp)
{
	return act(req, resp, "withdraw");
}

static int declined_post(struct http_req *req, struct http_resp *resp)
{
	return act(req, resp, "person-declined");
}

static int answer_post(struct http_req *req, struct http_resp *resp)
{
	return act(req, resp, "answer");
}

static int log_post(struct http_req *req, struct http_resp *resp)
{
	return act(req, resp, "log");
}

/* ---- Planning and changing a task ---- */

/* Reads London "HH:MM" into minutes of the day. 0 or -1. */
static int hhmm(const char *s, int *minutes)
{
	int hh, mm;
	char extra;
	if (!s || sscanf(s, "%d:%d%c", &hh, &mm, &extra) != 2 || hh < 0 || hh > 23 || mm < 0 || mm > 59)
		return -1;
	*minutes = hh * 60 + mm;
	return 0;
}

static int int_field(struct http_req *req, const char *name, int lo, int hi, int def, int *out, struct field_errors *fe,
		     const char *msg)
{
	const char *s = http_form(req, name);
	*out = def;
	if (!s || !*s)
		return 0;
	char *end;
	long v = strtol(s, &end, 10);
	if (*end || v < lo || v > hi)
		return fielderr_add(fe, name, "%s", msg);
	*out = (int)v;
	return 0;
}

/* The task's details from the form (the API's fields, with the window as a
 * London day and two times). 1 when the window was read. */
static int task_from_form(struct http_req *req, struct task_new *n, struct field_errors *fe)
{
	n->type = http_form(req, "type");
	const char *hv = http_form(req, "home_visit");
	n->home_visit = hv && strcmp(hv, "yes") == 0;
	int64_t day;
	int a, b, ok = 1;
	char typed[96];
	if (dh_parse_date(form_date_text(req, "window_date", 0, typed, sizeof typed), &day))
		ok = 0, fielderr_add(fe, "window_date", "Enter the day of the task, for example 24 12 2026");
	if (hhmm(http_form(req, "window_start"), &a))
		ok = 0, fielderr_add(fe, "window_start", "Enter the time it can start from as HH:MM, like 10:00");
	if (hhmm(http_form(req, "window_end"), &b))
		ok = 0, fielderr_add(fe, "window_end", "Enter the time it must end by as HH:MM, like 12:00");
	if (ok) {
		int64_t midnight = london_midnight_utc(day);
		n->window_from = midnight + a * 60;
		n->window_to = midnight + b * 60;
		n->window_from -= london_offset(n->window_from) - london_offset(midnight);
		n->window_to -= london_offset(n->window_to) - london_offset(midnight);
	}
	int_field(req, "duration_minutes", 0, 1440, 60, &n->duration_minutes, fe,
		  "Duration must be a whole number of minutes, 0 to 1440");
	int_field(req, "priority", 1, 5, 3, &n->priority, fe, "Priority must be a whole number from 1 (least urgent) to 5 (most)");
	n->details = http_form(req, "details");
	return ok;
}

static void task_fields_form(struct html *h, struct http_req *req, const struct task_view *t, int with_weeks,
			     const struct field_errors *fe)
{
	struct form_option types[MATCH_SKILL__MAX + 1];
	for (int i = 0; i < MATCH_SKILL__MAX; i++)
		types[i] = (struct form_option){ match_skill_code((enum match_skill)i), match_skill_label((enum match_skill)i) };
	types[MATCH_SKILL__MAX] = (struct form_option){ NULL, NULL };
	int posted = strcmp(req->method, "POST") == 0;
	char from[8] = "", to[8] = "", dur[16] = "60", pri[8] = "3";
	int64_t day = DT_DAYS_MIN - 1;
	if (t) {
		day = london_local_days(t->window_from);
		int64_t lf = t->window_from + london_offset(t->window_from), lt = t->window_to + london_offset(t->window_to);
		snprintf(from, sizeof from, "%02d:%02d", (int)(lf % 86400 / 3600), (int)(lf % 3600 / 60));
		snprintf(to, sizeof to, "%02d:%02d", (int)(lt % 86400 / 3600), (int)(lt % 3600 / 60));
		snprintf(dur, sizeof dur, "%d", t->duration_minutes);
		snprintf(pri, sizeof pri, "%d", t->priority);
	}
#define V(name, dflt) (posted ? http_form(req, name) : (dflt))
	form_select(h, &(struct form_field){ .name = "type", .label = "What the volunteer does",
					     .value = V("type", t ? t->type : NULL), .errors = fe },
		    types);
	static const struct form_option yn[] = { { "no", "No" }, { "yes", "Yes: an enhanced DBS check is needed" },
						  { NULL, NULL } };
	form_radios(h, &(struct form_field){ .name = "home_visit", .label = "Is it a home visit?",
					     .value = V("home_visit", t && t->home_visit ? "yes" : "no"), .errors = fe },
		    yn);
	form_date(h, req, &(struct form_field){ .name = "window_date", .label = "Day of the task", .hint = "For example, 24 12 2026",
						.errors = fe },
		  day, 0);
	form_input(h, &(struct form_field){ .name = "window_start", .label = "From", .hint = "HH:MM, London time",
					    .value = V("window_start", from), .width = "nhsuk-input--width-5", .errors = fe });
	form_input(h, &(struct form_field){ .name = "window_end", .label = "Done by", .hint = "HH:MM, London time",
					    .value = V("window_end", to), .width = "nhsuk-input--width-5", .errors = fe });
	form_input(h, &(struct form_field){ .name = "duration_minutes", .label = "How long it takes, in minutes",
					    .value = V("duration_minutes", dur), .width = "nhsuk-input--width-5", .errors = fe });
	form_input(h, &(struct form_field){ .name = "priority", .label = "Priority", .hint = "1 (least urgent) to 5 (most)",
					    .value = V("priority", pri), .width = "nhsuk-input--width-2", .errors = fe });
	if (with_weeks)
		form_input(h, &(struct form_field){ .name = "weeks", .label = "Weeks",
						    .hint = "The same task each week for up to 4 weeks",
						    .value = V("weeks", "1"), .width = "nhsuk-input--width-2", .errors = fe });
	form_textarea(h, &(struct form_field){ .name = "details", .label = "Details for the volunteer",
					       .hint = "At most 500 characters.", .value = V("details", t ? t->details : NULL),
					       .errors = fe },
		      3);
#undef V
}

/* Opens a task form's page: a back link, the heading, an introduction (NULL: none; with one, the problem about
 * the referral itself shows as an inset), and the form posting to action (closed by the caller). */
static struct html *form_page_begin(struct web_page *pg, struct http_req *req, struct http_resp *resp, const char *title,
				    const char *back, const char *back_text, const char *intro, const char *action,
				    const struct field_errors *fe)
{
	web_begin_errors(pg, req, resp, title, fe);
	struct html *h = &pg->h;
	html_open(h, "a", "class", "nhsuk-back-link", "href", back, NULL);
	html_text(h, back_text);
	html_close(h);
	html_elem(h, "h1", title, NULL);
	if (intro)
		html_elem(h, "p", intro, "class", "nhsuk-body", NULL);
	if (intro && fe && fielderr_for(fe, "referral_id"))
		widget_inset(h, fielderr_for(fe, "referral_id"));
	form_begin(h, action, req->auth.csrf[0] ? req->auth.csrf : NULL);
	return h;
}

/* The status a form shows a result with again (422 invalid, 409 conflict), or 0 when it is not shown again. */
static unsigned again_status(enum ops_result r)
{
	return r == OPS_INVALID ? 422 : r == OPS_CONFLICT ? 409 : 0;
}

static int edit_render(struct http_req *req, struct http_resp *resp, const struct task_view *t,
		       const struct field_errors *fe, unsigned status)
{
	struct web_page pg;
	char back[64], action[80];
	snprintf(back, sizeof back, "/volunteers/tasks/%lld", (long long)t->id);
	snprintf(action, sizeof action, "/volunteers/tasks/%lld/edit", (long long)t->id);
	struct html *h = form_page_begin(&pg, req, resp, "Change a task", back, "Back to the task", NULL, action, fe);
	task_fields_form(h, req, t, 0, fe);
	form_button(h, "Save the task");
	form_end(h);
	http_audit(req, AUDIT_TASK_READ, "task", t->id, t->person_id, "");
	return web_end(&pg, resp, status);
}

static int edit_page(struct http_req *req, struct http_resp *resp)
{
	int64_t id;
	struct task_view *t;
	int g = load(req, resp, &id, &t);
	int rc = g == 1 ? edit_render(req, resp, t, NULL, 200) : g;
	free(t);
	return rc;
}

static int edit_post(struct http_req *req, struct http_resp *resp)
{
	int64_t id;
	struct task_view *t;
	int g = load(req, resp, &id, &t);
	if (g != 1) {
		free(t);
		return g;
	}
	struct field_errors *fe = ops_fielderr_new();
	int rc = -1;
	if (fe) {
		struct task_new n = { 0 };
		int ok = task_from_form(req, &n, fe);
		struct ops_ctx c = http_ops_ctx(req);
		enum ops_result r = ops_task_update(&c, id, &n, ok, fe);
		char to[64];
		snprintf(to, sizeof to, "/volunteers/tasks/%lld", (long long)id);
		rc = r == OPS_OK	    ? http_redirect(resp, to)
		     : again_status(r) ? edit_render(req, resp, t, fe, again_status(r))
				       : web_ops_reply(req, resp, r, "Change a task", fe);
	}
	free(fe);
	free(t);
	return rc;
}

static int plan_render(struct http_req *req, struct http_resp *resp, int64_t rid, const struct field_errors *fe,
		       unsigned status)
{
	struct web_page pg;
	char action[80];
	snprintf(action, sizeof action, "/referrals/%lld/tasks", (long long)rid);
	struct html *h = form_page_begin(&pg, req, resp, "Plan a task", "/volunteers/tasks", "Back to tasks",
					 "A task for a volunteer within the person's community support period, which the next "
					 "matching run offers.",
					 action, fe);
	task_fields_form(h, req, NULL, 1, fe);
	form_button(h, "Plan the task");
	form_end(h);
	return web_end(&pg, resp, status);
}

static int plan_page(struct http_req *req, struct http_resp *resp)
{
	return web_id_show(req, resp, plan_render);
}

static int plan_post(struct http_req *req, struct http_resp *resp)
{
	struct web_post p;
	if (!web_post_id(&p, req, resp))
		return p.rc;
	struct task_new n = { .referral_id = p.id };
	int ok = task_from_form(req, &n, p.fe);
	int weeks = 1;
	int_field(req, "weeks", 1, TASK_WEEKS_MAX, 1, &weeks, p.fe, "Weeks must be a whole number from 1 to 4");
	int64_t ids[TASK_WEEKS_MAX], until;
	enum ops_result r = ops_task_create(&p.c, &n, ok, weeks, p.fe, ids, &until);
	if (r == OPS_OK)
		p.id = ids[0]; /* to the first task planned */
	return web_post_done(&p, req, resp, r, "/volunteers/tasks/%lld", plan_render, "Plan a task");
}

/* ---- Extending community support ---- */

static int extend_render(struct http_req *req, struct http_resp *resp, int64_t rid, const struct field_errors *fe,
			 unsigned status)
{
	struct web_page pg;
	char action[80];
	snprintf(action, sizeof action, "/referrals/%lld/support-extension", (long long)rid);
	struct html *h = form_page_begin(&pg, req, resp, "Extend community support", "/volunteers/tasks", "Back to tasks",
					 "Community support stops 14 days after it started unless extended. Give the last day "
					 "(up to 90 days ahead) and why; the latest extension counts.",
					 action, fe);
	int posted = strcmp(req->method, "POST") == 0;
	form_date(h, req, &(struct form_field){ .name = "until", .label = "Last day of support", .hint = "For example, 24 12 2026", .errors = fe },
		  DT_DAYS_MIN - 1, 0);
	form_textarea(h, &(struct form_field){ .name = "reason", .label = "Why is more support needed?",
					       .hint = "At most 2000 characters.", .value = posted ? http_form(req, "reason") : NULL,
					       .errors = fe },
		      3);
	form_button(h, "Extend support");
	form_end(h);
	return web_end(&pg, resp, status);
}

static int extend_page(struct http_req *req, struct http_resp *resp)
{
	return web_id_show(req, resp, extend_render);
}

static int extend_post(struct http_req *req, struct http_resp *resp)
{
	struct web_post p;
	if (!web_post_id(&p, req, resp))
		return p.rc;
	int64_t id, until;
	char typed[96];
	form_date_text(req, "until", 0, typed, sizeof typed);
	enum ops_result r = ops_support_extend(&p.c, p.id, typed, http_form(req, "reason"), p.fe, &id, &until);
	return web_post_done(&p, req, resp, r, "/volunteers/tasks", extend_render, "Extend community support");
}

const struct route web_task_routes[] = {
	{ "GET", "/volunteers/tasks/{id}", task_page, PERM_VOLUNTEER_MANAGE,
	  "A task with what can be done to it: change, cancel, take back, person declined, answer or log by phone", "task" },
	{ "GET", "/volunteers/tasks/{id}/edit", edit_page, PERM_VOLUNTEER_MANAGE, "Form to change an open task", "task" },
	{ "POST", "/volunteers/tasks/{id}/edit", edit_post, PERM_VOLUNTEER_MANAGE, "Change an open task (form)", "task" },
	{ "POST", "/volunteers/tasks/{id}/cancel", cancel_post, PERM_VOLUNTEER_MANAGE, "Cancel a task with a reason (form)",
	  "task" },
	{ "POST", "/volunteers/tasks/{id}/withdraw", withdraw_post, PERM_VOLUNTEER_MANAGE,
	  "Take an offer or accepted task back from its volunteer (form)", "task" },
	{ "POST", "/volunteers/tasks/{id}/person-declined", declined_post, PERM_VOLUNTEER_MANAGE,
	  "Record that the person does not want the task's volunteer (form)", "task" },
	{ "POST", "/volunteers/tasks/{id}/answer", answer_post, PERM_VOLUNTEER_MANAGE,
	  "Record a volunteer's answer to an offer on their behalf (form)", "task" },
	{ "POST", "/volunteers/tasks/{id}/log", log_post, PERM_VOLUNTEER_MANAGE,
	  "Record what happened on an accepted task on the volunteer's behalf (form)", "task" },
	{ "GET", "/referrals/{id}/tasks/new", plan_page, PERM_VOLUNTEER_MANAGE, "Form to plan a task for a person",
	  "referral" },
	{ "POST", "/referrals/{id}/tasks", plan_post, PERM_VOLUNTEER_MANAGE, "Plan a task for a person (form)", "referral" },
	{ "GET", "/referrals/{id}/support-extension", extend_page, PERM_VOLUNTEER_MANAGE,
	  "Form to extend community support beyond 14 days", "referral" },
	{ "POST", "/referrals/{id}/support-extension", extend_post, PERM_VOLUNTEER_MANAGE,
	  "Extend community support with a last day and a reason (form)", "referral" },
	{ 0 },
};
