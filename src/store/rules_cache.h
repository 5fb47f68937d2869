/* A per-thread cache of the parsed triage rules, so a read that shows the
 * suggested tier does not parse the stored rules document every time. */
#ifndef WAYMARK_STORE_RULES_CACHE_H
#define WAYMARK_STORE_RULES_CACHE_H
#include "core/triage_rules.h"

/* 1 with *out filled when exactly this text was parsed on this thread (its
 * rules past out->n are left as they were), else 0. */
int triage_rules_cache_get(const char *text, struct triage_rules *out);
/* Remembers r as the parse of text for this thread (best effort). */
void triage_rules_cache_put(const char *text, const struct triage_rules *r);
#endif
