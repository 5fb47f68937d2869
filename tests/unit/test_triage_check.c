/* Unit tests for core/triage_check: the states that take a contact, a contact's time, an absence's days and the
 * KPI's period. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "core/datetime.h"
#include "core/triage_check.h"

static struct field_errors fe;

static const char *fields(void)
{
	static char s[256];
	s[0] = '\0';
	for (size_t i = 0; i < fe.n; i++) {
		strcat(s, i ? "," : "");
		strcat(s, fe.e[i].field);
	}
	return s;
}

static void contacts_end_with_a_decline_or_withdrawal(void **state)
{
	(void)state;
	const char *open[] = { "received", "triaged", "allocated", "in_progress", "closed" };
	for (size_t i = 0; i < sizeof open / sizeof open[0]; i++)
		assert_true(triage_contact_open(open[i]));
	assert_false(triage_contact_open("rejected"));
	assert_false(triage_contact_open("withdrawn"));
}

static void a_contact_is_between_receipt_and_now(void **state)
{
	(void)state;
	int64_t received = dt_days_from_civil(2026, 3, 6) * 86400 + 9 * 3600, now = received + 7200;
	fielderr_init(&fe);
	triage_check_contact_time(received, received, now, &fe);
	triage_check_contact_time(now + TRIAGE_CONTACT_SKEW, received, now, &fe);
	assert_int_equal(fe.n, 0);
	triage_check_contact_time(received - 1, received, now, &fe);
	assert_string_equal(fe.e[0].message, "The contact cannot be before the referral was received (6 Mar 2026 09:00)");
	triage_check_contact_time(now + TRIAGE_CONTACT_SKEW + 1, received, now, &fe);
	assert_string_equal(fe.e[1].message, "The contact time cannot be in the future");
}

static void an_absence_is_up_to_a_year_of_days(void **state)
{
	(void)state;
	int64_t from = 0, to = 0;
	fielderr_init(&fe);
	triage_check_absence("2026-03-02", "2026-03-02", "Training", &from, &to, &fe);
	assert_int_equal(fe.n, 0);
	assert_int_equal(from, to);
	assert_int_equal(from, dt_days_from_civil(2026, 3, 2));
	triage_check_absence("2026-03-02", "2027-03-03", NULL, &from, &to, &fe);
	assert_int_equal(fe.n, 0);
	/* As people type dates, as the page's day, month and year boxes send them. */
	triage_check_absence("2/3/2026", "7 Dec 2026", NULL, &from, &to, &fe);
	assert_int_equal(fe.n, 0);
	assert_int_equal(from, dt_days_from_civil(2026, 3, 2));
	assert_int_equal(to, dt_days_from_civil(2026, 12, 7));
	triage_check_absence("2026-03-02", "2027-03-04", NULL, &from, &to, &fe);
	assert_string_equal(fields(), "to");
	fielderr_init(&fe);
	triage_check_absence("2026-13-01", "2020-01-01", NULL, &from, &to, &fe);
	assert_string_equal(fields(), "from");
	fielderr_init(&fe);
	triage_check_absence("2026-03-02", "2026-03-01", NULL, &from, &to, &fe);
	assert_string_equal(fe.e[0].message, "The last day cannot be before the first day");
	fielderr_init(&fe);
	char reason[TRIAGE_ABSENCE_REASON_MAX + 2];
	memset(reason, 'x', sizeof reason - 1);
	reason[sizeof reason - 1] = '\0';
	triage_check_absence(NULL, NULL, reason, &from, &to, &fe);
	assert_string_equal(fields(), "from,to,reason");
	/* A problem the adapter found first (not text, say) is not repeated. */
	fielderr_init(&fe);
	fielderr_add(&fe, "from", "from must be text (a JSON string)");
	triage_check_absence(NULL, "2026-03-02", NULL, &from, &to, &fe);
	assert_string_equal(fields(), "from");
}

static void the_kpi_period_defaults_to_thirty_days(void **state)
{
	(void)state;
	int64_t today = dt_days_from_civil(2026, 3, 31), from, to;
	fielderr_init(&fe);
	triage_check_period(NULL, "", today, &from, &to, &fe);
	assert_int_equal(fe.n, 0);
	assert_int_equal(to, today);
	assert_int_equal(from, today - 29);
	triage_check_period("2026-03-06", "2026-03-06", today, &from, &to, &fe);
	assert_int_equal(fe.n, 0);
	assert_int_equal(from, to);
	triage_check_period("2026-03-07", "2026-03-06", today, &from, &to, &fe);
	assert_string_equal(fields(), "from");
	fielderr_init(&fe);
	triage_check_period("2016-01-01", "2026-03-06", today, &from, &to, &fe);
	assert_string_equal(fe.e[0].message, "The period can be at most 3660 days");
	fielderr_init(&fe);
	triage_check_period("March", "soon", today, &from, &to, &fe);
	assert_string_equal(fields(), "to,from");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(contacts_end_with_a_decline_or_withdrawal),
		cmocka_unit_test(a_contact_is_between_receipt_and_now),
		cmocka_unit_test(an_absence_is_up_to_a_year_of_days),
		cmocka_unit_test(the_kpi_period_defaults_to_thirty_days),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
