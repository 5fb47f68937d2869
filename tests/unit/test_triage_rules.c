/* Unit tests for core/triage_rules: vocabularies, parsing and validation of rules documents, first-match suggestions. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/triage_rules.h"

#define B TRIAGE_BIT

/* ---- helpers ---- */

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = malloc(1 << 20);
	size_t n = buf ? fread(buf, 1, (1 << 20) - 1, f) : 0;
	fclose(f);
	if (buf)
		buf[n] = '\0';
	return buf;
}

/* Splits one CSV line (no line breaks inside fields) into up to 4 fields. */
static int csv_fields(char *line, char *out[4])
{
	int n = 0;
	char *w = line, *p = line;
	while (n < 4) {
		out[n++] = w;
		if (*p == '"') {
			p++;
			for (;;) {
				if (*p == '"' && p[1] == '"') {
					*w++ = '"';
					p += 2;
				} else if (*p == '"') {
					p++;
					break;
				} else if (!*p) {
					break;
				} else {
					*w++ = *p++;
				}
			}
		} else {
			while (*p && *p != ',')
				*w++ = *p++;
		}
		if (*p != ',') {
			*w = '\0';
			break;
		}
		*w++ = '\0';
		p++;
		w = p;
	}
	return n;
}

typedef const char *(*code_fn)(int);

/* Checks that the vocabulary functions give exactly the rows of a CSV file, in order. */
static void check_vocab(const char *path, int max, code_fn code, code_fn label, int (*from)(const char *))
{
	char *text = read_file(path);
	if (!text)
		fail_msg("cannot read %s (run the tests from the repository root)", path);
	int row = -1;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		char *f[4];
		int n = csv_fields(line, f);
		if (row >= 0) {
			assert_true(n >= 2);
			assert_true(row < max);
			assert_string_equal(code(row), f[0]);
			assert_string_equal(label(row), f[1]);
			assert_int_equal(from(f[0]), row);
			if (code == triage_source_code)
				assert_int_equal(triage_source_is_discharge(row), strcmp(f[2], "1") == 0);
		}
		row++;
	}
	assert_int_equal(row, max);
	assert_null(code(max));
	assert_null(code(-1));
	assert_null(label(max));
	assert_null(label(-1));
	free(text);
}

static struct triage_rules rules;
static struct field_errors errs;

static int parse(const char *json)
{
	fielderr_init(&errs);
	return triage_rules_parse(json, &rules, &errs);
}

/* Prints the errors found, to make a failing test readable. */
static void dump_errs(void)
{
	for (size_t i = 0; i < errs.n; i++)
		print_message("  %s: %s\n", errs.e[i].field, errs.e[i].message);
}

/* The document must be rejected with an error at field whose message contains want. */
static void expect_error(const char *json, const char *field, const char *want)
{
	int rc = parse(json);
	if (rc != -1) {
		fail_msg("accepted: %s", json);
	}
	const char *msg = fielderr_for(&errs, field);
	if (!msg || !strstr(msg, want)) {
		print_message("expected %s: ...%s...\nfor %s\ngot:\n", field, want, json);
		dump_errs();
		fail();
	}
	/* Nothing half-filled. */
	assert_int_equal(rules.n, 0);
	assert_int_equal(rules.version, 0);
}

static void expect_ok(const char *json)
{
	if (parse(json) != 0) {
		print_message("rejected: %s\n", json);
		dump_errs();
		fail();
	}
	assert_int_equal(errs.n, 0);
}

#define DEFAULT_RULE "{\"name\":\"default\",\"tier\":\"signpost\",\"reason\":\"Signpost.\"}"
/* A document with one rule (given as JSON text) before the default. */
static char doc_buf[8192];
static const char *one(const char *rule_json)
{
	snprintf(doc_buf, sizeof doc_buf, "{\"version\":1,\"rules\":[%s," DEFAULT_RULE "]}", rule_json);
	return doc_buf;
}

/* A rule "r" with the given "when" conditions. */
static char rule_buf[4096];
static const char *when(const char *conds)
{
	snprintf(rule_buf, sizeof rule_buf,
		 "{\"name\":\"r\",\"when\":%s,\"tier\":\"social_prescribing\",\"reason\":\"because\"}", conds);
	return one(rule_buf);
}

static struct triage_input input(enum triage_source src, uint32_t rs)
{
	struct triage_input in = { .source = src, .reasons = rs, .age = 40, .urgency = TRIAGE_URGENCY_ROUTINE };
	return in;
}

/* Whether the single rule "r" in the document matches in. */
static int matches(const char *conds, struct triage_input in)
{
	expect_ok(when(conds));
	struct triage_suggestion s;
	assert_int_equal(triage_suggest(&rules, &in, &s), 0);
	return s.rule_index == 0;
}

/* ---- vocabularies ---- */

static void test_vocab_matches_data_files(void **state)
{
	(void)state;
	check_vocab("data/vocab/tiers.csv", TRIAGE_TIER__MAX, triage_tier_code, triage_tier_label, triage_tier_from_code);
	check_vocab("data/vocab/referral_sources.csv", TRIAGE_SOURCE__MAX, triage_source_code, triage_source_label,
		    triage_source_from_code);
	check_vocab("data/vocab/referral_reasons.csv", TRIAGE_REASON__MAX, triage_reason_code, triage_reason_label,
		    triage_reason_from_code);
	check_vocab("data/vocab/urgencies.csv", TRIAGE_URGENCY__MAX, triage_urgency_code, triage_urgency_label,
		    triage_urgency_from_code);
}

static void test_vocab_lookups(void **state)
{
	(void)state;
	assert_int_equal(triage_tier_from_code("social_prescribing"), TRIAGE_TIER_SOCIAL_PRESCRIBING);
	assert_int_equal(triage_tier_from_code("Social_prescribing"), -1);
	assert_int_equal(triage_tier_from_code(""), -1);
	assert_int_equal(triage_tier_from_code(NULL), -1);
	assert_int_equal(triage_source_from_code("self"), TRIAGE_SOURCE_SELF);
	assert_int_equal(triage_source_from_code("self "), -1);
	assert_int_equal(triage_reason_from_code("frequent_attender"), TRIAGE_REASON_FREQUENT_ATTENDER);
	assert_int_equal(triage_reason_from_code("lonely"), -1);
	assert_int_equal(triage_urgency_from_code("urgent"), TRIAGE_URGENCY_URGENT);
	assert_null(triage_urgency_code(TRIAGE_URGENCY_UNKNOWN));
	assert_true(triage_source_is_discharge(TRIAGE_SOURCE_ACUTE_HOSPITAL_DISCHARGE));
	assert_true(triage_source_is_discharge(TRIAGE_SOURCE_COMMUNITY_BED_DISCHARGE));
	assert_false(triage_source_is_discharge(TRIAGE_SOURCE_GP_PRACTICE));
	assert_false(triage_source_is_discharge(-1));
	assert_false(triage_source_is_discharge(99));
}

/* ---- the default rule set ---- */

static void load_default(void)
{
	char *text = read_file("data/triage_rules.json");
	if (!text)
		fail_msg("cannot read data/triage_rules.json (run the tests from the repository root)");
	expect_ok(text);
	free(text);
}

static void suggest(struct triage_input in, struct triage_suggestion *s)
{
	assert_int_equal(triage_suggest(&rules, &in, s), 0);
	assert_int_equal(s->rules_version, rules.version);
	assert_string_equal(s->rule_name, rules.rules[s->rule_index].name);
	assert_int_equal(s->tier, rules.rules[s->rule_index].tier);
}

static void test_default_rules_parse(void **state)
{
	(void)state;
	load_default();
	assert_int_equal(rules.version, 1);
	assert_int_equal(rules.n, 6);
	assert_string_equal(rules.rules[0].name, "safeguarding");
	assert_string_equal(rules.rules[5].name, "default");
	assert_int_equal(rules.rules[5].tier, TRIAGE_TIER_SIGNPOST);
}

static void test_default_rules_safeguarding_first(void **state)
{
	(void)state;
	load_default();
	struct triage_suggestion s;
	/* Even a discharge, a practical need, or a GP social-prescribing referral. */
	struct triage_input in = input(TRIAGE_SOURCE_ACUTE_HOSPITAL_DISCHARGE, B(TRIAGE_REASON_SHOPPING));
	in.safeguarding = 1;
	suggest(in, &s);
	assert_int_equal(s.tier, TRIAGE_TIER_COMPLEX_SUPPORT);
	assert_int_equal(s.rule_index, 0);
	assert_false(s.home_check);
	assert_string_equal(s.reason, "A safeguarding concern was flagged, so this needs skilled staff rather than a "
			    "volunteer (complex support). Act on the concern under local safeguarding procedures first.");
	in = input(TRIAGE_SOURCE_GP_PRACTICE, B(TRIAGE_REASON_LONELINESS));
	in.safeguarding = 1;
	suggest(in, &s);
	assert_int_equal(s.rule_index, 0);
}

static void test_default_rules_discharge(void **state)
{
	(void)state;
	load_default();
	struct triage_suggestion s;
	suggest(input(TRIAGE_SOURCE_ACUTE_HOSPITAL_DISCHARGE, B(TRIAGE_REASON_SHOPPING)), &s);
	assert_int_equal(s.tier, TRIAGE_TIER_COMPLEX_SUPPORT);
	assert_int_equal(s.rule_index, 1);
	assert_true(s.home_check);
	assert_string_equal(s.reason, "Referred by Acute hospital discharge team for support on leaving hospital or a "
			    "community bed: complex and discharge support, with a home check before the person leaves "
			    "if one is needed.");
	suggest(input(TRIAGE_SOURCE_COMMUNITY_BED_DISCHARGE, 0), &s);
	assert_int_equal(s.rule_index, 1);
	/* Discharge details given on a referral from another source. */
	struct triage_input in = input(TRIAGE_SOURCE_ADULT_SOCIAL_CARE, B(TRIAGE_REASON_LONELINESS));
	in.discharge = 1;
	suggest(in, &s);
	assert_int_equal(s.rule_index, 1);
	/* The discharge_support reason from anyone. */
	suggest(input(TRIAGE_SOURCE_FAMILY_CARER, B(TRIAGE_REASON_DISCHARGE_SUPPORT) | B(TRIAGE_REASON_SHOPPING)), &s);
	assert_int_equal(s.rule_index, 2);
	assert_int_equal(s.tier, TRIAGE_TIER_COMPLEX_SUPPORT);
	assert_true(s.home_check);
	assert_string_equal(s.reason, "Support on discharge was asked for (Family member or carer): complex and "
			    "discharge support, with a home check before the person leaves if one is needed.");
}

static void test_default_rules_community_support(void **state)
{
	(void)state;
	load_default();
	struct triage_suggestion s;
	static const enum triage_reason practical[] = {
		TRIAGE_REASON_SHOPPING, TRIAGE_REASON_PRESCRIPTION_COLLECTION, TRIAGE_REASON_TRANSPORT,
		TRIAGE_REASON_BEFRIENDING, TRIAGE_REASON_PRACTICAL_HELP,
	};
	for (size_t i = 0; i < sizeof practical / sizeof practical[0]; i++)
		for (int src = 0; src < TRIAGE_SOURCE__MAX; src++) {
			if (triage_source_is_discharge(src))
				continue;
			suggest(input((enum triage_source)src, B(practical[i])), &s);
			assert_int_equal(s.tier, TRIAGE_TIER_COMMUNITY_SUPPORT);
			assert_int_equal(s.rule_index, 3);
		}
	suggest(input(TRIAGE_SOURCE_SELF, B(TRIAGE_REASON_SHOPPING) | B(TRIAGE_REASON_PRESCRIPTION_COLLECTION)), &s);
	assert_string_equal(s.reason, "A practical, short-term need (help with shopping; prescription collection): "
			    "volunteer-led community support for up to 2 weeks.");
	/* A practical need together with a social one from a GP is social prescribing. */
	suggest(input(TRIAGE_SOURCE_GP_PRACTICE, B(TRIAGE_REASON_SHOPPING) | B(TRIAGE_REASON_DEBT)), &s);
	assert_int_equal(s.tier, TRIAGE_TIER_SOCIAL_PRESCRIBING);
	assert_string_equal(s.reason, "Referred by GP practice for debt and money: non-medical needs a Living Well "
			    "Worker can help with over about five sessions.");
}

static void test_default_rules_social_prescribing(void **state)
{
	(void)state;
	load_default();
	struct triage_suggestion s;
	static const enum triage_reason social[] = {
		TRIAGE_REASON_SOCIAL_ISOLATION, TRIAGE_REASON_LONELINESS, TRIAGE_REASON_LOW_MOOD, TRIAGE_REASON_DEBT,
		TRIAGE_REASON_HOUSING, TRIAGE_REASON_BENEFITS, TRIAGE_REASON_EMPLOYMENT, TRIAGE_REASON_CARER_SUPPORT,
		TRIAGE_REASON_LONG_TERM_CONDITION, TRIAGE_REASON_PHYSICAL_ACTIVITY, TRIAGE_REASON_HEALTHY_EATING,
		TRIAGE_REASON_FREQUENT_ATTENDER,
	};
	static const enum triage_source referrers[] = {
		TRIAGE_SOURCE_GP_PRACTICE, TRIAGE_SOURCE_PRIMARY_CARE_OTHER, TRIAGE_SOURCE_ADULT_SOCIAL_CARE,
	};
	static const enum triage_source others[] = {
		TRIAGE_SOURCE_VCSE_PARTNER, TRIAGE_SOURCE_SELF, TRIAGE_SOURCE_FAMILY_CARER, TRIAGE_SOURCE_OTHER,
	};
	for (size_t i = 0; i < sizeof social / sizeof social[0]; i++) {
		for (size_t j = 0; j < 3; j++) {
			suggest(input(referrers[j], B(social[i])), &s);
			assert_int_equal(s.tier, TRIAGE_TIER_SOCIAL_PRESCRIBING);
			assert_int_equal(s.rule_index, 4);
		}
		for (size_t j = 0; j < 4; j++) {
			suggest(input(others[j], B(social[i])), &s);
			assert_int_equal(s.tier, TRIAGE_TIER_SIGNPOST);
			assert_int_equal(s.rule_index, 5);
		}
	}
	suggest(input(TRIAGE_SOURCE_PRIMARY_CARE_OTHER,
		      B(TRIAGE_REASON_LONELINESS) | B(TRIAGE_REASON_EMPLOYMENT) | B(TRIAGE_REASON_TRANSPORT)), &s);
	assert_string_equal(s.reason, "Referred by Other primary care (PCN, nurse, pharmacist) for loneliness; "
			    "employment, training and volunteering: non-medical needs a Living Well Worker can help "
			    "with over about five sessions.");
}

static void test_default_rules_signpost(void **state)
{
	(void)state;
	load_default();
	struct triage_suggestion s;
	suggest(input(TRIAGE_SOURCE_SELF, B(TRIAGE_REASON_LONELINESS) | B(TRIAGE_REASON_HOUSING)), &s);
	assert_int_equal(s.tier, TRIAGE_TIER_SIGNPOST);
	assert_int_equal(s.rule_index, 5);
	assert_false(s.home_check);
	assert_string_equal(s.rule_name, "default");
	assert_string_equal(s.reason, "No service rule matched (Self-referral; loneliness; housing): signpost to "
			    "information and local services, or override with a reason.");
	/* No reasons at all: not a practical need ("only" needs reasons). */
	suggest(input(TRIAGE_SOURCE_GP_PRACTICE, 0), &s);
	assert_int_equal(s.rule_index, 5);
	assert_string_equal(s.reason, "No service rule matched (GP practice; no reasons given): signpost to "
			    "information and local services, or override with a reason.");
}

/* ---- conditions one by one ---- */

static void test_condition_source(void **state)
{
	(void)state;
	const char *c = "{\"source\":[\"self\",\"family_carer\"]}";
	assert_true(matches(c, input(TRIAGE_SOURCE_SELF, 0)));
	assert_true(matches(c, input(TRIAGE_SOURCE_FAMILY_CARER, 0)));
	assert_false(matches(c, input(TRIAGE_SOURCE_GP_PRACTICE, 0)));
	assert_int_equal(rules.rules[0].sources, B(TRIAGE_SOURCE_SELF) | B(TRIAGE_SOURCE_FAMILY_CARER));
}

static void test_condition_reasons(void **state)
{
	(void)state;
	const uint32_t L = B(TRIAGE_REASON_LONELINESS), D = B(TRIAGE_REASON_DEBT), H = B(TRIAGE_REASON_HOUSING),
		       S = B(TRIAGE_REASON_SHOPPING);
	const char *any = "{\"reasons\":{\"any\":[\"loneliness\",\"debt\"]}}";
	assert_true(matches(any, input(TRIAGE_SOURCE_SELF, L)));
	assert_true(matches(any, input(TRIAGE_SOURCE_SELF, D | H)));
	assert_false(matches(any, input(TRIAGE_SOURCE_SELF, H)));
	assert_false(matches(any, input(TRIAGE_SOURCE_SELF, 0)));

	const char *all = "{\"reasons\":{\"all\":[\"loneliness\",\"debt\"]}}";
	assert_true(matches(all, input(TRIAGE_SOURCE_SELF, L | D)));
	assert_true(matches(all, input(TRIAGE_SOURCE_SELF, L | D | H)));
	assert_false(matches(all, input(TRIAGE_SOURCE_SELF, L)));
	assert_false(matches(all, input(TRIAGE_SOURCE_SELF, 0)));

	const char *only = "{\"reasons\":{\"only\":[\"shopping\",\"debt\"]}}";
	assert_true(matches(only, input(TRIAGE_SOURCE_SELF, S)));
	assert_true(matches(only, input(TRIAGE_SOURCE_SELF, S | D)));
	assert_false(matches(only, input(TRIAGE_SOURCE_SELF, S | L)));
	assert_false(matches(only, input(TRIAGE_SOURCE_SELF, 0)));

	const char *none = "{\"reasons\":{\"none\":[\"housing\"]}}";
	assert_true(matches(none, input(TRIAGE_SOURCE_SELF, L)));
	assert_true(matches(none, input(TRIAGE_SOURCE_SELF, 0)));
	assert_false(matches(none, input(TRIAGE_SOURCE_SELF, L | H)));

	const char *mixed = "{\"reasons\":{\"any\":[\"loneliness\",\"debt\"],\"all\":[\"shopping\"],"
			    "\"only\":[\"loneliness\",\"debt\",\"shopping\"],\"none\":[\"debt\"]}}";
	assert_true(matches(mixed, input(TRIAGE_SOURCE_SELF, L | S)));
	assert_false(matches(mixed, input(TRIAGE_SOURCE_SELF, L | S | D)));
	assert_false(matches(mixed, input(TRIAGE_SOURCE_SELF, S)));
	assert_false(matches(mixed, input(TRIAGE_SOURCE_SELF, L)));
	assert_false(matches(mixed, input(TRIAGE_SOURCE_SELF, L | S | H)));
}

static void test_condition_age(void **state)
{
	(void)state;
	struct triage_input in = input(TRIAGE_SOURCE_SELF, 0);
	const char *range = "{\"age\":{\"min\":18,\"max\":64}}";
	int ages[] = { -1, 0, 17, 18, 40, 64, 65, 120 };
	int want[] = { 0, 0, 0, 1, 1, 1, 0, 0 };
	for (size_t i = 0; i < sizeof ages / sizeof ages[0]; i++) {
		in.age = ages[i];
		assert_int_equal(matches(range, in), want[i]);
	}
	in.age = 65;
	assert_true(matches("{\"age\":{\"min\":65}}", in));
	in.age = 150;
	assert_true(matches("{\"age\":{\"min\":65}}", in));
	in.age = -1;
	assert_false(matches("{\"age\":{\"min\":65}}", in));
	assert_false(matches("{\"age\":{\"max\":17}}", in));
	in.age = 17;
	assert_true(matches("{\"age\":{\"max\":17}}", in));
	in.age = 0;
	assert_true(matches("{\"age\":{\"min\":0,\"max\":0}}", in));
	assert_int_equal(rules.rules[0].age_min, 0);
	assert_int_equal(rules.rules[0].age_max, 0);
	assert_int_equal(rules.rules[1].age_min, -1);
}

static void test_condition_flags(void **state)
{
	(void)state;
	struct triage_input in = input(TRIAGE_SOURCE_SELF, 0);
	assert_false(matches("{\"safeguarding\":true}", in));
	assert_true(matches("{\"safeguarding\":false}", in));
	in.safeguarding = 1;
	assert_true(matches("{\"safeguarding\":true}", in));
	assert_false(matches("{\"safeguarding\":false}", in));

	in = input(TRIAGE_SOURCE_SELF, 0);
	assert_false(matches("{\"lives_alone\":true}", in));
	in.lives_alone = 7; /* any non-zero is yes */
	assert_true(matches("{\"lives_alone\":true}", in));
	assert_false(matches("{\"lives_alone\":false}", in));

	in = input(TRIAGE_SOURCE_SELF, 0);
	assert_false(matches("{\"discharge\":true}", in));
	assert_true(matches("{\"discharge\":false}", in));
	in.discharge = 1;
	assert_true(matches("{\"discharge\":true}", in));
	in = input(TRIAGE_SOURCE_COMMUNITY_BED_DISCHARGE, 0);
	assert_true(matches("{\"discharge\":true}", in));
	assert_false(matches("{\"discharge\":false}", in));

	/* Several conditions are all needed. */
	in = input(TRIAGE_SOURCE_SELF, 0);
	in.lives_alone = 1;
	assert_false(matches("{\"lives_alone\":true,\"safeguarding\":true}", in));
	in.safeguarding = 1;
	assert_true(matches("{\"lives_alone\":true,\"safeguarding\":true}", in));
}

static void test_condition_urgency(void **state)
{
	(void)state;
	struct triage_input in = input(TRIAGE_SOURCE_SELF, 0);
	const char *c = "{\"urgency\":[\"soon\",\"urgent\"]}";
	in.urgency = TRIAGE_URGENCY_ROUTINE;
	assert_false(matches(c, in));
	in.urgency = TRIAGE_URGENCY_SOON;
	assert_true(matches(c, in));
	in.urgency = TRIAGE_URGENCY_URGENT;
	assert_true(matches(c, in));
	in.urgency = TRIAGE_URGENCY_UNKNOWN;
	assert_false(matches(c, in));
	assert_true(matches("{\"source\":[\"self\"]}", in));
}

static void test_empty_when_is_default(void **state)
{
	(void)state;
	expect_ok("{\"version\":3,\"rules\":[{\"name\":\"all\",\"when\":{},\"tier\":\"decline\",\"reason\":\"No.\"}]}");
	struct triage_suggestion s;
	struct triage_input in = input(TRIAGE_SOURCE_OTHER, 0);
	assert_int_equal(triage_suggest(&rules, &in, &s), 0);
	assert_int_equal(s.tier, TRIAGE_TIER_DECLINE);
	assert_int_equal(s.rules_version, 3);
	assert_string_equal(s.reason, "No.");
}

static void test_first_match_wins(void **state)
{
	(void)state;
	expect_ok("{\"version\":2,\"rules\":["
		  "{\"name\":\"a\",\"when\":{\"source\":[\"self\"]},\"tier\":\"signpost\",\"reason\":\"a\"},"
		  "{\"name\":\"b\",\"when\":{\"source\":[\"self\",\"other\"]},\"tier\":\"decline\",\"reason\":\"b\"},"
		  "{\"name\":\"c\",\"when\":{\"reasons\":{\"any\":[\"debt\"]}},\"tier\":\"social_prescribing\",\"reason\":\"c\"},"
		  "{\"name\":\"z\",\"tier\":\"community_support\",\"reason\":\"z\"}]}");
	struct triage_suggestion s;
	struct triage_input in = input(TRIAGE_SOURCE_SELF, B(TRIAGE_REASON_DEBT));
	assert_int_equal(triage_suggest(&rules, &in, &s), 0);
	assert_string_equal(s.rule_name, "a");
	in.source = TRIAGE_SOURCE_OTHER;
	assert_int_equal(triage_suggest(&rules, &in, &s), 0);
	assert_string_equal(s.rule_name, "b");
	assert_int_equal(s.rule_index, 1);
	in.source = TRIAGE_SOURCE_GP_PRACTICE;
	assert_int_equal(triage_suggest(&rules, &in, &s), 0);
	assert_string_equal(s.rule_name, "c");
	in.reasons = 0;
	assert_int_equal(triage_suggest(&rules, &in, &s), 0);
	assert_string_equal(s.rule_name, "z");
	assert_int_equal(s.rule_index, 3);
	assert_int_equal(s.tier, TRIAGE_TIER_COMMUNITY_SUPPORT);
	assert_int_equal(s.rules_version, 2);
}

/* ---- reason templates ---- */

static const char *expand_with(const char *conds, const char *tmpl, struct triage_input in)
{
	static char rule[2048];
	static struct triage_suggestion s;
	snprintf(rule, sizeof rule, "{\"name\":\"my rule\",\"when\":%s,\"tier\":\"social_prescribing\",\"reason\":\"%s\"}",
		 conds, tmpl);
	expect_ok(one(rule));
	assert_int_equal(triage_suggest(&rules, &in, &s), 0);
	assert_int_equal(s.rule_index, 0);
	return s.reason;
}

static void test_template_placeholders(void **state)
{
	(void)state;
	struct triage_input in = input(TRIAGE_SOURCE_GP_PRACTICE, B(TRIAGE_REASON_LONELINESS) | B(TRIAGE_REASON_DEBT) |
								       B(TRIAGE_REASON_SHOPPING));
	in.age = 72;
	in.urgency = TRIAGE_URGENCY_SOON;
	const char *c = "{\"reasons\":{\"any\":[\"debt\",\"housing\"],\"all\":[\"shopping\"]}}";
	assert_string_equal(expand_with(c, "{source}|{reasons}|{matched}|{age}|{urgency}|{rule}|{tier}", in),
			    "GP practice|loneliness; debt and money; help with shopping|debt and money; help with shopping|"
			    "72|soon|my rule|Social prescribing (Living Well Worker)");
	in.age = -1;
	in.urgency = TRIAGE_URGENCY_UNKNOWN;
	assert_string_equal(expand_with(c, "{age} {urgency}", in), "unknown not given");
	/* {matched} with no reason conditions is every reason. */
	assert_string_equal(expand_with("{\"source\":[\"gp_practice\"]}", "{matched}", in),
			    "loneliness; debt and money; help with shopping");
	/* Escaped braces, repeats, text around. */
	assert_string_equal(expand_with(c, "{{source}} is {source}, {source}; }} {{", in),
			    "{source} is GP practice, GP practice; } {");
	assert_string_equal(expand_with(c, "plain text", in), "plain text");
}

/* Checks that s is whole UTF-8 up to its length. */
static void assert_whole_utf8(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		unsigned char ch = (unsigned char)s[i];
		size_t n = ch < 0x80 ? 1 : ch < 0xE0 ? 2 : ch < 0xF0 ? 3 : 4;
		assert_true(i + n <= len);
		for (size_t k = 1; k < n; k++)
			assert_int_equal((unsigned char)s[i + k] & 0xC0, 0x80);
		i += n;
	}
}

static void test_template_truncation(void **state)
{
	(void)state;
	/* Every reason, {reasons} eight times: far beyond TRIAGE_REASON_MAX. */
	struct triage_input in = input(TRIAGE_SOURCE_GP_PRACTICE, B(TRIAGE_REASON__MAX) - 1);
	const char *r = expand_with("{\"source\":[\"gp_practice\"]}",
				    "\u00e9{reasons}{reasons}{reasons}{reasons}{reasons}{reasons}{reasons}{reasons}", in);
	size_t len = strlen(r);
	assert_true(len <= TRIAGE_REASON_MAX - 1);
	assert_true(len >= TRIAGE_REASON_MAX - 8);
	assert_string_equal(r + len - 3, "...");
	assert_memory_equal(r, "\xc3\xa9social isolation; loneliness", 29);
	assert_whole_utf8(r, len);
	/* Just fitting is not cut. */
	in.reasons = B(TRIAGE_REASON_DEBT);
	assert_string_equal(expand_with("{\"source\":[\"gp_practice\"]}", "{reasons}", in), "debt and money");
}

static void test_template_utf8_cut(void **state)
{
	(void)state;
	/* Fill exactly so that the cut point lands inside "é" for one of two alignments. */
	for (int pad = 0; pad < 2; pad++) {
		struct triage_rules big = { .version = 1, .n = 1 };
		snprintf(big.rules[0].name, sizeof big.rules[0].name, "%s", "x");
		big.rules[0].tier = TRIAGE_TIER_SIGNPOST;
		big.rules[0].age_min = big.rules[0].age_max = -1;
		char *p = big.rules[0].reason;
		for (int i = 0; i < pad; i++)
			*p++ = 'a';
		for (int i = 0; i < 200; i++) {
			memcpy(p, "\u00e9", 2);
			p += 2;
		}
		memcpy(p, "{rule}{rule}", 13);
		/* The name holds 63 bytes of "é" pairs plus one byte: 31 x "é" + 'b'. */
		p = big.rules[0].name;
		for (int i = 0; i < 31; i++) {
			memcpy(p, "\u00e9", 2);
			p += 2;
		}
		*p++ = 'b';
		*p = '\0';
		/* Pad the text with {rule} until it overflows. */
		strcat(big.rules[0].reason, "{rule}{rule}{rule}{rule}{rule}{rule}{rule}{rule}{rule}");
		struct triage_input in = input(TRIAGE_SOURCE_SELF, 0);
		struct triage_suggestion s;
		assert_int_equal(triage_suggest(&big, &in, &s), 0);
		size_t len = strlen(s.reason);
		assert_true(len >= TRIAGE_REASON_MAX - 5 && len <= TRIAGE_REASON_MAX - 1);
		assert_string_equal(s.reason + len - 3, "...");
		assert_whole_utf8(s.reason, len);
	}
}

/* ---- suggestion edge cases ---- */

static void test_suggest_bad_input(void **state)
{
	(void)state;
	load_default();
	struct triage_suggestion s;
	struct triage_input in = input(TRIAGE_SOURCE_SELF, 0);
	in.source = TRIAGE_SOURCE__MAX;
	assert_int_equal(triage_suggest(&rules, &in, &s), -1);
	assert_int_equal(s.reason[0], '\0');
	in.source = (enum triage_source)-1;
	assert_int_equal(triage_suggest(&rules, &in, &s), -1);
	in = input(TRIAGE_SOURCE_SELF, B(TRIAGE_REASON__MAX));
	assert_int_equal(triage_suggest(&rules, &in, &s), -1);
	in = input(TRIAGE_SOURCE_SELF, 0);
	in.urgency = TRIAGE_URGENCY__MAX;
	assert_int_equal(triage_suggest(&rules, &in, &s), -1);
	in.urgency = (enum triage_urgency)-2;
	assert_int_equal(triage_suggest(&rules, &in, &s), -1);
	in = input(TRIAGE_SOURCE_SELF, 0);
	in.age = -2;
	assert_int_equal(triage_suggest(&rules, &in, &s), -1);
	in.age = 200; /* very old is allowed, only fails age bounds */
	assert_int_equal(triage_suggest(&rules, &in, &s), 0);
	in.source = (enum triage_source)-1;
	assert_false(triage_rule_matches(&rules.rules[5], &in));
}

static void test_suggest_no_rules(void **state)
{
	(void)state;
	struct triage_rules empty = { 0 };
	struct triage_suggestion s;
	struct triage_input in = input(TRIAGE_SOURCE_SELF, 0);
	assert_int_equal(triage_suggest(&empty, &in, &s), -1);
	/* Hand-built rules with no catch-all: nothing matches. */
	struct triage_rules r = { .version = 1, .n = 1 };
	r.rules[0].sources = B(TRIAGE_SOURCE_OTHER);
	r.rules[0].age_min = r.rules[0].age_max = -1;
	assert_int_equal(triage_suggest(&r, &in, &s), -1);
	/* A hand-built rule with an out-of-range tier is skipped. */
	r.rules[0].sources = 0;
	r.rules[0].tier = TRIAGE_TIER__MAX;
	assert_int_equal(triage_suggest(&r, &in, &s), -1);
}

/* ---- round trip ---- */

static void test_round_trip(void **state)
{
	(void)state;
	load_default();
	struct triage_rules first = rules;
	json_t *j = triage_rules_to_json(&first);
	assert_non_null(j);
	char *text = json_dumps(j, JSON_INDENT(2));
	json_decref(j);
	assert_non_null(text);
	expect_ok(text);
	free(text);
	assert_memory_equal(&first, &rules, sizeof rules);

	/* Every kind of condition survives. */
	expect_ok("{\"version\":9,\"rules\":[{\"name\":\"k\",\"when\":{\"source\":[\"other\",\"self\"],"
		  "\"reasons\":{\"any\":[\"debt\"],\"all\":[\"housing\"],\"only\":[\"debt\",\"housing\",\"benefits\"],"
		  "\"none\":[\"benefits\"]},\"age\":{\"min\":18,\"max\":64},\"safeguarding\":false,\"lives_alone\":true,"
		  "\"discharge\":false,\"urgency\":[\"urgent\"]},\"tier\":\"complex_support\",\"home_check\":true,"
		  "\"reason\":\"{{x}} {source}\"}," DEFAULT_RULE "]}");
	first = rules;
	j = triage_rules_to_json(&first);
	text = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	assert_string_equal(text,
			    "{\"version\":9,\"rules\":[{\"name\":\"k\",\"when\":{\"source\":[\"self\",\"other\"],"
			    "\"reasons\":{\"any\":[\"debt\"],\"all\":[\"housing\"],\"only\":[\"debt\",\"housing\",\"benefits\"],"
			    "\"none\":[\"benefits\"]},\"age\":{\"min\":18,\"max\":64},\"safeguarding\":false,"
			    "\"lives_alone\":true,\"discharge\":false,\"urgency\":[\"urgent\"]},\"tier\":\"complex_support\","
			    "\"home_check\":true,\"reason\":\"{{x}} {source}\"},{\"name\":\"default\",\"tier\":\"signpost\","
			    "\"reason\":\"Signpost.\"}]}");
	expect_ok(text);
	free(text);
	assert_memory_equal(&first, &rules, sizeof rules);
}

/* ---- validation ---- */

static void test_reject_document(void **state)
{
	(void)state;
	expect_error(NULL, "json", "no rules document");
	expect_error("", "json", "not valid JSON (line 1");
	expect_error("{\"version\":1,", "json", "not valid JSON");
	expect_error("{\"version\":1,\"rules\":[" DEFAULT_RULE "]} x", "json", "not valid JSON");
	expect_error("[]", "json", "must be a JSON object");
	expect_error("{\"version\":1,\"version\":2,\"rules\":[" DEFAULT_RULE "]}", "json", "duplicate");
	expect_error("{\"version\":1,\"rules\":[" DEFAULT_RULE "],\"comment\":\"x\"}", "comment",
		     "unknown key 'comment'; allowed: version, rules");
	expect_error("{\"rules\":[" DEFAULT_RULE "]}", "version", "version is required");
	expect_error("{\"version\":0,\"rules\":[" DEFAULT_RULE "]}", "version", "whole number from 1");
	expect_error("{\"version\":-3,\"rules\":[" DEFAULT_RULE "]}", "version", "whole number from 1");
	expect_error("{\"version\":\"1\",\"rules\":[" DEFAULT_RULE "]}", "version", "whole number from 1");
	expect_error("{\"version\":1.5,\"rules\":[" DEFAULT_RULE "]}", "version", "whole number from 1");
	expect_error("{\"version\":3000000000,\"rules\":[" DEFAULT_RULE "]}", "version", "whole number from 1");
	expect_error("{\"version\":1}", "rules", "rules is required");
	expect_error("{\"version\":1,\"rules\":{}}", "rules", "must be a list");
	expect_error("{\"version\":1,\"rules\":[]}", "rules", "rules is empty");
}

static void test_reject_too_big(void **state)
{
	(void)state;
	char *big = malloc(TRIAGE_JSON_MAX + 2);
	assert_non_null(big);
	memset(big, ' ', TRIAGE_JSON_MAX + 1);
	big[TRIAGE_JSON_MAX + 1] = '\0';
	expect_error(big, "json", "larger than 262144 bytes");
	free(big);

	/* 65 rules. */
	char *doc = malloc(65 * 80 + 100);
	assert_non_null(doc);
	size_t len = (size_t)sprintf(doc, "{\"version\":1,\"rules\":[");
	for (int i = 0; i < 64; i++)
		len += (size_t)sprintf(doc + len, "{\"name\":\"r%d\",\"when\":{\"age\":{\"min\":%d}},\"tier\":\"signpost\",\"reason\":\"x\"},", i, i);
	sprintf(doc + len, DEFAULT_RULE "]}");
	expect_error(doc, "rules", "too many rules (65; at most 64)");
	/* 64 is fine. */
	char *last = strstr(doc, "{\"name\":\"r63\"");
	sprintf(last, DEFAULT_RULE "]}");
	expect_ok(doc);
	assert_int_equal(rules.n, 64);
	free(doc);
}

static void test_reject_rule_fields(void **state)
{
	(void)state;
	expect_error(one("[]"), "rules[0]", "rule 0: each rule must be an object");
	expect_error(one("{\"name\":\"a\",\"tier\":\"signpost\",\"reason\":\"x\",\"when\":{\"age\":{\"min\":1}},\"priority\":1}"),
		     "rules[0].priority", "rule 0: unknown key 'priority'; allowed: name, when, tier, home_check, reason");
	expect_error(one("{\"tier\":\"signpost\",\"reason\":\"x\",\"when\":{\"age\":{\"min\":1}}}"), "rules[0].name",
		     "rule 0: name is required");
	expect_error(one("{\"name\":\"\",\"tier\":\"signpost\",\"reason\":\"x\",\"when\":{\"age\":{\"min\":1}}}"),
		     "rules[0].name", "name is empty");
	expect_error(one("{\"name\":\"   \",\"tier\":\"signpost\",\"reason\":\"x\",\"when\":{\"age\":{\"min\":1}}}"),
		     "rules[0].name", "name is empty");
	expect_error(one("{\"name\":7,\"tier\":\"signpost\",\"reason\":\"x\",\"when\":{\"age\":{\"min\":1}}}"),
		     "rules[0].name", "must be text in quotes");
	expect_error(one("{\"name\":\"0123456789012345678901234567890123456789012345678901234567890123\","
			 "\"tier\":\"signpost\",\"reason\":\"x\",\"when\":{\"age\":{\"min\":1}}}"),
		     "rules[0].name", "too long (64 bytes; at most 63)");
	expect_error(one("{\"name\":\"a\\tb\",\"tier\":\"signpost\",\"reason\":\"x\",\"when\":{\"age\":{\"min\":1}}}"),
		     "rules[0].name", "without control characters");
	expect_error(one("{\"name\":\"a\",\"reason\":\"x\",\"when\":{\"age\":{\"min\":1}}}"), "rules[0].tier",
		     "tier is required");
	expect_error(one("{\"name\":\"a\",\"tier\":3,\"reason\":\"x\",\"when\":{\"age\":{\"min\":1}}}"), "rules[0].tier",
		     "must be a tier code");
	expect_error(one("{\"name\":\"a\",\"tier\":\"befriending\",\"reason\":\"x\",\"when\":{\"age\":{\"min\":1}}}"),
		     "rules[0].tier",
		     "rule 0: unknown tier 'befriending'; allowed: community_support, complex_support, social_prescribing, "
		     "signpost, decline");
	expect_error(one("{\"name\":\"a\",\"tier\":\"signpost\",\"when\":{\"age\":{\"min\":1}}}"), "rules[0].reason",
		     "reason is required");
	expect_error(one("{\"name\":\"a\",\"tier\":\"signpost\",\"reason\":\"\",\"when\":{\"age\":{\"min\":1}}}"),
		     "rules[0].reason", "reason is empty");
	expect_error(one("{\"name\":\"a\",\"tier\":\"signpost\",\"reason\":\"two\\nlines\",\"when\":{\"age\":{\"min\":1}}}"),
		     "rules[0].reason", "one line of text");
	expect_error(one("{\"name\":\"a\",\"tier\":\"signpost\",\"reason\":[\"x\"],\"when\":{\"age\":{\"min\":1}}}"),
		     "rules[0].reason", "must be text");
	char rule[1200];
	snprintf(rule, sizeof rule, "{\"name\":\"a\",\"tier\":\"signpost\",\"reason\":\"%0512d\",\"when\":{\"age\":{\"min\":1}}}", 0);
	expect_error(one(rule), "rules[0].reason", "too long (512 bytes; at most 511)");
	snprintf(rule, sizeof rule, "{\"name\":\"a\",\"tier\":\"signpost\",\"reason\":\"%0511d\",\"when\":{\"age\":{\"min\":1}}}", 0);
	expect_ok(one(rule));
	expect_error(one("{\"name\":\"a\",\"tier\":\"signpost\",\"home_check\":\"yes\",\"reason\":\"x\",\"when\":{\"age\":{\"min\":1}}}"),
		     "rules[0].home_check", "true or false");
	expect_error(one("{\"name\":\"a\",\"tier\":\"community_support\",\"home_check\":true,\"reason\":\"x\",\"when\":{\"age\":{\"min\":1}}}"),
		     "rules[0].home_check", "applies only to tier complex_support");
	expect_ok(one("{\"name\":\"a\",\"tier\":\"community_support\",\"home_check\":false,\"reason\":\"x\",\"when\":{\"age\":{\"min\":1}}}"));
	assert_false(rules.rules[0].home_check);
}

static void test_reject_placeholders(void **state)
{
	(void)state;
	const char *cases[][2] = {
		{ "Referred by {referrer}", "unknown placeholder {referrer}; allowed: {source}, {reasons}" },
		{ "{Source}", "unknown placeholder {Source}" },
		{ "{}", "unknown placeholder {}" },
		{ "open { brace", "'{' at character 6 is not closed" },
		{ "close } brace", "a lone '}' at character 7" },
		{ "{source", "'{' at character 1 is not closed" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char rule[512];
		snprintf(rule, sizeof rule, "{\"name\":\"a\",\"when\":{\"age\":{\"min\":1}},\"tier\":\"signpost\",\"reason\":\"%s\"}",
			 cases[i][0]);
		expect_error(one(rule), "rules[0].reason", cases[i][1]);
	}
}

static void test_reject_when(void **state)
{
	(void)state;
	expect_error(when("[]"), "rules[0].when", "when must be an object");
	expect_error(when("{\"sources\":[\"self\"]}"), "rules[0].when.sources",
		     "unknown key 'sources'; allowed: source, reasons, age, safeguarding, lives_alone, discharge, urgency");
	expect_error(when("{\"source\":\"self\"}"), "rules[0].when.source", "must be a list of source codes");
	expect_error(when("{\"source\":[]}"), "rules[0].when.source", "an empty list of sources never matches");
	expect_error(when("{\"source\":[1]}"), "rules[0].when.source[0]", "each source must be a code in quotes");
	expect_error(when("{\"source\":[\"self\",\"GP\"]}"), "rules[0].when.source[1]",
		     "rule 0: unknown source 'GP'; allowed: gp_practice, primary_care_other, adult_social_care, "
		     "acute_hospital_discharge, community_bed_discharge, vcse_partner, self, family_carer, other");
	expect_error(when("{\"source\":[\"self\",\"other\",\"self\"]}"), "rules[0].when.source[2]",
		     "source 'self' is listed twice");
	expect_error(when("{\"urgency\":[\"high\"]}"), "rules[0].when.urgency[0]",
		     "unknown urgency 'high'; allowed: routine, soon, urgent");
	expect_error(when("{\"urgency\":[]}"), "rules[0].when.urgency", "never matches");
	expect_error(when("{\"safeguarding\":1}"), "rules[0].when.safeguarding", "true or false");
	expect_error(when("{\"lives_alone\":\"yes\"}"), "rules[0].when.lives_alone", "true or false");
	expect_error(when("{\"discharge\":null}"), "rules[0].when.discharge", "true or false");
	expect_error(when("{\"discharge\":false,\"source\":[\"acute_hospital_discharge\",\"community_bed_discharge\"]}"),
		     "rules[0].when.discharge", "can never match");
	expect_ok(when("{\"discharge\":false,\"source\":[\"acute_hospital_discharge\",\"self\"]}"));
	expect_ok(when("{\"discharge\":true,\"source\":[\"self\"]}"));
}

static void test_reject_reasons(void **state)
{
	(void)state;
	expect_error(when("{\"reasons\":[\"debt\"]}"), "rules[0].when.reasons", "must be an object");
	expect_error(when("{\"reasons\":{}}"), "rules[0].when.reasons", "when.reasons is empty");
	expect_error(when("{\"reasons\":{\"some\":[\"debt\"]}}"), "rules[0].when.reasons.some",
		     "unknown key 'some'; allowed: any, all, only, none");
	expect_error(when("{\"reasons\":{\"any\":[]}}"), "rules[0].when.reasons.any", "never matches");
	expect_error(when("{\"reasons\":{\"all\":[\"debt\",\"debt\"]}}"), "rules[0].when.reasons.all[1]", "listed twice");
	expect_error(when("{\"reasons\":{\"none\":[\"lonely\"]}}"), "rules[0].when.reasons.none[0]",
		     "rule 0: unknown reason 'lonely'; allowed: social_isolation, loneliness, low_mood, debt,");
	/* The message is one line, fits, and ends the list on a whole code. */
	const char *m = fielderr_for(&errs, "rules[0].when.reasons.none[0]");
	assert_true(strlen(m) < FIELDERR_MSG);
	if (FIELDERR_MSG >= 400)
		assert_non_null(strstr(m, "discharge_support, frequent_attender"));
	else
		assert_string_equal(m + strlen(m) - 5, ", ...");
	/* A long unknown value is shortened in the message. */
	expect_error(when("{\"reasons\":{\"only\":[\"abcdefghijklmnopqrstuvwxyzabcdefghij\"]}}"),
		     "rules[0].when.reasons.only[0]", "unknown reason 'abcdefghijklmnopqrstuvwx...'");
	expect_error(when("{\"reasons\":{\"all\":[\"debt\"],\"none\":[\"housing\",\"debt\"]}}"), "rules[0].when.reasons",
		     "can never match: 'debt' is in both \"all\" and \"none\"");
	expect_error(when("{\"reasons\":{\"all\":[\"debt\"],\"only\":[\"housing\"]}}"), "rules[0].when.reasons",
		     "can never match: 'debt' is in \"all\" but not in \"only\"");
	expect_error(when("{\"reasons\":{\"only\":[\"housing\"],\"none\":[\"housing\",\"debt\"]}}"),
		     "rules[0].when.reasons", "every reason in \"only\" is also in \"none\"");
	expect_error(when("{\"reasons\":{\"any\":[\"debt\"],\"none\":[\"debt\"]}}"), "rules[0].when.reasons",
		     "no reason in \"any\" is allowed");
	expect_error(when("{\"reasons\":{\"any\":[\"debt\"],\"only\":[\"housing\"]}}"), "rules[0].when.reasons",
		     "no reason in \"any\" is allowed");
	expect_ok(when("{\"reasons\":{\"any\":[\"debt\",\"housing\"],\"none\":[\"debt\"]}}"));
	expect_ok(when("{\"reasons\":{\"only\":[\"debt\",\"housing\"],\"none\":[\"debt\"]}}"));
}

static void test_reject_age(void **state)
{
	(void)state;
	expect_error(when("{\"age\":18}"), "rules[0].when.age", "must be an object");
	expect_error(when("{\"age\":{}}"), "rules[0].when.age", "needs \"min\", \"max\" or both");
	expect_error(when("{\"age\":{\"from\":18}}"), "rules[0].when.age.from", "unknown key 'from'; allowed: min, max");
	expect_error(when("{\"age\":{\"min\":-1}}"), "rules[0].when.age.min", "from 0 to 150");
	expect_error(when("{\"age\":{\"max\":151}}"), "rules[0].when.age.max", "from 0 to 150");
	expect_error(when("{\"age\":{\"min\":\"18\"}}"), "rules[0].when.age.min", "whole number");
	expect_error(when("{\"age\":{\"min\":17.5}}"), "rules[0].when.age.min", "whole number");
	expect_error(when("{\"age\":{\"min\":65,\"max\":18}}"), "rules[0].when.age", "min (65) is greater than max (18)");
	expect_ok(when("{\"age\":{\"min\":150,\"max\":150}}"));
}

static void test_reject_order(void **state)
{
	(void)state;
	/* No default at the end. */
	expect_error("{\"version\":1,\"rules\":[{\"name\":\"a\",\"when\":{\"source\":[\"self\"]},\"tier\":\"signpost\",\"reason\":\"x\"}]}",
		     "rules", "no default rule: the last rule (rule 0) has conditions");
	/* A catch-all before the end hides the rest. */
	expect_error("{\"version\":1,\"rules\":[" DEFAULT_RULE ",{\"name\":\"b\",\"when\":{\"source\":[\"self\"]},"
		     "\"tier\":\"signpost\",\"reason\":\"x\"},{\"name\":\"c\",\"when\":{},\"tier\":\"signpost\",\"reason\":\"x\"}]}",
		     "rules[0].when", "rule 0: this rule has no conditions, so it matches everything and rules 1 to 2");
	/* Names are unique. */
	expect_error("{\"version\":1,\"rules\":[{\"name\":\"default\",\"when\":{\"source\":[\"self\"]},\"tier\":\"signpost\","
		     "\"reason\":\"x\"}," DEFAULT_RULE "]}",
		     "rules[1].name", "rule 1: name 'default' is already used by rule 0");
}

static void test_reject_many_errors(void **state)
{
	(void)state;
	/* Every problem is reported, not just the first. */
	int rc = parse("{\"version\":0,\"extra\":1,\"rules\":[{\"name\":\"\",\"tier\":\"x\",\"reason\":\"{y}\","
		       "\"when\":{\"source\":[\"z\"],\"age\":{\"min\":5,\"max\":1},\"lives_alone\":2}},"
		       "{\"name\":\"d\",\"tier\":\"signpost\"}]}");
	assert_int_equal(rc, -1);
	assert_non_null(fielderr_for(&errs, "version"));
	assert_non_null(fielderr_for(&errs, "extra"));
	assert_non_null(fielderr_for(&errs, "rules[0].name"));
	assert_non_null(fielderr_for(&errs, "rules[0].tier"));
	assert_non_null(fielderr_for(&errs, "rules[0].reason"));
	assert_non_null(fielderr_for(&errs, "rules[0].when.source[0]"));
	assert_non_null(fielderr_for(&errs, "rules[0].when.age"));
	assert_non_null(fielderr_for(&errs, "rules[0].when.lives_alone"));
	assert_non_null(fielderr_for(&errs, "rules[1].reason"));
	assert_int_equal(errs.n, 9);
	assert_int_equal(rules.n, 0);

	/* More problems than fit: the extra ones are counted as dropped and it still fails. */
	char *doc = malloc(64 * 120 + 100);
	size_t len = (size_t)sprintf(doc, "{\"version\":1,\"rules\":[");
	for (int i = 0; i < 63; i++)
		len += (size_t)sprintf(doc + len, "{\"name\":\"\",\"tier\":\"q\",\"reason\":\"\"},");
	sprintf(doc + len, DEFAULT_RULE "]}");
	fielderr_init(&errs);
	assert_int_equal(triage_rules_parse(doc, &rules, &errs), -1);
	assert_int_equal(errs.n, FIELDERR_MAX);
	assert_true(errs.dropped > 0);
	free(doc);

	/* Errors already in the list from elsewhere do not make a good document fail... */
	fielderr_init(&errs);
	fielderr_add(&errs, "person.nhs_number", "earlier problem");
	assert_int_equal(triage_rules_parse("{\"version\":1,\"rules\":[" DEFAULT_RULE "]}", &rules, &errs), 0);
	assert_int_equal(errs.n, 1);
	assert_int_equal(rules.n, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vocab_matches_data_files),
		cmocka_unit_test(test_vocab_lookups),
		cmocka_unit_test(test_default_rules_parse),
		cmocka_unit_test(test_default_rules_safeguarding_first),
		cmocka_unit_test(test_default_rules_discharge),
		cmocka_unit_test(test_default_rules_community_support),
		cmocka_unit_test(test_default_rules_social_prescribing),
		cmocka_unit_test(test_default_rules_signpost),
		cmocka_unit_test(test_condition_source),
		cmocka_unit_test(test_condition_reasons),
		cmocka_unit_test(test_condition_age),
		cmocka_unit_test(test_condition_flags),
		cmocka_unit_test(test_condition_urgency),
		cmocka_unit_test(test_empty_when_is_default),
		cmocka_unit_test(test_first_match_wins),
		cmocka_unit_test(test_template_placeholders),
		cmocka_unit_test(test_template_truncation),
		cmocka_unit_test(test_template_utf8_cut),
		cmocka_unit_test(test_suggest_bad_input),
		cmocka_unit_test(test_suggest_no_rules),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_reject_document),
		cmocka_unit_test(test_reject_too_big),
		cmocka_unit_test(test_reject_rule_fields),
		cmocka_unit_test(test_reject_placeholders),
		cmocka_unit_test(test_reject_when),
		cmocka_unit_test(test_reject_reasons),
		cmocka_unit_test(test_reject_age),
		cmocka_unit_test(test_reject_order),
		cmocka_unit_test(test_reject_many_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
