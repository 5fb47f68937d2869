/* Adding accounts (by invitation on the pages) and deactivating and
 * reactivating them, within the roles and organisation the user may manage. */
#include "core/account_rules.h"
#include "ops/accounts.h"
#include "store/account.h"

static int by_operator(const struct ops_ctx *c)
{
	return c->user_id == 0;
}

static int may_grant(const struct ops_ctx *c, enum role r)
{
	return account_may_grant(by_operator(c) ? ROLE_ADMINISTRATOR : c->role, r);
}

/* The administrator and the operator choose the organisation; a manager's
 * accounts go in their own. */
static int chooses_org(const struct ops_ctx *c)
{
	return by_operator(c) || c->role == ROLE_ADMINISTRATOR;
}

enum ops_result ops_user_add(const struct ops_ctx *c, const struct ops_user_new *in, struct field_errors *fe,
			     int64_t *id, char invite[SECRET_TOKEN_HEX])
{
	if (in->password && !by_operator(c))
		return OPS_FORBIDDEN; /* nobody chooses another person's password on the pages */
	enum role role = role_from_code(in->role);
	int64_t org = c->org_id;
	account_user_check(in->name, in->email, fe);
	if (!may_grant(c, role))
		fielderr_add(fe, "role", "Choose one of the roles listed");
	if (chooses_org(c)) {
		int r = in->org ? account_org_find(c->db, in->org, &org) : 0;
		if (r < 0)
			return OPS_ERROR;
		if (r == 0)
			fielderr_add(fe, "org", "Choose an organisation");
	}
	if (in->password && !account_password_ok(in->password))
		fielderr_add(fe, "password", "Enter a password of at least %d characters", ACCOUNT_PASSWORD_MIN);
	if (fe->n)
		return OPS_INVALID;
	if (ops_begin(c))
		return OPS_ERROR;
	if (account_user_add_by(c->db, c->user_id, in->email, in->name, role, org, in->password, c->now, id)) {
		if (store_errcode(c->db) != STORE_CONSTRAINT)
			return ops_fail(c, OPS_ERROR);
		fielderr_add(fe, "email", "There is already an account with this email address");
		return ops_fail(c, OPS_INVALID);
	}
	if (!in->password && account_invite_create(c->db, *id, c->user_id, c->now, c->now + ACCOUNT_INVITE_SECONDS, invite))
		return ops_fail(c, OPS_ERROR);
	if (account_role_reads_personal_data(role) &&
	    ops_audit(c, AUDIT_USER_GRANT_PERSONAL_DATA, "user", *id, 0, role_code[role]))
		return ops_fail(c, OPS_ERROR);
	return ops_commit_audited(c, AUDIT_USER_CREATE, "user", *id, 0, role_code[role]);
}

enum ops_result ops_user_for_deactivation(const struct ops_ctx *c, int64_t user_id, struct account_listed *u)
{
	enum role actor = by_operator(c) ? ROLE_ADMINISTRATOR : c->role;
	int found = account_user_get(c->db, user_id, u);
	if (found < 0)
		return OPS_ERROR;
	if (!found || (!chooses_org(c) && u->u.org_id != c->org_id))
		return OPS_NOT_FOUND;
	return account_may_grant(actor, u->u.role) ? OPS_OK : OPS_FORBIDDEN;
}

enum ops_result ops_user_set_active(const struct ops_ctx *c, int64_t user_id, int active)
{
	struct account_listed u;
	enum role actor = by_operator(c) ? ROLE_ADMINISTRATOR : c->role;
	if (ops_begin(c))
		return OPS_ERROR;
	int found = account_user_get(c->db, user_id, &u);
	/* Another organisation's account gets the same answer as an id that
	 * does not exist. */
	if (found <= 0 || (!chooses_org(c) && u.u.org_id != c->org_id))
		return ops_fail(c, found < 0 ? OPS_ERROR : OPS_NOT_FOUND);
	if (!account_may_grant(actor, u.u.role) ||
	    (active && !u.active && !account_may_reactivate(actor, u.deactivated_by)))
		return ops_fail(c, OPS_FORBIDDEN);
	if (u.active == active)
		return ops_fail(c, OPS_OK); /* nothing to change (and a deactivation's author stays) */
	if (account_user_set_active(c->db, user_id, active, actor))
		return ops_fail(c, OPS_ERROR);
	return ops_commit_audited(c, active ? AUDIT_USER_ACTIVATE : AUDIT_USER_DEACTIVATE, "user", user_id, 0, "");
}
