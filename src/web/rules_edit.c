/* The programme lead's triage rules editor: the rules in force in a table, each with a form of its own
 * (web/rules_rule.c), and as JSON in a textarea for import and export, every problem listed on saving, a new
 * version stored when they are valid, and the versions so far. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/londontime.h"
#include "http/audit_req.h"
#include "web/form.h"
#include "web/web.h"
#include "http/ops_reply.h"
#include "ops/triage.h"
#include "web/rules_rule.h"

#define RULES_FIELD "rules_json"

static void history_row(void *ctx, const struct triage_rules_version *v)
{
	struct html *h = ctx;
	char ver[24], when[LONDON_FORMAT_LEN];
	snprintf(ver, sizeof ver, "%lld", (long long)v->version);
	london_format(v->saved_at, when);
	html_open(h, "tr", "class", "nhsuk-table__row", NULL);
	html_elem(h, "td", ver, "class", "nhsuk-table__cell", NULL);
	html_elem(h, "td", when, "class", "nhsuk-table__cell", NULL);
	html_elem(h, "td", v->saved_by[0] ? v->saved_by : "Built in", "class", "nhsuk-table__cell", NULL);
	html_elem(h, "td", v->active ? "In force" : "", "class", "nhsuk-table__cell", NULL);
	html_close(h);
}

static void condition(struct buf *b, const char *text)
{
	if (b->len)
		buf_puts(b, "; ");
	buf_puts(b, text);
}

static void set_text(struct buf *b, const char *what, uint32_t set, int n, const char *(*label)(int))
{
	if (!set)
		return;
	if (b->len)
		buf_puts(b, "; ");
	buf_puts(b, what);
	const char *sep = " ";
	for (int i = 0; i < n; i++)
		if (set & TRIAGE_BIT(i)) {
			buf_printf(b, "%s%s", sep, label(i));
			sep = ", ";
		}
}

/* The rules in order, each with what it tests, what it suggests and a link to its form. */
static void rules_table(struct html *h, const struct triage_rules *rules)
{
	html_open(h, "table", "class", "nhsuk-table-responsive", NULL);
	html_elem(h, "caption", "The rules in force, tried in order", "class", "nhsuk-table__caption", NULL);
	html_open(h, "thead", "class", "nhsuk-table__head", NULL);
	html_open(h, "tr", "class", "nhsuk-table__row", NULL);
	static const char *const cols[] = { "Order", "Rule", "Applies when", "Suggests", "Action" };
	for (size_t i = 0; i < 5; i++)
		html_elem(h, "th", cols[i], "class", "nhsuk-table__header", "scope", "col", NULL);
	html_close(h);
	html_close(h);
	html_open(h, "tbody", "class", "nhsuk-table__body", NULL);
	for (size_t i = 0; i < rules->n; i++) {
		const struct triage_rule *r = &rules->rules[i];
		struct buf when;
		buf_init(&when, BUF_MAX_SMALL);
		set_text(&when, "source is", r->sources, TRIAGE_SOURCE__MAX, triage_source_label);
		set_text(&when, "a reason is", r->reasons_any, TRIAGE_REASON__MAX, triage_reason_label);
		set_text(&when, "every reason is one of", r->reasons_only, TRIAGE_REASON__MAX, triage_reason_label);
		set_text(&when, "all of", r->reasons_all, TRIAGE_REASON__MAX, triage_reason_label);
		set_text(&when, "none of", r->reasons_none, TRIAGE_REASON__MAX, triage_reason_label);
		if (r->age_min >= 0)
			buf_printf(&when, "%saged %d or over", when.len ? "; " : "", r->age_min);
		if (r->age_max >= 0)
			buf_printf(&when, "%saged %d or under", when.len ? "; " : "", r->age_max);
		if (r->safeguarding != TRIAGE_FLAG_ANY)
			condition(&when, r->safeguarding == TRIAGE_FLAG_YES ? "safeguarding concern" : "no safeguarding concern");
		if (r->lives_alone != TRIAGE_FLAG_ANY)
			condition(&when, r->lives_alone == TRIAGE_FLAG_YES ? "lives alone" : "does not live alone");
		if (r->discharge != TRIAGE_FLAG_ANY)
			condition(&when, r->discharge == TRIAGE_FLAG_YES ? "discharge support" : "not discharge support");
		set_text(&when, "urgency is", r->urgencies, TRIAGE_URGENCY__MAX, triage_urgency_label);
		char order[24], href[64];
		snprintf(order, sizeof order, "%zu", i + 1);
		snprintf(href, sizeof href, "/triage-rules?rule=%zu", i + 1);
		html_open(h, "tr", "class", "nhsuk-table__row", NULL);
		html_elem(h, "td", order, "class", "nhsuk-table__cell", NULL);
		html_elem(h, "td", r->name, "class", "nhsuk-table__cell", NULL);
		html_elem(h, "td", when.len ? when.data : "Always (the default)", "class", "nhsuk-table__cell", NULL);
		html_open(h, "td", "class", "nhsuk-table__cell", NULL);
		html_text(h, triage_tier_label(r->tier));
		if (r->home_check)
			html_text(h, ", with a home check");
		html_close(h);
		html_open(h, "td", "class", "nhsuk-table__cell", NULL);
		html_open(h, "a", "href", href, NULL);
		html_text(h, "Change");
		html_open(h, "span", "class", "nhsuk-u-visually-hidden", NULL);
		html_textf(h, " rule %s", r->name);
		html_close(h);
		html_close(h);
		html_close(h);
		html_close(h);
		buf_free(&when);
	}
	html_close(h);
	html_close(h);
}

/* fe: problems to show (NULL for none); text: what to put in the textarea (NULL: the rules in force). */
static int rules_form(struct http_req *req, struct http_resp *resp, const struct field_errors *fe, const char *text,
		      unsigned status, const char *notice)
{
	struct triage_rules *rules = malloc(sizeof *rules);
	char *json = NULL;
	if (!rules)
		return -1;
	if (triage_rules_load(req->db, rules, &json) < 0) {
		free(rules);
		return http_store_failed(req, resp);
	}
	struct web_page pg;
	web_begin_errors(&pg, req, resp, "Triage rules", fe);
	struct html *h = &pg.h;
	html_elem(h, "h1", "Triage rules", NULL);
	if (notice) {
		html_open(h, "div", "class", "nhsuk-inset-text", NULL);
		html_elem(h, "p", notice, NULL);
		html_close(h);
	}
	rules_table(h, rules);
	html_elem(h, "h2", "All the rules as JSON", "class", "nhsuk-heading-m", NULL);
	html_open(h, "p", "class", "nhsuk-body", NULL);
	html_textf(h, "Version %d is in force. For copying the rules out, or saving a whole set at once. Rules are tried in order and the first that matches suggests the tier; "
		      "the last rule, without \"when\", is the default. Raise \"version\" when you save a change. ",
		   rules->version);
	html_text(h, "The format is described in the Waymark documentation (docs/TRIAGE.md).");
	html_close(h);
	form_begin(h, "/triage-rules", req->auth.csrf[0] ? req->auth.csrf : NULL);
	form_textarea(h, &(struct form_field){ .name = RULES_FIELD, .label = "Rules (JSON)", .value = text ? text : json,
					       .hint = "Every triage records the version of the rules that made its suggestion.",
					       .errors = fe },
		      30);
	form_button(h, "Save a new version");
	form_end(h);
	free(json);
	free(rules);
	html_elem(h, "h2", "Versions", "class", "nhsuk-heading-m", NULL);
	html_open(h, "table", "class", "nhsuk-table-responsive", NULL);
	html_elem(h, "caption", "Versions of the triage rules, newest first", "class", "nhsuk-table__caption", NULL);
	html_open(h, "thead", "class", "nhsuk-table__head", NULL);
	html_open(h, "tr", "class", "nhsuk-table__row", NULL);
	static const char *const cols[] = { "Version", "Saved", "By", "Status" };
	for (size_t i = 0; i < 4; i++)
		html_elem(h, "th", cols[i], "class", "nhsuk-table__header", "scope", "col", NULL);
	html_close(h);
	html_close(h);
	html_open(h, "tbody", "class", "nhsuk-table__body", NULL);
	if (triage_rules_history(req->db, 50, history_row, h) < 0)
		return http_store_failed(req, resp);
	html_close(h);
	html_close(h);
	return web_end(&pg, resp, status);
}

static int rules_page(struct http_req *req, struct http_resp *resp)
{
	const char *rule = http_query(req, "rule");
	if (rule)
		return web_rule_form(req, resp, rule);
	const char *saved = http_query(req, "saved");
	char notice[96];
	if (saved) {
		snprintf(notice, sizeof notice, "Version %d saved. It is now in force.", atoi(saved));
		return rules_form(req, resp, NULL, NULL, 200, notice);
	}
	return rules_form(req, resp, NULL, NULL, 200, NULL);
}

static int rules_post(struct http_req *req, struct http_resp *resp)
{
	const char *rule = http_form(req, "rule_index");
	if (rule)
		return web_rule_save(req, resp, rule);
	const char *text = http_form(req, RULES_FIELD);
	struct field_errors *fe = ops_fielderr_new(), *shown = fe ? ops_fielderr_new() : NULL;
	if (!shown) {
		free(fe);
		return -1;
	}
	struct ops_ctx c = http_ops_ctx(req);
	int version = 0, rc;
	enum ops_result r = ops_triage_rules_save(&c, text, &version, fe);
	if (r == OPS_OK) {
		char notice[96];
		snprintf(notice, sizeof notice, "Version %d saved. It is now in force.", version);
		rc = rules_form(req, resp, NULL, NULL, 200, notice);
	} else if (r == OPS_INVALID) {
		/* One textarea holds the whole document: every problem links to it,
		 * and the message says where in the document it is. */
		for (size_t i = 0; i < fe->n; i++)
			fielderr_add(shown, RULES_FIELD, "%s: %s", fe->e[i].field, fe->e[i].message);
		rc = rules_form(req, resp, shown, text, 422, NULL);
	} else {
		rc = web_ops_reply(req, resp, r, "Triage rules", fe);
	}
	free(fe);
	free(shown);
	return rc;
}

const struct route web_rules_routes[] = {
	{ "GET", "/triage-rules", rules_page, PERM_TRIAGE_RULES_EDIT, "The triage rules editor, with the versions so far" },
	{ "POST", "/triage-rules", rules_post, PERM_TRIAGE_RULES_EDIT, "Save a new version of the triage rules" },
	{ 0 },
};
