/* Unit tests for core/casework: what is due next on a case, at each stage; a measure's answers; an area of need once. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "core/casework.h"

#define DAY 86400

static struct casework_due_in base(void)
{
	return (struct casework_due_in){ .open = 1, .sla_due_at = 1000, .planned_sessions = 5, .due_days = 14 };
}

static void closed_case_has_nothing_due(void **state)
{
	(void)state;
	struct casework_due_in in = base();
	in.open = 0;
	int64_t at = 7;
	assert_string_equal(casework_due(&in, &at), "");
	assert_int_equal(at, 0);
}

static void first_contact_by_the_referral_deadline(void **state)
{
	(void)state;
	struct casework_due_in in = base();
	int64_t at = 0;
	assert_string_equal(casework_due(&in, &at), CASEWORK_DUE_FIRST_CONTACT);
	assert_int_equal(at, 1000);
}

static void stages_after_contact(void **state)
{
	(void)state;
	struct casework_due_in in = base();
	in.last_contact_at = 50 * DAY;
	int64_t at = 0;
	assert_string_equal(casework_due(&in, &at), CASEWORK_DUE_FIRST_SESSION);
	assert_int_equal(at, 64 * DAY);
	in.sessions = 1;
	assert_string_equal(casework_due(&in, &at), CASEWORK_DUE_BASELINE);
	in.has_baseline = 1;
	assert_string_equal(casework_due(&in, &at), CASEWORK_DUE_SESSION);
	in.sessions = 4;
	assert_string_equal(casework_due(&in, &at), CASEWORK_DUE_SESSION);
	in.sessions = 5;
	assert_string_equal(casework_due(&in, &at), CASEWORK_DUE_CLOSURE);
	in.sessions = 9;
	assert_string_equal(casework_due(&in, &at), CASEWORK_DUE_CLOSURE);
	assert_int_equal(at, 64 * DAY);
}

static void a_measure_needs_an_instrument_a_phase_and_every_answer_in_range(void **state)
{
	(void)state;
	struct field_errors fe;
	fielderr_init(&fe);
	int ok[] = { 4, 3, 3, 4, 4, 3, 4 }, bad[] = { 4, 3, 3, 6, 4, 0, 4 };
	casework_measure_check("swemwbs", "baseline", ok, 7, &fe);
	assert_int_equal(fe.n, 0);
	casework_measure_check("swemwbs", "follow_up", bad, 7, &fe);
	assert_int_equal(fe.n, 2);
	assert_non_null(fielderr_for(&fe, "answers[3]"));
	assert_non_null(fielderr_for(&fe, "answers[5]"));
	fielderr_init(&fe);
	casework_measure_check("swemwbs", "midway", ok, 2, &fe);
	assert_non_null(fielderr_for(&fe, "phase"));
	assert_string_equal(fielderr_for(&fe, "answers"), "SWEMWBS needs 7 answers, one per item, got 2");
	fielderr_init(&fe);
	casework_measure_check(NULL, NULL, ok, 7, &fe);
	assert_int_equal(fe.n, 2);
	assert_non_null(fielderr_for(&fe, "instrument"));
}

static void an_area_of_need_is_assessed_once(void **state)
{
	(void)state;
	const char *codes[] = { "money", NULL, "housing", "money", NULL };
	assert_false(casework_repeats(codes, 0));
	assert_false(casework_repeats(codes, 1));
	assert_false(casework_repeats(codes, 2));
	assert_true(casework_repeats(codes, 3));
	assert_false(casework_repeats(codes, 4));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_measure_needs_an_instrument_a_phase_and_every_answer_in_range),
		cmocka_unit_test(an_area_of_need_is_assessed_once),
		cmocka_unit_test(closed_case_has_nothing_due),
		cmocka_unit_test(first_contact_by_the_referral_deadline),
		cmocka_unit_test(stages_after_contact),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
