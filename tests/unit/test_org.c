/* Unit tests for core/org and core/record: organisation fields, framework status, and community support
 * shared by open load against volunteer capacity. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "core/org.h"

static void test_share_by_load_against_capacity(void **state)
{
	(void)state;
	char why[400];
	/* A: 4 open of 10 a week (0.4); B: 1 open of 5 (0.2); C: 0 open but no volunteers */
	struct org_share_candidate c[] = {
		{ 1, "Alpha", 4, 10 }, { 2, "Beta", 1, 5 }, { 3, "Gamma", 0, 0 },
	};
	assert_int_equal(org_share_pick(c, 3, "Breckland", why, sizeof why), 1);
	assert_non_null(strstr(why, "Beta"));
	assert_non_null(strstr(why, "3 active providers serving Breckland"));
	/* Beta takes one more: 2 of 5 (0.4) ties Alpha's 4 of 10: the lower load wins */
	c[1].open_load = 2;
	assert_int_equal(org_share_pick(c, 3, "Breckland", why, sizeof why), 1);
	c[1].open_load = 3;
	assert_int_equal(org_share_pick(c, 3, "Breckland", why, sizeof why), 0);
	/* nobody has capacity: the lowest load, then the lowest id */
	struct org_share_candidate z[] = { { 7, "Seven", 2, 0 }, { 5, "Five", 2, 0 }, { 9, "Nine", 3, 0 } };
	assert_int_equal(org_share_pick(z, 3, "Waveney", why, sizeof why), 1);
	/* one candidate, and none */
	assert_int_equal(org_share_pick(c, 1, "Norwich", why, sizeof why), 0);
	assert_non_null(strstr(why, "the only active provider serving Norwich"));
	assert_int_equal(org_share_pick(c, 0, "Norwich", why, sizeof why), -1);
	/* many tasks spread: repeated picks with loads bumped share among all with capacity */
	struct org_share_candidate s[] = { { 1, "A", 0, 2 }, { 2, "B", 0, 6 } };
	int got[2] = { 0, 0 };
	for (int i = 0; i < 8; i++) {
		long k = org_share_pick(s, 2, "x", why, sizeof why);
		got[k]++;
		s[k].open_load++;
	}
	assert_int_equal(got[0], 2);
	assert_int_equal(got[1], 6);
}

static void test_status(void **state)
{
	(void)state;
	struct field_errors fe;
	fielderr_init(&fe);
	assert_int_equal(org_status_check("active", "", &fe), 0);
	assert_int_equal(org_status_check("suspended", "", &fe), -1);
	assert_string_equal(fe.e[0].field, "reason");
	fielderr_init(&fe);
	assert_int_equal(org_status_check("suspended", "Safeguarding review", &fe), 0);
	assert_int_equal(org_status_check("closed", "x", &fe), -1);
	assert_string_equal(fe.e[0].field, "status");
}

static void test_fields(void **state)
{
	(void)state;
	struct field_errors fe;
	char out[REC_VALUE_MAX];
	fielderr_init(&fe);
	assert_int_equal(rec_check(&org_fields[ORG_F_KIND], "provider", out, &fe), 0);
	assert_int_equal(rec_check(&org_fields[ORG_F_KIND], "charity", out, &fe), -1);
	assert_string_equal(fe.e[0].field, "kind");
	assert_int_equal(rec_check(&org_fields[ORG_F_NAME], "  ", out, &fe), -1);
	assert_string_equal(fe.e[1].field, "name");
	assert_int_equal(rec_check(&org_fields[ORG_F_AREAS], " breckland, waveney,breckland ", out, &fe), 0);
	assert_string_equal(out, "breckland,waveney");
	assert_int_equal(rec_check(&org_fields[ORG_F_PHONE], "01362 123456", out, &fe), 0);
	assert_int_equal(rec_check(&org_fields[ORG_F_EMAIL], "x@", out, &fe), -1);
	const struct rec_field fte = { "fte", RK_FTE, 0, 1, "FTE", NULL, NULL, "" };
	const char *ok[][2] = { { "0.5", "50" }, { ".25", "25" }, { "1", "100" }, { "1.0", "100" }, { "0.01", "1" } };
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(rec_check(&fte, ok[i][0], out, &fe), 0);
		assert_string_equal(out, ok[i][1]);
	}
	const char *bad[] = { "0", "1.5", "0.125", "half", "-1", ".", "1.", "2" };
	for (size_t i = 0; i < 8; i++)
		assert_int_equal(rec_check(&fte, bad[i], out, &fe), -1);
	const struct rec_field d = { "start_date", RK_DATE, 0, 0, "Start date", NULL, NULL, "" };
	assert_int_equal(rec_check(&d, "2027-02-30", out, &fe), -1);
	assert_int_equal(rec_check(&d, "2027-02-28", out, &fe), 0);
	assert_int_equal(rec_check(&d, "", out, &fe), 0);
	assert_string_equal(out, "");
	const struct rec_field b = { "own_transport", RK_BOOL, 0, 0, "Own transport", NULL, NULL, "" };
	assert_int_equal(rec_check(&b, "yes", out, &fe), 0);
	assert_string_equal(out, "1");
	assert_int_equal(rec_check(&b, "perhaps", out, &fe), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_share_by_load_against_capacity),
		cmocka_unit_test(test_status),
		cmocka_unit_test(test_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
