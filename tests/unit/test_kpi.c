/* Unit tests for core/kpi: follow-up figures over Christmas 2026 and a clock change, worked out by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "core/datetime.h"
#include "core/kpi.h"

#define HOUR 3600
#define MIN 60

/* England and Wales bank holidays around the test dates. */
static int64_t hol[5];
static struct workclock wc, wc_none;

static int64_t at(int y, int mo, int d, int h, int mi)
{
	return dt_days_from_civil(y, mo, d) * 86400 + h * HOUR + mi * MIN;
}

static int setup(void **state)
{
	(void)state;
	hol[0] = dt_days_from_civil(2026, 4, 3);
	hol[1] = dt_days_from_civil(2026, 4, 6);
	hol[2] = dt_days_from_civil(2026, 12, 25);
	hol[3] = dt_days_from_civil(2026, 12, 28);
	hol[4] = dt_days_from_civil(2027, 1, 1);
	wc = (struct workclock){ hol, 5, 1 };
	wc_none = (struct workclock){ NULL, 0, 0 };
	return 0;
}

static int64_t due(int64_t received)
{
	return workclock_due(&wc, received, 24 * HOUR);
}

/*
 * Christmas 2026 in GMT (local time = UTC). Friday 25 and Monday 28 December
 * are bank holidays and Saturday/Sunday are paused, so counted time after
 * Thursday 24 December 24:00 resumes on Tuesday 29 December 00:00.
 * "Now" is Tuesday 29 December 12:00.
 *
 *   ref  received       due (24 counted h)   first successful contact   counted time   state
 *   R1   Thu 24 09:00   Tue 29 09:00         Thu 24 15:00               6 h            within
 *   R2   Thu 24 16:00   Tue 29 16:00         Tue 29 10:00               8 + 10 = 18 h  within
 *   R3   Wed 23 14:00   Thu 24 14:00         Thu 24 15:30               10 + 15.5 = 25.5 h  late
 *   R4   Wed 23 20:00   Thu 24 20:00         none                       -              overdue
 *   R5   Tue 29 08:00   Wed 30 08:00         none                       -              pending (20 h left)
 *   R6   Thu 24 13:00   Tue 29 13:00         none                       -              at risk (1 h left)
 *   R7   Tue 29 09:00   Wed 30 09:00         Tue 29 13:00 (after now)   -              pending (21 h left)
 *   R8   Thu 24 10:00   Tue 29 10:00         Thu 24 10:00               0 h            within
 *   R9   Thu 24 11:00   Tue 29 11:00         Tue 29 11:00 (at due)      13 + 11 = 24 h within
 *
 * received 9; contacted 5 (within 4, late 1); overdue 1; breaches 2 (R3, R4);
 * at risk 1; pending 3 (R5, R6, R7); 4/9 = 44.44% -> 4444;
 * counted times 0, 6, 18, 24, 25.5 h -> median 18 h = 64800 s -> 1800.
 */
static struct kpi_referral day[9];
static int64_t now;

static void build_day(void)
{
	now = at(2026, 12, 29, 12, 0);
	const int64_t rec[9] = {
		at(2026, 12, 24, 9, 0), at(2026, 12, 24, 16, 0), at(2026, 12, 23, 14, 0),
		at(2026, 12, 23, 20, 0), at(2026, 12, 29, 8, 0), at(2026, 12, 24, 13, 0),
		at(2026, 12, 29, 9, 0), at(2026, 12, 24, 10, 0), at(2026, 12, 24, 11, 0),
	};
	const int64_t con[9] = {
		at(2026, 12, 24, 15, 0), at(2026, 12, 29, 10, 0), at(2026, 12, 24, 15, 30),
		KPI_NONE, KPI_NONE, KPI_NONE,
		at(2026, 12, 29, 13, 0), at(2026, 12, 24, 10, 0), at(2026, 12, 29, 11, 0),
	};
	for (int i = 0; i < 9; i++)
		day[i] = (struct kpi_referral){ rec[i], due(rec[i]), con[i] };
}

static void test_due_times_as_worked_out(void **state)
{
	(void)state;
	build_day();
	const int64_t want[9] = {
		at(2026, 12, 29, 9, 0), at(2026, 12, 29, 16, 0), at(2026, 12, 24, 14, 0),
		at(2026, 12, 24, 20, 0), at(2026, 12, 30, 8, 0), at(2026, 12, 29, 13, 0),
		at(2026, 12, 30, 9, 0), at(2026, 12, 29, 10, 0), at(2026, 12, 29, 11, 0),
	};
	for (int i = 0; i < 9; i++)
		assert_int_equal(day[i].sla_due_at, want[i]);
}

static void test_states(void **state)
{
	(void)state;
	build_day();
	const enum kpi_state want[9] = {
		KPI_CONTACTED_WITHIN, KPI_CONTACTED_WITHIN, KPI_CONTACTED_LATE, KPI_OVERDUE, KPI_PENDING,
		KPI_AT_RISK, KPI_PENDING, KPI_CONTACTED_WITHIN, KPI_CONTACTED_WITHIN,
	};
	for (int i = 0; i < 9; i++)
		assert_int_equal(kpi_state_of(&wc, &day[i], now), want[i]);
	/* Once R7's contact has happened it is within. */
	assert_int_equal(kpi_state_of(&wc, &day[6], at(2026, 12, 29, 13, 0)), KPI_CONTACTED_WITHIN);
	assert_int_equal(kpi_state_of(&wc, &day[6], at(2026, 12, 29, 12, 59)), KPI_PENDING);
}

static void test_day_figures(void **state)
{
	(void)state;
	build_day();
	struct kpi_followup k;
	assert_int_equal(kpi_followup(&wc, day, 9, now, &k), 0);
	assert_int_equal(k.received, 9);
	assert_int_equal(k.contacted, 5);
	assert_int_equal(k.contacted_within, 4);
	assert_int_equal(k.contacted_late, 1);
	assert_int_equal(k.overdue, 1);
	assert_int_equal(k.breaches, 2);
	assert_int_equal(k.at_risk, 1);
	assert_int_equal(k.pending, 3);
	assert_int_equal(k.pct_within_x100, 4444);
	assert_int_equal(k.median_seconds, 64800);
	assert_int_equal(k.median_hours_x100, 1800);
}

static void test_day_figures_even_count(void **state)
{
	(void)state;
	build_day();
	/* Without R8 (0 h): counted times 6, 18, 24, 25.5 h; median (18 + 24) / 2 = 21 h. 3 of 8 within. */
	struct kpi_referral eight[8];
	memcpy(eight, day, 7 * sizeof day[0]);
	eight[7] = day[8];
	struct kpi_followup k;
	assert_int_equal(kpi_followup(&wc, eight, 8, now, &k), 0);
	assert_int_equal(k.received, 8);
	assert_int_equal(k.contacted, 4);
	assert_int_equal(k.contacted_within, 3);
	assert_int_equal(k.pct_within_x100, 3750);
	assert_int_equal(k.median_seconds, 75600);
	assert_int_equal(k.median_hours_x100, 2100);
	assert_int_equal(k.breaches, 2);
}

static void test_as_at_earlier_moment(void **state)
{
	(void)state;
	build_day();
	/* As at Thursday 24 December 18:00: R2, R9 not contacted yet, R4 due at 20:00
	 * (2 counted hours left: at risk), R5 and R7 not even received — the caller
	 * would not pass those, but if passed they are simply pending. */
	int64_t then = at(2026, 12, 24, 18, 0);
	assert_int_equal(kpi_state_of(&wc, &day[3], then), KPI_AT_RISK);
	assert_int_equal(kpi_state_of(&wc, &day[1], then), KPI_PENDING);
	assert_int_equal(kpi_state_of(&wc, &day[2], then), KPI_CONTACTED_LATE);
	/* Over the holiday nothing is counted: R6 (due Tue 13:00) has 13 h left all weekend. */
	assert_int_equal(workclock_remaining(&wc, at(2026, 12, 26, 12, 0), day[5].sla_due_at), 13 * HOUR);
	assert_int_equal(kpi_state_of(&wc, &day[5], at(2026, 12, 26, 12, 0)), KPI_PENDING);
	/* The at-risk line: exactly 4 h left is not at risk, a second less is. */
	assert_int_equal(kpi_state_of(&wc, &day[5], at(2026, 12, 29, 9, 0)), KPI_PENDING);
	assert_int_equal(kpi_state_of(&wc, &day[5], at(2026, 12, 29, 9, 0) + 1), KPI_AT_RISK);
	/* Due exactly now is at risk, not overdue; a second later it is overdue. */
	assert_int_equal(kpi_state_of(&wc, &day[5], day[5].sla_due_at), KPI_AT_RISK);
	assert_int_equal(kpi_state_of(&wc, &day[5], day[5].sla_due_at + 1), KPI_OVERDUE);
}

static void test_due_at_weekend_boundary_is_at_risk_until_due(void **state)
{
	(void)state;
	/* Received Thursday 2026-10-01 00:00 BST (Wed 30 Sep 23:00Z): due Friday 24:00 local = Fri 23:00Z.
	 * At Friday 21:00 local 3 h are left (at risk); after Friday 24:00 it is overdue all weekend,
	 * and workclock_remaining shows 0 during the pause. */
	int64_t rec = at(2026, 9, 30, 23, 0);
	struct kpi_referral r = { rec, workclock_due(&wc, rec, 48 * HOUR), KPI_NONE };
	assert_int_equal(r.sla_due_at, at(2026, 10, 2, 23, 0));
	assert_int_equal(kpi_state_of(&wc, &r, at(2026, 10, 2, 20, 0)), KPI_AT_RISK);
	assert_int_equal(kpi_state_of(&wc, &r, at(2026, 10, 3, 12, 0)), KPI_OVERDUE);
	assert_int_equal(workclock_remaining(&wc, at(2026, 10, 3, 12, 0), r.sla_due_at), 0);
}

static void test_clock_change_weekend(void **state)
{
	(void)state;
	/* BST starts Sunday 29 March 2026. Received Friday 27 March 10:00 GMT (10:00Z);
	 * due Monday 30 March 10:00 BST = 09:00Z. Contact Monday 09:00 BST (08:00Z):
	 * counted Friday 14 h + Monday 9 h = 23 h, within. Another contacted Monday
	 * 10:30 BST (09:30Z): 24.5 h, late. */
	int64_t rec = at(2026, 3, 27, 10, 0);
	struct kpi_referral r[2] = {
		{ rec, due(rec), at(2026, 3, 30, 8, 0) },
		{ rec, due(rec), at(2026, 3, 30, 9, 30) },
	};
	assert_int_equal(r[0].sla_due_at, at(2026, 3, 30, 9, 0));
	struct kpi_followup k;
	assert_int_equal(kpi_followup(&wc, r, 2, at(2026, 4, 1, 0, 0), &k), 0);
	assert_int_equal(k.contacted_within, 1);
	assert_int_equal(k.contacted_late, 1);
	assert_int_equal(k.breaches, 1);
	assert_int_equal(k.pct_within_x100, 5000);
	/* (23 h + 24.5 h) / 2 = 23.75 h = 85500 s. */
	assert_int_equal(k.median_seconds, 85500);
	assert_int_equal(k.median_hours_x100, 2375);
}

static void test_easter(void **state)
{
	(void)state;
	/* Thursday 2 April 2026 15:00 BST (14:00Z); Good Friday 3 and Easter Monday 6 April
	 * are holidays: counted Thu 9 h, then Tue 7 April 15 h -> due Tue 15:00 BST (14:00Z).
	 * Without bank holidays: Fri 3 April 15:00 BST. */
	int64_t rec = at(2026, 4, 2, 14, 0);
	assert_int_equal(due(rec), at(2026, 4, 7, 14, 0));
	assert_int_equal(workclock_due(&wc_none, rec, 24 * HOUR), at(2026, 4, 3, 14, 0));
	/* A contact on Easter Monday counts only Thursday's 9 h: within. */
	struct kpi_referral r = { rec, due(rec), at(2026, 4, 6, 11, 0) };
	struct kpi_followup k;
	assert_int_equal(kpi_followup(&wc, &r, 1, at(2026, 4, 8, 0, 0), &k), 0);
	assert_int_equal(k.median_seconds, 9 * HOUR);
	assert_int_equal(k.median_hours_x100, 900);
	assert_int_equal(k.pct_within_x100, 10000);
	/* Without the holidays the same contact is late: Thu 15:00-24:00 BST 9 h, Friday 24 h,
	 * Monday 00:00-12:00 BST 12 h = 45 counted hours. */
	r.sla_due_at = workclock_due(&wc_none, rec, 24 * HOUR);
	assert_int_equal(kpi_followup(&wc_none, &r, 1, at(2026, 4, 8, 0, 0), &k), 0);
	assert_int_equal(k.contacted_late, 1);
	assert_int_equal(k.median_seconds, 45 * HOUR);
	assert_int_equal(k.median_hours_x100, 4500);
}

static void test_percentages(void **state)
{
	(void)state;
	/* 7 of 8 within: 87.50%. Monday 2026-06-01 09:00Z, no holidays needed. */
	int64_t base = at(2026, 6, 1, 9, 0);
	struct kpi_referral r[16];
	for (int i = 0; i < 16; i++)
		r[i] = (struct kpi_referral){ base, base + 24 * HOUR, base + HOUR };
	r[7].first_contact_at = base + 25 * HOUR;
	struct kpi_followup k;
	int64_t later = base + 7 * 86400;
	assert_int_equal(kpi_followup(&wc, r, 8, later, &k), 0);
	assert_int_equal(k.pct_within_x100, 8750);
	/* 15 of 16: 93.75%. */
	assert_int_equal(kpi_followup(&wc, r, 16, later, &k), 0);
	assert_int_equal(k.pct_within_x100, 9375);
	/* 2 of 3: 66.666...% rounds to 6667; 1 of 3 to 3333; 1 of 7 (14.2857%) to 1429. */
	r[0].first_contact_at = KPI_NONE;
	assert_int_equal(kpi_followup(&wc, r, 3, later, &k), 0);
	assert_int_equal(k.pct_within_x100, 6667);
	r[1].first_contact_at = KPI_NONE;
	assert_int_equal(kpi_followup(&wc, r, 3, later, &k), 0);
	assert_int_equal(k.pct_within_x100, 3333);
	for (int i = 1; i < 7; i++)
		r[i].first_contact_at = KPI_NONE;
	r[6].first_contact_at = base;
	assert_int_equal(kpi_followup(&wc, r, 7, later, &k), 0);
	assert_int_equal(k.pct_within_x100, 1429);
	assert_int_equal(k.overdue, 6);
	assert_int_equal(k.breaches, 6);
	/* All 16: r[6] and r[8..15] within (9 of 16 = 56.25%), r[7] late, six overdue. */
	assert_int_equal(kpi_followup(&wc, r, 16, later, &k), 0);
	assert_int_equal(k.contacted_within, 9);
	assert_int_equal(k.contacted_late, 1);
	assert_int_equal(k.breaches, 7);
	assert_int_equal(k.pct_within_x100, 5625);
}

static void test_rounding_half_up(void **state)
{
	(void)state;
	int64_t base = at(2026, 6, 1, 9, 0); /* Monday */
	/* Median of 3 s and 4 s is 3.5 s -> 4 s; of 3 s and 5 s is 4 s. */
	struct kpi_referral r[2] = { { base, base + 24 * HOUR, base + 3 }, { base, base + 24 * HOUR, base + 4 } };
	struct kpi_followup k;
	assert_int_equal(kpi_followup(&wc, r, 2, base + 86400, &k), 0);
	assert_int_equal(k.median_seconds, 4);
	assert_int_equal(k.median_hours_x100, 0);
	r[1].first_contact_at = base + 5;
	assert_int_equal(kpi_followup(&wc, r, 2, base + 86400, &k), 0);
	assert_int_equal(k.median_seconds, 4);
	/* 18 s is 0.005 h: rounds up to 1 hundredth; 17 s down to 0. */
	r[0].first_contact_at = r[1].first_contact_at = base + 18;
	assert_int_equal(kpi_followup(&wc, r, 2, base + 86400, &k), 0);
	assert_int_equal(k.median_hours_x100, 1);
	r[0].first_contact_at = r[1].first_contact_at = base + 17;
	assert_int_equal(kpi_followup(&wc, r, 2, base + 86400, &k), 0);
	assert_int_equal(k.median_hours_x100, 0);
	/* 1 of 20000 within is 0.005% -> 1; of 20001 -> 0. */
	static struct kpi_referral many[20001];
	for (int i = 0; i < 20001; i++)
		many[i] = (struct kpi_referral){ base, base + 24 * HOUR, KPI_NONE };
	many[0].first_contact_at = base;
	assert_int_equal(kpi_followup(&wc, many, 20000, base + HOUR, &k), 0);
	assert_int_equal(k.pct_within_x100, 1);
	assert_int_equal(k.pending, 19999);
	assert_int_equal(k.at_risk, 0);
	assert_int_equal(kpi_followup(&wc, many, 20001, base + HOUR, &k), 0);
	assert_int_equal(k.pct_within_x100, 0);
}

static void test_empty_and_none_contacted(void **state)
{
	(void)state;
	struct kpi_followup k;
	memset(&k, 0x5a, sizeof k);
	assert_int_equal(kpi_followup(&wc, NULL, 0, 0, &k), 0);
	assert_int_equal(k.received, 0);
	assert_int_equal(k.pct_within_x100, -1);
	assert_int_equal(k.median_seconds, -1);
	assert_int_equal(k.median_hours_x100, -1);
	assert_int_equal(k.breaches, 0);
	int64_t base = at(2026, 6, 1, 9, 0);
	struct kpi_referral r = { base, base + 24 * HOUR, KPI_NONE };
	assert_int_equal(kpi_followup(&wc, &r, 1, base, &k), 0);
	assert_int_equal(k.received, 1);
	assert_int_equal(k.pct_within_x100, 0);
	assert_int_equal(k.median_seconds, -1);
	assert_int_equal(k.pending, 1);
}

static void test_odd_data(void **state)
{
	(void)state;
	int64_t base = at(2026, 6, 1, 9, 0);
	/* A contact recorded before receipt counts 0 h and is within. */
	struct kpi_referral r = { base, base + 24 * HOUR, base - HOUR };
	struct kpi_followup k;
	assert_int_equal(kpi_followup(&wc, &r, 1, base + HOUR, &k), 0);
	assert_int_equal(k.contacted_within, 1);
	assert_int_equal(k.median_seconds, 0);
	/* Due "never" (INT64_MAX from workclock_due): pending. */
	r = (struct kpi_referral){ base, INT64_MAX, KPI_NONE };
	assert_int_equal(kpi_state_of(&wc, &r, base + 1000 * 86400LL), KPI_PENDING);
}

static void test_state_codes(void **state)
{
	(void)state;
	assert_string_equal(kpi_state_code(KPI_PENDING), "pending");
	assert_string_equal(kpi_state_code(KPI_AT_RISK), "at_risk");
	assert_string_equal(kpi_state_code(KPI_OVERDUE), "overdue");
	assert_string_equal(kpi_state_code(KPI_CONTACTED_WITHIN), "contacted_within");
	assert_string_equal(kpi_state_code(KPI_CONTACTED_LATE), "contacted_late");
	assert_string_equal(kpi_state_code(KPI_STATE__MAX), "");
	assert_string_equal(kpi_state_code((enum kpi_state)-1), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_due_times_as_worked_out),
		cmocka_unit_test(test_states),
		cmocka_unit_test(test_day_figures),
		cmocka_unit_test(test_day_figures_even_count),
		cmocka_unit_test(test_as_at_earlier_moment),
		cmocka_unit_test(test_due_at_weekend_boundary_is_at_risk_until_due),
		cmocka_unit_test(test_clock_change_weekend),
		cmocka_unit_test(test_easter),
		cmocka_unit_test(test_percentages),
		cmocka_unit_test(test_rounding_half_up),
		cmocka_unit_test(test_empty_and_none_contacted),
		cmocka_unit_test(test_odd_data),
		cmocka_unit_test(test_state_codes),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
