/* Signing in and out: throttled credential checks, session rotation, the
 * cookie, and audit events for every success and failure. */
#include <stdio.h>
#include <string.h>
#include "http/audit_req.h"
#include "http/internal.h"
#include "http/session.h"
#include "store/account.h"

const char *http_cookie_name(enum http_cookie_kind k)
{
	static const char *const names[2][2] = { { "wm_session", "__Host-wm_session" }, { "wm_pre", "__Host-wm_pre" } };
	return names[k][http_settings.behind_tls != 0];
}

void http_cookie_set(struct http_resp *resp, enum http_cookie_kind k, const char *value, int64_t max_age)
{
	char c[256];
	snprintf(c, sizeof c, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%lld%s", http_cookie_name(k), value,
		 (long long)max_age, http_settings.behind_tls ? "; Secure" : "");
	http_header_add(resp, "Set-Cookie", c);
}

unsigned http_sign_in(struct http_req *req, struct http_resp *resp, const char *email, const char *password,
		      char *csrf_out, size_t csrf_len, const char **message)
{
	struct account_user u;
	if (!email || !password || !*email || !*password || strlen(email) > 254 || strlen(password) > 1024) {
		*message = "Enter your email address and password.";
		return 401;
	}
	if (store_begin(req->db)) {
		*message = "The service is busy; try again shortly.";
		return 503;
	}
	enum login_result r = account_login(req->db, email, password, req->remote_addr, req->now, &u);
	char token[SECRET_TOKEN_HEX], csrf[SECRET_TOKEN_HEX];
	unsigned status = 0;
	switch (r) {
	case LOGIN_OK:
		if (req->auth.session_id)
			account_session_end(req->db, req->auth.session_id);
		if (account_session_start(req->db, u.id, req->now, token, csrf)) {
			status = 503;
			*message = "The service is busy; try again shortly.";
			break;
		}
		req->auth.user_id = u.id;
		req->auth.org_id = u.org_id;
		req->auth.role = u.role;
		http_audit(req, AUDIT_LOGIN_OK, "user", u.id, 0, "");
		break;
	case LOGIN_BAD:
		status = 401;
		*message = "The email address or password is not right.";
		/* What was typed is kept only when it names an account: a password
		 * typed into the email box must not become readable here. */
		http_audit(req, AUDIT_LOGIN_FAIL, "user", u.id, 0, u.id ? "" : "unknown account");
		break;
	case LOGIN_THROTTLED:
		status = 429;
		*message = "Too many failed sign-in attempts from your connection. Wait a few minutes and try again.";
		http_audit(req, AUDIT_LOGIN_THROTTLED, "user", 0, 0, "");
		break;
	default:
		status = 503;
		*message = "The service is busy; try again shortly.";
	}
	if (status == 503) {
		store_rollback(req->db);
		return 503;
	}
	if (store_commit(req->db))
		return 503;
	if (status == 0) {
		http_cookie_set(resp, HTTP_COOKIE_SESSION, token, http_settings.session_max);
		snprintf(csrf_out, csrf_len, "%s", csrf);
	}
	return status;
}

void http_sign_out(struct http_req *req, struct http_resp *resp)
{
	if (req->auth.session_id) {
		account_session_end(req->db, req->auth.session_id);
		http_audit(req, AUDIT_LOGOUT, "user", req->auth.user_id, 0, "");
	}
	http_cookie_set(resp, HTTP_COOKIE_SESSION, "", 0);
}
