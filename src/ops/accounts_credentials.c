/* Credentials: passwords (changed by their holder, set by the operator,
 * chosen through an invitation link) and API tokens. A new password ends
 * the holder's other sessions and revokes their tokens. */
#include <stdio.h>
#include <string.h>
#include "core/account_rules.h"
#include "ops/accounts.h"
#include "store/account.h"

/* Sets the password and cuts every other credential, inside the open transaction. */
static int password_replace(const struct ops_ctx *c, int64_t user_id, const char *password, int64_t keep_session)
{
	return account_user_password_set(c->db, user_id, password) || account_credentials_cut(c->db, user_id, keep_session);
}

enum ops_result ops_password_change(const struct ops_ctx *c, int64_t keep_session, const char *current,
				    const char *password, const char *confirm, struct field_errors *fe)
{
	if (!current || !*current)
		fielderr_add(fe, "current_password", "Enter your current password");
	account_password_check(password, confirm, fe);
	if (fe->n)
		return OPS_INVALID;
	struct account_listed me;
	struct account_user u;
	if (ops_begin(c))
		return OPS_ERROR;
	if (account_user_get(c->db, c->user_id, &me) != 1)
		return ops_fail(c, OPS_ERROR);
	switch (account_login(c->db, me.u.email, current, c->addr, c->now, &u)) {
	case LOGIN_OK:
		break;
	case LOGIN_BAD: /* counted towards the address's throttle, like a wrong sign-in */
		fielderr_add(fe, "current_password", "Your current password is not right");
		if (ops_commit_audited(c, AUDIT_LOGIN_FAIL, "user", c->user_id, 0, "password change"))
			return OPS_ERROR;
		return OPS_INVALID;
	case LOGIN_THROTTLED:
		fielderr_add(fe, "current_password", "Too many wrong passwords. Wait a few minutes and try again.");
		return ops_fail(c, OPS_INVALID);
	default:
		return ops_fail(c, OPS_ERROR);
	}
	if (password_replace(c, c->user_id, password, keep_session))
		return ops_fail(c, OPS_ERROR);
	return ops_commit_audited(c, AUDIT_USER_PASSWORD, "user", c->user_id, 0, "changed by its holder");
}

enum ops_result ops_password_set(const struct ops_ctx *c, const char *email, const char *password)
{
	int64_t id = 0;
	if (!account_password_ok(password))
		return OPS_INVALID;
	if (ops_begin(c))
		return OPS_ERROR;
	int found = account_user_find(c->db, email, &id);
	if (found != 1)
		return ops_fail(c, found < 0 ? OPS_ERROR : OPS_NOT_FOUND);
	if (password_replace(c, id, password, 0))
		return ops_fail(c, OPS_ERROR);
	return ops_commit_audited(c, AUDIT_USER_PASSWORD, "user", id, 0, "set by the operator");
}

enum ops_result ops_invitation_accept(const struct ops_ctx *c, const char *token, const char *password,
				      const char *confirm, struct field_errors *fe)
{
	struct account_invite inv;
	if (!token || strlen(token) != SECRET_TOKEN_HEX - 1)
		return OPS_NOT_FOUND;
	account_password_check(password, confirm, fe);
	if (fe->n)
		return OPS_INVALID;
	if (ops_begin(c))
		return OPS_ERROR;
	int found = account_invite_find(c->db, token, &inv);
	if (found != 1)
		return ops_fail(c, found < 0 ? OPS_ERROR : OPS_NOT_FOUND);
	if (inv.used_at || inv.expires_at <= c->now || !inv.active) {
		fielderr_add(fe, "password", "This invitation link has been used or has expired: ask for a new one");
		return ops_fail(c, OPS_CONFLICT);
	}
	if (account_invite_use(c->db, inv.id, c->now) != 1 || password_replace(c, inv.user_id, password, 0))
		return ops_fail(c, OPS_ERROR);
	/* The trail records the invitee, who acts here. */
	struct ops_ctx as = *c;
	as.user_id = inv.user_id;
	as.org_id = inv.org_id;
	as.role = inv.role;
	return ops_commit_audited(&as, AUDIT_USER_INVITATION_ACCEPT, "user", inv.user_id, 0, "");
}

enum ops_result ops_password_reset_request(const struct ops_ctx *c, const char *email, int *found,
					   char token[SECRET_TOKEN_HEX])
{
	int64_t uid = 0;
	*found = 0;
	if (!email || !*email || strlen(email) > 254)
		return OPS_OK;
	if (ops_begin(c))
		return OPS_ERROR;
	int f = account_user_find(c->db, email, &uid);
	struct account_listed u;
	int g = f == 1 ? account_user_get(c->db, uid, &u) : 0;
	if (f < 0 || g < 0)
		return ops_fail(c, OPS_ERROR);
	if (f != 1 || g != 1 || !u.active)
		return ops_fail(c, OPS_OK);
	if (account_invite_create(c->db, uid, uid, c->now, c->now + ACCOUNT_RESET_SECONDS, token))
		return ops_fail(c, OPS_ERROR);
	*found = 1;
	struct ops_ctx as = *c;
	as.user_id = uid;
	as.org_id = u.u.org_id;
	as.role = u.u.role;
	return ops_commit_audited(&as, AUDIT_USER_PASSWORD_RESET, "user", uid, 0, "link sent");
}

enum ops_result ops_token_create(const struct ops_ctx *c, const char *email, const char *name, int days,
				 char token[SECRET_TOKEN_HEX + 4], int64_t *id)
{
	int64_t uid = 0;
	if (days < 1 || days > ACCOUNT_TOKEN_DAYS_MAX || !name || !*name || strlen(name) > ACCOUNT_NAME_MAX)
		return OPS_INVALID;
	if (ops_begin(c))
		return OPS_ERROR;
	int found = account_user_find(c->db, email, &uid);
	if (found != 1)
		return ops_fail(c, found < 0 ? OPS_ERROR : OPS_NOT_FOUND);
	if (c->user_id && uid != c->user_id)
		return ops_fail(c, OPS_FORBIDDEN);
	if (account_token_create(c->db, uid, name, c->now, c->now + (int64_t)days * 86400, token, id))
		return ops_fail(c, OPS_ERROR);
	char detail[64];
	snprintf(detail, sizeof detail, "expires in %d days", days);
	return ops_commit_audited(c, AUDIT_TOKEN_CREATE, "token", *id, 0, detail);
}

enum ops_result ops_token_revoke(const struct ops_ctx *c, int64_t token_id)
{
	int64_t owner = 0;
	int revoked = 0;
	if (ops_begin(c))
		return OPS_ERROR;
	int found = account_token_owner(c->db, token_id, &owner, &revoked);
	if (found < 0)
		return ops_fail(c, OPS_ERROR);
	if (!found || (c->user_id && c->role != ROLE_ADMINISTRATOR && owner != c->user_id))
		return ops_fail(c, OPS_NOT_FOUND);
	if (revoked)
		return ops_fail(c, OPS_OK); /* nothing to change */
	if (account_token_revoke(c->db, token_id))
		return ops_fail(c, OPS_ERROR);
	return ops_commit_audited(c, AUDIT_TOKEN_REVOKE, "token", token_id, 0, "");
}
