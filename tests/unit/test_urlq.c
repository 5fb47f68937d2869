/* Unit tests for util/urlq: percent-encoding and query strings. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "util/urlq.h"

static void test_encode(void **state)
{
	(void)state;
	char out[64];
	assert_int_equal(urlq_encode("login.fail", out, sizeof out), 0);
	assert_string_equal(out, "login.fail");
	assert_int_equal(urlq_encode("O'Neil & Sons/=?#%", out, sizeof out), 0);
	assert_string_equal(out, "O%27Neil%20%26%20Sons%2F%3D%3F%23%25");
	assert_int_equal(urlq_encode("\xc3\xa9", out, sizeof out), 0);
	assert_string_equal(out, "%C3%A9");
	assert_int_equal(urlq_encode("abc", out, 3), -1);
	assert_int_equal(urlq_encode("abc", out, 4), 0);
}

static void test_query(void **state)
{
	(void)state;
	char out[128];
	struct urlq q;
	urlq_init(&q, out, sizeof out, "/audit");
	urlq_add(&q, "action", "referral.read");
	urlq_add(&q, "empty", "");
	urlq_add(&q, "none", NULL);
	urlq_add_int(&q, "user_id", 0, 1);
	urlq_add_int(&q, "before", 0, 0);
	urlq_add(&q, "q", "a b&c");
	assert_string_equal(out, "/audit?action=referral.read&before=0&q=a%20b%26c");
	assert_int_equal(q.overflow, 0);
}

static void test_overflow_keeps_the_path(void **state)
{
	(void)state;
	char out[20];
	struct urlq q;
	urlq_init(&q, out, sizeof out, "/audit");
	urlq_add(&q, "a", "1");
	urlq_add(&q, "action", "a-very-long-value");
	assert_int_equal(q.overflow, 1);
	assert_string_equal(out, "/audit");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_encode),
		cmocka_unit_test(test_query),
		cmocka_unit_test(test_overflow_keeps_the_path),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
