/* Report workbooks with libxlsxwriter: a sheet per table with numbers as numbers, months and period days as
 * dates, withheld figures left blank and said so, and a definitions sheet. */
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>
#include "core/datetime.h"
#include "ops/report_pack.h"

struct fmts {
	lxw_format *bold, *date, *month, *num, *dec;
};

static void fmts_make(lxw_workbook *wb, struct fmts *f)
{
	f->bold = workbook_add_format(wb);
	format_set_bold(f->bold);
	f->date = workbook_add_format(wb);
	format_set_num_format(f->date, "yyyy-mm-dd");
	f->month = workbook_add_format(wb);
	format_set_num_format(f->month, "mmm yyyy");
	f->num = workbook_add_format(wb);
	format_set_num_format(f->num, "#,##0");
	f->dec = workbook_add_format(wb);
	format_set_num_format(f->dec, "#,##0.00");
}

static lxw_datetime day_dt(int64_t day)
{
	lxw_datetime d = { 0 };
	dt_civil_from_days(day, &d.year, &d.month, &d.day);
	return d;
}

/* A row's key as a date when it is a month ("2026-01"), else as text (its label). */
static void key_cell(lxw_worksheet *ws, lxw_row_t row, const struct ops_report *o, const struct report_row *r,
		     const struct fmts *f)
{
	int y, m;
	char extra;
	if (o->t.dim >= 0 && strcmp(report_dims[o->t.dim].key, "month") == 0 && sscanf(r->key, "%d-%d%c", &y, &m, &extra) == 2) {
		lxw_datetime d = { .year = y, .month = m, .day = 1 };
		worksheet_write_datetime(ws, row, 0, &d, f->month);
		return;
	}
	char label[REPORT_LABEL_MAX];
	report_dim_label(o->t.dim, r->key, o->ref, label);
	worksheet_write_string(ws, row, 0, label, NULL);
}

static void values(lxw_worksheet *ws, lxw_row_t row, const struct ops_report *o, const struct report_row *r,
		   const struct fmts *f)
{
	for (size_t j = 0; j < o->t.nm; j++) {
		double v;
		int is_int;
		if (report_value(&o->t, r, j, &v, &is_int))
			worksheet_write_number(ws, row, (lxw_col_t)(j + 1), v, is_int ? f->num : f->dec);
	}
}

/* The table at row; returns the row after it. */
static lxw_row_t table(lxw_worksheet *ws, lxw_row_t row, const struct ops_report *o, const char *first_col,
		       const struct fmts *f)
{
	worksheet_write_string(ws, row, 0, first_col, f->bold);
	for (size_t j = 0; j < o->t.nm; j++)
		worksheet_write_string(ws, row, (lxw_col_t)(j + 1), report_measures[o->t.m[j]].key, f->bold);
	row++;
	for (size_t i = 0; i < o->t.nrows; i++, row++) {
		key_cell(ws, row, o, &o->t.rows[i], f);
		values(ws, row, o, &o->t.rows[i], f);
	}
	worksheet_write_string(ws, row, 0, "Total", f->bold);
	values(ws, row, o, &o->t.total, f);
	return row + 1;
}

static void one_row(lxw_worksheet *ws, lxw_row_t row, const char *label, const struct ops_report *o, const struct fmts *f)
{
	worksheet_write_string(ws, row, 0, label, NULL);
	values(ws, row, o, &o->t.total, f);
}

static lxw_row_t period_rows(lxw_worksheet *ws, lxw_row_t row, int64_t from, int64_t to, const struct fmts *f)
{
	lxw_datetime a = day_dt(from), b = day_dt(to);
	worksheet_write_string(ws, row, 0, "From", f->bold);
	worksheet_write_datetime(ws, row++, 1, &a, f->date);
	worksheet_write_string(ws, row, 0, "To", f->bold);
	worksheet_write_datetime(ws, row++, 1, &b, f->date);
	return row;
}

static lxw_row_t notes(lxw_worksheet *ws, lxw_row_t row, const struct ops_report *o)
{
	if (o->threshold) {
		char b[200];
		snprintf(b, sizeof b, "Blank cells are withheld: counts from 1 to %d, and any that would reveal one, are not "
				      "shown; the others are rounded to the nearest 5.", o->threshold);
		worksheet_write_string(ws, row++, 0, b, NULL);
	}
	return row;
}

static void definitions(lxw_workbook *wb, const struct ops_report *const *os, size_t n, const struct fmts *f)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Definitions");
	worksheet_set_column(ws, 0, 0, 34, NULL);
	worksheet_set_column(ws, 1, 1, 110, NULL);
	worksheet_set_column(ws, 2, 2, 26, NULL);
	worksheet_write_string(ws, 0, 0, "Measure", f->bold);
	worksheet_write_string(ws, 0, 1, "Definition", f->bold);
	worksheet_write_string(ws, 0, 2, "The period is decided by", f->bold);
	lxw_row_t row = 1;
	for (size_t k = 0; k < n; k++)
		for (size_t j = 0; j < os[k]->t.nm; j++, row++) {
			const struct report_measure *m = &report_measures[os[k]->t.m[j]];
			worksheet_write_string(ws, row, 0, m->key, NULL);
			worksheet_write_string(ws, row, 1, m->definition, NULL);
			worksheet_write_string(ws, row, 2, m->decided_by, NULL);
		}
}

int report_pack_xlsx(const struct report_pack *p, const char *path)
{
	lxw_workbook *wb = workbook_new(path);
	if (!wb)
		return -1;
	struct fmts f;
	fmts_make(wb, &f);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Contents");
	worksheet_set_column(ws, 0, 0, 30, NULL);
	worksheet_set_column(ws, 1, 1, 14, NULL);
	char b[300];
	snprintf(b, sizeof b, "Board pack: %s", p->area_name);
	worksheet_write_string(ws, 0, 0, b, f.bold);
	lxw_row_t row = period_rows(ws, 1, p->from_day, p->to_day, &f);
	worksheet_write_string(ws, row++, 0, "Sections", f.bold);
	for (size_t i = 0; i < p->n; i++)
		worksheet_write_string(ws, row++, 0, report_title(p->section[i]), NULL);
	const struct ops_report *defs[REPORT_PACK_SECTIONS];
	for (size_t i = 0; i < p->n; i++) {
		char name[32];
		snprintf(name, sizeof name, "%s", report_title(p->section[i]));
		ws = workbook_add_worksheet(wb, name);
		worksheet_set_column(ws, 0, 0, 36, NULL);
		worksheet_set_column(ws, 1, 20, 18, NULL);
		snprintf(b, sizeof b, "%s: %s", report_title(p->section[i]), p->area_name);
		worksheet_write_string(ws, 0, 0, b, f.bold);
		row = period_rows(ws, 1, p->from_day, p->to_day, &f);
		row = notes(ws, row, &p->by_month[i]);
		row = table(ws, row + 1, &p->by_month[i], "Month", &f);
		worksheet_write_string(ws, ++row, 0, "Comparison", f.bold);
		row++;
		one_row(ws, row++, "This period (the area)", &p->by_month[i], &f);
		one_row(ws, row++, "The period before (the area)", &p->prev[i], &f);
		one_row(ws, row++, "This period (Norfolk and Waveney)", &p->county[i], &f);
		defs[i] = &p->by_month[i];
	}
	definitions(wb, defs, p->n, &f);
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}

int report_view_xlsx(const struct ops_report *o, const struct ops_report *trend, const char *path)
{
	lxw_workbook *wb = workbook_new(path);
	if (!wb)
		return -1;
	struct fmts f;
	fmts_make(wb, &f);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Report");
	worksheet_set_column(ws, 0, 0, 36, NULL);
	worksheet_set_column(ws, 1, 20, 18, NULL);
	worksheet_write_string(ws, 0, 0, report_title(o->t.report), f.bold);
	lxw_row_t row = period_rows(ws, 1, o->p.from_day, o->p.to_day, &f);
	row = notes(ws, row, o);
	table(ws, row + 1, o, o->t.dim >= 0 ? report_dims[o->t.dim].label : "", &f);
	const struct ops_report *defs[1] = { o };
	if (trend) {
		ws = workbook_add_worksheet(wb, "Trend");
		worksheet_set_column(ws, 0, 0, 16, NULL);
		worksheet_set_column(ws, 1, 20, 18, NULL);
		worksheet_write_string(ws, 0, 0, "13 months by month", f.bold);
		row = period_rows(ws, 1, trend->p.from_day, trend->p.to_day, &f);
		table(ws, row + 1, trend, "Month", &f);
	}
	definitions(wb, defs, 1, &f);
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}
