/* The NHS.UK date input (day, month and year boxes) for every date on a form, and reading it back. */
#ifndef WAYMARK_WEB_FORM_DATE_H
#define WAYMARK_WEB_FORM_DATE_H
#include <stddef.h>
#include <stdint.h>
#include "core/datetime.h"
#include "http/http.h"
#include "web/form.h"

/*
 * Writes the date input for f (legend f->label, hint f->hint, the error of
 * f->name): boxes named NAME.day, NAME.month, NAME.year. They show what was
 * sent (the query when from_query, else the posted form) or, when nothing
 * was, the day number value (none when value < DT_DAYS_MIN).
 */
void form_date(struct html *h, struct http_req *req, const struct form_field *f, int64_t value, int from_query);
/* The same boxes for the date name showing given (day, month, year), with label, hint_text and err (each may
 * be NULL); every box numeric when numeric (else the month may be a name); autocomplete: the boxes'
 * autocomplete token as PREFIX-day, PREFIX-month, PREFIX-year (NULL: off). */
void form_date_boxes(struct html *h, const char *name, const char *label, const char *hint_text, const char *err,
		     const char *const given[3], int numeric, const char *autocomplete);

/*
 * What was sent for the date NAME as one text for core/datehuman: the
 * three boxes put together as "d/m/y" (a month may be a name), or a single
 * NAME field typed as people type ("7 Dec 2026"). Writes "" when nothing
 * was sent. Returns out.
 */
const char *form_date_text(struct http_req *req, const char *name, int from_query, char *out, size_t n);

/*
 * The posted date NAME (form_date_text) as ISO "YYYY-MM-DD" in iso, for the
 * use cases and the API, whose dates stay ISO. Returns 0 when it is a date,
 * 1 when nothing was sent (iso ""), -1 when it is not a date. what names
 * the field in its error, added to fe under NAME: "Enter the WHAT" when
 * nothing was sent and required, "WHAT must be a real date, for example
 * 31 3 2027" (first letter capitalised) when it is not a date.
 */
int form_date_iso(struct http_req *req, const char *name, const char *what, int required, char iso[DT_DATE_LEN],
		  struct field_errors *fe);
#endif
