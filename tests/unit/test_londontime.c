/* Unit tests for core/londontime: GMT/BST changes, local days and midnights, display format. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/datetime.h"
#include "core/londontime.h"

/* BST start and end Sundays, copied from the published UK clock-change dates (checked against zdump). */
static const struct {
	int year, start_day, end_day; /* March day, October day */
} changes[] = {
	{2018, 25, 28}, {2019, 31, 27}, {2020, 29, 25}, {2021, 28, 31},
	{2022, 27, 30}, {2023, 26, 29}, {2024, 31, 27}, {2025, 30, 26},
	{2026, 29, 25}, {2027, 28, 31}, {2028, 26, 29}, {2029, 25, 28},
	{2030, 31, 27},
};
#define NCHANGES (sizeof(changes) / sizeof(changes[0]))

static int64_t
at(int y, int m, int d, int hh, int mi, int ss)
{
	return dt_days_from_civil(y, m, d) * 86400 + hh * 3600 + mi * 60 + ss;
}

static void
test_transitions_2018_2030(void **state)
{
	(void)state;
	for (size_t i = 0; i < NCHANGES; i++) {
		int y = changes[i].year;
		int64_t start = at(y, 3, changes[i].start_day, 1, 0, 0);
		int64_t end = at(y, 10, changes[i].end_day, 1, 0, 0);

		assert_int_equal(dt_weekday(dt_day_of(start)), 6);
		assert_int_equal(dt_weekday(dt_day_of(end)), 6);
		assert_int_equal(london_offset(start - 1), 0);
		assert_int_equal(london_offset(start), 3600);
		assert_int_equal(london_offset(start + 1), 3600);
		assert_int_equal(london_offset(end - 1), 3600);
		assert_int_equal(london_offset(end), 0);
		assert_int_equal(london_offset(end + 1), 0);
		assert_false(london_is_bst(start - 1));
		assert_true(london_is_bst(start));
		assert_true(london_is_bst(end - 1));
		assert_false(london_is_bst(end));
		/* a week either side and the middle of each season */
		assert_int_equal(london_offset(start - 7 * 86400), 0);
		assert_int_equal(london_offset(start + 7 * 86400), 3600);
		assert_int_equal(london_offset(end - 7 * 86400), 3600);
		assert_int_equal(london_offset(end + 7 * 86400), 0);
		assert_int_equal(london_offset(at(y, 1, 1, 0, 0, 0)), 0);
		assert_int_equal(london_offset(at(y, 7, 1, 12, 0, 0)), 3600);
		assert_int_equal(london_offset(at(y, 12, 31, 23, 59, 59)), 0);
		/* local clock: 00:59:59 GMT then 02:00 BST; 01:59:59 BST then 01:00 GMT */
		assert_int_equal(start - 1 + london_offset(start - 1), at(y, 3, changes[i].start_day, 0, 59, 59));
		assert_int_equal(start + london_offset(start), at(y, 3, changes[i].start_day, 2, 0, 0));
		assert_int_equal(end - 1 + london_offset(end - 1), at(y, 10, changes[i].end_day, 1, 59, 59));
		assert_int_equal(end + london_offset(end), at(y, 10, changes[i].end_day, 1, 0, 0));
	}
}

/* Exactly two changes per year, at the instants of the table. */
static void
test_no_other_changes(void **state)
{
	(void)state;
	for (size_t i = 0; i < NCHANGES; i++) {
		int y = changes[i].year;
		int64_t start = at(y, 3, changes[i].start_day, 1, 0, 0);
		int64_t end = at(y, 10, changes[i].end_day, 1, 0, 0);

		for (int64_t t = at(y, 1, 1, 0, 0, 0); t < at(y + 1, 1, 1, 0, 0, 0); t += 900) {
			int want = t >= start && t < end ? 3600 : 0;

			if (london_offset(t) != want)
				fail_msg("offset at %lld", (long long)t);
		}
	}
}

/* Independent oracle: the system's tz database, where installed. */
static void
test_agrees_with_tzdata(void **state)
{
	(void)state;
	if (access("/usr/share/zoneinfo/Europe/London", R_OK) != 0)
		skip();
	setenv("TZ", "Europe/London", 1);
	tzset();
	for (int64_t t = at(1996, 1, 1, 0, 0, 0); t < at(2037, 12, 31, 0, 0, 0); t += 1800) {
		struct tm tm;
		time_t tt = (time_t)t;

		assert_non_null(localtime_r(&tt, &tm));
		if (london_offset(t) != tm.tm_gmtoff)
			fail_msg("offset at %lld: ours %d, tzdata %ld", (long long)t,
			    london_offset(t), (long)tm.tm_gmtoff);
		if (london_local_days(t) != dt_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday))
			fail_msg("local day at %lld", (long long)t);
	}
	unsetenv("TZ");
	tzset();
}

static void
test_local_days(void **state)
{
	int64_t day = dt_days_from_civil(2026, 7, 1);
	(void)state;

	/* BST: 23:00 UTC is already tomorrow in London */
	assert_int_equal(london_local_days(at(2026, 7, 1, 22, 59, 59)), day);
	assert_int_equal(london_local_days(at(2026, 7, 1, 23, 0, 0)), day + 1);
	assert_int_equal(london_local_days(at(2026, 6, 30, 23, 0, 0)), day);
	/* GMT: UTC day and local day agree */
	day = dt_days_from_civil(2026, 12, 24);
	assert_int_equal(london_local_days(at(2026, 12, 24, 0, 0, 0)), day);
	assert_int_equal(london_local_days(at(2026, 12, 24, 23, 59, 59)), day);
	assert_int_equal(london_local_days(at(2026, 12, 23, 23, 59, 59)), day - 1);
	/* before the epoch */
	assert_int_equal(london_local_days(-1), -1);
	/* extremes are defined */
	assert_int_equal(london_local_days(INT64_MAX), INT64_MAX / 86400);
	assert_int_equal(london_local_days(INT64_MIN), INT64_MIN / 86400 - 1);
	assert_int_equal(london_offset(INT64_MAX), 0);
	assert_int_equal(london_offset(INT64_MIN), 0);
}

static void
test_midnights(void **state)
{
	(void)state;
	assert_int_equal(london_midnight_utc(dt_days_from_civil(2026, 12, 24)), at(2026, 12, 24, 0, 0, 0));
	assert_int_equal(london_midnight_utc(dt_days_from_civil(2026, 7, 1)), at(2026, 6, 30, 23, 0, 0));
	for (size_t i = 0; i < NCHANGES; i++) {
		int y = changes[i].year;
		int64_t s = dt_days_from_civil(y, 3, changes[i].start_day);
		int64_t e = dt_days_from_civil(y, 10, changes[i].end_day);

		/* the day BST starts begins in GMT and is 23 hours long */
		assert_int_equal(london_midnight_utc(s), s * 86400);
		assert_int_equal(london_midnight_utc(s + 1) - london_midnight_utc(s), 23 * 3600);
		/* the day BST ends begins in BST and is 25 hours long */
		assert_int_equal(london_midnight_utc(e), e * 86400 - 3600);
		assert_int_equal(london_midnight_utc(e + 1) - london_midnight_utc(e), 25 * 3600);
	}
	/* every day 2018-2030: midnight is the first instant of its local day */
	for (int64_t d = dt_days_from_civil(2018, 1, 1); d <= dt_days_from_civil(2030, 12, 31); d++) {
		int64_t m = london_midnight_utc(d);
		int64_t len = london_midnight_utc(d + 1) - m;

		assert_int_equal(london_local_days(m), d);
		assert_int_equal(london_local_days(m - 1), d - 1);
		assert_int_equal((m + london_offset(m)) % 86400, 0);
		if (len != 86400) {
			int y, mo, dd;

			dt_civil_from_days(d, &y, &mo, &dd);
			assert_int_equal(dt_weekday(d), 6);
			assert_true((mo == 3 && len == 82800) || (mo == 10 && len == 90000));
		}
	}
	/* saturation rather than overflow */
	assert_int_equal(london_midnight_utc(INT64_MAX), INT64_MAX);
	assert_int_equal(london_midnight_utc(INT64_MIN), INT64_MIN);
	assert_int_equal(london_midnight_utc(INT64_MAX / 86400), INT64_MAX / 86400 * 86400);
	assert_int_equal(london_midnight_utc(INT64_MIN / 86400), INT64_MIN / 86400 * 86400);
}

static void
test_format(void **state)
{
	char out[LONDON_FORMAT_LEN];
	(void)state;

	london_format(at(2026, 12, 24, 16, 0, 0), out);
	assert_string_equal(out, "24 Dec 2026 16:00");
	london_format(at(2026, 7, 5, 8, 5, 59), out);
	assert_string_equal(out, "5 Jul 2026 09:05");
	london_format(at(2026, 6, 30, 23, 30, 0), out);
	assert_string_equal(out, "1 Jul 2026 00:30");
	london_format(at(2026, 3, 29, 0, 59, 59), out);
	assert_string_equal(out, "29 Mar 2026 00:59");
	london_format(at(2026, 3, 29, 1, 0, 0), out);
	assert_string_equal(out, "29 Mar 2026 02:00");
	london_format(at(2026, 10, 25, 0, 30, 0), out);
	assert_string_equal(out, "25 Oct 2026 01:30");
	london_format(at(2026, 10, 25, 1, 30, 0), out);
	assert_string_equal(out, "25 Oct 2026 01:30");
	london_format(at(2027, 1, 1, 0, 0, 0), out);
	assert_string_equal(out, "1 Jan 2027 00:00");
	london_format(at(2025, 12, 31, 23, 59, 0), out);
	assert_string_equal(out, "31 Dec 2025 23:59");
	london_format(at(2026, 2, 10, 9, 7, 0), out);
	assert_string_equal(out, "10 Feb 2026 09:07");
	london_format(DT_SECONDS_MIN, out);
	assert_string_equal(out, "1 Jan 0000 00:00");
	london_format(DT_SECONDS_MAX, out);
	assert_string_equal(out, "31 Dec 9999 23:59");
	london_format(DT_SECONDS_MAX + 1, out);
	assert_string_equal(out, "unknown time");
	london_format(INT64_MIN, out);
	assert_string_equal(out, "unknown time");
	london_format(INT64_MAX, out);
	assert_string_equal(out, "unknown time");
	/* every month name */
	{
		static const char *names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

		for (int m = 1; m <= 12; m++) {
			char want[32] = "15 ";

			london_format(at(2026, m, 15, 11, 0, 0), out);
			strcat(want, names[m - 1]);
			strcat(want, london_offset(at(2026, m, 15, 11, 0, 0)) ? " 2026 12:00" : " 2026 11:00");
			assert_string_equal(out, want);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_transitions_2018_2030),
		cmocka_unit_test(test_no_other_changes),
		cmocka_unit_test(test_agrees_with_tzdata),
		cmocka_unit_test(test_local_days),
		cmocka_unit_test(test_midnights),
		cmocka_unit_test(test_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
