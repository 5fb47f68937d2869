/* Authentication front line: who is asking (session cookie or bearer token),
 * what happens when the matrix says no (audited), and the CSRF check. */
#include <microhttpd.h>
#include <stdio.h>
#include <string.h>
#include "http/audit_req.h"
#include "http/internal.h"
#include "http/token_cache.h"
#include "store/account.h"

static void auth_from_user(struct http_auth *a, const struct account_user *u)
{
	a->user_id = u->id;
	a->org_id = u->org_id;
	a->role = u->role;
	snprintf(a->name, sizeof a->name, "%s", u->name);
	snprintf(a->email, sizeof a->email, "%s", u->email);
}

int http_authenticate_or_respond(struct http_req *req, struct http_resp *resp)
{
	memset(&req->auth, 0, sizeof req->auth);
	req->auth.role = ROLE_NONE;
	const char *authz = http_header(req, MHD_HTTP_HEADER_AUTHORIZATION);
	if (authz) {
		struct account_grant g;
		int r = -1;
		if (strncmp(authz, "Bearer ", 7) == 0 && strlen(authz + 7) < 128)
			r = token_cache_resolve(req->db, authz + 7, req->now, &g);
		if (r < 0 && store_errcode(req->db) != STORE_OK) {
			http_problem(resp, 503, "Service unavailable", "The database cannot be reached; try again shortly.");
			return 1;
		}
		if (r != 1) {
			http_audit(req, AUDIT_AUTH_TOKEN_INVALID, "", 0, 0, req->path);
			http_problem(resp, 401, "Invalid credentials", "The API token is not valid or has been revoked.");
			http_header_add(resp, "WWW-Authenticate", "Bearer realm=\"waymark\", error=\"invalid_token\"");
			return 1;
		}
		auth_from_user(&req->auth, &g.user);
		req->auth.token_id = g.token_id;
		return 0;
	}
	const char *cookie = http_cookie(req, http_cookie_name(HTTP_COOKIE_SESSION));
	if (cookie && strlen(cookie) == SECRET_TOKEN_HEX - 1) {
		struct account_session s;
		if (account_session_load(req->db, cookie, req->now, http_settings.session_idle,
					 http_settings.session_max, &s) == 1) {
			auth_from_user(&req->auth, &s.user);
			req->auth.via_cookie = 1;
			req->auth.session_id = s.id;
			snprintf(req->auth.csrf, sizeof req->auth.csrf, "%s", s.csrf);
		}
	}
	return 0;
}

static int wants_html(const struct http_req *req)
{
	return strncmp(req->path, "/api/", 5) != 0;
}

void http_deny(struct http_req *req, struct http_resp *resp)
{
	http_audit(req, AUDIT_DENY, "route", 0, 0, req->route ? req->route->pattern : req->path);
	if (req->auth.role == ROLE_NONE) {
		if (wants_html(req) && strcmp(req->method, "GET") == 0) {
			http_redirect(resp, "/login");
		} else {
			http_problem(resp, 401, "Sign in required", "Sign in or send an API token to use this.");
			http_header_add(resp, "WWW-Authenticate", "Bearer realm=\"waymark\"");
		}
		return;
	}
	const char *accept = http_header(req, "Accept");
	if (wants_html(req) && accept && strstr(accept, "text/html") && http_pages.forbidden) {
		http_pages.forbidden(req, resp);
		return;
	}
	http_problem(resp, 403, "Forbidden", "Your role does not allow this.");
}

/* The pre-session cookie, when it is one this server could have made. */
static const char *pre_cookie(const struct http_req *req)
{
	const char *c = http_cookie(req, http_cookie_name(HTTP_COOKIE_PRE));
	return c && strlen(c) == SECRET_TOKEN_HEX - 1 && strspn(c, "0123456789abcdef") == SECRET_TOKEN_HEX - 1 ? c : NULL;
}

const char *http_form_token(struct http_req *req, struct http_resp *resp, char *out, size_t len)
{
	if (req->auth.via_cookie) {
		snprintf(out, len, "%s", req->auth.csrf);
		return out;
	}
	char fresh[SECRET_TOKEN_HEX];
	const char *bind = pre_cookie(req);
	if (!bind) {
		secret_token(fresh);
		bind = fresh;
	}
	http_cookie_set(resp, HTTP_COOKIE_PRE, bind, HTTP_FORM_TOKEN_MAX_AGE);
	secret_form_token(req->now, bind, out, len);
	return out;
}

int http_csrf_or_respond(struct http_req *req, struct http_resp *resp)
{
	if (strcmp(req->method, "GET") == 0)
		return 0;
	const char *given = http_header(req, "X-CSRF-Token");
	if (!given)
		given = http_form(req, "csrf_token"); /* NULL unless the body is a form */
	int ok;
	if (req->auth.via_cookie)
		ok = given && secret_equal(given, req->auth.csrf);
	else if (req->auth.user_id)
		ok = 1; /* bearer tokens are not sent ambiently by browsers */
	else if (strncmp(req->path, "/api/", 5) == 0)
		/* The API reads only application/json bodies (415 otherwise),
		 * which a page elsewhere can send only after a CORS preflight
		 * that this server never grants. */
		ok = 1;
	else
		/* A signed-out page's form, whatever its content type: the token
		 * the page gave this browser, bound to its pre-session cookie
		 * (double submit), so a token fetched elsewhere is no use. */
		ok = secret_form_token_check(given, pre_cookie(req), req->now, 0, HTTP_FORM_TOKEN_MAX_AGE) == 0;
	if (ok)
		return 0;
	http_audit(req, AUDIT_DENY_CSRF, "route", 0, 0, req->route ? req->route->pattern : req->path);
	http_problem(resp, 403, "Forbidden", "The form's security token is missing or out of date; go back, reload the page and try again.");
	return 1;
}
