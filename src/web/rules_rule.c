/* One triage rule as a form (GET /triage-rules?rule=N, POST /triage-rules with rule_index): the rule's conditions, tier and reason in plain fields, saved as a new version of the whole rule set through the same checks as the JSON editor. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/triage_rules.h"
#include "http/ops_reply.h"
#include "ops/triage.h"
#include "store/triage.h"
#include "web/form.h"
#include "web/rules_rule.h"
#include "web/web.h"

#define OPTS_MAX 24

/* The posted values of a repeated field, as set bits of codes found by from_code. */
static uint32_t posted_set(struct http_req *req, const char *name, int (*from_code)(const char *))
{
	uint32_t set = 0;
	http_form(req, "csrf_token"); /* parses the form */
	for (int i = 0; i < req->nform; i++)
		if (strcmp(req->form[i].name, name) == 0) {
			int v = from_code(req->form[i].value);
			if (v >= 0)
				set |= TRIAGE_BIT(v);
		}
	return set;
}

static void set_boxes(struct html *h, const char *name, const char *label, const char *hint, uint32_t set, int n,
		      const char *(*code)(int), const char *(*lab)(int), const struct field_errors *fe)
{
	struct form_option opts[OPTS_MAX + 1];
	const char *checked[OPTS_MAX + 1];
	int k = 0, c = 0;
	for (int i = 0; i < n && k < OPTS_MAX; i++) {
		opts[k++] = (struct form_option){ code(i), lab(i) };
		if (set & TRIAGE_BIT(i))
			checked[c++] = code(i);
	}
	opts[k] = (struct form_option){ NULL, NULL };
	checked[c] = NULL;
	form_checkboxes(h, &(struct form_field){ .name = name, .label = label, .hint = hint, .errors = fe }, opts,
			checked);
}

static const char *flag_code(enum triage_flag f)
{
	return f == TRIAGE_FLAG_YES ? "yes" : f == TRIAGE_FLAG_NO ? "no" : "any";
}

static void flag_radios(struct html *h, const char *name, const char *label, enum triage_flag f,
			const struct field_errors *fe)
{
	static const struct form_option opts[] = {
		{ "any", "Not tested" }, { "yes", "Yes" }, { "no", "No" }, { NULL, NULL },
	};
	form_radios(h, &(struct form_field){ .name = name, .label = label, .value = flag_code(f), .errors = fe }, opts);
}

static const char *tier_code_i(int i) { return triage_tier_code(i); }
static const char *tier_label_i(int i) { return triage_tier_label(i); }

/* The form for rule r (the rules' index i), with fe's problems. */
static void rule_fields(struct html *h, const struct triage_rule *r, const struct field_errors *fe)
{
	char age_min[16] = "", age_max[16] = "";
	if (r->age_min >= 0)
		snprintf(age_min, sizeof age_min, "%d", r->age_min);
	if (r->age_max >= 0)
		snprintf(age_max, sizeof age_max, "%d", r->age_max);
	form_input(h, &(struct form_field){ .name = "name", .label = "Name", .value = r->name, .errors = fe,
					    .hint = "Short, lower case, with hyphens: it is recorded with each triage",
					    .width = "nhsuk-input--width-20" });
	html_elem(h, "h2", "When it applies", "class", "nhsuk-heading-m", NULL);
	html_elem(h, "p", "Every condition you set must hold. Leave a condition empty not to test it.", NULL);
	set_boxes(h, "source", "Referral source is one of", NULL, r->sources, TRIAGE_SOURCE__MAX, triage_source_code,
		  triage_source_label, fe);
	set_boxes(h, "reasons_any", "At least one of the reasons is", NULL, r->reasons_any, TRIAGE_REASON__MAX,
		  triage_reason_code, triage_reason_label, fe);
	set_boxes(h, "reasons_only", "Every reason is one of", "The referral gives reasons and none is outside these",
		  r->reasons_only, TRIAGE_REASON__MAX, triage_reason_code, triage_reason_label, fe);
	set_boxes(h, "reasons_all", "All of these reasons are given", NULL, r->reasons_all, TRIAGE_REASON__MAX,
		  triage_reason_code, triage_reason_label, fe);
	set_boxes(h, "reasons_none", "None of these reasons is given", NULL, r->reasons_none, TRIAGE_REASON__MAX,
		  triage_reason_code, triage_reason_label, fe);
	form_input(h, &(struct form_field){ .name = "age_min", .label = "Aged at least", .hint = "Whole years",
					    .value = age_min, .errors = fe, .width = "nhsuk-input--width-3" });
	form_input(h, &(struct form_field){ .name = "age_max", .label = "Aged at most", .hint = "Whole years",
					    .value = age_max, .errors = fe, .width = "nhsuk-input--width-3" });
	flag_radios(h, "safeguarding", "A safeguarding concern is flagged", r->safeguarding, fe);
	flag_radios(h, "lives_alone", "The person lives alone", r->lives_alone, fe);
	flag_radios(h, "discharge", "Discharge support (a discharge team's referral or discharge details)", r->discharge,
		    fe);
	set_boxes(h, "urgency", "Urgency is one of", NULL, r->urgencies, TRIAGE_URGENCY__MAX, triage_urgency_code,
		  triage_urgency_label, fe);
	html_elem(h, "h2", "What it suggests", "class", "nhsuk-heading-m", NULL);
	struct form_option tiers[TRIAGE_TIER__MAX + 1];
	for (int i = 0; i < TRIAGE_TIER__MAX; i++)
		tiers[i] = (struct form_option){ tier_code_i(i), tier_label_i(i) };
	tiers[TRIAGE_TIER__MAX] = (struct form_option){ NULL, NULL };
	form_radios(h, &(struct form_field){ .name = "tier", .label = "Tier", .value = triage_tier_code(r->tier),
					     .errors = fe },
		    tiers);
	static const struct form_option yes_no[] = { { "yes", "Yes" }, { "no", "No" }, { NULL, NULL } };
	form_radios(h, &(struct form_field){ .name = "home_check", .label = "Suggest a home check before discharge",
					     .value = r->home_check ? "yes" : "no", .errors = fe },
		    yes_no);
	form_textarea(h, &(struct form_field){ .name = "reason", .label = "Reason shown to the hub", .value = r->reason,
					       .errors = fe,
					       .hint = "You can use {source}, {reasons}, {matched}, {age}, {urgency}, {rule} "
						       "and {tier}" },
		      4);
}

static int rule_page(struct http_req *req, struct http_resp *resp, size_t i, const struct triage_rule *r,
		     int version, const struct field_errors *fe, unsigned status)
{
	char title[112], idx[24];
	snprintf(title, sizeof title, "Rule %zu: %s", i + 1, r->name);
	snprintf(idx, sizeof idx, "%zu", i);
	struct web_page pg;
	web_begin_errors(&pg, req, resp, title, fe);
	struct html *h = &pg.h;
	html_open(h, "div", "class", "nhsuk-grid-row", NULL);
	html_open(h, "div", "class", "nhsuk-grid-column-two-thirds", NULL);
	html_elem(h, "a", "Back to the triage rules", "class", "nhsuk-back-link", "href", "/triage-rules", NULL);
	html_open(h, "h1", NULL);
	html_elem(h, "span", "Triage rules: change a rule", "class", "nhsuk-caption-l", NULL);
	html_text(h, title);
	html_close(h);
	html_open(h, "p", NULL);
	html_textf(h, "Rules are tried in order; the first that applies suggests the tier. Saving makes version %d of "
		      "the rules, which is then in force.",
		   version + 1);
	html_close(h);
	form_begin(h, "/triage-rules", req->auth.csrf[0] ? req->auth.csrf : NULL);
	html_void(h, "input", "type", "hidden", "name", "rule_index", "value", idx, NULL);
	rule_fields(h, r, fe);
	form_button(h, "Save the rule");
	form_end(h);
	html_close(h);
	html_close(h);
	return web_end(&pg, resp, status);
}

int web_rule_form(struct http_req *req, struct http_resp *resp, const char *which)
{
	struct triage_rules *rules = malloc(sizeof *rules);
	char *json = NULL;
	if (!rules)
		return -1;
	if (triage_rules_load(req->db, rules, &json) < 0) {
		free(rules);
		return http_store_failed(req, resp);
	}
	free(json);
	char *end;
	long n = strtol(which, &end, 10);
	int rc;
	if (*end || n < 1 || (size_t)n > rules->n) {
		http_not_found(req, resp);
		rc = 0;
	} else {
		rc = rule_page(req, resp, (size_t)n - 1, &rules->rules[n - 1], rules->version, NULL, 200);
	}
	free(rules);
	return rc;
}

static json_t *codes_of(uint32_t set, int n, const char *(*code)(int))
{
	json_t *a = json_array();
	for (int i = 0; a && i < n; i++)
		if (set & TRIAGE_BIT(i))
			json_array_append_new(a, json_string(code(i)));
	return a;
}

static json_t *age_value(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);
	return *end == '\0' ? json_integer(v) : json_string(s);
}

/* The rule as posted, in the rules document's format. */
static json_t *posted_rule(struct http_req *req)
{
	json_t *rule = json_object(), *when = json_object(), *reasons = json_object();
	const char *name = http_form(req, "name"), *tier = http_form(req, "tier"), *reason = http_form(req, "reason");
	json_object_set_new(rule, "name", json_string(name ? name : ""));
	uint32_t src = posted_set(req, "source", triage_source_from_code);
	if (src)
		json_object_set_new(when, "source", codes_of(src, TRIAGE_SOURCE__MAX, triage_source_code));
	static const char *const groups[][2] = {
		{ "reasons_any", "any" }, { "reasons_all", "all" }, { "reasons_only", "only" }, { "reasons_none", "none" },
	};
	for (size_t g = 0; g < 4; g++) {
		uint32_t set = posted_set(req, groups[g][0], triage_reason_from_code);
		if (set)
			json_object_set_new(reasons, groups[g][1], codes_of(set, TRIAGE_REASON__MAX, triage_reason_code));
	}
	if (json_object_size(reasons))
		json_object_set(when, "reasons", reasons);
	const char *amin = http_form(req, "age_min"), *amax = http_form(req, "age_max");
	if ((amin && *amin) || (amax && *amax)) {
		json_t *age = json_object();
		if (amin && *amin)
			json_object_set_new(age, "min", age_value(amin));
		if (amax && *amax)
			json_object_set_new(age, "max", age_value(amax));
		json_object_set_new(when, "age", age);
	}
	static const char *const flags[] = { "safeguarding", "lives_alone", "discharge" };
	for (size_t f = 0; f < 3; f++) {
		const char *v = http_form(req, flags[f]);
		if (v && (strcmp(v, "yes") == 0 || strcmp(v, "no") == 0))
			json_object_set_new(when, flags[f], json_boolean(strcmp(v, "yes") == 0));
	}
	uint32_t urg = posted_set(req, "urgency", triage_urgency_from_code);
	if (urg)
		json_object_set_new(when, "urgency", codes_of(urg, TRIAGE_URGENCY__MAX, triage_urgency_code));
	if (json_object_size(when))
		json_object_set(rule, "when", when);
	json_object_set_new(rule, "tier", json_string(tier ? tier : ""));
	const char *hc = http_form(req, "home_check");
	if (hc && strcmp(hc, "yes") == 0)
		json_object_set_new(rule, "home_check", json_true());
	json_object_set_new(rule, "reason", json_string(reason ? reason : ""));
	json_decref(when);
	json_decref(reasons);
	return rule;
}

/* The form field a problem of the rules document (at "rules[i].path") belongs to. */
static const char *field_of(const char *path)
{
	static const char *const map[][2] = {
		{ "when.source", "source" },	   { "when.reasons.any", "reasons_any" },
		{ "when.reasons.all", "reasons_all" }, { "when.reasons.only", "reasons_only" },
		{ "when.reasons.none", "reasons_none" }, { "when.reasons", "reasons_any" },
		{ "when.age.max", "age_max" },	   { "when.age", "age_min" },
		{ "when.safeguarding", "safeguarding" }, { "when.lives_alone", "lives_alone" },
		{ "when.discharge", "discharge" },	   { "when.urgency", "urgency" },
		{ "when", "source" },		   { "tier", "tier" },
		{ "home_check", "home_check" },	   { "reason", "reason" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strncmp(path, map[i][0], strlen(map[i][0])) == 0)
			return map[i][1];
	return "name";
}

int web_rule_save(struct http_req *req, struct http_resp *resp, const char *which)
{
	struct triage_rules *rules = malloc(sizeof *rules);
	struct field_errors *fe = ops_fielderr_new(), *shown = ops_fielderr_new();
	char *json = NULL, *text = NULL;
	json_t *doc = NULL;
	int rc = -1;
	if (!rules || !fe || !shown)
		goto out;
	if (triage_rules_load(req->db, rules, &json) < 0) {
		rc = http_store_failed(req, resp);
		goto out;
	}
	char *end;
	long i = strtol(which, &end, 10);
	if (*end || i < 0 || (size_t)i >= rules->n) {
		http_not_found(req, resp);
		rc = 0;
		goto out;
	}
	doc = triage_rules_to_json(rules);
	json_t *list = doc ? json_object_get(doc, "rules") : NULL;
	if (!list || json_array_set_new(list, (size_t)i, posted_rule(req)) ||
	    json_object_set_new(doc, "version", json_integer(rules->version + 1)) ||
	    !(text = json_dumps(doc, JSON_INDENT(2))))
		goto out;
	struct ops_ctx c = http_ops_ctx(req);
	int version = 0;
	enum ops_result r = ops_triage_rules_save(&c, text, &version, fe);
	if (r == OPS_OK) {
		char loc[64];
		snprintf(loc, sizeof loc, "/triage-rules?saved=%d", version);
		rc = http_redirect(resp, loc);
	} else if (r == OPS_INVALID) {
		char prefix[32];
		int plen = snprintf(prefix, sizeof prefix, "rules[%ld].", i);
		for (size_t k = 0; k < fe->n; k++) {
			const char *p = fe->e[k].field;
			const char *field = strncmp(p, prefix, (size_t)plen) == 0 ? field_of(p + plen) : "name";
			if (!fielderr_for(shown, field))
				fielderr_add(shown, field, "%s", fe->e[k].message);
		}
		/* Show the rule as posted: parse what was sent into the form's shape where it can be. */
		struct triage_rule shown_rule = rules->rules[i];
		const char *name = http_form(req, "name"), *reason = http_form(req, "reason");
		snprintf(shown_rule.name, sizeof shown_rule.name, "%s", name ? name : "");
		snprintf(shown_rule.reason, sizeof shown_rule.reason, "%s", reason ? reason : "");
		shown_rule.sources = posted_set(req, "source", triage_source_from_code);
		shown_rule.reasons_any = posted_set(req, "reasons_any", triage_reason_from_code);
		shown_rule.reasons_all = posted_set(req, "reasons_all", triage_reason_from_code);
		shown_rule.reasons_only = posted_set(req, "reasons_only", triage_reason_from_code);
		shown_rule.reasons_none = posted_set(req, "reasons_none", triage_reason_from_code);
		shown_rule.urgencies = posted_set(req, "urgency", triage_urgency_from_code);
		int t = triage_tier_from_code(http_form(req, "tier"));
		if (t >= 0)
			shown_rule.tier = (enum triage_tier)t;
		rc = rule_page(req, resp, (size_t)i, &shown_rule, rules->version, shown, 422);
	} else {
		rc = web_ops_reply(req, resp, r, "Triage rules", fe);
	}
out:
	json_decref(doc);
	free(text);
	free(json);
	free(rules);
	free(fe);
	free(shown);
	return rc;
}
