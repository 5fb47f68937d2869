/* POST/DELETE /api/v1/session: sign in and out from scripts and the SPA-less
 * JSON clients; the cookie is HttpOnly and the CSRF token is returned. */
#include <stdlib.h>
#include "api/api.h"
#include "http/session.h"
#include "ops/ops.h"

static int session_create(struct http_req *req, struct http_resp *resp)
{
	json_t *body = http_json_body_or_respond(req, resp);
	if (!body)
		return 0;
	const char *email = json_string_value(json_object_get(body, "email"));
	const char *password = json_string_value(json_object_get(body, "password"));
	if (!email || !*email || !password || !*password) {
		struct field_errors *fe = ops_fielderr_new();
		if (fe && (!email || !*email))
			fielderr_add(fe, "email", "Give the account's email address as a string");
		if (fe && (!password || !*password))
			fielderr_add(fe, "password", "Give the password as a string");
		json_decref(body);
		int rc = fe ? http_problem_fields(resp, 422, "Sign-in details are missing", fe) : -1;
		free(fe);
		return rc;
	}
	char csrf[80];
	const char *msg = NULL;
	unsigned status = http_sign_in(req, resp, email, password, csrf, sizeof csrf, &msg);
	json_decref(body);
	if (status)
		return http_problem(resp, status, status == 429 ? "Too many attempts" : status == 401 ? "Sign-in failed" : "Service unavailable", msg);
	return http_reply_json(resp, 201, json_pack("{s:s,s:s,s:s}", "csrf_token", csrf, "role",
						    role_code[req->auth.role], "status", "signed_in"));
}

static int session_delete(struct http_req *req, struct http_resp *resp)
{
	http_sign_out(req, resp);
	resp->status = 204;
	return 0;
}

const struct route api_session_routes[] = {
	{ "POST", "/api/v1/session", session_create, PERM_PUBLIC, "Sign in: {email, password} -> cookie + csrf_token" },
	{ "DELETE", "/api/v1/session", session_delete, PERM_SIGNED_IN, "Sign out" },
	{ 0 },
};
