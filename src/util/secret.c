/* Secrets through libsodium: random tokens, at-rest hashes, argon2id, and
 * MACed form tokens for signed-out forms. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/secret.h"

void secret_token(char out[SECRET_TOKEN_HEX])
{
	unsigned char b[32];
	randombytes_buf(b, sizeof b);
	sodium_bin2hex(out, SECRET_TOKEN_HEX, b, sizeof b);
}

void secret_token_hash(const char *token, char out[SECRET_HASH_HEX])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(out, SECRET_HASH_HEX, h, sizeof h);
}

/* Interactive limits keep a sign-in under ~100 ms on this class of machine;
 * WAYMARK_PWHASH_FAST (tests only) uses the minimum so suites stay quick. */
int secret_password_hash(const char *password, char out[SECRET_PWHASH_LEN])
{
	int fast = getenv("WAYMARK_PWHASH_FAST") != NULL;
	unsigned long long ops = fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
	size_t mem = fast ? crypto_pwhash_MEMLIMIT_MIN * 8 : crypto_pwhash_MEMLIMIT_INTERACTIVE;
	char tmp[crypto_pwhash_STRBYTES];
	if (crypto_pwhash_str_alg(tmp, password, strlen(password), ops, mem, crypto_pwhash_ALG_ARGON2ID13))
		return -1;
	snprintf(out, SECRET_PWHASH_LEN, "%s", tmp);
	return 0;
}

int secret_password_check(const char *stored, const char *password)
{
	return crypto_pwhash_str_verify(stored, password, strlen(password)) == 0;
}

int secret_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la != lb || la == 0)
		return 0;
	return sodium_memcmp(a, b, la) == 0;
}

static unsigned char form_key[crypto_auth_KEYBYTES];
static int form_key_ready;

static void form_key_init(void)
{
	/* Made once per process; a restart invalidates open forms, which then
	 * simply ask to be sent again. */
	if (!form_key_ready) {
		crypto_auth_keygen(form_key);
		form_key_ready = 1;
	}
}

/* The MAC covers the time and what the token is bound to ("ts.bind"). */
static void form_mac(const char *ts, const char *bind, unsigned char mac[crypto_auth_BYTES])
{
	form_key_init();
	char msg[128];
	snprintf(msg, sizeof msg, "%s.%.64s", ts, bind);
	crypto_auth(mac, (const unsigned char *)msg, strlen(msg), form_key);
}

void secret_form_token(long long now, const char *bind, char *out, size_t outlen)
{
	char ts[24];
	snprintf(ts, sizeof ts, "%lld", now);
	unsigned char mac[crypto_auth_BYTES];
	form_mac(ts, bind, mac);
	char hex[crypto_auth_BYTES * 2 + 1];
	sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
	snprintf(out, outlen, "%s.%s", ts, hex);
}

int secret_form_token_check(const char *token, const char *bind, long long now, long long min_age, long long max_age)
{
	if (!token || !bind)
		return -1;
	const char *dot = strchr(token, '.');
	if (!dot || dot == token || dot - token > 20)
		return -1;
	char ts[24];
	snprintf(ts, sizeof ts, "%.*s", (int)(dot - token), token);
	unsigned char mac[crypto_auth_BYTES], want[crypto_auth_BYTES];
	size_t len = 0;
	if (sodium_hex2bin(mac, sizeof mac, dot + 1, strlen(dot + 1), NULL, &len, NULL) || len != sizeof mac)
		return -1;
	form_mac(ts, bind, want);
	if (sodium_memcmp(mac, want, sizeof mac))
		return -1;
	long long made = strtoll(ts, NULL, 10);
	if (now - made < min_age || now - made > max_age)
		return -1;
	return 0;
}
