/* A volunteer's own pages: the tasks offered to them (accept or decline),
 * the tasks they have taken on (log the hours and what happened), and what
 * they have done. Who and where is shown only once they accept. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/londontime.h"
#include "core/postcode.h"
#include "http/audit_req.h"
#include "web/form.h"
#include "web/milestones.h"
#include "web/post.h"
#include "web/web.h"
#include "http/ops_reply.h"
#include "ops/volunteers.h"

static void type_label(const char *type, char *out, size_t n)
{
	snprintf(out, n, "%s", type);
	for (char *c = out; *c; c++)
		if (*c == '_')
			*c = ' ';
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
}

static void when_text(const struct task_view *t, char *out, size_t n)
{
	char a[LONDON_FORMAT_LEN], b[LONDON_FORMAT_LEN];
	london_format(t->window_from, a);
	london_format(t->window_to, b);
	snprintf(out, n, "Between %s and %s (about %d minutes)", a, b, t->duration_minutes);
}

static void row(struct html *h, const char *key, const char *value)
{
	html_open(h, "div", "class", "nhsuk-summary-list__row", NULL);
	html_elem(h, "dt", key, "class", "nhsuk-summary-list__key", NULL);
	html_elem(h, "dd", value, "class", "nhsuk-summary-list__value", NULL);
	html_close(h);
}

static void task_details(struct html *h, const struct task_view *t)
{
	char buf[1800];
	html_open(h, "dl", "class", "nhsuk-summary-list", NULL);
	when_text(t, buf, sizeof buf);
	row(h, "When", buf);
	int known = strcmp(t->status, "offered") != 0;
	if (known) {
		snprintf(buf, sizeof buf, "%s %s", t->given_name, t->family_name);
		row(h, "Who", buf);
		snprintf(buf, sizeof buf, "%s%s%s", t->address, t->address[0] ? ", " : "", t->postcode);
		row(h, "Where", buf);
		if (t->phone[0])
			row(h, "Phone", t->phone);
	} else {
		/* Before accepting: the first name and the postcode district only. */
		char outcode[POSTCODE_OUTCODE_LEN];
		if (postcode_outcode(t->postcode, outcode))
			snprintf(outcode, sizeof outcode, "?");
		snprintf(buf, sizeof buf, "%s, near %s", t->given_name, outcode);
		row(h, "Who and where", buf);
	}
	if (t->home_visit)
		row(h, "Home visit", "Yes: you will go into their home");
	if (t->details[0])
		row(h, "Details", t->details);
	if (t->match_reason[0])
		row(h, "Why you", t->match_reason);
	row(h, "Status", task_status_label(t->status));
	if (t->minutes_logged >= 0) {
		snprintf(buf, sizeof buf, "%d h %02d min", t->minutes_logged / 60, t->minutes_logged % 60);
		row(h, "Time logged", buf);
	}
	if (t->outcome_note[0])
		row(h, "What happened", t->outcome_note);
	html_close(h);
}

static void answer_buttons(struct html *h, struct http_req *req, const struct task_view *t)
{
	char action[64], label[160], type[48];
	type_label(t->type, type, sizeof type);
	html_open(h, "div", "class", "nhsuk-button-group", NULL);
	snprintf(action, sizeof action, "/my-tasks/%lld/accept", (long long)t->id);
	form_begin(h, action, req->auth.csrf);
	snprintf(label, sizeof label, "Accept task %lld: %s", (long long)t->id, type);
	html_elem(h, "button", "Accept", "class", "nhsuk-button nhsuk-u-margin-right-3", "type", "submit", "aria-label",
		  label, NULL);
	form_end(h);
	snprintf(action, sizeof action, "/my-tasks/%lld/decline", (long long)t->id);
	form_begin(h, action, req->auth.csrf);
	snprintf(label, sizeof label, "Decline task %lld: %s", (long long)t->id, type);
	html_elem(h, "button", "Decline", "class", "nhsuk-button nhsuk-button--secondary", "type", "submit", "aria-label",
		  label, NULL);
	form_end(h);
	html_close(h);
}

struct my_list {
	struct html *h;
	struct http_req *req;
	int offered, accepted, past;
	int pass; /* 0 offered, 1 accepted, 2 finished */
};

static void count(void *ctx, const struct task_view *t)
{
	struct my_list *l = ctx;
	if (strcmp(t->status, "offered") == 0)
		l->offered++;
	else if (strcmp(t->status, "accepted") == 0)
		l->accepted++;
	else
		l->past++;
}

static void card(void *ctx, const struct task_view *t)
{
	struct my_list *l = ctx;
	struct html *h = l->h;
	int offered = strcmp(t->status, "offered") == 0, accepted = strcmp(t->status, "accepted") == 0;
	int pass = offered ? 0 : accepted ? 1 : 2;
	if (pass != l->pass)
		return;
	char title[512], type[48], href[48];
	type_label(t->type, type, sizeof type);
	snprintf(title, sizeof title, "%s for %s", type, t->given_name);
	snprintf(href, sizeof href, "/my-tasks/%lld", (long long)t->id);
	if (pass == 2) {
		char when[LONDON_FORMAT_LEN], time[32] = "";
		london_format(t->window_from, when);
		if (t->minutes_logged >= 0)
			snprintf(time, sizeof time, "%d h %02d min", t->minutes_logged / 60, t->minutes_logged % 60);
		html_open(h, "tr", "class", "nhsuk-table__row", NULL);
		html_open(h, "td", "class", "nhsuk-table__cell", NULL);
		html_elem(h, "a", title, "href", href, NULL);
		html_close(h);
		html_elem(h, "td", when, "class", "nhsuk-table__cell", NULL);
		html_elem(h, "td", task_status_label(t->status), "class", "nhsuk-table__cell", NULL);
		html_elem(h, "td", time, "class", "nhsuk-table__cell", NULL);
		html_close(h);
		return;
	}
	html_open(h, "div", "class", "nhsuk-card", NULL);
	html_open(h, "div", "class", "nhsuk-card__content", NULL);
	html_open(h, "h3", "class", "nhsuk-card__heading", NULL);
	html_elem(h, "a", title, "href", href, NULL);
	html_close(h);
	task_details(h, t);
	if (offered) {
		answer_buttons(h, l->req, t);
	} else {
		char label[160];
		snprintf(label, sizeof label, "Log the time and what happened: %.120s", title);
		html_elem(h, "a", "Log the time and what happened", "href", href, "aria-label", label, NULL);
	}
	html_close(h);
	html_close(h);
}

static int list_page(struct http_req *req, struct http_resp *resp)
{
	int64_t me = 0;
	struct ops_ctx c = http_ops_ctx(req);
	int f = ops_volunteer_self(&c, &me);
	if (f < 0)
		return http_store_failed(req, resp);
	struct web_page pg;
	web_begin(&pg, req, resp, "My tasks");
	struct html *h = &pg.h;
	html_elem(h, "h1", "My tasks", NULL);
	if (f && web_milestone_line(h, req->db, me, 1))
		return http_store_failed(req, resp);
	if (!f) {
		html_elem(h, "p", "Your account is not linked to a volunteer record yet. Ask your volunteer coordinator to add "
				  "your account's email address to your record.", NULL);
		return web_end(&pg, resp, 200);
	}
	struct my_list l = { NULL, req, 0, 0, 0, -1 };
	if (task_list_volunteer(req->db, me, 200, count, &l) < 0)
		return http_store_failed(req, resp);
	int counts[3] = { l.offered, l.accepted, l.past };
	l.h = h;
	static const char *const heads[] = { "Offered to you", "Taken on", "Finished" };
	for (l.pass = 0; l.pass < 3; l.pass++) {
		html_elem(h, "h2", heads[l.pass], NULL);
		if (!counts[l.pass]) {
			html_elem(h, "p", l.pass == 0 ? "Nothing is waiting for your answer."
					  : l.pass == 1 ? "You have no tasks to do at the moment."
							: "Nothing yet.",
				  NULL);
			continue;
		}
		if (l.pass == 2) {
			html_open(h, "table", "class", "nhsuk-table-responsive", NULL);
			html_elem(h, "caption", "Tasks you have finished", "class", "nhsuk-table__caption nhsuk-u-visually-hidden",
				  NULL);
			html_open(h, "thead", "class", "nhsuk-table__head", NULL);
			html_open(h, "tr", "class", "nhsuk-table__row", NULL);
			static const char *const cols[] = { "Task", "When", "Status", "Time" };
			for (size_t i = 0; i < 4; i++)
				html_elem(h, "th", cols[i], "class", "nhsuk-table__header", "scope", "col", NULL);
			html_close(h);
			html_close(h);
			html_open(h, "tbody", "class", "nhsuk-table__body", NULL);
		}
		if (task_list_volunteer(req->db, me, 200, card, &l) < 0)
			return http_store_failed(req, resp);
		if (l.pass == 2) {
			html_close(h);
			html_close(h);
		}
	}
	http_audit(req, AUDIT_TASK_LIST_OWN, "task", 0, 0, "");
	return web_end(&pg, resp, 200);
}

int web_my_tasks_summary(struct html *h, struct http_req *req)
{
	int64_t me = 0;
	struct ops_ctx c = http_ops_ctx(req);
	int f = ops_volunteer_self(&c, &me);
	if (f <= 0)
		return f;
	struct my_list l = { NULL, req, 0, 0, 0, -1 };
	if (task_list_volunteer(req->db, me, 200, count, &l) < 0)
		return -1;
	html_open(h, "div", "class", "nhsuk-inset-text", "id", "my-offers", NULL);
	html_open(h, "p", NULL);
	if (l.offered)
		html_textf(h, "You have %d offer%s waiting for your answer", l.offered, l.offered == 1 ? "" : "s");
	else
		html_text(h, "You have no offers waiting");
	if (l.accepted)
		html_textf(h, " and %d task%s to do", l.accepted, l.accepted == 1 ? "" : "s");
	html_text(h, ". ");
	html_elem(h, "a", "Go to my tasks", "href", "/my-tasks", NULL);
	html_close(h);
	html_close(h);
	http_audit(req, AUDIT_TASK_LIST_OWN, "task", 0, 0, "home page");
	return 0;
}

static int task_page_render(struct http_req *req, struct http_resp *resp, int64_t id, const struct field_errors *fe,
			    unsigned status)
{
	struct task_view *t = malloc(sizeof *t);
	if (!t)
		return -1;
	struct ops_ctx c = http_ops_ctx(req);
	int f = ops_task_self(&c, id, t);
	if (f <= 0) {
		free(t);
		return web_ops_reply(req, resp, ops_may_see_result(f), "", NULL);
	}
	char title[512], type[48];
	type_label(t->type, type, sizeof type);
	snprintf(title, sizeof title, "%s for %s", type, t->given_name);
	struct web_page pg;
	web_begin_errors(&pg, req, resp, title, fe);
	struct html *h = &pg.h;
	html_elem(h, "a", "Back to my tasks", "class", "nhsuk-back-link", "href", "/my-tasks", NULL);
	html_elem(h, "h1", title, NULL);
	task_details(h, t);
	if (strcmp(t->status, "offered") == 0) {
		answer_buttons(h, req, t);
	} else if (strcmp(t->status, "accepted") == 0) {
		html_elem(h, "h2", "Log the time and what happened", NULL);
		char action[64];
		snprintf(action, sizeof action, "/my-tasks/%lld/log", (long long)id);
		form_begin(h, action, req->auth.csrf);
		static const struct form_option outcomes[] = { { "done", "I did it" },
							       { "missed", "It did not happen" },
							       { NULL, NULL } };
		form_radios(h, &(struct form_field){ .name = "outcome", .label = "Did the task happen?",
						     .value = fe ? http_form(req, "outcome") : NULL, .errors = fe },
			    outcomes);
		form_input(h, &(struct form_field){ .name = "hours", .label = "How long did it take, in hours?",
						    .hint = "Including travel. For example, 1.5 or 1:30",
						    .value = fe ? http_form(req, "hours") : NULL,
						    .width = "nhsuk-input--width-5", .errors = fe });
		form_textarea(h, &(struct form_field){ .name = "note", .label = "What happened",
						       .hint = "Anything the coordinator should know, such as how the "
							       "person is or help they still need",
						       .value = fe ? http_form(req, "note") : NULL, .errors = fe },
			      5);
		form_button(h, "Save log");
		form_end(h);
		char href[64];
		snprintf(href, sizeof href, "/my-tasks/%lld/hand-back", (long long)id);
		html_elem(h, "h2", "Cannot do it after all?", "class", "nhsuk-heading-s", NULL);
		html_open(h, "p", NULL);
		html_elem(h, "a", "Hand this task back", "href", href, NULL);
		html_text(h, " so your coordinator can find someone else.");
		html_close(h);
	}
	http_audit(req, AUDIT_TASK_READ_OWN, "task", id, t->person_id, "");
	free(t);
	return web_end(&pg, resp, status);
}

static int task_page(struct http_req *req, struct http_resp *resp)
{
	return web_id_show(req, resp, task_page_render);
}

static int answer(struct http_req *req, struct http_resp *resp, int accept)
{
	struct web_post p;
	if (!web_post_id(&p, req, resp))
		return p.rc;
	return web_post_done(&p, req, resp, ops_task_answer(&p.c, p.id, accept, p.fe),
			     accept ? "/my-tasks?done=accepted" : "/my-tasks?done=declined", task_page_render, "");
}

static int accept_post(struct http_req *req, struct http_resp *resp)
{
	return answer(req, resp, 1);
}

static int decline_post(struct http_req *req, struct http_resp *resp)
{
	return answer(req, resp, 0);
}

static int log_post(struct http_req *req, struct http_resp *resp)
{
	struct web_post p;
	if (!web_post_id(&p, req, resp))
		return p.rc;
	enum ops_result r =
	    ops_task_log(&p.c, p.id, http_form(req, "outcome"), http_form(req, "hours"), http_form(req, "note"), p.fe);
	return web_post_done(&p, req, resp, r, "/my-tasks?done=logged", task_page_render, "");
}

/* Asks first: handing a task back cannot be undone by the volunteer. */
static int hand_back_page(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	struct task_view *t = malloc(sizeof *t);
	if (!t)
		return -1;
	struct ops_ctx c = http_ops_ctx(req);
	int f = ops_task_self(&c, id, t);
	if (f <= 0) {
		free(t);
		return web_ops_reply(req, resp, ops_may_see_result(f), "", NULL);
	}
	char title[512], type[48], back[48], action[64];
	type_label(t->type, type, sizeof type);
	snprintf(title, sizeof title, "Hand back %s for %s?", type, t->given_name);
	snprintf(back, sizeof back, "/my-tasks/%lld", (long long)id);
	snprintf(action, sizeof action, "/my-tasks/%lld/hand-back", (long long)id);
	struct web_page pg;
	web_begin(&pg, req, resp, title);
	struct html *h = &pg.h;
	html_elem(h, "a", "Back to the task", "class", "nhsuk-back-link", "href", back, NULL);
	html_elem(h, "h1", title, NULL);
	html_elem(h, "p", "Your coordinator will offer it to someone else, and it will not be offered to you again.", NULL);
	form_begin(h, action, req->auth.csrf);
	html_open(h, "div", "class", "nhsuk-button-group", NULL);
	html_elem(h, "button", "Yes, hand it back", "class", "nhsuk-button nhsuk-button--warning", "type", "submit", NULL);
	html_elem(h, "a", "No, keep it", "class", "nhsuk-link", "href", back, NULL);
	html_close(h);
	form_end(h);
	http_audit(req, AUDIT_TASK_READ_OWN, "task", id, t->person_id, "hand back");
	free(t);
	return web_end(&pg, resp, 200);
}

static int hand_back_post(struct http_req *req, struct http_resp *resp)
{
	struct web_post p;
	if (!web_post_id(&p, req, resp))
		return p.rc;
	return web_post_done(&p, req, resp, ops_task_hand_back(&p.c, p.id, p.fe), "/my-tasks?done=handed-back",
			     task_page_render, "");
}

const struct route web_my_tasks_routes[] = {
	{ "GET", "/my-tasks", list_page, PERM_VOLUNTEER_SELF, "A volunteer's tasks: offered, taken on and finished" },
	{ "GET", "/my-tasks/{id}", task_page, PERM_VOLUNTEER_SELF, "One of the volunteer's tasks (log it once accepted)", "task" },
	{ "POST", "/my-tasks/{id}/accept", accept_post, PERM_VOLUNTEER_SELF, "Accept an offered task", "task" },
	{ "POST", "/my-tasks/{id}/decline", decline_post, PERM_VOLUNTEER_SELF, "Decline an offered task", "task" },
	{ "POST", "/my-tasks/{id}/log", log_post, PERM_VOLUNTEER_SELF, "Log an accepted task: done or missed, hours, what happened",
	  "task" },
	{ "GET", "/my-tasks/{id}/hand-back", hand_back_page, PERM_VOLUNTEER_SELF, "Ask before handing back an accepted task", "task" },
	{ "POST", "/my-tasks/{id}/hand-back", hand_back_post, PERM_VOLUNTEER_SELF, "Hand back an accepted task (open again for others)",
	  "task" },
	{ 0 },
};
