/* Fuzzes the triage rules document parser. A rejected document reports at
 * least one problem and leaves the output zeroed; an accepted one has 1 to
 * TRIAGE_RULES_MAX rules ending in a catch-all, writes back (canonical JSON)
 * to a document that parses to the same rules, and gives every in-range
 * referral a suggestion from the first rule that matches it. */
#include <jansson.h>
#include "core/triage_rules.h"
#include "fuzz.h"

static uint64_t mix(uint64_t *s)
{
	/* splitmix64: the same inputs from the same document every run. */
	uint64_t z = (*s += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

/* One memcmp rather than a byte loop: under coverage instrumentation a loop
 * over the 40 KB struct cost more than the parse. */
static int all_zero(const struct triage_rules *r)
{
	static const struct triage_rules zero;
	return memcmp(r, &zero, sizeof zero) == 0;
}

static void check_suggestions(const struct triage_rules *rules, const uint8_t *data, size_t size)
{
	uint64_t seed = 1469598103934665603u;
	for (size_t i = 0; i < size; i++)
		seed = (seed ^ data[i]) * 1099511628211u;
	for (int k = 0; k < 16; k++) {
		struct triage_input in;
		uint64_t r = mix(&seed);
		in.source = (enum triage_source)(r % TRIAGE_SOURCE__MAX);
		in.reasons = (uint32_t)(mix(&seed) & (TRIAGE_BIT(TRIAGE_REASON__MAX) - 1));
		in.age = (int)(mix(&seed) % (TRIAGE_AGE_LIMIT + 12)) - 1;
		r = mix(&seed);
		in.safeguarding = r & 1;
		in.lives_alone = (r >> 1) & 1;
		in.discharge = (r >> 2) & 1;
		in.urgency = (enum triage_urgency)((int)((r >> 3) % (TRIAGE_URGENCY__MAX + 1)) - 1);
		struct triage_suggestion s;
		FUZZ_CHECK(triage_suggest(rules, &in, &s) == 0);
		FUZZ_CHECK(s.rule_index < rules->n);
		FUZZ_CHECK((unsigned)s.tier < TRIAGE_TIER__MAX && s.tier == rules->rules[s.rule_index].tier);
		FUZZ_CHECK(s.rules_version == rules->version);
		FUZZ_CHECK(memchr(s.reason, '\0', sizeof s.reason) != NULL);
		FUZZ_CHECK(memchr(s.rule_name, '\0', sizeof s.rule_name) != NULL);
		FUZZ_CHECK(triage_rule_matches(&rules->rules[s.rule_index], &in));
		for (size_t j = 0; j < s.rule_index; j++)
			FUZZ_CHECK(!triage_rule_matches(&rules->rules[j], &in));
	}
	/* Out-of-range inputs are refused, not read past a table. */
	struct triage_input bad = { TRIAGE_SOURCE__MAX, 0, -1, 0, 0, 0, TRIAGE_URGENCY_UNKNOWN };
	struct triage_suggestion s;
	FUZZ_CHECK(triage_suggest(rules, &bad, &s) == -1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > TRIAGE_JSON_MAX)
		return 0;
	char *json = fuzz_cstr(data, size);
	if (!json)
		return 0;
	struct triage_rules *rules = malloc(sizeof *rules), *again = malloc(sizeof *again);
	struct field_errors *errs = malloc(sizeof *errs);
	if (!rules || !again || !errs)
		goto out;
	fielderr_init(errs);
	memset(rules, 0x5a, sizeof *rules);
	int rc = triage_rules_parse(json, rules, errs);
	FUZZ_CHECK(rc == 0 || rc == -1);
	if (rc != 0) {
		FUZZ_CHECK(errs->n > 0);
		FUZZ_CHECK(all_zero(rules));
		for (size_t i = 0; i < errs->n; i++) {
			FUZZ_CHECK(memchr(errs->e[i].field, '\0', sizeof errs->e[i].field) != NULL);
			FUZZ_CHECK(memchr(errs->e[i].message, '\0', sizeof errs->e[i].message) != NULL);
		}
		goto out;
	}
	FUZZ_CHECK(errs->n == 0 && errs->dropped == 0);
	FUZZ_CHECK(rules->version >= 1);
	FUZZ_CHECK(rules->n >= 1 && rules->n <= TRIAGE_RULES_MAX);
	for (size_t i = 0; i < rules->n; i++) {
		const struct triage_rule *r = &rules->rules[i];
		FUZZ_CHECK((unsigned)r->tier < TRIAGE_TIER__MAX);
		FUZZ_CHECK(memchr(r->name, '\0', sizeof r->name) && memchr(r->reason, '\0', sizeof r->reason));
		FUZZ_CHECK(r->age_min >= -1 && r->age_min <= TRIAGE_AGE_LIMIT);
		FUZZ_CHECK(r->age_max >= -1 && r->age_max <= TRIAGE_AGE_LIMIT);
	}

	/* Canonical form round trip: parse(to_json(r)) gives the same canonical form. */
	json_t *doc = triage_rules_to_json(rules);
	FUZZ_CHECK(doc != NULL);
	char *text = json_dumps(doc, JSON_COMPACT);
	FUZZ_CHECK(text != NULL);
	fielderr_init(errs);
	FUZZ_CHECK(triage_rules_parse(text, again, errs) == 0);
	json_t *doc2 = triage_rules_to_json(again);
	FUZZ_CHECK(doc2 != NULL && json_equal(doc, doc2));
	FUZZ_CHECK(again->n == rules->n && again->version == rules->version);
	json_decref(doc2);
	json_decref(doc);
	free(text);

	check_suggestions(rules, data, size);
out:
	free(errs);
	free(again);
	free(rules);
	free(json);
	return 0;
}
