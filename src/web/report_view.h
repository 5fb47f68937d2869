/* Pieces the report pages share: a report's table (responsive, withheld figures said so), its definitions, a
 * server-drawn SVG bar chart with a text alternative, a comparison table, and a workbook sent as a download. */
#ifndef WAYMARK_WEB_REPORT_VIEW_H
#define WAYMARK_WEB_REPORT_VIEW_H
#include "http/http.h"
#include "ops/reports.h"
#include "web/html.h"

/* A figure as shown ("1,234", "12.5", "withheld" or "none"), into out. */
void report_view_value(const struct ops_report *o, const struct report_row *row, size_t j, char *out, size_t n);
/* The table: a row per key and the total; first_col heads the keys. id names the caption for the chart. */
void report_view_table(struct html *h, const struct ops_report *o, const char *caption, const char *first_col);
/* The measures' definitions as a summary list. */
void report_view_definitions(struct html *h, const struct ops_report *o);
/* Horizontal bars of measure column j by row, with a title and a description (the table follows it). */
void report_view_chart(struct html *h, const struct ops_report *o, size_t j, const char *id, const char *title);
/* A table of the totals of each measure: this period against the other reports given (label each). */
void report_view_compare(struct html *h, const char *caption, const struct ops_report *const *os,
			 const char *const *labels, size_t n);
/* Notes (withheld numbers, approximations, organisation only) as inset text. */
void report_view_notes(struct html *h, const struct ops_report *o);
#endif
