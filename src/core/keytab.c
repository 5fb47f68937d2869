/* An in-memory multimap from text keys to ids: open addressing with linear
 * probing over 64-bit slots, each a nonzero 32-bit hash tag and a 32-bit id. */
#include <stdlib.h>
#include "core/keytab.h"

#define KEYTAB_MIN_SLOTS 1024u

struct keytab {
	uint64_t *slots;  /* 0 is empty; else tag << 32 | id */
	size_t nslots;    /* a power of two */
	size_t count, max_entries;
};

/* FNV-1a, then the high half folded into the low one: a nonzero tag. */
uint32_t keytab_tag(const char *key)
{
	uint64_t h = 0xcbf29ce484222325u;
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 0x100000001b3u;
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9u;
	h ^= h >> 32;
	uint32_t tag = (uint32_t)h;
	return tag ? tag : 1u;
}

/* The first slot to probe for tag (Fibonacci hashing of the tag). */
static size_t home_of(uint32_t tag, size_t nslots)
{
	return (size_t)(((uint64_t)tag * 0x9e3779b97f4a7c15u) >> 32) & (nslots - 1);
}

static void place(uint64_t *slots, size_t nslots, uint64_t v)
{
	size_t i = home_of((uint32_t)(v >> 32), nslots);
	while (slots[i])
		i = (i + 1) & (nslots - 1);
	slots[i] = v;
}

struct keytab *keytab_new(size_t max_entries, size_t expect)
{
	struct keytab *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	if (expect > max_entries)
		expect = max_entries;
	t->nslots = KEYTAB_MIN_SLOTS;
	while (t->nslots < expect * 2)
		t->nslots *= 2;
	t->max_entries = max_entries;
	if (!(t->slots = calloc(t->nslots, sizeof *t->slots))) {
		free(t);
		return NULL;
	}
	return t;
}

void keytab_free(struct keytab *t)
{
	if (t)
		free(t->slots);
	free(t);
}

/* Doubles the slots (the table stays at most half full). 0 or -1. */
static int grow(struct keytab *t)
{
	size_t n = t->nslots * 2;
	uint64_t *s = calloc(n, sizeof *s);
	if (!s)
		return -1;
	for (size_t i = 0; i < t->nslots; i++)
		if (t->slots[i])
			place(s, n, t->slots[i]);
	free(t->slots);
	t->slots = s;
	t->nslots = n;
	return 0;
}

void keytab_prefetch(const struct keytab *t, uint32_t tag)
{
	__builtin_prefetch(&t->slots[home_of(tag, t->nslots)], 1);
}

int keytab_add_tag(struct keytab *t, uint32_t tag, int64_t id)
{
	if (id <= 0 || id > (int64_t)UINT32_MAX || t->count >= t->max_entries)
		return -1;
	if ((t->count + 1) * 2 > t->nslots && grow(t))
		return -1;
	place(t->slots, t->nslots, (uint64_t)tag << 32 | (uint64_t)id);
	t->count++;
	return 0;
}

int keytab_add(struct keytab *t, const char *key, int64_t id)
{
	return keytab_add_tag(t, keytab_tag(key), id);
}

size_t keytab_find(const struct keytab *t, const char *key, int64_t *ids, size_t max)
{
	uint32_t tag = keytab_tag(key);
	size_t n = 0;
	for (size_t i = home_of(tag, t->nslots); t->slots[i]; i = (i + 1) & (t->nslots - 1)) {
		if ((uint32_t)(t->slots[i] >> 32) != tag)
			continue;
		int64_t id = (int64_t)(uint32_t)t->slots[i];
		/* Insertion into the sorted ids kept so far (a key has few), the
		 * largest falling off when max are kept. */
		size_t j = n < max ? n : max;
		if (j == max && (max == 0 || ids[max - 1] <= id)) {
			n++;
			continue;
		}
		if (j == max)
			j--;
		while (j > 0 && ids[j - 1] > id) {
			ids[j] = ids[j - 1];
			j--;
		}
		ids[j] = id;
		n++;
	}
	return n;
}

size_t keytab_count(const struct keytab *t)
{
	return t->count;
}
