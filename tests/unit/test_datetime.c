/* Unit tests for core/datetime: calendar arithmetic, strict parsing and formatting. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <limits.h>
#include <string.h>
#include <time.h>

#include "core/datetime.h"

/* Walk every day of the supported range with a naive counter as the oracle. */
static void
test_every_day_round_trips(void **state)
{
	int y = 0, m = 1, d = 1, wd = dt_weekday(DT_DAYS_MIN);
	(void)state;

	assert_int_equal(dt_days_from_civil(0, 1, 1), DT_DAYS_MIN);
	assert_int_equal(dt_days_from_civil(9999, 12, 31), DT_DAYS_MAX);
	for (int64_t n = DT_DAYS_MIN; n <= DT_DAYS_MAX; n++) {
		int yy, mm, dd;

		if (dt_days_from_civil(y, m, d) != n)
			fail_msg("days_from_civil(%d-%d-%d) != %lld", y, m, d, (long long)n);
		if (dt_civil_from_days(n, &yy, &mm, &dd) != 0 || yy != y || mm != m || dd != d)
			fail_msg("civil_from_days(%lld) = %d-%d-%d, want %d-%d-%d",
			    (long long)n, yy, mm, dd, y, m, d);
		if (dt_weekday(n) != wd)
			fail_msg("weekday(%lld)", (long long)n);
		wd = (wd + 1) % 7;
		if (++d > dt_days_in_month(y, m)) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	assert_int_equal(y, 10000);
}

static void
test_known_days(void **state)
{
	(void)state;
	assert_int_equal(dt_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(dt_days_from_civil(1969, 12, 31), -1);
	assert_int_equal(dt_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(dt_days_from_civil(2026, 12, 24), 20811);
	/* weekdays: Monday is 0 */
	assert_int_equal(dt_weekday(0), 3);                                  /* Thu */
	assert_int_equal(dt_weekday(dt_days_from_civil(2026, 12, 24)), 3);   /* Thu */
	assert_int_equal(dt_weekday(dt_days_from_civil(2026, 12, 28)), 0);   /* Mon */
	assert_int_equal(dt_weekday(dt_days_from_civil(2027, 3, 28)), 6);    /* Sun */
	assert_int_equal(dt_weekday(dt_days_from_civil(1900, 1, 1)), 0);    /* Mon */
	assert_int_equal(dt_weekday(dt_days_from_civil(2000, 2, 29)), 1);    /* Tue */
	assert_int_equal(dt_weekday(-1), 2);
	assert_int_equal(dt_weekday(-7), 3);
	assert_int_equal(dt_weekday(-8), 2);
	/* no overflow at the extremes */
	assert_in_range(dt_weekday(INT64_MIN), 0, 6);
	assert_in_range(dt_weekday(INT64_MAX), 0, 6);
}

/* timegm is an independent implementation; compare on every day of 1800-2200. */
static void
test_agrees_with_timegm(void **state)
{
	(void)state;
	for (int64_t n = dt_days_from_civil(1800, 1, 1); n <= dt_days_from_civil(2200, 12, 31); n++) {
		struct tm tm;
		time_t t = (time_t)(n * 86400);
		int y, m, d;

		assert_non_null(gmtime_r(&t, &tm));
		assert_int_equal(dt_civil_from_days(n, &y, &m, &d), 0);
		assert_int_equal(y, tm.tm_year + 1900);
		assert_int_equal(m, tm.tm_mon + 1);
		assert_int_equal(d, tm.tm_mday);
		assert_int_equal(dt_weekday(n), (tm.tm_wday + 6) % 7);
	}
}

static void
test_out_of_range_fields_carry(void **state)
{
	(void)state;
	assert_int_equal(dt_days_from_civil(2026, 13, 1), dt_days_from_civil(2027, 1, 1));
	assert_int_equal(dt_days_from_civil(2026, 0, 1), dt_days_from_civil(2025, 12, 1));
	assert_int_equal(dt_days_from_civil(2026, -11, 1), dt_days_from_civil(2025, 1, 1));
	assert_int_equal(dt_days_from_civil(2026, -12, 1), dt_days_from_civil(2024, 12, 1));
	assert_int_equal(dt_days_from_civil(2026, 25, 1), dt_days_from_civil(2028, 1, 1));
	assert_int_equal(dt_days_from_civil(2026, 3, 0), dt_days_from_civil(2026, 2, 28));
	assert_int_equal(dt_days_from_civil(2024, 3, 0), dt_days_from_civil(2024, 2, 29));
	assert_int_equal(dt_days_from_civil(2026, 1, 32), dt_days_from_civil(2026, 2, 1));
	/* extreme ints must not overflow (UBSan checks this) */
	(void)dt_days_from_civil(INT_MAX, INT_MAX, INT_MAX);
	(void)dt_days_from_civil(INT_MIN, INT_MIN, INT_MIN);
}

static void
test_civil_from_days_range(void **state)
{
	int y = -5, m = -5, d = -5;
	(void)state;

	assert_int_equal(dt_civil_from_days(DT_DAYS_MIN - 1, &y, &m, &d), -1);
	assert_int_equal(dt_civil_from_days(DT_DAYS_MAX + 1, &y, &m, &d), -1);
	assert_int_equal(dt_civil_from_days(INT64_MIN, &y, &m, &d), -1);
	assert_int_equal(dt_civil_from_days(INT64_MAX, &y, &m, &d), -1);
	assert_int_equal(y, -5);
	assert_int_equal(dt_civil_from_days(DT_DAYS_MIN, &y, &m, &d), 0);
	assert_int_equal(y, 0);
	assert_int_equal(m, 1);
	assert_int_equal(d, 1);
}

static void
test_leap_and_month_lengths(void **state)
{
	(void)state;
	assert_true(dt_is_leap(2000));
	assert_true(dt_is_leap(2024));
	assert_true(dt_is_leap(0));
	assert_false(dt_is_leap(1900));
	assert_false(dt_is_leap(2100));
	assert_false(dt_is_leap(2026));
	assert_int_equal(dt_days_in_month(2024, 2), 29);
	assert_int_equal(dt_days_in_month(2026, 2), 28);
	assert_int_equal(dt_days_in_month(1900, 2), 28);
	assert_int_equal(dt_days_in_month(2026, 4), 30);
	assert_int_equal(dt_days_in_month(2026, 12), 31);
	assert_int_equal(dt_days_in_month(2026, 0), 0);
	assert_int_equal(dt_days_in_month(2026, 13), 0);
}

static void
test_day_of(void **state)
{
	(void)state;
	assert_int_equal(dt_day_of(0), 0);
	assert_int_equal(dt_day_of(86399), 0);
	assert_int_equal(dt_day_of(86400), 1);
	assert_int_equal(dt_day_of(-1), -1);
	assert_int_equal(dt_day_of(-86400), -1);
	assert_int_equal(dt_day_of(-86401), -2);
	(void)dt_day_of(INT64_MIN);
	(void)dt_day_of(INT64_MAX);
}

static void
test_parse_date_good(void **state)
{
	int64_t days = 0;
	(void)state;

	assert_int_equal(dt_parse_date("2026-12-24", &days), 0);
	assert_int_equal(days, dt_days_from_civil(2026, 12, 24));
	assert_int_equal(dt_parse_date("2024-02-29", &days), 0);
	assert_int_equal(days, dt_days_from_civil(2024, 2, 29));
	assert_int_equal(dt_parse_date("2000-02-29", &days), 0);
	assert_int_equal(dt_parse_date("1970-01-01", &days), 0);
	assert_int_equal(days, 0);
	assert_int_equal(dt_parse_date("0000-01-01", &days), 0);
	assert_int_equal(days, DT_DAYS_MIN);
	assert_int_equal(dt_parse_date("9999-12-31", &days), 0);
	assert_int_equal(days, DT_DAYS_MAX);
}

static void
test_parse_date_bad(void **state)
{
	static const char *bad[] = {
		"", "2026", "2026-12", "2026-12-2", "2026-12-244", "2026-12-24 ",
		" 2026-12-24", "2026-12-24T00:00:00Z", "2026/12/24", "26-12-24",
		"2026-1-24", "2026-13-01", "2026-00-10", "2026-12-00", "2026-12-32",
		"2026-02-29", "1900-02-29", "2100-02-29", "2026-04-31", "2026-06-31",
		"2026-09-31", "2026-11-31", "+2026-12-24", "-2026-12-24", "2026-12-2a",
		"２026-12-24", "2026-12-24\n", "20261224", "2026_12_24", "abcd-ef-gh",
	};
	int64_t days = 12345;
	(void)state;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (dt_parse_date(bad[i], &days) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
	}
	assert_int_equal(dt_parse_date(NULL, &days), -1);
	assert_int_equal(days, 12345);
}

/* Every real and unreal month/day of a leap and a common year. */
static void
test_parse_date_every_day(void **state)
{
	(void)state;
	for (int y = 2023; y <= 2024; y++) {
		for (int m = 0; m <= 13; m++) {
			for (int d = 0; d <= 32; d++) {
				char s[16];
				int64_t days;
				int ok = m >= 1 && m <= 12 && d >= 1 && d <= dt_days_in_month(y, m);

				s[0] = '2';
				s[1] = '0';
				s[2] = '2';
				s[3] = (char)('0' + y % 10);
				s[4] = '-';
				s[5] = (char)('0' + m / 10);
				s[6] = (char)('0' + m % 10);
				s[7] = '-';
				s[8] = (char)('0' + d / 10);
				s[9] = (char)('0' + d % 10);
				s[10] = '\0';
				assert_int_equal(dt_parse_date(s, &days), ok ? 0 : -1);
				if (ok)
					assert_int_equal(days, dt_days_from_civil(y, m, d));
			}
		}
	}
}

static void
test_parse_iso8601_good(void **state)
{
	int64_t base = dt_days_from_civil(2026, 12, 24) * 86400 + 16 * 3600;
	int64_t t = 0;
	(void)state;

	assert_int_equal(dt_parse_iso8601("2026-12-24T16:00:00Z", &t), 0);
	assert_int_equal(t, base);
	assert_int_equal(dt_parse_iso8601("2026-12-24T16:00:00.5Z", &t), 0);
	assert_int_equal(t, base);
	assert_int_equal(dt_parse_iso8601("2026-12-24T16:00:00.999999999Z", &t), 0);
	assert_int_equal(t, base);
	assert_int_equal(dt_parse_iso8601("2026-12-24T16:00:00+00:00", &t), 0);
	assert_int_equal(t, base);
	assert_int_equal(dt_parse_iso8601("2026-12-24T16:00:00-00:00", &t), 0);
	assert_int_equal(t, base);
	assert_int_equal(dt_parse_iso8601("2026-12-24T17:00:00+01:00", &t), 0);
	assert_int_equal(t, base);
	assert_int_equal(dt_parse_iso8601("2026-12-24T10:30:00-05:30", &t), 0);
	assert_int_equal(t, base);
	assert_int_equal(dt_parse_iso8601("2026-12-25T01:45:00.123+09:45", &t), 0);
	assert_int_equal(t, base);
	/* offsets that cross midnight and the year */
	assert_int_equal(dt_parse_iso8601("2027-01-01T00:30:00+01:00", &t), 0);
	assert_int_equal(t, dt_days_from_civil(2026, 12, 31) * 86400 + 23 * 3600 + 1800);
	assert_int_equal(dt_parse_iso8601("2026-12-31T23:30:00-01:00", &t), 0);
	assert_int_equal(t, dt_days_from_civil(2027, 1, 1) * 86400 + 1800);
	assert_int_equal(dt_parse_iso8601("1970-01-01T00:00:00Z", &t), 0);
	assert_int_equal(t, 0);
	assert_int_equal(dt_parse_iso8601("1969-12-31T23:59:59Z", &t), 0);
	assert_int_equal(t, -1);
	assert_int_equal(dt_parse_iso8601("2026-12-24T23:59:59Z", &t), 0);
	assert_int_equal(t, base + 8 * 3600 - 1);
	assert_int_equal(dt_parse_iso8601("2026-12-24T00:00:00+23:59", &t), 0);
	assert_int_equal(t, base - 16 * 3600 - 23 * 3600 - 59 * 60);
}

static void
test_parse_iso8601_bad(void **state)
{
	static const char *bad[] = {
		"", "2026-12-24", "2026-12-24T", "2026-12-24T16:00", "2026-12-24T16:00Z",
		"2026-12-24T16:00:00", "2026-12-24 16:00:00Z", "2026-12-24t16:00:00Z",
		"2026-12-24T16:00:00z", "2026-12-24T16:00:00ZZ", "2026-12-24T16:00:00Z ",
		"2026-12-24T16:00:00.Z", "2026-12-24T16:00:00,5Z", "2026-12-24T16:00:00.5",
		"2026-12-24T24:00:00Z", "2026-12-24T16:60:00Z", "2026-12-24T16:00:60Z",
		"2026-12-24T16:00:00+1:00", "2026-12-24T16:00:00+01", "2026-12-24T16:00:00+0100",
		"2026-12-24T16:00:00+01:0", "2026-12-24T16:00:00+01:00 ", "2026-12-24T16:00:00+24:00",
		"2026-12-24T16:00:00+01:60", "2026-12-24T16:00:00 +01:00", "2026-02-30T16:00:00Z",
		"2026-12-24T6:00:00Z", "2026-12-24T16:0:00Z", "2026-12-24T16:00:0Z",
		"2026-12-24T16:00:00.5+01:00x", "2026-12-24T16:00:00Z+01:00", "2026-12-24T16-00-00Z",
		"2026-12-24T16:00:00UTC", "2026-12-24T16:00:00GMT", "2026-12-24T16:00:00.-1Z",
		"2026-12-24T16:00:00.5.5Z", "2026-12-24T16:00:00±01:00", "T16:00:00Z",
	};
	int64_t t = 777;
	(void)state;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (dt_parse_iso8601(bad[i], &t) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
	}
	assert_int_equal(dt_parse_iso8601(NULL, &t), -1);
	assert_int_equal(t, 777);
}

/* Every prefix of a valid timestamp is rejected, so short input never reads past its end. */
static void
test_parse_iso8601_prefixes(void **state)
{
	const char *full[] = {"2026-12-24T17:00:00.25+01:00", "2026-12-24T16:00:00Z"};
	(void)state;

	for (size_t k = 0; k < 2; k++) {
		size_t n = strlen(full[k]);

		for (size_t i = 0; i < n; i++) {
			char buf[64];
			int64_t t;

			memcpy(buf, full[k], i);
			buf[i] = '\0';
			assert_int_equal(dt_parse_iso8601(buf, &t), -1);
		}
	}
}

static void
test_format_utc(void **state)
{
	char out[DT_UTC_LEN];
	int64_t t;
	(void)state;

	dt_format_utc(dt_days_from_civil(2026, 12, 24) * 86400 + 16 * 3600, out);
	assert_string_equal(out, "2026-12-24T16:00:00Z");
	dt_format_utc(0, out);
	assert_string_equal(out, "1970-01-01T00:00:00Z");
	dt_format_utc(-1, out);
	assert_string_equal(out, "1969-12-31T23:59:59Z");
	dt_format_utc(DT_SECONDS_MIN, out);
	assert_string_equal(out, "0000-01-01T00:00:00Z");
	dt_format_utc(DT_SECONDS_MAX, out);
	assert_string_equal(out, "9999-12-31T23:59:59Z");
	dt_format_utc(DT_SECONDS_MAX + 1, out);
	assert_int_equal(strlen(out), 20);
	assert_int_equal(out[0], '?');
	assert_int_equal(out[4], '-');
	assert_int_equal(out[19], 'Z');
	dt_format_utc(INT64_MIN, out);
	assert_int_equal(out[0], '?');
	dt_format_utc(INT64_MAX, out);
	assert_int_equal(out[0], '?');
	/* format then parse is the identity, including before the epoch */
	for (t = -5000000000LL; t < 5000000000LL; t += 7777777) {
		int64_t back;

		dt_format_utc(t, out);
		assert_int_equal(dt_parse_iso8601(out, &back), 0);
		assert_int_equal(back, t);
	}
}

static void
test_format_date(void **state)
{
	char out[DT_DATE_LEN];
	(void)state;

	dt_format_date(dt_days_from_civil(2026, 12, 24), out);
	assert_string_equal(out, "2026-12-24");
	dt_format_date(DT_DAYS_MIN, out);
	assert_string_equal(out, "0000-01-01");
	dt_format_date(DT_DAYS_MAX, out);
	assert_string_equal(out, "9999-12-31");
	dt_format_date(DT_DAYS_MAX + 1, out);
	assert_int_equal(strlen(out), 10);
	assert_int_equal(out[0], '?');
	assert_int_equal(out[7], '-');
	for (int64_t n = -800000; n < 3000000; n += 997) {
		int64_t back;

		dt_format_date(n, out);
		if (n < DT_DAYS_MIN || n > DT_DAYS_MAX) {
			assert_int_equal(dt_parse_date(out, &back), -1);
			continue;
		}
		assert_int_equal(dt_parse_date(out, &back), 0);
		assert_int_equal(back, n);
	}
}

static void
test_age(void **state)
{
	int64_t dob = dt_days_from_civil(1990, 6, 15);
	int64_t leap = dt_days_from_civil(2000, 2, 29);
	(void)state;

	assert_int_equal(dt_age_years(dob, dob), 0);
	assert_int_equal(dt_age_years(dob, dob - 1), -1);
	assert_int_equal(dt_age_years(dob, dt_days_from_civil(2026, 6, 14)), 35);
	assert_int_equal(dt_age_years(dob, dt_days_from_civil(2026, 6, 15)), 36);
	assert_int_equal(dt_age_years(dob, dt_days_from_civil(2026, 12, 31)), 36);
	assert_int_equal(dt_age_years(dob, dt_days_from_civil(2027, 1, 1)), 36);
	assert_int_equal(dt_age_years(dob, dt_days_from_civil(1991, 6, 14)), 0);
	assert_int_equal(dt_age_years(dob, dt_days_from_civil(1991, 6, 15)), 1);
	/* 29 February: a year older on 1 March in common years, on the day in leap years */
	assert_int_equal(dt_age_years(leap, dt_days_from_civil(2001, 2, 28)), 0);
	assert_int_equal(dt_age_years(leap, dt_days_from_civil(2001, 3, 1)), 1);
	assert_int_equal(dt_age_years(leap, dt_days_from_civil(2004, 2, 28)), 3);
	assert_int_equal(dt_age_years(leap, dt_days_from_civil(2004, 2, 29)), 4);
	assert_int_equal(dt_age_years(leap, dt_days_from_civil(2026, 2, 28)), 25);
	assert_int_equal(dt_age_years(leap, dt_days_from_civil(2026, 3, 1)), 26);
	/* 31 December / 1 January edges */
	assert_int_equal(dt_age_years(dt_days_from_civil(2000, 12, 31), dt_days_from_civil(2001, 12, 30)), 0);
	assert_int_equal(dt_age_years(dt_days_from_civil(2000, 12, 31), dt_days_from_civil(2001, 12, 31)), 1);
	assert_int_equal(dt_age_years(dt_days_from_civil(2001, 1, 1), dt_days_from_civil(2001, 12, 31)), 0);
	assert_int_equal(dt_age_years(dt_days_from_civil(2001, 1, 1), dt_days_from_civil(2002, 1, 1)), 1);
	assert_int_equal(dt_age_years(DT_DAYS_MIN, DT_DAYS_MAX), 9999);
	assert_int_equal(dt_age_years(DT_DAYS_MIN - 1, 0), -1);
	assert_int_equal(dt_age_years(0, DT_DAYS_MAX + 1), -1);
	assert_int_equal(dt_age_years(INT64_MIN, INT64_MAX), -1);
}

/* Age agrees with a naive count of anniversaries passed, over many pairs. */
static void
test_age_exhaustive_small(void **state)
{
	(void)state;
	for (int64_t b = dt_days_from_civil(1999, 1, 1); b <= dt_days_from_civil(2001, 12, 31); b += 3) {
		int by, bm, bd;

		dt_civil_from_days(b, &by, &bm, &bd);
		for (int64_t o = b; o <= b + 366 * 5; o += 5) {
			int oy, om, od, want = 0;

			dt_civil_from_days(o, &oy, &om, &od);
			for (int k = 1; k <= 6; k++) {
				int ay = by + k, am = bm, ad = bd;

				if (am == 2 && ad == 29 && !dt_is_leap(ay)) {
					am = 3;
					ad = 1;
				}
				if (dt_days_from_civil(ay, am, ad) <= o)
					want = k;
			}
			assert_int_equal(dt_age_years(b, o), want);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_day_round_trips),
		cmocka_unit_test(test_known_days),
		cmocka_unit_test(test_agrees_with_timegm),
		cmocka_unit_test(test_out_of_range_fields_carry),
		cmocka_unit_test(test_civil_from_days_range),
		cmocka_unit_test(test_leap_and_month_lengths),
		cmocka_unit_test(test_day_of),
		cmocka_unit_test(test_parse_date_good),
		cmocka_unit_test(test_parse_date_bad),
		cmocka_unit_test(test_parse_date_every_day),
		cmocka_unit_test(test_parse_iso8601_good),
		cmocka_unit_test(test_parse_iso8601_bad),
		cmocka_unit_test(test_parse_iso8601_prefixes),
		cmocka_unit_test(test_format_utc),
		cmocka_unit_test(test_format_date),
		cmocka_unit_test(test_age),
		cmocka_unit_test(test_age_exhaustive_small),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
