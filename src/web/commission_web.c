/* Pieces the commissioning pages share (web/commission.c, web/commission_evidence.c): text of a JSON member and NHS.UK table parts. */
#include <stdio.h>
#include "core/datehuman.h"
#include "core/datetime.h"
#include "web/commission_web.h"

const char *cw_js(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_string(v) ? json_string_value(v) : "";
}

const char *cw_date(json_t *o, const char *k, char out[CW_DATE_LEN])
{
	const char *s = cw_js(o, k);
	int64_t utc;
	if (dh_format_iso(s, out) == 0)
		return out;
	if (dt_parse_iso8601(s, &utc) == 0)
		london_format(utc, out);
	else
		snprintf(out, CW_DATE_LEN, "%s", s);
	return out;
}

void cw_cell(struct html *h, const char *text)
{
	html_elem(h, "td", text, "class", "nhsuk-table__cell", NULL);
}

void cw_table_head(struct html *h, const char *caption, const char *const *cols)
{
	html_open(h, "div", "class", "waymark-table-scroll", NULL);
	html_open(h, "table", "class", "nhsuk-table-responsive", NULL);
	html_elem(h, "caption", caption, "class", "nhsuk-table__caption", NULL);
	html_open(h, "thead", "class", "nhsuk-table__head", NULL);
	html_open(h, "tr", "class", "nhsuk-table__row", NULL);
	for (int i = 0; cols[i]; i++)
		html_elem(h, "th", cols[i], "class", "nhsuk-table__header", "scope", "col", NULL);
	html_close(h);
	html_close(h);
	html_open(h, "tbody", "class", "nhsuk-table__body", NULL);
}

void cw_table_end(struct html *h)
{
	html_close(h);
	html_close(h);
	html_close(h);
}
