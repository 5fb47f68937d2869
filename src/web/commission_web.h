/* Pieces the commissioning pages share (web/commission.c, web/commission_evidence.c): text of a JSON member and NHS.UK table parts. */
#ifndef WAYMARK_WEB_COMMISSION_WEB_H
#define WAYMARK_WEB_COMMISSION_WEB_H
#include <jansson.h>
#include "core/londontime.h"
#include "web/html.h"

/* Length of the text written by cw_date, with the NUL. */
#define CW_DATE_LEN LONDON_FORMAT_LEN

/* The string member k of o, or "" when it is not a string. */
const char *cw_js(json_t *o, const char *k);
/* The string member k of o for people to read: an ISO date ("2026-12-07") as "7 Dec 2026", an ISO instant
 * as London time ("24 Dec 2026 16:00"), anything else as it is. Writes it to out and returns out. */
const char *cw_date(json_t *o, const char *k, char out[CW_DATE_LEN]);
/* One table cell of text. */
void cw_cell(struct html *h, const char *text);
/* Opens a responsive NHS.UK table with its caption and column headings, up to its body. */
void cw_table_head(struct html *h, const char *caption, const char *const *cols);
/* Closes what cw_table_head opened. */
void cw_table_end(struct html *h);
#endif
