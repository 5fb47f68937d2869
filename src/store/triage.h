/* Triage in the database: the active rules, what triage knows about a
 * referral, the queue, applying a decision (with allocation to a worker,
 * community support tasks or a signpost record), contacts, reassignment,
 * the breach watch and the follow-up KPI. Each write runs inside the
 * caller's transaction, so the caller adds its audit event and commits. */
#ifndef WAYMARK_STORE_TRIAGE_H
#define WAYMARK_STORE_TRIAGE_H
#include <stddef.h>
#include <stdint.h>
#include "core/allocate.h"
#include "core/fielderr.h"
#include "core/kpi.h"
#include "core/refcode.h"
#include "core/triage_rules.h"
#include "store/store.h"

#define TRIAGE_TEXT_MAX 1000           /* override reasons, notes (characters) */
#define TRIAGE_INFO_MAX 4000           /* signpost information */
#define TRIAGE_TASK_WINDOW (14 * 86400) /* community support lasts at most two weeks */
#define TRIAGE_SUBJECT_REASONS 32

/* ---- Rule sets ---- */

/*
 * Loads the active rules: the stored active version, else the built-in
 * default. *json_out (if not NULL) gets a new copy of the document text
 * (free it). Returns 1 (stored), 0 (built-in default) or -1 (error, or the
 * stored document no longer parses).
 */
int triage_rules_load(struct store *st, struct triage_rules *out, char **json_out);
/* The highest stored version, or the default's when none is stored. -1 on error. */
int64_t triage_rules_current_version(struct store *st);
/* Stores a parsed document as the new active version (rules->version must
 * be above every stored one: checked by the caller). 0 or -1. */
int triage_rules_save(struct store *st, const char *json, const struct triage_rules *rules, int64_t user_id,
		      int64_t now);
/* Stores the built-in default as the active version if no version is stored. 0 or -1. */
int triage_rules_ensure(struct store *st, int64_t now);

struct triage_rules_version {
	int64_t version, saved_at;
	int active;
	const char *saved_by; /* "" for the built-in default */
};
/* Calls fn for the newest limit versions, newest first (v is borrowed for
 * the call). Returns the count or -1. */
int triage_rules_history(struct store *st, int limit, void (*fn)(void *ctx, const struct triage_rules_version *v),
			 void *ctx);

/* ---- A referral as triage sees it ---- */

struct triage_subject {
	int64_t id, person_id, received_at, sla_due_at, duplicate_of, date_of_birth;
	int64_t first_contact_at; /* first successful contact, KPI_NONE if none */
	int64_t attempts;         /* contacts recorded, any outcome */
	char reference[REFCODE_MAX], duplicate_ref[REFCODE_MAX];
	char status[24], source[40], urgency[16], channel[8];
	char given_name[404], family_name[404], postcode[12], area[40], practice[16], cluster[64];
	char referrer_org[404];
	char reasons[TRIAGE_SUBJECT_REASONS][40];
	size_t nreasons;
	int home_check_needed;    /* the referrer asked for a home check before discharge */
	struct triage_input in;   /* valid when in_ok */
	int in_ok;
};

/* Reads referral id. Returns 1, 0 when there is none, -1 on error. */
int triage_subject_get(struct store *st, int64_t id, int64_t now, struct triage_subject *s);

struct search_query;
struct triage_queue_query {
	const char *source; /* "" or NULL: any */
	const char *area;   /* "" or NULL: any */
	int limit;          /* rows read, 1..1000 */
	const struct search_query *search; /* NULL or SEARCH_ALL: any person; else those it finds */
	int newest;         /* 1: newest received first; 0: due soonest first */
	int64_t offset;     /* rows skipped */
};
/* Calls fn for each received referral, due soonest first (s is borrowed
 * for the call). Returns the number of rows, or -1. */
int triage_queue(struct store *st, const struct triage_queue_query *q, int64_t now,
		 void (*fn)(void *ctx, const struct triage_subject *s), void *ctx);
/* Received referrals matching the filters; -1 on error. */
int64_t triage_queue_count(struct store *st, const struct triage_queue_query *q);

/* ---- Decisions ---- */

enum triage_result {
	TRIAGE_OK,
	TRIAGE_NOT_FOUND,
	TRIAGE_CONFLICT, /* the referral is not in a state for this (already triaged, ...) */
	TRIAGE_INVALID,  /* field errors */
	TRIAGE_ERROR,    /* the store's error */
};

struct triage_request {
	int64_t referral_id;
	const char *tier;        /* a tier code */
	const char *reason;      /* override: why (required); decline: a rejection_reasons code; confirm: a note */
	const char *information; /* signpost: the information given (optional) */
	int64_t user_id, org_id; /* who decides */
	int64_t now;
};

struct triage_outcome {
	int64_t decision_id, case_id, person_id, signpost_id;
	char outcome[16];          /* confirmed, overridden, rejected */
	char status[24];           /* the referral's status afterwards */
	char tier[24];
	struct triage_suggestion sug;
	struct allocate_result alloc; /* alloc.status ALLOCATE_NOT_NEEDED for tiers without a worker */
	int64_t org_id, worker_id;
	char org_name[200], worker_name[128];
	int tasks;
};

/*
 * Triages a received referral: suggests with the active rules, checks the
 * request against the suggestion (fe gets "tier" / "reason" / "information"
 * problems), records the decision with the rules version, then by tier:
 * social prescribing and complex support are allocated to a worker
 * (core/allocate; without one the referral stays "triaged" for the hub to
 * allocate by hand), community support opens a case with the provider
 * covering the person's area and a task for volunteer matching, signpost
 * records the information and closes, decline rejects. Each status change
 * is a referral event. Inside the caller's transaction.
 */
enum triage_result triage_apply(struct store *st, const struct triage_request *rq, struct triage_outcome *out,
				struct field_errors *fe);

/* The suggestion for a referral now, from the given rules. 0, or -1 when
 * the referral's stored values are outside the triage vocabularies. */
int triage_suggest_for(const struct triage_rules *rules, const struct triage_subject *s, struct triage_suggestion *out);

struct triage_decision_view {
	int64_t id, rule_version, decided_by, decided_at;
	int home_check;
	char rule_name[TRIAGE_NAME_MAX];
	char suggested_tier[24], tier[24], outcome[16], rejection_reason[40];
	char suggestion_reason[TRIAGE_REASON_MAX];
	char override_reason[TRIAGE_TEXT_MAX * 4 + 1];
	char note[TRIAGE_TEXT_MAX * 4 + 1];
	char decided_by_name[128];
};
/* The latest decision about referral id: 1, 0 none, -1 error. */
int triage_decision_get(struct store *st, int64_t referral_id, struct triage_decision_view *d);

struct triage_case {
	int64_t id, org_id, worker_id, opened_at, closed_at;
	int overflowed, home_check;
	char tier[24], status[8], closure_reason[40];
	char org_name[200], worker_name[128];
	char reason[ALLOCATE_REASON_MAX + 64];
};
/* The case of referral id: 1, 0 none, -1 error. */
int triage_case_get(struct store *st, int64_t referral_id, struct triage_case *c);
/* 1 if org holds the case of referral id, 0 if not, -1 on error. */
int triage_case_held_by(struct store *st, int64_t referral_id, int64_t org_id);

/* What a full read of a referral shows of triage. */
struct triage_view {
	struct triage_subject s;
	struct triage_decision_view d; /* the latest, when has_decision */
	struct triage_case c;          /* when has_case */
	int has_decision, has_case;
};
/* Reads the subject, latest decision and case from a row whose columns are
 * TRIAGE_SUBJECT_COLUMNS, TRIAGE_DECISION_COLUMNS and TRIAGE_CASE_COLUMNS
 * (from store/referral_read.c); the subject's reasons are the caller's (codes
 * in order, as it read them with the referral). Returns the columns read. */
int triage_view_row_read(const struct store_row *r, int64_t now, const char *const *reasons, size_t nreasons,
			 struct triage_view *v);

/* ---- Reassignment ---- */

struct triage_reassign {
	int64_t referral_id;
	int64_t worker_id;
	const char *reason;     /* required */
	int64_t user_id, org_id;
	int own_org_only;       /* a provider manager: the case and the worker must be in org_id */
	int64_t now;
};
/* Gives the referral's case to another worker (of the kind its tier
 * needs), or allocates a triaged referral that found nobody. fe gets
 * "worker_id" / "reason" problems. Inside the caller's transaction. */
enum triage_result triage_reassign(struct store *st, const struct triage_reassign *rq, struct triage_outcome *out,
				   struct field_errors *fe);

/* ---- Contacts ---- */

struct triage_contact_request {
	int64_t referral_id;
	int64_t at;              /* UTC seconds */
	const char *mode;        /* a session_modes code */
	const char *outcome;     /* a contact_outcomes code */
	const char *note;        /* optional */
	int64_t user_id, org_id, now;
};
/*
 * Records a contact attempt. A successful contact by the organisation
 * holding an allocated case starts the work (status in_progress, an
 * event). fe gets "at" / "mode" / "outcome" / "note" problems; a declined
 * or withdrawn referral is TRIAGE_CONFLICT. *status_out (24 bytes) gets the
 * referral's status afterwards. Inside the caller's transaction.
 */
enum triage_result triage_contact_add(struct store *st, const struct triage_contact_request *rq, int64_t *id,
				      char status_out[24], struct field_errors *fe);

struct triage_contact {
	int64_t id, at, recorded_at;
	char mode[24], outcome[24], by[128];
	char note[TRIAGE_TEXT_MAX * 4 + 1];
};
int triage_contacts(struct store *st, int64_t referral_id, void (*fn)(void *ctx, const struct triage_contact *c),
		    void *ctx);

/* ---- Status changes outside triage (closing, withdrawing) ---- */

/* Closes the referral (status in_progress, allocated or triaged) and its
 * case with a closure_reasons code. Inside the caller's transaction. */
enum triage_result triage_close(struct store *st, int64_t referral_id, const char *closure_reason, int64_t user_id,
				int64_t now);
/* Withdraws an open referral (and closes its case as "withdrawn"). */
enum triage_result triage_withdraw(struct store *st, int64_t referral_id, const char *detail, int64_t user_id,
				   int64_t now);

/* ---- Vocabularies ---- */

/* 1 if code is in vocabulary vocab (copying its label into label when not
 * NULL), 0 if not, -1 on error. */
int triage_vocab_has(struct store *st, const char *vocab, const char *code, char *label, size_t labellen);
/* The codes of vocab joined by ", " into out (for messages). */
void triage_vocab_codes(struct store *st, const char *vocab, char *out, size_t outlen);

/* 1 if area code exists (its name copied into name when not NULL), 0 if not, -1 on error. */
int triage_area_name(struct store *st, const char *code, char *name, size_t namelen);
/* Calls fn for each area (code, name) in code order. Returns the count or -1. */
int triage_areas(struct store *st, void (*fn)(void *ctx, const char *code, const char *name), void *ctx);

/* ---- Breach watch and KPI ---- */

#define TRIAGE_WATCH_MAX 50      /* referrals listed */
#define TRIAGE_WATCH_SCAN 5000   /* referrals looked at in one scan */

struct triage_watch_item {
	int64_t id, received_at, sla_due_at, remaining;
	enum kpi_state state;    /* KPI_AT_RISK or KPI_OVERDUE */
	char reference[REFCODE_MAX], status[24], name[200], area[40];
};
struct triage_watch {
	int64_t scanned_at;      /* 0: never scanned */
	int64_t at_risk, overdue; /* how many in all */
	size_t n;                /* items listed: at risk (due soonest first), then overdue (longest overdue first) */
	struct triage_watch_item items[TRIAGE_WATCH_MAX];
};
/* Open referrals with no successful contact that are at risk or overdue at now. 0 or -1. */
int triage_watch_scan(struct store *st, const struct workclock *wc, int64_t now, struct triage_watch *out);

struct triage_kpi {
	struct kpi_followup f;
	int64_t attempts;  /* contact records of the referrals counted */
	int64_t excluded;  /* rejected or withdrawn without a successful contact: not counted */
};
/* The follow-up figures for referrals received in [from_utc, to_utc), in
 * area (NULL or "": all). 0 or -1. */
int triage_kpi_followup(struct store *st, const struct workclock *wc, int64_t from_utc, int64_t to_utc,
			const char *area, int64_t now, struct triage_kpi *out);
#endif
