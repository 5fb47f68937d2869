/* Unit tests for DBS cover of home visits and renewal reminders (src/core/compliance.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/compliance.h"
#include "core/datetime.h"
#include "core/londontime.h"
#include "core/match.h"

static int64_t day(int y, int m, int d)
{
	return dt_days_from_civil(y, m, d);
}

/* UTC seconds of a London wall-clock time. */
static int64_t at(int y, int m, int d, int hh, int mm)
{
	return london_midnight_utc(day(y, m, d)) + hh * 3600 + mm * 60;
}

static struct dbs_check enhanced(int64_t cert, int64_t renew)
{
	return (struct dbs_check){ DBS_ENHANCED, cert, 0, renew };
}

static void test_level_codes(void **state)
{
	(void)state;
	assert_string_equal(dbs_level_code(DBS_ENHANCED), "enhanced");
	assert_string_equal(dbs_level_code(DBS_NONE), "");
	assert_string_equal(dbs_level_label(DBS_BASIC), "Basic");
	assert_int_equal(dbs_level_from_code("standard"), DBS_STANDARD);
	assert_int_equal(dbs_level_from_code(""), DBS_NONE);
	assert_int_equal(dbs_level_from_code("Enhanced"), -1);
	assert_int_equal(dbs_level_from_code(NULL), -1);
	assert_string_equal(dbs_level_code((enum dbs_level)99), "");
}

/* Cover runs to 00:00 London time on the renewal day, in GMT and in BST. */
static void test_until_is_local_midnight_of_renewal_day(void **state)
{
	(void)state;
	struct dbs_check d = enhanced(day(2024, 1, 10), day(2027, 1, 10));
	assert_int_equal(compliance_home_visit_until(&d), at(2027, 1, 10, 0, 0));
	d.renewal_day = day(2027, 7, 1);
	/* BST: local midnight is 23:00 UTC the evening before. */
	assert_int_equal(compliance_home_visit_until(&d), at(2027, 7, 1, 0, 0));
	assert_int_equal(compliance_home_visit_until(&d) % 86400, 23 * 3600);
}

static void test_only_enhanced_covers_home_visits(void **state)
{
	(void)state;
	int64_t now = at(2026, 11, 22, 12, 0);
	for (int lvl = DBS_NONE; lvl < DBS__MAX; lvl++) {
		struct dbs_check d = { (enum dbs_level)lvl, day(2025, 1, 1), 1, day(2028, 1, 1) };
		assert_int_equal(compliance_home_visit_ok(&d, now, now + 3600), lvl == DBS_ENHANCED);
		assert_int_equal(compliance_home_visit_until(&d) != 0, lvl == DBS_ENHANCED);
	}
}

static void test_missing_or_inconsistent_dates_never_cover(void **state)
{
	(void)state;
	int64_t now = at(2026, 11, 22, 12, 0);
	struct dbs_check d = enhanced(COMPLIANCE_NO_DAY, day(2028, 1, 1));
	assert_int_equal(compliance_home_visit_ok(&d, now, now + 3600), 0);
	d = enhanced(day(2025, 1, 1), COMPLIANCE_NO_DAY);
	assert_int_equal(compliance_home_visit_ok(&d, now, now + 3600), 0);
	d = enhanced(day(2025, 1, 1), day(2025, 1, 1)); /* renewal not after the certificate */
	assert_int_equal(compliance_home_visit_until(&d), 0);
	assert_int_equal(compliance_home_visit_ok(&d, now, now + 3600), 0);
	/* Issued tomorrow: no cover today, cover from tomorrow. */
	d = enhanced(day(2026, 11, 23), day(2029, 11, 23));
	assert_int_equal(compliance_home_visit_ok(&d, now, now + 3600), 0);
	assert_int_equal(compliance_home_visit_until_at(&d, now), 0);
	assert_int_equal(compliance_home_visit_ok(&d, at(2026, 11, 23, 9, 0), at(2026, 11, 23, 11, 0)), 1);
	assert_int_equal(compliance_home_visit_until_at(&d, at(2026, 11, 23, 0, 0)), at(2029, 11, 23, 0, 0));
	/* A day number with no representable midnight. */
	d = enhanced(day(2025, 1, 1), INT64_MAX / 2);
	assert_int_equal(compliance_home_visit_until(&d), 0);
}

/* The renewal date must be after the last day of the window, and after today. */
static void test_window_against_renewal_day(void **state)
{
	(void)state;
	struct dbs_check d = enhanced(day(2024, 3, 1), day(2027, 3, 1));
	int64_t now = at(2027, 2, 20, 9, 0);
	/* A visit on the last day before renewal, ending at 23:59, is covered. */
	assert_int_equal(compliance_home_visit_ok(&d, now, at(2027, 2, 28, 23, 59)), 1);
	/* Ending exactly at midnight: the window is [start, end), so still covered. */
	assert_int_equal(compliance_home_visit_ok(&d, now, at(2027, 3, 1, 0, 0)), 1);
	/* One second into the renewal day is not. */
	assert_int_equal(compliance_home_visit_ok(&d, now, at(2027, 3, 1, 0, 0) + 1), 0);
	/* A window that crosses the renewal day is not covered even though it starts before. */
	assert_int_equal(compliance_home_visit_ok(&d, now, at(2027, 3, 2, 12, 0)), 0);
	/* On the renewal day itself it has lapsed, whatever the window. */
	int64_t lapsed = at(2027, 3, 1, 8, 0);
	assert_int_equal(compliance_home_visit_ok(&d, lapsed, lapsed + 3600), 0);
	/* And long after. */
	assert_int_equal(compliance_home_visit_ok(&d, at(2027, 6, 1, 8, 0), at(2027, 6, 1, 9, 0)), 0);
	/* A window in the past still needs cover now. */
	assert_int_equal(compliance_home_visit_ok(&d, lapsed, at(2027, 2, 1, 9, 0)), 0);
}

/* BST starts on 28 March 2027: local midnight of 29 March is 23:00 UTC on the 28th. */
static void test_renewal_around_clock_change(void **state)
{
	(void)state;
	struct dbs_check d = enhanced(day(2024, 3, 29), day(2027, 3, 29));
	int64_t now = at(2027, 3, 20, 9, 0);
	int64_t until = compliance_home_visit_until(&d);
	assert_int_equal(until, at(2027, 3, 29, 0, 0));
	assert_int_equal(compliance_home_visit_ok(&d, now, until), 1);
	assert_int_equal(compliance_home_visit_ok(&d, now, until + 1), 0);
	/* 23:30 UTC on 28 March is already 00:30 on the 29th in London. */
	int64_t utc_2330 = day(2027, 3, 28) * 86400 + 23 * 3600 + 1800;
	assert_int_equal(compliance_home_visit_ok(&d, now, utc_2330), 0);
}

static void test_stages(void **state)
{
	(void)state;
	int64_t today = day(2026, 11, 22);
	struct dbs_check d = enhanced(day(2024, 1, 1), 0);
	static const struct {
		int left;
		enum compliance_stage want;
	} cases[] = {
		{ 365, COMPLIANCE_OK },    { 61, COMPLIANCE_OK },     { 60, COMPLIANCE_DUE_60 }, { 31, COMPLIANCE_DUE_60 },
		{ 30, COMPLIANCE_DUE_30 }, { 8, COMPLIANCE_DUE_30 },  { 7, COMPLIANCE_DUE_7 },   { 1, COMPLIANCE_DUE_7 },
		{ 0, COMPLIANCE_LAPSED },  { -1, COMPLIANCE_LAPSED }, { -400, COMPLIANCE_LAPSED },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		d.renewal_day = today + cases[i].left;
		assert_int_equal(compliance_stage_on(&d, today), cases[i].want);
		assert_int_equal(compliance_days_left(&d, today), cases[i].left);
	}
	/* Basic and standard checks are renewed too (reminders are not only for home visits). */
	d.level = DBS_BASIC;
	d.renewal_day = today + 20;
	assert_int_equal(compliance_stage_on(&d, today), COMPLIANCE_DUE_30);
	/* Nothing to renew. */
	d.level = DBS_NONE;
	assert_int_equal(compliance_stage_on(&d, today), COMPLIANCE_OK);
	assert_true(compliance_days_left(&d, today) == INT64_MIN);
	d = enhanced(day(2024, 1, 1), COMPLIANCE_NO_DAY);
	assert_int_equal(compliance_stage_on(&d, today), COMPLIANCE_OK);
	assert_int_equal(compliance_stage_days(COMPLIANCE_DUE_60), 60);
	assert_int_equal(compliance_stage_days(COMPLIANCE_DUE_30), 30);
	assert_int_equal(compliance_stage_days(COMPLIANCE_DUE_7), 7);
	assert_int_equal(compliance_stage_days(COMPLIANCE_LAPSED), 0);
	assert_int_equal(compliance_stage_days(COMPLIANCE_OK), 0);
}

/* Walking day by day towards renewal, each reminder is due exactly once, on its day. */
static void test_reminders_fall_due_once_each(void **state)
{
	(void)state;
	int64_t renew = day(2027, 5, 1);
	struct dbs_check d = enhanced(day(2024, 5, 1), renew);
	enum compliance_stage sent = COMPLIANCE_OK;
	int64_t due_on[COMPLIANCE__MAX] = { 0 };
	int count = 0;
	for (int64_t t = renew - 120; t <= renew + 10; t++) {
		enum compliance_stage s = compliance_reminder_due(&d, t, sent);
		if (s != COMPLIANCE_OK) {
			due_on[s] = t;
			sent = s;
			count++;
		}
	}
	assert_int_equal(count, 4);
	assert_int_equal(due_on[COMPLIANCE_DUE_60], renew - 60);
	assert_int_equal(due_on[COMPLIANCE_DUE_30], renew - 30);
	assert_int_equal(due_on[COMPLIANCE_DUE_7], renew - 7);
	assert_int_equal(due_on[COMPLIANCE_LAPSED], renew);
	for (enum compliance_stage s = COMPLIANCE_DUE_60; s <= COMPLIANCE_DUE_7; s++)
		assert_int_equal(compliance_reminder_day(&d, s), due_on[s]);
	assert_true(compliance_reminder_day(&d, COMPLIANCE_LAPSED) == COMPLIANCE_NO_DAY);
	assert_true(compliance_reminder_day(&d, COMPLIANCE_OK) == COMPLIANCE_NO_DAY);
	/* First seen at 20 days: the 30-day reminder, not the 60-day one as well. */
	assert_int_equal(compliance_reminder_due(&d, renew - 20, COMPLIANCE_OK), COMPLIANCE_DUE_30);
	assert_int_equal(compliance_reminder_due(&d, renew - 19, COMPLIANCE_DUE_30), COMPLIANCE_OK);
	d.renewal_day = COMPLIANCE_NO_DAY;
	assert_true(compliance_reminder_day(&d, COMPLIANCE_DUE_7) == COMPLIANCE_NO_DAY);
}

static void test_problems_as_entered(void **state)
{
	(void)state;
	int64_t today = day(2026, 11, 22);
	const char *field = "x";
	struct dbs_check d = { DBS_NONE, COMPLIANCE_NO_DAY, 0, COMPLIANCE_NO_DAY };
	assert_null(compliance_dbs_problem(&d, today, &field));
	assert_null(field);
	d.level = DBS_ENHANCED;
	assert_non_null(compliance_dbs_problem(&d, today, &field));
	assert_string_equal(field, "certificate_date");
	d.certificate_day = today + 1;
	assert_non_null(compliance_dbs_problem(&d, today, &field));
	assert_string_equal(field, "certificate_date");
	d.certificate_day = today;
	assert_non_null(compliance_dbs_problem(&d, today, &field));
	assert_string_equal(field, "renewal_date");
	d.renewal_day = today;
	assert_non_null(compliance_dbs_problem(&d, today, &field));
	assert_string_equal(field, "renewal_date");
	d.renewal_day = today + 1;
	assert_null(compliance_dbs_problem(&d, today, &field));
	/* A lapsed check is a fact to record, not an input error. */
	d.certificate_day = today - 1200;
	d.renewal_day = today - 100;
	assert_null(compliance_dbs_problem(&d, today, &field));
}

/*
 * The matching engine is given compliance_home_visit_until_at() as the
 * volunteer's cover; for every pairing of check, now and window it must make
 * the same decision as compliance_home_visit_ok(). Fixed seed, so failures
 * repeat.
 */
static void test_agrees_with_matching(void **state)
{
	(void)state;
	uint64_t x = 0x9e3779b97f4a7c15u;
	int64_t base = day(2026, 1, 1);
	struct match_params p;
	int ok_count = 0;
	for (int i = 0; i < 20000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		struct dbs_check d = { (enum dbs_level)(x % DBS__MAX), base + (int64_t)(x >> 8) % 400 - 200,
				       (int)(x >> 20) & 1, base + (int64_t)(x >> 30) % 800 - 200 };
		if ((x >> 40) % 9 == 0)
			d.renewal_day = COMPLIANCE_NO_DAY;
		int64_t now = london_midnight_utc(base + (int64_t)(x >> 12) % 500 - 100) + (int64_t)(x >> 4) % 86400;
		int64_t start = now + (int64_t)(x >> 24) % (20 * 86400);
		int64_t end = start + 3600 + (int64_t)(x >> 36) % (5 * 86400);
		struct match_task t = { .id = 1, .priority = 3, .home_visit = 1, .lat = 52.6, .lon = 1.3,
					.window_start = start, .window_end = end, .duration = 3600 };
		struct match_volunteer v = { .id = 2, .lat = 52.6, .lon = 1.3, .radius_m = 1000, .capacity = 1,
					     .avail = { { 0, MATCH_WEEK_SECONDS } }, .n_avail = 1,
					     .dbs_enhanced_valid_until = compliance_home_visit_until_at(&d, now) };
		match_params_default(&p, now);
		unsigned fail = match_check(&t, &v, &p, NULL);
		int ok = compliance_home_visit_ok(&d, now, end);
		if (ok != !(fail & (1u << MATCH_FAIL_DBS)))
			fail_msg("case %d: compliance says %d, matching says %d", i, ok, !(fail & (1u << MATCH_FAIL_DBS)));
		/* A lapsed check never passes. */
		if (compliance_stage_on(&d, london_local_days(now)) == COMPLIANCE_LAPSED)
			assert_false(ok);
		ok_count += ok;
	}
	/* Both answers occur often enough for the comparison to mean something. */
	assert_true(ok_count > 1000 && ok_count < 19000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_level_codes),
		cmocka_unit_test(test_until_is_local_midnight_of_renewal_day),
		cmocka_unit_test(test_only_enhanced_covers_home_visits),
		cmocka_unit_test(test_missing_or_inconsistent_dates_never_cover),
		cmocka_unit_test(test_window_against_renewal_day),
		cmocka_unit_test(test_renewal_around_clock_change),
		cmocka_unit_test(test_stages),
		cmocka_unit_test(test_reminders_fall_due_once_each),
		cmocka_unit_test(test_problems_as_entered),
		cmocka_unit_test(test_agrees_with_matching),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
