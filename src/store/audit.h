/* The tamper-evident audit trail: append-only events, each carrying a
 * BLAKE2b hash chained to the previous event. */
#ifndef WAYMARK_STORE_AUDIT_H
#define WAYMARK_STORE_AUDIT_H
#include <stddef.h>
#include <stdint.h>
#include "store/store.h"

struct audit_event {
	int64_t at;             /* UTC seconds */
	int64_t user_id;        /* 0 when unknown (e.g. failed sign-in) */
	const char *role;       /* role code, "" when none */
	int64_t org_id;
	const char *action;     /* e.g. "referral.read", "referral.create", "login.fail", "deny" */
	const char *entity;     /* e.g. "referral", "person", "" */
	int64_t entity_id;
	int64_t person_id;      /* the person whose record was touched, 0 if none */
	const char *addr;       /* client address */
	const char *request_id;
	const char *detail;     /* short free text, e.g. the route for a denial */
};

/* Appends an event. Call inside the caller's transaction when the event
 * records a write (so both commit together); otherwise it opens its own.
 * Returns 0 or -1. */
int audit_append(struct store *st, const struct audit_event *ev);

/* Checks the whole chain. Returns 0 when intact; otherwise 1 with the id of
 * the first event whose hash does not match in *bad_id; -1 on error. */
int audit_verify(struct store *st, int64_t *bad_id, int64_t *checked);
#endif
