/* Where to recruit: areas and GP clusters ranked by the volunteers still
 * needed to answer 95% of requests within 24 hours, a bar chart (SVG, no
 * script) and a CSV export whose cells cannot run as spreadsheet formulas. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/londontime.h"
#include "http/audit_req.h"
#include "store/recruit.h"
#include "web/web.h"
#include "http/ops_reply.h"

static void num(char *out, size_t n, double v)
{
	snprintf(out, n, "%.1f", v);
}

static void th(struct html *h, const char *text, const char *cls)
{
	char c[80];
	snprintf(c, sizeof c, "nhsuk-table__header%s%s", cls ? " " : "", cls ? cls : "");
	html_elem(h, "th", text, "class", c, "scope", "col", NULL);
}

static void td(struct html *h, const char *text, int numeric)
{
	html_elem(h, "td", text, "class", numeric ? "nhsuk-table__cell nhsuk-table__cell--numeric" : "nhsuk-table__cell",
		  NULL);
}

static void table(struct html *h, const char *caption, const struct recruit_line *lines, const size_t *order, size_t n,
		  int clusters)
{
	html_open(h, "table", "class", "nhsuk-table-responsive", NULL);
	html_elem(h, "caption", caption, "class", "nhsuk-table__caption", NULL);
	html_open(h, "thead", "class", "nhsuk-table__head", NULL);
	html_open(h, "tr", "class", "nhsuk-table__row", NULL);
	th(h, "Rank", NULL);
	th(h, clusters ? "GP cluster" : "Area", NULL);
	static const char *const cols[] = { "Tasks a week", "Hours a week", "Left unmatched (8 weeks)",
					    "Compliant volunteers", "Their hours a week", "Answered within 24 hours now",
					    "Volunteers needed", "To recruit" };
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
		th(h, cols[i], "nhsuk-table__header--numeric");
	html_close(h);
	html_close(h);
	html_open(h, "tbody", "class", "nhsuk-table__body", NULL);
	for (size_t k = 0; k < n; k++) {
		const struct recruit_line *l = &lines[order[k]];
		const struct recruit_group *g = &l->g;
		char b[64], name[260];
		html_open(h, "tr", "class", "nhsuk-table__row", NULL);
		snprintf(b, sizeof b, "%zu", k + 1);
		td(h, b, 0);
		if (l->parent[0])
			snprintf(name, sizeof name, "%s (%s)", l->name, l->parent);
		else
			snprintf(name, sizeof name, "%s", l->name);
		td(h, name, 0);
		num(b, sizeof b, g->tasks_per_week);
		td(h, b, 1);
		num(b, sizeof b, g->hours_per_week);
		td(h, b, 1);
		snprintf(b, sizeof b, "%lld", (long long)g->unmatched);
		td(h, b, 1);
		snprintf(b, sizeof b, "%lld", (long long)g->volunteers);
		td(h, b, 1);
		num(b, sizeof b, g->supply_hours_per_week);
		td(h, b, 1);
		snprintf(b, sizeof b, "%.0f%%", g->answered_now * 100.0);
		td(h, b, 1);
		snprintf(b, sizeof b, "%lld", (long long)g->needed);
		td(h, b, 1);
		snprintf(b, sizeof b, "%lld", (long long)g->gap);
		td(h, b, 1);
		html_close(h);
	}
	html_close(h);
	html_close(h);
}

/* Horizontal bars: volunteers needed against compliant volunteers, per area in rank order. */
static void chart(struct html *h, const struct recruit_report *r)
{
	const int row = 44, label_w = 230, bar_w = 380, top = 30;
	int64_t max = 1;
	for (size_t i = 0; i < r->n_areas; i++) {
		if (r->areas[i].g.needed > max)
			max = r->areas[i].g.needed;
		if (r->areas[i].g.volunteers > max)
			max = r->areas[i].g.volunteers;
	}
	char vb[64], y[16], w[16], x[16], t[96];
	int height = top + (int)r->n_areas * row + 10;
	snprintf(vb, sizeof vb, "0 0 %d %d", label_w + bar_w + 60, height);
	html_open(h, "figure", "class", "waymark-chart nhsuk-u-margin-bottom-5", NULL);
	html_open(h, "svg", "xmlns", "http://www.w3.org/2000/svg", "viewBox", vb, "role", "img", "aria-labelledby",
		  "recruit-chart-title recruit-chart-desc", "width", "100%", NULL);
	html_elem(h, "title", "Volunteers needed and compliant volunteers by area", "id", "recruit-chart-title", NULL);
	html_elem(h, "desc", "For each area in rank order, a dark bar for the volunteers needed to answer 95% of requests "
			     "within 24 hours and a grey bar for the compliant volunteers there now. The table below has "
			     "the same figures.",
		  "id", "recruit-chart-desc", NULL);
	/* Legend */
	html_open(h, "rect", "x", "0", "y", "4", "width", "14", "height", "14", "fill", "#005eb8", NULL);
	html_close(h);
	html_elem(h, "text", "Volunteers needed", "x", "20", "y", "16", "font-size", "14", "fill", "#212b32", NULL);
	html_open(h, "rect", "x", "180", "y", "4", "width", "14", "height", "14", "fill", "#768692", NULL);
	html_close(h);
	html_elem(h, "text", "Compliant volunteers now", "x", "200", "y", "16", "font-size", "14", "fill", "#212b32", NULL);
	for (size_t k = 0; k < r->n_areas; k++) {
		const struct recruit_line *l = &r->areas[r->area_order[k]];
		int y0 = top + (int)k * row;
		snprintf(y, sizeof y, "%d", y0 + 22);
		html_elem(h, "text", l->name, "x", "0", "y", y, "font-size", "14", "fill", "#212b32", NULL);
		const int64_t vals[2] = { l->g.needed, l->g.volunteers };
		static const char *const fills[2] = { "#005eb8", "#768692" };
		for (int b = 0; b < 2; b++) {
			int len = (int)(vals[b] * bar_w / max);
			snprintf(y, sizeof y, "%d", y0 + 4 + b * 18);
			snprintf(w, sizeof w, "%d", len > 0 ? len : 1);
			snprintf(x, sizeof x, "%d", label_w);
			html_open(h, "rect", "x", x, "y", y, "width", w, "height", "16", "fill", fills[b], NULL);
			html_close(h);
			snprintf(x, sizeof x, "%d", label_w + (len > 0 ? len : 1) + 6);
			snprintf(y, sizeof y, "%d", y0 + 17 + b * 18);
			snprintf(t, sizeof t, "%lld", (long long)vals[b]);
			html_elem(h, "text", t, "x", x, "y", y, "font-size", "13", "fill", "#212b32", NULL);
		}
	}
	html_close(h);
	html_close(h);
}

static int recruit_page(struct http_req *req, struct http_resp *resp)
{
	struct recruit_report *r = malloc(sizeof *r);
	if (!r)
		return -1;
	if (recruit_report_load(req->db, req->now, r)) {
		free(r);
		return http_store_failed(req, resp);
	}
	struct web_page pg;
	web_begin(&pg, req, resp, "Where to recruit");
	struct html *h = &pg.h;
	char from[LONDON_FORMAT_LEN], to[LONDON_FORMAT_LEN];
	london_format(r->from, from);
	london_format(r->to, to);
	html_elem(h, "h1", "Where to recruit volunteers", NULL);
	html_open(h, "p", "class", "nhsuk-body-l", NULL);
	html_text(h, "Areas ranked by how many more volunteers would answer 95% of requests for community support "
		     "within 24 hours.");
	html_close(h);
	html_open(h, "p", NULL);
	html_textf(h, "Demand is the tasks of the %d weeks from %s to %s. Supply is the active volunteers living there whose "
		      "DBS check has not lapsed, with their free time each week (counted up to their most tasks a week). "
		      "How the number needed is worked out is explained at the end of the page.",
		   r->params.weeks, from, to);
	html_close(h);
	html_open(h, "p", NULL);
	html_elem(h, "a", "Download these figures (CSV)", "href", "/volunteers/recruit.csv", "download",
		  "where-to-recruit.csv", NULL);
	html_close(h);
	html_elem(h, "h2", "By area", NULL);
	chart(h, r);
	table(h, "Health and Wellbeing Partnership areas, ranked", r->areas, r->area_order, r->n_areas, 0);
	html_elem(h, "h2", "By GP cluster", NULL);
	html_elem(h, "p", "Tasks belong to the cluster of the person's GP practice; volunteers, and people without a known "
			  "practice, to the nearest cluster within 20 km.", NULL);
	table(h, "GP clusters, ranked", r->clusters, r->cluster_order, r->n_clusters + 1, 1);
	char b[200];
	const struct recruit_group *g = &r->total.g;
	snprintf(b, sizeof b, "Across Norfolk and Waveney: %.1f tasks a week, %lld compliant volunteers, %lld needed.",
		 g->tasks_per_week, (long long)g->volunteers, (long long)g->needed);
	html_elem(h, "p", b, NULL);
	html_elem(h, "h2", "How the number needed is worked out", NULL);
	html_elem(h, "p", "Requests are treated as arriving at random at the area's average rate, and each volunteer as "
			  "taking requests off a shared waiting list and getting through them at their usual pace (the "
			  "area's average of most tasks a week). This is a standard queueing model (M/M/c, Erlang C). "
			  "Volunteers needed is the smallest number for which at least 95% of requests would be taken by "
			  "a volunteer within 24 hours; to recruit is that number less the compliant volunteers there now.",
		  NULL);
	html_elem(h, "p", "It is a guide for planning: people's free times, travel and skills also decide who can help, "
			  "and tasks left unmatched show where that bites.", NULL);
	free(r);
	http_audit(req, AUDIT_RECRUIT_READ, "report", 0, 0, "");
	return web_end(&pg, resp, 200);
}

static void csv_put(struct buf *out, const char *cell, int last)
{
	char c[600];
	if (recruit_csv_cell(cell, c, sizeof c) < 0)
		c[0] = '\0';
	buf_puts(out, c);
	buf_puts(out, last ? "\r\n" : ",");
}

static void csv_line(struct buf *out, const char *level, size_t rank, const struct recruit_line *l)
{
	const struct recruit_group *g = &l->g;
	char b[64];
	csv_put(out, level, 0);
	snprintf(b, sizeof b, "%zu", rank);
	csv_put(out, rank ? b : "", 0);
	csv_put(out, l->name, 0);
	csv_put(out, l->parent, 0);
	snprintf(b, sizeof b, "%lld", (long long)g->tasks);
	csv_put(out, b, 0);
	snprintf(b, sizeof b, "%.2f", g->tasks_per_week);
	csv_put(out, b, 0);
	snprintf(b, sizeof b, "%.2f", g->hours_per_week);
	csv_put(out, b, 0);
	snprintf(b, sizeof b, "%lld", (long long)g->unmatched);
	csv_put(out, b, 0);
	snprintf(b, sizeof b, "%lld", (long long)g->volunteers);
	csv_put(out, b, 0);
	snprintf(b, sizeof b, "%.2f", g->supply_hours_per_week);
	csv_put(out, b, 0);
	snprintf(b, sizeof b, "%.1f", g->answered_now * 100.0);
	csv_put(out, b, 0);
	snprintf(b, sizeof b, "%lld", (long long)g->needed);
	csv_put(out, b, 0);
	snprintf(b, sizeof b, "%lld", (long long)g->gap);
	csv_put(out, b, 1);
}

static int recruit_csv(struct http_req *req, struct http_resp *resp)
{
	struct recruit_report *r = malloc(sizeof *r);
	if (!r)
		return -1;
	if (recruit_report_load(req->db, req->now, r)) {
		free(r);
		return http_store_failed(req, resp);
	}
	resp->status = 200;
	resp->content_type = "text/csv; charset=utf-8";
	http_header_add(resp, "Content-Disposition", "attachment; filename=\"where-to-recruit.csv\"");
	buf_reset(&resp->body);
	buf_puts(&resp->body, "level,rank,name,area,tasks_8_weeks,tasks_per_week,hours_per_week,tasks_unmatched,"
			      "compliant_volunteers,supply_hours_per_week,answered_within_24h_percent,volunteers_needed,"
			      "volunteers_to_recruit\r\n");
	for (size_t i = 0; i < r->n_areas; i++)
		csv_line(&resp->body, "area", i + 1, &r->areas[r->area_order[i]]);
	for (size_t i = 0; i <= r->n_clusters; i++)
		csv_line(&resp->body, "gp_cluster", i + 1, &r->clusters[r->cluster_order[i]]);
	csv_line(&resp->body, "total", 0, &r->total);
	free(r);
	http_audit(req, AUDIT_RECRUIT_EXPORT, "report", 0, 0, "csv");
	return 0;
}

const struct route web_recruit_routes[] = {
	{ "GET", "/volunteers/recruit", recruit_page, PERM_RECRUIT_READ,
	  "Where to recruit: areas and GP clusters ranked by volunteers needed, with a chart" },
	{ "GET", "/volunteers/recruit.csv", recruit_csv, PERM_RECRUIT_READ, "Where to recruit as CSV (formula-safe cells)" },
	{ 0 },
};
