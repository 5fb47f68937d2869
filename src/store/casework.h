/* Case work in the database (docs/CASEWORK.md): a case with everything
 * recorded on it, a worker's caseload, and each thing a worker records
 * (sessions, goals, assessment, onward referrals, unmet needs, safeguarding
 * concerns, consents, case studies, outcome measures, closure, drop-out).
 * Each write runs inside the caller's transaction (ops/casework.c, which
 * checks the input against model/case.def first, adds the audit event and
 * commits); the store keeps only the rules that need the records (a goal of
 * the case, an onward referral's next status, a measure already taken). */
#ifndef WAYMARK_STORE_CASEWORK_H
#define WAYMARK_STORE_CASEWORK_H
#include <stddef.h>
#include <stdint.h>
#include "core/fielderr.h"
#include "core/instrument.h"
#include "core/nhsnum.h"
#include "core/refcode.h"
#include "model/case.h"
#include "store/store.h"

#define CASEWORK_PLANNED_SESSIONS 5  /* the prospectus's "average of five" */
#define CASEWORK_DUE_DAYS 14         /* an open case with nothing recorded for this long is overdue */
#define CASEWORK_DROPOUT_DEFAULT 3   /* setting dropout_attempts */
#define CASEWORK_NEEDS_MAX 16        /* needs in one assessment */

/* SNOMED CT codes on referral events (docs/CASEWORK.md). */
#define CASEWORK_SNOMED_SP_ACCEPTED "871731000000106" /* referral to social prescribing service */
#define CASEWORK_SNOMED_SP_DECLINED "871711000000103" /* social prescribing declined */

enum casework_result {
	CASEWORK_OK,
	CASEWORK_NOT_FOUND, /* no such case (or goal, onward referral of the case) */
	CASEWORK_CONFLICT,  /* the case is closed, a measure's phase is already recorded, ... (message in conflict) */
	CASEWORK_INVALID,   /* field errors */
	CASEWORK_ERROR,     /* the store's error */
};

/* What conflicted, for a 409 (set by the write functions). */
struct casework_conflict {
	char message[200];
};

/* ---- Reading ---- */

/* The organisation holding case id: 1 (*org_id set), 0 no such case, -1 error. */
int casework_case_org(struct store *st, int64_t case_id, int64_t *org_id);
/* The case of a referral: 1 (*case_id set), 0 none, -1 error. */
int casework_case_of_referral(struct store *st, int64_t referral_id, int64_t *case_id);
/* The worker record of a user: 1 (*worker_id set), 0 none, -1 error. */
int casework_worker_of_user(struct store *st, int64_t user_id, int64_t *worker_id);
/* Calls fn with each code of vocabulary name (data/vocab), its label and its
 * extra column, in order, until fn returns nonzero. Returns 0 or -1. */
int casework_vocab(struct store *st, const char *name,
		   int (*fn)(void *ctx, const char *code, const char *label, const char *extra), void *ctx);
/* The setting dropout_attempts (default CASEWORK_DROPOUT_DEFAULT). */
int casework_dropout_attempts(struct store *st);

struct casework_flags {
	int safeguarding; /* a concern recorded, or the referrer flagged safeguarding */
	int discharge;    /* hospital discharge support (a discharge on the referral) */
	int overdue;      /* open, and what is due is past due_at */
};

/* One case as the caseload lists it. */
struct casework_summary {
	int64_t id, referral_id, person_id, org_id, worker_id;
	int64_t opened_at, closed_at;     /* closed_at 0 while open */
	int64_t last_contact_at;          /* latest successful contact or session; 0 none */
	int64_t due_at;                   /* when what is due is due; 0 nothing */
	int sessions, planned_sessions;
	int attempts_since_contact;       /* unsuccessful contact attempts since the last successful contact or session */
	int dropout, continuing_support;  /* continuing_support -1 until closed */
	int has_baseline, has_follow_up;  /* some instrument has a baseline / follow-up */
	struct casework_flags flags;
	char reference[REFCODE_MAX], referral_status[24];
	char tier[24], status[8], closure_reason[40];
	char person_name[404], org_name[200], worker_name[128];
	char nhs_number[NHSNUM_LEN];      /* "" when not known */
	char due[64];                     /* "first contact", "first session", "baseline measures", "session",
					     "follow-up measures and closure", "" when closed */
};

/* Reads one case: 1, 0 none, -1 error. */
int casework_summary_get(struct store *st, int64_t case_id, int64_t now, struct casework_summary *out);

struct casework_query {
	int64_t worker_id;  /* > 0: this worker's cases */
	int64_t org_id;     /* > 0: this organisation's cases */
	const char *status; /* "open" (default when NULL or ""), "closed" or "all" */
	const char *tier;   /* NULL or "": any */
	const char *flag;   /* NULL, "", "safeguarding", "discharge" or "overdue" */
	int limit;          /* 1..1000 */
	int sort;           /* enum caseload_sort (core/list_sorts.h); 0 due soonest */
};
/* Calls fn for each case matching q (due soonest first for open cases;
 * s borrowed for the call). Returns the number listed, or -1. */
int casework_caseload(struct store *st, const struct casework_query *q, int64_t now,
		      void (*fn)(void *ctx, const struct casework_summary *s), void *ctx);
/* Drop-outs (cases closed as drop-outs) of an organisation (0: all). -1 on error. */
int64_t casework_dropout_count(struct store *st, int64_t org_id);

/* Each record's fields are v, by running index (CASE_I(R, name), model/case.def):
 * texts (never NULL) owned by the case, given 0 when the column is null or "". */
struct casework_assessment {
	int64_t id, at, by_user_id;
	int version; /* 0: never assessed */
	char by[128];
	struct case_value v[CASE_FIELDS_MAX];
	struct case_value needs[CASEWORK_NEEDS_MAX][CASE_FIELDS_MAX]; /* each by CASE_I(NEED, ...) */
	size_t nneeds;
};
struct casework_goal_update {
	int64_t id, goal_id, at;
	char by[128];
	struct case_value v[CASE_FIELDS_MAX]; /* CASE_I(PROGRESS, ...) */
};
struct casework_goal {
	int64_t id, created_at, updated_at;
	char by[128];
	struct case_value v[CASE_FIELDS_MAX];
	struct casework_goal_update *updates; /* oldest first */
	size_t nupdates;
};
struct casework_onward_update {
	int64_t id, at;
	char from_status[24], to_status[24], by[128];
	char *note;
};
struct casework_onward {
	int64_t id, made_at, updated_at;
	char status[24], by[128];
	struct case_value v[CASE_FIELDS_MAX];
	struct casework_onward_update *history; /* oldest first */
	size_t nhistory;
};
/* A session, a need that could not be met, a safeguarding concern, a consent, a case study. */
struct casework_record {
	int64_t id, by_user_id, at; /* at: when it was recorded */
	char by[128];
	struct case_value v[CASE_FIELDS_MAX];
};
struct casework_measure {
	int64_t id, at, recorded_at;
	enum instrument_id instrument;
	char instrument_code[16], phase[16], by[128];
	int answers[INSTRUMENT_ITEMS_MAX];
	size_t nanswers;
	struct instrument_score score; /* raw, score_x100 (ONS4: INSTRUMENT_NO_TOTAL and ons4[]) */
};
/* Baseline and follow-up of one instrument, and the change between them. */
struct casework_pair {
	enum instrument_id instrument;
	const struct casework_measure *baseline, *follow_up; /* into measures[]; follow_up NULL when not yet taken */
	int paired;                        /* both taken: change is set */
	struct instrument_change change;
	enum instrument_direction direction; /* SWEMWBS only: beyond the meaningful change */
};
struct casework_event {
	int64_t at, user_id;
	char kind[40], from_status[24], to_status[24], snomed[24];
	char *detail;
};

/* A case with everything recorded on it. Strings are owned by the struct:
 * free with casework_case_free. */
struct casework_case {
	struct casework_summary s;
	struct casework_assessment assessment; /* the latest; version 0 when none */
	int assessments;                        /* versions saved */
	struct casework_goal *goals;
	size_t ngoals;
	struct casework_record *sessions; /* oldest first */
	size_t nsessions;
	struct casework_onward *onward;
	size_t nonward;
	struct casework_record *unmet, *concerns, *consents, *studies;
	size_t nunmet, nconcerns, nconsents, nstudies;
	struct casework_measure *measures; /* by instrument, baseline first */
	size_t nmeasures;
	struct casework_pair pairs[INSTRUMENT__MAX]; /* one per instrument with a baseline */
	size_t npairs;
	struct casework_event *events; /* the referral's events, oldest first */
	size_t nevents;
	char **owned; /* every string above, freed by casework_case_free */
	size_t nowned, capowned;
};

/* Reads case id with everything: 1, 0 none, -1 error. Free with casework_case_free (also after 0 or -1). */
int casework_case_get(struct store *st, int64_t case_id, int64_t now, struct casework_case *out);
void casework_case_free(struct casework_case *c);

/* ---- Writing (inside the caller's transaction) ---- */

/* Common to every write: which case, who, when it happened and now. */
struct casework_who {
	int64_t case_id, user_id, now;
};

/* The writes below take the record's values by running index
 * (model/case.def, CASE_I), checked by ops/casework.c, times resolved. */

/* Records a session. The first session of an allocated referral starts the
 * work (in_progress); the first session of a social prescribing case records
 * the SNOMED "accepted" event. */
enum casework_result casework_session_add(struct store *st, const struct casework_who *w, const struct case_value *v,
					  int64_t *id);
/* Agrees a goal (status active unless given). */
enum casework_result casework_goal_add(struct store *st, const struct casework_who *w, const struct case_value *v,
				       int64_t *id);
/* Records progress on goal_id (status unchanged unless given); CASEWORK_NOT_FOUND when the goal is not the case's. */
enum casework_result casework_goal_progress(struct store *st, const struct casework_who *w, int64_t goal_id,
					    const struct case_value *v, int64_t *id);
/* Saves a new version of the assessment with its needs (each NEED's values); *version gets its number. */
enum casework_result casework_assessment_add(struct store *st, const struct casework_who *w, const struct case_value *v,
					     const struct case_value (*needs)[CASE_FIELDS_MAX], size_t nneeds, int64_t *id,
					     int *version);
/* Records an onward referral, status "made". */
enum casework_result casework_onward_add(struct store *st, const struct casework_who *w, const struct case_value *v,
					 int64_t *id);
/* Moves onward referral onward_id to the status given (field "status": only
 * the moves onward_referral_statuses allows). Allowed on a closed case too,
 * so the loop can be closed after the case. */
enum casework_result casework_onward_status(struct store *st, const struct casework_who *w, int64_t onward_id,
					    const struct case_value *v, struct field_errors *fe, struct casework_conflict *cf);
/* Records a need that could not be met (in the person's area unless another is given). */
enum casework_result casework_unmet_add(struct store *st, const struct casework_who *w, const struct case_value *v,
					int64_t *id);
/* Records a safeguarding concern and seals it (it can never be changed or
 * deleted; there is no function to do either). Allowed on a closed case. */
enum casework_result casework_concern_add(struct store *st, const struct casework_who *w, const struct case_value *v,
					  int64_t *id);
/* Always refuses (CASEWORK_CONFLICT with the reason): safeguarding concerns
 * are never deleted. Exists so callers and tests can say so through the store. */
enum casework_result casework_concern_delete(struct store *st, const struct casework_who *w, int64_t concern_id,
					     struct casework_conflict *cf);
enum casework_result casework_consent_add(struct store *st, const struct casework_who *w, const struct case_value *v,
					  int64_t *id);
enum casework_result casework_study_add(struct store *st, const struct casework_who *w, const struct case_value *v,
					int64_t *id);

struct casework_measure_rq {
	const char *instrument; /* "swemwbs", "ons4", "gse", "eqvas" */
	const char *phase;      /* "baseline" or "follow_up" */
	const int *answers;     /* in item order */
	size_t nanswers;
	int64_t at;             /* 0: now */
};
/* Scores (core/instrument) and records a measure checked by
 * casework_measure_check (core/casework.h). A second baseline (or follow-up) of an instrument
 * on a case, or a follow-up before its baseline, is CASEWORK_CONFLICT. */
enum casework_result casework_measure_add(struct store *st, const struct casework_who *w,
					  const struct casework_measure_rq *rq, int64_t *id,
					  struct instrument_score *score, struct field_errors *fe,
					  struct casework_conflict *cf);

/* Closes the case and its referral (triage_close). A social prescribing case
 * closed as declined_by_person records the SNOMED "declined" event. */
enum casework_result casework_close(struct store *st, const struct casework_who *w, const struct case_value *v,
				    struct casework_conflict *cf);
/* Closes an open case as a drop-out (reason unable_to_contact, dropout 1)
 * once the setting dropout_attempts unsuccessful contact attempts have been
 * recorded since the last successful contact or session; otherwise
 * CASEWORK_CONFLICT saying how many there are and how many are needed.
 * *attempts gets the count. */
enum casework_result casework_dropout(struct store *st, const struct casework_who *w, int *attempts,
				      struct casework_conflict *cf);
#endif
