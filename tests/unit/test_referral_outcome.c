/* Unit tests for core/referral_outcome: the closed-loop sentence for each way a referral can end or stand. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "core/referral_outcome.h"

static const char *say(struct referral_outcome_in in)
{
	static char out[OUTCOME_LEN];
	referral_outcome_text(&in, out, sizeof out);
	return out;
}

static void test_outcomes(void **state)
{
	(void)state;
	assert_string_equal(say((struct referral_outcome_in){ .status = "received", .tier = "" }), "Waiting to be read by the hub");
	assert_string_equal(say((struct referral_outcome_in){ .status = "withdrawn", .tier = "" }), "Withdrawn");
	assert_string_equal(say((struct referral_outcome_in){ .status = "rejected", .tier = "decline", .rejection = "Out of area" }),
			    "Not accepted: Out of area");
	assert_string_equal(say((struct referral_outcome_in){ .status = "rejected", .tier = "decline", .rejection = "" }),
			    "Not accepted");
	assert_string_equal(say((struct referral_outcome_in){ .status = "closed", .tier = "signpost" }),
			    "Given information about local services");
	assert_string_equal(say((struct referral_outcome_in){ .status = "allocated", .tier = "social_prescribing" }),
			    "Accepted; waiting for first contact");
	assert_string_equal(say((struct referral_outcome_in){ .status = "in_progress", .tier = "social_prescribing", .contacted = 1 }),
			    "Being supported");
	struct referral_outcome_in one = { .status = "closed", .tier = "social_prescribing", .case_closed = 1,
					   .onward = { "a lunch club" }, .nonward = 1 };
	assert_string_equal(say(one), "Seen; referred on to a lunch club");
	struct referral_outcome_in three = { .status = "closed", .tier = "social_prescribing", .case_closed = 1,
					     .onward = { "A", "B", "C" }, .nonward = 3 };
	assert_string_equal(say(three), "Seen; referred on to A, B and C");
	struct referral_outcome_in two = { .status = "in_progress", .tier = "social_prescribing", .contacted = 1,
					   .onward = { "A", "B" }, .nonward = 2 };
	assert_string_equal(say(two), "Being supported; referred on to A and B");
	assert_string_equal(say((struct referral_outcome_in){ .status = "closed", .tier = "complex_support", .case_closed = 1,
							      .closure = "Goals met" }),
			    "Seen; support finished (Goals met)");
	assert_string_equal(say((struct referral_outcome_in){ .status = "closed", .tier = "complex_support", .case_closed = 1,
							      .dropout = 1 }),
			    "Could not be reached; support closed");
	/* No internal code ever leaks: every sentence is words. */
	assert_null(strchr(say((struct referral_outcome_in){ .status = "in_progress", .tier = "community_support" }), '_'));
}

int main(void)
{
	const struct CMUnitTest tests[] = { cmocka_unit_test(test_outcomes) };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
