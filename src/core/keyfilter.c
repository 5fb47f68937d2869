/* A fixed-size Bloom filter of text keys (see keyfilter.h): three bits per
 * key, placed by two halves of one 64-bit hash (Kirsch and Mitzenmacher). */
#include <stdlib.h>
#include "core/keyfilter.h"

#define KEYFILTER_HASHES 3
#define KEYFILTER_WORDS ((size_t)1 << (KEYFILTER_BITS_LOG2 - 6))

struct keyfilter {
	uint64_t count;
	uint64_t words[];
};

struct keyfilter *keyfilter_new(void)
{
	struct keyfilter *kf = calloc(1, sizeof *kf + KEYFILTER_WORDS * sizeof(uint64_t));
	return kf;
}

void keyfilter_free(struct keyfilter *kf)
{
	free(kf);
}

/* FNV-1a over the kind and the key, then splitmix64's finaliser so that
 * both halves of the result are well mixed. */
static uint64_t hash(char kind, const char *key)
{
	uint64_t h = 0xcbf29ce484222325u;
	h = (h ^ (unsigned char)kind) * 0x100000001b3u;
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 0x100000001b3u;
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9u;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebu;
	h ^= h >> 31;
	return h;
}

static uint64_t bit_of(uint64_t h, int i)
{
	uint32_t a = (uint32_t)h, b = (uint32_t)(h >> 32) | 1u;
	return (uint64_t)(a + (uint32_t)i * b) & (((uint64_t)1 << KEYFILTER_BITS_LOG2) - 1);
}

void keyfilter_add(struct keyfilter *kf, char kind, const char *key)
{
	uint64_t h = hash(kind, key);
	for (int i = 0; i < KEYFILTER_HASHES; i++) {
		uint64_t bit = bit_of(h, i);
		kf->words[bit >> 6] |= (uint64_t)1 << (bit & 63);
	}
	kf->count++;
}

int keyfilter_maybe(const struct keyfilter *kf, char kind, const char *key)
{
	uint64_t h = hash(kind, key);
	for (int i = 0; i < KEYFILTER_HASHES; i++) {
		uint64_t bit = bit_of(h, i);
		if (!(kf->words[bit >> 6] & ((uint64_t)1 << (bit & 63))))
			return 0;
	}
	return 1;
}

uint64_t keyfilter_count(const struct keyfilter *kf)
{
	return kf->count;
}
