/* Bearer tokens resolved through a small per-thread cache (http/token_cache.c). */
#ifndef WAYMARK_HTTP_TOKEN_CACHE_H
#define WAYMARK_HTTP_TOKEN_CACHE_H
#include "store/account.h"

/* What token grants at now, as account_token_load answers it (1 live, 0
 * not, -1 store error), from this thread's cache when nothing that could
 * change the answer has happened since it was cached. */
int token_cache_resolve(struct store *st, const char *token, int64_t now, struct account_grant *out);
#endif
