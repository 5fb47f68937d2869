/* The outcome measure pieces of the case pages, all read from the instrument
 * definitions in core/instrument: the questionnaire form of each instrument,
 * reading its answers back, and the chart of change from baseline to follow-up. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/case_web.h"
#include "web/form.h"

void case_fmt_x100(int v, int sign, char *out, size_t n)
{
	const char *s = v < 0 ? "-" : sign && v > 0 ? "+" : "";
	int a = v < 0 ? -v : v;
	snprintf(out, n, "%s%d.%02d", s, a / 100, a % 100);
}

static void answer_name(size_t i, char *out, size_t n)
{
	snprintf(out, n, "answer_%zu", i + 1);
}

void case_measure_fields(struct html *h, struct http_req *req, enum instrument_id id, const struct field_errors *fe)
{
	const struct instrument_def *d = instrument_get(id);
	html_elem(h, "p", d->instructions, "class", "nhsuk-body", NULL);
	struct form_option labels[12];
	char values[12][4];
	size_t nlabels = 0;
	if (d->answer_labels) {
		for (int v = d->min; v <= d->max && nlabels < 11; v++, nlabels++) {
			snprintf(values[nlabels], sizeof values[nlabels], "%d", v);
			labels[nlabels] = (struct form_option){ values[nlabels], d->answer_labels[v - d->min] };
		}
	}
	labels[nlabels] = (struct form_option){ NULL, NULL };
	char hint[200];
	snprintf(hint, sizeof hint, "A whole number from %d (%s) to %d (%s)", d->min, d->anchor_min, d->max, d->anchor_max);
	for (size_t i = 0; i < d->nitems; i++) {
		char name[32], label[400];
		answer_name(i, name, sizeof name);
		if (d->nitems > 1)
			snprintf(label, sizeof label, "%zu. %s", i + 1, d->items[i]);
		else
			snprintf(label, sizeof label, "%s", d->items[i]);
		struct form_field f = { .name = name, .label = label, .value = http_form(req, name), .errors = fe };
		if (nlabels) {
			form_radios(h, &f, labels);
		} else {
			f.hint = hint;
			f.width = "nhsuk-input--width-3";
			form_input(h, &f);
		}
	}
}

int case_measure_answers(struct http_req *req, enum instrument_id id, int *answers, struct field_errors *fe)
{
	const struct instrument_def *d = instrument_get(id);
	int bad = 0;
	for (size_t i = 0; i < d->nitems; i++) {
		char name[32];
		answer_name(i, name, sizeof name);
		const char *s = http_form(req, name);
		char *end = NULL;
		long v = s && *s ? strtol(s, &end, 10) : 0;
		if (!s || !*s) {
			fielderr_add(fe, name, "Answer question %zu: %s", i + 1, d->items[i]);
			bad = 1;
		} else if (*end || v < d->min || v > d->max) {
			fielderr_add(fe, name, "Question %zu needs a whole number from %d to %d", i + 1, d->min, d->max);
			bad = 1;
		} else {
			answers[i] = (int)v;
		}
	}
	return bad ? -1 : 0;
}

/* The bounds a chart of this instrument's scores spans, in hundredths. */
static void scale_of(const struct instrument_def *d, int *lo, int *hi)
{
	if (d->total_max > d->total_min) {
		*lo = d->total_min * 100;
		*hi = d->total_max * 100;
	} else {
		*lo = d->min * 100;
		*hi = d->max * 100;
	}
}

void case_change_chart(struct html *h, const char *id, enum instrument_id inst, const struct case_chart_row *rows,
		       size_t n)
{
	const struct instrument_def *d = instrument_get(inst);
	const int row_h = 48, label_w = 170, bar_w = 300, top = 26;
	int lo, hi;
	scale_of(d, &lo, &hi);
	char vb[48], title_id[64], desc_id[64], labelled[140], title[160], desc[900];
	snprintf(vb, sizeof vb, "0 0 %d %d", label_w + bar_w + 70, top + (int)n * row_h + 6);
	snprintf(title_id, sizeof title_id, "%s-title", id);
	snprintf(desc_id, sizeof desc_id, "%s-desc", id);
	snprintf(labelled, sizeof labelled, "%s %s", title_id, desc_id);
	snprintf(title, sizeof title, "%s from baseline to follow-up", d->label);
	desc[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		char b[16], f[16], c[16];
		case_fmt_x100(rows[i].baseline_x100, 0, b, sizeof b);
		case_fmt_x100(rows[i].followup_x100, 0, f, sizeof f);
		case_fmt_x100(rows[i].followup_x100 - rows[i].baseline_x100, 1, c, sizeof c);
		size_t used = strlen(desc);
		snprintf(desc + used, sizeof desc - used, "%s%s: baseline %s, follow-up %s, change %s.", used ? " " : "",
			 rows[i].label, b, f, c);
	}
	html_open(h, "figure", "class", "waymark-chart nhsuk-u-margin-bottom-4", NULL);
	html_open(h, "svg", "xmlns", "http://www.w3.org/2000/svg", "viewBox", vb, "role", "img", "aria-labelledby", labelled,
		  "width", "100%", NULL);
	html_elem(h, "title", title, "id", title_id, NULL);
	html_elem(h, "desc", desc, "id", desc_id, NULL);
	html_open(h, "rect", "x", "0", "y", "4", "width", "14", "height", "14", "fill", "#768692", NULL);
	html_close(h);
	html_elem(h, "text", "Baseline", "x", "20", "y", "16", "font-size", "14", "fill", "#212b32", NULL);
	html_open(h, "rect", "x", "120", "y", "4", "width", "14", "height", "14", "fill", "#005eb8", NULL);
	html_close(h);
	html_elem(h, "text", "Follow-up", "x", "140", "y", "16", "font-size", "14", "fill", "#212b32", NULL);
	for (size_t i = 0; i < n; i++) {
		int y0 = top + (int)i * row_h;
		char y[16], w[16], x[16], t[16];
		snprintf(y, sizeof y, "%d", y0 + 24);
		html_elem(h, "text", rows[i].label, "x", "0", "y", y, "font-size", "13", "fill", "#212b32", NULL);
		const int vals[2] = { rows[i].baseline_x100, rows[i].followup_x100 };
		static const char *const fills[2] = { "#768692", "#005eb8" };
		for (int b = 0; b < 2; b++) {
			int v = vals[b] < lo ? lo : vals[b] > hi ? hi : vals[b];
			int len = hi > lo ? (int)((long)(v - lo) * bar_w / (hi - lo)) : 0;
			if (len < 1)
				len = 1;
			snprintf(y, sizeof y, "%d", y0 + 4 + b * 20);
			snprintf(w, sizeof w, "%d", len);
			snprintf(x, sizeof x, "%d", label_w);
			html_open(h, "rect", "x", x, "y", y, "width", w, "height", "18", "fill", fills[b], NULL);
			html_close(h);
			snprintf(x, sizeof x, "%d", label_w + len + 6);
			snprintf(y, sizeof y, "%d", y0 + 18 + b * 20);
			case_fmt_x100(vals[b], 0, t, sizeof t);
			html_elem(h, "text", t, "x", x, "y", y, "font-size", "13", "fill", "#212b32", NULL);
		}
	}
	html_close(h); /* svg */
	html_close(h); /* figure */
}
