/* A growable list of ids. */
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
