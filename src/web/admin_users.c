/* Account management pages: administrators manage every account; provider
 * managers manage their own organisation's staff and volunteers only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/audit_req.h"
#include "store/account.h"
#include "web/form.h"
#include "web/web.h"

/* Roles a provider manager may give to people in their organisation. */
static int manager_may_grant(enum role r)
{
	return r == ROLE_LINK_WORKER || r == ROLE_SUPPORT_WORKER || r == ROLE_VOLUNTEER_COORDINATOR ||
	       r == ROLE_VOLUNTEER || r == ROLE_PROVIDER_MANAGER;
}

static int is_admin(const struct http_req *req)
{
	return req->auth.role == ROLE_ADMINISTRATOR;
}

struct user_list {
	struct html *h;
	const struct http_req *req;
};

static int user_row(void *ctx, const struct store_row *r)
{
	struct user_list *l = ctx;
	struct html *h = l->h;
	html_open(h, "tr", "class", "nhsuk-table__row", NULL);
	html_elem(h, "td", store_row_text(r, 2), "class", "nhsuk-table__cell", NULL);
	html_elem(h, "td", store_row_text(r, 1), "class", "nhsuk-table__cell", NULL);
	html_elem(h, "td", role_label[role_from_code(store_row_text(r, 3))], "class", "nhsuk-table__cell", NULL);
	html_elem(h, "td", store_row_text(r, 5), "class", "nhsuk-table__cell", NULL);
	int active = (int)store_row_int(r, 6);
	html_open(h, "td", "class", "nhsuk-table__cell", NULL);
	char action[64];
	snprintf(action, sizeof action, "/admin/users/%lld/%s", (long long)store_row_int(r, 0),
		 active ? "deactivate" : "activate");
	form_begin(h, action, l->req->auth.csrf);
	char label[200];
	snprintf(label, sizeof label, "%s %s", active ? "Deactivate" : "Reactivate", store_row_text(r, 2));
	html_elem(h, "button", active ? "Deactivate" : "Reactivate", "class",
		  "nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0", "type", "submit", "aria-label", label,
		  NULL);
	form_end(h);
	html_close(h);
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
	html_open(h, "table", "class", "nhsuk-table", NULL);
	html_elem(h, "caption", is_admin(req) ? "Every account" : "Accounts in your organisation", "class",
		  "nhsuk-table__caption", NULL);
	html_open(h, "thead", "class", "nhsuk-table__head", NULL);
	html_open(h, "tr", "class", "nhsuk-table__row", NULL);
	static const char *const cols[] = { "Name", "Email", "Role", "Organisation", "Action" };
	for (size_t i = 0; i < 5; i++)
		html_elem(h, "th", cols[i], "class", "nhsuk-table__header", "scope", "col", NULL);
	html_close(h);
	html_close(h);
	html_open(h, "tbody", "class", "nhsuk-table__body", NULL);
	struct user_list l = { h, req };
	int64_t org = is_admin(req) ? 0 : req->auth.org_id;
	if (store_exec(req->db, STMT_USER_LIST, user_row, &l, "ii", org, org) < 0)
		return -1;
	html_close(h);
	html_close(h);
	http_audit(req, AUDIT_USER_LIST, "user", 0, 0, "");
	return web_end(&pg, resp, 200);
}

struct opt_list {
	struct form_option opts[64];
	char text[64][2][160];
	int n;
};

static int org_opt_row(void *ctx, const struct store_row *r)
{
	struct opt_list *o = ctx;
	if (o->n >= 63)
		return 1;
	snprintf(o->text[o->n][0], sizeof o->text[0][0], "%lld", (long long)store_row_int(r, 0));
	snprintf(o->text[o->n][1], sizeof o->text[0][1], "%s", store_row_text(r, 1));
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
	form_begin(h, "/admin/users", req->auth.csrf);
	form_input(h, &(struct form_field){ .name = "name", .label = "Full name", .value = http_form(req, "name"),
					    .errors = fe });
	form_input(h, &(struct form_field){ .name = "email", .label = "Email address", .type = "email",
					    .value = http_form(req, "email"), .errors = fe });
	struct form_option roles[ROLE__MAX + 1];
	int n = 0;
	for (int r = 1; r < ROLE__MAX; r++)
		if (is_admin(req) || manager_may_grant((enum role)r))
			roles[n++] = (struct form_option){ role_code[r], role_label[r] };
	roles[n] = (struct form_option){ NULL, NULL };
	form_select(h, &(struct form_field){ .name = "role", .label = "Role", .value = http_form(req, "role"),
					     .errors = fe },
		    roles);
	if (is_admin(req)) {
		struct opt_list *orgs = calloc(1, sizeof *orgs);
		if (!orgs)
			return -1;
		store_exec(req->db, STMT_ORG_LIST, org_opt_row, orgs, "");
		orgs->opts[orgs->n] = (struct form_option){ NULL, NULL };
		form_select(h, &(struct form_field){ .name = "org", .label = "Organisation", .value = http_form(req, "org"),
						     .errors = fe },
			    orgs->opts);
		free(orgs);
	}
	form_input(h, &(struct form_field){ .name = "password", .label = "First password", .type = "password",
					    .hint = "At least 12 characters. They can change it after signing in.",
					    .autocomplete = "new-password", .errors = fe });
	form_button(h, "Add user");
	form_end(h);
	return web_end(&pg, resp, status);
}

static int users_new(struct http_req *req, struct http_resp *resp)
{
	return user_form(req, resp, NULL, 200);
}

static int users_create(struct http_req *req, struct http_resp *resp)
{
	struct field_errors fe;
	fielderr_init(&fe);
	const char *name = http_form(req, "name"), *email = http_form(req, "email");
	const char *role_s = http_form(req, "role"), *password = http_form(req, "password");
	enum role role = role_from_code(role_s);
	int64_t org = req->auth.org_id;
	if (!name || !*name || strlen(name) > 120)
		fielderr_add(&fe, "name", "Enter the person's full name (up to 120 characters)");
	if (!email || !strchr(email, '@') || strlen(email) > 254)
		fielderr_add(&fe, "email", "Enter an email address in the correct format, like name@example.org");
	if (role == ROLE_NONE || (!is_admin(req) && !manager_may_grant(role)))
		fielderr_add(&fe, "role", "Choose one of the roles listed");
	if (is_admin(req)) {
		const char *o = http_form(req, "org");
		if (!o || account_org_find(req->db, o, &org) != 1)
			fielderr_add(&fe, "org", "Choose an organisation");
	}
	if (!password || strlen(password) < 12 || strlen(password) > 1024)
		fielderr_add(&fe, "password", "Enter a password of at least 12 characters");
	if (fe.n)
		return user_form(req, resp, &fe, 422);
	int64_t id = 0;
	if (store_begin(req->db))
		return -1;
	if (account_user_add(req->db, email, name, role, org, password, req->now, &id)) {
		int dup = store_errcode(req->db) == STORE_CONSTRAINT;
		store_rollback(req->db);
		if (!dup)
			return -1;
		fielderr_add(&fe, "email", "There is already an account with this email address");
		return user_form(req, resp, &fe, 422);
	}
	if (http_audit(req, AUDIT_USER_CREATE, "user", id, 0, role_code[role]) || store_commit(req->db)) {
		store_rollback(req->db);
		return -1;
	}
	return http_redirect(resp, "/admin/users");
}

struct user_info {
	int found;
	int64_t org_id;
};

static int user_info_row(void *ctx, const struct store_row *r)
{
	struct user_info *u = ctx;
	u->found = 1;
	u->org_id = store_row_int(r, 4);
	return 1;
}

static int users_set_active(struct http_req *req, struct http_resp *resp, int active)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	struct user_info u = { 0, 0 };
	if (store_exec(req->db, STMT_USER_GET, user_info_row, &u, "i", id) < 0)
		return -1;
	/* A manager reaching for another organisation's account gets the same
	 * answer as for an id that does not exist. */
	if (!u.found || (!is_admin(req) && u.org_id != req->auth.org_id))
		return http_problem(resp, 404, "Not found", "There is no such user in your organisation.");
	if (store_begin(req->db))
		return -1;
	if (store_exec(req->db, STMT_USER_SET_ACTIVE, NULL, NULL, "ii", (int64_t)active, id) < 0 ||
	    (!active && store_exec(req->db, STMT_SESSION_END_USER, NULL, NULL, "i", id) < 0) ||
	    http_audit(req, active ? AUDIT_USER_ACTIVATE : AUDIT_USER_DEACTIVATE, "user", id, 0, "") || store_commit(req->db)) {
		store_rollback(req->db);
		return -1;
	}
	return http_redirect(resp, "/admin/users");
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
	{ "POST", "/admin/users", users_create, PERM_ADMIN_USERS, "Add an account" },
	{ "POST", "/admin/users/{id}/deactivate", users_deactivate, PERM_ADMIN_USERS, "Deactivate an account (ends its sessions)", "user" },
	{ "POST", "/admin/users/{id}/activate", users_activate, PERM_ADMIN_USERS, "Reactivate an account", "user" },
	{ 0 },
};
