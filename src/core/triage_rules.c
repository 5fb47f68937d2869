/* Triage rules as data: parsing and validating the JSON document, and the first-match suggestion. */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "core/triage_rules.h"

_Static_assert(TRIAGE_SOURCE__MAX <= 32 && TRIAGE_REASON__MAX <= 32 && TRIAGE_URGENCY__MAX <= 32,
	       "vocabulary sets are uint32_t bit sets");

struct vocab {
	const char *code;
	const char *label;
};

static const struct vocab tiers[TRIAGE_TIER__MAX] = {
	[TRIAGE_TIER_COMMUNITY_SUPPORT] = { "community_support", "Community support (volunteer-led, up to 2 weeks)" },
	[TRIAGE_TIER_COMPLEX_SUPPORT] = { "complex_support", "Complex and discharge support" },
	[TRIAGE_TIER_SOCIAL_PRESCRIBING] = { "social_prescribing", "Social prescribing (Living Well Worker)" },
	[TRIAGE_TIER_SIGNPOST] = { "signpost", "Signpost (information only)" },
	[TRIAGE_TIER_DECLINE] = { "decline", "Decline" },
};

static const struct vocab sources[TRIAGE_SOURCE__MAX] = {
	[TRIAGE_SOURCE_GP_PRACTICE] = { "gp_practice", "GP practice" },
	[TRIAGE_SOURCE_PRIMARY_CARE_OTHER] = { "primary_care_other", "Other primary care (PCN, nurse, pharmacist)" },
	[TRIAGE_SOURCE_ADULT_SOCIAL_CARE] = { "adult_social_care", "Adult social care" },
	[TRIAGE_SOURCE_ACUTE_HOSPITAL_DISCHARGE] = { "acute_hospital_discharge", "Acute hospital discharge team" },
	[TRIAGE_SOURCE_COMMUNITY_BED_DISCHARGE] = { "community_bed_discharge", "Community bed discharge team" },
	[TRIAGE_SOURCE_VCSE_PARTNER] = { "vcse_partner", "VCSE partner organisation" },
	[TRIAGE_SOURCE_SELF] = { "self", "Self-referral" },
	[TRIAGE_SOURCE_FAMILY_CARER] = { "family_carer", "Family member or carer" },
	[TRIAGE_SOURCE_OTHER] = { "other", "Other" },
};

static const struct vocab reasons[TRIAGE_REASON__MAX] = {
	[TRIAGE_REASON_SOCIAL_ISOLATION] = { "social_isolation", "Social isolation" },
	[TRIAGE_REASON_LONELINESS] = { "loneliness", "Loneliness" },
	[TRIAGE_REASON_LOW_MOOD] = { "low_mood", "Low mood and wellbeing" },
	[TRIAGE_REASON_DEBT] = { "debt", "Debt and money" },
	[TRIAGE_REASON_HOUSING] = { "housing", "Housing" },
	[TRIAGE_REASON_BENEFITS] = { "benefits", "Benefits and entitlements" },
	[TRIAGE_REASON_EMPLOYMENT] = { "employment", "Employment, training and volunteering" },
	[TRIAGE_REASON_CARER_SUPPORT] = { "carer_support", "Support for carers" },
	[TRIAGE_REASON_LONG_TERM_CONDITION] = { "long_term_condition", "Living with a long-term condition" },
	[TRIAGE_REASON_PHYSICAL_ACTIVITY] = { "physical_activity", "Physical activity" },
	[TRIAGE_REASON_HEALTHY_EATING] = { "healthy_eating", "Healthy eating" },
	[TRIAGE_REASON_SHOPPING] = { "shopping", "Help with shopping" },
	[TRIAGE_REASON_PRESCRIPTION_COLLECTION] = { "prescription_collection", "Prescription collection" },
	[TRIAGE_REASON_TRANSPORT] = { "transport", "Transport" },
	[TRIAGE_REASON_BEFRIENDING] = { "befriending", "Befriending" },
	[TRIAGE_REASON_PRACTICAL_HELP] = { "practical_help", "Practical help at home" },
	[TRIAGE_REASON_DISCHARGE_SUPPORT] = { "discharge_support", "Support on discharge from hospital or a community bed" },
	[TRIAGE_REASON_FREQUENT_ATTENDER] = { "frequent_attender", "Frequent attendance at primary or secondary care" },
};

static const struct vocab urgencies[TRIAGE_URGENCY__MAX] = {
	[TRIAGE_URGENCY_ROUTINE] = { "routine", "Routine" },
	[TRIAGE_URGENCY_SOON] = { "soon", "Soon" },
	[TRIAGE_URGENCY_URGENT] = { "urgent", "Urgent" },
};

#define NV(a) (sizeof(a) / sizeof((a)[0]))
#define ALL_REASONS (TRIAGE_BIT(TRIAGE_REASON__MAX) - 1)

static const char *v_code(const struct vocab *v, size_t n, int i)
{
	return i >= 0 && (size_t)i < n ? v[i].code : NULL;
}

static const char *v_label(const struct vocab *v, size_t n, int i)
{
	return i >= 0 && (size_t)i < n ? v[i].label : NULL;
}

static int v_find(const struct vocab *v, size_t n, const char *code)
{
	if (!code)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].code, code) == 0)
			return (int)i;
	return -1;
}

const char *triage_tier_code(int t) { return v_code(tiers, NV(tiers), t); }
const char *triage_tier_label(int t) { return v_label(tiers, NV(tiers), t); }
int triage_tier_from_code(const char *c) { return v_find(tiers, NV(tiers), c); }
const char *triage_source_code(int s) { return v_code(sources, NV(sources), s); }
const char *triage_source_label(int s) { return v_label(sources, NV(sources), s); }
int triage_source_from_code(const char *c) { return v_find(sources, NV(sources), c); }
const char *triage_reason_code(int r) { return v_code(reasons, NV(reasons), r); }
const char *triage_reason_label(int r) { return v_label(reasons, NV(reasons), r); }
int triage_reason_from_code(const char *c) { return v_find(reasons, NV(reasons), c); }
const char *triage_urgency_code(int u) { return v_code(urgencies, NV(urgencies), u); }
const char *triage_urgency_label(int u) { return v_label(urgencies, NV(urgencies), u); }
int triage_urgency_from_code(const char *c) { return v_find(urgencies, NV(urgencies), c); }

int triage_source_is_discharge(int s)
{
	return s == TRIAGE_SOURCE_ACUTE_HOSPITAL_DISCHARGE || s == TRIAGE_SOURCE_COMMUNITY_BED_DISCHARGE;
}

/* ---- Parsing ---- */

/* Where we are, for field paths and messages. */
struct pctx {
	struct field_errors *errs;
	size_t rule;    /* index of the rule being read */
	int in_rule;
};

/* Adds an error at field (a path below rules[i] while reading a rule, else
 * top level), prefixing the message with "rule i: " inside a rule. */
__attribute__((format(printf, 3, 4)))
static void perr(struct pctx *c, const char *field, const char *fmt, ...)
{
	char path[64], msg[FIELDERR_MSG];
	size_t off = 0;
	if (c->in_rule) {
		snprintf(path, sizeof path, "rules[%zu]%s%s", c->rule, *field ? "." : "", field);
		off = (size_t)snprintf(msg, sizeof msg, "rule %zu: ", c->rule);
	} else {
		snprintf(path, sizeof path, "%s", field);
	}
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg + off, sizeof msg - off, fmt, ap);
	va_end(ap);
	fielderr_add(c->errs, path, "%s", msg);
}

/* "unknown <what> '<value>'; allowed: a, b, c" — the list is cut at a code
 * boundary, ending in ", ...", only if it cannot fit in one message. */
static void err_unknown(struct pctx *c, const char *field, const char *what, const char *value,
			const struct vocab *v, size_t n)
{
	char head[96], list[FIELDERR_MSG];
	int used = snprintf(head, sizeof head, "unknown %s '%.24s%s'; allowed: ", what, value,
			    strlen(value) > 24 ? "..." : "");
	if (c->in_rule)
		used += snprintf(NULL, 0, "rule %zu: ", c->rule);
	size_t room = (size_t)used < FIELDERR_MSG - 1 ? FIELDERR_MSG - 1 - (size_t)used : 0;
	size_t len = 0;
	list[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t add = strlen(v[i].code) + (i ? 2 : 0);
		size_t tail = i + 1 < n ? 5 : 0; /* room for ", ..." if more follow */
		if (len + add + tail > room) {
			snprintf(list + len, sizeof list - len, "%s...", i ? ", " : "");
			break;
		}
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "", v[i].code);
	}
	perr(c, field, "%s%s", head, list);
}

static void err_keys(struct pctx *c, const char *field, const char *key, const char *const *allowed)
{
	char list[200];
	size_t len = 0;
	list[0] = '\0';
	for (size_t i = 0; allowed[i]; i++)
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "", allowed[i]);
	perr(c, field, "unknown key '%.32s'; allowed: %s", key, list);
}

/* Rejects keys of obj not in allowed (NULL-terminated). 0 if all known. */
static int check_keys(struct pctx *c, const char *prefix, json_t *obj, const char *const *allowed)
{
	const char *key;
	json_t *val;
	int bad = 0;
	json_object_foreach(obj, key, val) {
		size_t i;
		for (i = 0; allowed[i]; i++)
			if (strcmp(key, allowed[i]) == 0)
				break;
		if (!allowed[i]) {
			char field[64];
			snprintf(field, sizeof field, "%s%s%.32s", prefix, *prefix ? "." : "", key);
			err_keys(c, field, key, allowed);
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/* A list of vocabulary codes → bit set. Empty lists and repeats are errors. */
static int parse_codes(struct pctx *c, const char *field, json_t *arr, const char *what,
		       const struct vocab *v, size_t n, uint32_t *set)
{
	*set = 0;
	if (!json_is_array(arr)) {
		perr(c, field, "%s must be a list of %s codes, e.g. [\"%s\"]", field, what, v[0].code);
		return -1;
	}
	if (json_array_size(arr) == 0) {
		perr(c, field, "an empty list of %ss never matches; leave %s out to match any", what, field);
		return -1;
	}
	int bad = 0;
	size_t i;
	json_t *el;
	json_array_foreach(arr, i, el) {
		char f[64];
		snprintf(f, sizeof f, "%s[%zu]", field, i);
		if (!json_is_string(el)) {
			perr(c, f, "each %s must be a code in quotes, e.g. \"%s\"", what, v[0].code);
			bad = 1;
			continue;
		}
		int k = v_find(v, n, json_string_value(el));
		if (k < 0) {
			err_unknown(c, f, what, json_string_value(el), v, n);
			bad = 1;
			continue;
		}
		if (*set & TRIAGE_BIT(k)) {
			perr(c, f, "%s '%s' is listed twice", what, v[k].code);
			bad = 1;
			continue;
		}
		*set |= TRIAGE_BIT(k);
	}
	return bad ? -1 : 0;
}

static int parse_flag(struct pctx *c, const char *field, json_t *val, enum triage_flag *flag)
{
	if (!json_is_boolean(val)) {
		perr(c, field, "%s must be true or false", field);
		return -1;
	}
	*flag = json_is_true(val) ? TRIAGE_FLAG_YES : TRIAGE_FLAG_NO;
	return 0;
}

static int parse_age_bound(struct pctx *c, const char *field, json_t *val, int *out)
{
	if (!json_is_integer(val) || json_integer_value(val) < 0 || json_integer_value(val) > TRIAGE_AGE_LIMIT) {
		perr(c, field, "%s must be a whole number of years from 0 to %d", field, TRIAGE_AGE_LIMIT);
		return -1;
	}
	*out = (int)json_integer_value(val);
	return 0;
}

static const char *const placeholders[] = { "source", "reasons", "matched", "age", "urgency", "rule", "tier", NULL };

/* Checks a reason template's placeholders; 0 if it is well formed. */
static int check_template(struct pctx *c, const char *t)
{
	for (const char *p = t; *p; p++) {
		if (*p == '}') {
			if (p[1] == '}') {
				p++;
				continue;
			}
			perr(c, "reason", "a lone '}' at character %zu; write '}}' for a brace", (size_t)(p - t) + 1);
			return -1;
		}
		if (*p != '{')
			continue;
		if (p[1] == '{') {
			p++;
			continue;
		}
		const char *end = strchr(p + 1, '}');
		if (!end) {
			perr(c, "reason", "'{' at character %zu is not closed; write '{{' for a brace", (size_t)(p - t) + 1);
			return -1;
		}
		size_t len = (size_t)(end - p - 1);
		size_t i;
		for (i = 0; placeholders[i]; i++)
			if (strlen(placeholders[i]) == len && strncmp(placeholders[i], p + 1, len) == 0)
				break;
		if (!placeholders[i]) {
			perr(c, "reason", "unknown placeholder {%.*s}; allowed: {source}, {reasons}, {matched}, {age}, {urgency}, {rule}, {tier}",
			     (int)(len > 24 ? 24 : len), p + 1);
			return -1;
		}
		p = end;
	}
	return 0;
}

static const char *const rule_keys[] = { "name", "when", "tier", "home_check", "reason", NULL };
static const char *const when_keys[] = { "source", "reasons", "age", "safeguarding", "lives_alone", "discharge", "urgency", NULL };
static const char *const reasons_keys[] = { "any", "all", "only", "none", NULL };
static const char *const age_keys[] = { "min", "max", NULL };

static int parse_reasons(struct pctx *c, json_t *obj, struct triage_rule *r)
{
	if (!json_is_object(obj)) {
		perr(c, "when.reasons", "when.reasons must be an object with any of \"any\", \"all\", \"only\", \"none\"");
		return -1;
	}
	if (json_object_size(obj) == 0) {
		perr(c, "when.reasons", "when.reasons is empty; give \"any\", \"all\", \"only\" or \"none\", or leave it out");
		return -1;
	}
	int bad = check_keys(c, "when.reasons", obj, reasons_keys);
	json_t *v;
	if ((v = json_object_get(obj, "any")) && parse_codes(c, "when.reasons.any", v, "reason", reasons, NV(reasons), &r->reasons_any))
		bad = 1;
	if ((v = json_object_get(obj, "all")) && parse_codes(c, "when.reasons.all", v, "reason", reasons, NV(reasons), &r->reasons_all))
		bad = 1;
	if ((v = json_object_get(obj, "only")) && parse_codes(c, "when.reasons.only", v, "reason", reasons, NV(reasons), &r->reasons_only))
		bad = 1;
	if ((v = json_object_get(obj, "none")) && parse_codes(c, "when.reasons.none", v, "reason", reasons, NV(reasons), &r->reasons_none))
		bad = 1;
	if (bad)
		return -1;

	/* Conditions that no set of reasons can satisfy are almost certainly a
	 * mistake, and a rule that can never fire misleads whoever reads it. */
	uint32_t clash = r->reasons_all & r->reasons_none;
	if (clash) {
		perr(c, "when.reasons", "can never match: '%s' is in both \"all\" and \"none\"",
		     reasons[__builtin_ctz(clash)].code);
		return -1;
	}
	if (r->reasons_only) {
		uint32_t outside = r->reasons_all & ~r->reasons_only;
		if (outside) {
			perr(c, "when.reasons", "can never match: '%s' is in \"all\" but not in \"only\"",
			     reasons[__builtin_ctz(outside)].code);
			return -1;
		}
		if (!(r->reasons_only & ~r->reasons_none)) {
			perr(c, "when.reasons", "can never match: every reason in \"only\" is also in \"none\"");
			return -1;
		}
	}
	if (r->reasons_any) {
		uint32_t usable = r->reasons_any & ~r->reasons_none & (r->reasons_only ? r->reasons_only : ALL_REASONS);
		if (!usable) {
			perr(c, "when.reasons", "can never match: no reason in \"any\" is allowed by \"only\" and \"none\"");
			return -1;
		}
	}
	return 0;
}

static int parse_age(struct pctx *c, json_t *obj, struct triage_rule *r)
{
	if (!json_is_object(obj)) {
		perr(c, "when.age", "when.age must be an object such as {\"min\": 18, \"max\": 64}");
		return -1;
	}
	int bad = check_keys(c, "when.age", obj, age_keys);
	json_t *mn = json_object_get(obj, "min"), *mx = json_object_get(obj, "max");
	if (!mn && !mx && !bad) {
		perr(c, "when.age", "when.age needs \"min\", \"max\" or both");
		return -1;
	}
	if (mn && parse_age_bound(c, "when.age.min", mn, &r->age_min))
		bad = 1;
	if (mx && parse_age_bound(c, "when.age.max", mx, &r->age_max))
		bad = 1;
	if (!bad && r->age_min >= 0 && r->age_max >= 0 && r->age_min > r->age_max) {
		perr(c, "when.age", "min (%d) is greater than max (%d); ages are inclusive whole years", r->age_min, r->age_max);
		return -1;
	}
	return bad ? -1 : 0;
}

static int parse_when(struct pctx *c, json_t *w, struct triage_rule *r)
{
	if (!json_is_object(w)) {
		perr(c, "when", "when must be an object of conditions (leave it out for the default rule)");
		return -1;
	}
	int bad = check_keys(c, "when", w, when_keys);
	json_t *v;
	if ((v = json_object_get(w, "source")) && parse_codes(c, "when.source", v, "source", sources, NV(sources), &r->sources))
		bad = 1;
	if ((v = json_object_get(w, "reasons")) && parse_reasons(c, v, r))
		bad = 1;
	if ((v = json_object_get(w, "age")) && parse_age(c, v, r))
		bad = 1;
	if ((v = json_object_get(w, "safeguarding")) && parse_flag(c, "when.safeguarding", v, &r->safeguarding))
		bad = 1;
	if ((v = json_object_get(w, "lives_alone")) && parse_flag(c, "when.lives_alone", v, &r->lives_alone))
		bad = 1;
	if ((v = json_object_get(w, "discharge")) && parse_flag(c, "when.discharge", v, &r->discharge))
		bad = 1;
	if ((v = json_object_get(w, "urgency")) && parse_codes(c, "when.urgency", v, "urgency", urgencies, NV(urgencies), &r->urgencies))
		bad = 1;
	if (!bad && r->discharge == TRIAGE_FLAG_NO && r->sources) {
		uint32_t non_discharge = r->sources & ~(TRIAGE_BIT(TRIAGE_SOURCE_ACUTE_HOSPITAL_DISCHARGE) |
							TRIAGE_BIT(TRIAGE_SOURCE_COMMUNITY_BED_DISCHARGE));
		if (!non_discharge) {
			perr(c, "when.discharge", "can never match: \"discharge\": false but every source listed is a discharge team");
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

static int copy_text(struct pctx *c, const char *field, json_t *v, char *dst, size_t cap, const char *example)
{
	if (!v) {
		perr(c, field, "%s is required, e.g. \"%s\"", field, example);
		return -1;
	}
	if (!json_is_string(v)) {
		perr(c, field, "%s must be text in quotes, e.g. \"%s\"", field, example);
		return -1;
	}
	const char *s = json_string_value(v);
	size_t len = json_string_length(v);
	if (len == 0 || strspn(s, " ") == len) {
		perr(c, field, "%s is empty", field);
		return -1;
	}
	if (len >= cap) {
		perr(c, field, "%s is too long (%zu bytes; at most %zu)", field, len, cap - 1);
		return -1;
	}
	if (strlen(s) != len || has_control(s)) {
		perr(c, field, "%s must be one line of text without control characters", field);
		return -1;
	}
	memcpy(dst, s, len + 1);
	return 0;
}

static int parse_rule(struct pctx *c, json_t *obj, struct triage_rule *r)
{
	r->age_min = r->age_max = -1;
	if (!json_is_object(obj)) {
		perr(c, "", "each rule must be an object with \"name\", \"tier\", \"reason\" and usually \"when\"");
		return -1;
	}
	int bad = check_keys(c, "", obj, rule_keys);
	if (copy_text(c, "name", json_object_get(obj, "name"), r->name, sizeof r->name, "discharge"))
		bad = 1;
	json_t *t = json_object_get(obj, "tier");
	int tier = -1;
	if (!t) {
		perr(c, "tier", "tier is required, e.g. \"social_prescribing\"");
		bad = 1;
	} else if (!json_is_string(t)) {
		perr(c, "tier", "tier must be a tier code in quotes, e.g. \"social_prescribing\"");
		bad = 1;
	} else if ((tier = v_find(tiers, NV(tiers), json_string_value(t))) < 0) {
		err_unknown(c, "tier", "tier", json_string_value(t), tiers, NV(tiers));
		bad = 1;
	} else {
		r->tier = (enum triage_tier)tier;
	}
	json_t *hc = json_object_get(obj, "home_check");
	if (hc) {
		if (!json_is_boolean(hc)) {
			perr(c, "home_check", "home_check must be true or false");
			bad = 1;
		} else if (json_is_true(hc) && tier >= 0 && tier != TRIAGE_TIER_COMPLEX_SUPPORT) {
			perr(c, "home_check", "home_check applies only to tier complex_support (discharge support), not %s",
			     tiers[tier].code);
			bad = 1;
		} else {
			r->home_check = json_is_true(hc);
		}
	}
	if (copy_text(c, "reason", json_object_get(obj, "reason"), r->reason, sizeof r->reason,
		      "Referred by {source} for {matched}") == 0) {
		if (check_template(c, r->reason))
			bad = 1;
	} else {
		bad = 1;
	}
	json_t *w = json_object_get(obj, "when");
	if (w && parse_when(c, w, r))
		bad = 1;
	return bad ? -1 : 0;
}

static int is_catch_all(const struct triage_rule *r)
{
	return !r->sources && !r->reasons_any && !r->reasons_all && !r->reasons_only && !r->reasons_none &&
	       r->age_min < 0 && r->age_max < 0 && r->safeguarding == TRIAGE_FLAG_ANY &&
	       r->lives_alone == TRIAGE_FLAG_ANY && r->discharge == TRIAGE_FLAG_ANY && !r->urgencies;
}

int triage_rules_parse(const char *json, struct triage_rules *out, struct field_errors *errs)
{
	struct pctx c = { .errs = errs };
	size_t errs_before = errs->n + errs->dropped;
	json_t *root = NULL;
	memset(out, 0, sizeof *out);

	if (!json) {
		perr(&c, "json", "no rules document given");
		goto fail;
	}
	size_t len = strnlen(json, (size_t)TRIAGE_JSON_MAX + 1);
	if (len > TRIAGE_JSON_MAX) {
		perr(&c, "json", "the rules document is larger than %d bytes", TRIAGE_JSON_MAX);
		goto fail;
	}
	json_error_t jerr;
	root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		perr(&c, "json", "not valid JSON (line %d, column %d): %s", jerr.line, jerr.column, jerr.text);
		goto fail;
	}
	if (!json_is_object(root)) {
		perr(&c, "json", "the rules document must be a JSON object with \"version\" and \"rules\"");
		goto fail;
	}
	static const char *const top_keys[] = { "version", "rules", NULL };
	check_keys(&c, "", root, top_keys);

	json_t *ver = json_object_get(root, "version");
	if (!ver)
		perr(&c, "version", "version is required: a whole number from 1, raised with every change");
	else if (!json_is_integer(ver) || json_integer_value(ver) < 1 || json_integer_value(ver) > INT_MAX)
		perr(&c, "version", "version must be a whole number from 1 to %d", INT_MAX);
	else
		out->version = (int)json_integer_value(ver);

	json_t *rules = json_object_get(root, "rules");
	if (!rules) {
		perr(&c, "rules", "rules is required: a list of rules ending with a default rule without \"when\"");
		goto fail;
	}
	if (!json_is_array(rules)) {
		perr(&c, "rules", "rules must be a list of rules");
		goto fail;
	}
	size_t n = json_array_size(rules);
	if (n == 0) {
		perr(&c, "rules", "rules is empty; at least a default rule (without \"when\") is needed");
		goto fail;
	}
	if (n > TRIAGE_RULES_MAX) {
		perr(&c, "rules", "too many rules (%zu; at most %d)", n, TRIAGE_RULES_MAX);
		goto fail;
	}
	int rules_ok = 1;
	for (size_t i = 0; i < n; i++) {
		c.rule = i;
		c.in_rule = 1;
		if (parse_rule(&c, json_array_get(rules, i), &out->rules[i]))
			rules_ok = 0;
	}
	out->n = n;
	if (rules_ok) {
		for (size_t i = 0; i < n; i++) {
			c.rule = i;
			c.in_rule = 1;
			for (size_t j = 0; j < i; j++)
				if (strcmp(out->rules[i].name, out->rules[j].name) == 0) {
					perr(&c, "name", "name '%s' is already used by rule %zu; names must be unique",
					     out->rules[i].name, j);
					break;
				}
			if (i + 1 < n && is_catch_all(&out->rules[i]))
				perr(&c, "when", "this rule has no conditions, so it matches everything and rules %zu to %zu "
				     "can never be reached; give it conditions or move it to the end", i + 1, n - 1);
		}
		c.in_rule = 0;
		if (!is_catch_all(&out->rules[n - 1]))
			perr(&c, "rules", "no default rule: the last rule (rule %zu) has conditions; end the list with a "
			     "rule without \"when\" so every referral gets a suggestion", n - 1);
	}

fail:
	json_decref(root);
	if (errs->n + errs->dropped > errs_before) {
		memset(out, 0, sizeof *out);
		return -1;
	}
	return 0;
}

/* ---- Writing back ---- */

static json_t *codes_json(uint32_t set, const struct vocab *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++)
		if ((set & TRIAGE_BIT(i)) && json_array_append_new(a, json_string(v[i].code))) {
			json_decref(a);
			return NULL;
		}
	return a;
}

/* Sets key to a new value unless value is NULL (which marks a failure). */
static int put(json_t *obj, const char *key, json_t *value)
{
	return value ? json_object_set_new(obj, key, value) : -1;
}

static json_t *rule_json(const struct triage_rule *r)
{
	json_t *o = json_object(), *w = json_object(), *rs = json_object(), *age = json_object();
	int bad = !o || !w || !rs || !age;
	if (!bad) {
		bad |= put(o, "name", json_string(r->name));
		if (r->sources)
			bad |= put(w, "source", codes_json(r->sources, sources, NV(sources)));
		if (r->reasons_any)
			bad |= put(rs, "any", codes_json(r->reasons_any, reasons, NV(reasons)));
		if (r->reasons_all)
			bad |= put(rs, "all", codes_json(r->reasons_all, reasons, NV(reasons)));
		if (r->reasons_only)
			bad |= put(rs, "only", codes_json(r->reasons_only, reasons, NV(reasons)));
		if (r->reasons_none)
			bad |= put(rs, "none", codes_json(r->reasons_none, reasons, NV(reasons)));
		if (json_object_size(rs)) {
			bad |= json_object_set(w, "reasons", rs);
		}
		if (r->age_min >= 0)
			bad |= put(age, "min", json_integer(r->age_min));
		if (r->age_max >= 0)
			bad |= put(age, "max", json_integer(r->age_max));
		if (json_object_size(age))
			bad |= json_object_set(w, "age", age);
		if (r->safeguarding != TRIAGE_FLAG_ANY)
			bad |= put(w, "safeguarding", json_boolean(r->safeguarding == TRIAGE_FLAG_YES));
		if (r->lives_alone != TRIAGE_FLAG_ANY)
			bad |= put(w, "lives_alone", json_boolean(r->lives_alone == TRIAGE_FLAG_YES));
		if (r->discharge != TRIAGE_FLAG_ANY)
			bad |= put(w, "discharge", json_boolean(r->discharge == TRIAGE_FLAG_YES));
		if (r->urgencies)
			bad |= put(w, "urgency", codes_json(r->urgencies, urgencies, NV(urgencies)));
		if (json_object_size(w))
			bad |= json_object_set(o, "when", w);
		bad |= put(o, "tier", json_string(v_code(tiers, NV(tiers), (int)r->tier)));
		if (r->home_check)
			bad |= put(o, "home_check", json_true());
		bad |= put(o, "reason", json_string(r->reason));
	}
	json_decref(w);
	json_decref(rs);
	json_decref(age);
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *triage_rules_to_json(const struct triage_rules *rules)
{
	json_t *doc = json_object(), *list = json_array();
	int bad = !doc || !list;
	for (size_t i = 0; !bad && i < rules->n; i++) {
		json_t *r = rule_json(&rules->rules[i]);
		bad = !r || json_array_append_new(list, r);
	}
	if (!bad)
		bad = put(doc, "version", json_integer(rules->version)) || json_object_set(doc, "rules", list);
	json_decref(list);
	if (bad) {
		json_decref(doc);
		return NULL;
	}
	return doc;
}

/* ---- Suggesting ---- */

static int flag_ok(enum triage_flag want, int have)
{
	return want == TRIAGE_FLAG_ANY || (want == TRIAGE_FLAG_YES) == (have != 0);
}

int triage_rule_matches(const struct triage_rule *r, const struct triage_input *in)
{
	if ((int)in->source < 0 || in->source >= TRIAGE_SOURCE__MAX)
		return 0;
	if (r->sources && !(r->sources & TRIAGE_BIT(in->source)))
		return 0;
	if (r->reasons_any && !(r->reasons_any & in->reasons))
		return 0;
	if ((r->reasons_all & in->reasons) != r->reasons_all)
		return 0;
	if (r->reasons_only && (!in->reasons || (in->reasons & ~r->reasons_only)))
		return 0;
	if (r->reasons_none & in->reasons)
		return 0;
	if (r->age_min >= 0 && (in->age < 0 || in->age < r->age_min))
		return 0;
	if (r->age_max >= 0 && (in->age < 0 || in->age > r->age_max))
		return 0;
	if (!flag_ok(r->safeguarding, in->safeguarding) || !flag_ok(r->lives_alone, in->lives_alone))
		return 0;
	if (!flag_ok(r->discharge, in->discharge || triage_source_is_discharge(in->source)))
		return 0;
	if (r->urgencies && (in->urgency < 0 || in->urgency >= TRIAGE_URGENCY__MAX ||
			     !(r->urgencies & TRIAGE_BIT(in->urgency))))
		return 0;
	return 1;
}

/* A bounded text being written; overflow is remembered and marked at the end. */
struct sbuf {
	char *p;
	size_t cap, len;
	int full;
};

static void sb_putn(struct sbuf *b, const char *s, size_t n)
{
	if (b->full)
		return;
	if (n > b->cap - 1 - b->len) {
		n = b->cap - 1 - b->len;
		b->full = 1;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void sb_puts(struct sbuf *b, const char *s)
{
	sb_putn(b, s, strlen(s));
}

/* Puts a label with its first letter in lower case when it starts an
 * ordinary word ("Loneliness" -> "loneliness", but "GP practice" stays). */
static void sb_put_lower(struct sbuf *b, const char *label)
{
	if (label[0] >= 'A' && label[0] <= 'Z' && label[1] >= 'a' && label[1] <= 'z') {
		char first = (char)(label[0] - 'A' + 'a');
		sb_putn(b, &first, 1);
		label++;
	}
	sb_puts(b, label);
}

static void sb_put_reasons(struct sbuf *b, uint32_t set)
{
	int any = 0;
	for (int i = 0; i < TRIAGE_REASON__MAX; i++)
		if (set & TRIAGE_BIT(i)) {
			if (any)
				sb_puts(b, "; ");
			sb_put_lower(b, reasons[i].label);
			any = 1;
		}
	if (!any)
		sb_puts(b, "no reasons given");
}

/* Ends an overflowed text with "..." on a UTF-8 character boundary. */
static void sb_finish(struct sbuf *b)
{
	if (!b->full)
		return;
	size_t len = b->len > 3 ? b->len - 3 : 0;
	while (len > 0 && ((unsigned char)b->p[len] & 0xC0) == 0x80)
		len--;
	memcpy(b->p + len, "...", 4);
	b->len = len + 3;
}

static void expand(const struct triage_rule *r, const struct triage_input *in, char *out, size_t cap)
{
	struct sbuf b = { out, cap, 0, 0 };
	out[0] = '\0';
	for (const char *p = r->reason; *p; p++) {
		if ((*p == '{' && p[1] == '{') || (*p == '}' && p[1] == '}')) {
			sb_putn(&b, p, 1);
			p++;
			continue;
		}
		if (*p != '{') {
			sb_putn(&b, p, 1);
			continue;
		}
		const char *end = strchr(p + 1, '}');
		if (!end) { /* not from the parser; keep the text as it is */
			sb_puts(&b, p);
			break;
		}
		size_t len = (size_t)(end - p - 1);
#define IS(name) (len == sizeof(name) - 1 && strncmp(p + 1, name, len) == 0)
		if (IS("source")) {
			sb_puts(&b, sources[in->source].label);
		} else if (IS("reasons")) {
			sb_put_reasons(&b, in->reasons);
		} else if (IS("matched")) {
			uint32_t named = r->reasons_any | r->reasons_all | r->reasons_only;
			sb_put_reasons(&b, named ? in->reasons & named : in->reasons);
		} else if (IS("age")) {
			char age[16];
			snprintf(age, sizeof age, "%d", in->age);
			sb_puts(&b, in->age >= 0 ? age : "unknown");
		} else if (IS("urgency")) {
			if (in->urgency >= 0 && in->urgency < TRIAGE_URGENCY__MAX)
				sb_put_lower(&b, urgencies[in->urgency].label);
			else
				sb_puts(&b, "not given");
		} else if (IS("rule")) {
			sb_puts(&b, r->name);
		} else if (IS("tier")) {
			sb_puts(&b, tiers[r->tier].label);
		} else {
			sb_putn(&b, p, len + 2);
		}
#undef IS
		p = end;
	}
	sb_finish(&b);
}

int triage_suggest(const struct triage_rules *rules, const struct triage_input *in, struct triage_suggestion *out)
{
	memset(out, 0, sizeof *out);
	if ((int)in->source < 0 || in->source >= TRIAGE_SOURCE__MAX || (in->reasons & ~ALL_REASONS) ||
	    in->urgency < TRIAGE_URGENCY_UNKNOWN || in->urgency >= TRIAGE_URGENCY__MAX || in->age < -1)
		return -1;
	for (size_t i = 0; i < rules->n && i < TRIAGE_RULES_MAX; i++) {
		const struct triage_rule *r = &rules->rules[i];
		if ((int)r->tier < 0 || r->tier >= TRIAGE_TIER__MAX || !triage_rule_matches(r, in))
			continue;
		out->tier = r->tier;
		out->rule_index = i;
		out->rules_version = rules->version;
		out->home_check = r->home_check;
		snprintf(out->rule_name, sizeof out->rule_name, "%s", r->name);
		expand(r, in, out->reason, sizeof out->reason);
		return 0;
	}
	return -1;
}
