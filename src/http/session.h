/* Signing in and out, shared by the JSON API and the sign-in page. */
#ifndef WAYMARK_HTTP_SESSION_H
#define WAYMARK_HTTP_SESSION_H
#include "http/http.h"

/* Checks the credentials (throttled, audited) and on success starts a new
 * session, ending the one the request came with (rotation), and sets the
 * cookie. On failure fills a message for the user and returns the HTTP
 * status to answer with (401 or 429); 0 on success, 503 on database error. */
unsigned http_sign_in(struct http_req *req, struct http_resp *resp, const char *email, const char *password,
		      char *csrf_out, size_t csrf_len, const char **message);
/* Ends the current session (if any) and clears the cookie. */
void http_sign_out(struct http_req *req, struct http_resp *resp);
#endif
