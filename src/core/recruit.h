/* Where to recruit volunteers: demand and supply per area or GP cluster, and
 * how many volunteers would answer 95% of requests within 24 hours, from an
 * M/M/c (Erlang C) queue; a ranking, and CSV cells safe from formula injection. */
#ifndef WAYMARK_CORE_RECRUIT_H
#define WAYMARK_CORE_RECRUIT_H
#include <stddef.h>
#include <stdint.h>

#define RECRUIT_WEEKS 8                 /* demand is averaged over the last 8 weeks */
#define RECRUIT_VOLUNTEERS_MAX 100000   /* no answer is bigger than this */

struct recruit_params {
	double target_share;          /* 0.95: the share of requests answered within target_hours */
	double target_hours;          /* 24 */
	double default_tasks_per_week;/* a volunteer's capacity where there is nobody to average (2) */
	int weeks;                    /* the demand period, RECRUIT_WEEKS */
};

void recruit_params_default(struct recruit_params *p);

/* One area or cluster. The caller fills the inputs; recruit_compute the rest. */
struct recruit_group {
	/* inputs */
	int64_t tasks;                /* tasks whose window started in the period (not cancelled) */
	int64_t task_minutes;         /* their durations */
	int64_t unmatched;            /* of those, the ones whose window ended with nobody found */
	int64_t volunteers;           /* compliant volunteers living there */
	int64_t capacity;             /* their most tasks a week, summed */
	int64_t avail_minutes;        /* their weekly free time, summed */
	/* results */
	double tasks_per_week;
	double hours_per_week;        /* demand in volunteer hours */
	double supply_hours_per_week; /* free time, each volunteer capped at their tasks a week x the mean task length */
	double per_volunteer;         /* tasks a week one volunteer gets through (mu) */
	double answered_now;          /* share answered within the target with today's volunteers (0..1) */
	int64_t needed;               /* volunteers for the target; 0 without demand */
	int64_t gap;                  /* needed less volunteers, never below 0 */
};

/*
 * Fills the results of g. Requests arrive as a Poisson stream at
 * lambda = tasks_per_week; each volunteer is a server taking a request off
 * the queue and working through it at mu = per_volunteer tasks a week
 * (capacity / volunteers, or the default); a request is answered when a
 * volunteer takes it. needed is the least c with P(wait <= target) >= share
 * under M/M/c (and c > lambda / mu, so the queue does not grow without end).
 */
void recruit_compute(struct recruit_group *g, const struct recruit_params *p);

/* Erlang C: the probability an arrival waits, with c servers and offered load a = lambda / mu (c > a). */
double recruit_erlang_c(int64_t c, double a);

/* P(wait <= t) in M/M/c with arrival rate lambda and service rate mu per server (same time unit as t). */
double recruit_share_within(int64_t c, double lambda, double mu, double t);

/*
 * Orders groups for recruiting: the biggest gap first, then most tasks left
 * unmatched, then most demand, then the lowest index. Writes n indices into order.
 */
void recruit_rank(const struct recruit_group *g, size_t n, size_t *order);

/*
 * Writes s as one CSV cell into out: quoted when it holds a comma, quote or
 * line break, and prefixed with an apostrophe when it starts with = + - @,
 * a tab or a carriage return, so a spreadsheet never runs it as a formula.
 * Returns the length written, or -1 if it does not fit (out then holds "").
 */
int recruit_csv_cell(const char *s, char *out, size_t outlen);
#endif
