/* Pieces the commissioning pages share (web/commission.c, web/commission_evidence.c): text of a JSON member and NHS.UK table parts. */
#ifndef WAYMARK_WEB_COMMISSION_WEB_H
#define WAYMARK_WEB_COMMISSION_WEB_H
#include <jansson.h>
#include "web/html.h"

/* The string member k of o, or "" when it is not a string. */
const char *cw_js(json_t *o, const char *k);
/* One table cell of text. */
void cw_cell(struct html *h, const char *text);
/* Opens a responsive NHS.UK table with its caption and column headings, up to its body. */
void cw_table_head(struct html *h, const char *caption, const char *const *cols);
/* Closes what cw_table_head opened. */
void cw_table_end(struct html *h);
#endif
