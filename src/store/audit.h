/* The tamper-evident audit trail: append-only events, each carrying a
 * BLAKE2b hash chained to the previous event. */
#ifndef WAYMARK_STORE_AUDIT_H
#define WAYMARK_STORE_AUDIT_H
#include <stddef.h>
#include <stdint.h>
#include "core/audit_action.h"
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

#define AUDIT_HASH_HEX 65

/* The chain's head as this connection's open transaction last wrote it. A
 * transaction that appends many events (the group commit writer's) lends
 * one through st->audit_memo, so that only its first append reads the head:
 * while the transaction is open no one else can move it (it holds SQLite's
 * write lock, or on PostgreSQL the head row's lock, taken by that first
 * append). The lender keeps it true: cleared when the transaction begins,
 * and put back as it was when a savepoint is rolled back. */
struct audit_memo {
	int valid;
	int64_t id;
	char hash[AUDIT_HASH_HEX];
};

/* Appends an event. Call inside the caller's transaction when the event
 * records a write (so both commit together); otherwise it opens its own.
 * Returns 0 or -1. */
int audit_append(struct store *st, const struct audit_event *ev);

/* Checks the whole chain. Returns 0 when intact; otherwise 1 with the id of
 * the first event whose hash does not match in *bad_id; -1 on error. */
int audit_verify(struct store *st, int64_t *bad_id, int64_t *checked);
#endif
