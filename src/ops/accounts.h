/* Account writes: adding users (with an invitation link), deactivating and
 * reactivating them, passwords and API tokens. A context with user_id 0 is
 * the server's operator at the command line, who may do any of these. */
#ifndef WAYMARK_OPS_ACCOUNTS_H
#define WAYMARK_OPS_ACCOUNTS_H
#include "ops/ops.h"
#include "util/secret.h"

struct ops_user_new {
	const char *name, *email, *role;
	const char *org;      /* name or id; a provider manager's accounts go in their own organisation */
	const char *password; /* the command line only; NULL: an invitation link instead */
};

/* Adds an account whose role the user may give. Without a password, writes
 * the invitation link's token (shown once; it works once, for
 * ACCOUNT_INVITE_SECONDS). Audited as user.create and, for a role that
 * reads personal data, user.grant_personal_data too. OPS_INVALID (fe). */
enum ops_result ops_user_add(const struct ops_ctx *c, const struct ops_user_new *in, struct field_errors *fe,
			     int64_t *id, char invite[SECRET_TOKEN_HEX]);
/* Deactivates (ending sessions, revoking tokens) or reactivates an account.
 * OPS_NOT_FOUND for another organisation's account (but the
 * administrator's); OPS_FORBIDDEN for a role the user may not give, or a
 * deactivation by someone the user may not overrule. */
enum ops_result ops_user_set_active(const struct ops_ctx *c, int64_t user_id, int active);
/* The account c's user may deactivate, read for the page that asks first:
 * OPS_NOT_FOUND and OPS_FORBIDDEN as ops_user_set_active, OPS_ERROR. */
struct account_listed;
enum ops_result ops_user_for_deactivation(const struct ops_ctx *c, int64_t user_id, struct account_listed *u);

/* The signed-in user changes their password (current one checked, with the
 * sign-in throttling); ends their other sessions (keep_session stays) and
 * revokes their API tokens. OPS_INVALID (fe). */
enum ops_result ops_password_change(const struct ops_ctx *c, int64_t keep_session, const char *current,
				    const char *password, const char *confirm, struct field_errors *fe);
/* The operator sets someone's password: ends all their sessions, revokes
 * their tokens. OPS_INVALID (too short), OPS_NOT_FOUND. */
enum ops_result ops_password_set(const struct ops_ctx *c, const char *email, const char *password);
/* The invitee chooses their password through the link. OPS_NOT_FOUND for
 * an unknown link, OPS_CONFLICT (fe) for a used or expired one. */
enum ops_result ops_invitation_accept(const struct ops_ctx *c, const char *token, const char *password,
				      const char *confirm, struct field_errors *fe);

/* Someone who forgot their password asks for a link: when an active account
 * has this email, writes a one-time link's token (the invitation link's
 * kind, so /invitation sets the new password; it works once, for
 * ACCOUNT_RESET_SECONDS) and *found 1, audited as user.password_reset
 * (the account acting). Otherwise *found 0 and nothing is written, so the
 * answer can be the same either way. OPS_OK or OPS_ERROR. */
enum ops_result ops_password_reset_request(const struct ops_ctx *c, const char *email, int *found,
					   char token[SECRET_TOKEN_HEX]);

/* Creates an API token for the account with this email, valid for days
 * (1 to ACCOUNT_TOKEN_DAYS_MAX); writes it (shown once). */
enum ops_result ops_token_create(const struct ops_ctx *c, const char *email, const char *name, int days,
				 char token[SECRET_TOKEN_HEX + 4], int64_t *id);
/* Revokes a token: the user's own, or anyone's for the administrator.
 * OPS_NOT_FOUND for another user's. */
enum ops_result ops_token_revoke(const struct ops_ctx *c, int64_t token_id);
#endif
