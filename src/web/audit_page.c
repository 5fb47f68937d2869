/* The audit trail page for the programme lead and administrators, with
 * filters, and the "who has looked at this record" table for person pages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/londontime.h"
#include "http/audit_req.h"
#include "util/urlq.h"
#include "web/form.h"
#include "web/web.h"

struct audit_rows {
	struct html *h;
	int64_t last_id;
	int n;
};

static int audit_row(void *ctx, const struct audit_listed *ev)
{
	struct audit_rows *a = ctx;
	struct html *h = a->h;
	char when[32], who[64], entity[96];
	london_format(ev->at, when);
	snprintf(who, sizeof who, "user %lld (%s, org %lld)", (long long)ev->user_id, ev->role, (long long)ev->org_id);
	if (ev->entity_id)
		snprintf(entity, sizeof entity, "%s %lld", ev->entity, (long long)ev->entity_id);
	else
		snprintf(entity, sizeof entity, "%s", ev->entity);
	html_open(h, "tr", "class", "nhsuk-table__row", NULL);
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)ev->id);
	html_elem(h, "td", id, "class", "nhsuk-table__cell", NULL);
	html_elem(h, "td", when, "class", "nhsuk-table__cell", NULL);
	html_elem(h, "td", who, "class", "nhsuk-table__cell", NULL);
	html_elem(h, "td", ev->action, "class", "nhsuk-table__cell", NULL);
	if (ev->person_id) {
		char href[48], label[160];
		snprintf(href, sizeof href, "/audit/people/%lld", (long long)ev->person_id);
		snprintf(label, sizeof label, "%s (person %lld)", entity, (long long)ev->person_id);
		html_open(h, "td", "class", "nhsuk-table__cell", NULL);
		html_elem(h, "a", label, "href", href, NULL);
		html_close(h);
	} else {
		html_elem(h, "td", entity, "class", "nhsuk-table__cell", NULL);
	}
	html_elem(h, "td", ev->addr, "class", "nhsuk-table__cell", NULL);
	html_elem(h, "td", ev->detail, "class", "nhsuk-table__cell", NULL);
	html_close(h);
	a->last_id = ev->id;
	a->n++;
	return 0;
}

static void audit_table(struct html *h, const char *caption)
{
	html_open(h, "table", "class", "nhsuk-table-responsive", NULL);
	html_elem(h, "caption", caption, "class", "nhsuk-table__caption", NULL);
	html_open(h, "thead", "class", "nhsuk-table__head", NULL);
	html_open(h, "tr", "class", "nhsuk-table__row", NULL);
	static const char *const cols[] = { "Event", "When", "Who", "Action", "Record", "Address", "Detail" };
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
		html_elem(h, "th", cols[i], "class", "nhsuk-table__header", "scope", "col", NULL);
	html_close(h);
	html_close(h);
	html_open(h, "tbody", "class", "nhsuk-table__body", NULL);
}

static int64_t query_int(const struct http_req *req, const char *name, int64_t def)
{
	const char *s = http_query(req, name);
	if (!s || !*s)
		return def;
	char *end;
	long long v = strtoll(s, &end, 10);
	return *end || v < 0 ? def : v;
}

int web_person_access(struct html *h, struct http_req *req, int64_t person_id)
{
	html_elem(h, "h2", "Who has looked at this record", NULL);
	audit_table(h, "Every read and change of this person's record, newest first");
	struct audit_rows a = { h, 0, 0 };
	int r = audit_list(req->db, &(struct audit_filter){ .person_id = person_id, .before_id = INT64_MAX, .limit = 200 },
			   audit_row, &a);
	html_close(h);
	html_close(h);
	return r < 0 ? -1 : 0;
}

static int audit_page(struct http_req *req, struct http_resp *resp)
{
	const char *action = http_query(req, "action");
	if (!action || strlen(action) > 64)
		action = "";
	int64_t user = query_int(req, "user_id", 0), person = query_int(req, "person_id", 0);
	int64_t before = query_int(req, "before", INT64_MAX);
	struct web_page pg;
	web_begin(&pg, req, resp, "Audit trail");
	struct html *h = &pg.h;
	html_elem(h, "h1", "Audit trail", NULL);
	html_elem(h, "p", "Every sign-in, every refusal and every read or change of a person's record. "
			  "Run `waymark audit verify` to check that no event has been altered.", NULL);
	html_open(h, "form", "method", "get", "action", "/audit", NULL);
	char u[24] = "", p[24] = "";
	if (user)
		snprintf(u, sizeof u, "%lld", (long long)user);
	if (person)
		snprintf(p, sizeof p, "%lld", (long long)person);
	form_input(h, &(struct form_field){ .name = "action", .label = "Action", .hint = "For example login.fail or referral.read",
					    .value = action, .width = "nhsuk-input--width-20" });
	form_input(h, &(struct form_field){ .name = "user_id", .label = "User id", .value = u, .width = "nhsuk-input--width-10" });
	form_input(h, &(struct form_field){ .name = "person_id", .label = "Person id", .value = p, .width = "nhsuk-input--width-10" });
	html_elem(h, "button", "Filter", "class", "nhsuk-button nhsuk-button--secondary", "type", "submit", NULL);
	html_close(h);
	audit_table(h, "Audit events, newest first");
	struct audit_rows a = { h, 0, 0 };
	if (audit_list(req->db,
		       &(struct audit_filter){ .action = action, .user_id = user, .person_id = person,
					       .before_id = before, .limit = 100 },
		       audit_row, &a) < 0)
		return -1;
	html_close(h);
	html_close(h);
	if (a.n == 100) {
		char next[512];
		struct urlq q;
		urlq_init(&q, next, sizeof next, "/audit");
		urlq_add(&q, "action", action);
		urlq_add_int(&q, "user_id", user, 1);
		urlq_add_int(&q, "person_id", person, 1);
		urlq_add_int(&q, "before", a.last_id, 0);
		html_elem(h, "a", "Older events", "href", next, NULL);
	}
	http_audit(req, AUDIT_AUDIT_READ, "audit", 0, person, action);
	return web_end(&pg, resp, 200);
}

/* "Who has looked at this person's record": every audited read and change
 * of one person's record. It shows the person's id only, so administrators
 * (who manage accounts, not records) can answer the question too. */
static int person_access_page(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	int64_t found = 0;
	if (store_get_int(req->db, STMT_AUDIT_PERSON_EXISTS, &found, "i", id) < 0)
		return -1;
	if (!found)
		return http_problem(resp, 404, "Not found", "There is no person with that id.");
	char title[64];
	snprintf(title, sizeof title, "Person %lld: who has looked", (long long)id);
	struct web_page pg;
	web_begin(&pg, req, resp, title);
	html_elem(&pg.h, "h1", title, NULL);
	if (web_person_access(&pg.h, req, id))
		return -1;
	http_audit(req, AUDIT_AUDIT_PERSON, "person", id, id, "");
	return web_end(&pg, resp, 200);
}

const struct route web_audit_routes[] = {
	{ "GET", "/audit", audit_page, PERM_AUDIT_READ, "Audit trail with filters" },
	{ "GET", "/audit/people/{id}", person_access_page, PERM_AUDIT_READ, "Who has looked at this person's record", "person" },
	{ 0 },
};
