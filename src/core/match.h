/* Matching volunteers to tasks: hard constraints as missing arcs, travel as cost, an exact min-cost flow, and a reason for every outcome. */
#ifndef WAYMARK_CORE_MATCH_H
#define WAYMARK_CORE_MATCH_H

#include <stddef.h>
#include <stdint.h>

#include "core/mcf.h"

/* Bit i of a skills mask is row i of data/vocab/volunteer_skills.csv. */
enum match_skill {
	MATCH_SKILL_SHOPPING,
	MATCH_SKILL_PRESCRIPTION_COLLECTION,
	MATCH_SKILL_BEFRIENDING_CALLS,
	MATCH_SKILL_BEFRIENDING_VISITS,
	MATCH_SKILL_DRIVING,
	MATCH_SKILL_FORM_FILLING,
	MATCH_SKILL_DIGITAL_HELP,
	MATCH_SKILL_DOG_WALKING,
	MATCH_SKILL_HOME_CHECK,
	MATCH_SKILL_GARDENING,
	MATCH_SKILL_LANGUAGES,
	MATCH_SKILL__MAX
};
#define MATCH_SKILLS_ALL ((1u << MATCH_SKILL__MAX) - 1)

/* Why a volunteer cannot take a task: each is a missing arc. Bits of match_check()'s mask. */
enum match_fail {
	MATCH_FAIL_CAPACITY,	/* no tasks left this week */
	MATCH_FAIL_SKILL,	/* lacks a skill the task needs */
	MATCH_FAIL_CAR,		/* task needs driving, volunteer has no car */
	MATCH_FAIL_DBS,		/* home visit without an enhanced DBS valid through the window */
	MATCH_FAIL_TRAINING,	/* a required training module is not recorded: no task at all */
	MATCH_FAIL_DECLINED,	/* the person has declined this volunteer */
	MATCH_FAIL_DISTANCE,	/* beyond the volunteer's travel radius (or a position is invalid) */
	MATCH_FAIL_AVAILABILITY,/* no weekly slot overlapping the window for the task's duration */
	MATCH_FAIL__MAX
};

#define MATCH_PRIORITY_MIN 1
#define MATCH_PRIORITY_MAX 5
#define MATCH_DECLINED_MAX 16
#define MATCH_AVAIL_MAX 28
#define MATCH_DAYS_OFF_MAX 400
#define MATCH_WEEK_SECONDS (7 * 86400)
#define MATCH_WINDOW_MAX_SECONDS (31 * 86400)
#define MATCH_RADIUS_MAX_M 500000
#define MATCH_CAPACITY_MAX 100
#define MATCH_REASON_MAX 256
#define MATCH_EXPLAIN_MAX 512

struct match_task {
	int64_t id;
	int priority;			/* MATCH_PRIORITY_MIN..MAX, higher is more urgent */
	uint32_t skills;		/* needed: every bit must be in the volunteer's mask */
	int home_visit;			/* needs an enhanced DBS */
	double lat, lon;		/* postcode centroid, WGS84 degrees */
	int64_t window_start;		/* UTC seconds; the task happens in [start, end) */
	int64_t window_end;
	int64_t duration;		/* seconds of the volunteer's time, <= the window */
	int64_t person_id;
	int64_t previous_volunteer_id;	/* who helped this person last time, 0 if nobody */
	int64_t declined[MATCH_DECLINED_MAX];	/* volunteer ids the person has declined */
	int n_declined;
};

/* Seconds since Monday 00:00 London local time, 0 <= start < end <= MATCH_WEEK_SECONDS. */
struct match_interval {
	int32_t start, end;
};

#define MATCH_TRAINING_MAX 64

struct match_volunteer {
	int64_t id;
	uint32_t skills;
	int64_t dbs_enhanced_valid_until;	/* UTC seconds, 0 if none */
	double lat, lon;
	int32_t radius_m;
	int car;
	struct match_interval avail[MATCH_AVAIL_MAX];	/* weekly */
	int n_avail;
	const int64_t *days_off;		/* London local day numbers the volunteer is away: no slot on them counts (borrowed, may be NULL) */
	int n_days_off;				/* 0..MATCH_DAYS_OFF_MAX */
	int capacity;				/* tasks still open to this volunteer this week */
	int training_missing;			/* required training modules not completed (0..MATCH_TRAINING_MAX): offered nothing until 0 */
};

struct match_params {
	int64_t now;				/* UTC seconds: a DBS must be valid now as well as through the window */
	int64_t continuity_bonus_m;		/* taken off the travel cost for last time's volunteer */
	int64_t cost_floor_m;			/* costs never go below this */
	int64_t penalty_m[MATCH_PRIORITY_MAX];	/* cost of leaving a task of priority i+1 unassigned */
};

/* Facts about a task/volunteer pair, gathered while checking it, for the reason text. */
struct match_fit {
	int64_t distance_m;	/* -1 when a position is invalid */
	int avail_index;	/* the first weekly slot that fits, -1 if none */
	int continuity;		/* the volunteer helped this person last time */
	int64_t cost;		/* arc cost if eligible */
};

struct match_result {
	int32_t volunteer;	/* index into the volunteers passed in, or -1 when unassigned */
	int64_t cost;		/* arc cost, or the unassigned penalty */
	int64_t distance_m;	/* -1 when unassigned */
	char reason[MATCH_REASON_MAX];
};

/* Defaults: 2 km continuity bonus, floor 0, penalties 25, 50, 100, 200, 400 km by priority. */
void match_params_default(struct match_params *p, int64_t now);

/* Vocabulary code ("shopping") and lower-case label ("shopping") of a skill; NULL out of range. Static strings. */
const char *match_skill_code(enum match_skill s);
const char *match_skill_label(enum match_skill s);

/* 0 when the task, volunteer or parameters are within the limits above, -1 otherwise. */
int match_task_valid(const struct match_task *t);
int match_volunteer_valid(const struct match_volunteer *v);
int match_params_valid(const struct match_params *p);

/*
 * Checks every hard constraint for one pair and returns the mask of those that
 * fail (1u << MATCH_FAIL_x), 0 when the volunteer may take the task. fit, if
 * not NULL, receives the facts found, including the arc cost.
 */
unsigned match_check(const struct match_task *t, const struct match_volunteer *v, const struct match_params *p,
		     struct match_fit *fit);

/*
 * Builds the flow network (mcf.h) of an instance: one arc per eligible pair,
 * in task order then volunteer order, costs and penalties as documented in
 * docs/MATCHING.md. On success returns 0 and fills *net with new arrays,
 * released with mcf_problem_free(). Returns -1 (errno EINVAL) if any input is
 * invalid, or ENOMEM.
 */
int match_network_build(const struct match_task *tasks, size_t n_tasks, const struct match_volunteer *vols,
			size_t n_vols, const struct match_params *p, struct mcf_problem *net);

/*
 * Matches tasks to volunteers with the minimum total cost and writes one
 * result per task into out (caller-provided, n_tasks entries), each with its
 * reason; *total_cost, if not NULL, gets the optimum. The same input always
 * gives the same answer; among equal-cost answers the lower volunteer index
 * wins, so callers should pass volunteers in a stable order (by id).
 * Returns 0, or -1 (errno EINVAL or ENOMEM) with out untouched.
 */
int match_run(const struct match_task *tasks, size_t n_tasks, const struct match_volunteer *vols, size_t n_vols,
	      const struct match_params *p, struct match_result *out, int64_t *total_cost);

/*
 * For a coordinator: writes why volunteer v could or could not take task t,
 * e.g. "not eligible: no enhanced DBS valid through the visit (expired 1 Mar
 * 2024 09:00); 12.4 km away, beyond a 10.0 km travel radius". The text is
 * truncated to size - 1 bytes. Returns 0 if eligible, 1 if not, -1 on
 * invalid input (buf then holds a short message when size > 0).
 */
int match_explain(const struct match_task *t, const struct match_volunteer *v, const struct match_params *p,
		  char *buf, size_t size);

/* As match_explain, for a volunteer of another organisation: names which
 * rules fail ("not eligible (...): too far, not free") and nothing about
 * the volunteer (no distance, radius or dates). */
int match_explain_brief(const struct match_task *t, const struct match_volunteer *v, const struct match_params *p,
			char *buf, size_t size);

#endif
