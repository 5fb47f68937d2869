/* Unit tests for the min-cost flow solver: optimality against exhaustive search, certificates, limits and tie-breaking. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/mcf.h"

#define MAXN 8

/* A fixed-seed generator of our own, so the instances are the same on every libc. */
static uint64_t rng_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int64_t rng_range(uint64_t *s, int64_t lo, int64_t hi)
{
	return lo + (int64_t)(rng_next(s) % (uint64_t)(hi - lo + 1));
}

struct brute {
	const struct mcf_problem *p;
	int32_t load[MAXN];
	int64_t best;
	int64_t leaves;
};

/* Every task takes each of its arcs or its unassigned arc in turn; only capacity prunes. */
static void brute_rec(struct brute *b, int32_t t, int64_t cost)
{
	if (t == b->p->n_tasks) {
		b->leaves++;
		if (cost < b->best)
			b->best = cost;
		return;
	}
	brute_rec(b, t + 1, cost + b->p->penalty[t]);
	for (int64_t i = 0; i < b->p->n_arcs; i++) {
		const struct mcf_arc *a = &b->p->arcs[i];

		if (a->task != t || b->load[a->vol] >= b->p->capacity[a->vol])
			continue;
		b->load[a->vol]++;
		brute_rec(b, t + 1, cost + a->cost);
		b->load[a->vol]--;
	}
}

static int64_t brute_cost(const struct mcf_problem *p)
{
	struct brute b = {.p = p, .best = INT64_MAX};

	brute_rec(&b, 0, 0);
	return b.best;
}

struct inst {
	struct mcf_problem p;
	int32_t cap[MAXN];
	int64_t pen[MAXN];
	struct mcf_arc arcs[MAXN * MAXN * 2];
};

/* Small cost ranges on purpose: they make many ties and degenerate optima. */
static void random_instance(uint64_t *seed, struct inst *in)
{
	int32_t nt = (int32_t)rng_range(seed, 0, MAXN);
	int32_t nv = (int32_t)rng_range(seed, 0, MAXN);
	int64_t density = rng_range(seed, 10, 100);
	int64_t lo = rng_range(seed, -8, 5);
	int64_t hi = lo + rng_range(seed, 0, 30);

	memset(in, 0, sizeof(*in));
	in->p.n_tasks = nt;
	in->p.n_vols = nv;
	in->p.capacity = in->cap;
	in->p.penalty = in->pen;
	in->p.arcs = in->arcs;
	for (int32_t v = 0; v < nv; v++)
		in->cap[v] = (int32_t)rng_range(seed, 0, 3);
	for (int32_t t = 0; t < nt; t++)
		in->pen[t] = rng_range(seed, lo, hi + 10);
	for (int32_t t = 0; t < nt; t++)
		for (int32_t v = 0; v < nv; v++)
			if (rng_range(seed, 1, 100) <= density) {
				struct mcf_arc *a = &in->arcs[in->p.n_arcs++];

				a->task = t;
				a->vol = v;
				a->cost = rng_range(seed, lo, hi);
				/* Now and then a parallel arc, which the solver must accept. */
				if (rng_range(seed, 1, 50) == 1) {
					in->arcs[in->p.n_arcs] = *a;
					in->arcs[in->p.n_arcs++].cost = rng_range(seed, lo, hi);
				}
			}
	/* Shuffle so the solver cannot rely on input order. */
	for (int64_t i = in->p.n_arcs - 1; i > 0; i--) {
		int64_t j = rng_range(seed, 0, i);
		struct mcf_arc tmp = in->arcs[i];

		in->arcs[i] = in->arcs[j];
		in->arcs[j] = tmp;
	}
}

/*
 * Each instance three ways: with the solver's own auction prices, from zero
 * prices (plain SSP) and from random prices, which start many volunteers
 * "owed" and force the rarely used paths through the sink.
 */
static void test_matches_brute_force(void **state)
{
	uint64_t seed = 20240506;
	static struct inst in;
	int64_t prices[MAXN];
	int n_unassigned_seen = 0, n_displacing = 0, n_auction = 0, n_through_sink = 0;

	(void)state;
	for (int k = 0; k < 5000; k++) {
		struct mcf_result r[3];
		int64_t want;

		random_instance(&seed, &in);
		want = brute_cost(&in.p);
		for (int32_t v = 0; v < in.p.n_vols; v++)
			prices[v] = rng_range(&seed, 0, 1) ? rng_range(&seed, 0, 40) : 0;
		assert_int_equal(mcf_solve(&in.p, &r[0]), 0);
		assert_int_equal(mcf_solve_from(&in.p, NULL, &r[1]), 0);
		assert_int_equal(mcf_solve_from(&in.p, prices, &r[2]), 0);
		for (int m = 0; m < 3; m++) {
			if (r[m].cost != want)
				fail_msg("instance %d, mode %d: solver %lld, brute force %lld", k, m, (long long)r[m].cost,
					 (long long)want);
			if (mcf_verify(&in.p, &r[m]) != 0)
				fail_msg("instance %d, mode %d: certificate fails", k, m);
		}
		n_unassigned_seen += r[0].n_assigned < in.p.n_tasks;
		n_displacing += r[1].n_searches > 0;
		n_auction += r[0].n_bids > in.p.n_tasks;
		n_through_sink += r[2].n_sink_scans > 0;
		for (int m = 0; m < 3; m++)
			mcf_result_free(&r[m]);
	}
	/* The instances must exercise every path, not just the fast one. */
	assert_true(n_unassigned_seen > 500);
	assert_true(n_displacing > 500);
	assert_true(n_auction > 500);
	assert_true(n_through_sink > 100);
}

static void test_rejects_bad_prices(void **state)
{
	int32_t cap[2] = {1, 1};
	int64_t pen[1] = {10};
	struct mcf_arc arcs[] = {{0, 0, 3}, {0, 1, 4}};
	struct mcf_problem p = {1, 2, cap, pen, arcs, 2};
	int64_t prices[2] = {0, -1};
	struct mcf_result r;

	(void)state;
	assert_int_equal(mcf_solve_from(&p, prices, &r), -1);
	prices[1] = 2 * MCF_COST_MAX + 1;
	assert_int_equal(mcf_solve_from(&p, prices, &r), -1);
	/* Wildly high but legal prices still give the optimum. */
	prices[0] = 2 * MCF_COST_MAX;
	prices[1] = MCF_COST_MAX;
	assert_int_equal(mcf_solve_from(&p, prices, &r), 0);
	assert_int_equal(r.cost, 3);
	assert_int_equal(mcf_verify(&p, &r), 0);
	mcf_result_free(&r);
}

static void test_verify_rejects_suboptimal(void **state)
{
	int32_t cap[2] = {1, 1};
	int64_t pen[2] = {100, 100};
	struct mcf_arc arcs[] = {{0, 0, 1}, {0, 1, 2}, {1, 0, 1}, {1, 1, 10}};
	struct mcf_problem p = {2, 2, cap, pen, arcs, 4};
	struct mcf_result r;

	(void)state;
	assert_int_equal(mcf_solve(&p, &r), 0);
	assert_int_equal(r.cost, 3);
	assert_int_equal(r.vol_of_task[0], 1);
	assert_int_equal(r.vol_of_task[1], 0);
	assert_int_equal(mcf_verify(&p, &r), 0);
	/* A feasible but worse assignment with the same duals must fail the certificate. */
	r.vol_of_task[0] = 0;
	r.arc_of_task[0] = 0;
	r.vol_of_task[1] = 1;
	r.arc_of_task[1] = 3;
	r.cost = 11;
	assert_int_equal(mcf_verify(&p, &r), -1);
	mcf_result_free(&r);
}

static void test_negative_costs_and_empty(void **state)
{
	int32_t cap[1] = {2};
	int64_t pen[3] = {-5, 0, 7};
	struct mcf_arc arcs[] = {{0, 0, -4}, {1, 0, -9}, {2, 0, -1}};
	struct mcf_problem p = {3, 1, cap, pen, arcs, 3};
	struct mcf_problem empty = {0};
	struct mcf_result r;

	(void)state;
	assert_int_equal(mcf_solve(&p, &r), 0);
	/* Best: task 0 unassigned (-5), tasks 1 and 2 take the volunteer (-9 - 1). */
	assert_int_equal(r.cost, -15);
	assert_int_equal(r.vol_of_task[0], MCF_UNASSIGNED);
	assert_int_equal(mcf_verify(&p, &r), 0);
	mcf_result_free(&r);

	assert_int_equal(mcf_solve(&empty, &r), 0);
	assert_int_equal(r.cost, 0);
	mcf_result_free(&r);
}

static void test_rejects_bad_input(void **state)
{
	int32_t cap[1] = {1};
	int64_t pen[1] = {1};
	struct mcf_arc arcs[1] = {{0, 1, 1}};
	struct mcf_problem p = {1, 1, cap, pen, arcs, 1};
	struct mcf_result r;

	(void)state;
	errno = 0;
	assert_int_equal(mcf_solve(&p, &r), -1);
	assert_int_equal(errno, EINVAL);
	arcs[0].vol = 0;
	arcs[0].cost = MCF_COST_MAX + 1;
	assert_int_equal(mcf_solve(&p, &r), -1);
	arcs[0].cost = 1;
	cap[0] = -1;
	assert_int_equal(mcf_solve(&p, &r), -1);
	cap[0] = 1;
	assert_int_equal(mcf_solve(&p, &r), 0);
	mcf_result_free(&r);
	mcf_result_free(&r);	/* idempotent on a freed result */
}

static void test_ties_lower_volunteer_wins(void **state)
{
	int32_t cap[4] = {1, 1, 1, 1};
	int64_t pen[1] = {50};
	/* Given in descending volunteer order so input order cannot be what decides. */
	struct mcf_arc arcs[] = {{0, 3, 5}, {0, 2, 5}, {0, 1, 5}, {0, 0, 9}};
	struct mcf_problem p = {1, 4, cap, pen, arcs, 4};
	struct mcf_result r;

	(void)state;
	assert_int_equal(mcf_solve(&p, &r), 0);
	assert_int_equal(r.vol_of_task[0], 1);
	mcf_result_free(&r);
}

static void test_ties_assign_beats_unassigned(void **state)
{
	int32_t cap[1] = {1};
	int64_t pen[2] = {5, 5};
	struct mcf_arc arcs[] = {{0, 0, 5}, {1, 0, 5}};
	struct mcf_problem p = {2, 1, cap, pen, arcs, 2};
	struct mcf_result r;

	(void)state;
	assert_int_equal(mcf_solve(&p, &r), 0);
	assert_int_equal(r.cost, 10);
	/* The first task keeps the volunteer; the second is not swapped in for nothing. */
	assert_int_equal(r.vol_of_task[0], 0);
	assert_int_equal(r.vol_of_task[1], MCF_UNASSIGNED);
	mcf_result_free(&r);
}

static void test_ties_no_needless_displacement(void **state)
{
	int32_t cap[2] = {1, 1};
	int64_t pen[2] = {100, 100};
	/* Task 1 could take v0 and push task 0 to v1 at equal cost; it should take v1. */
	struct mcf_arc arcs[] = {{0, 0, 3}, {0, 1, 3}, {1, 0, 3}, {1, 1, 3}};
	struct mcf_problem p = {2, 2, cap, pen, arcs, 4};
	struct mcf_result r;

	(void)state;
	assert_int_equal(mcf_solve(&p, &r), 0);
	assert_int_equal(r.vol_of_task[0], 0);
	assert_int_equal(r.vol_of_task[1], 1);
	mcf_result_free(&r);
}

static void test_deterministic_across_runs(void **state)
{
	uint64_t seed = 7;
	static struct inst in;

	(void)state;
	for (int k = 0; k < 300; k++) {
		struct mcf_result a, b;

		random_instance(&seed, &in);
		assert_int_equal(mcf_solve(&in.p, &a), 0);
		assert_int_equal(mcf_solve(&in.p, &b), 0);
		assert_memory_equal(a.vol_of_task, b.vol_of_task, (size_t)in.p.n_tasks * sizeof(*a.vol_of_task));
		assert_memory_equal(a.arc_of_task, b.arc_of_task, (size_t)in.p.n_tasks * sizeof(*a.arc_of_task));
		mcf_result_free(&a);
		mcf_result_free(&b);
	}
}

/*
 * Medium instances, too big for brute force, with random starting prices:
 * long paths through the sink and decrease-key on nodes already in the heap
 * happen here, and the certificate plus agreement with cold SSP check them.
 */
static void test_medium_random_prices(void **state)
{
	uint64_t seed = 4242;
	int n_through_sink = 0;

	(void)state;
	for (int k = 0; k < 300; k++) {
		int32_t nt = (int32_t)rng_range(&seed, 20, 60), nv = (int32_t)rng_range(&seed, 5, 30);
		int32_t cap[30];
		int64_t pen[60], prices[30];
		struct mcf_arc arcs[60 * 30];
		struct mcf_problem p = {nt, nv, cap, pen, arcs, 0};
		struct mcf_result cold, warm;

		for (int32_t v = 0; v < nv; v++) {
			cap[v] = (int32_t)rng_range(&seed, 0, 3);
			prices[v] = rng_range(&seed, 0, 3) ? rng_range(&seed, 0, 300) : 0;
		}
		for (int32_t t = 0; t < nt; t++) {
			pen[t] = rng_range(&seed, 50, 400);
			for (int32_t v = 0; v < nv; v++)
				if (rng_range(&seed, 0, 2) == 0)
					arcs[p.n_arcs++] = (struct mcf_arc){t, v, rng_range(&seed, 0, 200)};
		}
		assert_int_equal(mcf_solve_from(&p, NULL, &cold), 0);
		assert_int_equal(mcf_solve_from(&p, prices, &warm), 0);
		if (warm.cost != cold.cost || mcf_verify(&p, &warm) != 0 || mcf_verify(&p, &cold) != 0)
			fail_msg("instance %d: cold %lld, warm %lld", k, (long long)cold.cost, (long long)warm.cost);
		n_through_sink += warm.n_sink_scans > 0;
		mcf_result_free(&cold);
		mcf_result_free(&warm);
	}
	assert_true(n_through_sink > 30);
}

/* A bigger instance with long displacement chains, checked by its certificate. */
static void test_large_certified(void **state)
{
	uint64_t seed = 99;
	int32_t nt = 3000, nv = 1000;
	struct mcf_problem p = {0};
	struct mcf_result r;

	(void)state;
	p.n_tasks = nt;
	p.n_vols = nv;
	p.capacity = malloc((size_t)nv * sizeof(*p.capacity));
	p.penalty = malloc((size_t)nt * sizeof(*p.penalty));
	p.arcs = malloc((size_t)nt * 20 * sizeof(*p.arcs));
	assert_non_null(p.capacity);
	assert_non_null(p.penalty);
	assert_non_null(p.arcs);
	for (int32_t v = 0; v < nv; v++)
		p.capacity[v] = (int32_t)rng_range(&seed, 1, 3);
	for (int32_t t = 0; t < nt; t++) {
		p.penalty[t] = 1000 * rng_range(&seed, 1, 5);
		for (int k = 0; k < 20; k++) {
			struct mcf_arc *a = &p.arcs[p.n_arcs++];

			a->task = t;
			/* Local neighbourhoods, so tasks compete for the same few volunteers. */
			a->vol = (int32_t)((t / 3 + rng_range(&seed, 0, 40)) % nv);
			a->cost = rng_range(&seed, 0, 3000);
		}
	}
	assert_int_equal(mcf_solve(&p, &r), 0);
	assert_int_equal(mcf_verify(&p, &r), 0);
	assert_true(r.n_searches > 0);
	/* Restarting from the optimal duals is nearly free; cold and noisy starts reach the same optimum. */
	{
		struct mcf_result warm, cold, noisy;
		int64_t *prices = malloc((size_t)nv * sizeof(*prices));

		assert_non_null(prices);
		assert_int_equal(mcf_solve_from(&p, r.vol_dual, &warm), 0);
		assert_int_equal(warm.cost, r.cost);
		assert_int_equal(mcf_verify(&p, &warm), 0);
		assert_true(warm.n_searches < r.n_searches);
		assert_int_equal(mcf_solve_from(&p, NULL, &cold), 0);
		assert_int_equal(cold.cost, r.cost);
		assert_int_equal(mcf_verify(&p, &cold), 0);
		for (int32_t v = 0; v < nv; v++)
			prices[v] = r.vol_dual[v] + rng_range(&seed, 0, 2000);
		assert_int_equal(mcf_solve_from(&p, prices, &noisy), 0);
		assert_int_equal(noisy.cost, r.cost);
		assert_int_equal(mcf_verify(&p, &noisy), 0);
		mcf_result_free(&warm);
		mcf_result_free(&cold);
		mcf_result_free(&noisy);
		free(prices);
	}
	mcf_result_free(&r);
	mcf_problem_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matches_brute_force),
		cmocka_unit_test(test_rejects_bad_prices),
		cmocka_unit_test(test_verify_rejects_suboptimal),
		cmocka_unit_test(test_negative_costs_and_empty),
		cmocka_unit_test(test_rejects_bad_input),
		cmocka_unit_test(test_ties_lower_volunteer_wins),
		cmocka_unit_test(test_ties_assign_beats_unassigned),
		cmocka_unit_test(test_ties_no_needless_displacement),
		cmocka_unit_test(test_deterministic_across_runs),
		cmocka_unit_test(test_medium_random_prices),
		cmocka_unit_test(test_large_certified),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
