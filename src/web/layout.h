/* The NHS.UK design-system page frame: head, header, skip link, main, footer. */
#ifndef WAYMARK_WEB_LAYOUT_H
#define WAYMARK_WEB_LAYOUT_H
#include "core/fielderr.h"
#include "web/html.h"

struct layout_nav {
	const char *href;
	const char *label;
};

struct layout_page {
	const char *title;              /* page title, before " – Waymark" */
	const char *user_name;          /* NULL when signed out */
	const char *csrf_token;         /* for the sign-out form; NULL when signed out */
	const struct layout_nav *nav;   /* NULL-label terminated, may be NULL */
	const struct field_errors *errors; /* shown as an error summary when n > 0 */
};

/* Writes everything up to and including the opening of <main>. */
void layout_begin(struct html *h, const struct layout_page *p);
/* Closes main and writes the footer and the end of the document. */
void layout_end(struct html *h);
/* NHS.UK error summary whose links jump to each field's id (dots become dashes). */
void layout_error_summary(struct html *h, const struct field_errors *fe);
/* Writes the id used for a field path, e.g. "person.nhs_number" -> "person-nhs_number". */
void layout_field_id(const char *field, char *out, size_t outlen);
#endif
