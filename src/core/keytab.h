/* An in-memory multimap from text keys (by a 64-bit hash) to ids below 2^32,
 * growing up to a fixed number of entries. The import looks people up by
 * match key in it while it defers the people_match_key index. */
#ifndef WAYMARK_CORE_KEYTAB_H
#define WAYMARK_CORE_KEYTAB_H
#include <stddef.h>
#include <stdint.h>

struct keytab;

/* An empty table that takes at most max_entries entries (8 bytes each, at
 * most twice that in slots), with room from the start for about expect of
 * them; NULL when out of memory. */
struct keytab *keytab_new(size_t max_entries, size_t expect);
void keytab_free(struct keytab *t);
/* Adds key -> id. 0; -1 when the table is full, out of memory, or id is
 * not in 1..2^32-1 (the table is then unchanged). */
int keytab_add(struct keytab *t, const char *key, int64_t id);
/* The same in two steps, for a caller that hashes the key early (on another
 * thread) and asks for its slot's memory well before it adds: the key's
 * 32-bit tag, a hint to the processor, and the add by tag. */
uint32_t keytab_tag(const char *key);
void keytab_prefetch(const struct keytab *t, uint32_t tag);
int keytab_add_tag(struct keytab *t, uint32_t tag, int64_t id);
/*
 * The ids added with key, ascending, into ids[0..max): returns how many
 * there are (which may exceed max). Another key with the same 32-bit hash
 * tag is reported too (about one in four billion), so the caller checks
 * each candidate's key.
 */
size_t keytab_find(const struct keytab *t, const char *key, int64_t *ids, size_t max);
/* Entries added so far. */
size_t keytab_count(const struct keytab *t);
#endif
