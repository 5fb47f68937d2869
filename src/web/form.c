/* NHS.UK form components with labels, hints and inline error messages. */
#include <stdio.h>
#include <string.h>
#include "web/form.h"
#include "web/layout.h"

void form_begin(struct html *h, const char *action, const char *csrf_token)
{
	html_open(h, "form", "method", "post", "action", action, "novalidate", "", NULL);
	if (csrf_token)
		html_void(h, "input", "type", "hidden", "name", "csrf_token", "value", csrf_token, NULL);
}

void form_begin_upload(struct html *h, const char *action, const char *csrf_token)
{
	html_open(h, "form", "method", "post", "action", action, "enctype", "multipart/form-data", "novalidate", "", NULL);
	if (csrf_token)
		html_void(h, "input", "type", "hidden", "name", "csrf_token", "value", csrf_token, NULL);
}

void form_end(struct html *h)
{
	html_close(h);
}

struct field_ids {
	char id[96];
	char hint[104];
	char err[104];
	char described[210];
};

static const char *field_error(const struct form_field *f)
{
	return f->errors ? fielderr_for(f->errors, f->name) : NULL;
}

static void ids_for(const struct form_field *f, struct field_ids *ids)
{
	layout_field_id(f->name, ids->id, sizeof ids->id);
	snprintf(ids->hint, sizeof ids->hint, "%s-hint", ids->id);
	snprintf(ids->err, sizeof ids->err, "%s-error", ids->id);
	ids->described[0] = '\0';
	if (f->hint)
		snprintf(ids->described, sizeof ids->described, "%s", ids->hint);
	if (field_error(f)) {
		size_t n = strlen(ids->described);
		snprintf(ids->described + n, sizeof ids->described - n, "%s%s", n ? " " : "", ids->err);
	}
}

/* Opens the form group and writes the label, hint and error message. */
static void group_begin(struct html *h, const struct form_field *f, const struct field_ids *ids, int fieldset)
{
	const char *err = field_error(f);
	html_open(h, "div", "class", err ? "nhsuk-form-group nhsuk-form-group--error" : "nhsuk-form-group", NULL);
	if (fieldset) {
		html_open(h, "fieldset", "class", "nhsuk-fieldset", "aria-describedby",
			  ids->described[0] ? ids->described : NULL, NULL);
		html_elem(h, "legend", f->label, "class", "nhsuk-fieldset__legend nhsuk-fieldset__legend--s", NULL);
	} else {
		html_elem(h, "label", f->label, "class", "nhsuk-label", "for", ids->id, NULL);
	}
	if (f->hint)
		html_elem(h, "div", f->hint, "class", "nhsuk-hint", "id", ids->hint, NULL);
	if (err) {
		html_open(h, "span", "class", "nhsuk-error-message", "id", ids->err, NULL);
		html_elem(h, "span", "Error:", "class", "nhsuk-u-visually-hidden", NULL);
		html_text(h, " ");
		html_text(h, err);
		html_close(h);
	}
}

void form_input(struct html *h, const struct form_field *f)
{
	struct field_ids ids;
	ids_for(f, &ids);
	group_begin(h, f, &ids, 0);
	char cls[128];
	snprintf(cls, sizeof cls, "nhsuk-input%s%s%s", field_error(f) ? " nhsuk-input--error" : "",
		 f->width ? " " : "", f->width ? f->width : "");
	html_void(h, "input", "class", cls, "id", ids.id, "name", f->name, "type", f->type ? f->type : "text",
		  "value", f->value ? f->value : "", "autocomplete", f->autocomplete, "aria-describedby",
		  ids.described[0] ? ids.described : NULL, "spellcheck", f->type && strcmp(f->type, "email") == 0 ? "false" : NULL,
		  NULL);
	html_close(h);
}

void form_file(struct html *h, const struct form_field *f, const char *accept)
{
	struct field_ids ids;
	ids_for(f, &ids);
	group_begin(h, f, &ids, 0);
	html_void(h, "input", "class", field_error(f) ? "nhsuk-input nhsuk-input--error" : "nhsuk-input", "id", ids.id,
		  "name", f->name, "type", "file", "accept", accept, "aria-describedby",
		  ids.described[0] ? ids.described : NULL, NULL);
	html_close(h);
}

void form_textarea(struct html *h, const struct form_field *f, int rows)
{
	struct field_ids ids;
	ids_for(f, &ids);
	group_begin(h, f, &ids, 0);
	char r[8];
	snprintf(r, sizeof r, "%d", rows);
	html_elem(h, "textarea", f->value ? f->value : "", "class",
		  field_error(f) ? "nhsuk-textarea nhsuk-textarea--error" : "nhsuk-textarea", "id", ids.id, "name",
		  f->name, "rows", r, "aria-describedby", ids.described[0] ? ids.described : NULL, NULL);
	html_close(h);
}

void form_select(struct html *h, const struct form_field *f, const struct form_option *opts)
{
	struct field_ids ids;
	ids_for(f, &ids);
	group_begin(h, f, &ids, 0);
	html_open(h, "select", "class", field_error(f) ? "nhsuk-select nhsuk-select--error" : "nhsuk-select", "id",
		  ids.id, "name", f->name, "aria-describedby", ids.described[0] ? ids.described : NULL, NULL);
	for (const struct form_option *o = opts; o->value; o++)
		html_elem(h, "option", o->label, "value", o->value, "selected",
			  f->value && strcmp(f->value, o->value) == 0 ? "" : NULL, NULL);
	html_close(h);
	html_close(h);
}

static void choices(struct html *h, const struct form_field *f, const struct form_option *opts,
		    const char *const *checked, int radio)
{
	struct field_ids ids;
	ids_for(f, &ids);
	group_begin(h, f, &ids, 1);
	html_open(h, "div", "class", radio ? "nhsuk-radios" : "nhsuk-checkboxes", NULL);
	int i = 0;
	for (const struct form_option *o = opts; o->value; o++, i++) {
		char id[112];
		/* The first choice takes the field's own id so the error summary
		 * link lands on it. */
		if (i == 0)
			snprintf(id, sizeof id, "%s", ids.id);
		else
			snprintf(id, sizeof id, "%s-%d", ids.id, i + 1);
		int on = 0;
		if (radio)
			on = f->value && strcmp(f->value, o->value) == 0;
		for (const char *const *c = checked; !radio && c && *c; c++)
			on |= strcmp(*c, o->value) == 0;
		html_open(h, "div", "class", radio ? "nhsuk-radios__item" : "nhsuk-checkboxes__item", NULL);
		html_void(h, "input", "class", radio ? "nhsuk-radios__input" : "nhsuk-checkboxes__input", "id", id,
			  "name", f->name, "type", radio ? "radio" : "checkbox", "value", o->value, "checked",
			  on ? "" : NULL, NULL);
		html_elem(h, "label", o->label, "class",
			  radio ? "nhsuk-label nhsuk-radios__label" : "nhsuk-label nhsuk-checkboxes__label", "for", id,
			  NULL);
		html_close(h);
	}
	html_close(h); /* radios */
	html_close(h); /* fieldset */
	html_close(h); /* group */
}

void form_radios(struct html *h, const struct form_field *f, const struct form_option *opts)
{
	choices(h, f, opts, NULL, 1);
}

void form_checkboxes(struct html *h, const struct form_field *f, const struct form_option *opts,
		     const char *const *checked)
{
	choices(h, f, opts, checked, 0);
}

void form_button(struct html *h, const char *label)
{
	html_elem(h, "button", label, "class", "nhsuk-button", "type", "submit", "data-module", "nhsuk-button",
		  NULL);
}

void form_honeypot(struct html *h, const char *name)
{
	html_open(h, "div", "class", "waymark-hp", "aria-hidden", "true", NULL);
	html_elem(h, "label", "Leave this field empty", "for", name, NULL);
	html_void(h, "input", "type", "text", "id", name, "name", name, "tabindex", "-1", "autocomplete", "off", NULL);
	html_close(h);
}
