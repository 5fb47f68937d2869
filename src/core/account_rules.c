/* Rules for accounts: who may give or change which role, which roles read
 * personal data, what a password, a name and an email address must be. */
#include <string.h>
#include "core/account_rules.h"

int account_may_grant(enum role actor, enum role target)
{
	if (target <= ROLE_NONE || target >= ROLE__MAX)
		return 0;
	if (actor == ROLE_ADMINISTRATOR)
		return 1;
	return actor == ROLE_PROVIDER_MANAGER &&
	       (target == ROLE_LINK_WORKER || target == ROLE_SUPPORT_WORKER || target == ROLE_VOLUNTEER_COORDINATOR ||
		target == ROLE_VOLUNTEER || target == ROLE_PROVIDER_MANAGER);
}

int account_may_reactivate(enum role actor, enum role deactivated_by)
{
	return actor == ROLE_ADMINISTRATOR || account_may_grant(actor, deactivated_by);
}

int account_role_reads_personal_data(enum role role)
{
	return authz_allows(role, PERM_REFERRAL_READ) || authz_allows(role, PERM_CASE_READ) ||
	       authz_allows(role, PERM_VOLUNTEER_SELF) || authz_allows(role, PERM_VOLUNTEER_MANAGE);
}

int account_password_ok(const char *password)
{
	size_t n = password ? strlen(password) : 0;
	return n >= ACCOUNT_PASSWORD_MIN && n <= ACCOUNT_PASSWORD_MAX;
}

void account_password_check(const char *password, const char *confirm, struct field_errors *fe)
{
	if (!account_password_ok(password))
		fielderr_add(fe, "password", "Enter a password of at least %d characters", ACCOUNT_PASSWORD_MIN);
	else if (!confirm || strcmp(password, confirm) != 0)
		fielderr_add(fe, "confirm", "Enter the same password again");
}

void account_user_check(const char *name, const char *email, struct field_errors *fe)
{
	if (!name || !*name || strlen(name) > ACCOUNT_NAME_MAX)
		fielderr_add(fe, "name", "Enter the person's full name (up to %d characters)", ACCOUNT_NAME_MAX);
	if (!email || !strchr(email, '@') || strlen(email) > ACCOUNT_EMAIL_MAX)
		fielderr_add(fe, "email", "Enter an email address in the correct format, like name@example.org");
}
