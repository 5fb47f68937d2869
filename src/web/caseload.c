/* The caseload page: a worker's cases with what is due, the last contact,
 * sessions against the ~5 planned and flags; managers pick a worker of their
 * organisation. Also the short caseload summary on a worker's home page. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/list_sorts.h"
#include "core/londontime.h"
#include "http/audit_req.h"
#include "http/defer.h"
#include "store/casework.h"
#include "store/worker.h"
#include "web/case_web.h"
#include "web/form.h"
#include "web/widgets.h"
#include "http/ops_reply.h"
#include "util/idlist.h"
#include "http/list_query.h"
#include "web/layout.h"
#include "web/list_controls.h"

#define CASELOAD_SHOWN PAGE_LIMIT_DEFAULT /* rows a page (core/page.h) */

struct caseload_page {
	struct html *h;
	int64_t now;
	int show_worker; /* a column for the worker (an organisation's cases) */
	int n;
	struct idlist people;
	const struct search_query *search;
	struct page_window w;
};

static void caseload_row(void *ctx, const struct casework_summary *s)
{
	struct caseload_page *p = ctx;
	struct html *h = p->h;
	if (!search_person_matches(p->search, s->person_name, s->nhs_number, s->reference) || !page_window_take(&p->w))
		return;
	idlist_add(&p->people, s->person_id);
	char href[48], buf[160];
	p->n++;
	snprintf(href, sizeof href, "/cases/%lld", (long long)s->id);
	html_open(h, "tr", "class", "nhsuk-table__row", NULL);
	html_open(h, "td", "class", "nhsuk-table__cell", NULL);
	html_elem(h, "a", s->person_name, "href", href, NULL);
	html_open(h, "span", "class", "nhsuk-u-font-size-16 nhsuk-u-display-block", NULL);
	html_text(h, s->reference);
	html_close(h);
	html_close(h);
	if (p->show_worker)
		widget_cell(h, s->worker_name[0] ? s->worker_name : "Nobody yet");
	case_date(s->opened_at, buf, sizeof buf);
	widget_cell(h, buf);
	if (s->last_contact_at)
		case_date(s->last_contact_at, buf, sizeof buf);
	else
		snprintf(buf, sizeof buf, "None yet");
	widget_cell(h, buf);
	snprintf(buf, sizeof buf, "%d of %d", s->sessions, s->planned_sessions);
	widget_cell(h, buf);
	if (s->closed_at) {
		char when[48];
		case_date(s->closed_at, when, sizeof when);
		snprintf(buf, sizeof buf, "Closed %s", when);
	} else if (s->due[0] && s->due_at) {
		char when[48];
		case_date(s->due_at, when, sizeof when);
		snprintf(buf, sizeof buf, "%c%s by %s", s->due[0] >= 'a' && s->due[0] <= 'z' ? s->due[0] - 'a' + 'A' : s->due[0],
			 s->due + 1, when);
	} else {
		snprintf(buf, sizeof buf, "Nothing");
	}
	widget_cell(h, buf);
	html_open(h, "td", "class", "nhsuk-table__cell", NULL);
	case_flags(h, s);
	html_close(h);
	html_close(h);
}

/* Whose cases: a worker of the user's organisation chosen by a manager, the
 * user's own worker record, or (0) the organisation's. */
static int chosen_worker(struct http_req *req, const struct worker_pool *pool, int64_t *worker_id)
{
	*worker_id = 0;
	const char *w = http_query(req, "worker");
	if (w && *w) {
		if (strcmp(w, "all") == 0)
			return 0;
		long i = worker_pool_find(pool, strtoll(w, NULL, 10));
		if (i >= 0) {
			*worker_id = pool->info[i].id;
			return 0;
		}
	}
	int r = casework_worker_of_user(req->db, req->auth.user_id, worker_id);
	return r < 0 ? -1 : 0;
}

static void worker_picker(struct html *h, const struct worker_pool *pool, int64_t worker_id, const char *status)
{
	struct form_option *opts = calloc(pool->n + 2, sizeof *opts);
	char(*values)[24] = calloc(pool->n + 1, sizeof *values);
	if (!opts || !values) {
		free(opts);
		free(values);
		return;
	}
	size_t n = 0;
	opts[n++] = (struct form_option){ "all", "Everyone in the organisation" };
	char current[24] = "all";
	for (size_t i = 0; i < pool->n; i++) {
		snprintf(values[i], sizeof values[i], "%lld", (long long)pool->info[i].id);
		if (pool->info[i].id == worker_id)
			snprintf(current, sizeof current, "%s", values[i]);
		opts[n++] = (struct form_option){ values[i], pool->info[i].name };
	}
	opts[n] = (struct form_option){ NULL, NULL };
	html_open(h, "form", "method", "get", "action", "/caseload", NULL);
	form_select(h, &(struct form_field){ .name = "worker", .label = "Whose cases", .value = current }, opts);
	html_void(h, "input", "type", "hidden", "name", "status", "value", status, NULL);
	html_elem(h, "button", "Show cases", "class", "nhsuk-button nhsuk-button--secondary", "type", "submit", NULL);
	html_close(h);
	free(opts);
	free(values);
}

static int caseload_page(struct http_req *req, struct http_resp *resp)
{
	const char *status = http_query(req, "status");
	status = status && strcmp(status, "closed") == 0 ? "closed" : "open";
	struct worker_pool pool;
	if (worker_pool_load(req->db, req->now, req->auth.org_id, &pool))
		return http_store_failed(req, resp);
	int64_t worker_id;
	if (chosen_worker(req, &pool, &worker_id)) {
		worker_pool_free(&pool);
		return http_store_failed(req, resp);
	}
	const char *whose = "Your organisation's cases";
	char title[200];
	long wi = worker_id ? worker_pool_find(&pool, worker_id) : -1;
	int mine = 0;
	if (worker_id) {
		int64_t own = 0;
		mine = casework_worker_of_user(req->db, req->auth.user_id, &own) == 1 && own == worker_id;
	}
	if (mine)
		snprintf(title, sizeof title, "Your caseload");
	else if (wi >= 0)
		snprintf(title, sizeof title, "Caseload of %s", pool.info[wi].name);
	else
		snprintf(title, sizeof title, "%s", whose);
	struct web_page pg;
	web_begin(&pg, req, resp, title);
	struct html *h = &pg.h;
	html_elem(h, "h1", title, NULL);
	html_open(h, "p", "class", "nhsuk-body", NULL);
	html_textf(h, "About %d sessions are planned with each person. A case is overdue when nothing has been recorded "
		      "for %d days, or the first contact is late.",
		   CASEWORK_PLANNED_SESSIONS, CASEWORK_DUE_DAYS);
	html_close(h);
	if (authz_allows(req->auth.role, PERM_WORKER_MANAGE) || authz_allows(req->auth.role, PERM_ALLOCATE) || !worker_id)
		worker_picker(h, &pool, worker_id, status);
	worker_pool_free(&pool);

	char other[80], wtext[24] = "all";
	if (worker_id)
		snprintf(wtext, sizeof wtext, "%lld", (long long)worker_id);
	snprintf(other, sizeof other, "/caseload?status=%s&worker=%s", strcmp(status, "open") == 0 ? "closed" : "open",
		 wtext);
	html_open(h, "p", "class", "nhsuk-body", NULL);
	html_elem(h, "a", strcmp(status, "open") == 0 ? "Show closed cases" : "Show open cases", "href", other, NULL);
	html_close(h);

	/* Search (a GET form keeping whose cases and which), and the page. */
	struct field_errors *fe = ops_fielderr_new();
	if (!fe) {
		layout_end(h);
		return http_store_failed(req, resp);
	}
	struct http_list l;
	http_list_page(req, caseload_sorts, &l, fe);
	static const struct form_option sort_opts[] = {
		{ "due", "What is due soonest" }, { "name", "Name, A to Z" },	      { "name-desc", "Name, Z to A" },
		{ "opened", "Opened, oldest first" }, { "opened-desc", "Opened, newest first" },
		{ "contact", "Last contact, longest ago first" }, { "contact-desc", "Last contact, most recent first" },
		{ NULL, NULL },
	};
	html_open(h, "form", "method", "get", "action", "/caseload", "role", "search", "aria-label", "Search cases", NULL);
	html_void(h, "input", "type", "hidden", "name", "worker", "value", wtext, NULL);
	html_void(h, "input", "type", "hidden", "name", "status", "value", status, NULL);
	list_search_input(h, l.q, "A name, an NHS number or a reference", fe);
	list_sort_select(h, sort_opts, l.sort_name);
	form_button(h, "Search");
	html_close(h);
	free(fe);

	int open = strcmp(status, "open") == 0;
	html_elem(h, "h2", open ? "Open cases" : "Closed cases", "id", open ? "open-cases-title" : "closed-cases-title", NULL);
	html_open(h, "div", "id", open ? "open-cases" : "closed-cases", NULL);
	static const struct list_column cols[] = {
		{ "Person", "name", "name-desc", 0 },	      { "Worker", NULL, NULL, 0 },
		{ "Opened", "opened", "opened-desc", 1 },     { "Last contact", "contact", "contact-desc", 0 },
		{ "Sessions", NULL, NULL, 0 },		      { "Due", "due", NULL, 0 },
		{ "Flags", NULL, NULL, 0 },
	};
	struct list_column shown[7];
	size_t nc = 0;
	for (size_t i = 0; i < 7; i++)
		if (i != 1 || !worker_id)
			shown[nc++] = cols[i];
	const char *params[] = { "worker", wtext, "status", status, "q", l.q, NULL };
	html_open(h, "table", "class", "nhsuk-table-responsive", NULL);
	html_elem(h, "caption", open ? "Open cases" : "Closed cases", "class", "nhsuk-table__caption", NULL);
	list_table_head(h, "/caseload", params, shown, nc, l.sort_name);
	html_open(h, "tbody", "class", "nhsuk-table__body", NULL);
	struct casework_query q = { .worker_id = worker_id, .org_id = req->auth.org_id, .status = status,
				    .limit = PAGE_SCAN_MAX, .sort = l.sort };
	struct caseload_page p = { h, req->now, !worker_id, 0, { 0 }, &l.search, { 0 } };
	page_window_init(&p.w, (int64_t)(l.page - 1) * CASELOAD_SHOWN, CASELOAD_SHOWN);
	int rc = casework_caseload(req->db, &q, req->now, caseload_row, &p);
	html_close(h);
	html_close(h);
	if (rc < 0) {
		idlist_free(&p.people);
		layout_end(h);
		return http_store_failed(req, resp);
	}
	if (!p.n)
		html_elem(h, "p", l.q[0] ? "No case matches the search." : open ? "No open cases." : "No closed cases.", "class",
			  "nhsuk-body", NULL);
	const char *pager[] = { "worker", wtext, "status", status, "q", l.q, "sort", l.sort ? l.sort_name : "", NULL };
	list_pager(h, "/caseload", pager, l.page, p.w.more);
	html_close(h);
	if (!open) {
		int64_t d = casework_dropout_count(req->db, req->auth.org_id);
		if (d >= 0) {
			html_open(h, "p", "class", "nhsuk-body", NULL);
			html_textf(h, "Drop-outs in your organisation (closed after repeated unsuccessful contact): %lld.",
				   (long long)d);
			html_close(h);
		}
	}
	/* Audited by the group commit writer; the page leaves once the event is on disk. */
	int deferred = http_audit_deferred_people(req, AUDIT_CASE_CASELOAD_READ, "case", 0, 0, p.people.v, p.people.n,
						  worker_id ? "worker" : "organisation");
	idlist_free(&p.people);
	if (deferred) {
		layout_end(h);
		return -1;
	}
	return web_end(&pg, resp, 200);
}

struct home_counts {
	int open, overdue, safeguarding, no_contact;
};

static void count_row(void *ctx, const struct casework_summary *s)
{
	struct home_counts *c = ctx;
	c->open++;
	c->overdue += s->flags.overdue != 0;
	c->safeguarding += s->flags.safeguarding != 0;
	c->no_contact += !s->last_contact_at;
}

int web_caseload_summary(struct html *h, struct http_req *req)
{
	int64_t worker_id = 0;
	int r = casework_worker_of_user(req->db, req->auth.user_id, &worker_id);
	if (r <= 0)
		return r;
	struct home_counts c = { 0 };
	struct casework_query q = { .worker_id = worker_id, .org_id = req->auth.org_id, .status = "open", .limit = 1000 };
	if (casework_caseload(req->db, &q, req->now, count_row, &c) < 0)
		return -1;
	html_open(h, "section", "aria-labelledby", "caseload-title", NULL);
	html_elem(h, "h2", "Your caseload", "class", "nhsuk-heading-m", "id", "caseload-title", NULL);
	html_open(h, "p", "class", "nhsuk-body", NULL);
	html_textf(h, "%d open case%s: %d overdue, %d with no contact yet, %d with a safeguarding flag. ", c.open,
		   c.open == 1 ? "" : "s", c.overdue, c.no_contact, c.safeguarding);
	html_elem(h, "a", "Go to your caseload", "href", "/caseload", NULL);
	html_close(h);
	html_close(h);
	return 0;
}

const struct route web_caseload_routes[] = {
	{ "GET", "/caseload", caseload_page, PERM_CASE_READ,
	  "Caseload: a worker's cases (a manager picks one of their organisation's), due, last contact, sessions, flags" },
	{ 0 },
};
