/* Small NHS.UK display pieces shared by the case-work pages: summary list rows, tables, tags. */
#ifndef WAYMARK_WEB_WIDGETS_H
#define WAYMARK_WEB_WIDGETS_H
#include <stddef.h>
#include "web/html.h"

/* One row of an nhsuk-summary-list (key, value). */
void widget_summary_row(struct html *h, const char *key, const char *value);
/* Opens a summary row and its value cell, for values with markup; close with html_close twice. */
void widget_summary_open(struct html *h, const char *key);
/* Opens table > tbody with a caption and column headers; close with html_close twice. */
void widget_table_open(struct html *h, const char *caption, const char *const *cols, size_t n);
/* Closes what widget_table_open opened. */
void widget_table_close(struct html *h);
void widget_cell(struct html *h, const char *text);
/* <strong class="nhsuk-tag nhsuk-tag--colour">text</strong> */
void widget_tag(struct html *h, const char *text, const char *colour);
/* An inset text paragraph. */
void widget_inset(struct html *h, const char *text);
#endif
