/* Volunteer coordinators' pages: the volunteers of their organisation with
 * DBS compliance flags and renewal reminders (60, 30, 7 days), adding and
 * editing a volunteer, and matching: a dry run whose proposed offers, each
 * with its reason, the coordinator reviews, adjusts and confirms. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datehuman.h"
#include "core/datetime.h"
#include "core/list_sorts.h"
#include "core/londontime.h"
#include "http/audit_req.h"
#include "web/form.h"
#include "web/form_date.h"
#include "web/post.h"
#include "web/web.h"
#include "http/ops_reply.h"
#include "ops/volunteers.h"
#include "util/idlist.h"
#include "http/list_query.h"
#include "web/list_controls.h"

#define ALTERNATIVES_MAX 8 /* eligible volunteers offered in each task's list */

static void tag(struct html *h, const char *text, const char *colour)
{
	char cls[64];
	snprintf(cls, sizeof cls, "nhsuk-tag nhsuk-tag--%s", colour);
	html_elem(h, "strong", text, "class", cls, NULL);
}

static void day_text(int64_t day, char *out, size_t n)
{
	int y, m, d;
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	if (day == COMPLIANCE_NO_DAY || dt_civil_from_days(day, &y, &m, &d))
		snprintf(out, n, "not known");
	else
		snprintf(out, n, "%d %s %d", d, months[m - 1], y);
}

/* The DBS flag a coordinator needs at a glance, and its reminder. */
static void compliance_cell(struct html *h, const struct dbs_check *d, int64_t now)
{
	int64_t today = london_local_days(now);
	enum compliance_stage s = compliance_stage_on(d, today);
	int64_t until = compliance_home_visit_until_at(d, now);
	char date[32], text[96];
	day_text(d->renewal_day, date, sizeof date);
	if (d->level == DBS_NONE) {
		tag(h, "No DBS check", "grey");
		return;
	}
	if (s == COMPLIANCE_LAPSED) {
		snprintf(text, sizeof text, "%s DBS lapsed %s", dbs_level_label(d->level), date);
		tag(h, text, "red");
		return;
	}
	if (until > now) {
		snprintf(text, sizeof text, "Home visits until %s", date);
		tag(h, text, "green");
	} else {
		snprintf(text, sizeof text, "%s DBS: no home visits", dbs_level_label(d->level));
		tag(h, text, "grey");
	}
	if (s != COMPLIANCE_OK) {
		int64_t left = compliance_days_left(d, today);
		snprintf(text, sizeof text, "Renew in %lld day%s (%d-day reminder)", (long long)left, left == 1 ? "" : "s",
			 compliance_stage_days(s));
		html_text(h, " ");
		tag(h, text, s == COMPLIANCE_DUE_60 ? "yellow" : "orange");
	}
}

static void skills_text(uint32_t mask, char *out, size_t n)
{
	size_t len = 0;
	out[0] = '\0';
	for (int s = 0; s < MATCH_SKILL__MAX && len < n; s++)
		if (mask & (1u << s))
			len += (size_t)snprintf(out + len, n - len, "%s%s", len ? ", " : "", match_skill_label((enum match_skill)s));
	if (!len)
		snprintf(out, n, "none recorded");
}

static void th(struct html *h, const char *text)
{
	html_elem(h, "th", text, "class", "nhsuk-table__header", "scope", "col", NULL);
}

struct list_page {
	struct html *h;
	int64_t now;
	int n;
	const struct search_query *search; /* NULL: every row */
	struct page_window w;
};

static void renewal_row(void *ctx, const struct volunteer_summary *s)
{
	struct list_page *l = ctx;
	struct html *h = l->h;
	char href[48], date[32];
	if (l->n++ == 0) {
		html_open(h, "table", "class", "nhsuk-table-responsive", NULL);
		html_elem(h, "caption", "DBS renewals due within 60 days, and lapsed checks", "class",
			  "nhsuk-table__caption", NULL);
		html_open(h, "thead", "class", "nhsuk-table__head", NULL);
		html_open(h, "tr", "class", "nhsuk-table__row", NULL);
		th(h, "Volunteer");
		th(h, "Check");
		th(h, "Renewal date");
		th(h, "Reminder");
		html_close(h);
		html_close(h);
		html_open(h, "tbody", "class", "nhsuk-table__body", NULL);
	}
	snprintf(href, sizeof href, "/volunteers/%lld", (long long)s->id);
	day_text(s->dbs.renewal_day, date, sizeof date);
	html_open(h, "tr", "class", "nhsuk-table__row", NULL);
	html_open(h, "td", "class", "nhsuk-table__cell", NULL);
	html_elem(h, "a", s->name, "href", href, NULL);
	html_close(h);
	html_elem(h, "td", dbs_level_label(s->dbs.level), "class", "nhsuk-table__cell", NULL);
	html_elem(h, "td", date, "class", "nhsuk-table__cell", NULL);
	html_open(h, "td", "class", "nhsuk-table__cell", NULL);
	compliance_cell(h, &s->dbs, l->now);
	html_close(h);
	html_close(h);
}

static void volunteer_row(void *ctx, const struct volunteer_summary *s)
{
	struct list_page *l = ctx;
	struct html *h = l->h;
	if (l->search && (!search_name_matches(l->search, s->name) || !page_window_take(&l->w)))
		return;
	char href[48], skills[400], load[32];
	l->n++;
	snprintf(href, sizeof href, "/volunteers/%lld", (long long)s->id);
	skills_text(s->skills, skills, sizeof skills);
	snprintf(load, sizeof load, "%d of %d", s->tasks_this_week, s->max_tasks_per_week);
	html_open(h, "tr", "class", "nhsuk-table__row", NULL);
	html_open(h, "td", "class", "nhsuk-table__cell", NULL);
	html_elem(h, "a", s->name, "href", href, NULL);
	if (s->consent_to_share) {
		html_void(h, "br", NULL);
		html_elem(h, "span", "In the shared pool", "class", "nhsuk-body-s", NULL);
	}
	html_close(h);
	html_elem(h, "td", volunteer_status_label(s->status), "class", "nhsuk-table__cell", NULL);
	html_elem(h, "td", s->postcode, "class", "nhsuk-table__cell", NULL);
	html_elem(h, "td", skills, "class", "nhsuk-table__cell", NULL);
	html_open(h, "td", "class", "nhsuk-table__cell", NULL);
	compliance_cell(h, &s->dbs, l->now);
	if (s->training_missing) { /* matching offers them nothing until it is recorded */
		char text[64];
		snprintf(text, sizeof text, "Required training missing (%d)", s->training_missing);
		html_text(h, " ");
		tag(h, text, "red");
	}
	html_close(h);
	html_elem(h, "td", load, "class", "nhsuk-table__cell", NULL);
	html_close(h);
}

/* Ends a list's GET form with the search box (hint), the sort choice and the button; hl: the page, search and
 * sort asked for (by sorts). 0, or -1 when out of memory. */
static int list_form_end(struct html *h, struct http_req *req, const char *const *sorts, struct http_list *hl,
			 const char *hint, const struct form_option *sort_opts, const char *button)
{
	struct field_errors *fe = ops_fielderr_new();
	if (!fe)
		return -1;
	http_list_page(req, sorts, hl, fe);
	list_search_input(h, hl->q, hint, fe);
	free(fe);
	list_sort_select(h, sort_opts, hl->sort_name);
	html_elem(h, "button", button, "class", "nhsuk-button nhsuk-button--secondary", "type", "submit", NULL);
	html_close(h);
	return 0;
}

static int list_page(struct http_req *req, struct http_resp *resp)
{
	const char *status = http_query(req, "status");
	if (status && *status && volunteer_status_from_code(status) < 0)
		status = "";
	struct web_page pg;
	web_begin(&pg, req, resp, "Volunteers");
	struct html *h = &pg.h;
	html_elem(h, "h1", "Volunteers", NULL);
	const char *saved = http_query(req, "saved");
	if (saved && *saved) {
		html_open(h, "div", "class", "nhsuk-inset-text", NULL);
		html_elem(h, "p", "The volunteer's details were saved.", NULL);
		html_close(h);
	}
	html_open(h, "p", NULL);
	html_elem(h, "a", "Add a volunteer", "class", "nhsuk-button nhsuk-u-margin-right-3", "href", "/volunteers/new", NULL);
	if (authz_allows(req->auth.role, PERM_MATCH_RUN))
		html_elem(h, "a", "Match volunteers to tasks", "class", "nhsuk-button nhsuk-button--secondary nhsuk-u-margin-right-3",
			  "href", "/volunteers/match", NULL);
	html_elem(h, "a", "Tasks and what happened", "class", "nhsuk-button nhsuk-button--secondary nhsuk-u-margin-right-3",
		  "href", "/volunteers/tasks", NULL);
	html_elem(h, "a", "Hours given", "class", "nhsuk-button nhsuk-button--secondary", "href", "/volunteer-hours", NULL);
	html_close(h);

	html_elem(h, "h2", "DBS renewals", NULL);
	struct list_page l = { h, req->now, 0 };
	int n = volunteer_renewals(req->db, req->auth.org_id, london_local_days(req->now), renewal_row, &l);
	if (n < 0)
		return http_store_failed(req, resp);
	if (l.n) {
		html_close(h);
		html_close(h);
		html_elem(h, "p", "Reminders fall due 60, 30 and 7 days before the renewal date. A lapsed enhanced check "
				  "means no home visits until it is renewed.", "class", "nhsuk-body-s", NULL);
	} else {
		html_elem(h, "p", "No DBS check is due for renewal in the next 60 days.", NULL);
	}

	html_elem(h, "h2", "Everyone", NULL);
	html_open(h, "form", "method", "get", "action", "/volunteers", "novalidate", "", NULL);
	static const struct form_option statuses[] = { { "", "Any status" }, { "applicant", "Applicant" },
						       { "active", "Active" }, { "paused", "Paused" },
						       { "left", "Left" }, { NULL, NULL } };
	form_select(h, &(struct form_field){ .name = "status", .label = "Status", .value = status }, statuses);
	static const struct form_option sort_opts[] = { { "name", "Name, A to Z" },
							{ "name-desc", "Name, Z to A" },
							{ "tasks", "Fewest tasks in the next 7 days" },
							{ "tasks-desc", "Most tasks in the next 7 days" },
							{ NULL, NULL } };
	struct http_list hl;
	if (list_form_end(h, req, volunteer_sorts, &hl, "A name", sort_opts, "Show volunteers"))
		return http_store_failed(req, resp);
	html_open(h, "table", "class", "nhsuk-table-responsive", NULL);
	html_elem(h, "caption", "Volunteers of your organisation", "class", "nhsuk-table__caption", NULL);
	static const struct list_column cols[] = { { "Name", "name", "name-desc", 0 },
						   { "Status", NULL, NULL, 0 },
						   { "Home postcode", NULL, NULL, 0 },
						   { "Skills", NULL, NULL, 0 },
						   { "DBS", NULL, NULL, 0 },
						   { "Tasks next 7 days", "tasks", "tasks-desc", 1 } };
	const char *head_params[] = { "status", status ? status : "", "q", hl.q, NULL };
	list_table_head(h, "/volunteers", head_params, cols, 6, hl.sort_name);
	html_open(h, "tbody", "class", "nhsuk-table__body", NULL);
	l.n = 0;
	l.search = &hl.search;
	page_window_init(&l.w, (int64_t)(hl.page - 1) * PAGE_LIMIT_DEFAULT, PAGE_LIMIT_DEFAULT);
	if (volunteer_list(req->db, req->auth.org_id, status ? status : "", PAGE_SCAN_MAX, hl.sort, req->now,
			   req->now + MATCH_HORIZON_SECONDS, volunteer_row, &l) < 0)
		return http_store_failed(req, resp);
	html_close(h);
	html_close(h);
	if (!l.n)
		html_elem(h, "p", "There are no volunteers to show.", NULL);
	const char *params[] = { "status", status ? status : "", "q", hl.q, "sort", hl.sort ? hl.sort_name : "", NULL };
	list_pager(h, "/volunteers", params, hl.page, l.w.more);
	http_audit(req, AUDIT_VOLUNTEER_LIST, "volunteer", 0, 0, "");
	return web_end(&pg, resp, 200);
}

/* The form's values: as posted, or from the stored record (as it is typed). */
struct form_values {
	struct volunteer_input in;
	const char *checked[MATCH_SKILL__MAX + 1]; /* the skills ticked */
	char buf[VF__MAX][32];
	char day_text[7][VOLUNTEER_DAY_TEXT_MAX];
	char days_off[VOLUNTEER_DAYS_OFF_MAX * 12];
	char train_date[VOLUNTEER_TRAINING_MAX][DT_DATE_LEN];
};

/* The values of view, which must outlive f (text is borrowed from it). */
static void values_from_rec(struct form_values *f, const struct volunteer_view *view)
{
	const struct volunteer_rec *r = &view->rec;
	struct volunteer_input *in = &f->in;
	memset(f, 0, sizeof *f);
	for (int i = 0; i < VF__MAX; i++) {
		const struct volunteer_field_desc *d = &volunteer_fields[i];
		if (d->kind <= VK_NOTES) {
			in->f[i] = (const char *)r + d->offset;
		} else {
			volunteer_field_text(r, (enum volunteer_field)i, f->buf[i], sizeof f->buf[i]);
			in->f[i] = f->buf[i];
		}
	}
	for (int d = 0; d < 7; d++) {
		volunteer_format_day(r, d, f->day_text[d]);
		in->availability[d] = f->day_text[d];
	}
	int k = 0;
	for (int s = 0; s < MATCH_SKILL__MAX; s++)
		if (r->skills & (1u << s))
			f->checked[k++] = match_skill_code((enum match_skill)s);
	size_t len = 0;
	for (int i = 0; i < r->n_days_off; i++) {
		char d[DT_DATE_LEN];
		dt_format_date(r->days_off[i], d);
		len += (size_t)snprintf(f->days_off + len, sizeof f->days_off - len, "%s%s", i ? ", " : "", d);
	}
	in->days_off = f->days_off;
	for (int i = 0; i < r->n_training; i++) {
		in->training[i].module = r->training[i].module;
		dt_format_date(r->training[i].completed_day, f->train_date[i]);
		in->training[i].completed = f->train_date[i];
	}
	in->n_training = (size_t)r->n_training;
}

/* Reads the posted form into the validator's input (core/volunteer's names). */
static void input_from_form(struct http_req *req, struct form_values *f)
{
	memset(f, 0, sizeof *f);
	http_form(req, "csrf_token"); /* parses the body */
	for (int i = 0; i < req->nform; i++)
		volunteer_input_add(&f->in, req->form[i].name, req->form[i].value);
	for (int i = 0; i < VF__MAX; i++) /* the NHS.UK date input's boxes, as one text */
		if (volunteer_fields[i].kind == VK_DATE)
			f->in.f[i] = form_date_text(req, volunteer_fields[i].key, 0, f->buf[i], sizeof f->buf[i]);
	for (size_t i = 0; i < f->in.n_skills && i < MATCH_SKILL__MAX; i++)
		f->checked[i] = f->in.skills[i];
}

/* One field of model/volunteer.def as its kind of form control. */
static void field_control(struct html *h, struct http_req *req, const struct form_values *f, int i,
			  const struct field_errors *fe)
{
	static const struct form_option yes_no[] = { { "yes", "Yes" }, { "no", "No" }, { NULL, NULL } };
	static const struct form_option statuses[] = { { "applicant", "Applicant (not matched yet)" },
						       { "active", "Active" },
						       { "paused", "Paused (not matched for now)" },
						       { "left", "Left" },
						       { NULL, NULL } };
	static const struct form_option levels[] = { { "", "None" }, { "basic", "Basic" }, { "standard", "Standard" },
						     { "enhanced", "Enhanced (needed for home visits)" }, { NULL, NULL } };
	static const char *const widths[] = { [VK_PHONE] = "nhsuk-input--width-20", [VK_POSTCODE] = "nhsuk-input--width-10",
					      [VK_KM] = "nhsuk-input--width-4", [VK_COUNT] = "nhsuk-input--width-2",
					      [VK_DATE] = "nhsuk-input--width-10" };
	const struct volunteer_field_desc *d = &volunteer_fields[i];
	struct form_field ff = { .name = d->key, .label = d->label, .hint = d->hint, .value = f->in.f[i], .errors = fe,
				 .width = widths[d->kind] };
	int64_t day = INT64_MIN; /* none */
	switch (d->kind) {
	case VK_DATE:
		if (!ff.value || dh_parse_date(ff.value, &day))
			day = INT64_MIN;
		form_date(h, req, &ff, day, 0);
		break;
	case VK_BOOL:
		ff.value = ff.value ? ff.value : "no";
		form_radios(h, &ff, yes_no);
		break;
	case VK_STATUS:
		ff.value = ff.value ? ff.value : "applicant";
		form_radios(h, &ff, statuses);
		break;
	case VK_DBS_LEVEL:
		ff.value = ff.value ? ff.value : "";
		form_radios(h, &ff, levels);
		break;
	case VK_NOTES:
		form_textarea(h, &ff, 4);
		break;
	default:
		ff.type = d->kind == VK_EMAIL || d->kind == VK_ACCOUNT ? "email" : d->kind == VK_PHONE ? "tel" : NULL;
		form_input(h, &ff);
	}
}

/* The lists of a section, before its fields: skills, free times, training. */
static void section_lists(struct html *h, int sec, const struct form_values *f, const struct field_errors *fe)
{
	if (sec == VS_DOES) {
		struct form_option skills[MATCH_SKILL__MAX + 1];
		/* Capitalised labels for the checkboxes. */
		char labels[MATCH_SKILL__MAX][48];
		for (int s = 0; s < MATCH_SKILL__MAX; s++) {
			snprintf(labels[s], sizeof labels[s], "%s", match_skill_label((enum match_skill)s));
			if (labels[s][0] >= 'a' && labels[s][0] <= 'z')
				labels[s][0] = (char)(labels[s][0] - 'a' + 'A');
			skills[s] = (struct form_option){ match_skill_code((enum match_skill)s), labels[s] };
		}
		skills[MATCH_SKILL__MAX] = (struct form_option){ NULL, NULL };
		form_checkboxes(h, &(struct form_field){ .name = "skills", .label = "Skills", .hint = "Select all that apply",
							 .errors = fe },
				skills, f->checked);
	} else if (sec == VS_FREE) {
		html_elem(h, "p", "Write the times they are usually free each week, like 10:00-12:00 or 9:30-12:00, "
				  "14:00-16:00, or \"all day\". Leave a day blank if they are not free.", NULL);
		for (int d = 0; d < 7; d++) {
			char name[24];
			snprintf(name, sizeof name, "availability.%s", volunteer_day_code[d]);
			form_input(h, &(struct form_field){ .name = name, .label = volunteer_day_name[d],
							    .value = f->in.availability[d], .width = "nhsuk-input--width-20",
							    .errors = fe });
		}
		form_input(h, &(struct form_field){ .name = "days_off", .label = "Days they are not available (optional)",
						    .hint = "Dates separated by commas, like 24/12/2026, 25/12/2026",
						    .value = f->in.days_off, .errors = fe });
	} else if (sec == VS_TRAINING) {
		html_elem(h, "p", "Modules they have completed. Leave both boxes of a row blank to remove it.", NULL);
		int rows = (int)f->in.n_training + 2;
		if (rows > VOLUNTEER_TRAINING_MAX)
			rows = VOLUNTEER_TRAINING_MAX;
		for (int i = 0; i < rows; i++) {
			char nm[40], nd[40], lm[48], ld[64];
			snprintf(nm, sizeof nm, "training[%d].module", i);
			snprintf(nd, sizeof nd, "training[%d].completed", i);
			snprintf(lm, sizeof lm, "Training module %d", i + 1);
			snprintf(ld, sizeof ld, "Date module %d was completed", i + 1);
			form_input(h, &(struct form_field){ .name = nm, .label = lm, .value = f->in.training[i].module,
							    .errors = fe });
			form_input(h, &(struct form_field){ .name = nd, .label = ld, .value = f->in.training[i].completed,
							    .width = "nhsuk-input--width-10", .errors = fe });
		}
	}
}

static int volunteer_form(struct http_req *req, struct http_resp *resp, int64_t id, const struct form_values *f,
			  const struct field_errors *fe, unsigned status)
{
	static const char *const sections[VS__MAX] = { "About them", "What they do", "When they are free",
							"DBS check", "Training passport", "Notes" };
	const char *title = id ? "Edit a volunteer" : "Add a volunteer";
	struct web_page pg;
	web_begin_errors(&pg, req, resp, title, fe);
	struct html *h = &pg.h;
	html_open(h, "a", "class", "nhsuk-back-link", "href", "/volunteers", NULL);
	html_text(h, "Back to volunteers");
	html_close(h);
	const char *name = f->in.f[VF_NAME];
	html_elem(h, "h1", id && name && *name ? name : title, NULL);
	char action[48];
	snprintf(action, sizeof action, id ? "/volunteers/%lld" : "/volunteers", (long long)id);
	form_begin(h, action, req->auth.csrf);
	for (int sec = 0; sec < VS__MAX; sec++) {
		html_elem(h, "h2", sections[sec], "class", "nhsuk-u-margin-top-5", NULL);
		section_lists(h, sec, f, fe);
		for (int i = 0; i < VF__MAX; i++)
			if (volunteer_fields[i].section == (enum volunteer_section)sec)
				field_control(h, req, f, i, fe);
	}
	form_button(h, "Save volunteer");
	form_end(h);
	if (id && web_training_section(h, req, id, NULL))
		html_elem(h, "p", "The training modules cannot be shown just now.", "class", "nhsuk-body", NULL);
	return web_end(&pg, resp, status);
}

static int new_page(struct http_req *req, struct http_resp *resp)
{
	struct form_values *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	f->in.f[VF_STATUS] = "applicant";
	f->in.f[VF_MAX_TASKS_PER_WEEK] = "2";
	f->in.f[VF_TRAVEL_RADIUS] = "8";
	int r = volunteer_form(req, resp, 0, f, NULL, 200);
	free(f);
	return r;
}

/* Adds a volunteer, or changes the one the path names (edit). */
static int save(struct http_req *req, struct http_resp *resp, int edit)
{
	struct web_post p;
	if (!(edit ? web_post_id(&p, req, resp) : web_post_fe(&p, req)))
		return p.rc;
	struct form_values *f = malloc(sizeof *f);
	int rc = -1;
	if (!f)
		goto done;
	input_from_form(req, f);
	int64_t out = 0;
	enum ops_result r = ops_volunteer_save(&p.c, p.id, &f->in, p.fe, &out);
	if (r == OPS_OK)
		rc = http_redirect(resp, "/volunteers?saved=1");
	else if (r == OPS_INVALID)
		rc = volunteer_form(req, resp, p.id, f, p.fe, 422);
	else
		rc = web_ops_reply(req, resp, r, "", p.fe);
done:
	free(f);
	return web_post_end(&p, rc);
}

static int create_post(struct http_req *req, struct http_resp *resp)
{
	return save(req, resp, 0);
}

static int edit_page(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	struct volunteer_view *v = malloc(sizeof *v);
	struct form_values *f = malloc(sizeof *f);
	int rc = -1;
	if (!v || !f)
		goto done;
	struct ops_ctx c = http_ops_ctx(req);
	int found = ops_volunteer_managed(&c, id, v);
	if (found <= 0) {
		rc = web_ops_reply(req, resp, ops_may_see_result(found), "", NULL);
		goto done;
	}
	values_from_rec(f, v);
	http_audit(req, AUDIT_VOLUNTEER_READ, "volunteer", id, 0, "");
	rc = volunteer_form(req, resp, id, f, NULL, 200);
done:
	free(v);
	free(f);
	return rc;
}

static int edit_post(struct http_req *req, struct http_resp *resp)
{
	return save(req, resp, 1);
}

/* Matching */

static void when_text(const struct task_view *t, char *out, size_t n)
{
	char a[LONDON_FORMAT_LEN], b[LONDON_FORMAT_LEN];
	london_format(t->window_from, a);
	london_format(t->window_to, b);
	snprintf(out, n, "%s to %s", a, b);
}

static void summary_row(struct html *h, const char *key, const char *value)
{
	html_open(h, "div", "class", "nhsuk-summary-list__row", NULL);
	html_elem(h, "dt", key, "class", "nhsuk-summary-list__key", NULL);
	html_elem(h, "dd", value, "class", "nhsuk-summary-list__value", NULL);
	html_close(h);
}

static void task_summary(struct html *h, const struct task_view *t)
{
	char buf[300], text[400];
	html_open(h, "dl", "class", "nhsuk-summary-list", NULL);
	skills_text(t->skills, text, sizeof text);
	summary_row(h, "Needs", text);
	snprintf(text, sizeof text, "%s (referral %s)", t->postcode, t->reference);
	summary_row(h, "Where", text);
	when_text(t, buf, sizeof buf);
	snprintf(text, sizeof text, "%s, %d minutes", buf, t->duration_minutes);
	summary_row(h, "When", text);
	snprintf(text, sizeof text, "%d of 5%s", t->priority, t->home_visit ? "; home visit (enhanced DBS needed)" : "");
	summary_row(h, "Priority", text);
	html_close(h);
}

struct candidate {
	int32_t vol;
	int64_t dist;
};

static int candidate_cmp(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	if (x->dist != y->dist)
		return x->dist < y->dist ? -1 : 1;
	return x->vol < y->vol ? -1 : x->vol > y->vol;
}

/* The eligible volunteers for task i: the proposal first, then the nearest others. */
static size_t alternatives(const struct match_plan *p, size_t i, int32_t *out, int64_t *dist, size_t max)
{
	size_t n = 0, m = 0;
	int32_t chosen = p->results[i].volunteer;
	struct candidate *c = calloc(p->n_vols + 1, sizeof *c);
	if (chosen >= 0) {
		out[n] = chosen;
		dist[n++] = p->results[i].distance_m;
	}
	if (!c)
		return n;
	for (size_t v = 0; v < p->n_vols; v++) {
		struct match_fit fit;
		if ((int32_t)v != chosen && match_check(&p->tasks[i], &p->vols[v], &p->params, &fit) == 0)
			c[m++] = (struct candidate){ (int32_t)v, fit.distance_m };
	}
	qsort(c, m, sizeof *c, candidate_cmp);
	for (size_t k = 0; k < m && n < max; k++) {
		out[n] = c[k].vol;
		dist[n++] = c[k].dist;
	}
	free(c);
	return n;
}

/* As the reasons write distances (core/match.c): metres under a kilometre, else tenths of a km; never "0 m". */
static void km(int64_t m, char *out, size_t n)
{
	if (m < 100)
		snprintf(out, n, "under 100 m away");
	else if (m < 1000)
		snprintf(out, n, "%lld m", (long long)m);
	else
		snprintf(out, n, "%lld.%lld km", (long long)((m + 50) / 1000), (long long)((m + 50) % 1000 / 100));
}

static int match_page_render(struct http_req *req, struct http_resp *resp, int run, const struct field_errors *fe,
			     unsigned status)
{
	struct web_page pg;
	web_begin_errors(&pg, req, resp, "Match volunteers to tasks", fe);
	struct html *h = &pg.h;
	html_open(h, "a", "class", "nhsuk-back-link", "href", "/volunteers", NULL);
	html_text(h, "Back to volunteers");
	html_close(h);
	html_elem(h, "h1", "Match volunteers to tasks", NULL);
	const char *offered = http_query(req, "offered");
	if (offered && *offered && !fe) {
		html_open(h, "div", "class", "nhsuk-inset-text", NULL);
		html_open(h, "p", NULL);
		html_textf(h, "%d offer%s made. Volunteers see them on their My tasks page.", atoi(offered),
			   atoi(offered) == 1 ? " was" : "s were");
		html_close(h);
		html_close(h);
	}
	html_elem(h, "p", "Matching looks at your organisation's open tasks that start within the next 7 days and the "
			  "active volunteers of your organisation and of the shared pool. It keeps to every rule (skills, "
			  "enhanced DBS for home visits, free times, travel distance, tasks a week, people's wishes) and "
			  "then finds the least total travel, favouring the volunteer who helped the person last time.",
		  NULL);
	html_open(h, "form", "method", "get", "action", "/volunteers/match", NULL);
	html_void(h, "input", "type", "hidden", "name", "run", "value", "1", NULL);
	html_elem(h, "button", run ? "Suggest matches again" : "Suggest matches", "class",
		  run ? "nhsuk-button nhsuk-button--secondary" : "nhsuk-button", "type", "submit", NULL);
	html_close(h);
	if (!run) {
		http_audit(req, AUDIT_MATCH_PAGE, "task", 0, 0, "");
		return web_end(&pg, resp, status);
	}
	struct match_plan p;
	if (match_plan_load(req->db, req->auth.org_id, req->now, 0, 0, &p) || match_plan_run(req->db, &p))
		return http_store_failed(req, resp);
	html_elem(h, "h2", "Proposed offers", NULL);
	html_open(h, "p", NULL);
	html_textf(h, "%zu of %zu open task%s %s a proposed volunteer, from %zu volunteer%s. Nothing is offered until you "
		      "confirm.", p.n_assigned, p.n_tasks, p.n_tasks == 1 ? "" : "s", p.n_tasks == 1 ? "has" : "have",
		   p.n_vols, p.n_vols == 1 ? "" : "s");
	if (p.n_stopped)
		html_textf(h, " %zu task%s past the 14-day stop %s left out: extend support to match %s.", p.n_stopped,
			   p.n_stopped == 1 ? "" : "s", p.n_stopped == 1 ? "is" : "are", p.n_stopped == 1 ? "it" : "them");
	html_close(h);
	if (p.n_tasks == 0) {
		html_elem(h, "p", "There are no open tasks to match.", NULL);
		match_plan_free(&p);
		http_audit(req, AUDIT_MATCH_DRY_RUN, "task", 0, 0, "");
		return web_end(&pg, resp, status);
	}
	form_begin(h, "/volunteers/match", req->auth.csrf);
	for (size_t i = 0; i < p.n_tasks; i++) {
		const struct task_view *t = &p.task_info[i];
		const struct match_result *r = &p.results[i];
		char title[600], field[32];
		snprintf(title, sizeof title, "Task %lld: %s for %s", (long long)t->id, t->type, t->given_name);
		for (char *c = title; *c; c++)
			if (*c == '_')
				*c = ' ';
		snprintf(field, sizeof field, "offer.%lld", (long long)t->id);
		html_open(h, "div", "class", "nhsuk-card", NULL);
		html_open(h, "div", "class", "nhsuk-card__content", NULL);
		html_elem(h, "h3", title, "class", "nhsuk-card__heading", NULL);
		task_summary(h, t);
		html_open(h, "p", "class", "waymark-reason", NULL);
		html_elem(h, "strong", r->volunteer >= 0 ? "Proposed: " : "No offer: ", NULL);
		if (r->volunteer >= 0) {
			html_text(h, p.vol_info[r->volunteer].name);
			html_text(h, " – ");
		}
		html_text(h, r->reason);
		html_close(h);
		int32_t alt[ALTERNATIVES_MAX];
		int64_t dist[ALTERNATIVES_MAX];
		size_t na = alternatives(&p, i, alt, dist, ALTERNATIVES_MAX);
		if (na) {
			struct form_option opts[ALTERNATIVES_MAX + 2];
			char val[ALTERNATIVES_MAX][24], lab[ALTERNATIVES_MAX][VOLUNTEER_NAME_MAX * 4 + 300];
			for (size_t k = 0; k < na; k++) {
				const struct match_vol_info *v = &p.vol_info[alt[k]];
				char d[32];
				km(dist[k], d, sizeof d);
				snprintf(val[k], sizeof val[k], "%lld", (long long)v->id);
				snprintf(lab[k], sizeof lab[k], "%s (%s%s%s)", v->name, d,
					 v->org_id != req->auth.org_id ? ", " : "", v->org_id != req->auth.org_id ? v->org_name : "");
				opts[k] = (struct form_option){ val[k], lab[k] };
			}
			opts[na] = (struct form_option){ "", "Do not offer now" };
			opts[na + 1] = (struct form_option){ NULL, NULL };
			/* A re-shown form keeps the coordinator's choices. */
			const char *chosen = fe ? http_form(req, field) : NULL;
			char proposed[24] = "";
			if (!chosen && r->volunteer >= 0)
				snprintf(proposed, sizeof proposed, "%lld", (long long)p.vol_info[r->volunteer].id);
			char label[200];
			snprintf(label, sizeof label, "Offer task %lld to", (long long)t->id);
			form_select(h, &(struct form_field){ .name = field, .label = label,
							     .hint = "Eligible volunteers, nearest first",
							     .value = chosen ? chosen : proposed, .errors = fe },
				    opts);
		}
		html_close(h);
		html_close(h);
	}
	form_button(h, "Confirm offers");
	form_end(h);
	match_plan_free(&p);
	http_audit(req, AUDIT_MATCH_DRY_RUN, "task", 0, 0, "");
	return web_end(&pg, resp, status);
}

static int match_page(struct http_req *req, struct http_resp *resp)
{
	const char *run = http_query(req, "run");
	return match_page_render(req, resp, run && *run, NULL, 200);
}

#define OFFERS_MAX 500

static int match_post(struct http_req *req, struct http_resp *resp)
{
	int64_t *tasks = calloc(OFFERS_MAX, sizeof *tasks), *vols = calloc(OFFERS_MAX, sizeof *vols);
	char (*names)[32] = calloc(OFFERS_MAX, sizeof *names);
	const char **fields = calloc(OFFERS_MAX, sizeof *fields);
	struct field_errors *fe = malloc(sizeof *fe);
	size_t n = 0;
	int rc = -1;
	if (!tasks || !vols || !names || !fields || !fe)
		goto done;
	fielderr_init(fe);
	http_form(req, "csrf_token"); /* parses the body */
	for (int i = 0; i < req->nform && n < OFFERS_MAX; i++) {
		const char *name = req->form[i].name, *value = req->form[i].value;
		if (strncmp(name, "offer.", 6) != 0 || !*value)
			continue;
		char *end1, *end2;
		long long t = strtoll(name + 6, &end1, 10), v = strtoll(value, &end2, 10);
		snprintf(names[n], sizeof names[n], "%.31s", name);
		if (t <= 0 || v <= 0 || *end1 || *end2) {
			fielderr_add(fe, names[n], "Choose a volunteer from the list");
			continue;
		}
		tasks[n] = t;
		vols[n] = v;
		fields[n] = names[n];
		n++;
	}
	if (!fe->n && n == 0)
		fielderr_add(fe, "offers", "Choose a volunteer for at least one task, or go back without offering");
	size_t offered = 0;
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r = fe->n ? OPS_INVALID : ops_volunteer_offer(&c, tasks, vols, n, fields, fe, &offered);
	if (r == OPS_OK) {
		char loc[64];
		snprintf(loc, sizeof loc, "/volunteers/match?offered=%zu", offered);
		rc = http_redirect(resp, loc);
	} else if (r == OPS_INVALID) {
		rc = match_page_render(req, resp, 1, fe, 422);
	} else {
		rc = web_ops_reply(req, resp, r, "", fe);
	}
done:
	free(tasks);
	free(vols);
	free(names);
	free(fields);
	free(fe);
	return rc;
}

/* Tasks */

struct task_rows {
	struct html *h;
	int n;
	struct idlist people;
	const struct search_query *search;
	struct page_window w;
};

static void task_row(void *ctx, const struct task_view *t)
{
	struct task_rows *l = ctx;
	struct html *h = l->h;
	char name[820];
	snprintf(name, sizeof name, "%s %s", t->given_name, t->family_name);
	if (!search_person_matches(l->search, name, t->nhs_number, t->reference) || !page_window_take(&l->w))
		return;
	idlist_add(&l->people, t->person_id);
	char when[LONDON_FORMAT_LEN], who[900], what[100], logged[32] = "";
	l->n++;
	london_format(t->window_from, when);
	snprintf(what, sizeof what, "%s%s", t->type, t->home_visit ? " (home visit)" : "");
	for (char *c = what; *c; c++)
		if (*c == '_')
			*c = ' ';
	snprintf(who, sizeof who, "%s %s, %s", t->given_name, t->family_name, t->postcode);
	if (t->minutes_logged >= 0)
		snprintf(logged, sizeof logged, "%d h %02d min", t->minutes_logged / 60, t->minutes_logged % 60);
	html_open(h, "tr", "class", "nhsuk-table__row", NULL);
	html_elem(h, "td", when, "class", "nhsuk-table__cell", NULL);
	char href[48];
	snprintf(href, sizeof href, "/volunteers/tasks/%lld", (long long)t->id);
	html_open(h, "td", "class", "nhsuk-table__cell", NULL);
	html_elem(h, "a", what, "href", href, NULL);
	html_close(h);
	html_elem(h, "td", who, "class", "nhsuk-table__cell", NULL);
	html_elem(h, "td", task_status_label(t->status), "class", "nhsuk-table__cell", NULL);
	html_elem(h, "td", t->volunteer_name, "class", "nhsuk-table__cell", NULL);
	html_elem(h, "td", logged, "class", "nhsuk-table__cell", NULL);
	html_elem(h, "td", t->outcome_note, "class", "nhsuk-table__cell", NULL);
	html_close(h);
}

static int tasks_page(struct http_req *req, struct http_resp *resp)
{
	const char *status = http_query(req, "status");
	int ok = !status || !*status;
	for (const char *const *c = task_status_codes; !ok && *c; c++)
		ok = strcmp(*c, status) == 0;
	if (!ok)
		status = "";
	struct web_page pg;
	web_begin(&pg, req, resp, "Tasks");
	struct html *h = &pg.h;
	html_open(h, "a", "class", "nhsuk-back-link", "href", "/volunteers", NULL);
	html_text(h, "Back to volunteers");
	html_close(h);
	html_elem(h, "h1", "Tasks and what happened", NULL);
	html_elem(h, "p", "Community support tasks of the referrals your organisation holds, latest first, with the "
			  "volunteer's log.", NULL);
	html_open(h, "form", "method", "get", "action", "/volunteers/tasks", "novalidate", "", NULL);
	struct form_option opts[TASK_STATUS_COUNT + 2];
	opts[0] = (struct form_option){ "", "Any status" };
	for (int i = 0; i < TASK_STATUS_COUNT; i++)
		opts[i + 1] = (struct form_option){ task_status_codes[i], task_status_label(task_status_codes[i]) };
	opts[TASK_STATUS_COUNT + 1] = (struct form_option){ NULL, NULL };
	form_select(h, &(struct form_field){ .name = "status", .label = "Status", .value = status }, opts);
	static const struct form_option sort_opts[] = { { "newest", "Latest first" },
							{ "oldest", "Earliest first" },
							{ "name", "Person, A to Z" },
							{ "name-desc", "Person, Z to A" },
							{ "volunteer", "Volunteer, A to Z" },
							{ "volunteer-desc", "Volunteer, Z to A" },
							{ NULL, NULL } };
	struct http_list hl;
	if (list_form_end(h, req, task_sorts, &hl, "A name, an NHS number or a reference", sort_opts, "Show tasks"))
		return http_store_failed(req, resp);
	html_open(h, "table", "class", "nhsuk-table-responsive", NULL);
	html_elem(h, "caption", "Tasks", "class", "nhsuk-table__caption", NULL);
	static const struct list_column cols[] = { { "From", "oldest", "newest", 1 },
						   { "Task", NULL, NULL, 0 },
						   { "Person", "name", "name-desc", 0 },
						   { "Status", NULL, NULL, 0 },
						   { "Volunteer", "volunteer", "volunteer-desc", 0 },
						   { "Time logged", NULL, NULL, 0 },
						   { "What happened", NULL, NULL, 0 } };
	const char *head_params[] = { "status", status ? status : "", "q", hl.q, NULL };
	list_table_head(h, "/volunteers/tasks", head_params, cols, sizeof cols / sizeof cols[0], hl.sort_name);
	html_open(h, "tbody", "class", "nhsuk-table__body", NULL);
	struct task_rows l = { h, 0, { 0 }, &hl.search, { 0 } };
	page_window_init(&l.w, (int64_t)(hl.page - 1) * PAGE_LIMIT_DEFAULT, PAGE_LIMIT_DEFAULT);
	if (task_list(req->db, req->auth.org_id, status ? status : "", PAGE_SCAN_MAX, hl.sort, task_row, &l) < 0) {
		idlist_free(&l.people);
		return http_store_failed(req, resp);
	}
	html_close(h);
	html_close(h);
	if (!l.n)
		html_elem(h, "p", "There are no tasks to show.", NULL);
	const char *params[] = { "status", status ? status : "", "q", hl.q, "sort", hl.sort ? hl.sort_name : "", NULL };
	list_pager(h, "/volunteers/tasks", params, hl.page, l.w.more);
	http_audit_people(req, AUDIT_TASK_LIST, "task", l.people.v, l.people.n, "");
	idlist_free(&l.people);
	return web_end(&pg, resp, 200);
}

const struct route web_volunteer_routes[] = {
	{ "GET", "/volunteers", list_page, PERM_VOLUNTEER_MANAGE,
	  "Volunteers of your organisation with DBS flags, and renewals due (60, 30, 7 days)" },
	{ "GET", "/volunteers/new", new_page, PERM_VOLUNTEER_MANAGE, "Form to add a volunteer" },
	{ "POST", "/volunteers", create_post, PERM_VOLUNTEER_MANAGE, "Add a volunteer" },
	{ "GET", "/volunteers/tasks", tasks_page, PERM_VOLUNTEER_MANAGE,
	  "Your organisation's community support tasks with status, volunteer, hours and what happened" },
	{ "GET", "/volunteers/match", match_page, PERM_MATCH_RUN,
	  "Suggest matches (nothing is offered yet) and review each proposed offer with its reason" },
	{ "POST", "/volunteers/match", match_post, PERM_MATCH_RUN, "Confirm the chosen offers (each checked again)" },
	{ "GET", "/volunteers/{id}", edit_page, PERM_VOLUNTEER_MANAGE, "A volunteer's details, to edit", "volunteer" },
	{ "POST", "/volunteers/{id}", edit_post, PERM_VOLUNTEER_MANAGE, "Save a volunteer's details", "volunteer" },
	{ 0 },
};
