/* Unit tests for the operating-hours report's grid and shortest window (src/core/demand_hours.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/demand_hours.h"

/* 2026-12-07 00:00 UTC is a Monday in GMT; 2026-07-06 00:00 UTC a Monday in BST (01:00 local). */
#define MON_GMT 1796601600LL
#define MON_BST 1783296000LL

static void test_slot(void **state)
{
	(void)state;
	int d, h;
	demand_hours_slot(MON_GMT, &d, &h);
	assert_int_equal(d, 0);
	assert_int_equal(h, 0);
	demand_hours_slot(MON_GMT + 6 * 86400 + 23 * 3600 + 3599, &d, &h);
	assert_int_equal(d, 6);
	assert_int_equal(h, 23);
	/* Summer: 23:30 UTC on Monday is 00:30 on Tuesday in London. */
	demand_hours_slot(MON_BST + 23 * 3600 + 1800, &d, &h);
	assert_int_equal(d, 1);
	assert_int_equal(h, 0);
	demand_hours_slot(MON_BST + 8 * 3600, &d, &h);
	assert_int_equal(d, 0);
	assert_int_equal(h, 9);
	/* Before 1970 still a weekday in range: 1969-12-29 was a Monday. */
	demand_hours_slot(-3 * 86400 + 3600, &d, &h);
	assert_int_equal(d, 0);
	assert_int_equal(h, 1);
}

static void test_add_total(void **state)
{
	(void)state;
	struct demand_grid g;
	memset(&g, 0, sizeof g);
	demand_hours_add(&g, MON_GMT + 9 * 3600);
	demand_hours_add(&g, MON_GMT + 9 * 3600 + 59);
	demand_hours_add(&g, MON_GMT + 86400 + 9 * 3600);
	demand_hours_add(&g, MON_GMT + 2 * 86400 + 14 * 3600);
	assert_int_equal(g.n[0][9], 2);
	assert_int_equal(demand_hours_total(&g, 0, -1), 2);
	assert_int_equal(demand_hours_total(&g, -1, 9), 3);
	assert_int_equal(demand_hours_total(&g, -1, -1), 4);
	assert_int_equal(demand_hours_total(&g, 6, -1), 0);
}

static void test_window(void **state)
{
	(void)state;
	struct demand_grid g;
	memset(&g, 0, sizeof g);
	int from = -1, to = -1;
	assert_int_equal(demand_hours_window(&g, 0, 80, &from, &to), 0);
	assert_int_equal(from, 0);
	assert_int_equal(to, 0);
	/* Monday: 10 at 09, 10 at 10, 5 at 11, 1 at 20: 80% of 26 is 21 -> 09..12 (25). */
	g.n[0][9] = 10;
	g.n[0][10] = 10;
	g.n[0][11] = 5;
	g.n[0][20] = 1;
	assert_int_equal(demand_hours_window(&g, 0, 80, &from, &to), 25);
	assert_int_equal(from, 9);
	assert_int_equal(to, 12);
	/* 100% needs 09..21. */
	assert_int_equal(demand_hours_window(&g, 0, 100, &from, &to), 26);
	assert_int_equal(from, 9);
	assert_int_equal(to, 21);
	/* Ties go to the earliest run. */
	memset(&g, 0, sizeof g);
	g.n[2][8] = 3;
	g.n[2][15] = 3;
	assert_int_equal(demand_hours_window(&g, 2, 50, &from, &to), 3);
	assert_int_equal(from, 8);
	assert_int_equal(to, 9);
	/* Every day together. */
	g.n[4][15] = 3;
	assert_int_equal(demand_hours_window(&g, -1, 50, &from, &to), 6);
	assert_int_equal(from, 15);
	assert_int_equal(to, 16);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slot),
		cmocka_unit_test(test_add_total),
		cmocka_unit_test(test_window),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
