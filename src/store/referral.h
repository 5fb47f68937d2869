/* Storing and reading referrals: finding or creating the person, taking a
 * reference number, flagging possible duplicates, reasons and events. */
#ifndef WAYMARK_STORE_REFERRAL_H
#define WAYMARK_STORE_REFERRAL_H
#include <stdint.h>
#include "core/referral_refs.h"
#include "core/referral_validate.h"
#include "core/refcode.h"
#include "store/store.h"

/* Loads vocabularies, practices and postcode districts into r (which the
 * caller has initialised and frees). Returns 0 or -1. */
int referral_refs_load(struct store *st, struct referral_refs *r);
/* The server's copy, loaded on first use through st and kept for the life of
 * the process (reference data changes only with `waymark init`). Borrowed;
 * NULL if it cannot be read. Thread-safe. */
const struct referral_refs *referral_refs_app(struct store *st);

/* Reference numbers handed out a block at a time (an import takes a block
 * per batch). The block is taken inside the caller's transaction, so a
 * rollback returns it: call referral_seq_reset after one. */
struct referral_seq {
	int year;      /* 2000-2099 */
	int64_t next;  /* next number to hand out */
	int64_t end;   /* one past the last number of the block */
};
void referral_seq_reset(struct referral_seq *q);
/* Writes the next reference; takes a new block of `block` numbers when the
 * current one is used up. Returns 0 or -1. */
int referral_seq_next(struct store *st, struct referral_seq *q, int year, int64_t block, char out[REFCODE_MAX]);

/* Ids named by the caller instead of taken with RETURNING: only for SQLite
 * inside a transaction that holds the write lock (a bulk import), where the
 * next id is always one past the highest. */
struct keyfilter;
#define REFERRAL_MAYBE_NHS 1u /* the NHS number may belong to someone */
#define REFERRAL_MAYBE_KEY 2u /* the match key may belong to someone */

struct referral_ids {
	int active;
	int64_t next_person;
	int64_t next_referral;
	/* When set: the caller has asked a filter of every person's keys
	 * (core/keyfilter) about this row, and maybe says what it answered
	 * (REFERRAL_MAYBE_*): a key it has never seen belongs to no one, so it
	 * is not looked for. Only while the caller is the database's one
	 * writer; the caller adds the row's keys to its filter. */
	int hinted;
	unsigned maybe;
	uint32_t key_tag; /* with hinted: keytab_tag of the row's match key */
	/* When set: new people, referrals and reasons are held back here and
	 * inserted several rows at a time (store/referral_group.h); the caller
	 * flushes it before its rows' texts go away and before commit. */
	struct referral_group *group;
	/* When set: people_match_key and referrals_queue are deferred (dropped
	 * until referral_indexes_restore, store/referral_defer.h), and people
	 * are found by match key through this table of every person's key,
	 * which the people created here join. Owned here. */
	struct keytab *by_key;
};
/* Reads the highest ids (call after BEGIN). Returns 0 or -1. */
int referral_ids_start(struct store *st, struct referral_ids *ids);
/* Adds every person's NHS number and match key to kf, and (when kt is not
 * NULL) their match key and id to kt. Returns 0, or -1 (kt full, or the
 * store's error). */
struct keytab;
int referral_people_keys_load(struct store *st, struct keyfilter *kf, struct keytab *kt);

struct kpisum_acc;

/* Who and how, for a new referral. */
struct referral_meta {
	const char *channel;         /* "form", "self", "api" or "import" */
	int64_t referrer_user_id;    /* 0: none */
	int64_t referrer_org_id;     /* 0: none */
	int64_t created_by_user_id;  /* 0: none (self-referral, command line) */
	int64_t now;                 /* UTC seconds */
	int64_t received_at;         /* UTC seconds */
	int64_t sla_due_at;          /* UTC seconds */
	/* For a bulk import, which writes a batch's KPI summaries and events at
	 * once: when set, the referral's follow-up KPI contribution is added to
	 * kpi_acc (written with kpisum_acc_write) instead of to the summaries... */
	struct kpisum_acc *kpi_acc;
	/* ...and with events_later its 'received' event is not written
	 * (referral_store_received_events writes a range of them). */
	int events_later;
};

struct referral_created {
	int64_t id;
	int64_t person_id;
	int64_t duplicate_of;        /* an open referral of the same person, or 0 */
	int new_person;
	char reference[REFCODE_MAX];
};

/*
 * Stores a checked referral inside the caller's transaction: finds the
 * person (NHS number, else match key) and fills in only the details they
 * lack (never overwriting one; the referral keeps what it was given), or
 * creates them; flags a possible duplicate of their latest
 * open referral; takes a reference from seq; writes reasons and the
 * 'received' event. ids is NULL except for a bulk import on SQLite (see
 * struct referral_ids). Returns 0, or -1 with the store's error (the caller
 * rolls back).
 */
int referral_store_create(struct store *st, const struct referral_rec *rec, const struct referral_meta *m,
			  struct referral_seq *seq, int64_t seq_block, struct referral_ids *ids,
			  struct referral_created *out);

/* The 'received' events of referrals first_id..last_id that were created
 * with events_later (channel in the detail, as referral_store_create
 * writes it). Returns 0 or -1. */
int referral_store_received_events(struct store *st, int64_t first_id, int64_t last_id);

/* One referral as stored: the model's fields in rec, plus the bookkeeping. */
struct referral_view {
	int64_t id, person_id, received_at, sla_due_at, created_at, updated_at;
	int64_t duplicate_of, referrer_user_id, referrer_org_id, created_by_user_id;
	char reference[REFCODE_MAX];
	char status[24];
	char channel[8];
	struct referral_rec rec; /* the person's details now; texts (and reasons, outcode, area) point into rec.scratch */
	/* The person's W_PS fields as the referral gave them (texts in rec.scratch;
	 * unset for referrals stored before they were kept). */
	struct referral_value submitted[RF__MAX];
};

/* Reads referral id into v. Returns 1, 0 when there is none, -1 on error. */
int referral_store_get(struct store *st, int64_t id, struct referral_view *v);
/* For reads that take a referral's columns from a larger statement
 * (store/referral_read.c): empty v; read REFERRAL_GET's columns from the
 * start of row, returning how many; add a reason code (copied into v). */
void referral_view_clear(struct referral_view *v);
int referral_view_row_read(const struct store_row *row, struct referral_view *v);
int referral_view_add_reason(struct referral_view *v, const char *code);

/* Status and dates only (what a referrer may see of their own referrals). */
struct referral_status {
	int64_t id, received_at, sla_due_at, updated_at, referrer_user_id, person_id;
	char reference[REFCODE_MAX];
	char status[24];
};
/* Returns 1, 0 when there is none, -1 on error. */
int referral_store_status(struct store *st, int64_t id, struct referral_status *s);

struct referral_event {
	int64_t at, user_id;
	char kind[32];
	char from_status[24];
	char to_status[24];
	char detail[128];
};
/* Calls fn for each event of referral id, oldest first. Returns the count or -1. */
int referral_store_events(struct store *st, int64_t id, void (*fn)(void *ctx, const struct referral_event *e),
			  void *ctx);

/* A row of a referral list. Names are present only for lists that may show them. */
struct referral_summary {
	int64_t id, received_at, sla_due_at, updated_at, duplicate_of, person_id, date_of_birth;
	char reference[REFCODE_MAX];
	char status[24];
	char source[40];
	char urgency[16];
	char channel[8];
	char given_name[404];  /* for a referrer's list: the name their referral gave */
	char family_name[404];
	char postcode[12];
	char area[40];
	int has_person;
};

struct search_query;
struct referral_list_query {
	int64_t before_id;    /* cursor: only ids below this (INT64_MAX for the first page) */
	const char *status;   /* "" for any */
	const char *source;   /* "" for any */
	int limit;            /* 1-200 */
	int64_t referrer_user_id; /* > 0: only this referrer's referrals, status and dates only */
	int oldest;           /* 1: oldest first, after_id the cursor */
	int64_t after_id;     /* oldest first: only ids above this (0 for the first page) */
	const struct search_query *search; /* NULL or SEARCH_ALL: every referral; else those it finds */
};
/* Calls fn for each referral of the page, newest (or oldest) first. Returns the count or -1. */
int referral_store_list(struct store *st, const struct referral_list_query *q,
			void (*fn)(void *ctx, const struct referral_summary *s), void *ctx);
#endif
