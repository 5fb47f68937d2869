/* The pagination policy's parsers: ?limit, ?cursor, ?page and ?sort, each
 * range-checked the same way on every list. */
#include "core/page.h"
#include <stdio.h>
#include <string.h>

/* A whole decimal number of at most 18 digits, or -1. */
static int64_t whole(const char *s)
{
	int64_t v = 0;
	size_t n = strlen(s);
	if (n == 0 || n > 18)
		return -1;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (*p - '0');
	}
	return v;
}

int page_parse_limit(const char *s, int *limit)
{
	if (!s || !*s) {
		*limit = PAGE_LIMIT_DEFAULT;
		return 0;
	}
	int64_t v = whole(s);
	if (v < 1 || v > PAGE_LIMIT_MAX)
		return -1;
	*limit = (int)v;
	return 0;
}

int page_parse_cursor(const char *s, int64_t *value)
{
	if (!s || !*s) {
		*value = 0;
		return 0;
	}
	int64_t v = whole(s);
	if (v < 0 || v >= (INT64_C(1) << 62))
		return -1;
	*value = v;
	return 0;
}

int page_parse_number(const char *s)
{
	int64_t v = s ? whole(s) : -1;
	return v >= 1 && v <= PAGE_NUMBER_MAX ? (int)v : 1;
}

void page_cursor_format(int64_t value, char out[PAGE_CURSOR_LEN])
{
	snprintf(out, PAGE_CURSOR_LEN, "%lld", (long long)value);
}

int page_parse_sort(const char *s, const char *const *names)
{
	if (!s || !*s)
		return 0;
	for (int i = 0; names[i]; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

void page_window_init(struct page_window *w, int64_t offset, int limit)
{
	w->skip = offset > 0 ? offset : 0;
	w->limit = limit;
	w->taken = 0;
	w->more = 0;
}

int page_window_take(struct page_window *w)
{
	if (w->skip > 0) {
		w->skip--;
		return 0;
	}
	if (w->taken >= w->limit) {
		w->more = 1;
		return 0;
	}
	w->taken++;
	return 1;
}
