/* The settings described once (core/settings.def): lookup, checking and normalising a value, pure. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "core/record.h"
#include "core/settings.h"

const struct setting_def setting_defs[] = {
#define SETTING(key, kind, def, min, max, label, hint) { #key, kind, def, min, max, label, hint },
#include "core/settings.def"
#undef SETTING
};
const size_t setting_count = sizeof setting_defs / sizeof setting_defs[0];

const struct setting_def *setting_find(const char *key)
{
	if (!key)
		return NULL;
	for (size_t i = 0; i < setting_count; i++)
		if (strcmp(setting_defs[i].key, key) == 0)
			return &setting_defs[i];
	return NULL;
}

const char *setting_kind_name(enum setting_kind k)
{
	switch (k) {
	case SETTING_INT:
		return "integer";
	case SETTING_BOOL:
		return "boolean";
	case SETTING_PHONE:
		return "phone";
	case SETTING_EMAIL:
		return "email";
	case SETTING_TEXT:
		break;
	}
	return "text";
}

static int parse_long(const char *s, long *v)
{
	if (!*s || (!isdigit((unsigned char)*s) && *s != '-'))
		return -1;
	char *end;
	errno = 0;
	long x = strtol(s, &end, 10);
	if (errno || *end)
		return -1;
	*v = x;
	return 0;
}

static int parse_bool(const char *s)
{
	static const char *const on[] = { "on", "true", "yes", "1" }, *const off[] = { "off", "false", "no", "0" };
	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(s, on[i]) == 0)
			return 1;
		if (strcasecmp(s, off[i]) == 0)
			return 0;
	}
	return -1;
}

/* Copies value without leading and trailing white space; -1 if it does not fit in max characters. */
static int trimmed(const char *value, char out[SETTING_VALUE_MAX], long max)
{
	while (isspace((unsigned char)*value))
		value++;
	size_t n = strlen(value);
	while (n && isspace((unsigned char)value[n - 1]))
		n--;
	if ((long)n > max || n >= SETTING_VALUE_MAX)
		return -1;
	memcpy(out, value, n);
	out[n] = '\0';
	return 0;
}

static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

int setting_check(const struct setting_def *d, const char *value, char out[SETTING_VALUE_MAX], struct field_errors *fe)
{
	out[0] = '\0';
	if (!value)
		return fielderr_add(fe, d->key, "Enter a value for %s", d->key);
	long v;
	int b;
	switch (d->kind) {
	case SETTING_INT:
		if (trimmed(value, out, 20) || parse_long(out, &v) || v < d->min || v > d->max)
			return fielderr_add(fe, d->key, "%s must be a whole number from %ld to %ld", d->key, d->min, d->max);
		snprintf(out, SETTING_VALUE_MAX, "%ld", v);
		return 0;
	case SETTING_BOOL:
		if (trimmed(value, out, 8) || (b = parse_bool(out)) < 0)
			return fielderr_add(fe, d->key, "%s must be on or off", d->key);
		snprintf(out, SETTING_VALUE_MAX, "%s", b ? "on" : "off");
		return 0;
	case SETTING_TEXT:
	case SETTING_PHONE:
	case SETTING_EMAIL:
		break;
	}
	if (trimmed(value, out, d->max))
		return fielderr_add(fe, d->key, "%s must be %ld characters or fewer", d->key, d->max);
	if (has_control(out))
		return fielderr_add(fe, d->key, "%s must be one line of text", d->key);
	if (!out[0])
		return d->min > 0 ? fielderr_add(fe, d->key, "Enter %s", d->key) : 0;
	if (d->kind == SETTING_PHONE && !rec_phone_ok(out))
		return fielderr_add(fe, d->key, "%s must be a telephone number, like 01603 123456", d->key);
	if (d->kind == SETTING_EMAIL && !rec_email_ok(out))
		return fielderr_add(fe, d->key, "%s must be an email address, like hub@example.org", d->key);
	return 0;
}

long setting_int_value(const struct setting_def *d, const char *stored)
{
	if (d->kind == SETTING_BOOL) {
		int b = stored ? parse_bool(stored) : -1;
		return b >= 0 ? b : parse_bool(d->def) == 1;
	}
	long v;
	if (stored && parse_long(stored, &v) == 0 && v >= d->min && v <= d->max)
		return v;
	return strtol(d->def, NULL, 10);
}
