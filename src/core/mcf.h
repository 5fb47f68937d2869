/* Exact minimum-cost flow for the bipartite task/volunteer network: every task is either given one unit from a capacitated volunteer or left on its "unassigned" arc. */
#ifndef WAYMARK_CORE_MCF_H
#define WAYMARK_CORE_MCF_H

#include <stdint.h>

/*
 * The network solved here (docs/MATCHING.md, "Network"):
 *
 *   source -> volunteer v   capacity capacity[v], cost 0
 *   volunteer v -> task t   capacity 1, cost arcs[i].cost      (one per arc)
 *   source -> task t        capacity 1, cost penalty[t]        ("unassigned")
 *   task t -> sink          capacity 1, cost 0
 *
 * with n_tasks units sent from source to sink, so every task ends either
 * assigned to exactly one volunteer or unassigned. That is a transportation
 * problem; mcf_solve() exploits the shape instead of running a general
 * network algorithm (see mcf.c).
 *
 * Costs may be negative; no offset is needed. Limits keep every sum, price
 * and distance inside int64_t without checks in the inner loop.
 */
#define MCF_COST_MAX ((int64_t)1 << 40)
#define MCF_TASKS_MAX ((int32_t)1 << 22)
#define MCF_VOLS_MAX ((int32_t)1 << 28)
#define MCF_ARCS_MAX ((int64_t)INT32_MAX - 1)
#define MCF_UNASSIGNED (-1)

struct mcf_arc {
	int32_t task;
	int32_t vol;
	int64_t cost;
};

/* Arrays are owned by whoever filled the struct; the solver only reads them. */
struct mcf_problem {
	int32_t n_tasks;
	int32_t n_vols;
	int32_t *capacity;	/* n_vols entries, >= 0 */
	int64_t *penalty;	/* n_tasks entries: cost of leaving the task unassigned */
	struct mcf_arc *arcs;	/* any order; parallel arcs allowed */
	int64_t n_arcs;
};

struct mcf_result {
	int32_t *vol_of_task;	/* volunteer index, or MCF_UNASSIGNED */
	int64_t *arc_of_task;	/* index into problem arcs, or -1 */
	int64_t *task_dual;	/* u[t]: a certificate of optimality, see mcf_verify() */
	int64_t *vol_dual;	/* w[v] >= 0, positive only for full volunteers */
	int64_t cost;		/* sum of chosen arc costs and penalties */
	int32_t n_assigned;
	/* Work counters, for the benchmark and tests and nothing else. */
	int64_t n_bids;		/* auction bids made to find starting prices */
	int64_t n_searches;	/* insertions that needed a shortest-path search */
	int64_t n_scanned;	/* arcs looked at in those searches */
	int64_t n_sink_scans;	/* searches that had to go through the sink node */
};

/*
 * Solves p exactly. On success returns 0 and fills *r with new arrays that
 * the caller releases with mcf_result_free(). Returns -1 with errno EINVAL
 * when p breaks a limit above (an arc out of range, a negative capacity, a
 * cost beyond MCF_COST_MAX) or ENOMEM; *r is then left empty.
 *
 * Deterministic: the same problem gives the same result on every run and
 * machine (integer arithmetic only, no randomness, no threads, no clock).
 * Ties (docs/MATCHING.md, "Ties"): tasks are inserted in index order, each
 * along a shortest augmenting path from the starting prices; at every step
 * equal costs go to assigning rather than leaving unassigned, to ending the
 * path rather than displacing someone, then to the lower volunteer index.
 * Among several optimal answers which one is returned is therefore fixed by
 * the input, but it is not promised to be, say, lexicographically smallest.
 */
int mcf_solve(const struct mcf_problem *p, struct mcf_result *r);

/*
 * As mcf_solve(), but starting from the given volunteer prices (n_vols
 * entries, each 0..2 * MCF_COST_MAX) instead of computing them, e.g. the
 * vol_dual of a previous run after a small change; NULL starts from zero.
 * Any prices give an optimal result of the same cost (which optimum, among
 * equal-cost ones, may differ); prices near the final duals make it fast.
 */
int mcf_solve_from(const struct mcf_problem *p, const int64_t *vol_prices, struct mcf_result *r);

/* Releases the arrays filled by mcf_solve(); safe on a zeroed struct. */
void mcf_result_free(struct mcf_result *r);

/*
 * Checks r against p independently of the solver: primal feasibility,
 * r->cost, dual feasibility and complementary slackness of the duals, which
 * together prove r optimal. Returns 0 when all hold, -1 otherwise.
 */
int mcf_verify(const struct mcf_problem *p, const struct mcf_result *r);

/* Releases arrays of a problem filled by a builder that says so; safe on a zeroed struct. */
void mcf_problem_free(struct mcf_problem *p);

#endif
