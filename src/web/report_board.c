/* The board pack page: for one HWP area or Place Board and a period (a quarter by default), every report by
 * month with a chart and its table, the period before and the county beside it; printable on A4 (the print
 * stylesheet drops the navigation and starts each section on a new page) and downloadable as XLSX. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datehuman.h"
#include "core/datetime.h"
#include "core/londontime.h"
#include "http/audit_req.h"
#include "http/ops_reply.h"
#include "ops/report_pack.h"
#include "store/report.h"
#include "store/story.h"
#include "web/form.h"
#include "web/form_date.h"
#include "web/report_view.h"
#include "web/web.h"

struct area_opts {
	struct form_option o[32];
	char text[32][2][REPORT_LABEL_MAX];
	size_t n;
};

static void area_opt(void *ctx, int kind, const char *code, const char *name)
{
	struct area_opts *a = ctx;
	if (a->n + 1 >= sizeof a->o / sizeof a->o[0])
		return;
	snprintf(a->text[a->n][0], REPORT_LABEL_MAX, "%s", code);
	snprintf(a->text[a->n][1], REPORT_LABEL_MAX, "%s%s", name, kind ? " (Place Board)" : "");
	a->o[a->n] = (struct form_option){ a->text[a->n][0], a->text[a->n][1] };
	a->n++;
	a->o[a->n] = (struct form_option){ NULL, NULL };
}

/* The last whole financial quarter before today, as default dates. */
static void last_quarter(int64_t today, char from[DT_DATE_LEN], char to[DT_DATE_LEN])
{
	int y, m, d;
	dt_civil_from_days(today, &y, &m, &d);
	int qm = ((m - 1) / 3) * 3 + 1; /* first month of this calendar quarter (financial quarters line up) */
	int64_t first_this = dt_days_from_civil(y, qm, 1);
	int py = qm == 1 ? y - 1 : y, pm = qm == 1 ? 10 : qm - 3;
	dt_format_date(dt_days_from_civil(py, pm, 1), from);
	dt_format_date(first_this - 1, to);
}

static void board_form(struct html *h, struct http_req *req, const char *area, const char *from, const char *to,
		       const struct field_errors *fe)
{
	struct area_opts *a = calloc(1, sizeof *a);
	if (!a)
		return;
	a->o[0] = (struct form_option){ "", "Choose an area" };
	a->n = 1;
	a->o[1] = (struct form_option){ NULL, NULL };
	report_store_areas(req->db, area_opt, a);
	html_open(h, "form", "method", "get", "action", "/reports/board", "novalidate", "", "class", "waymark-no-print",
		  NULL);
	form_select(h, &(struct form_field){ .name = "area", .label = "Area or Place Board", .value = area, .errors = fe },
		    a->o);
	int64_t f, t;
	form_date(h, req,
		  &(struct form_field){ .name = "from", .label = "First day", .hint = "The first day of the quarter, for example 1 4 2026",
					.errors = fe },
		  dh_parse_date(from, &f) ? DT_DAYS_MIN - 1 : f, 1);
	form_date(h, req, &(struct form_field){ .name = "to", .label = "Last day", .hint = "For example, 30 6 2026", .errors = fe },
		  dh_parse_date(to, &t) ? DT_DAYS_MIN - 1 : t, 1);
	form_button(h, "Show the board pack");
	html_close(h);
	free(a);
}

struct pack_stories {
	struct html *h;
	size_t n;
};

static int pack_story(void *ctx, const char *text)
{
	struct pack_stories *ps = ctx;
	html_open(ps->h, "div", "class", "nhsuk-inset-text", NULL);
	html_elem(ps->h, "p", text, "class", "nhsuk-body", NULL);
	html_close(ps->h);
	ps->n++;
	return 0;
}

static int board_page(struct http_req *req, struct http_resp *resp)
{
	char typed_from[96], typed_to[96];
	const char *area = http_query(req, "area"), *from = form_date_text(req, "from", 1, typed_from, sizeof typed_from),
		   *to = form_date_text(req, "to", 1, typed_to, sizeof typed_to);
	char dfrom[DT_DATE_LEN], dto[DT_DATE_LEN];
	last_quarter(london_local_days(req->now), dfrom, dto);
	if (!from || !*from)
		from = dfrom;
	if (!to || !*to)
		to = dto;
	struct field_errors *fe = ops_fielderr_new();
	struct report_pack *p = calloc(1, sizeof *p);
	if (!fe || !p) {
		free(fe);
		free(p);
		return -1;
	}
	enum ops_result r = OPS_INVALID;
	int stories_failed = 0;
	if (area && *area) {
		struct ops_ctx c = http_ops_ctx(req);
		r = ops_report_pack(&c, area, from, to, p, fe);
		if (r != OPS_OK && r != OPS_INVALID) {
			ops_report_pack_free(p);
			free(p);
			free(fe);
			return http_store_failed(req, resp);
		}
	}
	struct web_page pg;
	web_begin_errors(&pg, req, resp, r == OPS_OK ? "Board pack" : "Board packs", fe->n ? fe : NULL);
	struct html *h = &pg.h;
	if (r != OPS_OK) {
		html_elem(h, "h1", "Board packs", NULL);
		html_elem(h, "p", "Every report for one Health and Wellbeing Partnership area or Place Board over a period "
				  "(a quarter), ready to print or to download as a workbook.", NULL);
		board_form(h, req, area, from, to, fe);
	} else {
		char f[DH_DATE_LEN], t[DH_DATE_LEN], title[300], href[300];
		dh_format_date(p->from_day, f);
		dh_format_date(p->to_day, t);
		snprintf(title, sizeof title, "Board pack: %s", p->area_name);
		html_elem(h, "h1", title, NULL);
		html_open(h, "p", "class", "nhsuk-body-l", NULL);
		html_textf(h, "%s to %s. Each section shows the area by month, then the same totals for the period before "
			      "and for Norfolk and Waveney as a whole.", f, t);
		html_close(h);
		report_view_notes(h, &p->by_month[0]);
		html_open(h, "ul", "class", "nhsuk-list waymark-no-print", NULL);
		html_open(h, "li", NULL);
		snprintf(href, sizeof href, "/reports/board.xlsx?area=%s&from=%s&to=%s", p->area, f, t);
		html_elem(h, "a", "Download the board pack (XLSX)", "href", href, NULL);
		html_close(h);
		html_open(h, "li", NULL);
		html_text(h, "To print it, use your browser's print command: the pack prints on A4 without the menus.");
		html_close(h);
		html_close(h);
		for (size_t i = 0; i < p->n; i++) {
			const struct ops_report *o = &p->by_month[i];
			char id[40], caption[300], chart_title[300];
			html_open(h, "section", "class", "waymark-pack-section", NULL);
			html_elem(h, "h2", report_title(p->section[i]), NULL);
			snprintf(id, sizeof id, "pack-chart-%zu", i);
			snprintf(chart_title, sizeof chart_title, "%s: %s by month", report_title(p->section[i]),
				 report_measures[o->t.m[0]].key);
			report_view_chart(h, o, 0, id, chart_title);
			snprintf(caption, sizeof caption, "%s in %s by month", report_title(p->section[i]), p->area_name);
			report_view_table(h, o, caption, "Month");
			const struct ops_report *cmp[3] = { o, &p->prev[i], &p->county[i] };
			static const char *const labels[3] = { "This period", "The period before", "Norfolk and Waveney" };
			snprintf(caption, sizeof caption, "%s: this period against the period before and the county",
				 report_title(p->section[i]));
			report_view_compare(h, caption, cmp, labels, 3);
			html_open(h, "details", "class", "nhsuk-details", NULL);
			html_open(h, "summary", "class", "nhsuk-details__summary", NULL);
			html_elem(h, "span", "Definitions", "class", "nhsuk-details__summary-text", NULL);
			html_close(h);
			html_open(h, "div", "class", "nhsuk-details__text", NULL);
			report_view_definitions(h, o);
			html_close(h);
			html_close(h);
			html_close(h);
		}
		html_open(h, "section", "class", "waymark-pack-section", "id", "pack-stories", NULL);
		html_elem(h, "h2", "Case studies", NULL);
		html_elem(h, "p", "Stories approved for publication in the period about people in the area, anonymised.",
			  "class", "nhsuk-body", NULL);
		struct pack_stories ps = { h, 0 };
		if (story_approved_in(req->db, p->area, london_midnight_utc(p->from_day), london_midnight_utc(p->to_day + 1),
				      pack_story, &ps) < 0)
			stories_failed = 1;
		if (!ps.n)
			html_elem(h, "p", "None approved in the period.", "class", "nhsuk-body", NULL);
		html_close(h);
		char q[200];
		snprintf(q, sizeof q, "board area=%s from=%s to=%s", p->area, f, t);
		http_audit(req, AUDIT_REPORT_READ, "report", 0, 0, q);
	}
	ops_report_pack_free(p);
	free(p);
	int status = fe->n ? 400 : 200;
	free(fe);
	if (stories_failed) {
		layout_end(h);
		return http_store_failed(req, resp);
	}
	return web_end(&pg, resp, status);
}

static int write_pack(void *ctx, const char *path)
{
	return report_pack_xlsx(ctx, path);
}

static int board_xlsx(struct http_req *req, struct http_resp *resp)
{
	struct field_errors *fe = ops_fielderr_new();
	struct report_pack *p = calloc(1, sizeof *p);
	if (!fe || !p) {
		free(fe);
		free(p);
		return -1;
	}
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r = ops_report_pack(&c, http_query(req, "area"), http_query(req, "from"), http_query(req, "to"), p, fe);
	int rc;
	if (r == OPS_INVALID)
		rc = http_problem_fields(resp, 400, "The area or period is not valid", fe);
	else if (r != OPS_OK)
		rc = http_store_failed(req, resp);
	else {
		char name[160], q[200], f[DT_DATE_LEN];
		dt_format_date(p->from_day, f);
		snprintf(name, sizeof name, "board-pack-%s-%s.xlsx", p->area, f);
		rc = http_reply_xlsx(req, resp, name, write_pack, p);
		snprintf(q, sizeof q, "board area=%s xlsx", p->area);
		http_audit(req, AUDIT_REPORT_EXPORT, "report", 0, 0, q);
	}
	ops_report_pack_free(p);
	free(p);
	free(fe);
	return rc;
}

const struct route web_report_board_routes[] = {
	{ "GET", "/reports/board", board_page, PERM_REPORT_READ,
	  "Board pack of an HWP area or Place Board for a period: every report by month, printable on A4" },
	{ "GET", "/reports/board.xlsx", board_xlsx, PERM_REPORT_READ, "Board pack as an XLSX workbook", NULL, "area from to" },
	{ 0 },
};
