/* The sign-in page and sign-out. */
#include <stdio.h>
#include <stdlib.h>
#include "http/internal.h"
#include "http/session.h"
#include "web/form.h"
#include "web/post.h"
#include "web/web.h"

static int login_page(struct http_req *req, struct http_resp *resp, const char *email,
		      const struct field_errors *fe, unsigned status)
{
	struct web_page pg;
	web_begin_errors(&pg, req, resp, "Sign in", fe);
	struct html *h = &pg.h;
	html_open(h, "div", "class", "nhsuk-grid-row", NULL);
	html_open(h, "div", "class", "nhsuk-grid-column-one-half", NULL);
	html_elem(h, "h1", "Sign in to Waymark", NULL);
	char token[128];
	form_begin(h, "/login", http_form_token(req, resp, token, sizeof token));
	form_input(h, &(struct form_field){ .name = "email", .label = "Email address", .value = email, .type = "email",
					    .autocomplete = "username", .errors = fe });
	form_input(h, &(struct form_field){ .name = "password", .label = "Password", .type = "password",
					    .autocomplete = "current-password", .errors = fe });
	form_button(h, "Sign in");
	form_end(h);
	html_open(h, "p", NULL);
	html_elem(h, "a", "Forgotten your password?", "href", "/forgot-password", NULL);
	html_close(h);
	html_elem(h, "h2", "Need support for yourself?", "class", "nhsuk-heading-s", NULL);
	html_open(h, "p", NULL);
	html_text(h, "You do not need an account to ask for help. ");
	html_elem(h, "a", "Refer yourself for support", "href", "/self-referral", NULL);
	html_close(h);
	return web_end(&pg, resp, status);
}

static int login_get(struct http_req *req, struct http_resp *resp)
{
	if (req->auth.role != ROLE_NONE)
		return http_redirect(resp, "/");
	return login_page(req, resp, NULL, NULL, 200);
}

static int login_post(struct http_req *req, struct http_resp *resp)
{
	const char *email = http_form(req, "email");
	const char *password = http_form(req, "password");
	struct web_post p;
	if (!web_post_fe(&p, req))
		return p.rc;
	if (!email || !*email)
		fielderr_add(p.fe, "email", "Enter your email address");
	if (!password || !*password)
		fielderr_add(p.fe, "password", "Enter your password");
	int rc;
	if (p.fe->n) {
		rc = login_page(req, resp, email, p.fe, 422);
	} else {
		char csrf[80];
		const char *msg = NULL;
		unsigned status = http_sign_in(req, resp, email, password, csrf, sizeof csrf, &msg);
		if (status == 0) {
			rc = http_redirect(resp, "/");
		} else {
			fielderr_add(p.fe, "email", "%s", msg);
			rc = login_page(req, resp, email, p.fe, status);
		}
	}
	return web_post_end(&p, rc);
}

static int logout_post(struct http_req *req, struct http_resp *resp)
{
	http_sign_out(req, resp);
	return http_redirect(resp, "/");
}

const struct route web_login_routes[] = {
	{ "GET", "/login", login_get, PERM_PUBLIC, "Sign-in page" },
	{ "POST", "/login", login_post, PERM_PUBLIC, "Sign in (form)" },
	{ "POST", "/logout", logout_post, PERM_SIGNED_IN, "Sign out (form)" },
	{ 0 },
};
