/* A list of {field, message} problems found in input, shared by API and pages. */
#ifndef WAYMARK_CORE_FIELDERR_H
#define WAYMARK_CORE_FIELDERR_H
#include <stddef.h>

#define FIELDERR_MAX 64
#define FIELDERR_MSG 512

struct field_error {
	char field[64];           /* dotted path, e.g. "person.nhs_number" */
	char message[FIELDERR_MSG];
};

struct field_errors {
	struct field_error e[FIELDERR_MAX];
	size_t n;
	size_t dropped; /* problems beyond FIELDERR_MAX */
};

void fielderr_init(struct field_errors *fe);
/* Adds a problem; the message is formatted. Returns -1 so validators can
 * `return fielderr_add(...)`. */
int fielderr_add(struct field_errors *fe, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Returns the message for field, or NULL (borrowed). */
const char *fielderr_for(const struct field_errors *fe, const char *field);
#endif
