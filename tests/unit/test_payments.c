/* Unit tests for core/payments and core/money: the staged schedule, the month-end rule, odd totals, leap years, pence display. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "core/datetime.h"
#include "core/money.h"
#include "core/payments.h"

static int64_t D(const char *s)
{
	int64_t d;
	assert_int_equal(dt_parse_date(s, &d), 0);
	return d;
}

static void assert_date(int64_t day, const char *want)
{
	char b[DT_DATE_LEN];
	dt_format_date(day, b);
	assert_string_equal(b, want);
}

static void test_add_months_month_end(void **state)
{
	(void)state;
	assert_date(pay_add_months(D("2019-05-31"), 9), "2020-02-29"); /* leap */
	assert_date(pay_add_months(D("2018-05-31"), 9), "2019-02-28"); /* common */
	assert_date(pay_add_months(D("2100-05-31"), 9), "2101-02-28");
	assert_date(pay_add_months(D("2099-05-31"), 9), "2100-02-28"); /* 2100 is not leap */
	assert_date(pay_add_months(D("1999-05-31"), 9), "2000-02-29"); /* 2000 is */
	assert_date(pay_add_months(D("2026-01-31"), 3), "2026-04-30");
	assert_date(pay_add_months(D("2026-08-31"), 3), "2026-11-30");
	assert_date(pay_add_months(D("2026-11-30"), 3), "2027-02-28");
	assert_date(pay_add_months(D("2026-03-15"), 12), "2027-03-15");
	assert_date(pay_add_months(D("2024-02-29"), 12), "2025-02-28");
	assert_date(pay_add_months(D("2024-02-29"), 48), "2028-02-29");
	assert_date(pay_add_months(D("2026-12-31"), 1), "2027-01-31");
	assert_date(pay_add_months(D("2026-01-01"), 0), "2026-01-01");
	assert_date(pay_add_months(D("2026-03-31"), -1), "2026-02-28");
	assert_true(pay_add_months(D("9999-06-01"), 12) == PAY_NO_DATE);
	assert_true(pay_add_months(PAY_NO_DATE, 3) == PAY_NO_DATE);
}

/* Every day of four years against a naive month walk. */
static void test_add_months_exhaustive(void **state)
{
	(void)state;
	for (int64_t d = D("2023-01-01"); d <= D("2028-12-31"); d++)
		for (int k = 0; k <= 24; k++) {
			int y, m, dd;
			dt_civil_from_days(d, &y, &m, &dd);
			int ty = y + (m - 1 + k) / 12, tm = (m - 1 + k) % 12 + 1;
			int td = dd > dt_days_in_month(ty, tm) ? dt_days_in_month(ty, tm) : dd;
			assert_true(pay_add_months(d, k) == dt_days_from_civil(ty, tm, td));
		}
}

static void test_schedule_prospectus(void **state)
{
	(void)state;
	struct pay_stage s[PAY_STAGES];
	assert_int_equal(pay_schedule(2800000, D("2018-03-26"), D("2018-04-16"), s), 0);
	int64_t want[] = { 840000, 840000, 840000, 280000 };
	const char *dates[] = { "2018-03-26", "2018-07-16", "2019-01-16", "2019-04-16" };
	const char *labels[] = { "signing", "3-months", "9-months", "12-months" };
	for (int i = 0; i < PAY_STAGES; i++) {
		assert_int_equal(s[i].pence, want[i]);
		assert_date(s[i].due_day, dates[i]);
		assert_string_equal(s[i].label, labels[i]);
	}
	/* one Lot: £14,000 -> 4200, 4200, 4200, 1400 pounds */
	assert_int_equal(pay_schedule(1400000, D("2018-03-26"), D("2018-05-31"), s), 0);
	assert_int_equal(s[0].pence, 420000);
	assert_int_equal(s[3].pence, 140000);
	assert_date(s[2].due_day, "2019-02-28");
}

static void test_schedule_odd_totals(void **state)
{
	(void)state;
	struct pay_stage s[PAY_STAGES];
	/* 30% of 1001p is 300.3p: 300, 300, 300, remainder 101 */
	assert_int_equal(pay_schedule(1001, D("2026-01-01"), D("2026-01-01"), s), 0);
	assert_int_equal(s[0].pence, 300);
	assert_int_equal(s[1].pence, 300);
	assert_int_equal(s[2].pence, 300);
	assert_int_equal(s[3].pence, 101);
	/* 1p, 3p, 0p */
	assert_int_equal(pay_schedule(1, D("2026-01-01"), PAY_NO_DATE, s), 0);
	assert_int_equal(s[0].pence + s[1].pence + s[2].pence, 0);
	assert_int_equal(s[3].pence, 1);
	assert_true(s[1].due_day == PAY_NO_DATE && s[3].due_day == PAY_NO_DATE);
	assert_int_equal(pay_schedule(0, D("2026-01-01"), PAY_NO_DATE, s), 0);
	assert_int_equal(s[3].pence, 0);
	/* every total up to £100 and a spread of large ones: floor 30%, sum exact, last >= 10% */
	for (int64_t t = 0; t <= 10000; t++) {
		assert_int_equal(pay_schedule(t, D("2026-01-01"), D("2026-02-01"), s), 0);
		assert_int_equal(s[0].pence, t * 3 / 10);
		assert_int_equal(s[0].pence + s[1].pence + s[2].pence + s[3].pence, t);
		assert_true(s[3].pence * 10 >= t);
	}
	assert_int_equal(pay_schedule(MONEY_MAX_PENCE, D("2026-01-01"), D("2026-02-01"), s), 0);
	assert_int_equal(s[0].pence + s[1].pence + s[2].pence + s[3].pence, MONEY_MAX_PENCE);
}

static void test_schedule_refusals(void **state)
{
	(void)state;
	struct pay_stage s[PAY_STAGES];
	assert_int_equal(pay_schedule(-1, D("2026-01-01"), PAY_NO_DATE, s), -1);
	assert_int_equal(pay_schedule(MONEY_MAX_PENCE + 1, D("2026-01-01"), PAY_NO_DATE, s), -1);
	assert_int_equal(pay_schedule(100, PAY_NO_DATE, PAY_NO_DATE, s), -1);
	assert_int_equal(pay_schedule(100, D("2026-01-02"), D("2026-01-01"), s), -1); /* in place before signing */
	assert_int_equal(pay_schedule(100, D("9999-01-01"), D("9999-06-01"), s), -1); /* 12 months later is past 9999 */
}

static void test_states(void **state)
{
	(void)state;
	assert_true(pay_transition_ok(PAY_SCHEDULED, PAY_DUE));
	assert_true(pay_transition_ok(PAY_DUE, PAY_APPROVED));
	assert_true(pay_transition_ok(PAY_DUE, PAY_HELD));
	assert_true(pay_transition_ok(PAY_HELD, PAY_APPROVED));
	assert_true(pay_transition_ok(PAY_APPROVED, PAY_PAID));
	assert_false(pay_transition_ok(PAY_SCHEDULED, PAY_PAID));
	assert_false(pay_transition_ok(PAY_HELD, PAY_PAID));
	assert_false(pay_transition_ok(PAY_PAID, PAY_HELD));
	assert_false(pay_transition_ok(PAY_DUE, PAY_SCHEDULED));
	for (int i = 0; i < PAY_STATE_COUNT; i++)
		assert_int_equal(pay_state_parse(pay_state_name(i)), i);
	assert_int_equal(pay_state_parse("Paid"), -1);
	assert_true(pay_hold_reason_ok("performance") && pay_hold_reason_ok("missing_data"));
	assert_false(pay_hold_reason_ok("whim") || pay_hold_reason_ok(NULL));
}

static void test_money(void **state)
{
	(void)state;
	char b[MONEY_LEN];
	money_format(1400000, b);
	assert_string_equal(b, "\xc2\xa3" "14,000.00");
	money_format(0, b);
	assert_string_equal(b, "\xc2\xa3" "0.00");
	money_format(7, b);
	assert_string_equal(b, "\xc2\xa3" "0.07");
	money_format(100000000, b);
	assert_string_equal(b, "\xc2\xa3" "1,000,000.00");
	money_format(-307, b);
	assert_string_equal(b, "-\xc2\xa3" "3.07");
	money_format(99999, b);
	assert_string_equal(b, "\xc2\xa3" "999.99");
	money_format_plain(2800050, b);
	assert_string_equal(b, "28000.50");
	int64_t p;
	assert_int_equal(money_parse("28000.00", &p), 0);
	assert_int_equal(p, 2800000);
	assert_int_equal(money_parse("28,000.00", &p), 0);
	assert_int_equal(p, 2800000);
	assert_int_equal(money_parse("\xc2\xa3" "1,234,567.89", &p), 0);
	assert_int_equal(p, 123456789);
	assert_int_equal(money_parse("14000", &p), 0);
	assert_int_equal(p, 1400000);
	assert_int_equal(money_parse("0.01", &p), 0);
	assert_int_equal(p, 1);
	const char *bad[] = { "", ".50", "1.5", "1.500", "-1.00", "1,00.00", "12,3456", ",100", "1e3", " 1.00", "1.00 ", "abc",
			      "100000000000.00", "1,000,000,000.01", NULL };
	for (int i = 0; bad[i]; i++) {
		p = 42;
		assert_int_equal(money_parse(bad[i], &p), -1);
		assert_int_equal(p, 42);
	}
	assert_int_equal(money_parse("1,000,000,000.00", &p), 0);
	assert_int_equal(p, MONEY_MAX_PENCE);
	/* round trip */
	for (int64_t v = 0; v < 300000; v += 97) {
		money_format(v, b);
		assert_int_equal(money_parse(b, &p), 0);
		assert_int_equal(p, v);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_months_month_end), cmocka_unit_test(test_add_months_exhaustive),
		cmocka_unit_test(test_schedule_prospectus),  cmocka_unit_test(test_schedule_odd_totals),
		cmocka_unit_test(test_schedule_refusals),    cmocka_unit_test(test_states),
		cmocka_unit_test(test_money),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
