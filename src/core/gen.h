/* The synthetic dataset of `waymark gen`: a seeded random stream and, for each referral number, the same person, referral, triage and contacts every time. */
#ifndef WAYMARK_CORE_GEN_H
#define WAYMARK_CORE_GEN_H
#include <stddef.h>
#include <stdint.h>
#include "core/workclock.h"

/* splitmix64: a tiny, well-mixed generator; the whole dataset follows from the seed. */
struct gen_rng {
	uint64_t s;
};
uint64_t gen_next(struct gen_rng *r);
/* Uniform in [0, n) (n > 0). */
uint64_t gen_below(struct gen_rng *r, uint64_t n);

/* A practice the referrals are spread over, in proportion to its list size. */
struct gen_practice {
	const char *code, *postcode, *outcode, *area;
	int64_t list_size;
};

struct gen_world {
	const struct gen_practice *practices;
	size_t n_practices;
	int64_t *cumulative;       /* running totals of list sizes (owned; gen_world_init) */
	int64_t first_day, days;   /* referrals are received on London days first_day .. first_day + days - 1 */
	int64_t n_referrals;
	int64_t now;               /* nothing happens after this instant (contacts, triage, closures) */
	uint64_t seed;
	const struct workclock *wc;
};
/* 0, or -1 when out of memory or no practice has a list size. */
int gen_world_init(struct gen_world *w);
void gen_world_free(struct gen_world *w);

#define GEN_MAX_CONTACTS 4
#define GEN_MAX_SESSIONS 6
#define GEN_SWEMWBS_ITEMS 7

struct gen_contact {
	int64_t at;
	const char *mode, *outcome;
};

/* One synthetic referral with its person and what happened to it. */
struct gen_referral {
	const struct gen_practice *practice;
	int repeat_of;             /* 1: a re-referral of the person of an earlier referral */
	int64_t person_no;         /* the referral number whose person this is (i when not a re-referral) */
	char given[24], family[24], phone[16], postcode[10];
	int64_t dob_day;
	const char *gender, *source, *urgency, *reason1, *reason2; /* reason2 NULL when one reason */
	int safeguarding, lives_alone;
	int64_t received_at, sla_due_at;
	const char *status;        /* received, rejected, withdrawn, closed, allocated, in_progress */
	const char *tier;          /* NULL when not triaged */
	const char *outcome;       /* confirmed, overridden, rejected (with tier) */
	int64_t triaged_at;
	int has_case;
	int64_t case_closed_at;    /* 0 when open */
	struct gen_contact contacts[GEN_MAX_CONTACTS];
	int n_contacts;
	/* Sessions of a social prescribing or complex support case, weekly from soon after the first contact. */
	struct {
		int64_t at;
		const char *mode;
		int minutes;
	} sessions[GEN_MAX_SESSIONS];
	int n_sessions;
	/* SWEMWBS at the first session (baseline) and, for a closed case with three sessions or more, the last (follow-up). */
	int swemwbs[2][GEN_SWEMWBS_ITEMS];
	int64_t measure_at[2];
	int n_measures;
};

/* Referral number i (0-based) of the world: the same for the same seed, whatever the order asked. */
void gen_referral_make(const struct gen_world *w, int64_t i, struct gen_referral *out);

/* Volunteers: one for every GEN_REFERRALS_PER_VOLUNTEER referrals (at least ten). */
#define GEN_REFERRALS_PER_VOLUNTEER 250
#define GEN_MAX_SKILLS 3
#define GEN_MAX_SLOTS 3

struct gen_volunteer {
	const struct gen_practice *home; /* lives near this practice: its postcode district and area */
	char given[24], family[24], phone[16], postcode[10];
	const char *status;              /* active, paused, left, applicant */
	const char *dbs_level;           /* enhanced, basic, or NULL for none */
	int64_t dbs_certificate_day, dbs_renewal_day; /* London days; 0 without a check */
	int dbs_update_service, has_car, max_tasks_per_week, travel_radius_m;
	const char *skills[GEN_MAX_SKILLS]; /* codes of data/vocab/volunteer_skills.csv, no repeats */
	int n_skills;
	struct {
		int weekday, start_minute, end_minute; /* weekday 0 = Monday, London minutes */
	} slots[GEN_MAX_SLOTS];
	int n_slots;
};

int64_t gen_volunteer_count(const struct gen_world *w);
/* Volunteer number j (0-based), the same for the same seed whatever the order asked. */
void gen_volunteer_make(const struct gen_world *w, int64_t j, struct gen_volunteer *out);
/* The volunteer who takes referral r's task of this type: an active one
 * living in the referral's area with the skill, found from a starting point
 * drawn from referral i's own stream; -1 when there is none. */
int64_t gen_task_volunteer(const struct gen_world *w, int64_t i, const struct gen_referral *r, const char *type);
/* The synthetic NHS number of person id (1 to 999999): "999" (the range
 * kept for testing), the id in six digits and the check digit. 0 and out
 * set, or -1 (out "") when the id is outside that or no check digit fits. */
int gen_nhs_number(int64_t person_id, char out[11]);
#endif
