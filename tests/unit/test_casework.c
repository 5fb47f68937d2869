/* Unit tests for core/casework: what is due next on a case, at each stage. */
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(closed_case_has_nothing_due),
		cmocka_unit_test(first_contact_by_the_referral_deadline),
		cmocka_unit_test(stages_after_contact),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
