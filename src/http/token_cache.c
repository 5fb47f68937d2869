/* Bearer tokens resolved from a small per-thread cache. A hit costs one
 * indexed read of the auth generation (migration 160) instead of hashing
 * the token and joining tokens to users. Every change to what a token
 * grants, made by any process, moves the generation in its own transaction,
 * and a thread that sees the generation move empties its cache before it
 * answers: a revoked token or a deactivated user is refused on the next
 * request, as without the cache. The generation is read before the token,
 * so a change that lands between the two is either seen by the token's
 * read or moves the generation past the one the entry is kept under. */
#include <stdio.h>
#include <string.h>
#include "http/token_cache.h"
#include "util/secret.h"

#define SLOTS 32     /* per thread; more live API clients than this only miss more */
#define TOKEN_MAX 128 /* longer tokens are refused before they get here */

struct slot {
	char token[TOKEN_MAX];
	struct account_grant g;
};

static _Thread_local struct slot slots[SLOTS];
static _Thread_local int64_t slots_gen = -1;

static unsigned slot_of(const char *t)
{
	unsigned h = 2166136261u; /* FNV-1a */
	for (; *t; t++)
		h = (h ^ (unsigned char)*t) * 16777619u;
	return h % SLOTS;
}

int token_cache_resolve(struct store *st, const char *token, int64_t now, struct account_grant *out)
{
	int64_t gen;
	if (account_auth_generation(st, &gen) < 0)
		return -1;
	if (gen != slots_gen) {
		memset(slots, 0, sizeof slots);
		slots_gen = gen;
	}
	struct slot *s = &slots[slot_of(token)];
	if (s->token[0] && now < s->g.expires_at && secret_equal(s->token, token)) {
		account_token_touch(st, &s->g, now);
		*out = s->g;
		return 1;
	}
	int r = account_token_load(st, token, now, out);
	if (r == 1 && strlen(token) < sizeof s->token) {
		snprintf(s->token, sizeof s->token, "%s", token);
		s->g = *out;
	}
	return r;
}
