/* Unit tests for core/referral_match: the person match key and open statuses. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "core/referral_match.h"

static void test_key_folds_names_and_postcode(void **state)
{
	(void)state;
	char a[REFERRAL_MATCH_KEY_MAX], b[REFERRAL_MATCH_KEY_MAX];
	assert_int_equal(referral_match_key("Anne-Marie", "O'Brien Smith", 100, "nr1 3sr", a, sizeof a), 0);
	assert_string_equal(a, "obriensmith|annemarie|100|NR13SR");
	assert_int_equal(referral_match_key("anne marie", "OBRIEN-SMITH", 100, "NR1  3SR", b, sizeof b), 0);
	assert_string_equal(a, b);
	/* Other UTF-8 is kept as it is (no case folding beyond ASCII). */
	assert_int_equal(referral_match_key("Se\xc3\xa1n", "N\xc3\xad Bhriain", -5, "PE30 1AA", a, sizeof a), 0);
	assert_string_equal(a, "n\xc3\xad" "bhriain|se\xc3\xa1n|-5|PE301AA");
	/* A different date of birth or postcode is a different key. */
	assert_int_equal(referral_match_key("anne marie", "obrien smith", 101, "NR1 3SR", b, sizeof b), 0);
	assert_string_not_equal(b, "obriensmith|annemarie|100|NR13SR");
}

static void test_key_overflow(void **state)
{
	(void)state;
	char small[12];
	assert_int_equal(referral_match_key("Margaret", "Thrower", 1, "NR1 1AA", small, sizeof small), -1);
	assert_string_equal(small, "");
	char exact[32];
	assert_int_equal(referral_match_key("a", "b", 1, "NR11AA", exact, sizeof exact), 0);
	assert_string_equal(exact, "b|a|1|NR11AA");
}

static void test_statuses(void **state)
{
	(void)state;
	const char *open[] = { "received", "triaged", "allocated", "in_progress" };
	const char *closed[] = { "closed", "rejected", "withdrawn" };
	for (size_t i = 0; i < 4; i++) {
		assert_true(referral_status_is_open(open[i]));
		assert_true(referral_status_is_known(open[i]));
		/* The SQL list says the same. */
		assert_non_null(strstr(REFERRAL_OPEN_STATUSES_SQL, open[i]));
		assert_non_null(strstr(REFERRAL_ALL_STATUSES_SQL, open[i]));
	}
	for (size_t i = 0; i < 3; i++) {
		assert_false(referral_status_is_open(closed[i]));
		assert_true(referral_status_is_known(closed[i]));
		assert_null(strstr(REFERRAL_OPEN_STATUSES_SQL, closed[i]));
		assert_non_null(strstr(REFERRAL_ALL_STATUSES_SQL, closed[i]));
	}
	assert_false(referral_status_is_known("lost"));
	assert_false(referral_status_is_open(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_folds_names_and_postcode),
		cmocka_unit_test(test_key_overflow),
		cmocka_unit_test(test_statuses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
