/* Commissioning pages for Appendix B: a provider's criteria and evidence with download links, and the evidence reminders list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/ops_reply.h"
#include "ops/commission.h"
#include "web/commission_web.h"
#include "web/web.h"

static const char *status_tag(const char *st)
{
	return !strcmp(st, "met")          ? "nhsuk-tag nhsuk-tag--green"
	       : !strcmp(st, "review_due") ? "nhsuk-tag nhsuk-tag--orange"
	       : !strcmp(st, "lapsed")     ? "nhsuk-tag nhsuk-tag--red"
					   : "nhsuk-tag nhsuk-tag--grey";
}

int web_comm_reminders(struct html *h, struct http_req *req)
{
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r;
	json_t *o = ops_comm_reminders(&c, &r);
	if (!o)
		return -1;
	json_t *list = json_object_get(o, "reminders");
	html_elem(h, "h2", "Appendix B evidence reminders", NULL);
	if (!json_array_size(list)) {
		html_open(h, "p", NULL);
		html_textf(h, "No evidence is due for review in the next %lld days, and none has lapsed.",
			   (long long)json_integer_value(json_object_get(o, "reminder_days")));
		html_close(h);
		json_decref(o);
		return 0;
	}
	static const char *const cols[] = { "Provider", "Criterion", "Evidence", "Review date", "Status", NULL };
	char caption[120];
	snprintf(caption, sizeof caption, "Evidence due for review within %lld days, or lapsed",
		 (long long)json_integer_value(json_object_get(o, "reminder_days")));
	cw_table_head(h, caption, cols);
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x)
	{
		json_t *org = json_object_get(x, "organisation");
		char href[80], when[64];
		snprintf(href, sizeof href, "/commissioning/providers/%lld/evidence",
			 (long long)json_integer_value(json_object_get(org, "id")));
		long long left = (long long)json_integer_value(json_object_get(x, "days_left"));
		int lapsed = !strcmp(cw_js(x, "kind"), "lapsed");
		if (lapsed)
			snprintf(when, sizeof when, "Lapsed %lld day%s ago", -left, left == -1 ? "" : "s");
		else
			snprintf(when, sizeof when, left ? "Due in %lld day%s" : "Due today", left,
				 left == 1 ? "" : "s");
		html_open(h, "tr", "class", "nhsuk-table__row", NULL);
		html_open(h, "td", "class", "nhsuk-table__cell", NULL);
		html_elem(h, "a", cw_js(org, "name"), "href", href, NULL);
		html_close(h);
		cw_cell(h, cw_js(x, "criterion_label"));
		cw_cell(h, cw_js(x, "title"));
		cw_cell(h, cw_js(x, "review_date"));
		html_open(h, "td", "class", "nhsuk-table__cell", NULL);
		html_elem(h, "strong", when, "class",
			  lapsed ? "nhsuk-tag nhsuk-tag--red" : "nhsuk-tag nhsuk-tag--orange", NULL);
		html_close(h);
		html_close(h);
	}
	cw_table_end(h);
	json_decref(o);
	return 0;
}

static int evidence_page(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r;
	json_t *o = ops_comm_criteria(&c, id, &r);
	if (!o)
		return web_ops_reply(req, resp, r, "Appendix B evidence", NULL);
	struct web_page pg;
	web_begin(&pg, req, resp, "Appendix B evidence");
	struct html *h = &pg.h;
	html_open(h, "p", NULL);
	html_elem(h, "a", "Back to commissioning", "href", "/commissioning", NULL);
	html_close(h);
	html_elem(h, "h1", "Appendix B evidence", NULL);
	html_elem(
	    h, "p",
	    "The minimum organisation criteria, the latest evidence of each and its review date. Download a file to check it.",
	    NULL);
	static const char *const cols[] = { "Criterion", "Status", "Evidence", "Review date", "File", NULL };
	cw_table_head(h, "Minimum organisation criteria", cols);
	size_t i, k;
	json_t *x, *e;
	json_array_foreach(json_object_get(o, "criteria"), i, x)
	{
		json_t *ev = json_object_get(x, "evidence");
		size_t n = json_array_size(ev);
		html_open(h, "tr", "class", "nhsuk-table__row", NULL);
		cw_cell(h, cw_js(x, "label"));
		html_open(h, "td", "class", "nhsuk-table__cell", NULL);
		html_elem(h, "strong", cw_js(x, "status"), "class", status_tag(cw_js(x, "status")), NULL);
		html_close(h);
		if (!n) {
			cw_cell(h, "None yet");
			cw_cell(h, "");
			cw_cell(h, "");
		}
		json_array_foreach(ev, k, e)
		{
			if (k) {
				html_close(h);
				html_open(h, "tr", "class", "nhsuk-table__row", NULL);
				cw_cell(h, "");
				cw_cell(h, "earlier evidence");
			}
			char title[420], href[96], link[260];
			snprintf(title, sizeof title, "%s (%s)%s", cw_js(e, "title"), cw_js(e, "reference"),
				 json_is_null(json_object_get(e, "checked_by")) ? "" : ", checked");
			cw_cell(h, title);
			cw_cell(h, cw_js(e, "review_date"));
			snprintf(href, sizeof href, "/api/v1/commissioning/evidence/%lld/file",
				 (long long)json_integer_value(json_object_get(e, "id")));
			snprintf(link, sizeof link, "Download %s", cw_js(e, "file_name"));
			html_open(h, "td", "class", "nhsuk-table__cell", NULL);
			html_elem(h, "a", link, "href", href, "download", "", NULL);
			html_close(h);
		}
		html_close(h);
	}
	cw_table_end(h);
	json_decref(o);
	return web_end(&pg, resp, 200);
}

const struct route web_commission_evidence_routes[] = {
	{ "GET", "/commissioning/providers/{id}/evidence", evidence_page, PERM_COMMISSION_READ,
	  "A provider's Appendix B criteria and evidence, with the files to download", "provider" },
	{ 0 },
};
