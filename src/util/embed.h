/* Files (migrations, reference data) compiled into the binary by tools/embed.c. */
#ifndef WAYMARK_UTIL_EMBED_H
#define WAYMARK_UTIL_EMBED_H
#include <stddef.h>

struct embed_file {
	const char *name;          /* path relative to the repository, e.g. "data/practices.csv" */
	const unsigned char *data; /* NUL-terminated contents */
	size_t len;                /* length without the terminator */
};

extern const struct embed_file embed_files[]; /* ends with a NULL name */

/* Returns the embedded file called name (borrowed), or NULL. */
const struct embed_file *embed_find(const char *name);
#endif
