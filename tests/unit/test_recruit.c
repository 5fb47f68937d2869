/* Unit tests for where to recruit: Erlang C, the volunteers needed, the ranking and CSV cells (src/core/recruit.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "core/recruit.h"

static void near(double got, double want, double tol)
{
	if (fabs(got - want) > tol)
		fail_msg("got %.6f, want %.6f", got, want);
}

static void test_erlang_c(void **state)
{
	(void)state;
	/* M/M/1: the chance of waiting is the utilisation. */
	near(recruit_erlang_c(1, 0.5), 0.5, 1e-12);
	near(recruit_erlang_c(1, 0.9), 0.9, 1e-12);
	/* Two servers, load 1: 1/3. */
	near(recruit_erlang_c(2, 1.0), 1.0 / 3.0, 1e-12);
	/* Textbook values. */
	near(recruit_erlang_c(10, 8.0), 0.4092, 1e-4);
	near(recruit_erlang_c(5, 3.0), 0.2362, 1e-4);
	/* Unstable or empty. */
	near(recruit_erlang_c(3, 3.0), 1.0, 0);
	near(recruit_erlang_c(3, 0.0), 0.0, 0);
	/* Large c stays finite and small. */
	double big = recruit_erlang_c(5000, 4000.0);
	assert_true(big >= 0.0 && big < 1e-6);
}

static void test_share_within(void **state)
{
	(void)state;
	/* M/M/1 with lambda 1, mu 2: 1 - 0.5 e^(-t). */
	near(recruit_share_within(1, 1.0, 2.0, 0.0), 0.5, 1e-12);
	near(recruit_share_within(1, 1.0, 2.0, 1.0), 1.0 - 0.5 * exp(-1.0), 1e-12);
	near(recruit_share_within(4, 0.0, 1.0, 1.0), 1.0, 0);
	near(recruit_share_within(2, 4.0, 2.0, 10.0), 0.0, 0); /* unstable */
	near(recruit_share_within(0, 1.0, 1.0, 10.0), 0.0, 0);
	/* More volunteers never answer fewer within the target. */
	double prev = 0;
	for (int64_t c = 1; c < 40; c++) {
		double s = recruit_share_within(c, 20.0 / 168, 2.0 / 168, 24);
		assert_true(s >= prev - 1e-12);
		prev = s;
	}
}

static void test_needed_is_the_least_that_meets_the_target(void **state)
{
	(void)state;
	struct recruit_params p;
	recruit_params_default(&p);
	for (int64_t tasks = 1; tasks <= 800; tasks += 13) {
		struct recruit_group g = { .tasks = tasks, .task_minutes = tasks * 90, .volunteers = 3, .capacity = 6,
					   .avail_minutes = 3 * 600 };
		recruit_compute(&g, &p);
		double lambda = g.tasks_per_week / 168.0, mu = g.per_volunteer / 168.0;
		assert_true(g.needed > 0);
		assert_true(recruit_share_within(g.needed, lambda, mu, 24) >= 0.95);
		assert_true(g.needed == 1 || recruit_share_within(g.needed - 1, lambda, mu, 24) < 0.95);
		assert_int_equal(g.gap, g.needed > 3 ? g.needed - 3 : 0);
		near(g.per_volunteer, 2.0, 0);
	}
}

static void test_compute_figures(void **state)
{
	(void)state;
	struct recruit_params p;
	recruit_params_default(&p);
	/* 80 tasks of an hour over 8 weeks: 10 a week, 10 hours a week. */
	struct recruit_group g = { .tasks = 80, .task_minutes = 80 * 60, .unmatched = 5, .volunteers = 4, .capacity = 8,
				   .avail_minutes = 4 * 180 };
	recruit_compute(&g, &p);
	near(g.tasks_per_week, 10, 1e-12);
	near(g.hours_per_week, 10, 1e-12);
	/* Free time 12 h, capped at 8 tasks x 1 h. */
	near(g.supply_hours_per_week, 8, 1e-12);
	/* 4 volunteers at 2 a week cannot keep up with 10 a week. */
	near(g.answered_now, 0, 0);
	assert_true(g.needed >= 6);
	assert_int_equal(g.gap, g.needed - 4);
	/* No demand: nobody needed, and everything is answered. */
	struct recruit_group idle = { .volunteers = 2, .capacity = 4, .avail_minutes = 600 };
	recruit_compute(&idle, &p);
	assert_int_equal(idle.needed, 0);
	assert_int_equal(idle.gap, 0);
	near(idle.answered_now, 1, 0);
	/* No volunteers: the default capacity. */
	struct recruit_group none = { .tasks = 16, .task_minutes = 16 * 60 };
	recruit_compute(&none, &p);
	near(none.per_volunteer, 2, 0);
	assert_int_equal(none.gap, none.needed);
	assert_true(none.needed >= 2);
}

static void test_rank(void **state)
{
	(void)state;
	struct recruit_group g[5] = {
		{ .gap = 1, .unmatched = 0, .tasks = 5 },
		{ .gap = 3, .unmatched = 1, .tasks = 2 },
		{ .gap = 1, .unmatched = 4, .tasks = 1 },
		{ .gap = 1, .unmatched = 0, .tasks = 9 },
		{ .gap = 1, .unmatched = 0, .tasks = 5 },
	};
	size_t order[5];
	recruit_rank(g, 5, order);
	size_t want[5] = { 1, 2, 3, 0, 4 };
	for (int i = 0; i < 5; i++)
		assert_int_equal(order[i], want[i]);
	recruit_rank(g, 0, order);
}

static void test_csv_cells(void **state)
{
	(void)state;
	char out[64];
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "Breckland", "Breckland" },
		{ "King's Lynn and West Norfolk", "King's Lynn and West Norfolk" },
		{ "=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"" },
		{ "+44", "'+44" },
		{ "-3", "'-3" },
		{ "@SUM(A1)", "'@SUM(A1)" },
		{ "\tx", "'\tx" },
		{ "\rx", "\"'\rx\"" },
		{ "a,b", "\"a,b\"" },
		{ "line\nbreak", "\"line\nbreak\"" },
		{ "", "" },
		{ "safe = here", "safe = here" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int n = recruit_csv_cell(cases[i].in, out, sizeof out);
		assert_int_equal(n, (int)strlen(cases[i].want));
		assert_string_equal(out, cases[i].want);
	}
	assert_int_equal(recruit_csv_cell(NULL, out, sizeof out), 0);
	char tiny[4];
	assert_int_equal(recruit_csv_cell("abcd", tiny, sizeof tiny), -1);
	assert_string_equal(tiny, "");
	assert_int_equal(recruit_csv_cell("abc", tiny, sizeof tiny), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_erlang_c),
		cmocka_unit_test(test_share_within),
		cmocka_unit_test(test_needed_is_the_least_that_meets_the_target),
		cmocka_unit_test(test_compute_figures),
		cmocka_unit_test(test_rank),
		cmocka_unit_test(test_csv_cells),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
