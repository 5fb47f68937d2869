/* Unit tests for recruitment campaigns' rules (src/core/campaign.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/campaign.h"

static void test_valid(void **state)
{
	(void)state;
	struct field_errors fe = { 0 };
	int64_t s = 0, e = 0;
	struct campaign_input in = { "Spring posters", "breckland", "poster", "2026-03-01", "2026-04-30" };
	assert_int_equal(campaign_validate(&in, &s, &e, &fe), 0);
	assert_int_equal(e - s, 60);
	assert_true(campaign_running(s, e, s));
	assert_true(campaign_running(s, e, e));
	assert_false(campaign_running(s, e, e + 1));
	assert_false(campaign_running(s, e, s - 1));
}

static void test_invalid(void **state)
{
	(void)state;
	struct field_errors fe = { 0 };
	int64_t s = 0, e = 0;
	struct campaign_input in = { " ", "", "billboard", "2026-02-30", "soon" };
	assert_int_equal(campaign_validate(&in, &s, &e, &fe), 5);
	assert_non_null(fielderr_for(&fe, "name"));
	assert_non_null(fielderr_for(&fe, "area"));
	assert_non_null(fielderr_for(&fe, "channel"));
	assert_non_null(fielderr_for(&fe, "start_date"));
	assert_non_null(fielderr_for(&fe, "end_date"));

	struct field_errors fe2 = { 0 };
	struct campaign_input back = { "Fair", "waveney", "event", "2026-05-02", "2026-05-01" };
	assert_int_equal(campaign_validate(&back, &s, &e, &fe2), 1);
	assert_non_null(fielderr_for(&fe2, "end_date"));

	struct field_errors fe3 = { 0 };
	struct campaign_input longer = { "Year", "waveney", "website", "2026-01-01", "2027-06-01" };
	assert_int_equal(campaign_validate(&longer, &s, &e, &fe3), 1);

	struct field_errors fe4 = { 0 };
	char name[CAMPAIGN_NAME_MAX + 2];
	memset(name, 'a', sizeof name - 1);
	name[sizeof name - 1] = 0;
	struct campaign_input big = { name, "waveney", "partner", "2026-01-01", "2026-01-01" };
	assert_int_equal(campaign_validate(&big, &s, &e, &fe4), 1);
	assert_non_null(fielderr_for(&fe4, "name"));
}

static void test_channels(void **state)
{
	(void)state;
	for (int c = 0; c < CAMPAIGN_CHANNEL__MAX; c++)
		assert_int_equal(campaign_channel_of(campaign_channel_code((enum campaign_channel)c)), c);
	assert_int_equal(campaign_channel_of("Poster"), -1);
	assert_int_equal(campaign_channel_of(NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_channels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
