/* Secrets: random tokens, their at-rest hashes, password hashing (argon2id)
 * and constant-time comparison, all through libsodium. */
#ifndef WAYMARK_UTIL_SECRET_H
#define WAYMARK_UTIL_SECRET_H
#include <stddef.h>

#define SECRET_TOKEN_HEX 65  /* 32 random bytes as hex + NUL */
#define SECRET_HASH_HEX 65   /* BLAKE2b-256 as hex + NUL */
#define SECRET_PWHASH_LEN 128

/* Fills out with 32 random bytes as lower-case hex. */
void secret_token(char out[SECRET_TOKEN_HEX]);
/* The at-rest form of a token: BLAKE2b-256 of it, as hex. */
void secret_token_hash(const char *token, char out[SECRET_HASH_HEX]);
/* argon2id hash of a password; 0 or -1 (out of memory). */
int secret_password_hash(const char *password, char out[SECRET_PWHASH_LEN]);
/* 1 when password matches the stored hash. */
int secret_password_check(const char *stored, const char *password);
/* Constant-time equality of two NUL-terminated strings (1 when equal). */
int secret_equal(const char *a, const char *b);
/* A self-checking token for forms shown to signed-out visitors: the time it
 * was made, MACed with a key made at start-up together with bind (the
 * browser's pre-session cookie, or "" for a bare time stamp). */
void secret_form_token(long long now, const char *bind, char *out, size_t outlen);
/* 0 when token is ours, made for bind, and between min_age and max_age
 * seconds old; -1 otherwise. */
int secret_form_token_check(const char *token, const char *bind, long long now, long long min_age, long long max_age);
#endif
