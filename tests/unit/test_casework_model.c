/* Unit tests for model/case: the case records' description and the one check
 * that walks it (required, length, range, vocabulary, time, must-be-true). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "model/case.h"

#define NOW 1772445600 /* 2026-03-02T10:00:00Z */

/* A vocabulary of two codes, "a" and "b", whatever its name; "broken" cannot be read. */
static int vocab(void *ctx, const char *name, const char *code, char *codes, size_t n)
{
	(void)ctx;
	if (strcmp(name, "broken") == 0)
		return -1;
	if (strcmp(code, "a") == 0 || strcmp(code, "b") == 0)
		return 1;
	snprintf(codes, n, "a, b");
	return 0;
}

static struct case_value text(const char *s)
{
	return (struct case_value){ s, 0, s && *s };
}

static struct case_value num(int64_t n)
{
	return (struct case_value){ NULL, n, 1 };
}

static void goal_progress_is_0_to_10_on_both_records(void **state)
{
	(void)state;
	for (int64_t p = -1; p <= 11; p++) {
		struct case_value goal[CASE_FIELDS_MAX] = { [CASE_I(GOAL, goal)] = text("Walk"), [CASE_I(GOAL, progress)] = num(p) };
		struct case_value prog[CASE_FIELDS_MAX] = { [CASE_I(PROGRESS, progress)] = num(p) };
		struct field_errors fe;
		fielderr_init(&fe);
		assert_int_equal(case_check(CR_GOAL, goal, "", NOW, &fe, vocab, NULL), 0);
		assert_int_equal(fielderr_for(&fe, "progress") != NULL, p < 0 || p > 10);
		fielderr_init(&fe);
		assert_int_equal(case_check(CR_PROGRESS, prog, "", NOW, &fe, vocab, NULL), 0);
		assert_int_equal(fielderr_for(&fe, "progress") != NULL, p < 0 || p > 10);
		if (p == 11)
			assert_string_equal(fielderr_for(&fe, "progress"), "Give progress as a whole number from 0 to 10");
	}
	/* Progress is optional on a new goal (0) and required on an update. */
	struct case_value prog[CASE_FIELDS_MAX] = { { 0 } };
	struct field_errors fe;
	fielderr_init(&fe);
	case_check(CR_PROGRESS, prog, "", NOW, &fe, vocab, NULL);
	assert_non_null(fielderr_for(&fe, "progress"));
}

static void required_text_length_and_codes(void **state)
{
	(void)state;
	char long_note[1100];
	memset(long_note, 'x', sizeof long_note - 1);
	long_note[sizeof long_note - 1] = '\0';
	struct case_value v[CASE_FIELDS_MAX] = { [CASE_I(ONWARD, service_name)] = text("  "),
						  [CASE_I(ONWARD, domain)] = text("astrology"),
						  [CASE_I(ONWARD, note)] = text(long_note),
						  [CASE_I(ONWARD, service_id)] = num(0) };
	struct field_errors fe;
	fielderr_init(&fe);
	v[CASE_I(ONWARD, service_name)].given = 0;
	assert_int_equal(case_check(CR_ONWARD, v, "", NOW, &fe, vocab, NULL), 0);
	assert_string_equal(fielderr_for(&fe, "service_name"), "Give the name of the service referred to");
	assert_string_equal(fielderr_for(&fe, "domain"), "Choose the area of need");
	assert_string_equal(fielderr_for(&fe, "note"), "note must be 1000 characters or fewer");
	assert_non_null(fielderr_for(&fe, "service_id"));
	assert_int_equal(fe.n, 4);
}

static void a_field_already_named_is_left_alone_and_a_prefix_names_a_need(void **state)
{
	(void)state;
	struct case_value need[CASE_FIELDS_MAX] = { [CASE_I(NEED, domain)] = text("a"), [CASE_I(NEED, level)] = text("huge") };
	struct field_errors fe;
	fielderr_init(&fe);
	assert_int_equal(case_check(CR_NEED, need, "needs[2].", NOW, &fe, vocab, NULL), 0);
	assert_non_null(fielderr_for(&fe, "needs[2].level"));
	assert_null(fielderr_for(&fe, "needs[2].domain"));
	fielderr_init(&fe);
	fielderr_add(&fe, "needs[2].level", "must be text");
	case_check(CR_NEED, need, "needs[2].", NOW, &fe, vocab, NULL);
	assert_int_equal(fe.n, 1);
}

static void times_default_to_now_and_may_not_be_ahead(void **state)
{
	(void)state;
	struct case_value v[CASE_FIELDS_MAX] = { [CASE_I(CONSENT, third_party)] = text("DWP"),
						  [CASE_I(CONSENT, purpose)] = text("Benefits") };
	struct field_errors fe;
	fielderr_init(&fe);
	case_check(CR_CONSENT, v, "", NOW, &fe, vocab, NULL);
	assert_int_equal(fe.n, 0);
	assert_int_equal(v[CASE_I(CONSENT, given_at)].n, NOW);
	v[CASE_I(CONSENT, given_at)] = num(NOW + CASE_TIME_SKEW + 1);
	case_check(CR_CONSENT, v, "", NOW, &fe, vocab, NULL);
	assert_string_equal(fielderr_for(&fe, "given_at"), "given_at cannot be in the future");
}

static void consent_must_be_given_and_continuing_support_said(void **state)
{
	(void)state;
	struct case_value study[CASE_FIELDS_MAX] = { [CASE_I(STUDY, story)] = text("A story"),
						      [CASE_I(STUDY, consent)] = num(0) };
	struct case_value close[CASE_FIELDS_MAX] = { [CASE_I(CLOSE, reason)] = text("a") };
	struct field_errors fe;
	fielderr_init(&fe);
	case_check(CR_STUDY, study, "", NOW, &fe, vocab, NULL);
	assert_non_null(fielderr_for(&fe, "consent"));
	case_check(CR_CLOSE, close, "", NOW, &fe, vocab, NULL);
	assert_string_equal(fielderr_for(&fe, "continuing_support"),
			    "Say whether continuing support is arranged");
	study[CASE_I(STUDY, consent)] = num(1);
	fielderr_init(&fe);
	case_check(CR_STUDY, study, "", NOW, &fe, vocab, NULL);
	assert_int_equal(fe.n, 0);
}

static void every_record_has_its_fields(void **state)
{
	(void)state;
	for (int r = 0; r < CR__MAX; r++) {
		int first;
		size_t n = case_record_fields((enum case_rec)r, &first);
		assert_true(n > 0 && n <= CASE_FIELDS_MAX);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(case_fields[first + (int)i].rec, r);
	}
	assert_int_equal(CASE_I(SESSION, at), 0);
	assert_int_equal(case_field_base(CF_PROGRESS_progress), &case_fields[CF_GOAL_progress]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(goal_progress_is_0_to_10_on_both_records),
		cmocka_unit_test(required_text_length_and_codes),
		cmocka_unit_test(a_field_already_named_is_left_alone_and_a_prefix_names_a_need),
		cmocka_unit_test(times_default_to_now_and_may_not_be_ahead),
		cmocka_unit_test(consent_must_be_given_and_continuing_support_said),
		cmocka_unit_test(every_record_has_its_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
