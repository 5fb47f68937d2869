/* Rules for accounts: who may give or change which role, which roles read
 * personal data, what a password must be, how long links and tokens live. */
#ifndef WAYMARK_CORE_ACCOUNT_RULES_H
#define WAYMARK_CORE_ACCOUNT_RULES_H
#include "core/authz.h"
#include "core/fielderr.h"

#define ACCOUNT_PASSWORD_MIN 12
#define ACCOUNT_PASSWORD_MAX 1024
#define ACCOUNT_NAME_MAX 120
#define ACCOUNT_EMAIL_MAX 254
#define ACCOUNT_INVITE_SECONDS (7 * 24 * 3600)
#define ACCOUNT_RESET_SECONDS 3600 /* a forgotten-password link works for an hour */
#define ACCOUNT_TOKEN_DAYS 90      /* a token's life when none is given */
#define ACCOUNT_TOKEN_DAYS_MAX 366
#define ACCOUNT_GRANTS_SECONDS (30 * 24 * 3600) /* the programme lead's list looks this far back */

/* 1 when a user with role actor may give role target to an account, or
 * deactivate and reactivate an account holding it: an administrator any
 * role; a provider manager their organisation's staff, volunteers and
 * managers (the caller checks the organisation); nobody else. */
int account_may_grant(enum role actor, enum role target);

/* 1 when a user with role actor may reactivate an account that a user with
 * role deactivated_by (ROLE_NONE: not known) deactivated: an administrator
 * always; a provider manager only an account a provider manager deactivated. */
int account_may_reactivate(enum role actor, enum role deactivated_by);

/* 1 when the role reads records about people (referrals, cases, tasks):
 * giving it is shown to the programme lead. */
int account_role_reads_personal_data(enum role role);

/* 1 when a password is acceptable: ACCOUNT_PASSWORD_MIN to _MAX bytes. */
int account_password_ok(const char *password);
/* A new password typed twice: adds errors for "password" and "confirm". */
void account_password_check(const char *password, const char *confirm, struct field_errors *fe);
/* A new account's name and email address: adds errors for "name" and "email". */
void account_user_check(const char *name, const char *email, struct field_errors *fe);
#endif
