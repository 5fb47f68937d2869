/* The reports area: choose a report, a period and a breakdown; the table with its definitions, an SVG chart,
 * the 13-month trend and the period before; the table as a formula-safe CSV and the view as an XLSX workbook. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datehuman.h"
#include "core/datetime.h"
#include "core/recruit.h"
#include "http/audit_req.h"
#include "http/ops_reply.h"
#include "ops/report_pack.h"
#include "web/form.h"
#include "web/form_date.h"
#include "web/report_view.h"
#include "web/web.h"

/* What one request asked for (the dates as typed) and what it came to. */
struct view {
	const char *report, *from, *to, *by;
	char from_text[96], to_text[96];
	struct ops_report now, trend, prev;
	int have_trend, have_prev;
};

/* Frees v and what it holds; returns rc. */
static int view_free(struct view *v, int rc)
{
	ops_report_free(&v->now);
	ops_report_free(&v->trend);
	ops_report_free(&v->prev);
	free(v);
	return rc;
}

/* Reads the view for the query; OPS_INVALID with fe naming report, from, to or by. */
static enum ops_result view_read(struct http_req *req, struct view *v, struct field_errors *fe, int extras)
{
	memset(v, 0, sizeof *v);
	v->report = http_query(req, "report");
	v->from = form_date_text(req, "from", 1, v->from_text, sizeof v->from_text);
	v->to = form_date_text(req, "to", 1, v->to_text, sizeof v->to_text);
	v->by = http_query(req, "by");
	if (!v->report || !*v->report)
		v->report = "activity";
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r = ops_report_read(&c, v->report, v->from, v->to, v->by, &v->now, fe);
	if (r != OPS_OK || !extras)
		return r;
	/* The 13 months up to the end of the period, by month, and the period before of the same length. */
	int y, m, d;
	dt_civil_from_days(v->now.p.to_day, &y, &m, &d);
	int64_t first = dt_days_from_civil(y - 1, m, 1);
	r = ops_report_days(&c, v->now.t.report, report_dim_by_name("month"), first, v->now.p.to_day, 0, &v->trend);
	v->have_trend = r == OPS_OK;
	if (r != OPS_OK)
		return r;
	int64_t len = v->now.p.to_day - v->now.p.from_day;
	r = ops_report_days(&c, v->now.t.report, -2, v->now.p.from_day - 1 - len, v->now.p.from_day - 1, 0, &v->prev);
	v->have_prev = r == OPS_OK;
	return r;
}

static void choose_form(struct html *h, struct http_req *req, const struct view *v, const struct field_errors *fe)
{
	struct form_option reports[REPORT__N + 1], dims[64];
	for (int i = 0; i < REPORT__N; i++)
		reports[i] = (struct form_option){ report_names[i], report_title((enum report_id)i) };
	reports[REPORT__N] = (struct form_option){ NULL, NULL };
	size_t n = 0;
	dims[n++] = (struct form_option){ "", "No breakdown (totals)" };
	for (size_t i = 0; i < report_dim_count && n + 1 < sizeof dims / sizeof dims[0]; i++)
		dims[n++] = (struct form_option){ report_dims[i].key, report_dims[i].label };
	dims[n] = (struct form_option){ NULL, NULL };
	html_open(h, "form", "method", "get", "action", "/reports", "novalidate", "", NULL);
	form_select(h, &(struct form_field){ .name = "report", .label = "Report", .value = v->report, .errors = fe },
		    reports);
	int ok = fe->n == 0; /* the period read: show its days */
	form_date(h, req, &(struct form_field){ .name = "from", .label = "First day", .hint = "For example, 1 4 2026", .errors = fe },
		  ok ? v->now.p.from_day : DT_DAYS_MIN - 1, 1);
	form_date(h, req, &(struct form_field){ .name = "to", .label = "Last day", .hint = "For example, 30 6 2026", .errors = fe },
		  ok ? v->now.p.to_day : DT_DAYS_MIN - 1, 1);
	form_select(h, &(struct form_field){ .name = "by", .label = "Break down by", .value = v->by, .errors = fe }, dims);
	form_button(h, "Show the report");
	html_close(h);
}

static void query_of(const struct view *v, char *out, size_t n)
{
	char f[DT_DATE_LEN], t[DT_DATE_LEN];
	dt_format_date(v->now.p.from_day, f);
	dt_format_date(v->now.p.to_day, t);
	snprintf(out, n, "report=%s&from=%s&to=%s&by=%s", report_names[v->now.t.report], f, t,
		 v->now.t.dim >= 0 ? report_dims[v->now.t.dim].key : "");
}

static int reports_page(struct http_req *req, struct http_resp *resp)
{
	struct field_errors *fe = ops_fielderr_new();
	struct view *v = calloc(1, sizeof *v);
	if (!fe || !v) {
		free(fe);
		free(v);
		return -1;
	}
	enum ops_result r = view_read(req, v, fe, 1);
	if (r != OPS_OK && r != OPS_INVALID) {
		free(fe);
		return view_free(v, http_store_failed(req, resp));
	}
	struct web_page pg;
	web_begin_errors(&pg, req, resp, "Reports", r == OPS_INVALID ? fe : NULL);
	struct html *h = &pg.h;
	html_elem(h, "h1", "Reports", NULL);
	html_elem(h, "p", "Figures for boards and commissioners: choose a report, a period and a breakdown. Every "
			  "measure's definition is beside its table.", NULL);
	choose_form(h, req, v, fe);
	html_open(h, "p", NULL);
	html_elem(h, "a", "Board packs for an area or Place Board", "href", "/reports/board", NULL);
	html_close(h);
	if (r == OPS_OK) {
		const struct ops_report *o = &v->now;
		char f[DH_DATE_LEN], t[DH_DATE_LEN], title[200], q[300], href[400];
		dh_format_date(o->p.from_day, f);
		dh_format_date(o->p.to_day, t);
		snprintf(title, sizeof title, "%s, %s to %s", report_title(o->t.report), f, t);
		html_elem(h, "h2", title, NULL);
		report_view_notes(h, o);
		query_of(v, q, sizeof q);
		html_open(h, "ul", "class", "nhsuk-list", NULL);
		html_open(h, "li", NULL);
		snprintf(href, sizeof href, "/reports/table.csv?%s", q);
		html_elem(h, "a", "Download this table (CSV)", "href", href, NULL);
		html_close(h);
		html_open(h, "li", NULL);
		snprintf(href, sizeof href, "/reports/view.xlsx?%s", q);
		html_elem(h, "a", "Download this view (XLSX)", "href", href, NULL);
		html_close(h);
		html_close(h);
		char chart_title[200];
		snprintf(chart_title, sizeof chart_title, "%s by %s", report_measures[o->t.m[0]].key,
			 o->t.dim >= 0 ? report_dims[o->t.dim].label : "total");
		if (o->t.dim >= 0)
			report_view_chart(h, o, 0, "report-chart", chart_title);
		report_view_table(h, o, title, o->t.dim >= 0 ? report_dims[o->t.dim].label : "");
		html_elem(h, "h3", "Definitions", NULL);
		report_view_definitions(h, o);
		const struct ops_report *cmp[2] = { o, &v->prev };
		static const char *const labels[2] = { "This period", "The period before" };
		html_elem(h, "h3", "Compared with the period before", NULL);
		report_view_compare(h, "Totals of this period and of the period of the same length before it", cmp, labels, 2);
		html_elem(h, "h3", "Trend over 13 months", NULL);
		snprintf(chart_title, sizeof chart_title, "%s by month, 13 months", report_measures[o->t.m[0]].key);
		report_view_chart(h, &v->trend, 0, "trend-chart", chart_title);
		report_view_table(h, &v->trend, "By month over the 13 months to the end of the period", "Month");
		http_audit(req, AUDIT_REPORT_READ, "report", 0, 0, q);
	}
	free(fe);
	return view_free(v, web_end(&pg, resp, r == OPS_INVALID ? 400 : 200));
}

static void csv_put(struct buf *out, const char *cell, int last)
{
	char c[600];
	if (recruit_csv_cell(cell, c, sizeof c) < 0)
		c[0] = '\0';
	buf_puts(out, c);
	buf_puts(out, last ? "\r\n" : ",");
}

static void csv_row(struct buf *out, const struct ops_report *o, const struct report_row *row, const char *label)
{
	csv_put(out, row->key, 0);
	csv_put(out, label, 0);
	for (size_t j = 0; j < o->t.nm; j++) {
		char v[64] = "";
		double x;
		int is_int;
		if (report_value(&o->t, row, j, &x, &is_int))
			snprintf(v, sizeof v, is_int ? "%.0f" : "%.2f", x);
		csv_put(out, v, j + 1 == o->t.nm);
	}
}

/* The view a download asks for (extras: the trend and the period before), audited as exported; or NULL after
 * answering (*rc: what to return): 400 naming the bad parameters, or the store's failure. */
static struct view *download_view(struct http_req *req, struct http_resp *resp, int extras, int *rc)
{
	struct field_errors *fe = ops_fielderr_new();
	struct view *v = calloc(1, sizeof *v);
	enum ops_result r = fe && v ? view_read(req, v, fe, extras) : OPS_ERROR;
	*rc = !fe || !v		   ? -1
	      : r == OPS_INVALID ? http_problem_fields(resp, 400, "The report, period or breakdown is not valid", fe)
	      : r != OPS_OK	   ? http_store_failed(req, resp)
				   : 0;
	free(fe);
	if (r != OPS_OK) {
		if (v)
			view_free(v, 0);
		return NULL;
	}
	char q[300];
	query_of(v, q, sizeof q);
	http_audit(req, AUDIT_REPORT_EXPORT, "report", 0, 0, q);
	return v;
}

static int table_csv(struct http_req *req, struct http_resp *resp)
{
	int rc;
	struct view *v = download_view(req, resp, 0, &rc);
	if (!v)
		return rc;
	const struct ops_report *o = &v->now;
	resp->status = 200;
	resp->content_type = "text/csv; charset=utf-8";
	char disp[120];
	snprintf(disp, sizeof disp, "attachment; filename=\"%s.csv\"", report_names[o->t.report]);
	http_header_add(resp, "Content-Disposition", disp);
	buf_reset(&resp->body);
	csv_put(&resp->body, "key", 0);
	csv_put(&resp->body, "label", 0);
	for (size_t j = 0; j < o->t.nm; j++)
		csv_put(&resp->body, report_measures[o->t.m[j]].key, j + 1 == o->t.nm);
	for (size_t i = 0; i < o->t.nrows; i++) {
		char label[REPORT_LABEL_MAX];
		report_dim_label(o->t.dim, o->t.rows[i].key, o->ref, label);
		csv_row(&resp->body, o, &o->t.rows[i], label);
	}
	csv_row(&resp->body, o, &o->t.total, "Total");
	return view_free(v, 0);
}

static int write_view(void *ctx, const char *path)
{
	const struct view *v = ctx;
	return report_view_xlsx(&v->now, v->have_trend ? &v->trend : NULL, path);
}

static int view_xlsx(struct http_req *req, struct http_resp *resp)
{
	int rc;
	struct view *v = download_view(req, resp, 1, &rc);
	if (!v)
		return rc;
	char name[80];
	snprintf(name, sizeof name, "%s.xlsx", report_names[v->now.t.report]);
	return view_free(v, http_reply_xlsx(req, resp, name, write_view, v));
}

const struct route web_reports_routes[] = {
	{ "GET", "/reports", reports_page, PERM_REPORT_READ,
	  "Reports: choose a report, period and breakdown; table, definitions, chart, trend and the period before" },
	{ "GET", "/reports/table.csv", table_csv, PERM_REPORT_READ, "A report's table as CSV (formula-safe cells)", NULL,
	  "report from to by" },
	{ "GET", "/reports/view.xlsx", view_xlsx, PERM_REPORT_READ, "A report's view as an XLSX workbook", NULL,
	  "report from to by" },
	{ 0 },
};
