/* The programme lead's triage rules editor: the rules in force as JSON in a textarea, every problem listed on
 * saving, a new version stored when they are valid, and the versions so far. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/londontime.h"
#include "http/audit_req.h"
#include "web/form.h"
#include "web/web.h"
#include "http/ops_reply.h"
#include "ops/triage.h"

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
	html_open(h, "p", "class", "nhsuk-body", NULL);
	html_textf(h, "Version %d is in force. Rules are tried in order and the first that matches suggests the tier; "
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
	return rules_form(req, resp, NULL, NULL, 200, NULL);
}

static int rules_post(struct http_req *req, struct http_resp *resp)
{
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
