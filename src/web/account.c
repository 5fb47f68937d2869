/* The signed-in user's account page: their API tokens (everyone's for the
 * administrator) with revocation, the change-password form, and the recent
 * grants of access to personal data shown to the programme lead. */
#include <stdio.h>
#include <stdlib.h>
#include "core/account_rules.h"
#include "core/londontime.h"
#include "http/ops_reply.h"
#include "ops/accounts.h"
#include "store/account.h"
#include "web/form.h"
#include "web/post.h"
#include "web/web.h"
#include "web/widgets.h"

static void cell_time(struct html *h, int64_t t)
{
	char s[LONDON_FORMAT_LEN];
	if (t)
		london_format(t, s);
	widget_cell(h, t ? s : "Never");
}

struct token_rows {
	struct html *h;
	const struct http_req *req;
	int n;
};

static int token_row(void *ctx, const struct account_token *t)
{
	struct token_rows *l = ctx;
	struct html *h = l->h;
	int live = !t->revoked && t->expires_at > l->req->now;
	l->n++;
	html_open(h, "tr", "class", "nhsuk-table__row", NULL);
	widget_cell(h, t->name);
	widget_cell(h, t->email);
	cell_time(h, t->created_at);
	cell_time(h, t->last_used);
	cell_time(h, t->expires_at);
	char id[24], label[200];
	snprintf(id, sizeof id, "%lld", (long long)t->id);
	snprintf(label, sizeof label, "Revoke the token %s", t->name);
	web_cell_action(h, live ? "/account/tokens/revoke" : NULL, l->req->auth.csrf, id, "Revoke", label,
			t->revoked ? "Revoked" : "Expired");
	html_close(h);
	return 0;
}

void web_cell_action(struct html *h, const char *action, const char *csrf, const char *id, const char *button,
		     const char *label, const char *otherwise)
{
	html_open(h, "td", "class", "nhsuk-table__cell", NULL);
	if (action) {
		form_begin(h, action, csrf);
		if (id)
			html_void(h, "input", "type", "hidden", "name", "id", "value", id, NULL);
		html_elem(h, "button", button, "class", "nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0",
			  "type", "submit", "aria-label", label, NULL);
		form_end(h);
	} else {
		html_text(h, otherwise);
	}
	html_close(h);
}

static int account_page(struct http_req *req, struct http_resp *resp)
{
	struct web_page pg;
	web_begin(&pg, req, resp, "Your account");
	struct html *h = &pg.h;
	html_elem(h, "h1", "Your account", NULL);
	html_open(h, "dl", "class", "nhsuk-summary-list", NULL);
	widget_summary_row(h, "Name", req->auth.name);
	widget_summary_row(h, "Email address", req->auth.email);
	widget_summary_row(h, "Role", role_label[req->auth.role]);
	html_close(h);
	html_elem(h, "a", "Change your password", "class", "nhsuk-button", "href", "/account/password", NULL);
	html_elem(h, "h2", "API tokens", NULL);
	html_elem(h, "p", "Tokens let programs use Waymark as you. Revoke one you no longer use: it stops working at once.",
		  NULL);
	static const char *const cols[] = { "Name", "Account", "Created", "Last used", "Expires", "Action" };
	int admin = req->auth.role == ROLE_ADMINISTRATOR;
	widget_table_open(h, admin ? "Every account's tokens" : "Your tokens", cols, 6);
	struct token_rows l = { h, req, 0 };
	if (account_token_list(req->db, admin ? 0 : req->auth.user_id, token_row, &l))
		return -1;
	widget_table_close(h);
	if (!l.n)
		html_elem(h, "p", "There are no tokens.", NULL);
	return web_end(&pg, resp, 200);
}

static int token_revoke(struct http_req *req, struct http_resp *resp)
{
	const char *s = http_form(req, "id");
	char *end = NULL;
	long long id = s ? strtoll(s, &end, 10) : 0;
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r = id > 0 && end && !*end ? ops_token_revoke(&c, (int64_t)id) : OPS_NOT_FOUND;
	if (r != OPS_OK)
		return web_ops_reply(req, resp, r, "The token was not revoked", NULL);
	return http_redirect(resp, "/account");
}

static int password_form(struct http_req *req, struct http_resp *resp, const struct field_errors *fe, unsigned status)
{
	struct web_page pg;
	web_begin_errors(&pg, req, resp, "Change your password", fe);
	struct html *h = &pg.h;
	html_elem(h, "h1", "Change your password", NULL);
	html_elem(h, "p", "This signs you out everywhere else and revokes your API tokens.", NULL);
	form_begin(h, "/account/password", req->auth.csrf);
	form_input(h, &(struct form_field){ .name = "current_password", .label = "Current password", .type = "password",
					    .autocomplete = "current-password", .errors = fe });
	web_new_password_fields(h, fe);
	form_button(h, "Change password");
	form_end(h);
	return web_end(&pg, resp, status);
}

static int password_get(struct http_req *req, struct http_resp *resp)
{
	return password_form(req, resp, NULL, 200);
}

static int password_post(struct http_req *req, struct http_resp *resp)
{
	struct web_post p;
	if (!web_post_fe(&p, req))
		return p.rc;
	enum ops_result r = ops_password_change(&p.c, req->auth.session_id, http_form(req, "current_password"),
						http_form(req, "password"), http_form(req, "confirm"), p.fe);
	return web_post_end(&p, r == OPS_OK ? http_redirect(resp, "/account?done=password")
				: r == OPS_INVALID
				    ? password_form(req, resp, p.fe, 422)
				    : web_ops_reply(req, resp, r, "Your password was not changed", p.fe));
}

void web_new_password_fields(struct html *h, const struct field_errors *fe)
{
	form_input(h, &(struct form_field){ .name = "password", .label = "New password", .type = "password",
					    .hint = "At least 12 characters.", .autocomplete = "new-password",
					    .errors = fe });
	form_input(h, &(struct form_field){ .name = "confirm", .label = "New password again", .type = "password",
					    .autocomplete = "new-password", .errors = fe });
}

struct grant_rows {
	struct html *h;
	int n;
};

static int grant_row(void *ctx, const struct account_listed *a)
{
	struct grant_rows *l = ctx;
	if (!account_role_reads_personal_data(a->u.role))
		return 0;
	if (!l->n++) {
		static const char *const cols[] = { "When", "Account", "Role", "Organisation", "Added by" };
		widget_table_open(l->h, "Accounts given access to personal data in the last 30 days", cols, 5);
	}
	html_open(l->h, "tr", "class", "nhsuk-table__row", NULL);
	cell_time(l->h, a->created_at);
	widget_cell(l->h, a->u.email);
	widget_cell(l->h, role_label[a->u.role]);
	widget_cell(l->h, a->org_name);
	widget_cell(l->h, a->created_by[0] ? a->created_by : "The server's operator");
	html_close(l->h);
	return 0;
}

int web_account_grants(struct html *h, struct http_req *req)
{
	html_elem(h, "h2", "New access to personal data", NULL);
	struct grant_rows l = { h, 0 };
	if (account_grants(req->db, req->now - ACCOUNT_GRANTS_SECONDS, grant_row, &l))
		return -1;
	if (l.n)
		widget_table_close(h);
	else
		html_elem(h, "p", "No account was given a role that reads personal data in the last 30 days.", NULL);
	return 0;
}

const struct route web_account_routes[] = {
	{ "GET", "/account", account_page, PERM_SIGNED_IN, "Your account: API tokens (everyone's for the administrator)" },
	{ "POST", "/account/tokens/revoke", token_revoke, PERM_SIGNED_IN, "Revoke an API token (own; any for the administrator)" },
	{ "GET", "/account/password", password_get, PERM_SIGNED_IN, "Form to change your password" },
	{ "POST", "/account/password", password_post, PERM_SIGNED_IN, "Change your password (ends other sessions, revokes tokens)" },
	{ 0 },
};
