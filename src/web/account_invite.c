/* The invitation page: the holder of a one-time link chooses their password. */
#include <stdlib.h>
#include <string.h>
#include "http/ops_reply.h"
#include "ops/accounts.h"
#include "store/account.h"
#include "util/secret.h"
#include "web/form.h"
#include "web/post.h"
#include "web/web.h"

static int invite_form(struct http_req *req, struct http_resp *resp, const char *token, const struct field_errors *fe,
		       unsigned status)
{
	struct web_page pg;
	web_begin_errors(&pg, req, resp, "Choose your password", fe);
	struct html *h = &pg.h;
	html_elem(h, "h1", "Choose your password", NULL);
	html_elem(h, "p", "Then sign in to Waymark with your email address and this password.", NULL);
	char form_token[128];
	form_begin(h, "/invitation", http_form_token(req, resp, form_token, sizeof form_token));
	html_void(h, "input", "type", "hidden", "name", "token", "value", token, NULL);
	web_new_password_fields(h, fe);
	form_button(h, "Save password");
	form_end(h);
	return web_end(&pg, resp, status);
}

static int invite_get(struct http_req *req, struct http_resp *resp)
{
	const char *token = http_query(req, "token");
	struct account_invite inv;
	int found = token && strlen(token) == SECRET_TOKEN_HEX - 1 ? account_invite_find(req->db, token, &inv) : 0;
	if (found < 0)
		return -1;
	if (!found)
		return web_ops_reply(req, resp, OPS_NOT_FOUND, "", NULL);
	if (inv.used_at || inv.expires_at <= req->now || !inv.active) {
		struct field_errors *fe =
			ops_fielderr_one("password", "This invitation link has been used or has expired: ask for a new one");
		int rc = fe ? web_ops_reply(req, resp, OPS_CONFLICT, "This link no longer works", fe) : -1;
		free(fe);
		return rc;
	}
	return invite_form(req, resp, token, NULL, 200);
}

static int invite_post(struct http_req *req, struct http_resp *resp)
{
	struct web_post p;
	if (!web_post_fe(&p, req))
		return p.rc;
	const char *token = http_form(req, "token");
	enum ops_result r = ops_invitation_accept(&p.c, token, http_form(req, "password"), http_form(req, "confirm"), p.fe);
	return web_post_end(&p, r == OPS_OK        ? http_redirect(resp, "/login")
				: r == OPS_INVALID ? invite_form(req, resp, token, p.fe, 422)
						   : web_ops_reply(req, resp, r, "This link no longer works", p.fe));
}

const struct route web_invite_routes[] = {
	{ "GET", "/invitation", invite_get, PERM_PUBLIC, "Choose a password with a one-time invitation link (?token=)" },
	{ "POST", "/invitation", invite_post, PERM_PUBLIC, "Save the password chosen with an invitation link" },
	{ 0 },
};
