/* Unit tests for volunteers' hours milestones (src/core/milestone.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/milestone.h"

static const char *const LIST = "hours,title\n10,Ten\n50,Fifty\r\n100,Hundred\n250,Two fifty\n";

static void test_parse(void **state)
{
	(void)state;
	struct milestones ms;
	assert_int_equal(milestones_parse(LIST, strlen(LIST), &ms), 0);
	assert_int_equal(ms.n, 4);
	assert_int_equal(ms.m[1].hours, 50);
	assert_string_equal(ms.m[1].title, "Fifty");
	static const char *const bad[] = { "", "hours,title\n", "h,t\n10,Ten\n", "hours,title\n10,Ten\n5,Five\n",
					   "hours,title\nten,Ten\n", "hours,title\n10\n", "hours,title\n0,None\n",
					   "hours,title\n10,\n" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(milestones_parse(bad[i], strlen(bad[i]), &ms), -1);
}

static void test_reached(void **state)
{
	(void)state;
	struct milestones ms;
	assert_int_equal(milestones_parse(LIST, strlen(LIST), &ms), 0);
	const struct milestone *next, *got;
	got = milestone_reached(&ms, 0, &next);
	assert_null(got);
	assert_int_equal(next->hours, 10);
	got = milestone_reached(&ms, 599, &next);
	assert_null(got);
	got = milestone_reached(&ms, 600, &next);
	assert_int_equal(got->hours, 10);
	assert_int_equal(next->hours, 50);
	got = milestone_reached(&ms, 100 * 60 + 1, &next);
	assert_int_equal(got->hours, 100);
	assert_int_equal(next->hours, 250);
	got = milestone_reached(&ms, 1000000, &next);
	assert_int_equal(got->hours, 250);
	assert_null(next);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_reached),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
