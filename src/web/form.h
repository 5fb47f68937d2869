/* NHS.UK form components (text input, select, radios, checkboxes, textarea,
 * button) with labels, hints and inline error messages. */
#ifndef WAYMARK_WEB_FORM_H
#define WAYMARK_WEB_FORM_H
#include "core/fielderr.h"
#include "web/html.h"

struct form_option {
	const char *value;
	const char *label;
};

struct form_field {
	const char *name;         /* form field name; the id is derived (dots -> dashes) */
	const char *label;
	const char *hint;         /* may be NULL */
	const char *value;        /* current value, may be NULL */
	const char *type;         /* input type ("text" default) */
	const char *autocomplete; /* may be NULL */
	const char *width;        /* e.g. "nhsuk-input--width-10", may be NULL */
	const struct field_errors *errors; /* the field's error is looked up by name */
	int required;
};

void form_begin(struct html *h, const char *action, const char *csrf_token);
/* A form that sends a file (multipart/form-data), to a route with upload_max. */
void form_begin_upload(struct html *h, const char *action, const char *csrf_token);
void form_end(struct html *h);
void form_input(struct html *h, const struct form_field *f);
/* A file chooser; accept lists the types offered first (".csv,text/csv"). */
void form_file(struct html *h, const struct form_field *f, const char *accept);
void form_textarea(struct html *h, const struct form_field *f, int rows);
/* opts end with a NULL value; the first option may be a "" prompt. */
void form_select(struct html *h, const struct form_field *f, const struct form_option *opts);
void form_radios(struct html *h, const struct form_field *f, const struct form_option *opts);
/* values: the checked values (NULL-terminated, may be NULL). */
void form_checkboxes(struct html *h, const struct form_field *f, const struct form_option *opts,
		     const char *const *checked);
void form_button(struct html *h, const char *label);
/* A hidden input that bots fill and people never see. */
void form_honeypot(struct html *h, const char *name);
#endif
