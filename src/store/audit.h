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
	const int64_t *people;  /* the people a list read showed (may be NULL) */
	size_t npeople;
};

/* The most people one event names: a longer list is cut (a page of a list
 * is at most this long). */
#define AUDIT_PEOPLE_MAX 1000

#define AUDIT_HASH_HEX 65

/* The chain's head as this connection's open transaction last wrote it. A
 * transaction that appends many events (the group commit writer's) lends
 * one through st->audit_memo, so that only its first append reads the head:
 * while the transaction is open no one else can move it (it holds SQLite's
 * write lock, or on PostgreSQL the head row's lock, taken by that first
 * append). The lender keeps it true: cleared when the transaction begins,
 * and put back as it was when a savepoint is rolled back. The appends then
 * leave the head row to the lender, who writes it once with
 * audit_memo_flush before committing. */
struct audit_memo {
	int valid;
	int dirty; /* appended since the head row was last written */
	int64_t id;
	char hash[AUDIT_HASH_HEX];
};
/* Writes the chain's head as memo has it, when events were appended since. 0 or -1. */
int audit_memo_flush(struct store *st, struct audit_memo *memo);

/* Events a run of the person index holds (sql/migrations/180_audit_person_runs.sql). */
#define AUDIT_RUN 2048

/* Indexes the people of the chain's whole runs not yet indexed, at most
 * max_runs of them, each in its own transaction, and sets *upto to the last
 * event indexed. Returns the runs indexed, or -1. One connection should call
 * it at a time (the group commit writer); another that does finds the run
 * done and goes on from there. */
int audit_index_people(struct store *st, int max_runs, int64_t *upto);

/* Appends an event. Call inside the caller's transaction when the event
 * records a write (so both commit together); otherwise it opens its own.
 * Returns 0 or -1. */
int audit_append(struct store *st, const struct audit_event *ev);

/* What the audit list shows: events newest first, older than before_id. */
struct audit_filter {
	const char *action; /* "" for any */
	int64_t user_id;    /* 0 for any */
	int64_t person_id;  /* 0 for any: else events about them or naming them in a list */
	int64_t before_id;  /* INT64_MAX for the newest */
	int64_t limit;
};

/* One listed event (strings borrowed for the callback's duration). */
struct audit_listed {
	int64_t id, at, user_id, org_id, entity_id, person_id;
	const char *role, *action, *entity, *addr, *request_id, *detail;
	/* Names for people to read ("" when none): who acted and their
	 * organisation, the person touched, the referral's reference when the
	 * record is a referral, the user's name when the record is a user. */
	const char *user_name, *org_name, *person_name, *reference, *entity_user_name;
};

/* Calls row for each event matching f; row returns 0 to go on. Returns the
 * number of events seen, or -1. */
int audit_list(struct store *st, const struct audit_filter *f,
	       int (*row)(void *ctx, const struct audit_listed *ev), void *ctx);

/* Checks the whole chain. Returns 0 when intact; otherwise 1 with the id of
 * the first event whose hash does not match in *bad_id; -1 on error. */
int audit_verify(struct store *st, int64_t *bad_id, int64_t *checked);
/* Counts the distinct stored action codes that are not on the list of
 * core/audit_actions.def (a renamed action, or an event written by another
 * program); names the first in first. Returns the count, or -1. */
int audit_unknown_actions(struct store *st, char *first, size_t firstlen);
#endif
