/* A growable list of ids (the people a list read showed, for its audit event). */
#ifndef WAYMARK_UTIL_IDLIST_H
#define WAYMARK_UTIL_IDLIST_H
#include <stddef.h>
#include <stdint.h>

struct idlist {
	int64_t *v;
	size_t n, cap;
	int failed; /* an add ran out of memory: the list is short */
};

/* Adds id (ids of 0 or less are left out). */
void idlist_add(struct idlist *l, int64_t id);
void idlist_free(struct idlist *l);
#endif
