/* The audit trail page for the programme lead and administrators, with
 * filters, and the "who has looked at this record" table for person pages. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/audit_label.h"
#include "core/londontime.h"
#include "http/audit_req.h"
#include "util/idlist.h"
#include "util/urlq.h"
#include "web/form.h"
#include "web/web.h"

struct audit_rows {
	struct html *h;
	int64_t last_id;
	int n;
	int names;              /* the viewer may see people's names (not an administrator) */
	struct idlist people;   /* the people named, for the page's own audit event */
};

/* What was touched, in words: a referral by its reference, a user or a
 * person by name, anything else by its kind and number. */
static void record_words(const struct audit_listed *ev, int names, char *out, size_t len)
{
	if (!strcmp(ev->entity, "referral") && ev->reference[0])
		snprintf(out, len, "Referral %s", ev->reference);
	else if (!strcmp(ev->entity, "user") && ev->entity_user_name[0])
		snprintf(out, len, "User %s", ev->entity_user_name);
	else if (!strcmp(ev->entity, "person") && names && ev->person_name[0])
		snprintf(out, len, "%s", ev->person_name);
	else if (ev->entity_id)
		snprintf(out, len, "%c%s %lld", toupper((unsigned char)ev->entity[0]), ev->entity[0] ? ev->entity + 1 : "",
			 (long long)ev->entity_id);
	else if (ev->entity[0])
		snprintf(out, len, "%c%s", toupper((unsigned char)ev->entity[0]), ev->entity + 1);
	else
		out[0] = '\0';
	for (char *c = out; *c; c++)
		if (*c == '_')
			*c = ' ';
}

static int audit_row(void *ctx, const struct audit_listed *ev)
{
	struct audit_rows *a = ctx;
	struct html *h = a->h;
	char when[32], who[320], record[200], action[128];
	london_format(ev->at, when);
	enum role role = role_from_code(ev->role);
	const char *role_words = role != ROLE_NONE ? role_label[role] : "";
	if (ev->user_name[0])
		snprintf(who, sizeof who, "%s (%s, %s)", ev->user_name, role_words, ev->org_name);
	else if (ev->user_id)
		snprintf(who, sizeof who, "User %lld", (long long)ev->user_id);
	else
		snprintf(who, sizeof who, "Not signed in");
	record_words(ev, a->names, record, sizeof record);
	audit_label(ev->action, action, sizeof action);
	html_open(h, "tr", "class", "nhsuk-table__row", NULL);
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)ev->id);
	html_elem(h, "td", id, "class", "nhsuk-table__cell", NULL);
	html_elem(h, "td", when, "class", "nhsuk-table__cell", NULL);
	html_elem(h, "td", who, "class", "nhsuk-table__cell", NULL);
	html_elem(h, "td", action, "class", "nhsuk-table__cell", NULL);
	if (ev->person_id) {
		char href[48], label[420];
		snprintf(href, sizeof href, "/audit/people/%lld", (long long)ev->person_id);
		if (a->names && ev->person_name[0]) {
			if (strcmp(record, ev->person_name) == 0)
				snprintf(label, sizeof label, "%s", record);
			else
				snprintf(label, sizeof label, "%s (%s)", record, ev->person_name);
			idlist_add(&a->people, ev->person_id);
		} else if (!strcmp(ev->entity, "person")) {
			snprintf(label, sizeof label, "%s", record);
		} else {
			snprintf(label, sizeof label, "%s (person %lld)", record, (long long)ev->person_id);
		}
		html_open(h, "td", "class", "nhsuk-table__cell", NULL);
		html_elem(h, "a", label, "href", href, NULL);
		html_close(h);
	} else {
		html_elem(h, "td", record, "class", "nhsuk-table__cell", NULL);
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
	/* The person's own page shows their id only (administrators see it). */
	struct audit_rows a = { h, 0, 0, 0, { 0 } };
	int r = audit_list(req->db, &(struct audit_filter){ .person_id = person_id, .before_id = INT64_MAX, .limit = 200 },
			   audit_row, &a);
	idlist_free(&a.people);
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
	/* Administrators manage accounts, not records: people stay numbers for them. */
	struct audit_rows a = { h, 0, 0, req->auth.role != ROLE_ADMINISTRATOR, { 0 } };
	if (audit_list(req->db,
		       &(struct audit_filter){ .action = action, .user_id = user, .person_id = person,
					       .before_id = before, .limit = 100 },
		       audit_row, &a) < 0) {
		idlist_free(&a.people);
		return -1;
	}
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
	if (a.people.n)
		http_audit_people(req, AUDIT_AUDIT_READ, "audit", a.people.v, a.people.n, action);
	else
		http_audit(req, AUDIT_AUDIT_READ, "audit", 0, person, action);
	idlist_free(&a.people);
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
