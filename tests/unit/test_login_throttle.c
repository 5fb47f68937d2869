/* Unit tests for core/login_throttle: free mistakes, doubling waits, the cap. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/login_throttle.h"

static void test_free_then_doubling(void **state)
{
	(void)state;
	for (int64_t f = 0; f < LOGIN_THROTTLE_FREE; f++)
		assert_int_equal(login_throttle_wait(f, 0), 0);
	assert_int_equal(login_throttle_wait(LOGIN_THROTTLE_FREE, 0), 1);
	assert_int_equal(login_throttle_wait(LOGIN_THROTTLE_FREE, 1), 0);
	assert_int_equal(login_throttle_wait(LOGIN_THROTTLE_FREE + 1, 0), 2);
	assert_int_equal(login_throttle_wait(LOGIN_THROTTLE_FREE + 3, 5), 3);
	assert_int_equal(login_throttle_wait(LOGIN_THROTTLE_FREE + 3, 8), 0);
}

static void test_capped_at_the_window(void **state)
{
	(void)state;
	assert_int_equal(login_throttle_wait(LOGIN_THROTTLE_FREE + 9, 0), 512);
	assert_int_equal(login_throttle_wait(LOGIN_THROTTLE_FREE + 10, 0), LOGIN_THROTTLE_WINDOW);
	assert_int_equal(login_throttle_wait(1000000, 0), LOGIN_THROTTLE_WINDOW);
	assert_int_equal(login_throttle_wait(1000000, LOGIN_THROTTLE_WINDOW), 0);
	assert_int_equal(login_throttle_wait(INT64_MAX, 10), LOGIN_THROTTLE_WINDOW - 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_free_then_doubling),
		cmocka_unit_test(test_capped_at_the_window),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
