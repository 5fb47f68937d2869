/* The recruitment campaigns page: a coordinator's or provider manager's
 * campaigns with each one's applicants and how many became active, its
 * application link, and a form (no JavaScript) to add one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/campaign.h"
#include "core/datehuman.h"
#include "http/ops_reply.h"
#include "ops/campaigns.h"
#include "store/campaign.h"
#include "store/org.h"
#include "web/form.h"
#include "web/form_date.h"
#include "web/post.h"
#include "web/web.h"

struct areas {
	struct form_option o[40];
	char code[40][40], name[40][120];
	size_t n;
};

static int area_one(void *ctx, const char *code, const char *name)
{
	struct areas *a = ctx;
	if (a->n >= 39)
		return 0;
	snprintf(a->code[a->n], sizeof a->code[0], "%s", code);
	snprintf(a->name[a->n], sizeof a->name[0], "%s", name);
	a->o[a->n + 1] = (struct form_option){ a->code[a->n], a->name[a->n] };
	a->n++;
	return 0;
}

static void cell(struct html *h, const char *text, int numeric)
{
	html_elem(h, "td", text, "class", numeric ? "nhsuk-table__cell nhsuk-table__cell--numeric" : "nhsuk-table__cell",
		  NULL);
}

static void table(struct html *h, const struct campaign_list *l)
{
	if (!l->n) {
		html_elem(h, "p", "No campaigns yet.", "class", "nhsuk-body", NULL);
		return;
	}
	html_open(h, "table", "class", "nhsuk-table-responsive", NULL);
	html_elem(h, "caption", "Campaigns and their applicants", "class", "nhsuk-table__caption", NULL);
	html_open(h, "thead", "class", "nhsuk-table__head", NULL);
	html_open(h, "tr", "class", "nhsuk-table__row", NULL);
	static const char *const cols[] = { "Campaign", "Area", "Channel", "Runs", "Applicants", "Became active",
					    "Application link" };
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
		html_elem(h, "th", cols[i], "class", "nhsuk-table__header", "scope", "col", NULL);
	html_close(h);
	html_close(h);
	html_open(h, "tbody", "class", "nhsuk-table__body", NULL);
	for (size_t i = 0; i < l->n; i++) {
		const struct campaign_row *c = &l->c[i];
		char runs[40], n1[24], n2[24], link[64], s[DH_DATE_LEN], e[DH_DATE_LEN];
		if (dh_format_iso(c->start_date, s))
			snprintf(s, sizeof s, "%.15s", c->start_date);
		if (dh_format_iso(c->end_date, e))
			snprintf(e, sizeof e, "%.15s", c->end_date);
		snprintf(runs, sizeof runs, "%s to %s", s, e);
		snprintf(n1, sizeof n1, "%lld", (long long)c->applicants);
		snprintf(n2, sizeof n2, "%lld", (long long)c->active);
		snprintf(link, sizeof link, "/volunteer-application?campaign=%lld", (long long)c->id);
		int ch = campaign_channel_of(c->channel);
		html_open(h, "tr", "class", "nhsuk-table__row", NULL);
		cell(h, c->name, 0);
		cell(h, c->area_name, 0);
		cell(h, ch < 0 ? c->channel : campaign_channel_label((enum campaign_channel)ch), 0);
		cell(h, runs, 0);
		cell(h, n1, 1);
		cell(h, n2, 1);
		html_open(h, "td", "class", "nhsuk-table__cell", NULL);
		html_elem(h, "a", link, "href", link, NULL);
		html_close(h);
		html_close(h);
	}
	html_close(h);
	html_close(h);
}

static int page(struct http_req *req, struct http_resp *resp, const struct field_errors *fe, unsigned status)
{
	int posted = fe != NULL;
#define V(name) (posted ? http_form(req, name) : NULL)
	struct campaign_list l;
	struct areas *a = calloc(1, sizeof *a);
	if (!a)
		return -1;
	a->o[0] = (struct form_option){ "", "Choose an area" };
	if (campaign_list_load(req->db, req->auth.org_id, &l)) {
		free(a);
		return http_store_failed(req, resp);
	}
	if (org_hwp_areas(req->db, area_one, a)) {
		campaign_list_free(&l);
		free(a);
		return http_store_failed(req, resp);
	}
	a->o[a->n + 1] = (struct form_option){ NULL, NULL };
	struct web_page pg;
	web_begin_errors(&pg, req, resp, "Recruitment campaigns", fe);
	struct html *h = &pg.h;
	web_done_banner(h, req);
	html_elem(h, "h1", "Recruitment campaigns", NULL);
	html_elem(h, "p", "Share a campaign's application link: people who apply through it while the campaign runs are "
			  "counted against it.",
		  "class", "nhsuk-body", NULL);
	table(h, &l);
	html_elem(h, "h2", "Add a campaign", NULL);
	char token[128];
	form_begin(h, "/recruitment", http_form_token(req, resp, token, sizeof token));
	form_input(h, &(struct form_field){ .name = "name", .label = "Campaign name", .value = V("name"), .errors = fe });
	form_select(h, &(struct form_field){ .name = "area", .label = "Area", .value = V("area"), .errors = fe }, a->o);
	struct form_option ch[CAMPAIGN_CHANNEL__MAX + 1];
	for (int i = 0; i < CAMPAIGN_CHANNEL__MAX; i++)
		ch[i] = (struct form_option){ campaign_channel_code((enum campaign_channel)i),
					      campaign_channel_label((enum campaign_channel)i) };
	ch[CAMPAIGN_CHANNEL__MAX] = (struct form_option){ NULL, NULL };
	form_radios(h, &(struct form_field){ .name = "channel", .label = "Channel", .value = V("channel"), .errors = fe },
		    ch);
	form_date(h, req, &(struct form_field){ .name = "start_date", .label = "Start date", .hint = "For example, 2 11 2026", .errors = fe },
		  DT_DAYS_MIN - 1, 0);
	form_date(h, req, &(struct form_field){ .name = "end_date", .label = "End date", .hint = "For example, 31 12 2026", .errors = fe },
		  DT_DAYS_MIN - 1, 0);
	form_button(h, "Add campaign");
	form_end(h);
#undef V
	campaign_list_free(&l);
	int rc = web_end(&pg, resp, status);
	free(a);
	return rc;
}

static int list_page(struct http_req *req, struct http_resp *resp)
{
	return page(req, resp, NULL, 200);
}

static int add_post(struct http_req *req, struct http_resp *resp)
{
	struct web_post p;
	if (!web_post_fe(&p, req))
		return p.rc;
	char start[96], end[96];
	struct campaign_input in = { http_form(req, "name"), http_form(req, "area"), http_form(req, "channel"),
				     form_date_text(req, "start_date", 0, start, sizeof start),
				     form_date_text(req, "end_date", 0, end, sizeof end) };
	int64_t id;
	enum ops_result r = ops_campaign_add(&p.c, &in, p.fe, &id);
	return web_post_end(&p, r == OPS_OK        ? http_redirect(resp, "/recruitment?done=campaign")
				: r == OPS_INVALID ? page(req, resp, p.fe, 422)
						   : web_ops_reply(req, resp, r, "Recruitment campaigns", p.fe));
}

const struct route web_campaign_routes[] = {
	{ "GET", "/recruitment", list_page, PERM_VOLUNTEER_MANAGE,
	  "Recruitment campaigns: your organisation's, with applicants and those who became active, and a form to add one" },
	{ "POST", "/recruitment", add_post, PERM_VOLUNTEER_MANAGE,
	  "Add a recruitment campaign (form): back to the page, or the form with its errors" },
	{ 0 },
};
