/* Route matching over the modules' route tables: literal segments and {param}
 * segments, with 405 detection when only the method differs. */
#include <string.h>
#include "http/http.h"

/* Matches pattern against path, copying parameters into scratch. */
static int route_fits(const char *pattern, const char *path, const char **params, int *nparams,
		      char *scratch, size_t scratchlen)
{
	size_t used = 0;
	int n = 0;
	const char *p = pattern, *q = path;
	while (*p && *q) {
		if (*p == '{') {
			const char *end = strchr(p, '}');
			if (!end)
				return 0;
			size_t len = strcspn(q, "/");
			if (len == 0 || n >= HTTP_MAX_PARAMS || used + len + 1 > scratchlen)
				return 0;
			memcpy(scratch + used, q, len);
			scratch[used + len] = '\0';
			params[n++] = scratch + used;
			used += len + 1;
			p = end + 1;
			q += len;
			continue;
		}
		if (*p != *q)
			return 0;
		p++;
		q++;
	}
	if (*p || *q)
		return 0;
	*nparams = n;
	return 1;
}

const struct route *http_route_match(const char *method, const char *path, const char **params,
				     int *nparams, int *method_mismatch, char *scratch, size_t scratchlen)
{
	*method_mismatch = 0;
	*nparams = 0;
	for (const struct route *const *t = http_route_tables; *t; t++)
		for (const struct route *r = *t; r->method; r++) {
			if (!route_fits(r->pattern, path, params, nparams, scratch, scratchlen))
				continue;
			if (strcmp(r->method, method) == 0)
				return r;
			*method_mismatch = 1;
		}
	*nparams = 0;
	return NULL;
}

const struct route *http_routes_check(void)
{
	for (const struct route *const *t = http_route_tables; *t; t++)
		for (const struct route *r = *t; r->method; r++)
			if (r->perm <= PERM_UNSET || r->perm >= PERM__MAX || !r->handler ||
			    (strstr(r->pattern, "{id}") && !r->rel))
				return r;
	return NULL;
}

int http_route_index(const struct route *rt)
{
	int i = 0;
	for (const struct route *const *t = http_route_tables; *t; t++)
		for (const struct route *r = *t; r->method; r++, i++)
			if (r == rt)
				return i;
	return -1;
}

int http_route_total(void)
{
	int i = 0;
	for (const struct route *const *t = http_route_tables; *t; t++)
		for (const struct route *r = *t; r->method; r++)
			i++;
	return i;
}
