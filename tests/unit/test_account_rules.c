/* Unit tests for core/account_rules: a provider manager gives and changes
 * only the roles below them; which roles read personal data; passwords. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "core/account_rules.h"

static void who_may_grant_what(void **state)
{
	(void)state;
	for (int r = ROLE_REFERRER; r < ROLE__MAX; r++)
		assert_true(account_may_grant(ROLE_ADMINISTRATOR, (enum role)r));
	assert_false(account_may_grant(ROLE_ADMINISTRATOR, ROLE_NONE));
	assert_false(account_may_grant(ROLE_ADMINISTRATOR, ROLE__MAX));
	static const enum role below[] = { ROLE_LINK_WORKER, ROLE_SUPPORT_WORKER, ROLE_VOLUNTEER_COORDINATOR,
					   ROLE_VOLUNTEER, ROLE_PROVIDER_MANAGER };
	static const enum role above[] = { ROLE_ADMINISTRATOR, ROLE_PROGRAMME_LEAD, ROLE_HUB_COORDINATOR,
					   ROLE_COMMISSIONER, ROLE_REFERRER, ROLE_NONE };
	for (size_t i = 0; i < sizeof below / sizeof below[0]; i++)
		assert_true(account_may_grant(ROLE_PROVIDER_MANAGER, below[i]));
	for (size_t i = 0; i < sizeof above / sizeof above[0]; i++)
		assert_false(account_may_grant(ROLE_PROVIDER_MANAGER, above[i]));
	for (int actor = ROLE_NONE; actor < ROLE__MAX; actor++)
		if (actor != ROLE_ADMINISTRATOR && actor != ROLE_PROVIDER_MANAGER)
			for (int r = ROLE_NONE; r < ROLE__MAX; r++)
				assert_false(account_may_grant((enum role)actor, (enum role)r));
}

static void who_may_reactivate(void **state)
{
	(void)state;
	assert_true(account_may_reactivate(ROLE_ADMINISTRATOR, ROLE_ADMINISTRATOR));
	assert_true(account_may_reactivate(ROLE_ADMINISTRATOR, ROLE_NONE));
	assert_true(account_may_reactivate(ROLE_PROVIDER_MANAGER, ROLE_PROVIDER_MANAGER));
	assert_false(account_may_reactivate(ROLE_PROVIDER_MANAGER, ROLE_ADMINISTRATOR));
	assert_false(account_may_reactivate(ROLE_PROVIDER_MANAGER, ROLE_NONE));
	assert_false(account_may_reactivate(ROLE_HUB_COORDINATOR, ROLE_PROVIDER_MANAGER));
}

static void roles_reading_personal_data(void **state)
{
	(void)state;
	assert_true(account_role_reads_personal_data(ROLE_HUB_COORDINATOR));
	assert_true(account_role_reads_personal_data(ROLE_PROGRAMME_LEAD));
	assert_true(account_role_reads_personal_data(ROLE_LINK_WORKER));
	assert_true(account_role_reads_personal_data(ROLE_VOLUNTEER));
	assert_true(account_role_reads_personal_data(ROLE_REFERRER));
	assert_false(account_role_reads_personal_data(ROLE_COMMISSIONER));
	assert_false(account_role_reads_personal_data(ROLE_ADMINISTRATOR));
	assert_false(account_role_reads_personal_data(ROLE_NONE));
}

static void password_lengths(void **state)
{
	(void)state;
	char pw[ACCOUNT_PASSWORD_MAX + 2];
	assert_false(account_password_ok(NULL));
	assert_false(account_password_ok(""));
	assert_false(account_password_ok("eleven chrs"));
	assert_true(account_password_ok("twelve chars"));
	memset(pw, 'x', sizeof pw - 1);
	pw[sizeof pw - 1] = '\0';
	assert_false(account_password_ok(pw));
	pw[ACCOUNT_PASSWORD_MAX] = '\0';
	assert_true(account_password_ok(pw));
	static struct field_errors fe;
	fielderr_init(&fe);
	account_password_check("short", "short", &fe);
	assert_non_null(fielderr_for(&fe, "password"));
	fielderr_init(&fe);
	account_password_check("long enough pass", "long enough pasS", &fe);
	assert_null(fielderr_for(&fe, "password"));
	assert_non_null(fielderr_for(&fe, "confirm"));
	fielderr_init(&fe);
	account_password_check("long enough pass", "long enough pass", &fe);
	assert_int_equal(fe.n, 0);
}

static void names_and_emails(void **state)
{
	(void)state;
	static struct field_errors fe;
	fielderr_init(&fe);
	account_user_check("Ada Lovelace", "ada@example.org", &fe);
	assert_int_equal(fe.n, 0);
	account_user_check("", "not an address", &fe);
	assert_non_null(fielderr_for(&fe, "name"));
	assert_non_null(fielderr_for(&fe, "email"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(who_may_grant_what),
		cmocka_unit_test(who_may_reactivate),
		cmocka_unit_test(roles_reading_personal_data),
		cmocka_unit_test(names_and_emails),
		cmocka_unit_test(password_lengths),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
