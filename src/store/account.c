/* Organisations, users, sign-in with throttling, sessions, API tokens and
 * invitation links. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "store/account.h"
#include "core/login_throttle.h"

const char *const org_kinds[] = { "lead_provider", "provider", "referrer_org", "commissioner", NULL };

struct id_ctx {
	int64_t *id;
};

static int id_row(void *ctx, const struct store_row *row)
{
	*((struct id_ctx *)ctx)->id = store_row_int(row, 0);
	return 1;
}

int account_org_add(struct store *st, const char *name, const char *kind, const char *area, int64_t now, int64_t *id)
{
	struct id_ctx c = { id };
	if (store_exec(st, STMT_ORG_INSERT, id_row, &c, "sssi", name, kind, area, now) != 1)
		return -1;
	/* its area is the first of the areas it serves (org_areas, migration 020) */
	return area && area[0] && store_exec(st, STMT_ORG_AREA_ADD, NULL, NULL, "is", *id, area) < 0 ? -1 : 0;
}

int account_org_find(struct store *st, const char *name_or_id, int64_t *id)
{
	return store_get_int(st, STMT_ORG_FIND, id, "ss", name_or_id, name_or_id);
}

struct org_list {
	int (*fn)(void *ctx, int64_t id, const char *name);
	void *ctx;
};

static int org_list_row(void *ctx, const struct store_row *r)
{
	struct org_list *l = ctx;
	return l->fn(l->ctx, store_row_int(r, 0), store_row_text(r, 1));
}

int account_org_list(struct store *st, int (*fn)(void *ctx, int64_t id, const char *name), void *ctx)
{
	struct org_list l = { fn, ctx };
	return store_exec(st, STMT_ORG_LIST, org_list_row, &l, "") < 0 ? -1 : 0;
}

int account_user_add_by(struct store *st, int64_t created_by, const char *email, const char *name, enum role role,
			int64_t org_id, const char *password, int64_t now, int64_t *id)
{
	char hash[SECRET_PWHASH_LEN] = "";
	if (password && secret_password_hash(password, hash)) {
		store_set_error(st, STORE_ERROR, "cannot hash the password (out of memory)");
		return -1;
	}
	struct id_ctx c = { id };
	return store_exec(st, STMT_USER_INSERT, id_row, &c, "sssisii", email, name, role_code[role], org_id, hash, now,
			  created_by) == 1
		       ? 0
		       : -1;
}

int account_user_add(struct store *st, const char *email, const char *name, enum role role, int64_t org_id,
		     const char *password, int64_t now, int64_t *id)
{
	return account_user_add_by(st, 0, email, name, role, org_id, password, now, id);
}

int account_user_find(struct store *st, const char *email, int64_t *id)
{
	return store_get_int(st, STMT_USER_BY_EMAIL, id, "s", email);
}

int account_user_password_set(struct store *st, int64_t user_id, const char *password)
{
	char hash[SECRET_PWHASH_LEN];
	if (secret_password_hash(password, hash)) {
		store_set_error(st, STORE_ERROR, "cannot hash the password (out of memory)");
		return -1;
	}
	return store_exec(st, STMT_USER_SET_PASSWORD, NULL, NULL, "si", hash, user_id) == 1 ? 0 : -1;
}

int account_credentials_cut(struct store *st, int64_t user_id, int64_t keep_session)
{
	return store_exec(st, STMT_SESSION_END_USER, NULL, NULL, "ii", user_id, keep_session) < 0 ||
			       store_exec(st, STMT_TOKEN_REVOKE_USER, NULL, NULL, "i", user_id) < 0
		       ? -1
		       : 0;
}

int account_user_set_active(struct store *st, int64_t user_id, int active, enum role by)
{
	if (store_exec(st, STMT_USER_SET_ACTIVE, NULL, NULL, "isi", (int64_t)active, active ? "" : role_code[by],
		       user_id) != 1)
		return -1;
	return active ? 0 : account_credentials_cut(st, user_id, 0);
}

struct listed_ctx {
	account_listed_fn fn;
	void *ctx;
	struct account_listed *one; /* account_user_get: fill this instead */
};

/* Columns: id, email, name, role, org_id, org name, active,
 * deactivated_by_role[, created_at, created by]. */
static int listed_row(void *ctx, const struct store_row *r)
{
	struct listed_ctx *l = ctx;
	struct account_listed a, *o = l->one ? l->one : &a;
	memset(o, 0, sizeof *o);
	o->u.id = store_row_int(r, 0);
	snprintf(o->u.email, sizeof o->u.email, "%s", store_row_text(r, 1));
	snprintf(o->u.name, sizeof o->u.name, "%s", store_row_text(r, 2));
	o->u.role = role_from_code(store_row_text(r, 3));
	o->u.org_id = store_row_int(r, 4);
	snprintf(o->org_name, sizeof o->org_name, "%s", store_row_text(r, 5));
	o->active = (int)store_row_int(r, 6);
	o->deactivated_by = role_from_code(store_row_text(r, 7));
	if (store_row_count(r) > 9) {
		o->created_at = store_row_int(r, 8);
		snprintf(o->created_by, sizeof o->created_by, "%s", store_row_text(r, 9));
	}
	return l->one ? 1 : l->fn(l->ctx, o);
}

int account_user_get(struct store *st, int64_t user_id, struct account_listed *out)
{
	struct listed_ctx l = { NULL, NULL, out };
	return store_exec(st, STMT_USER_GET, listed_row, &l, "i", user_id);
}

int account_user_list(struct store *st, int64_t org_id, account_listed_fn fn, void *ctx)
{
	struct listed_ctx l = { fn, ctx, NULL };
	return store_exec(st, STMT_USER_LIST, listed_row, &l, "ii", org_id, org_id) < 0 ? -1 : 0;
}

int account_grants(struct store *st, int64_t since, account_listed_fn fn, void *ctx)
{
	struct listed_ctx l = { fn, ctx, NULL };
	return store_exec(st, STMT_USER_GRANTS, listed_row, &l, "i", since) < 0 ? -1 : 0;
}

int account_invite_create(struct store *st, int64_t user_id, int64_t created_by, int64_t now, int64_t expires_at,
			  char token[SECRET_TOKEN_HEX])
{
	char hash[SECRET_HASH_HEX];
	int64_t id;
	secret_token(token);
	secret_token_hash(token, hash);
	struct id_ctx c = { &id };
	return store_exec(st, STMT_INVITE_INSERT, id_row, &c, "siiii", hash, user_id, created_by, now, expires_at) == 1
		       ? 0
		       : -1;
}

static int invite_row(void *ctx, const struct store_row *r)
{
	struct account_invite *i = ctx;
	i->id = store_row_int(r, 0);
	i->user_id = store_row_int(r, 1);
	i->expires_at = store_row_int(r, 2);
	i->used_at = store_row_int(r, 3);
	i->active = (int)store_row_int(r, 4);
	i->role = role_from_code(store_row_text(r, 5));
	i->org_id = store_row_int(r, 6);
	return 1;
}

int account_invite_find(struct store *st, const char *token, struct account_invite *out)
{
	char hash[SECRET_HASH_HEX];
	secret_token_hash(token, hash);
	return store_exec(st, STMT_INVITE_FIND, invite_row, out, "s", hash);
}

int account_invite_use(struct store *st, int64_t invite_id, int64_t now)
{
	return store_exec(st, STMT_INVITE_USE, NULL, NULL, "ii", now, invite_id);
}

struct login_row {
	int found;
	char hash[SECRET_PWHASH_LEN];
	int active;
	int64_t fails, locked_until;
	struct account_user u;
};

static void user_from_row(struct account_user *u, const struct store_row *r, int col_id, int col_name)
{
	u->id = store_row_int(r, col_id);
	snprintf(u->name, sizeof u->name, "%s", store_row_text(r, col_name));
}

static int login_row_cb(void *ctx, const struct store_row *r)
{
	struct login_row *l = ctx;
	l->found = 1;
	l->u.id = store_row_int(r, 0);
	snprintf(l->hash, sizeof l->hash, "%s", store_row_text(r, 1));
	l->active = (int)store_row_int(r, 2);
	l->fails = store_row_int(r, 3);
	l->locked_until = store_row_int(r, 4);
	snprintf(l->u.name, sizeof l->u.name, "%s", store_row_text(r, 5));
	l->u.role = role_from_code(store_row_text(r, 6));
	l->u.org_id = store_row_int(r, 7);
	return 1;
}

/* A hash of a password nobody has, checked when the account is unknown so
 * that answer takes as long as a wrong password. */
static char dummy[SECRET_PWHASH_LEN];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void dummy_make(void)
{
	secret_password_hash("no such account", dummy);
}

static const char *dummy_hash(void)
{
	pthread_once(&dummy_once, dummy_make);
	return dummy;
}

static int fail_stats_row(void *ctx, const struct store_row *r)
{
	int64_t *v = ctx;
	v[0] = store_row_int(r, 0);
	v[1] = store_row_int(r, 1);
	return 0;
}

enum login_result account_login(struct store *st, const char *email, const char *password, const char *addr,
				int64_t now, struct account_user *u)
{
	/* Throttled by address, never by account: a lock on the account would
	 * tell who has one and let anyone lock a named person out. */
	int64_t fails[2] = { 0, 0 }; /* count in the window, the last one's time */
	if (store_exec(st, STMT_LOGIN_FAIL_COUNT, fail_stats_row, fails, "si", addr, now - ADDR_WINDOW_SECONDS) < 0)
		return LOGIN_ERROR;
	if (login_throttle_wait(fails[0], now - fails[1]) > 0)
		return LOGIN_THROTTLED;
	struct login_row l;
	memset(&l, 0, sizeof l);
	if (store_exec(st, STMT_USER_BY_EMAIL, login_row_cb, &l, "s", email) < 0)
		return LOGIN_ERROR;
	/* An invited account with no password yet costs the same as an unknown one. */
	int ok = secret_password_check(l.found && l.hash[0] ? l.hash : dummy_hash(), password) && l.found && l.hash[0] &&
		 l.active;
	if (!ok) {
		store_exec(st, STMT_LOGIN_FAIL_ADD, NULL, NULL, "si", addr, now);
		if (l.found)
			store_exec(st, STMT_USER_LOGIN_FAILED, NULL, NULL, "ii", (int64_t)0, l.u.id);
		u->id = l.found ? l.u.id : 0;
		return LOGIN_BAD;
	}
	store_exec(st, STMT_USER_LOGIN_OK, NULL, NULL, "i", l.u.id);
	*u = l.u;
	snprintf(u->email, sizeof u->email, "%s", email);
	return LOGIN_OK;
}

int account_session_start(struct store *st, int64_t user_id, int64_t now, char token[SECRET_TOKEN_HEX],
			  char csrf[SECRET_TOKEN_HEX])
{
	char hash[SECRET_HASH_HEX];
	int64_t id;
	secret_token(token);
	secret_token(csrf);
	secret_token_hash(token, hash);
	struct id_ctx c = { &id };
	return store_exec(st, STMT_SESSION_INSERT, id_row, &c, "sisii", hash, user_id, csrf, now, now) == 1 ? 0 : -1;
}

struct session_row {
	int found;
	int64_t created, last_seen;
	struct account_session *s;
};

static int session_row_cb(void *ctx, const struct store_row *r)
{
	struct session_row *sr = ctx;
	struct account_session *s = sr->s;
	sr->found = 1;
	s->id = store_row_int(r, 0);
	snprintf(s->csrf, sizeof s->csrf, "%s", store_row_text(r, 1));
	sr->created = store_row_int(r, 2);
	sr->last_seen = store_row_int(r, 3);
	user_from_row(&s->user, r, 4, 5);
	snprintf(s->user.email, sizeof s->user.email, "%s", store_row_text(r, 6));
	s->user.role = role_from_code(store_row_text(r, 7));
	s->user.org_id = store_row_int(r, 8);
	return 1;
}

int account_session_load(struct store *st, const char *token, int64_t now, int64_t idle, int64_t max_age,
			 struct account_session *s)
{
	char hash[SECRET_HASH_HEX];
	secret_token_hash(token, hash);
	struct session_row sr = { 0, 0, 0, s };
	if (store_exec(st, STMT_SESSION_LOAD, session_row_cb, &sr, "s", hash) < 0)
		return -1;
	if (!sr.found)
		return 0;
	if (now - sr.last_seen > idle || now - sr.created > max_age) {
		store_exec(st, STMT_SESSION_END, NULL, NULL, "i", s->id);
		return 0;
	}
	/* Touch at most once a minute: a read should not always cost a write. */
	if (now - sr.last_seen >= 60)
		store_exec(st, STMT_SESSION_TOUCH, NULL, NULL, "ii", now, s->id);
	return 1;
}

int account_session_end(struct store *st, int64_t session_id)
{
	return store_exec(st, STMT_SESSION_END, NULL, NULL, "i", session_id) < 0 ? -1 : 0;
}

int account_token_create(struct store *st, int64_t user_id, const char *name, int64_t now, int64_t expires_at,
			 char token[SECRET_TOKEN_HEX + 4], int64_t *id)
{
	char raw[SECRET_TOKEN_HEX], hash[SECRET_HASH_HEX];
	secret_token(raw);
	snprintf(token, SECRET_TOKEN_HEX + 4, "wm_%s", raw);
	secret_token_hash(token, hash);
	struct id_ctx c = { id };
	return store_exec(st, STMT_TOKEN_INSERT, id_row, &c, "sisii", hash, user_id, name, now, expires_at) == 1 ? 0
														      : -1;
}

static int token_row_cb(void *ctx, const struct store_row *r)
{
	struct account_grant *g = ctx;
	g->token_id = store_row_int(r, 0);
	g->last_used = store_row_int(r, 1);
	user_from_row(&g->user, r, 2, 3);
	snprintf(g->user.email, sizeof g->user.email, "%s", store_row_text(r, 4));
	g->user.role = role_from_code(store_row_text(r, 5));
	g->user.org_id = store_row_int(r, 6);
	g->expires_at = store_row_int(r, 7);
	return 1;
}

int account_token_load(struct store *st, const char *token, int64_t now, struct account_grant *g)
{
	char hash[SECRET_HASH_HEX];
	secret_token_hash(token, hash);
	int n = store_exec(st, STMT_TOKEN_LOAD, token_row_cb, g, "si", hash, now);
	if (n <= 0)
		return n;
	account_token_touch(st, g, now);
	return 1;
}

void account_token_touch(struct store *st, struct account_grant *g, int64_t now)
{
	if (now - g->last_used >= 60 && store_exec(st, STMT_TOKEN_TOUCH, NULL, NULL, "ii", now, g->token_id) >= 0)
		g->last_used = now;
}

int account_auth_generation(struct store *st, int64_t *n)
{
	return store_get_int(st, STMT_AUTH_GENERATION, n, "") == 1 ? 1 : -1;
}

struct token_list {
	int (*fn)(void *ctx, const struct account_token *t);
	void *ctx;
};

static int token_list_row(void *ctx, const struct store_row *r)
{
	struct token_list *l = ctx;
	struct account_token t = {
		.id = store_row_int(r, 0),
		.created_at = store_row_int(r, 2),
		.last_used = store_row_int(r, 3),
		.revoked = (int)store_row_int(r, 4),
		.expires_at = store_row_int(r, 6),
	};
	snprintf(t.name, sizeof t.name, "%s", store_row_text(r, 1));
	snprintf(t.email, sizeof t.email, "%s", store_row_text(r, 5));
	return l->fn(l->ctx, &t);
}

int account_token_list(struct store *st, int64_t user_id, int (*fn)(void *ctx, const struct account_token *t),
		       void *ctx)
{
	struct token_list l = { fn, ctx };
	return store_exec(st, STMT_TOKEN_LIST, token_list_row, &l, "ii", user_id, user_id) < 0 ? -1 : 0;
}

struct token_owner {
	int64_t *user_id;
	int *revoked;
};

static int token_owner_row(void *ctx, const struct store_row *r)
{
	struct token_owner *o = ctx;
	*o->user_id = store_row_int(r, 0);
	*o->revoked = (int)store_row_int(r, 1);
	return 1;
}

int account_token_owner(struct store *st, int64_t token_id, int64_t *user_id, int *revoked)
{
	struct token_owner o = { user_id, revoked };
	return store_exec(st, STMT_TOKEN_GET, token_owner_row, &o, "i", token_id);
}

int account_token_revoke(struct store *st, int64_t token_id)
{
	return store_exec(st, STMT_TOKEN_REVOKE, NULL, NULL, "i", token_id) < 0 ? -1 : 0;
}
