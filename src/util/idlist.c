/* A growable list of ids, and finding one in a sorted array. */
#include <stdlib.h>
#include "util/idlist.h"

void idlist_add(struct idlist *l, int64_t id)
{
	if (id <= 0 || l->failed)
		return;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		int64_t *v = realloc(l->v, cap * sizeof *v);
		if (!v) {
			l->failed = 1;
			return;
		}
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = id;
}

void idlist_free(struct idlist *l)
{
	free(l->v);
	*l = (struct idlist){ 0 };
}

long idlist_find(const void *base, size_t n, size_t size, size_t off, int64_t id)
{
	const char *b = base;
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (*(const int64_t *)(const void *)(b + mid * size + off) < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && *(const int64_t *)(const void *)(b + lo * size + off) == id ? (long)lo : -1;
}
