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

static void test_required_missing(void **state)
{
	(void)state;
	const char *const codes[] = { "safeguarding", "first_aid", "data_protection", "lone_working" };
	const int required[] = { 1, 0, 1, 1 };
	size_t missing[4];
	assert_int_equal(training_required_missing(codes, required, 4, NULL, 0, missing), 3);
	assert_int_equal(missing[0], 0);
	assert_int_equal(missing[1], 2);
	assert_int_equal(missing[2], 3);
	const char *const done[] = { "lone_working", "first_aid", "safeguarding" };
	assert_int_equal(training_required_missing(codes, required, 4, done, 3, missing), 1);
	assert_int_equal(missing[0], 2);
	const char *const all[] = { "data_protection", "lone_working", "safeguarding" };
	assert_int_equal(training_required_missing(codes, required, 4, all, 3, NULL), 0);
	/* An optional module done does not stand in for a required one. */
	const char *const optional[] = { "first_aid" };
	assert_int_equal(training_required_missing(codes, required, 4, optional, 1, NULL), 3);
	const int none[] = { 0, 0, 0, 0 };
	assert_int_equal(training_required_missing(codes, none, 4, NULL, 0, missing), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_required_missing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
