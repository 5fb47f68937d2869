/* Small NHS.UK display pieces shared by the case-work pages: summary list rows, tables, tags. */
#include <stdio.h>
#include "web/widgets.h"

void widget_summary_open(struct html *h, const char *key)
{
	html_open(h, "div", "class", "nhsuk-summary-list__row", NULL);
	html_elem(h, "dt", key, "class", "nhsuk-summary-list__key", NULL);
	html_open(h, "dd", "class", "nhsuk-summary-list__value", NULL);
}

void widget_summary_row(struct html *h, const char *key, const char *value)
{
	widget_summary_open(h, key);
	html_text(h, value);
	html_close(h);
	html_close(h);
}

void widget_table_open(struct html *h, const char *caption, const char *const *cols, size_t n)
{
	html_open(h, "table", "class", "nhsuk-table-responsive", NULL);
	html_elem(h, "caption", caption, "class", "nhsuk-table__caption", NULL);
	html_open(h, "thead", "class", "nhsuk-table__head", NULL);
	html_open(h, "tr", "class", "nhsuk-table__row", NULL);
	for (size_t i = 0; i < n; i++)
		html_elem(h, "th", cols[i], "class", "nhsuk-table__header", "scope", "col", NULL);
	html_close(h);
	html_close(h);
	html_open(h, "tbody", "class", "nhsuk-table__body", NULL);
}

void widget_table_close(struct html *h)
{
	html_close(h); /* tbody */
	html_close(h); /* table */
}

void widget_cell(struct html *h, const char *text)
{
	html_elem(h, "td", text, "class", "nhsuk-table__cell", NULL);
}

void widget_tag(struct html *h, const char *text, const char *colour)
{
	char cls[64];
	snprintf(cls, sizeof cls, "nhsuk-tag nhsuk-tag--%s", colour);
	html_elem(h, "strong", text, "class", cls, NULL);
}

void widget_inset(struct html *h, const char *text)
{
	html_open(h, "div", "class", "nhsuk-inset-text", NULL);
	html_elem(h, "p", text, NULL);
	html_close(h);
}
