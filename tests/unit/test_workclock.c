/* Unit tests for core/workclock: the 24-hour follow-up clock over weekends, bank holidays and clock changes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "core/datetime.h"
#include "core/londontime.h"
#include "core/workclock.h"

#define HOUR 3600
#define DAY 86400

/*
 * England and Wales bank holidays 2018-2030, written out by hand so this test
 * does not depend on data/bank_holidays.csv. 2018-2026 as published on
 * gov.uk (including the 2020 VE day move, the 2022 Jubilee and state
 * funeral, the 2023 coronation); 2027-2030 by the usual rules, with
 * substitute days when a holiday falls at a weekend.
 */
static const struct {
	int y, m, d;
} ew_dates[] = {
	{2018, 1, 1}, {2018, 3, 30}, {2018, 4, 2}, {2018, 5, 7}, {2018, 5, 28}, {2018, 8, 27}, {2018, 12, 25}, {2018, 12, 26},
	{2019, 1, 1}, {2019, 4, 19}, {2019, 4, 22}, {2019, 5, 6}, {2019, 5, 27}, {2019, 8, 26}, {2019, 12, 25}, {2019, 12, 26},
	{2020, 1, 1}, {2020, 4, 10}, {2020, 4, 13}, {2020, 5, 8}, {2020, 5, 25}, {2020, 8, 31}, {2020, 12, 25}, {2020, 12, 28},
	{2021, 1, 1}, {2021, 4, 2}, {2021, 4, 5}, {2021, 5, 3}, {2021, 5, 31}, {2021, 8, 30}, {2021, 12, 27}, {2021, 12, 28},
	{2022, 1, 3}, {2022, 4, 15}, {2022, 4, 18}, {2022, 5, 2}, {2022, 6, 2}, {2022, 6, 3}, {2022, 8, 29}, {2022, 9, 19},
	{2022, 12, 26}, {2022, 12, 27},
	{2023, 1, 2}, {2023, 4, 7}, {2023, 4, 10}, {2023, 5, 1}, {2023, 5, 8}, {2023, 5, 29}, {2023, 8, 28}, {2023, 12, 25},
	{2023, 12, 26},
	{2024, 1, 1}, {2024, 3, 29}, {2024, 4, 1}, {2024, 5, 6}, {2024, 5, 27}, {2024, 8, 26}, {2024, 12, 25}, {2024, 12, 26},
	{2025, 1, 1}, {2025, 4, 18}, {2025, 4, 21}, {2025, 5, 5}, {2025, 5, 26}, {2025, 8, 25}, {2025, 12, 25}, {2025, 12, 26},
	{2026, 1, 1}, {2026, 4, 3}, {2026, 4, 6}, {2026, 5, 4}, {2026, 5, 25}, {2026, 8, 31}, {2026, 12, 25}, {2026, 12, 28},
	{2027, 1, 1}, {2027, 3, 26}, {2027, 3, 29}, {2027, 5, 3}, {2027, 5, 31}, {2027, 8, 30}, {2027, 12, 27}, {2027, 12, 28},
	{2028, 1, 3}, {2028, 4, 14}, {2028, 4, 17}, {2028, 5, 1}, {2028, 5, 29}, {2028, 8, 28}, {2028, 12, 25}, {2028, 12, 26},
	{2029, 1, 1}, {2029, 3, 30}, {2029, 4, 2}, {2029, 5, 7}, {2029, 5, 28}, {2029, 8, 27}, {2029, 12, 25}, {2029, 12, 26},
	{2030, 1, 1}, {2030, 4, 19}, {2030, 4, 22}, {2030, 5, 6}, {2030, 5, 27}, {2030, 8, 26}, {2030, 12, 25}, {2030, 12, 26},
};
#define N_HOL (sizeof(ew_dates) / sizeof(ew_dates[0]))

static int64_t hol[N_HOL];
static struct workclock wc_on, wc_off;

/* BST start/end Sundays 2018-2030 (March day, October day). */
static const int dst_days[][3] = {
	{2018, 25, 28}, {2019, 31, 27}, {2020, 29, 25}, {2021, 28, 31},
	{2022, 27, 30}, {2023, 26, 29}, {2024, 31, 27}, {2025, 30, 26},
	{2026, 29, 25}, {2027, 28, 31}, {2028, 26, 29}, {2029, 25, 28},
	{2030, 31, 27},
};

static int
setup(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_HOL; i++)
		hol[i] = dt_days_from_civil(ew_dates[i].y, ew_dates[i].m, ew_dates[i].d);
	wc_on = (struct workclock){hol, N_HOL, 1};
	wc_off = (struct workclock){hol, N_HOL, 0};
	return 0;
}

/* UTC instant of a London wall-clock time (not for the skipped/repeated hour). */
static int64_t
lt(int y, int m, int d, int hh, int mi, int ss)
{
	int64_t wall = dt_days_from_civil(y, m, d) * DAY + hh * HOUR + mi * 60 + ss;

	return london_offset(wall - HOUR) == HOUR ? wall - HOUR : wall;
}

static int64_t
ut(int y, int m, int d, int hh, int mi, int ss)
{
	return dt_days_from_civil(y, m, d) * DAY + hh * HOUR + mi * 60 + ss;
}

/* Anonymous Gregorian computus: day number of Easter Sunday. */
static int64_t
easter(int y)
{
	int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;

	return dt_days_from_civil(y, month, day);
}

static int
in_list(int64_t day)
{
	for (size_t i = 0; i < N_HOL; i++)
		if (hol[i] == day)
			return 1;
	return 0;
}

/* The test's own holiday list must be right before anything else is. */
static void
test_holiday_list_sane(void **state)
{
	(void)state;
	for (size_t i = 0; i < N_HOL; i++) {
		assert_true(dt_weekday(hol[i]) < 5);
		if (i > 0)
			assert_true(hol[i] > hol[i - 1]);
	}
	for (int y = 2018; y <= 2030; y++) {
		int n = 0;

		assert_true(in_list(easter(y) - 2));
		assert_true(in_list(easter(y) + 1));
		for (size_t i = 0; i < N_HOL; i++)
			n += ew_dates[i].y == y;
		/* 8 a year, plus 2022 (Jubilee, funeral) and 2023 (coronation) */
		assert_int_equal(n, y == 2022 ? 10 : y == 2023 ? 9 : 8);
	}
	assert_int_equal(dt_days_from_civil(2027, 3, 28), easter(2027));
	assert_int_equal(dt_days_from_civil(2026, 4, 5), easter(2026));
}

static void
test_paused_days(void **state)
{
	(void)state;
	assert_false(workclock_is_paused_day(&wc_on, dt_days_from_civil(2026, 12, 24)));
	assert_true(workclock_is_paused_day(&wc_on, dt_days_from_civil(2026, 12, 25)));
	assert_true(workclock_is_paused_day(&wc_on, dt_days_from_civil(2026, 12, 26)));
	assert_true(workclock_is_paused_day(&wc_on, dt_days_from_civil(2026, 12, 27)));
	assert_true(workclock_is_paused_day(&wc_on, dt_days_from_civil(2026, 12, 28)));
	assert_false(workclock_is_paused_day(&wc_on, dt_days_from_civil(2026, 12, 29)));
	assert_false(workclock_is_paused_day(&wc_off, dt_days_from_civil(2026, 12, 25)));
	assert_true(workclock_is_paused_day(&wc_off, dt_days_from_civil(2026, 12, 26)));
	assert_false(workclock_is_paused_day(&wc_off, dt_days_from_civil(2026, 12, 28)));
	/* outside the list's years only weekends pause */
	assert_false(workclock_is_paused_day(&wc_on, dt_days_from_civil(2031, 12, 25)));
	assert_false(workclock_is_paused_day(&wc_on, dt_days_from_civil(2017, 12, 25)));
	for (int64_t d = hol[0] - 30; d <= hol[N_HOL - 1] + 30; d++) {
		assert_int_equal(workclock_is_paused_day(&wc_on, d), dt_weekday(d) >= 5 || in_list(d));
		assert_int_equal(workclock_is_paused_day(&wc_off, d), dt_weekday(d) >= 5);
	}
}

static void
check_due(const struct workclock *wc, int64_t received, int64_t want)
{
	int64_t due = workclock_due(wc, received, DAY);
	char a[DT_UTC_LEN], b[DT_UTC_LEN], c[DT_UTC_LEN];

	if (due != want) {
		dt_format_utc(received, a);
		dt_format_utc(due, b);
		dt_format_utc(want, c);
		fail_msg("received %s: due %s, want %s", a, b, c);
	}
	assert_int_equal(workclock_elapsed(wc, received, due), DAY);
	assert_int_equal(workclock_remaining(wc, received, due), DAY);
}

static void
test_weekdays_and_weekends(void **state)
{
	(void)state;
	/* Monday 09:00 -> Tuesday 09:00, in GMT and in BST */
	check_due(&wc_on, lt(2026, 1, 12, 9, 0, 0), lt(2026, 1, 13, 9, 0, 0));
	check_due(&wc_on, lt(2026, 7, 13, 9, 0, 0), lt(2026, 7, 14, 9, 0, 0));
	/* Thursday -> Friday; Friday 16:00 -> Monday 16:00 */
	check_due(&wc_on, lt(2026, 1, 15, 23, 59, 59), lt(2026, 1, 16, 23, 59, 59));
	check_due(&wc_on, lt(2026, 1, 16, 16, 0, 0), lt(2026, 1, 19, 16, 0, 0));
	check_due(&wc_on, lt(2026, 7, 17, 16, 0, 0), lt(2026, 7, 20, 16, 0, 0));
	/* Friday 00:00 uses the whole Friday: due at Saturday 00:00, the start of the pause */
	check_due(&wc_on, lt(2026, 1, 16, 0, 0, 0), lt(2026, 1, 17, 0, 0, 0));
	check_due(&wc_on, lt(2026, 7, 17, 0, 0, 0), lt(2026, 7, 18, 0, 0, 0));
	/* one second later is due at Monday 00:00:01 */
	check_due(&wc_on, lt(2026, 1, 16, 0, 0, 1), lt(2026, 1, 19, 0, 0, 1));
	/* Saturday or Sunday receipt -> Tuesday 00:00 local */
	check_due(&wc_on, lt(2026, 1, 17, 0, 0, 0), lt(2026, 1, 20, 0, 0, 0));
	check_due(&wc_on, lt(2026, 1, 17, 10, 30, 0), lt(2026, 1, 20, 0, 0, 0));
	check_due(&wc_on, lt(2026, 1, 18, 23, 59, 59), lt(2026, 1, 20, 0, 0, 0));
	check_due(&wc_on, lt(2026, 7, 18, 12, 0, 0), lt(2026, 7, 21, 0, 0, 0));
	check_due(&wc_on, lt(2026, 7, 19, 23, 59, 59), lt(2026, 7, 21, 0, 0, 0));
	/* Monday 00:00 exactly -> Tuesday 00:00 */
	check_due(&wc_on, lt(2026, 1, 19, 0, 0, 0), lt(2026, 1, 20, 0, 0, 0));
	/* in BST local midnight is 23:00 UTC */
	assert_int_equal(lt(2026, 7, 21, 0, 0, 0), ut(2026, 7, 20, 23, 0, 0));
}

static void
test_christmas_2026(void **state)
{
	int64_t only_xmas = dt_days_from_civil(2026, 12, 25);
	struct workclock wc_xmas = {&only_xmas, 1, 1};
	int64_t r = ut(2026, 12, 24, 16, 0, 0);
	(void)state;

	/* Thursday 16:00: Fri 25 (Christmas), weekend, Mon 28 (Boxing Day substitute) all paused */
	check_due(&wc_on, r, ut(2026, 12, 29, 16, 0, 0));
	/* without holidays Christmas Day counts like any Friday */
	check_due(&wc_off, r, ut(2026, 12, 25, 16, 0, 0));
	/* a list with Christmas Day alone gives Monday 28th */
	check_due(&wc_xmas, r, ut(2026, 12, 28, 16, 0, 0));
	/* the weekend and both holidays are 4 x 24h of real time not counted */
	assert_int_equal(ut(2026, 12, 29, 16, 0, 0) - r, 5 * DAY);
	/* received on Christmas Day itself: counting starts Tuesday 29th */
	check_due(&wc_on, ut(2026, 12, 25, 9, 0, 0), ut(2026, 12, 30, 0, 0, 0));
	check_due(&wc_off, ut(2026, 12, 25, 9, 0, 0), ut(2026, 12, 28, 9, 0, 0));
}

static void
test_new_year(void **state)
{
	(void)state;
	/* Wed 31 Dec 2025 12:00; Thu 1 Jan 2026 is a holiday */
	check_due(&wc_on, lt(2025, 12, 31, 12, 0, 0), lt(2026, 1, 2, 12, 0, 0));
	check_due(&wc_off, lt(2025, 12, 31, 12, 0, 0), lt(2026, 1, 1, 12, 0, 0));
	/* Thu 31 Dec 2026 10:00; Fri 1 Jan 2027 holiday then the weekend */
	check_due(&wc_on, lt(2026, 12, 31, 10, 0, 0), lt(2027, 1, 4, 10, 0, 0));
	check_due(&wc_off, lt(2026, 12, 31, 10, 0, 0), lt(2027, 1, 1, 10, 0, 0));
	/* Fri 31 Dec 2027 10:00; Sat 1 Jan 2028, substitute Mon 3 Jan */
	check_due(&wc_on, lt(2027, 12, 31, 10, 0, 0), lt(2028, 1, 4, 10, 0, 0));
	check_due(&wc_off, lt(2027, 12, 31, 10, 0, 0), lt(2028, 1, 3, 10, 0, 0));
	/* Christmas 2027 falls at the weekend: Mon 27 and Tue 28 are substitutes */
	check_due(&wc_on, lt(2027, 12, 24, 10, 0, 0), lt(2027, 12, 29, 10, 0, 0));
}

static void
test_easter_2027(void **state)
{
	int64_t r = lt(2027, 3, 25, 14, 0, 0);
	int64_t due;
	(void)state;

	/*
	 * Thu 25 Mar 2027 14:00 GMT. Good Friday 26th, the weekend (BST starts
	 * Sunday 28th) and Easter Monday 29th are paused: due Tuesday 30th at
	 * 14:00 BST, which is 13:00 UTC, 5 days less the hour the clocks skipped.
	 */
	due = workclock_due(&wc_on, r, DAY);
	assert_int_equal(due, ut(2027, 3, 30, 13, 0, 0));
	assert_int_equal(due, lt(2027, 3, 30, 14, 0, 0));
	assert_int_equal(due - r, 5 * DAY - HOUR);
	assert_int_equal(workclock_elapsed(&wc_on, r, due), DAY);
	/* holidays off: Thu 14:00 -> Fri 14:00 */
	check_due(&wc_off, r, lt(2027, 3, 26, 14, 0, 0));
	/* received on Good Friday or Easter Monday: counting starts Tuesday */
	check_due(&wc_on, lt(2027, 3, 26, 9, 0, 0), lt(2027, 3, 31, 0, 0, 0));
	check_due(&wc_on, lt(2027, 3, 29, 17, 0, 0), lt(2027, 3, 31, 0, 0, 0));
	/* received Tuesday after Easter is a normal day */
	check_due(&wc_on, lt(2027, 3, 30, 9, 0, 0), lt(2027, 3, 31, 9, 0, 0));
	/* Easter 2026 is after the change: Thu 2 Apr 16:00 BST -> Tue 7 Apr 16:00 BST */
	check_due(&wc_on, lt(2026, 4, 2, 16, 0, 0), lt(2026, 4, 7, 16, 0, 0));
}

/*
 * Receipt on the Friday before and after each clock change 2018-2030: 24h of
 * counted time always lands at the same local wall-clock time on Monday, and
 * the real seconds between are 24h plus the real length of the weekend
 * (47h when BST starts, 49h when it ends, otherwise 48h).
 */
static void
test_clock_changes(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(dst_days) / sizeof(dst_days[0]); i++) {
		int y = dst_days[i][0];
		int64_t sundays[2] = {
			dt_days_from_civil(y, 3, dst_days[i][1]),
			dt_days_from_civil(y, 10, dst_days[i][2]),
		};

		for (int k = 0; k < 2; k++) {
			for (int after = 0; after <= 1; after++) {
				int64_t fri = sundays[k] - 2 + 7 * after;
				int64_t weekend = 48 * HOUR;
				int yy, mm, dd, ry, rm, rd;

				if (!after)
					weekend += k == 0 ? -HOUR : HOUR;
				dt_civil_from_days(fri, &yy, &mm, &dd);
				dt_civil_from_days(fri + 3, &ry, &rm, &rd);
				for (int hh = 0; hh < 24; hh += 5) {
					int64_t r = lt(yy, mm, dd, hh, 17, 3);
					int64_t due = workclock_due(&wc_off, r, DAY);

					assert_int_equal(dt_weekday(fri), 4);
					assert_int_equal(due, lt(ry, rm, rd, hh, 17, 3));
					assert_int_equal(due - r, DAY + weekend);
					assert_int_equal(workclock_elapsed(&wc_off, r, due), DAY);
					assert_int_equal(workclock_elapsed(&wc_off, r, r + DAY + weekend), DAY);
					/* offsets differ across the change exactly when the weekend is not 48h */
					assert_int_equal(london_offset(due) - london_offset(r), 48 * HOUR - weekend);
					/* with holidays on it is the same unless a holiday is near */
					if (!in_list(fri) && !in_list(fri + 3)) {
						assert_int_equal(workclock_due(&wc_on, r, DAY), due);
					} else {
						due = workclock_due(&wc_on, r, DAY);
						assert_true(due > lt(ry, rm, rd, hh, 17, 3));
						assert_int_equal(workclock_elapsed(&wc_on, r, due), DAY);
					}
				}
			}
			/* the weekend of the change itself counts for nothing */
			assert_int_equal(workclock_elapsed(&wc_off, london_midnight_utc(sundays[k] - 1),
			    london_midnight_utc(sundays[k] + 1)), 0);
		}
	}
}

/* Fixed-seed LCG (Knuth's MMIX constants) so failures reproduce. */
static uint64_t lcg_state = 20261224;

static uint64_t
lcg(void)
{
	lcg_state = lcg_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return lcg_state >> 17;
}

static int64_t
random_instant(void)
{
	int64_t lo = ut(2018, 1, 1, 0, 0, 0), hi = ut(2030, 12, 31, 0, 0, 0);

	return lo + (int64_t)(lcg() % (uint64_t)(hi - lo));
}

static int
oracle_paused(const struct workclock *wc, int64_t utc)
{
	int64_t day = london_local_days(utc);

	return dt_weekday(day) >= 5 || (wc->use_holidays && in_list(day));
}

/* Due, elapsed and remaining agree with each other and with the definition. */
static void
test_random_receipts(void **state)
{
	const struct workclock *wcs[2] = {&wc_on, &wc_off};
	(void)state;

	for (int s = 0; s < 2; s++) {
		const struct workclock *wc = wcs[s];

		for (int i = 0; i < 5000; i++) {
			int64_t r = random_instant();
			int64_t allowance = i % 3 == 0 ? (int64_t)(lcg() % (10 * DAY)) + 1 : DAY;
			int64_t due = workclock_due(wc, r, allowance);
			int64_t day = london_local_days(due);

			assert_true(due >= r + allowance);
			assert_int_equal(workclock_elapsed(wc, r, due), allowance);
			/* earliest: the second before due was counted */
			assert_int_equal(workclock_elapsed(wc, r, due - 1), allowance - 1);
			assert_int_equal(workclock_elapsed(wc, due - 1, due), 1);
			/* never strictly inside a pause */
			if (workclock_is_paused_day(wc, day))
				assert_int_equal(due, london_midnight_utc(day));
			assert_int_equal(workclock_remaining(wc, r, due), allowance);
			assert_int_equal(workclock_remaining(wc, due, due), 0);
			assert_int_equal(workclock_remaining(wc, due + DAY * 9, due),
			    -workclock_elapsed(wc, due, due + DAY * 9));
		}
	}
}

/* Minute-stepping oracle for minute-aligned receipts (all pause boundaries are whole hours). */
static void
test_against_oracle(void **state)
{
	const struct workclock *wcs[2] = {&wc_on, &wc_off};
	(void)state;

	for (int s = 0; s < 2; s++) {
		const struct workclock *wc = wcs[s];

		for (int i = 0; i < 400; i++) {
			int64_t r = random_instant() / 60 * 60;
			int64_t allowance = i % 4 == 0 ? 60 * (int64_t)(1 + lcg() % 5000) : DAY;
			int64_t m = r, counted = 0;

			while (counted < allowance) {
				if (!oracle_paused(wc, m))
					counted += 60;
				m += 60;
			}
			assert_int_equal(workclock_due(wc, r, allowance), m);
			/* and elapsed over a random span, against the same oracle */
			{
				int64_t to = r + 60 * (int64_t)(lcg() % (6 * 1440));
				int64_t want = 0;

				for (int64_t t = r; t < to; t += 60)
					want += oracle_paused(wc, t) ? 0 : 60;
				assert_int_equal(workclock_elapsed(wc, r, to), want);
			}
		}
	}
}

static void
test_additive_and_monotonic(void **state)
{
	const struct workclock *wcs[2] = {&wc_on, &wc_off};
	(void)state;

	for (int s = 0; s < 2; s++) {
		const struct workclock *wc = wcs[s];

		for (int i = 0; i < 3000; i++) {
			int64_t x[3], tmp;

			x[0] = random_instant();
			/* spans from seconds to years */
			x[1] = x[0] + (int64_t)(lcg() % (uint64_t)(i % 2 ? 20 * DAY : 400 * DAY));
			x[2] = x[1] + (int64_t)(lcg() % (uint64_t)(i % 3 ? 3 * DAY : 200 * DAY));
			int64_t ab = workclock_elapsed(wc, x[0], x[1]);
			int64_t bc = workclock_elapsed(wc, x[1], x[2]);
			int64_t ac = workclock_elapsed(wc, x[0], x[2]);

			assert_int_equal(ac, ab + bc);
			assert_true(ab >= 0 && bc >= 0);
			assert_true(ab <= x[1] - x[0]);
			assert_true(ac >= ab);
			assert_int_equal(workclock_elapsed(wc, x[1], x[0]), 0);
			assert_int_equal(workclock_remaining(wc, x[0], x[2]), ac);
			assert_int_equal(workclock_remaining(wc, x[2], x[0]), -ac);
			tmp = workclock_elapsed(wc, x[0], x[0]);
			assert_int_equal(tmp, 0);
			if (s == 0)
				assert_true(ac <= workclock_elapsed(&wc_off, x[0], x[2]));
		}
	}
}

/* Over all of 2018-2030 counted time is 24h per working day. */
static void
test_long_span(void **state)
{
	int64_t from = lt(2018, 1, 1, 0, 0, 0), to = lt(2031, 1, 1, 0, 0, 0);
	int64_t working = 0, weekdays = 0;
	(void)state;

	for (int64_t d = dt_days_from_civil(2018, 1, 1); d < dt_days_from_civil(2031, 1, 1); d++) {
		weekdays += dt_weekday(d) < 5;
		working += dt_weekday(d) < 5 && !in_list(d);
	}
	assert_int_equal(workclock_elapsed(&wc_on, from, to), working * DAY);
	assert_int_equal(workclock_elapsed(&wc_off, from, to), weekdays * DAY);
	assert_int_equal(weekdays - working, (int64_t)N_HOL);
	/* due over a long allowance lands on the same total */
	assert_int_equal(workclock_due(&wc_on, from, working * DAY), lt(2030, 12, 31, 0, 0, 0) + DAY);
}

static void
test_remaining_through_weekend(void **state)
{
	int64_t r = lt(2026, 1, 16, 16, 0, 0); /* Friday */
	int64_t due = workclock_due(&wc_on, r, DAY);
	(void)state;

	assert_int_equal(workclock_remaining(&wc_on, r, due), DAY);
	assert_int_equal(workclock_remaining(&wc_on, lt(2026, 1, 16, 20, 0, 0), due), 20 * HOUR);
	/* the clock stands still over the weekend */
	assert_int_equal(workclock_remaining(&wc_on, lt(2026, 1, 17, 0, 0, 0), due), 16 * HOUR);
	assert_int_equal(workclock_remaining(&wc_on, lt(2026, 1, 18, 22, 0, 0), due), 16 * HOUR);
	assert_int_equal(workclock_remaining(&wc_on, lt(2026, 1, 19, 15, 0, 0), due), HOUR);
	assert_int_equal(workclock_remaining(&wc_on, due, due), 0);
	assert_int_equal(workclock_remaining(&wc_on, lt(2026, 1, 19, 17, 30, 0), due), -90 * 60);
	/* late through the next weekend: 8h on Monday and 4 x 24h, then it stands still */
	assert_int_equal(workclock_remaining(&wc_on, lt(2026, 1, 24, 12, 0, 0), due), -(8 + 4 * 24) * HOUR);
	/* due at Saturday 00:00: remaining is 0 all weekend although now > due */
	due = workclock_due(&wc_on, lt(2026, 1, 16, 0, 0, 0), DAY);
	assert_int_equal(due, lt(2026, 1, 17, 0, 0, 0));
	assert_int_equal(workclock_remaining(&wc_on, lt(2026, 1, 17, 9, 0, 0), due), 0);
	assert_int_equal(workclock_remaining(&wc_on, lt(2026, 1, 19, 0, 0, 1), due), -1);
}

static void
test_degenerate(void **state)
{
	struct workclock empty = {NULL, 0, 1};
	int64_t r = lt(2026, 1, 17, 10, 0, 0); /* Saturday */
	(void)state;

	/* zero or negative allowance is due at receipt, even in a pause */
	assert_int_equal(workclock_due(&wc_on, r, 0), r);
	assert_int_equal(workclock_due(&wc_on, r, -5), r);
	assert_int_equal(workclock_due(&wc_on, r, 1), lt(2026, 1, 19, 0, 0, 1));
	/* no holidays at all */
	check_due(&empty, ut(2026, 12, 24, 16, 0, 0), ut(2026, 12, 25, 16, 0, 0));
	assert_int_equal(workclock_is_paused_day(&empty, dt_days_from_civil(2026, 12, 25)), 0);
	/* one-entry and duplicate lists */
	{
		int64_t dup[3];

		dup[0] = dup[1] = dt_days_from_civil(2026, 12, 25);
		dup[2] = dt_days_from_civil(2026, 12, 28);
		struct workclock wd = {dup, 3, 1};

		check_due(&wd, ut(2026, 12, 24, 16, 0, 0), ut(2026, 12, 29, 16, 0, 0));
	}
	/* extreme inputs are defined and bounded */
	assert_int_equal(workclock_elapsed(&wc_on, INT64_MAX, INT64_MIN), 0);
	assert_true(workclock_elapsed(&wc_off, INT64_MIN, INT64_MIN + 1) >= 0);
	assert_int_equal(workclock_due(&wc_on, INT64_MAX, DAY), INT64_MAX);
	assert_int_equal(workclock_due(&wc_on, r, INT64_MAX), INT64_MAX);
	assert_int_equal(workclock_due(&wc_on, INT64_MIN, 0), DT_SECONDS_MIN);
	(void)workclock_remaining(&wc_on, INT64_MIN, INT64_MAX);
	(void)workclock_remaining(&wc_on, INT64_MAX, INT64_MIN);
	/* before the epoch works too: Friday 5 Jan 1968 -> Monday 8 Jan */
	assert_int_equal(dt_weekday(dt_days_from_civil(1968, 1, 1)), 0);
	check_due(&wc_off, ut(1968, 1, 5, 12, 0, 0), ut(1968, 1, 8, 12, 0, 0));
}

/* Setting followup_counts_weekends: Saturdays and Sundays count; bank holidays still pause when on. */
static void
test_counts_weekends(void **state)
{
	(void)state;
	struct workclock wk = wc_on;
	wk.count_weekends = 1;
	/* Friday 4 December 2026 16:00 -> Saturday 16:00 (without the setting: Monday 16:00) */
	assert_int_equal(workclock_due(&wk, lt(2026, 12, 4, 16, 0, 0), DAY), lt(2026, 12, 5, 16, 0, 0));
	assert_int_equal(workclock_due(&wc_on, lt(2026, 12, 4, 16, 0, 0), DAY), lt(2026, 12, 7, 16, 0, 0));
	/* a Saturday receipt counts at once */
	assert_int_equal(workclock_due(&wk, lt(2026, 12, 5, 9, 30, 0), DAY), lt(2026, 12, 6, 9, 30, 0));
	assert_false(workclock_is_paused_day(&wk, dt_days_from_civil(2026, 12, 5)));
	/* Thursday 24 December 16:00: Christmas Day pauses, Saturday 26th counts */
	assert_int_equal(workclock_due(&wk, lt(2026, 12, 24, 16, 0, 0), DAY), lt(2026, 12, 26, 16, 0, 0));
	/* with bank holidays off too, the clock never pauses */
	wk.use_holidays = 0;
	assert_int_equal(workclock_due(&wk, lt(2026, 12, 24, 16, 0, 0), DAY), lt(2026, 12, 25, 16, 0, 0));
	assert_int_equal(workclock_elapsed(&wk, lt(2026, 12, 4, 0, 0, 0), lt(2026, 12, 11, 0, 0, 0)), 7 * DAY);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_holiday_list_sane),
		cmocka_unit_test(test_paused_days),
		cmocka_unit_test(test_weekdays_and_weekends),
		cmocka_unit_test(test_christmas_2026),
		cmocka_unit_test(test_new_year),
		cmocka_unit_test(test_easter_2027),
		cmocka_unit_test(test_clock_changes),
		cmocka_unit_test(test_random_receipts),
		cmocka_unit_test(test_against_oracle),
		cmocka_unit_test(test_additive_and_monotonic),
		cmocka_unit_test(test_long_span),
		cmocka_unit_test(test_remaining_through_weekend),
		cmocka_unit_test(test_degenerate),
		cmocka_unit_test(test_counts_weekends),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
