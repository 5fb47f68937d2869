/* Building a URL with a query string: each name and value percent-encoded
 * (RFC 3986 unreserved characters stay as they are). */
#ifndef WAYMARK_UTIL_URLQ_H
#define WAYMARK_UTIL_URLQ_H
#include <stddef.h>
#include <stdint.h>

struct urlq {
	char *out;
	size_t cap;
	size_t len;
	int nparams;
	int overflow; /* set when out was too small; out then holds the path alone */
};

/* Starts out (of cap bytes) with path, e.g. "/audit". */
void urlq_init(struct urlq *q, char *out, size_t cap, const char *path);
/* Adds name=value (both encoded); a NULL or empty value is left out. */
void urlq_add(struct urlq *q, const char *name, const char *value);
/* Adds name=n; 0 is left out when skip_zero. */
void urlq_add_int(struct urlq *q, const char *name, int64_t n, int skip_zero);
/* Percent-encodes s into out (cap bytes, NUL-terminated); -1 if it does not fit. */
int urlq_encode(const char *s, char *out, size_t cap);
#endif
