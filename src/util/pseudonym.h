/* Pseudonymous person keys for evaluation extracts: lower-case hex of keyed
 * BLAKE2b-256 (libsodium crypto_generichash, 32-byte output) of the 10-digit
 * NHS number, or of the match key for people without one, keyed with the 32
 * bytes of a key file that only its owner may read (docs/EVALUATION.md). */
#ifndef WAYMARK_UTIL_PSEUDONYM_H
#define WAYMARK_UTIL_PSEUDONYM_H
#include <stddef.h>

#define PSEUDONYM_KEY_BYTES 32
#define PSEUDONYM_HEX 65 /* 64 hex digits + NUL */

struct pseudonym_key {
	unsigned char k[PSEUDONYM_KEY_BYTES];
};

/*
 * Reads the key from path: refused (-1, with the reason in err) unless it is
 * a regular file of exactly 32 bytes that neither its group nor others may
 * read, write or run (mode 0600 or 0400).
 */
int pseudonym_key_load(const char *path, struct pseudonym_key *key, char *err, size_t errlen);

/* The key of one identifier, its bytes exactly (the NHS number as its 10
 * digits without spaces, or a match key as stored): out gets 64 lower-case
 * hex digits. */
void pseudonym_of(const struct pseudonym_key *key, const char *id, char out[PSEUDONYM_HEX]);

/* A short public fingerprint of the key (16 hex digits of unkeyed BLAKE2b of
 * it), so extracts made with the same key can be told apart from others
 * without revealing it. */
void pseudonym_key_id(const struct pseudonym_key *key, char out[17]);

/* Wipes the key from memory. */
void pseudonym_key_wipe(struct pseudonym_key *key);
#endif
