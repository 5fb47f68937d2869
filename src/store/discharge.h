/* Discharge support in the database: the pre-discharge home check (a task
 * only a DBS-checked worker may take, or a volunteer coordinator may offer
 * to a volunteer with a valid enhanced DBS) and the discharge board. */
#ifndef WAYMARK_STORE_DISCHARGE_H
#define WAYMARK_STORE_DISCHARGE_H
#include <stdint.h>
#include "core/discharge.h"
#include "store/store.h"

#define DISCHARGE_NOTE_MAX 1000      /* characters of a home check's note */
#define DISCHARGE_BOARD_MAX 500      /* rows the board shows at most */
#define DISCHARGE_CHECK_LEAD 86400   /* a check due today or past gets a day from now */

/*
 * Opens the home check task of case_id (inside the caller's transaction):
 * a home visit of type home_check, most urgent, due by 00:00 London time on
 * the expected discharge day (or a day from now when that is unknown, today
 * or past). Returns 0 or -1.
 */
int discharge_home_check_open(struct store *st, int64_t case_id, int64_t now);

struct discharge_home_check {
	int64_t id, referral_id, case_id, org_id, person_id;
	char status[16]; /* open, offered, accepted, done, missed, cancelled */
	int64_t worker_id;
	char worker_name[128];
	int64_t volunteer_id;
	char volunteer_name[128];
	int64_t due_at, taken_at, closed_at;
	char outcome[32];
	char note[4 * DISCHARGE_NOTE_MAX + 1];
	char org_name[200];
};
/* The referral's latest home check: 1, 0 none, -1 error. */
int discharge_home_check_of(struct store *st, int64_t referral_id, struct discharge_home_check *out);
/* One home check by task id: 1, 0 none, -1 error. */
int discharge_home_check_get(struct store *st, int64_t task_id, struct discharge_home_check *out);

/* The worker record of a user: 1 found, 0 none, -1 error. */
struct discharge_worker {
	int64_t id, org_id;
	int dbs_checked, active;
	char org_name[200];
};
int discharge_worker_of_user(struct store *st, int64_t user_id, struct discharge_worker *w);

/* Status changes from the state the caller saw: 1 done, 0 someone got
 * there first, -1 error. */
int discharge_home_check_take(struct store *st, int64_t task_id, int64_t worker_id, int64_t now);
int discharge_home_check_done(struct store *st, int64_t task_id, int64_t worker_id, const char *outcome,
			      const char *note, int64_t now);

/* 1 when volunteer_id's DBS check covers a home visit ending at
 * window_end, offered or accepted at now (core/compliance), 0 when not or
 * there is no such volunteer, -1 error. */
int discharge_volunteer_dbs_ok(struct store *st, int64_t volunteer_id, int64_t now, int64_t window_end);

/* Records a worker's DBS check (1) or its absence (0). 1, 0 no worker, -1. */
int discharge_worker_set_dbs(struct store *st, int64_t worker_id, int dbs_checked);

/* One line of the discharge board. */
struct discharge_row {
	int64_t referral_id;
	char reference[32];
	char given_name[404], family_name[404];
	char hospital_code[64], hospital_name[404], ward[404];
	int64_t expected_day; /* DISCHARGE_NO_DAY when not given */
	char status[16];
	int home_check_requested;
	int64_t received_at, sla_due_at;
	int64_t case_id;
	char tier[32];
	int64_t org_id;
	char org_name[200];
	int64_t worker_id;
	char worker_name[128];
	int home_check_needed;
	int64_t first_contact_at; /* 0: none yet */
	int64_t home_check_id;    /* 0: none */
	int64_t person_id;        /* for the board read's audit event */
};

enum discharge_scope { DISCHARGE_ALL = 0, DISCHARGE_REFERRER = 1, DISCHARGE_ORG = 2 };
struct discharge_query {
	enum discharge_scope scope;
	int64_t user_id, org_id;
	const char *hospital; /* "" or NULL for any */
	int include_closed;
	int limit;
};
/* Calls fn(ctx, code, name) for each hospital of data/hospitals.csv. 0 or -1. */
int discharge_hospitals(struct store *st, void (*fn)(void *ctx, const char *code, const char *name), void *ctx);

/* Calls fn for each referral on the board, expected discharge soonest first. 0 or -1. */
int discharge_board(struct store *st, const struct discharge_query *q,
		    void (*fn)(void *ctx, const struct discharge_row *r), void *ctx);
#endif
