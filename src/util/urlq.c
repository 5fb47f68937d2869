/* Percent-encoding and query strings for links the pages build. */
#include "util/urlq.h"
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
	       c == '_' || c == '~';
}

int urlq_encode(const char *s, char *out, size_t cap)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		size_t need = unreserved(*p) ? 1 : 3;
		if (n + need + 1 > cap)
			return -1;
		if (need == 1) {
			out[n++] = (char)*p;
		} else {
			out[n++] = '%';
			out[n++] = hex[*p >> 4];
			out[n++] = hex[*p & 15];
		}
	}
	if (cap == 0)
		return -1;
	out[n] = '\0';
	return 0;
}

void urlq_init(struct urlq *q, char *out, size_t cap, const char *path)
{
	q->out = out;
	q->cap = cap;
	q->nparams = 0;
	q->overflow = 0;
	int n = snprintf(out, cap, "%s", path);
	q->len = n < 0 ? 0 : (size_t)n;
	if (q->len >= cap)
		q->overflow = 1, q->len = cap ? cap - 1 : 0;
}

static int append_encoded(struct urlq *q, const char *s)
{
	if (urlq_encode(s, q->out + q->len, q->cap - q->len))
		return -1;
	q->len += strlen(q->out + q->len);
	return 0;
}

void urlq_add(struct urlq *q, const char *name, const char *value)
{
	if (!value || !*value || q->overflow)
		return;
	size_t keep = q->len;
	if (q->len + 2 > q->cap)
		goto full;
	q->out[q->len++] = q->nparams ? '&' : '?';
	q->out[q->len] = '\0';
	if (append_encoded(q, name) || q->len + 2 > q->cap)
		goto full;
	q->out[q->len++] = '=';
	q->out[q->len] = '\0';
	if (append_encoded(q, value))
		goto full;
	q->nparams++;
	return;
full:
	/* A link that silently drops a filter is worse than none: keep the path. */
	q->overflow = 1;
	q->len = keep;
	q->out[strcspn(q->out, "?")] = '\0';
	q->len = strlen(q->out);
}

void urlq_add_int(struct urlq *q, const char *name, int64_t n, int skip_zero)
{
	if (n == 0 && skip_zero)
		return;
	char s[24];
	snprintf(s, sizeof s, "%" PRId64, n);
	urlq_add(q, name, s);
}
