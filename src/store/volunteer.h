/* Storing volunteers and the volunteer side of community support tasks, and
 * loading them as core/match sees them for a matching run. */
#ifndef WAYMARK_STORE_VOLUNTEER_H
#define WAYMARK_STORE_VOLUNTEER_H
#include <stddef.h>
#include <stdint.h>
#include "core/match.h"
#include "core/nhsnum.h"
#include "core/volunteer.h"
#include "core/volunteer_task.h"
#include "store/store.h"

#define MATCH_HORIZON_SECONDS (7 * 86400)   /* a run matches open tasks starting within a week */
#define TASK_STATUS_COUNT 6

/* open, offered, accepted, done, missed, cancelled */
extern const char *const task_status_codes[TASK_STATUS_COUNT + 1]; /* NULL-terminated */
/* "Open", "Offered", ... for a status code ("" if unknown). */
const char *task_status_label(const char *code);

/* A volunteer as stored: the record, and what the database adds. */
struct volunteer_view {
	int64_t id, user_id, org_id, created_at, updated_at;
	double lat, lon;
	char org_name[200];
	char area[40];
	struct volunteer_rec rec; /* account_email is the linked account's */
};

/* Where an outcode is: 1 found (lat, lon and area, which may be NULL), 0 not, -1 error. */
int volunteer_district(struct store *st, const char *outcode, double *lat, double *lon, char area[40]);

/*
 * Checks what needs the database, adding problems to fe: the postcode is in
 * a district we know (Norfolk and Waveney), and account_email, if given, is a
 * volunteer account of org_id not linked to another volunteer than self_id.
 * Fills *user_id (0 without an account) and the position. 0 ok, 1 problems
 * added, -1 store error.
 */
int volunteer_check_refs(struct store *st, const struct volunteer_rec *r, int64_t org_id, int64_t self_id,
			 int64_t *user_id, double *lat, double *lon, struct field_errors *fe);

/* Write inside the caller's transaction. 0, or -1 with the store's error. */
int volunteer_create(struct store *st, int64_t org_id, int64_t user_id, double lat, double lon,
		     const struct volunteer_rec *r, int64_t now, int64_t *id);
int volunteer_update(struct store *st, int64_t id, int64_t user_id, double lat, double lon,
		     const struct volunteer_rec *r, int64_t now);
/* waymark gen's: as volunteer_create, with the id given and no account. */
int volunteer_create_as(struct store *st, int64_t id, int64_t org_id, double lat, double lon,
			const struct volunteer_rec *r, int64_t now);
/* Reads model/volunteer.def's columns (VOLUNTEER_SQL_SELECT) from column *c
 * on into rec; moves *c past them. */
void volunteer_row_fields(const struct store_row *r, int *c, struct volunteer_rec *rec);

/* 1 found, 0 none, -1 error. */
int volunteer_get(struct store *st, int64_t id, struct volunteer_view *v);
/* The volunteer record linked to a user: 1 with *id, 0 none, -1 error. */
int volunteer_for_user(struct store *st, int64_t user_id, int64_t *id);

/* One row of a coordinator's list. */
struct volunteer_summary {
	int64_t id, user_id;
	char name[VOLUNTEER_NAME_MAX * 4 + 1];
	enum volunteer_status status;
	char postcode[POSTCODE_LEN];
	char area[40];
	struct dbs_check dbs;
	int consent_to_share, max_tasks_per_week, tasks_this_week, has_car, travel_radius_m;
	uint32_t skills;
	int training_missing; /* required training modules not completed (0 in renewals) */
};
/* Calls fn for each volunteer of org (status "" for any) in the order sort
 * (enum volunteer_sort, core/list_sorts.h; 0 by name); tasks counted over
 * [week_from, week_to). Returns the count or -1. */
int volunteer_list(struct store *st, int64_t org_id, const char *status, int limit, int sort, int64_t week_from,
		   int64_t week_to, void (*fn)(void *ctx, const struct volunteer_summary *s), void *ctx);

/* DBS renewals of org's volunteers due within 60 days of today (and lapsed). */
int volunteer_renewals(struct store *st, int64_t org_id, int64_t today,
		       void (*fn)(void *ctx, const struct volunteer_summary *s), void *ctx);

/* A community support task with what the volunteer side adds. */
struct task_view {
	int64_t id, referral_id, case_id, person_id, org_id;
	char reference[16];
	char type[40];
	uint32_t skills;            /* every skill needed: the type's and task_skills' */
	char postcode[POSTCODE_LEN + 4];
	int64_t window_from, window_to;
	int duration_minutes, priority, home_visit;
	char status[16];
	int64_t volunteer_id, volunteer_org_id;
	char volunteer_name[VOLUNTEER_NAME_MAX * 4 + 1];
	char match_reason[MATCH_REASON_MAX];
	int64_t offered_at, answered_at, closed_at, created_at;
	int minutes_logged;         /* -1 when not logged */
	char outcome_note[2001 * 4];
	char details[501 * 4];
	int64_t support_until;      /* when community support stops (14 days, or as extended) */
	char given_name[404], family_name[404];
	char address[1204];
	char phone[40];
	int64_t previous_volunteer_id;
	char tier[32];
	char nhs_number[NHSNUM_LEN]; /* the person's, "" when not known */
};

/* 1 found, 0 none, -1 error. */
int task_get(struct store *st, int64_t id, struct task_view *t);
/* Calls fn for an organisation's tasks (status "" for any) in the order sort
 * (enum task_sort, core/list_sorts.h; 0 latest window first), or a
 * volunteer's (list_volunteer). Return the count or -1. fn's view is
 * borrowed for the call. */
int task_list(struct store *st, int64_t org_id, const char *status, int limit, int sort,
	      void (*fn)(void *ctx, const struct task_view *t), void *ctx);
int task_list_volunteer(struct store *st, int64_t volunteer_id, int limit,
			void (*fn)(void *ctx, const struct task_view *t), void *ctx);

/* A new task for a community support referral (checked by the caller: core/volunteer_task). */
int task_create(struct store *st, const struct task_new *n, int64_t now, int64_t *id);
/* Changes an open task's details. 1 changed, 0 not open any more, -1 error. */
int task_update(struct store *st, int64_t id, const struct task_new *n, int64_t now);

/* What a new task needs to know about its referral. */
struct task_referral {
	int64_t id, person_id, case_id, org_id, case_opened_at, extended_until;
	char postcode[POSTCODE_LEN + 4];
	char tier[32];
	char reference[16];
	char status[24];
};
/* 1 found, 0 none, -1 error. */
int task_referral_get(struct store *st, int64_t referral_id, struct task_referral *r);
/* When support for the referral stops: 14 days from the case's opening (or
 * from now for a case not yet open), or the latest extension if later. */
int64_t task_referral_support_until(const struct task_referral *r, int64_t now);

/* Status changes (inside the caller's transaction). Each returns 1 when the
 * task was in the expected state and changed, 0 when not, -1 on error. */
int task_offer(struct store *st, int64_t task_id, int64_t volunteer_id, const char *reason, int64_t by_user,
	       int64_t now);
int task_accept(struct store *st, int64_t task_id, int64_t volunteer_id, int64_t now);
/* The volunteer turns down an offer: back to open, never offered to them again. */
int task_decline(struct store *st, int64_t task_id, int64_t volunteer_id, int64_t now);
/* Records that a volunteer turned a task down (it is never offered to them again). 0 or -1. */
int task_decline_record(struct store *st, int64_t task_id, int64_t volunteer_id, int64_t now);
/* A coordinator takes an offer back (status offered) or unassigns an accepted task. */
int task_reopen(struct store *st, int64_t task_id, const char *from_status, int64_t volunteer_id, int64_t now);
/* The volunteer's record of an accepted task: done or missed, minutes, note. */
int task_log(struct store *st, int64_t task_id, int64_t volunteer_id, int done, int minutes, const char *note,
	     int64_t now);
int task_cancel(struct store *st, int64_t task_id, const char *note, int64_t now);
/* The person does not want this volunteer again. 0 or -1. */
int task_person_decline(struct store *st, int64_t person_id, int64_t volunteer_id, const char *reason, int64_t by_user,
			int64_t now);
int task_support_extend(struct store *st, int64_t referral_id, int64_t until, const char *reason, int64_t by_user,
			int64_t now, int64_t *id);

/*
 * A matching run's input and output. Tasks are the open tasks of org_id
 * (0: every organisation) that are live in the next MATCH_HORIZON_SECONDS
 * and within their 14-day support period (later ones are left out and
 * counted in n_stopped); volunteers are org_id's active volunteers and
 * other organisations' who consented to share, each with their capacity:
 * most tasks a week less tasks offered, accepted or done live in the
 * horizon, and their days off in the run. results[i] is task i's outcome once run.
 */
struct match_vol_info {
	int64_t id, org_id, user_id;
	char name[VOLUNTEER_NAME_MAX * 4 + 1];
	char org_name[200];
	char outcode[POSTCODE_OUTCODE_LEN];
	int taken;                 /* tasks already counted against capacity */
};

struct match_plan {
	int64_t org_id, now;
	struct match_params params;
	struct match_task *tasks;
	struct task_view *task_info;   /* parallel to tasks */
	size_t n_tasks;
	struct match_volunteer *vols;
	struct match_vol_info *vol_info;
	size_t n_vols;
	int64_t *days_off;             /* n_vols x VOLUNTEER_DAYS_OFF_MAX: what vols[i].days_off points into */
	struct match_result *results;  /* n_tasks, after match_plan_run */
	int64_t total_cost;
	size_t n_assigned;
	size_t n_stopped;              /* open tasks left out: past their support period */
	size_t n_unlocated;            /* tasks whose postcode district is unknown (matched to nobody) */
};

/* Loads the plan's input (only_volunteer / only_task > 0 narrow it to one).
 * 0, or -1 with the store's error (or ENOMEM as "out of memory"). */
int match_plan_load(struct store *st, int64_t org_id, int64_t now, int64_t only_task, int64_t only_volunteer,
		    struct match_plan *p);
/* Solves it. 0, or -1 (invalid input or memory; the store error is set). */
int match_plan_run(struct store *st, struct match_plan *p);
void match_plan_free(struct match_plan *p);
/* Index of a task / volunteer id in the plan, or -1. */
long match_plan_task(const struct match_plan *p, int64_t task_id);
long match_plan_vol(const struct match_plan *p, int64_t volunteer_id);

/*
 * Whether volunteer_id may be offered task_id now, checked against the
 * database as it is (not a stale run): the task is open and in its support
 * period, the volunteer is in org's pool and passes every hard constraint.
 * 1 eligible (reason as for a match: "3.2 km, shopping, free Tue 10–12"),
 * 0 not (why in reason), -1 error.
 */
int match_offer_check(struct store *st, int64_t org_id, int64_t task_id, int64_t volunteer_id, int64_t now,
		      char *reason, size_t reason_len);
#endif
