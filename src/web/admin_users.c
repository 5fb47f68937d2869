/* Account management pages: administrators manage every account; provider
 * managers their own organisation's accounts in the roles they may give.
 * New accounts get a one-time invitation link, never a password chosen for them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/account_rules.h"
#include "http/audit_req.h"
#include "http/ops_reply.h"
#include "ops/accounts.h"
#include "store/account.h"
#include "web/form.h"
#include "web/post.h"
#include "web/web.h"
#include "web/widgets.h"

static int is_admin(const struct http_req *req)
{
	return req->auth.role == ROLE_ADMINISTRATOR;
}

struct user_list {
	struct html *h;
	const struct http_req *req;
};

static int user_row(void *ctx, const struct account_listed *a)
{
	struct user_list *l = ctx;
	struct html *h = l->h;
	enum role me = l->req->auth.role;
	html_open(h, "tr", "class", "nhsuk-table__row", NULL);
	widget_cell(h, a->u.name);
	widget_cell(h, a->u.email);
	widget_cell(h, role_label[a->u.role]);
	widget_cell(h, a->org_name);
	/* A button only where the change is allowed (ops_user_set_active decides). */
	int may = account_may_grant(me, a->u.role) && (a->active || account_may_reactivate(me, a->deactivated_by));
	char action[64], label[200];
	snprintf(action, sizeof action, "/admin/users/%lld/%s", (long long)a->u.id, a->active ? "deactivate" : "activate");
	snprintf(label, sizeof label, "%s %s", a->active ? "Deactivate" : "Reactivate", a->u.name);
	if (may && a->active) {
		/* Deactivating ends someone's work at once: a page asks first. */
		html_open(h, "td", "class", "nhsuk-table__cell", NULL);
		html_open(h, "a", "href", action, NULL);
		html_text(h, "Deactivate ");
		html_elem(h, "span", a->u.name, "class", "nhsuk-u-visually-hidden", NULL);
		html_close(h);
		html_close(h);
	} else {
		web_cell_action(h, may ? action : NULL, l->req->auth.csrf, NULL, a->active ? "Deactivate" : "Reactivate", label,
				a->active ? "Active" : "Deactivated");
	}
	html_close(h);
	return 0;
}

static int users_list(struct http_req *req, struct http_resp *resp)
{
	struct web_page pg;
	web_begin(&pg, req, resp, "Users");
	struct html *h = &pg.h;
	html_elem(h, "h1", "Users", NULL);
	html_elem(h, "a", "Add a user", "class", "nhsuk-button", "href", "/admin/users/new", NULL);
	static const char *const cols[] = { "Name", "Email", "Role", "Organisation", "Action" };
	widget_table_open(h, is_admin(req) ? "Every account" : "Accounts in your organisation", cols, 5);
	struct user_list l = { h, req };
	if (account_user_list(req->db, is_admin(req) ? 0 : req->auth.org_id, user_row, &l))
		return -1;
	widget_table_close(h);
	http_audit(req, AUDIT_USER_LIST, "user", 0, 0, "");
	return web_end(&pg, resp, 200);
}

struct opt_list {
	struct form_option opts[64];
	char text[64][2][160];
	int n;
};

static int org_opt(void *ctx, int64_t id, const char *name)
{
	struct opt_list *o = ctx;
	if (o->n >= 63)
		return 1;
	snprintf(o->text[o->n][0], sizeof o->text[0][0], "%lld", (long long)id);
	snprintf(o->text[o->n][1], sizeof o->text[0][1], "%s", name);
	o->opts[o->n] = (struct form_option){ o->text[o->n][0], o->text[o->n][1] };
	o->n++;
	return 0;
}

static int user_form(struct http_req *req, struct http_resp *resp, const struct field_errors *fe, unsigned status)
{
	struct web_page pg;
	web_begin_errors(&pg, req, resp, "Add a user", fe);
	struct html *h = &pg.h;
	html_elem(h, "h1", "Add a user", NULL);
	html_elem(h, "p", "You will get a link to send to the person: they choose their own password with it, within 7 days.",
		  NULL);
	form_begin(h, "/admin/users", req->auth.csrf);
	form_input(h, &(struct form_field){ .name = "name", .label = "Full name", .value = http_form(req, "name"),
					    .errors = fe });
	form_input(h, &(struct form_field){ .name = "email", .label = "Email address", .type = "email",
					    .value = http_form(req, "email"), .errors = fe });
	struct form_option roles[ROLE__MAX + 1];
	int n = 0;
	for (int r = 1; r < ROLE__MAX; r++)
		if (account_may_grant(req->auth.role, (enum role)r))
			roles[n++] = (struct form_option){ role_code[r], role_label[r] };
	roles[n] = (struct form_option){ NULL, NULL };
	form_select(h, &(struct form_field){ .name = "role", .label = "Role", .value = http_form(req, "role"),
					     .hint = "Roles that read people's records are shown to the programme lead.",
					     .errors = fe },
		    roles);
	if (is_admin(req)) {
		struct opt_list *orgs = calloc(1, sizeof *orgs);
		if (!orgs || account_org_list(req->db, org_opt, orgs)) {
			free(orgs);
			return -1;
		}
		orgs->opts[orgs->n] = (struct form_option){ NULL, NULL };
		form_select(h, &(struct form_field){ .name = "org", .label = "Organisation",
						     .value = http_form(req, "org") ? http_form(req, "org") : http_query(req, "org"),
						     .errors = fe },
			    orgs->opts);
		free(orgs);
	}
	form_button(h, "Add user");
	form_end(h);
	return web_end(&pg, resp, status);
}

static int users_new(struct http_req *req, struct http_resp *resp)
{
	return user_form(req, resp, NULL, 200);
}

/* The invitation link, shown once: only its hash is kept. */
static int invitation_shown(struct http_req *req, struct http_resp *resp, const char *token)
{
	const char *host = http_header(req, "Host"), *proto = http_header(req, "X-Forwarded-Proto");
	char link[512];
	snprintf(link, sizeof link, "%s://%s/invitation?token=%s", proto && strcmp(proto, "https") == 0 ? "https" : "http",
		 host && *host && !strpbrk(host, "/?#@ ") ? host : "localhost", token);
	struct web_page pg;
	web_begin(&pg, req, resp, "User added");
	struct html *h = &pg.h;
	html_open(h, "div", "class", "nhsuk-panel", NULL);
	html_elem(h, "h1", "User added", "class", "nhsuk-panel__title", NULL);
	html_elem(h, "div", http_form(req, "name"), "class", "nhsuk-panel__body", NULL);
	html_close(h);
	html_elem(h, "h2", "Send them this link", NULL);
	html_elem(h, "p", "They choose their password with it. It works once, for 7 days, and is shown only now.", NULL);
	html_open(h, "p", NULL);
	html_elem(h, "code", link, "id", "invitation-link", NULL);
	html_close(h);
	html_open(h, "p", NULL);
	html_elem(h, "a", "Back to users", "href", "/admin/users", NULL);
	html_close(h);
	return web_end(&pg, resp, 200);
}

static int users_create(struct http_req *req, struct http_resp *resp)
{
	struct web_post p;
	if (!web_post_fe(&p, req))
		return p.rc;
	struct ops_user_new in = { http_form(req, "name"), http_form(req, "email"), http_form(req, "role"),
				   http_form(req, "org"), NULL };
	int64_t id = 0;
	char token[SECRET_TOKEN_HEX];
	enum ops_result r = ops_user_add(&p.c, &in, p.fe, &id, token);
	return web_post_end(&p, r == OPS_OK        ? invitation_shown(req, resp, token)
				: r == OPS_INVALID ? user_form(req, resp, p.fe, 422)
						   : web_ops_reply(req, resp, r, "The user was not added", p.fe));
}

static int users_set_active(struct http_req *req, struct http_resp *resp, int active)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r = ops_user_set_active(&c, id, active);
	if (r != OPS_OK)
		return web_ops_reply(req, resp, r, "The account was not changed", NULL);
	return http_redirect(resp, active ? "/admin/users?done=activated" : "/admin/users?done=deactivated");
}

static int users_deactivate_confirm(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	struct account_listed a;
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r = ops_user_for_deactivation(&c, id, &a);
	if (r != OPS_OK)
		return web_ops_reply(req, resp, r, "The account cannot be deactivated", NULL);
	char title[200], action[64];
	snprintf(title, sizeof title, "Deactivate %s?", a.u.name);
	snprintf(action, sizeof action, "/admin/users/%lld/deactivate", (long long)id);
	struct web_page pg;
	web_begin(&pg, req, resp, title);
	struct html *h = &pg.h;
	html_elem(h, "a", "Back to users", "class", "nhsuk-back-link", "href", "/admin/users", NULL);
	html_elem(h, "h1", title, NULL);
	html_open(h, "p", NULL);
	html_textf(h, "%s (%s, %s) will be signed out at once, their API tokens will stop working, and they will not be able "
		      "to sign in until the account is reactivated.", a.u.name, a.u.email, role_label[a.u.role]);
	html_close(h);
	form_begin(h, action, req->auth.csrf);
	html_open(h, "div", "class", "nhsuk-button-group", NULL);
	html_elem(h, "button", "Yes, deactivate", "class", "nhsuk-button nhsuk-button--warning", "type", "submit", NULL);
	html_elem(h, "a", "No, go back", "class", "nhsuk-link", "href", "/admin/users", NULL);
	html_close(h);
	form_end(h);
	return web_end(&pg, resp, 200);
}

static int users_deactivate(struct http_req *req, struct http_resp *resp)
{
	return users_set_active(req, resp, 0);
}

static int users_activate(struct http_req *req, struct http_resp *resp)
{
	return users_set_active(req, resp, 1);
}

const struct route web_admin_routes[] = {
	{ "GET", "/admin/users", users_list, PERM_ADMIN_USERS, "List accounts (own organisation for managers)" },
	{ "GET", "/admin/users/new", users_new, PERM_ADMIN_USERS, "Form to add an account" },
	{ "POST", "/admin/users", users_create, PERM_ADMIN_USERS, "Add an account; shows its one-time invitation link" },
	{ "POST", "/admin/users/{id}/deactivate", users_deactivate, PERM_ADMIN_USERS, "Deactivate an account (ends its sessions, revokes its tokens)", "user" },
	{ "GET", "/admin/users/{id}/deactivate", users_deactivate_confirm, PERM_ADMIN_USERS, "Ask before deactivating an account", "user" },
	{ "POST", "/admin/users/{id}/activate", users_activate, PERM_ADMIN_USERS, "Reactivate an account (its old tokens stay revoked)", "user" },
	{ 0 },
};
