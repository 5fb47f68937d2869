/* Organisations, users, sign-in with throttling, sessions, API tokens and
 * invitation links. */
#ifndef WAYMARK_STORE_ACCOUNT_H
#define WAYMARK_STORE_ACCOUNT_H
#include <stdint.h>
#include "core/authz.h"
#include "core/login_throttle.h"
#include "store/store.h"
#include "util/secret.h"

/* Throttling counts an address's failures within ADDR_WINDOW_SECONDS
 * (core/login_throttle.h says how long it then waits). */
#define ADDR_WINDOW_SECONDS LOGIN_THROTTLE_WINDOW

struct account_user {
	int64_t id;
	int64_t org_id;
	enum role role;
	char name[128];
	char email[256];
};

extern const char *const org_kinds[]; /* NULL-terminated */

int account_org_add(struct store *st, const char *name, const char *kind, const char *area, int64_t now,
		    int64_t *id);
/* Finds an organisation by exact name or id; 1 found, 0 not, -1 error. */
int account_org_find(struct store *st, const char *name_or_id, int64_t *id);
/* Calls fn(ctx, id, name) for each organisation by name; 0 or -1. */
int account_org_list(struct store *st, int (*fn)(void *ctx, int64_t id, const char *name), void *ctx);
/* Creates a user; password NULL makes an account nobody can sign in to
 * until its holder chooses one through an invitation. created_by is the
 * user who made it (0: the command line). 0, or -1 with the store error. */
int account_user_add_by(struct store *st, int64_t created_by, const char *email, const char *name, enum role role,
			int64_t org_id, const char *password, int64_t now, int64_t *id);
int account_user_add(struct store *st, const char *email, const char *name, enum role role, int64_t org_id,
		     const char *password, int64_t now, int64_t *id);
/* Finds a user by email; 1 found, 0 not, -1 error. */
int account_user_find(struct store *st, const char *email, int64_t *id);
/* Sets a user's password (and clears the lock); 0 or -1. */
int account_user_password_set(struct store *st, int64_t user_id, const char *password);
/* Ends the user's sessions but keep_session (0: all) and revokes their API
 * tokens; 0 or -1. */
int account_credentials_cut(struct store *st, int64_t user_id, int64_t keep_session);
/* Activates, or deactivates (cutting credentials) noting who did it; 0 or -1. */
int account_user_set_active(struct store *st, int64_t user_id, int active, enum role by);

/* A user as the account pages show them. */
struct account_listed {
	struct account_user u;
	char org_name[160];
	int active;
	enum role deactivated_by; /* ROLE_NONE when active or not known */
	int64_t created_at;       /* only from account_grants */
	char created_by[128];     /* only from account_grants ("" for the command line) */
};
typedef int (*account_listed_fn)(void *ctx, const struct account_listed *a);
/* Loads a user; 1 found, 0 not, -1 error. */
int account_user_get(struct store *st, int64_t user_id, struct account_listed *out);
/* Calls fn for every user of org (0: every organisation); 0 or -1. */
int account_user_list(struct store *st, int64_t org_id, account_listed_fn fn, void *ctx);
/* Calls fn for every account made after since, newest first; 0 or -1. */
int account_grants(struct store *st, int64_t since, account_listed_fn fn, void *ctx);

/* One-time invitation links: the token is written once (only its hash is
 * kept). */
int account_invite_create(struct store *st, int64_t user_id, int64_t created_by, int64_t now, int64_t expires_at,
			  char token[SECRET_TOKEN_HEX]);
struct account_invite {
	int64_t id, user_id, expires_at, used_at;
	int active;
	enum role role;
	int64_t org_id;
};
/* 1 found, 0 not, -1 error. */
int account_invite_find(struct store *st, const char *token, struct account_invite *out);
/* Marks it used; 1 done, 0 already used, -1 error. */
int account_invite_use(struct store *st, int64_t invite_id, int64_t now);

enum login_result { LOGIN_OK, LOGIN_BAD, LOGIN_THROTTLED, LOGIN_ERROR };
/* Checks a password, throttled by address; fills *u on LOGIN_OK, and u->id
 * (0 when no such account) on LOGIN_BAD. Unknown account and wrong password
 * both give LOGIN_BAD (and cost the same hashing time). */
enum login_result account_login(struct store *st, const char *email, const char *password, const char *addr,
				int64_t now, struct account_user *u);

/* Starts a session for user_id; writes the cookie token and CSRF token. */
int account_session_start(struct store *st, int64_t user_id, int64_t now, char token[SECRET_TOKEN_HEX],
			  char csrf[SECRET_TOKEN_HEX]);
struct account_session {
	int64_t id;
	char csrf[SECRET_TOKEN_HEX];
	struct account_user user;
};
/* Loads a live session: 1 found (touching last_seen at most once a minute),
 * 0 absent/expired (an expired one is ended), -1 error. */
int account_session_load(struct store *st, const char *token, int64_t now, int64_t idle, int64_t max_age,
			 struct account_session *s);
int account_session_end(struct store *st, int64_t session_id);

/* Creates an API token for user_id, valid until expires_at; writes it (shown once). */
int account_token_create(struct store *st, int64_t user_id, const char *name, int64_t now, int64_t expires_at,
			 char token[SECRET_TOKEN_HEX + 4], int64_t *id);
/* What a live token grants. */
struct account_grant {
	int64_t token_id, expires_at, last_used;
	struct account_user user;
};
/* Loads a live (unrevoked, unexpired) token of an active user into g, noting
 * its use: 1 found, 0 not, -1 error. */
int account_token_load(struct store *st, const char *token, int64_t now, struct account_grant *g);
/* Notes that g's token was used at now, at most once a minute. */
void account_token_touch(struct store *st, struct account_grant *g, int64_t now);
/* The count that every change to what a token grants moves (triggers,
 * migration 160): 1 with *n set, or -1. */
int account_auth_generation(struct store *st, int64_t *n);
struct account_token {
	int64_t id, created_at, last_used, expires_at;
	int revoked;
	char name[128];
	char email[256];
};
/* Calls fn for each token of user_id (0: everyone's); 0 or -1. */
int account_token_list(struct store *st, int64_t user_id, int (*fn)(void *ctx, const struct account_token *t),
		       void *ctx);
/* A token's holder: 1 found (with *revoked), 0 not, -1 error. */
int account_token_owner(struct store *st, int64_t token_id, int64_t *user_id, int *revoked);
int account_token_revoke(struct store *st, int64_t token_id);
#endif
