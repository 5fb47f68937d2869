/* The workers pages (provider managers for their organisation, the hub, the programme lead): the list with
 * open caseload, clients in the last 12 months against capacity and absence; registering a user as a worker
 * and changing the record (forms made from model/worker.def); absences added and removed; ending employment
 * with the worker's open cases listed to reassign. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datehuman.h"
#include "core/datetime.h"
#include "core/londontime.h"
#include "http/ops_reply.h"
#include "ops/triage.h"
#include "ops/workforce.h"
#include "store/org.h"
#include "store/settings.h"
#include "store/workforce.h"
#include "web/form.h"
#include "web/form_date.h"
#include "web/rec_form.h"
#include "web/post.h"
#include "web/web.h"
#include "web/widgets.h"

#define OPTS_MAX 32

struct opts {
	struct form_option o[OPTS_MAX + 1];
	char text[OPTS_MAX][2][256];
	int n;
};

static int add_opt(void *ctx, const char *code, const char *name)
{
	struct opts *a = ctx;
	if (a->n >= OPTS_MAX)
		return 1;
	snprintf(a->text[a->n][0], sizeof a->text[0][0], "%s", code);
	snprintf(a->text[a->n][1], sizeof a->text[0][1], "%s", name);
	a->o[a->n] = (struct form_option){ a->text[a->n][0], a->text[a->n][1] };
	a->n++;
	return 0;
}

static int cluster_opt(void *ctx, const char *name, const char *area)
{
	(void)area;
	return add_opt(ctx, name, name);
}

/* The fields of model/worker.def as a form; vals: the values to show (stored form). */
static int worker_fields_form(struct html *h, struct http_req *req, char (*vals)[REC_VALUE_MAX], const struct field_errors *fe)
{
	struct opts *clusters = calloc(1, sizeof *clusters), *areas = calloc(1, sizeof *areas);
	int rc = -1;
	if (clusters && areas && !workforce_cluster_list(req->db, cluster_opt, clusters) &&
	    !org_hwp_areas(req->db, add_opt, areas)) {
		const struct form_option *opts[WORKER_F__COUNT] = { [WORKER_F_CLUSTERS] = clusters->o,
								    [WORKER_F_AREAS] = areas->o };
		rec_form_fields(h, req, worker_fields, WORKER_F__COUNT, vals, opts, fe);
		rc = 0;
	}
	free(clusters);
	free(areas);
	return rc;
}

struct absent_now {
	int64_t today;
	int absent;
};

static int absent_row(void *ctx, int64_t id, int64_t from, int64_t to, const char *reason)
{
	(void)id;
	(void)reason;
	struct absent_now *a = ctx;
	a->absent |= from <= a->today && a->today <= to;
	return 0;
}

struct list_ctx {
	struct http_req *req;
	struct html *h;
	long per;
	int failed;
};

static int worker_line(void *ctx, const struct worker_record *w)
{
	struct list_ctx *l = ctx;
	struct html *h = l->h;
	char href[48], fte[16];
	struct absent_now a = { london_local_days(l->req->now), 0 };
	if (workforce_absences(l->req->db, w->id, a.today, absent_row, &a))
		return 1;
	snprintf(href, sizeof href, "/workers/%lld", (long long)w->id);
	rec_fte_text(w->v[WORKER_F_FTE], fte, sizeof fte);
	long cap = workforce_capacity(strtol(w->v[WORKER_F_FTE], NULL, 10), l->per);
	html_open(h, "li", NULL);
	html_elem(h, "a", w->name, "href", href, NULL);
	html_textf(h, " (%s, %s, %s FTE)", strcmp(w->v[WORKER_F_KIND], "link_worker") == 0 ? "Living Well Worker" : "Support worker",
		   w->org_name, fte);
	html_open(h, "br", NULL);
	html_close(h);
	html_textf(h, "Open caseload %lld; clients in the last 12 months %lld of %ld", (long long)w->open_cases,
		   (long long)w->clients_12m, cap);
	if (!w->active)
		html_text(h, "; employment ended");
	else if (a.absent)
		html_text(h, "; absent today");
	html_close(h);
	return 0;
}

static int workers_page(struct http_req *req, struct http_resp *resp)
{
	struct web_page pg;
	web_begin(&pg, req, resp, "Workers");
	struct html *h = &pg.h;
	html_elem(h, "h1", "Workers", NULL);
	html_open(h, "p", NULL);
	html_elem(h, "a", "Register a worker", "href", "/workers/new", "class", "nhsuk-button", "role", "button", NULL);
	html_close(h);
	struct ops_ctx c = http_ops_ctx(req);
	struct list_ctx l = { req, h, settings_get_int(req->db, "worker_clients_per_fte"), 0 };
	html_open(h, "ul", "class", "nhsuk-list nhsuk-list--border", NULL);
	if (workforce_list(req->db, ops_is_hub(&c) ? 0 : req->auth.org_id, req->now, worker_line, &l))
		return http_store_failed(req, resp);
	html_close(h);
	return web_end(&pg, resp, 200);
}

static int new_form(struct http_req *req, struct http_resp *resp, char (*vals)[REC_VALUE_MAX], const struct field_errors *fe,
		    unsigned status)
{
	struct web_page pg;
	web_begin_errors(&pg, req, resp, "Register a worker", fe);
	struct html *h = &pg.h;
	html_elem(h, "h1", "Register a worker", NULL);
	html_elem(h, "p", "The worker needs an account first (Users). Living Well Workers serve GP clusters; support workers "
			  "cover areas.", NULL);
	form_begin(h, "/workers", req->auth.csrf[0] ? req->auth.csrf : NULL);
	form_input(h, &(struct form_field){ .name = "user_email", .label = "Email address of the worker's account", .type = "email",
					    .value = http_form(req, "user_email"), .errors = fe, .required = 1 });
	if (worker_fields_form(h, req, vals, fe))
		return -1;
	form_button(h, "Register worker");
	form_end(h);
	return web_end(&pg, resp, status);
}

static int workers_new(struct http_req *req, struct http_resp *resp)
{
	char (*vals)[REC_VALUE_MAX] = calloc(WORKER_F__COUNT, sizeof *vals);
	if (!vals)
		return -1;
	int rc = new_form(req, resp, vals, NULL, 200);
	free(vals);
	return rc;
}

struct page_ctx {
	struct html *h;
	struct http_req *req;
	int64_t worker_id;
	struct opts *others;
};

static int absence_li(void *ctx, int64_t id, int64_t from, int64_t to, const char *reason)
{
	struct page_ctx *p = ctx;
	struct html *h = p->h;
	char f[DH_DATE_LEN], t[DH_DATE_LEN], action[96];
	dh_format_date(from, f);
	dh_format_date(to, t);
	html_open(h, "li", NULL);
	html_textf(h, "%s to %s%s%s ", f, t, reason[0] ? ": " : "", reason);
	char aid[24];
	snprintf(action, sizeof action, "/workers/%lld/absences/remove", (long long)p->worker_id);
	snprintf(aid, sizeof aid, "%lld", (long long)id);
	form_begin(h, action, p->req->auth.csrf[0] ? p->req->auth.csrf : NULL);
	html_void(h, "input", "type", "hidden", "name", "absence_id", "value", aid, NULL);
	html_open(h, "button", "type", "submit", "class", "nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-2", NULL);
	html_textf(h, "Remove the absence from %s", f);
	html_close(h);
	form_end(h);
	html_close(h);
	return 0;
}

static int other_worker(void *ctx, const struct worker_record *w)
{
	struct page_ctx *p = ctx;
	if (w->id == p->worker_id || !w->active || p->others->n >= OPTS_MAX)
		return 0;
	char id[24], label[200];
	snprintf(id, sizeof id, "%lld", (long long)w->id);
	snprintf(label, sizeof label, "%s (%lld open)", w->name, (long long)w->open_cases);
	return add_opt(p->others, id, label);
}

static int open_case_li(void *ctx, const struct worker_open_case *oc)
{
	struct page_ctx *p = ctx;
	struct html *h = p->h;
	char action[64], rid[24], label[200];
	snprintf(action, sizeof action, "/workers/%lld/reassign", (long long)p->worker_id);
	snprintf(rid, sizeof rid, "%lld", (long long)oc->referral_id);
	html_open(h, "li", NULL);
	html_textf(h, "%s: %s %s (%s)", oc->reference, oc->given_name, oc->family_name, oc->tier);
	if (authz_allows(p->req->auth.role, PERM_ALLOCATE) && p->others->n) {
		form_begin(h, action, p->req->auth.csrf[0] ? p->req->auth.csrf : NULL);
		html_void(h, "input", "type", "hidden", "name", "referral_id", "value", rid, NULL);
		html_void(h, "input", "type", "hidden", "name", "reason", "value", "the worker's employment is ending", NULL);
		char name[48];
		snprintf(name, sizeof name, "worker_id_%s", rid);
		snprintf(label, sizeof label, "Give %s to", oc->reference);
		form_select(h, &(struct form_field){ .name = name, .label = label }, p->others->o);
		form_button(h, "Reassign");
		form_end(h);
	}
	html_close(h);
	return 0;
}

static int worker_page_render(struct http_req *req, struct http_resp *resp, int64_t id, char (*vals)[REC_VALUE_MAX],
			      const struct field_errors *fe, unsigned status, const char *notice)
{
	struct worker_record *w = malloc(sizeof *w);
	struct opts *others = calloc(1, sizeof *others);
	int rc = -1;
	if (!w || !others)
		goto done;
	int f = workforce_get(req->db, id, req->now, w);
	if (f <= 0) {
		if (f == 0) {
			web_not_found_page(req, resp);
			rc = 0;
		} else {
			rc = http_store_failed(req, resp);
		}
		goto done;
	}
	struct web_page pg;
	web_begin_errors(&pg, req, resp, w->name, fe);
	struct html *h = &pg.h;
	char action[64], n[32];
	html_elem(h, "h1", w->name, NULL);
	if (notice)
		widget_inset(h, notice);
	html_open(h, "dl", "class", "nhsuk-summary-list", NULL);
	widget_summary_row(h, "Organisation", w->org_name);
	widget_summary_row(h, "Account", w->email);
	snprintf(n, sizeof n, "%lld", (long long)w->open_cases);
	widget_summary_row(h, "Open caseload", n);
	long cap = workforce_capacity(strtol(w->v[WORKER_F_FTE], NULL, 10), settings_get_int(req->db, "worker_clients_per_fte"));
	snprintf(n, sizeof n, "%lld of %ld", (long long)w->clients_12m, cap);
	widget_summary_row(h, "Clients in the last 12 months", n);
	widget_summary_row(h, "Status", w->active ? "Employed" : "Employment ended");
	html_close(h);

	html_elem(h, "h2", "Absences", NULL);
	struct page_ctx p = { h, req, id, others };
	html_open(h, "ul", "class", "nhsuk-list", NULL);
	if (workforce_absences(req->db, id, london_local_days(req->now), absence_li, &p)) {
		rc = http_store_failed(req, resp);
		goto done;
	}
	html_close(h);
	snprintf(action, sizeof action, "/workers/%lld/absences", (long long)id);
	form_begin(h, action, req->auth.csrf[0] ? req->auth.csrf : NULL);
	/* No date shown until one is typed (INT64_MIN: none). */
	form_date(h, req, &(struct form_field){ .name = "from", .label = "Absent from", .hint = "For example, 2 3 2026", .errors = fe },
		  INT64_MIN, 0);
	form_date(h, req, &(struct form_field){ .name = "to", .label = "Absent until (inclusive)", .errors = fe }, INT64_MIN, 0);
	form_input(h, &(struct form_field){ .name = "reason", .label = "Reason", .hint = "Leave, sickness, training", .errors = fe });
	form_button(h, "Add absence");
	form_end(h);

	html_elem(h, "h2", "Open cases", NULL);
	html_elem(h, "p", "When a worker's employment ends, give each of their open cases to another worker.", NULL);
	if (workforce_list(req->db, w->org_id, req->now, other_worker, &p)) {
		rc = http_store_failed(req, resp);
		goto done;
	}
	others->o[others->n] = (struct form_option){ NULL, NULL };
	html_open(h, "ul", "class", "nhsuk-list nhsuk-list--border", NULL);
	if (workforce_open_cases(req->db, id, open_case_li, &p)) {
		rc = http_store_failed(req, resp);
		goto done;
	}
	html_close(h);

	html_elem(h, "h2", "Record", NULL);
	snprintf(action, sizeof action, "/workers/%lld", (long long)id);
	form_begin(h, action, req->auth.csrf[0] ? req->auth.csrf : NULL);
	if (worker_fields_form(h, req, vals ? vals : w->v, fe))
		goto done;
	form_button(h, "Save changes");
	form_end(h);
	rc = web_end(&pg, resp, status);
done:
	free(w);
	free(others);
	return rc;
}

static int worker_page(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	const char *saved = http_query(req, "saved");
	return worker_page_render(req, resp, id, NULL, NULL, 200, saved ? "Saved." : NULL);
}

static int redirect_saved(struct http_resp *resp, int64_t id)
{
	char to[64];
	snprintf(to, sizeof to, "/workers/%lld?saved=1", (long long)id);
	return http_redirect(resp, to);
}

static enum ops_result save_op(struct http_req *req, struct web_post *p, const char *const *given, int64_t *nid)
{
	const char *email = http_form(req, "user_email");
	return p->id ? ops_worker_edit(&p->c, p->id, given, p->fe)
		     : ops_worker_add(&p->c, email ? email : "", 0, given, nid, p->fe);
}

static int worker_again(struct http_req *req, struct http_resp *resp, int64_t id, char (*vals)[REC_VALUE_MAX],
			const struct field_errors *fe)
{
	return id ? worker_page_render(req, resp, id, vals, fe, 422, NULL) : new_form(req, resp, vals, fe, 422);
}

static const struct web_rec_save worker_form = { worker_fields, WORKER_F__COUNT, save_op, worker_again, "/workers/%lld?saved=1",
						 "The worker was not registered", "The worker was not changed" };

static int workers_create(struct http_req *req, struct http_resp *resp)
{
	return web_rec_save(req, resp, 0, &worker_form);
}

static int worker_update(struct http_req *req, struct http_resp *resp)
{
	return web_rec_save(req, resp, 1, &worker_form);
}

static enum ops_result absence_op(struct http_req *req, struct web_post *p)
{
	char from[64], to[64];
	struct ops_worker_absence in = { p->id, form_date_text(req, "from", 0, from, sizeof from),
					 form_date_text(req, "to", 0, to, sizeof to), http_form(req, "reason") };
	struct ops_worker_absent out;
	return ops_worker_absence(&p->c, &in, &out, p->fe);
}

static int absence_add(struct http_req *req, struct http_resp *resp)
{
	return web_id_post(req, resp, absence_op, worker_again, "/workers/%lld?saved=1", "The absence was not recorded");
}

static int absence_remove(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	const char *a = http_form(req, "absence_id");
	int64_t aid = a ? strtoll(a, NULL, 10) : 0;
	if (aid <= 0) {
		struct field_errors *fe = ops_fielderr_one("absence_id", "Choose the absence to remove");
		int rc = fe ? web_ops_reply(req, resp, OPS_INVALID, "The absence was not removed", fe) : -1;
		free(fe);
		return rc;
	}
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r = ops_worker_absence_remove(&c, id, aid);
	return r == OPS_OK ? redirect_saved(resp, id) : web_ops_reply(req, resp, r, "The absence was not removed", NULL);
}

static int reassign(struct http_req *req, struct http_resp *resp)
{
	struct web_post p;
	if (!web_post_id(&p, req, resp))
		return p.rc;
	const char *rid = http_form(req, "referral_id");
	char wname[48];
	snprintf(wname, sizeof wname, "worker_id_%lld", rid ? (long long)strtoll(rid, NULL, 10) : 0LL);
	const char *wid = http_form(req, wname);
	struct ops_triage_reallocation in = { rid ? strtoll(rid, NULL, 10) : 0, wid ? strtoll(wid, NULL, 10) : 0,
					      http_form(req, "reason") };
	struct triage_outcome out;
	enum ops_result r = OPS_INVALID;
	if (in.referral_id > 0)
		r = ops_triage_reallocate(&p.c, &in, &out, p.fe);
	else
		fielderr_add(p.fe, "referral_id", "Choose the case to reassign");
	return web_post_end(&p, r == OPS_OK ? redirect_saved(resp, p.id)
					    : web_ops_reply(req, resp, r, "The case was not reassigned", p.fe));
}

const struct route web_workforce_routes[] = {
	{ "GET", "/workers", workers_page, PERM_WORKER_MANAGE, "Workers: caseload, clients in 12 months against capacity, absence" },
	{ "GET", "/workers/new", workers_new, PERM_WORKER_MANAGE, "Form to register a worker" },
	{ "POST", "/workers", workers_create, PERM_WORKER_MANAGE, "Register a worker against a user account" },
	{ "GET", "/workers/{id}", worker_page, PERM_WORKER_MANAGE, "A worker: record, absences, open cases to reassign", "worker",
	  "saved" },
	{ "POST", "/workers/{id}", worker_update, PERM_WORKER_MANAGE, "Change a worker's record (an end date ends employment)",
	  "worker" },
	{ "POST", "/workers/{id}/absences", absence_add, PERM_WORKER_MANAGE, "Add a worker's absence", "worker" },
	{ "POST", "/workers/{id}/absences/remove", absence_remove, PERM_WORKER_MANAGE, "Remove a worker's absence", "worker" },
	{ "POST", "/workers/{id}/reassign", reassign, PERM_ALLOCATE, "Give one of the worker's open cases to another worker",
	  "worker" },
	{ 0 },
};
