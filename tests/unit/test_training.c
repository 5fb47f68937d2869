/* Unit tests for recording training completions (src/core/training.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/datetime.h"
#include "core/training.h"

static const char *const CODES[] = { "safeguarding", "lone_working" };

static void test_valid(void **state)
{
	(void)state;
	int64_t today;
	assert_int_equal(dt_parse_date("2026-11-10", &today), 0);
	struct field_errors fe = { 0 };
	struct training_item it[] = { { "safeguarding", "2026-11-02", 0 }, { "lone_working", "2026-11-10", 0 } };
	assert_int_equal(training_validate(it, 2, CODES, 2, today, &fe), 0);
	assert_int_equal(it[1].day, today);
	assert_int_equal(today - it[0].day, 8);
}

static void test_invalid(void **state)
{
	(void)state;
	int64_t today;
	assert_int_equal(dt_parse_date("2026-11-10", &today), 0);
	struct field_errors fe = { 0 };
	struct training_item it[] = { { "juggling", "2026-11-02", 0 },
				      { "safeguarding", "2026-11-11", 0 },
				      { "safeguarding", "1989-12-31", 0 },
				      { NULL, "yesterday", 0 } };
	assert_int_equal(training_validate(it, 4, CODES, 2, today, &fe), 6);
	assert_non_null(fielderr_for(&fe, "modules[0].code"));
	assert_non_null(fielderr_for(&fe, "modules[1].completed_on"));
	assert_non_null(fielderr_for(&fe, "modules[2].code"));
	assert_non_null(fielderr_for(&fe, "modules[2].completed_on"));
	assert_non_null(fielderr_for(&fe, "modules[3].code"));
	assert_non_null(fielderr_for(&fe, "modules[3].completed_on"));
	struct field_errors none = { 0 };
	assert_int_equal(training_validate(it, 0, CODES, 2, today, &none), 1);
	assert_non_null(fielderr_for(&none, "modules"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_invalid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
