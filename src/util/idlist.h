/* A growable list of ids (the people a list read showed, for its audit event), and finding an id in a sorted array. */
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
/* The index of the element of base (n of size bytes each, sorted by the
 * int64_t id at offset off in each) whose id is id, or -1 (binary search). */
long idlist_find(const void *base, size_t n, size_t size, size_t off, int64_t id);
#endif
