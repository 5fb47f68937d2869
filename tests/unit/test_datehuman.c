/* Unit tests for core/datehuman: every day of two centuries and every minute of the day round-trip through the shapes people type; the rest is refused. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/datehuman.h"
#include "core/datetime.h"

static const char *const full_months[12] = { "January", "February", "March",     "April",   "May",      "June",
					     "July",    "August",   "September", "October", "November", "December" };

static int64_t day_of(const char *s)
{
	int64_t d = INT64_MIN;
	if (dh_parse_date(s, &d))
		return INT64_MIN;
	return d;
}

static void test_format(void **state)
{
	(void)state;
	char out[DH_DATE_LEN];
	dh_format_date(dt_days_from_civil(2026, 12, 7), out);
	assert_string_equal(out, "7 Dec 2026");
	dh_format_date(dt_days_from_civil(1946, 11, 3), out);
	assert_string_equal(out, "3 Nov 1946");
	dh_format_date(dt_days_from_civil(2000, 2, 29), out);
	assert_string_equal(out, "29 Feb 2000");
	dh_format_date(DT_DAYS_MAX + 1, out);
	assert_string_equal(out, "unknown date");
	assert_int_equal(dh_format_iso("2026-12-07", out), 0);
	assert_string_equal(out, "7 Dec 2026");
	assert_int_equal(dh_format_iso("2027-03-31", out), 0);
	assert_string_equal(out, "31 Mar 2027");
	assert_int_equal(dh_format_iso("2026-02-30", out), -1);
	assert_string_equal(out, "31 Mar 2027");
	assert_int_equal(dh_format_iso("7 Dec 2026", out), -1);
	assert_int_equal(dh_format_iso("", out), -1);
	assert_int_equal(dh_format_iso(NULL, out), -1);
	char t[DH_TIME_LEN];
	dh_format_minutes(9 * 60 + 32, t);
	assert_string_equal(t, "09:32");
	dh_format_minutes(1440, t);
	assert_string_equal(t, "--:--");
}

/* Every day from 1900 to 2100 in every shape, back to the same day number. */
static void test_every_day_every_shape(void **state)
{
	(void)state;
	int64_t first = dt_days_from_civil(1900, 1, 1), last = dt_days_from_civil(2100, 12, 31);
	for (int64_t day = first; day <= last; day++) {
		int y, m, d;
		assert_int_equal(dt_civil_from_days(day, &y, &m, &d), 0);
		char s[12][48], shown[DH_DATE_LEN];
		snprintf(s[0], sizeof s[0], "%d/%d/%d", d, m, y);
		snprintf(s[1], sizeof s[1], "%02d/%02d/%04d", d, m, y);
		snprintf(s[2], sizeof s[2], "%d-%d-%d", d, m, y);
		snprintf(s[3], sizeof s[3], "%d.%d.%d", d, m, y);
		snprintf(s[4], sizeof s[4], "%d %d %d", d, m, y);
		snprintf(s[5], sizeof s[5], "%04d-%02d-%02d", y, m, d);
		snprintf(s[6], sizeof s[6], "%d %s %d", d, full_months[m - 1], y);
		snprintf(s[7], sizeof s[7], "%d %.3s %d", d, full_months[m - 1], y);
		snprintf(s[8], sizeof s[8], "%.3s %d, %d", full_months[m - 1], d, y);
		snprintf(s[9], sizeof s[9], "  %d%s of %s %d ", d, d == 1 || d == 21 || d == 31 ? "st" : d == 2 || d == 22 ? "nd" : d == 3 || d == 23 ? "rd" : "th",
			 full_months[m - 1], y);
		dh_format_date(day, shown);
		snprintf(s[10], sizeof s[10], "%s", shown);
		snprintf(s[11], sizeof s[11], "Friday %d %s %d", d, full_months[m - 1], y);
		for (int i = 0; i < 12; i++) {
			if (day_of(s[i]) != day)
				fail_msg("\"%s\" did not parse to day %lld", s[i], (long long)day);
		}
		int64_t p = INT64_MIN;
		char dd[4], mm[4], yy[6];
		snprintf(dd, sizeof dd, "%d", d);
		snprintf(mm, sizeof mm, "%02d", m);
		snprintf(yy, sizeof yy, "%d", y);
		assert_int_equal(dh_parse_parts(dd, mm, yy, &p), 0);
		assert_true(p == day);
		p = INT64_MIN;
		assert_int_equal(dh_parse_parts(dd, full_months[m - 1], yy, &p), 0);
		assert_true(p == day);
	}
}

/* Days that do not exist, in every month of a leap and a common year. */
static void test_impossible_days(void **state)
{
	(void)state;
	for (int y = 2023; y <= 2024; y++)
		for (int m = 1; m <= 12; m++) {
			char s[32];
			snprintf(s, sizeof s, "%d/%d/%d", dt_days_in_month(y, m) + 1, m, y);
			assert_true(day_of(s) == INT64_MIN);
			snprintf(s, sizeof s, "%d %s %d", dt_days_in_month(y, m) + 1, full_months[m - 1], y);
			assert_true(day_of(s) == INT64_MIN);
		}
	assert_true(day_of("29/2/2024") == dt_days_from_civil(2024, 2, 29));
	assert_true(day_of("29/2/2023") == INT64_MIN);
}

static void test_refused(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", " ", "7/12", "7/12/26", "7 Dec", "12/2026", "0/12/2026", "7/0/2026", "7/13/2026", "32/1/2026",
		"7 Decem 2026", "7 Dex 2026", "2026-12-7-1", "7/12/20266", "7/12/2026 13:30", "tomorrow", "7;12;2026",
		"7\xc2\xa0" "12 2026", "123/12/2026", "7/123/2026", "2026/12/123", "Dec Dec 2026", "7 12 Dec", "0000-01-01",
		"7th/12th", "seventh of December 2026",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (day_of(bad[i]) != INT64_MIN)
			fail_msg("\"%s\" was accepted", bad[i]);
	int64_t d = 42;
	assert_int_equal(dh_parse_date(NULL, &d), -1);
	assert_true(d == 42);
}

static int minutes_of(const char *s)
{
	int m = -2;
	return dh_parse_time(s, &m) ? -1 : m;
}

/* Every minute of the day, on the 24-hour clock and the 12-hour one. */
static void test_every_minute(void **state)
{
	(void)state;
	for (int t = 0; t < 1440; t++) {
		int h = t / 60, m = t % 60, h12 = h % 12 ? h % 12 : 12;
		const char *ap = h < 12 ? "am" : "pm";
		char s[8][24];
		snprintf(s[0], sizeof s[0], "%02d:%02d", h, m);
		snprintf(s[1], sizeof s[1], "%d:%02d", h, m);
		snprintf(s[2], sizeof s[2], "%d.%02d", h, m);
		snprintf(s[3], sizeof s[3], "%02d%02d", h, m);
		snprintf(s[4], sizeof s[4], "%d:%02d%s", h12, m, ap);
		snprintf(s[5], sizeof s[5], "%d.%02d %s", h12, m, h < 12 ? "a.m." : "p.m.");
		snprintf(s[6], sizeof s[6], "%d:%02d %s", h12, m, h < 12 ? "AM" : "PM");
		dh_format_minutes(t, s[7]);
		for (int i = 0; i < 8; i++)
			if (minutes_of(s[i]) != t)
				fail_msg("\"%s\" did not parse to minute %d", s[i], t);
		if (m == 0) {
			snprintf(s[0], sizeof s[0], "%d%s", h12, ap);
			snprintf(s[1], sizeof s[1], "%d %s", h12, ap);
			assert_int_equal(minutes_of(s[0]), t);
			assert_int_equal(minutes_of(s[1]), t);
		}
	}
	assert_int_equal(minutes_of("1pm"), 13 * 60);
	assert_int_equal(minutes_of("12am"), 0);
	assert_int_equal(minutes_of("0:31am"), 31); /* en-GB's 12-hour clock just after midnight */
	assert_int_equal(minutes_of("0 am"), 0);
	assert_int_equal(minutes_of("12pm"), 12 * 60);
	assert_int_equal(minutes_of("noon"), 12 * 60);
	assert_int_equal(minutes_of("Midday"), 12 * 60);
	assert_int_equal(minutes_of("midnight"), 0);
	static const char *const bad[] = { "", "13", "9", "24:00", "13:60", "13:5", "0pm", "13pm", "1:30:00",
					   "12345", "1 o'clock", "pm", ":30", "13h30", "1.3pm" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (minutes_of(bad[i]) != -1)
			fail_msg("\"%s\" was accepted", bad[i]);
}

static void test_datetime(void **state)
{
	(void)state;
	int64_t d = 0;
	int m = 0;
	int64_t dec7 = dt_days_from_civil(2026, 12, 7);
	static const struct {
		const char *s;
		int minutes;
	} ok[] = {
		{ "7/12/2026", -1 },          { "7/12/2026 13:30", 810 },    { "7 Dec 2026 1pm", 780 },
		{ "7 Dec 2026 at 1 pm", 780 }, { "2026-12-07, 09:32", 572 }, { "2026-12-07T09:32", 572 },
		{ "Monday 7 December 2026 noon", 720 }, { "7.12.2026 9.05am", 545 },
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		d = 0;
		m = -5;
		if (dh_parse_datetime(ok[i].s, &d, &m))
			fail_msg("\"%s\" was refused", ok[i].s);
		assert_true(d == dec7);
		assert_int_equal(m, ok[i].minutes);
	}
	static const char *const bad[] = { "7/12/2026 25:00", "7/12/2026 13", "7/12 13:30", "13:30", "2026-12-07T09:32Z", "" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (dh_parse_datetime(bad[i], &d, &m) == 0)
			fail_msg("\"%s\" was accepted", bad[i]);
}

static void test_parts(void **state)
{
	(void)state;
	int64_t d = 0;
	assert_int_equal(dh_parse_parts("", "", "", &d), 1);
	assert_int_equal(dh_parse_parts(NULL, NULL, NULL, &d), 1);
	assert_int_equal(dh_parse_parts(" ", NULL, "", &d), 1);
	assert_int_equal(dh_parse_parts("7", "", "2026", &d), -1);
	assert_int_equal(dh_parse_parts("7", "12", "26", &d), -1);
	assert_int_equal(dh_parse_parts("31", "11", "2026", &d), -1);
	assert_int_equal(dh_parse_parts("7", "13", "2026", &d), -1);
	assert_int_equal(dh_parse_parts("7", "Decx", "2026", &d), -1);
	assert_int_equal(dh_parse_parts("x", "12", "2026", &d), -1);
	assert_int_equal(dh_parse_parts(" 07 ", " dec ", " 2026 ", &d), 0);
	assert_true(d == dt_days_from_civil(2026, 12, 7));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format),        cmocka_unit_test(test_every_day_every_shape),
		cmocka_unit_test(test_impossible_days), cmocka_unit_test(test_refused),
		cmocka_unit_test(test_every_minute),   cmocka_unit_test(test_datetime),
		cmocka_unit_test(test_parts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
