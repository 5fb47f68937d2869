/* A list of {field, message} problems found in input. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "core/fielderr.h"

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
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof e->message, fmt, ap);
	va_end(ap);
	return -1;
}

const char *fielderr_for(const struct field_errors *fe, const char *field)
{
	for (size_t i = 0; i < fe->n; i++)
		if (strcmp(fe->e[i].field, field) == 0)
			return fe->e[i].message;
	return NULL;
}
