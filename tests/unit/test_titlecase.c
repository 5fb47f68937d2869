/* Unit tests for core/titlecase: practice names from capitals to title case. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "core/titlecase.h"

static void check(const char *in, const char *want)
{
	char out[128];
	titlecase(in, out, sizeof out);
	assert_string_equal(out, want);
}

static void test_words_and_small_words(void **state)
{
	(void)state;
	check("THETFORD HEALTHY LIVING CENTRE", "Thetford Healthy Living Centre");
	check("THE SURGERY AT WATTON AND DISTRICT", "The Surgery at Watton and District");
	check("WELLS-NEXT-THE-SEA HEALTH CENTRE", "Wells-Next-the-Sea Health Centre");
}

static void test_apostrophes_and_initialisms(void **state)
{
	(void)state;
	check("ST AUGUSTINE'S HEALTHY LIVING CENTRE", "St Augustine's Healthy Living Centre");
	check("SCHOOL LANE PMS PRACTICE", "School Lane PMS Practice");
	check("A", "A");
	check("", "");
}

static void test_output_is_bounded(void **state)
{
	(void)state;
	char out[6];
	titlecase("ABCDEFGHIJ", out, sizeof out);
	assert_string_equal(out, "Abcde");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_and_small_words),
		cmocka_unit_test(test_apostrophes_and_initialisms),
		cmocka_unit_test(test_output_is_bounded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
