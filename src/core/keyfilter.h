/* A fixed-size Bloom filter of text keys: "certainly never added" or "maybe
 * added", in constant memory whatever the number of keys. The import uses it
 * to skip looking for a person who cannot exist yet. */
#ifndef WAYMARK_CORE_KEYFILTER_H
#define WAYMARK_CORE_KEYFILTER_H
#include <stddef.h>
#include <stdint.h>

/* Bits in the filter: 2^26 (8 MiB). For n keys the chance that a key never
 * added is reported "maybe" is about (1 - e^(-3n / 2^26))^3: 0.07% at two
 * million keys, 20% at twenty million (the answer is then only slower). */
#define KEYFILTER_BITS_LOG2 26

struct keyfilter;

/* Returns a new, empty filter (free with keyfilter_free), or NULL when out of memory. */
struct keyfilter *keyfilter_new(void);
void keyfilter_free(struct keyfilter *kf);
/* Adds key; kind keeps separate kinds of key (say, NHS numbers and match keys) apart. */
void keyfilter_add(struct keyfilter *kf, char kind, const char *key);
/* 0 if kind:key was certainly never added; 1 if it may have been. */
int keyfilter_maybe(const struct keyfilter *kf, char kind, const char *key);
/* Keys added so far (counting repeats). */
uint64_t keyfilter_count(const struct keyfilter *kf);
#endif
