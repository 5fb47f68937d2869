/* The forgotten-password pages: ask for a link by email address, and the same answer whether or not an account has it.
 * There is no mail yet: the one-time link (the invitation link's kind, which sets the new password) goes to the
 * server log as the email that would be sent. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/ops_reply.h"
#include "ops/accounts.h"
#include "web/form.h"
#include "web/web.h"

static int ask_page(struct http_req *req, struct http_resp *resp, const struct field_errors *fe, unsigned status)
{
	struct web_page pg;
	web_begin_errors(&pg, req, resp, "Reset your password", fe);
	struct html *h = &pg.h;
	html_open(h, "div", "class", "nhsuk-grid-row", NULL);
	html_open(h, "div", "class", "nhsuk-grid-column-two-thirds", NULL);
	html_elem(h, "h1", "Reset your password", NULL);
	html_elem(h, "p", "Enter the email address you sign in with. We will email you a link to choose a new password.",
		  NULL);
	char token[128];
	form_begin(h, "/forgot-password", http_form_token(req, resp, token, sizeof token));
	form_input(h, &(struct form_field){ .name = "email", .label = "Email address", .type = "email",
					    .autocomplete = "username", .value = fe ? http_form(req, "email") : NULL,
					    .errors = fe });
	form_button(h, "Send the link");
	form_end(h);
	html_open(h, "p", NULL);
	html_elem(h, "a", "Back to sign in", "href", "/login", NULL);
	html_close(h);
	html_close(h);
	html_close(h);
	return web_end(&pg, resp, status);
}

static int ask_get(struct http_req *req, struct http_resp *resp)
{
	if (req->auth.role != ROLE_NONE)
		return http_redirect(resp, "/account/password");
	return ask_page(req, resp, NULL, 200);
}

static int ask_post(struct http_req *req, struct http_resp *resp)
{
	const char *email = http_form(req, "email");
	if (!email || !*email || !strchr(email, '@')) {
		struct field_errors *fe = ops_fielderr_one("email", "Enter your email address, like name@example.org");
		int rc = fe ? ask_page(req, resp, fe, 422) : -1;
		free(fe);
		return rc;
	}
	struct ops_ctx c = http_ops_ctx(req);
	int found = 0;
	char token[SECRET_TOKEN_HEX];
	enum ops_result r = ops_password_reset_request(&c, email, &found, token);
	if (r != OPS_OK)
		return http_store_failed(req, resp);
	if (found) {
		/* The outbox until there is mail: the email that would be sent, in the server log. */
		fprintf(stderr, "outbox: to=%s subject=\"Reset your Waymark password\" link=/invitation?token=%s (works once, "
				"for an hour)\n", email, token);
		fflush(stderr);
	}
	struct web_page pg;
	web_begin(&pg, req, resp, "Check your email");
	struct html *h = &pg.h;
	html_elem(h, "h1", "Check your email", NULL);
	html_elem(h, "p", "If an account has this email address, we have sent it a link to choose a new password. The link "
			  "works once, for an hour.", "id", "reset-sent", NULL);
	html_elem(h, "p", "No email? Check your spam folder, or ask your manager or the administrator.", NULL);
	html_open(h, "p", NULL);
	html_elem(h, "a", "Back to sign in", "href", "/login", NULL);
	html_close(h);
	return web_end(&pg, resp, 200);
}

const struct route web_password_reset_routes[] = {
	{ "GET", "/forgot-password", ask_get, PERM_PUBLIC, "Forgotten password: ask for a one-time link by email address" },
	{ "POST", "/forgot-password", ask_post, PERM_PUBLIC, "Send a one-time link to choose a new password (same answer for any address)" },
	{ 0 },
};
