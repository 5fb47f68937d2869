/* The settings described once (core/settings.def): lookup, checking and normalising a value. */
#ifndef WAYMARK_CORE_SETTINGS_H
#define WAYMARK_CORE_SETTINGS_H
#include <stddef.h>
#include "core/fielderr.h"

enum setting_kind { SETTING_INT, SETTING_BOOL, SETTING_TEXT, SETTING_PHONE, SETTING_EMAIL };

struct setting_def {
	const char *key;
	enum setting_kind kind;
	const char *def;
	long min, max;
	const char *label;
	const char *hint;
};

#define SETTING_VALUE_MAX 256 /* the longest normalised value plus its NUL */

extern const struct setting_def setting_defs[];
extern const size_t setting_count;

/* The setting named key, or NULL. */
const struct setting_def *setting_find(const char *key);
/* The kind's name as the API shows it: "integer", "boolean", "text", "phone", "email". */
const char *setting_kind_name(enum setting_kind k);
/* Checks value for d and writes its stored form to out (SETTING_VALUE_MAX bytes): integers without
 * leading zeros or spaces, booleans "on"/"off" (also accepted: true/false, yes/no, 1/0), text trimmed.
 * On a problem adds it under the setting's key and returns -1. */
int setting_check(const struct setting_def *d, const char *value, char out[SETTING_VALUE_MAX], struct field_errors *fe);
/* A stored value read as d's kind: 1/0 for booleans (unreadable: the default), the number for integers
 * (out of range or unreadable: the default). */
long setting_int_value(const struct setting_def *d, const char *stored);
#endif
