/* Organisations, users, sign-in with throttling, sessions and API tokens. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "store/account.h"

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
	return store_exec(st, STMT_ORG_INSERT, id_row, &c, "sssi", name, kind, area, now) == 1 ? 0 : -1;
}

int account_org_find(struct store *st, const char *name_or_id, int64_t *id)
{
	return store_get_int(st, STMT_ORG_FIND, id, "ss", name_or_id, name_or_id);
}

int account_user_add(struct store *st, const char *email, const char *name, enum role role, int64_t org_id,
		     const char *password, int64_t now, int64_t *id)
{
	char hash[SECRET_PWHASH_LEN];
	if (secret_password_hash(password, hash)) {
		store_set_error(st, STORE_ERROR, "cannot hash the password (out of memory)");
		return -1;
	}
	struct id_ctx c = { id };
	return store_exec(st, STMT_USER_INSERT, id_row, &c, "sssisi", email, name, role_code[role], org_id, hash, now) == 1
		       ? 0
		       : -1;
}

int account_user_passwd(struct store *st, const char *email, const char *password)
{
	char hash[SECRET_PWHASH_LEN];
	if (secret_password_hash(password, hash))
		return -1;
	int n = store_exec(st, STMT_USER_SET_PASSWORD, NULL, NULL, "ss", hash, email);
	return n == 1 ? 0 : -1;
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

enum login_result account_login(struct store *st, const char *email, const char *password, const char *addr,
				int64_t now, struct account_user *u)
{
	int64_t addr_fails = 0;
	if (store_get_int(st, STMT_LOGIN_FAIL_COUNT, &addr_fails, "si", addr, now - ADDR_WINDOW_SECONDS) < 0)
		return LOGIN_ERROR;
	if (addr_fails >= ADDR_MAX_FAILS)
		return LOGIN_THROTTLED;
	struct login_row l;
	memset(&l, 0, sizeof l);
	if (store_exec(st, STMT_USER_BY_EMAIL, login_row_cb, &l, "s", email) < 0)
		return LOGIN_ERROR;
	if (l.found && l.locked_until > now)
		return LOGIN_LOCKED;
	int ok = secret_password_check(l.found ? l.hash : dummy_hash(), password) && l.found && l.active;
	if (!ok) {
		store_exec(st, STMT_LOGIN_FAIL_ADD, NULL, NULL, "si", addr, now);
		if (l.found) {
			int64_t lock = l.fails + 1 >= ACCOUNT_MAX_FAILS ? now + ACCOUNT_LOCK_SECONDS : 0;
			store_exec(st, STMT_USER_LOGIN_FAILED, NULL, NULL, "ii", lock, l.u.id);
		}
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

int account_token_create(struct store *st, int64_t user_id, const char *name, int64_t now,
			 char token[SECRET_TOKEN_HEX + 4], int64_t *id)
{
	char raw[SECRET_TOKEN_HEX], hash[SECRET_HASH_HEX];
	secret_token(raw);
	snprintf(token, SECRET_TOKEN_HEX + 4, "wm_%s", raw);
	secret_token_hash(token, hash);
	struct id_ctx c = { id };
	return store_exec(st, STMT_TOKEN_INSERT, id_row, &c, "sisi", hash, user_id, name, now) == 1 ? 0 : -1;
}

struct token_row {
	int found;
	int64_t id, last_used;
	struct account_user *u;
};

static int token_row_cb(void *ctx, const struct store_row *r)
{
	struct token_row *t = ctx;
	t->found = 1;
	t->id = store_row_int(r, 0);
	t->last_used = store_row_int(r, 1);
	user_from_row(t->u, r, 2, 3);
	snprintf(t->u->email, sizeof t->u->email, "%s", store_row_text(r, 4));
	t->u->role = role_from_code(store_row_text(r, 5));
	t->u->org_id = store_row_int(r, 6);
	return 1;
}

int account_token_load(struct store *st, const char *token, int64_t now, int64_t *token_id, struct account_user *u)
{
	char hash[SECRET_HASH_HEX];
	secret_token_hash(token, hash);
	struct token_row t = { 0, 0, 0, u };
	if (store_exec(st, STMT_TOKEN_LOAD, token_row_cb, &t, "s", hash) < 0)
		return -1;
	if (!t.found)
		return 0;
	*token_id = t.id;
	if (now - t.last_used >= 60)
		store_exec(st, STMT_TOKEN_TOUCH, NULL, NULL, "ii", now, t.id);
	return 1;
}
