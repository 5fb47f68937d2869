/* The operating-hours report for the hub: referrals received and first
 * contacts made by hour of day and day of week in London time, with the
 * shortest run of hours that holds most of each day's referrals, so the
 * service can find its best opening hours. Aggregates only. */
#include <stdio.h>
#include <stdlib.h>
#include "core/datetime.h"
#include "core/londontime.h"
#include "core/triage_check.h"
#include "http/ops_reply.h"
#include "store/demand_hours.h"
#include "web/form.h"
#include "web/form_date.h"
#include "web/web.h"

#define SHARE_PCT 80 /* the share of a day's referrals the suggested hours hold */

static const char *const days[7] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };

static void th(struct html *h, const char *text, int numeric)
{
	html_elem(h, "th", text, "class", numeric ? "nhsuk-table__header nhsuk-table__header--numeric" : "nhsuk-table__header",
		  "scope", "col", NULL);
}

/* A cell with the heading the responsive table shows on a narrow screen. */
static void td(struct html *h, const char *heading, int64_t v)
{
	char b[32];
	snprintf(b, sizeof b, "%lld", (long long)v);
	html_open(h, "td", "class", "nhsuk-table__cell nhsuk-table__cell--numeric", NULL);
	html_open(h, "span", "class", "nhsuk-table-responsive__heading", "aria-hidden", "true", NULL);
	html_textf(h, "%s ", heading);
	html_close(h);
	html_text(h, b);
	html_close(h);
}

static void row_head(struct html *h, const char *text)
{
	html_elem(h, "th", text, "class", "nhsuk-table__header", "scope", "row", NULL);
}

static void window_text(char *out, size_t n, const struct demand_grid *g, int dow)
{
	int from, to;
	int64_t held = demand_hours_window(g, dow, SHARE_PCT, &from, &to);
	int64_t all = demand_hours_total(g, dow, -1);
	if (!all)
		snprintf(out, n, "No referrals");
	else
		snprintf(out, n, "%02d:00 to %02d:00 (%lld of %lld)", from, to, (long long)held, (long long)all);
}

static void by_day(struct html *h, const struct demand_grid *rec, const struct demand_grid *con)
{
	html_open(h, "table", "class", "nhsuk-table-responsive nhsuk-table", "id", "by-day", NULL);
	html_elem(h, "caption", "By day of week", "class", "nhsuk-table__caption", NULL);
	html_open(h, "thead", "class", "nhsuk-table__head", NULL);
	html_open(h, "tr", "class", "nhsuk-table__row", NULL);
	th(h, "Day", 0);
	th(h, "Referrals received", 1);
	th(h, "First contacts made", 1);
	char hours[64];
	snprintf(hours, sizeof hours, "Shortest hours holding %d%% of referrals", SHARE_PCT);
	th(h, hours, 0);
	html_close(h);
	html_close(h);
	html_open(h, "tbody", "class", "nhsuk-table__body", NULL);
	for (int d = -1; d < 7; d++) {
		html_open(h, "tr", "class", "nhsuk-table__row", NULL);
		row_head(h, d < 0 ? "Every day" : days[d]);
		td(h, "Referrals received", demand_hours_total(rec, d, -1));
		td(h, "First contacts made", demand_hours_total(con, d, -1));
		char w[96];
		window_text(w, sizeof w, rec, d);
		html_open(h, "td", "class", "nhsuk-table__cell", NULL);
		html_open(h, "span", "class", "nhsuk-table-responsive__heading", "aria-hidden", "true", NULL);
		html_text(h, "Hours ");
		html_close(h);
		html_text(h, w);
		html_close(h);
		html_close(h);
	}
	html_close(h);
	html_close(h);
}

static void by_hour(struct html *h, const char *caption, const char *id, const struct demand_grid *g)
{
	html_open(h, "table", "class", "nhsuk-table-responsive nhsuk-table", "id", id, NULL);
	html_elem(h, "caption", caption, "class", "nhsuk-table__caption", NULL);
	html_open(h, "thead", "class", "nhsuk-table__head", NULL);
	html_open(h, "tr", "class", "nhsuk-table__row", NULL);
	th(h, "Hour", 0);
	static const char *const short_days[7] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
	for (int d = 0; d < 7; d++)
		th(h, short_days[d], 1);
	th(h, "All", 1);
	html_close(h);
	html_close(h);
	html_open(h, "tbody", "class", "nhsuk-table__body", NULL);
	for (int hr = 0; hr < 24; hr++) {
		char label[16];
		snprintf(label, sizeof label, "%02d:00", hr);
		html_open(h, "tr", "class", "nhsuk-table__row", NULL);
		row_head(h, label);
		for (int d = 0; d < 7; d++)
			td(h, short_days[d], g->n[d][hr]);
		td(h, "All", demand_hours_total(g, -1, hr));
		html_close(h);
	}
	html_close(h);
	html_close(h);
}

static void period_form(struct html *h, struct http_req *req, int64_t from_day, int64_t to_day,
			const struct field_errors *fe)
{
	html_open(h, "form", "method", "get", "action", "/reports/operating-hours", NULL);
	html_open(h, "div", "class", "nhsuk-grid-row", NULL);
	html_open(h, "div", "class", "nhsuk-grid-column-one-half", NULL);
	form_date(h, req, &(struct form_field){ .name = "from", .label = "From", .hint = "For example, 1 3 2026", .errors = fe },
		  fe->n ? DT_DAYS_MIN - 1 : from_day, 1);
	html_close(h);
	html_open(h, "div", "class", "nhsuk-grid-column-one-half", NULL);
	form_date(h, req, &(struct form_field){ .name = "to", .label = "To", .hint = "For example, 31 3 2026", .errors = fe },
		  fe->n ? DT_DAYS_MIN - 1 : to_day, 1);
	html_close(h);
	html_close(h);
	html_elem(h, "button", "Show figures", "class", "nhsuk-button nhsuk-button--secondary", "type", "submit", NULL);
	html_close(h);
}

static int hours_page(struct http_req *req, struct http_resp *resp)
{
	struct field_errors *fe = ops_fielderr_new();
	struct demand_grid *g = malloc(2 * sizeof *g);
	int rc = -1;
	if (!fe || !g)
		goto done;
	int64_t from_day, to_day;
	char from[96], to[96];
	triage_check_period(form_date_text(req, "from", 1, from, sizeof from), form_date_text(req, "to", 1, to, sizeof to),
			    london_local_days(req->now), &from_day, &to_day, fe);
	if (!fe->n && demand_hours_load(req->db, london_midnight_utc(from_day), london_midnight_utc(to_day + 1), &g[0],
					&g[1])) {
		rc = http_store_failed(req, resp);
		goto done;
	}
	struct web_page pg;
	web_begin_errors(&pg, req, resp, "Operating hours", fe);
	struct html *h = &pg.h;
	html_elem(h, "h1", "Demand by hour and day", NULL);
	html_elem(h, "p", "When referrals arrive and when people are first reached, in London time, to help choose the "
			  "hub's opening hours. A first contact is the first successful contact with the person.",
		  "class", "nhsuk-body", NULL);
	period_form(h, req, from_day, to_day, fe);
	if (!fe->n) {
		by_day(h, &g[0], &g[1]);
		by_hour(h, "Referrals received by hour of day", "received-by-hour", &g[0]);
		by_hour(h, "First contacts made by hour of day", "contacts-by-hour", &g[1]);
	}
	rc = web_end(&pg, resp, fe->n ? 422 : 200);
done:
	free(fe);
	free(g);
	return rc;
}

const struct route web_demand_hours_routes[] = {
	{ "GET", "/reports/operating-hours", hours_page, PERM_KPI_READ,
	  "Operating hours: referrals received and first contacts made by hour of day and day of week", NULL,
	  "from to from.day from.month from.year to.day to.month to.year" },
	{ 0 },
};
