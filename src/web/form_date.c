/* The NHS.UK date input: day, month and year boxes under one legend, the error on the day box, and the boxes read back as one date text. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "core/datehuman.h"
#include "core/datetime.h"
#include "web/form_date.h"
#include "web/layout.h"

static const char *const parts[3] = { "day", "month", "year" };

static const char *sent(struct http_req *req, const char *name, int from_query)
{
	return from_query ? http_query(req, name) : http_form(req, name);
}

void form_date_boxes(struct html *h, const char *name, const char *label, const char *hint_text, const char *err,
		     const char *const given[3], int numeric, const char *autocomplete)
{
	static const char *const labels[3] = { "Day", "Month", "Year" };
	char id[96], hint[112], errid[112], described[240];
	layout_field_id(name, id, sizeof id);
	snprintf(hint, sizeof hint, "%s-hint", id);
	snprintf(errid, sizeof errid, "%s-error", id);
	snprintf(described, sizeof described, "%s%s%s", hint_text ? hint : "", hint_text && err ? " " : "", err ? errid : "");
	html_open(h, "div", "class", err ? "nhsuk-form-group nhsuk-form-group--error" : "nhsuk-form-group", NULL);
	html_open(h, "fieldset", "class", "nhsuk-fieldset", "role", "group", "aria-describedby", described[0] ? described : NULL,
		  NULL);
	html_elem(h, "legend", label, "class", "nhsuk-fieldset__legend nhsuk-fieldset__legend--s", NULL);
	if (hint_text)
		html_elem(h, "div", hint_text, "class", "nhsuk-hint", "id", hint, NULL);
	if (err) {
		html_open(h, "span", "class", "nhsuk-error-message", "id", errid, NULL);
		html_elem(h, "span", "Error:", "class", "nhsuk-u-visually-hidden", NULL);
		html_text(h, " ");
		html_text(h, err);
		html_close(h);
	}
	html_open(h, "div", "class", "nhsuk-date-input", NULL);
	for (int i = 0; i < 3; i++) {
		char box[128], pid[128], cls[128], ac[48];
		snprintf(box, sizeof box, "%s.%s", name, parts[i]);
		/* The day box takes the field's own id, so the error summary lands on it. */
		if (i == 0)
			snprintf(pid, sizeof pid, "%s", id);
		else
			snprintf(pid, sizeof pid, "%s-%s", id, parts[i]);
		snprintf(cls, sizeof cls, "nhsuk-input nhsuk-date-input__input nhsuk-input--width-%d%s", i == 2 ? 4 : 2,
			 err ? " nhsuk-input--error" : "");
		snprintf(ac, sizeof ac, "%s-%s", autocomplete ? autocomplete : "", parts[i]);
		html_open(h, "div", "class", "nhsuk-date-input__item", NULL);
		html_open(h, "div", "class", "nhsuk-form-group", NULL);
		html_elem(h, "label", labels[i], "class", "nhsuk-label nhsuk-date-input__label", "for", pid, NULL);
		html_void(h, "input", "class", cls, "id", pid, "name", box, "type", "text", "inputmode",
			  i == 1 && !numeric ? "text" : "numeric", "value", given[i], "autocomplete", autocomplete ? ac : "off",
			  NULL);
		html_close(h);
		html_close(h);
	}
	html_close(h); /* date-input */
	html_close(h); /* fieldset */
	html_close(h); /* group */
}

void form_date(struct html *h, struct http_req *req, const struct form_field *f, int64_t value, int from_query)
{
	char given[3][8] = { "", "", "" };
	int any = 0;
	for (int i = 0; i < 3; i++) {
		char name[128];
		snprintf(name, sizeof name, "%s.%s", f->name, parts[i]);
		const char *v = sent(req, name, from_query);
		if (v) {
			snprintf(given[i], sizeof given[i], "%s", v);
			any = 1;
		}
	}
	int y, m, d;
	if (!any && value >= DT_DAYS_MIN && dt_civil_from_days(value, &y, &m, &d) == 0) {
		snprintf(given[0], sizeof given[0], "%d", d);
		snprintf(given[1], sizeof given[1], "%d", m);
		snprintf(given[2], sizeof given[2], "%d", y);
	}
	form_date_boxes(h, f->name, f->label, f->hint, f->errors ? fielderr_for(f->errors, f->name) : NULL,
			(const char *const[3]){ given[0], given[1], given[2] }, 0, NULL);
}

const char *form_date_text(struct http_req *req, const char *name, int from_query, char *out, size_t n)
{
	char k[3][128];
	snprintf(k[0], sizeof k[0], "%s.day", name);
	snprintf(k[1], sizeof k[1], "%s.month", name);
	snprintf(k[2], sizeof k[2], "%s.year", name);
	const char *d = sent(req, k[0], from_query), *m = sent(req, k[1], from_query), *y = sent(req, k[2], from_query);
	out[0] = '\0';
	if ((d && *d) || (m && *m) || (y && *y)) {
		snprintf(out, n, "%s/%s/%s", d ? d : "", m ? m : "", y ? y : "");
		/* "7/Dec/2026" is fine for the parser; spaces inside boxes are trimmed by it. */
		return out;
	}
	const char *whole = sent(req, name, from_query);
	if (whole)
		snprintf(out, n, "%s", whole);
	return out;
}

int form_date_iso(struct http_req *req, const char *name, const char *what, int required, char iso[DT_DATE_LEN],
		  struct field_errors *fe)
{
	char typed[96];
	int64_t day;
	iso[0] = '\0';
	if (!*form_date_text(req, name, 0, typed, sizeof typed)) {
		if (required)
			fielderr_add(fe, name, "Enter the %s", what);
		return 1;
	}
	if (dh_parse_date(typed, &day)) {
		fielderr_add(fe, name, "%c%s must be a real date, for example 31 3 2027", toupper((unsigned char)what[0]), what + 1);
		return -1;
	}
	dt_format_date(day, iso);
	return 0;
}
