/* The organisations pages (administrator, programme lead): the list, add, view and change one (the form is
 * made from model/org.def), its framework status with history, and a link to add its users. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datehuman.h"
#include "core/datetime.h"
#include "core/londontime.h"
#include "http/ops_reply.h"
#include "ops/orgs.h"
#include "store/org.h"
#include "web/form.h"
#include "web/form_date.h"
#include "web/rec_form.h"
#include "web/web.h"
#include "web/widgets.h"

#define AREAS_MAX 16

struct area_opts {
	struct form_option o[AREAS_MAX + 1];
	char text[AREAS_MAX][2][96];
	int n;
};

static int area_opt(void *ctx, const char *code, const char *name)
{
	struct area_opts *a = ctx;
	if (a->n >= AREAS_MAX)
		return 1;
	snprintf(a->text[a->n][0], sizeof a->text[0][0], "%s", code);
	snprintf(a->text[a->n][1], sizeof a->text[0][1], "%s", name);
	a->o[a->n] = (struct form_option){ a->text[a->n][0], a->text[a->n][1] };
	a->n++;
	return 0;
}

/* The fields of model/org.def as a form; vals: the values to show by enum org_field. */
static int org_fields_form(struct html *h, struct http_req *req, char (*vals)[REC_VALUE_MAX], const struct field_errors *fe)
{
	struct area_opts *areas = calloc(1, sizeof *areas);
	if (!areas || org_hwp_areas(req->db, area_opt, areas)) {
		free(areas);
		return -1;
	}
	const struct form_option *opts[ORG_F__COUNT] = { [ORG_F_AREAS] = areas->o };
	rec_form_fields(h, req, org_fields, ORG_F__COUNT, vals, opts, fe);
	free(areas);
	return 0;
}

static int org_line(void *ctx, const struct org_view *o)
{
	struct html *h = ctx;
	char href[48];
	snprintf(href, sizeof href, "/organisations/%lld", (long long)o->id);
	html_open(h, "li", NULL);
	html_elem(h, "a", o->v[ORG_F_NAME], "href", href, NULL);
	html_textf(h, " (%s, %s", rec_vocab_label(org_kind_vocab, o->v[ORG_F_KIND]), rec_vocab_label(org_status_vocab, o->status));
	html_textf(h, "; %lld user%s)", (long long)o->users, o->users == 1 ? "" : "s");
	html_close(h);
	return 0;
}

static int orgs_page(struct http_req *req, struct http_resp *resp)
{
	struct web_page pg;
	web_begin(&pg, req, resp, "Organisations");
	struct html *h = &pg.h;
	html_elem(h, "h1", "Organisations", NULL);
	html_open(h, "p", NULL);
	html_elem(h, "a", "Add an organisation", "href", "/organisations/new", "class", "nhsuk-button", "role", "button", NULL);
	html_close(h);
	html_open(h, "ul", "class", "nhsuk-list nhsuk-list--border", NULL);
	if (org_record_list(req->db, org_line, h))
		return http_store_failed(req, resp);
	html_close(h);
	return web_end(&pg, resp, 200);
}

static int new_form(struct http_req *req, struct http_resp *resp, char (*vals)[REC_VALUE_MAX], const struct field_errors *fe,
		    unsigned status)
{
	struct web_page pg;
	web_begin_errors(&pg, req, resp, "Add an organisation", fe);
	struct html *h = &pg.h;
	html_elem(h, "h1", "Add an organisation", NULL);
	form_begin(h, "/organisations", req->auth.csrf[0] ? req->auth.csrf : NULL);
	if (org_fields_form(h, req, vals, fe))
		return -1;
	struct form_option st[8];
	size_t n = 0;
	for (size_t i = 0; org_status_vocab[i] && n < 7; i += 2)
		st[n++] = (struct form_option){ org_status_vocab[i], org_status_vocab[i + 1] };
	st[n] = (struct form_option){ NULL, NULL };
	const char *s = http_form(req, "framework_status");
	form_select(h, &(struct form_field){ .name = "framework_status", .label = "Framework status", .value = s ? s : "active",
					     .hint = "Only active providers receive community support referrals", .errors = fe },
		    st);
	form_button(h, "Add organisation");
	form_end(h);
	return web_end(&pg, resp, status);
}

static int orgs_new(struct http_req *req, struct http_resp *resp)
{
	char (*vals)[REC_VALUE_MAX] = calloc(ORG_F__COUNT, sizeof *vals);
	if (!vals)
		return -1;
	int rc = new_form(req, resp, vals, NULL, 200);
	free(vals);
	return rc;
}

/* The organisation's page: details form, framework status and its history, its users. */
static int hist_row(void *ctx, const struct org_history_row *r)
{
	struct html *h = ctx;
	char day[DH_DATE_LEN] = "", at[LONDON_FORMAT_LEN];
	if (r->from_day >= 0)
		dh_format_date(r->from_day, day);
	london_format(r->at, at);
	html_open(h, "li", NULL);
	html_textf(h, "%s from %s", rec_vocab_label(org_status_vocab, r->status), day[0] ? day : "the start");
	if (r->reason[0])
		html_textf(h, ": %s", r->reason);
	html_textf(h, " (recorded %s%s%s)", at, r->by[0] ? " by " : "", r->by);
	html_close(h);
	return 0;
}

static int org_page_render(struct http_req *req, struct http_resp *resp, int64_t id, char (*vals)[REC_VALUE_MAX],
			   const struct field_errors *fe, unsigned status, const char *notice)
{
	struct org_view *o = malloc(sizeof *o);
	if (!o)
		return -1;
	int f = org_record_get(req->db, id, o);
	if (f <= 0) {
		free(o);
		if (f == 0) {
			web_not_found_page(req, resp);
			return 0;
		}
		return http_store_failed(req, resp);
	}
	char (*show)[REC_VALUE_MAX] = calloc(ORG_F__COUNT, sizeof *show);
	if (!show) {
		free(o);
		return -1;
	}
	for (int i = 0; i < ORG_F__COUNT; i++)
		snprintf(show[i], REC_VALUE_MAX, "%s", vals ? vals[i] : o->v[i]);
	struct web_page pg;
	web_begin_errors(&pg, req, resp, o->v[ORG_F_NAME], fe);
	struct html *h = &pg.h;
	char action[64], day[DH_DATE_LEN] = "";
	html_elem(h, "h1", o->v[ORG_F_NAME], NULL);
	if (notice)
		widget_inset(h, notice);
	html_open(h, "dl", "class", "nhsuk-summary-list", NULL);
	widget_summary_row(h, "Framework status", rec_vocab_label(org_status_vocab, o->status));
	if (o->status_day >= 0)
		dh_format_date(o->status_day, day);
	widget_summary_row(h, "Since", day[0] ? day : "Not recorded");
	if (o->status_reason[0])
		widget_summary_row(h, "Reason", o->status_reason);
	char users[32];
	snprintf(users, sizeof users, "%lld", (long long)o->users);
	widget_summary_row(h, "Users", users);
	html_close(h);
	if (authz_allows(req->auth.role, PERM_ADMIN_USERS)) {
		char href[64];
		snprintf(href, sizeof href, "/admin/users/new?org=%lld", (long long)id);
		html_open(h, "p", NULL);
		html_elem(h, "a", "Add a user to this organisation", "href", href, NULL);
		html_close(h);
	}
	html_elem(h, "h2", "Details", NULL);
	snprintf(action, sizeof action, "/organisations/%lld", (long long)id);
	form_begin(h, action, req->auth.csrf[0] ? req->auth.csrf : NULL);
	if (org_fields_form(h, req, show, fe)) {
		free(show);
		free(o);
		return -1;
	}
	form_button(h, "Save changes");
	form_end(h);
	html_elem(h, "h2", "Change the framework status", NULL);
	snprintf(action, sizeof action, "/organisations/%lld/status", (long long)id);
	form_begin(h, action, req->auth.csrf[0] ? req->auth.csrf : NULL);
	struct form_option st[8];
	size_t n = 0;
	for (size_t i = 0; org_status_vocab[i] && n < 7; i += 2)
		st[n++] = (struct form_option){ org_status_vocab[i], org_status_vocab[i + 1] };
	st[n] = (struct form_option){ NULL, NULL };
	form_select(h, &(struct form_field){ .name = "status", .label = "New status", .value = o->status, .errors = fe }, st);
	form_date(h, req, &(struct form_field){ .name = "from", .label = "From", .hint = "For example, 1 4 2027; empty for today", .errors = fe },
		  DT_DAYS_MIN - 1, 0);
	form_input(h, &(struct form_field){ .name = "reason", .label = "Reason",
					    .hint = "Needed when suspending or when the organisation leaves the framework",
					    .errors = fe, .value = http_form(req, "reason") });
	form_button(h, "Change status");
	form_end(h);
	html_elem(h, "h2", "Status history", NULL);
	html_open(h, "ul", "class", "nhsuk-list nhsuk-list--bullet", NULL);
	if (org_status_history(req->db, id, hist_row, h)) {
		free(show);
		free(o);
		return http_store_failed(req, resp);
	}
	html_close(h);
	free(show);
	free(o);
	return web_end(&pg, resp, status);
}

static int org_page(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	return org_page_render(req, resp, id, NULL, NULL, 200, http_query(req, "saved") ? "Saved." : NULL);
}

static enum ops_result save_op(struct http_req *req, struct web_post *p, const char *const *given, int64_t *nid)
{
	return ops_org_save(&p->c, p->id, given, p->id ? NULL : http_form(req, "framework_status"), nid, p->fe);
}

static int org_again(struct http_req *req, struct http_resp *resp, int64_t id, char (*vals)[REC_VALUE_MAX],
		     const struct field_errors *fe)
{
	return id ? org_page_render(req, resp, id, vals, fe, 422, NULL) : new_form(req, resp, vals, fe, 422);
}

static const struct web_rec_save org_form = { org_fields, ORG_F__COUNT, save_op, org_again, "/organisations/%lld?saved=1",
					      "The organisation was not added", "The organisation was not changed" };

static int orgs_create(struct http_req *req, struct http_resp *resp)
{
	return web_rec_save(req, resp, 0, &org_form);
}

static int org_update(struct http_req *req, struct http_resp *resp)
{
	return web_rec_save(req, resp, 1, &org_form);
}

static enum ops_result status_op(struct http_req *req, struct web_post *p)
{
	char from[96];
	return ops_org_status(&p->c, p->id, http_form(req, "status"), form_date_text(req, "from", 0, from, sizeof from),
			      http_form(req, "reason"), p->fe);
}

static int org_status(struct http_req *req, struct http_resp *resp)
{
	return web_id_post(req, resp, status_op, org_again, "/organisations/%lld?saved=1", "The framework status was not changed");
}

const struct route web_orgs_routes[] = {
	{ "GET", "/organisations", orgs_page, PERM_ORG_MANAGE, "Organisations: the list" },
	{ "GET", "/organisations/new", orgs_new, PERM_ORG_MANAGE, "Form to add an organisation" },
	{ "POST", "/organisations", orgs_create, PERM_ORG_MANAGE, "Add an organisation" },
	{ "GET", "/organisations/{id}", org_page, PERM_ORG_MANAGE, "An organisation: details, framework status and history", "org",
	  "saved" },
	{ "POST", "/organisations/{id}", org_update, PERM_ORG_MANAGE, "Change an organisation's details", "org" },
	{ "POST", "/organisations/{id}/status", org_status, PERM_ORG_MANAGE, "Change an organisation's framework status", "org" },
	{ 0 },
};
