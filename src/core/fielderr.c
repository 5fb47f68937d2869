/* A list of {field, message} problems found in input. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "core/fielderr.h"

/* Drops the bytes of any UTF-8 sequence that is cut short or malformed (a
 * "%.40s" or the buffer's end can cut a character in two), so the text stays
 * valid UTF-8 for JSON and pages. */
static void utf8_repair(char *s)
{
	unsigned char *r = (unsigned char *)s, *w = r;
	while (*r) {
		size_t need = *r < 0x80 ? 1 : *r >= 0xC2 && *r <= 0xDF ? 2 : *r >= 0xE0 && *r <= 0xEF ? 3
			    : *r >= 0xF0 && *r <= 0xF4 ? 4 : 0;
		size_t k = 1;
		while (k < need && (r[k] & 0xC0) == 0x80)
			k++;
		if (need && k == need) {
			memmove(w, r, need);
			w += need;
			r += need;
		} else {
			r += need ? k : 1;
		}
	}
	*w = '\0';
}

void fielderr_init(struct field_errors *fe)
{
	fe->n = 0;
	fe->dropped = 0;
}

int fielderr_add(struct field_errors *fe, const char *field, const char *fmt, ...)
{
	if (fe->n >= FIELDERR_MAX) {
		fe->dropped++;
		return -1;
	}
	struct field_error *e = &fe->e[fe->n++];
	snprintf(e->field, sizeof e->field, "%s", field);
	utf8_repair(e->field);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof e->message, fmt, ap);
	va_end(ap);
	utf8_repair(e->message);
	return -1;
}

const char *fielderr_for(const struct field_errors *fe, const char *field)
{
	for (size_t i = 0; i < fe->n; i++)
		if (strcmp(fe->e[i].field, field) == 0)
			return fe->e[i].message;
	return NULL;
}
