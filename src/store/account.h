/* Organisations, users, sign-in with throttling, sessions and API tokens. */
#ifndef WAYMARK_STORE_ACCOUNT_H
#define WAYMARK_STORE_ACCOUNT_H
#include <stdint.h>
#include "core/authz.h"
#include "store/store.h"
#include "util/secret.h"

/* Throttling: an account locks for ACCOUNT_LOCK_SECONDS after
 * ACCOUNT_MAX_FAILS wrong passwords in a row; an address is refused after
 * ADDR_MAX_FAILS failures within ADDR_WINDOW_SECONDS. */
#define ACCOUNT_MAX_FAILS 5
#define ACCOUNT_LOCK_SECONDS (15 * 60)
#define ADDR_MAX_FAILS 20
#define ADDR_WINDOW_SECONDS (15 * 60)

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
/* Creates a user (password hashed with argon2id); 0, or -1 with store error. */
int account_user_add(struct store *st, const char *email, const char *name, enum role role, int64_t org_id,
		     const char *password, int64_t now, int64_t *id);
int account_user_passwd(struct store *st, const char *email, const char *password);

enum login_result { LOGIN_OK, LOGIN_BAD, LOGIN_LOCKED, LOGIN_THROTTLED, LOGIN_ERROR };
/* Checks a password with throttling; fills *u on LOGIN_OK. Unknown account
 * and wrong password both give LOGIN_BAD (and cost the same hashing time). */
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

/* Creates an API token for user_id; writes it (shown once). */
int account_token_create(struct store *st, int64_t user_id, const char *name, int64_t now,
			 char token[SECRET_TOKEN_HEX + 4], int64_t *id);
/* Loads a live token: 1 found, 0 not, -1 error. */
int account_token_load(struct store *st, const char *token, int64_t now, int64_t *token_id, struct account_user *u);
#endif
