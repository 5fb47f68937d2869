/* The volunteer hours page: the hours an organisation's volunteers gave on
 * tasks done in a period, by volunteer, by the organisation whose case it
 * was, by the person's area, or by month. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datetime.h"
#include "core/londontime.h"
#include "core/triage_check.h"
#include "http/ops_reply.h"
#include "store/vol_hours.h"
#include "web/form.h"
#include "web/form_date.h"
#include "web/web.h"

static void cell(struct html *h, const char *heading, const char *text, int numeric)
{
	html_open(h, "td", "class", numeric ? "nhsuk-table__cell nhsuk-table__cell--numeric" : "nhsuk-table__cell", NULL);
	html_open(h, "span", "class", "nhsuk-table-responsive__heading", "aria-hidden", "true", NULL);
	html_textf(h, "%s ", heading);
	html_close(h);
	html_text(h, text);
	html_close(h);
}

static void hours_text(int64_t minutes, char *out, size_t n)
{
	snprintf(out, n, "%lld h %02lld min", (long long)(minutes / 60), (long long)(minutes % 60));
}

static void table(struct html *h, const struct vol_hours *v, const char *group, int link)
{
	html_open(h, "table", "class", "nhsuk-table-responsive nhsuk-table", "id", "hours", NULL);
	html_elem(h, "caption", "Hours given on tasks done", "class", "nhsuk-table__caption", NULL);
	html_open(h, "thead", "class", "nhsuk-table__head", NULL);
	html_open(h, "tr", "class", "nhsuk-table__row", NULL);
	html_elem(h, "th", group, "class", "nhsuk-table__header", "scope", "col", NULL);
	html_elem(h, "th", "Tasks done", "class", "nhsuk-table__header nhsuk-table__header--numeric", "scope", "col", NULL);
	html_elem(h, "th", "Hours", "class", "nhsuk-table__header nhsuk-table__header--numeric", "scope", "col", NULL);
	html_close(h);
	html_close(h);
	html_open(h, "tbody", "class", "nhsuk-table__body", NULL);
	char a[32], b[48];
	for (size_t i = 0; i <= v->n; i++) {
		int total = i == v->n;
		html_open(h, "tr", "class", "nhsuk-table__row", NULL);
		if (!total && link) {
			char href[64];
			snprintf(href, sizeof href, "/volunteers/%s/certificate", v->g[i].key);
			html_open(h, "td", "class", "nhsuk-table__cell", NULL);
			html_open(h, "span", "class", "nhsuk-table-responsive__heading", "aria-hidden", "true", NULL);
			html_textf(h, "%s ", group);
			html_close(h);
			html_elem(h, "a", v->g[i].label, "href", href, NULL);
			html_close(h);
		} else {
			cell(h, group, total ? "Total" : v->g[i].label, 0);
		}
		snprintf(a, sizeof a, "%lld", (long long)(total ? v->tasks : v->g[i].tasks));
		cell(h, "Tasks done", a, 1);
		hours_text(total ? v->minutes : v->g[i].minutes, b, sizeof b);
		cell(h, "Hours", b, 1);
		html_close(h);
	}
	html_close(h);
	html_close(h);
}

static int hours_page(struct http_req *req, struct http_resp *resp)
{
	struct field_errors *fe = ops_fielderr_new();
	if (!fe)
		return -1;
	int64_t from_day, to_day;
	char from[96], to[96];
	triage_check_period(form_date_text(req, "from", 1, from, sizeof from), form_date_text(req, "to", 1, to, sizeof to),
			    london_local_days(req->now), &from_day, &to_day, fe);
	const char *b = http_query(req, "by");
	int by = b && *b ? vol_hours_by_of(b) : VOL_HOURS_VOLUNTEER;
	if (by < 0) {
		fielderr_add(fe, "by", "Choose how to group the hours: volunteer, organisation, area or month");
		by = VOL_HOURS_VOLUNTEER;
	}
	struct vol_hours v = { 0 };
	if (!fe->n && vol_hours_load(req->db, req->auth.org_id, london_midnight_utc(from_day),
				     london_midnight_utc(to_day + 1), (enum vol_hours_by)by, &v)) {
		free(fe);
		return http_store_failed(req, resp);
	}
	struct web_page pg;
	web_begin_errors(&pg, req, resp, "Hours given", fe);
	struct html *h = &pg.h;
	html_open(h, "a", "class", "nhsuk-back-link", "href", "/volunteers", NULL);
	html_text(h, "Back to volunteers");
	html_close(h);
	html_elem(h, "h1", "Hours given by your volunteers", NULL);
	html_open(h, "form", "method", "get", "action", "/volunteer-hours", NULL);
	form_date(h, req, &(struct form_field){ .name = "from", .label = "From", .hint = "For example, 1 3 2026", .errors = fe },
		  fe->n ? DT_DAYS_MIN - 1 : from_day, 1);
	form_date(h, req, &(struct form_field){ .name = "to", .label = "To", .hint = "For example, 31 3 2026", .errors = fe },
		  fe->n ? DT_DAYS_MIN - 1 : to_day, 1);
	static const struct form_option bys[] = { { "volunteer", "Volunteer" }, { "organisation", "Organisation of the case" },
						  { "area", "Area" }, { "month", "Month" }, { NULL, NULL } };
	form_select(h, &(struct form_field){ .name = "by", .label = "Group by", .value = vol_hours_by_code((enum vol_hours_by)by),
					     .errors = fe },
		    bys);
	html_elem(h, "button", "Show hours", "class", "nhsuk-button nhsuk-button--secondary", "type", "submit", NULL);
	html_close(h);
	if (!fe->n)
		table(h, &v, bys[by].label, by == VOL_HOURS_VOLUNTEER);
	vol_hours_free(&v);
	int rc = web_end(&pg, resp, fe->n ? 422 : 200);
	free(fe);
	return rc;
}

const struct route web_vol_hours_routes[] = {
	{ "GET", "/volunteer-hours", hours_page, PERM_VOLUNTEER_MANAGE,
	  "Hours your volunteers gave on tasks done, by volunteer, organisation, area or month", NULL,
	  "from to by from.day from.month from.year to.day to.month to.year" },
	{ 0 },
};
