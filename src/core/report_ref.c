/* The reference maps a report's dimensions read (practice to cluster and PCN, area to Place Board, postcode
 * district to rurality, row labels): a small open-addressing table of (map, key) -> value. */
#include <stdlib.h>
#include <string.h>
#include "core/report.h"

struct ref_entry {
	char *map, *key, *value;
};

struct report_ref {
	struct ref_entry *e;
	size_t cap, n;
};

static uint64_t hash2(const char *a, const char *b)
{
	uint64_t h = 1469598103934665603ull;
	for (; *a; a++)
		h = (h ^ (unsigned char)*a) * 1099511628211ull;
	h = (h ^ 0xff) * 1099511628211ull;
	for (; *b; b++)
		h = (h ^ (unsigned char)*b) * 1099511628211ull;
	return h;
}

struct report_ref *report_ref_new(void)
{
	struct report_ref *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->cap = 1024;
	r->e = calloc(r->cap, sizeof *r->e);
	if (!r->e) {
		free(r);
		return NULL;
	}
	return r;
}

void report_ref_free(struct report_ref *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->cap; i++) {
		free(r->e[i].map);
		free(r->e[i].key);
		free(r->e[i].value);
	}
	free(r->e);
	free(r);
}

static struct ref_entry *slot(struct ref_entry *e, size_t cap, const char *map, const char *key)
{
	size_t i = hash2(map, key) & (cap - 1);
	while (e[i].map && (strcmp(e[i].map, map) != 0 || strcmp(e[i].key, key) != 0))
		i = (i + 1) & (cap - 1);
	return &e[i];
}

static int grow(struct report_ref *r)
{
	size_t cap = r->cap * 2;
	struct ref_entry *e = calloc(cap, sizeof *e);
	if (!e)
		return -1;
	for (size_t i = 0; i < r->cap; i++)
		if (r->e[i].map)
			*slot(e, cap, r->e[i].map, r->e[i].key) = r->e[i];
	free(r->e);
	r->e = e;
	r->cap = cap;
	return 0;
}

int report_ref_put(struct report_ref *r, const char *map, const char *key, const char *value)
{
	if (!map || !key || !value)
		return 0;
	if ((r->n + 1) * 2 > r->cap && grow(r))
		return -1;
	struct ref_entry *s = slot(r->e, r->cap, map, key);
	char *v = strdup(value);
	if (!v)
		return -1;
	if (s->map) {
		free(s->value);
		s->value = v;
		return 0;
	}
	s->map = strdup(map);
	s->key = strdup(key);
	if (!s->map || !s->key) {
		free(s->map);
		free(s->key);
		free(v);
		s->map = s->key = NULL;
		return -1;
	}
	s->value = v;
	r->n++;
	return 0;
}

const char *report_ref_get(const struct report_ref *r, const char *map, const char *key)
{
	if (!r || !map || !key)
		return NULL;
	struct ref_entry *s = slot(r->e, r->cap, map, key);
	return s->map ? s->value : NULL;
}
