/* Unit tests for core/suppress: primary suppression at the threshold,
 * rounding to 5, secondary suppression across a group, and percentages. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>
#include "core/suppress.h"

static void test_round5(void **state)
{
	(void)state;
	static const int64_t in[] = { 0, 1, 2, 3, 7, 8, 10, 12, 13, 17, 18, 22, 23, 1002, 1003 };
	static const int64_t want[] = { 0, 0, 0, 5, 5, 10, 10, 10, 15, 15, 20, 20, 25, 1000, 1005 };
	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++)
		assert_int_equal(suppress_round5(in[i]), want[i]);
	assert_int_equal(suppress_round5(-3), -5);
}

static void test_primary_threshold(void **state)
{
	(void)state;
	struct sup_cell c;
	for (int64_t v = 0; v <= 20; v++) {
		suppress_cell(&c, v, 7);
		assert_int_equal(c.withheld, v >= 1 && v <= 7);
		if (!c.withheld)
			assert_int_equal(c.shown, suppress_round5(v));
		assert_int_equal(c.exact, v);
	}
	/* The threshold is a setting. */
	suppress_cell(&c, 9, 10);
	assert_true(c.withheld);
	suppress_cell(&c, 9, 5);
	assert_false(c.withheld);
	assert_int_equal(c.shown, 10);
}

static void test_secondary_one_withheld(void **state)
{
	(void)state;
	/* 3 would be 100 - (40 + 25 + 32): the smallest other (25) goes too. */
	const int64_t exact[] = { 40, 3, 25, 32 };
	struct sup_cell cells[4], total;
	assert_int_equal(suppress_group(cells, exact, 4, &total, 7), 1);
	assert_true(cells[1].withheld);
	assert_true(cells[2].withheld);
	assert_false(cells[0].withheld);
	assert_false(cells[3].withheld);
	assert_false(total.withheld);
	assert_int_equal(total.shown, 100);
}

static void test_secondary_not_needed(void **state)
{
	(void)state;
	struct sup_cell cells[3], total;
	const int64_t none[] = { 10, 20, 30 };
	assert_int_equal(suppress_group(cells, none, 3, &total, 7), 0);
	for (int i = 0; i < 3; i++)
		assert_false(cells[i].withheld);
	const int64_t two[] = { 2, 5, 30 };
	assert_int_equal(suppress_group(cells, two, 3, &total, 7), 0);
	assert_true(cells[0].withheld && cells[1].withheld);
	assert_false(cells[2].withheld);
	/* A withheld total gives nothing away. */
	const int64_t small[] = { 0, 4, 0 };
	assert_int_equal(suppress_group(cells, small, 3, &total, 7), 0);
	assert_true(total.withheld);
}

static void test_secondary_skips_zeros_and_falls_to_total(void **state)
{
	(void)state;
	struct sup_cell cells[4], total;
	/* Zeros tell nothing: the smallest non-zero other count goes. */
	const int64_t z[] = { 0, 6, 0, 50 };
	assert_int_equal(suppress_group(cells, z, 4, &total, 7), 1);
	assert_true(cells[1].withheld && cells[3].withheld);
	assert_false(cells[0].withheld || cells[2].withheld);
	/* Only zeros beside it: the total would be the count, so it goes. */
	const int64_t lone[] = { 0, 3, 0 };
	struct sup_cell c3[3], t3;
	suppress_group(c3, lone, 3, &t3, 2);
	assert_false(c3[1].withheld); /* 3 is above a threshold of 2 */
	const int64_t big[] = { 9, 0, 0 };
	assert_int_equal(suppress_group(c3, big, 3, &t3, 10), 0);
	assert_true(c3[0].withheld && t3.withheld);
}

/* Whatever the data, no withheld count of a group can be worked out from
 * its shown total and the other shown counts (random groups). */
static void test_never_one_withheld_beside_a_shown_total(void **state)
{
	(void)state;
	srand(7);
	for (int round = 0; round < 5000; round++) {
		size_t n = 1 + (size_t)(rand() % 8);
		int64_t exact[8];
		for (size_t i = 0; i < n; i++)
			exact[i] = rand() % 4 == 0 ? 0 : rand() % 30;
		struct sup_cell cells[8], total;
		suppress_group(cells, exact, n, &total, 7);
		size_t withheld = 0;
		for (size_t i = 0; i < n; i++) {
			withheld += (size_t)cells[i].withheld;
			if (exact[i] >= 1 && exact[i] <= 7)
				assert_true(cells[i].withheld);
		}
		assert_true(withheld != 1 || total.withheld);
	}
}

static void test_percent(void **state)
{
	(void)state;
	struct sup_cell num, den;
	int64_t x;
	suppress_cell(&num, 23, 7);
	suppress_cell(&den, 97, 7);
	assert_int_equal(suppress_percent(&num, &den, &x), 0);
	assert_int_equal(x, 2371); /* 23.711...% */
	suppress_cell(&num, 5, 7);
	assert_int_equal(suppress_percent(&num, &den, &x), -1);
	suppress_cell(&num, 0, 7);
	suppress_cell(&den, 0, 7);
	assert_int_equal(suppress_percent(&num, &den, &x), -1);
	suppress_cell(&num, 10, 7);
	suppress_cell(&den, 3, 7);
	assert_int_equal(suppress_percent(&num, &den, &x), -1);
	suppress_cell(&num, 1, 0); /* threshold 0: staff see exact figures */
	suppress_cell(&den, 3, 0);
	assert_int_equal(suppress_percent(&num, &den, &x), 0);
	assert_int_equal(x, 3333);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round5),
		cmocka_unit_test(test_primary_threshold),
		cmocka_unit_test(test_secondary_one_withheld),
		cmocka_unit_test(test_secondary_not_needed),
		cmocka_unit_test(test_secondary_skips_zeros_and_falls_to_total),
		cmocka_unit_test(test_never_one_withheld_beside_a_shown_total),
		cmocka_unit_test(test_percent),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
