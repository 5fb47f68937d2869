/* The report pages' shared pieces: tables that stack on a phone, definitions, SVG bar charts with a text
 * alternative, comparisons, notes, and a workbook written to a temporary file and sent. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/ops_reply.h"
#include "web/report_view.h"
#include "web/widgets.h"
#include "web/web.h"

void report_view_value(const struct ops_report *o, const struct report_row *row, size_t j, char *out, size_t n)
{
	double v;
	int is_int;
	if (!report_value(&o->t, row, j, &v, &is_int))
		snprintf(out, n, "%s", row->withheld[j] ? "withheld" : "none");
	else if (is_int)
		snprintf(out, n, "%lld", (long long)v);
	else
		snprintf(out, n, "%.1f", v);
}

static void measure_label(const char *key, char *out, size_t n)
{
	snprintf(out, n, "%s", key);
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
	for (char *p = out; *p; p++)
		if (*p == '_')
			*p = ' ';
}

static void row_cells(struct html *h, const struct ops_report *o, const struct report_row *row, const char *label)
{
	html_open(h, "tr", "class", "nhsuk-table__row", NULL);
	html_open(h, "th", "class", "nhsuk-table__header", "scope", "row", NULL);
	html_text(h, label);
	html_close(h);
	for (size_t j = 0; j < o->t.nm; j++) {
		char v[64], m[80];
		report_view_value(o, row, j, v, sizeof v);
		measure_label(report_measures[o->t.m[j]].key, m, sizeof m);
		html_open(h, "td", "class", "nhsuk-table__cell nhsuk-table__cell--numeric", NULL);
		html_open(h, "span", "class", "nhsuk-table-responsive__heading", "aria-hidden", "true", NULL);
		html_textf(h, "%s ", m);
		html_close(h);
		html_text(h, v);
		html_close(h);
	}
	html_close(h);
}

void report_view_table(struct html *h, const struct ops_report *o, const char *caption, const char *first_col)
{
	html_open(h, "table", "class", "nhsuk-table-responsive", NULL);
	html_elem(h, "caption", caption, "class", "nhsuk-table__caption", NULL);
	html_open(h, "thead", "class", "nhsuk-table__head", NULL);
	html_open(h, "tr", "class", "nhsuk-table__row", NULL);
	html_elem(h, "th", first_col, "class", "nhsuk-table__header", "scope", "col", NULL);
	for (size_t j = 0; j < o->t.nm; j++) {
		char m[80];
		measure_label(report_measures[o->t.m[j]].key, m, sizeof m);
		html_elem(h, "th", m, "class", "nhsuk-table__header nhsuk-table__header--numeric", "scope", "col", NULL);
	}
	html_close(h);
	html_close(h);
	html_open(h, "tbody", "class", "nhsuk-table__body", NULL);
	for (size_t i = 0; i < o->t.nrows; i++) {
		char label[REPORT_LABEL_MAX];
		report_dim_label(o->t.dim, o->t.rows[i].key, o->ref, label);
		row_cells(h, o, &o->t.rows[i], label);
	}
	row_cells(h, o, &o->t.total, "Total");
	html_close(h);
	html_close(h);
}

void report_view_definitions(struct html *h, const struct ops_report *o)
{
	html_open(h, "dl", "class", "nhsuk-summary-list", NULL);
	for (size_t j = 0; j < o->t.nm; j++) {
		const struct report_measure *m = &report_measures[o->t.m[j]];
		char label[80];
		measure_label(m->key, label, sizeof label);
		html_open(h, "div", "class", "nhsuk-summary-list__row", NULL);
		html_elem(h, "dt", label, "class", "nhsuk-summary-list__key", NULL);
		html_open(h, "dd", "class", "nhsuk-summary-list__value", NULL);
		html_text(h, m->definition);
		html_textf(h, " The period is decided by: %s.", m->decided_by);
		html_close(h);
		html_close(h);
	}
	html_close(h);
}

void report_view_chart(struct html *h, const struct ops_report *o, size_t j, const char *id, const char *title)
{
	const int row = 26, label_w = 200, bar_w = 300, top = 8;
	double max = 0;
	for (size_t i = 0; i < o->t.nrows; i++) {
		double v;
		int is_int;
		if (report_value(&o->t, &o->t.rows[i], j, &v, &is_int) && v > max)
			max = v;
	}
	if (max <= 0)
		max = 1;
	char vb[64], tid[64], did[64], labels[130];
	snprintf(vb, sizeof vb, "0 0 %d %d", label_w + bar_w + 70, top + (int)(o->t.nrows ? o->t.nrows : 1) * row + 4);
	snprintf(tid, sizeof tid, "%s-title", id);
	snprintf(did, sizeof did, "%s-desc", id);
	snprintf(labels, sizeof labels, "%s %s", tid, did);
	html_open(h, "figure", "class", "waymark-chart nhsuk-u-margin-bottom-3", NULL);
	html_open(h, "svg", "xmlns", "http://www.w3.org/2000/svg", "viewBox", vb, "role", "img", "aria-labelledby", labels,
		  "width", "100%", NULL);
	html_elem(h, "title", title, "id", tid, NULL);
	char desc[300];
	snprintf(desc, sizeof desc, "A bar for each row of the table that follows, as long as its %s; withheld figures "
				    "have no bar. The table below has the same figures.", report_measures[o->t.m[j]].key);
	html_elem(h, "desc", desc, "id", did, NULL);
	for (size_t i = 0; i < o->t.nrows; i++) {
		char label[REPORT_LABEL_MAX], x[16], y[16], w[16], t[64];
		report_dim_label(o->t.dim, o->t.rows[i].key, o->ref, label);
		if (strlen(label) > 28)
			strcpy(label + 25, "...");
		int y0 = top + (int)i * row;
		snprintf(y, sizeof y, "%d", y0 + 16);
		html_elem(h, "text", label, "x", "0", "y", y, "font-size", "13", "fill", "#212b32", NULL);
		double v;
		int is_int;
		int shown = report_value(&o->t, &o->t.rows[i], j, &v, &is_int);
		int len = shown ? (int)(v * bar_w / max) : 0;
		snprintf(x, sizeof x, "%d", label_w);
		snprintf(y, sizeof y, "%d", y0 + 3);
		snprintf(w, sizeof w, "%d", len > 0 ? len : shown ? 1 : 0);
		html_open(h, "rect", "x", x, "y", y, "width", w, "height", "18", "fill", "#005eb8", NULL);
		html_close(h);
		report_view_value(o, &o->t.rows[i], j, t, sizeof t);
		snprintf(x, sizeof x, "%d", label_w + len + 6);
		snprintf(y, sizeof y, "%d", y0 + 16);
		html_elem(h, "text", t, "x", x, "y", y, "font-size", "12", "fill", "#212b32", NULL);
	}
	html_close(h);
	html_close(h);
}

void report_view_compare(struct html *h, const char *caption, const struct ops_report *const *os,
			 const char *const *labels, size_t n)
{
	const struct ops_report *o = os[0];
	html_open(h, "table", "class", "nhsuk-table-responsive", NULL);
	html_elem(h, "caption", caption, "class", "nhsuk-table__caption", NULL);
	html_open(h, "thead", "class", "nhsuk-table__head", NULL);
	html_open(h, "tr", "class", "nhsuk-table__row", NULL);
	html_elem(h, "th", "Measure", "class", "nhsuk-table__header", "scope", "col", NULL);
	for (size_t k = 0; k < n; k++)
		html_elem(h, "th", labels[k], "class", "nhsuk-table__header nhsuk-table__header--numeric", "scope", "col", NULL);
	html_close(h);
	html_close(h);
	html_open(h, "tbody", "class", "nhsuk-table__body", NULL);
	for (size_t j = 0; j < o->t.nm; j++) {
		char m[80];
		measure_label(report_measures[o->t.m[j]].key, m, sizeof m);
		html_open(h, "tr", "class", "nhsuk-table__row", NULL);
		html_elem(h, "th", m, "class", "nhsuk-table__header", "scope", "row", NULL);
		for (size_t k = 0; k < n; k++) {
			char v[64];
			report_view_value(os[k], &os[k]->t.total, j, v, sizeof v);
			html_open(h, "td", "class", "nhsuk-table__cell nhsuk-table__cell--numeric", NULL);
			html_open(h, "span", "class", "nhsuk-table-responsive__heading", "aria-hidden", "true", NULL);
			html_textf(h, "%s ", labels[k]);
			html_close(h);
			html_text(h, v);
			html_close(h);
		}
		html_close(h);
	}
	html_close(h);
	html_close(h);
}

void report_view_notes(struct html *h, const struct ops_report *o)
{
	if (o->threshold) {
		char b[300];
		snprintf(b, sizeof b, "Small numbers: counts from 1 to %d are withheld, and a second one where a total would "
				      "reveal it; the others are rounded to the nearest 5.", o->threshold);
		widget_inset(h, b);
	}
	if (o->t.dim >= 0 && strcmp(report_dims[o->t.dim].key, "rurality") == 0)
		widget_inset(h, "Rurality is by postcode district, an approximation of the ONS Rural Urban Classification.");
	if (o->t.org_only)
		widget_inset(h, "These are the figures of your organisation only.");
}
