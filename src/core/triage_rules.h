/* Triage rules kept as data: an ordered list of conditions on a referral that suggests a tier and says why. */
#ifndef WAYMARK_CORE_TRIAGE_RULES_H
#define WAYMARK_CORE_TRIAGE_RULES_H
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "core/fielderr.h"

/*
 * The format is documented in docs/TRIAGE.md and the default set is
 * data/triage_rules.json. Rules are tried in order; the first whose every
 * condition holds gives the suggestion; the last rule has no conditions (the
 * default), so every referral gets a suggestion from a valid rule set.
 */

#define TRIAGE_RULES_MAX 64        /* rules in one set */
#define TRIAGE_NAME_MAX 64         /* a rule's name, with the NUL */
#define TRIAGE_TEMPLATE_MAX 512    /* a rule's reason template, with the NUL */
#define TRIAGE_REASON_MAX 1024     /* an expanded reason text, with the NUL */
#define TRIAGE_JSON_MAX (256 * 1024) /* the largest rules document accepted */
#define TRIAGE_AGE_LIMIT 150       /* ages in rules are 0..TRIAGE_AGE_LIMIT */

/* The vocabularies, in the order (and with the codes and labels) of
 * data/vocab/tiers.csv, referral_sources.csv, referral_reasons.csv and
 * urgencies.csv; a unit test compares them with those files. */
enum triage_tier {
	TRIAGE_TIER_COMMUNITY_SUPPORT,
	TRIAGE_TIER_COMPLEX_SUPPORT,
	TRIAGE_TIER_SOCIAL_PRESCRIBING,
	TRIAGE_TIER_SIGNPOST,
	TRIAGE_TIER_DECLINE,
	TRIAGE_TIER__MAX
};

enum triage_source {
	TRIAGE_SOURCE_GP_PRACTICE,
	TRIAGE_SOURCE_PRIMARY_CARE_OTHER,
	TRIAGE_SOURCE_ADULT_SOCIAL_CARE,
	TRIAGE_SOURCE_ACUTE_HOSPITAL_DISCHARGE,
	TRIAGE_SOURCE_COMMUNITY_BED_DISCHARGE,
	TRIAGE_SOURCE_VCSE_PARTNER,
	TRIAGE_SOURCE_SELF,
	TRIAGE_SOURCE_FAMILY_CARER,
	TRIAGE_SOURCE_OTHER,
	TRIAGE_SOURCE__MAX
};

enum triage_reason {
	TRIAGE_REASON_SOCIAL_ISOLATION,
	TRIAGE_REASON_LONELINESS,
	TRIAGE_REASON_LOW_MOOD,
	TRIAGE_REASON_DEBT,
	TRIAGE_REASON_HOUSING,
	TRIAGE_REASON_BENEFITS,
	TRIAGE_REASON_EMPLOYMENT,
	TRIAGE_REASON_CARER_SUPPORT,
	TRIAGE_REASON_LONG_TERM_CONDITION,
	TRIAGE_REASON_PHYSICAL_ACTIVITY,
	TRIAGE_REASON_HEALTHY_EATING,
	TRIAGE_REASON_SHOPPING,
	TRIAGE_REASON_PRESCRIPTION_COLLECTION,
	TRIAGE_REASON_TRANSPORT,
	TRIAGE_REASON_BEFRIENDING,
	TRIAGE_REASON_PRACTICAL_HELP,
	TRIAGE_REASON_DISCHARGE_SUPPORT,
	TRIAGE_REASON_FREQUENT_ATTENDER,
	TRIAGE_REASON__MAX
};

enum triage_urgency {
	TRIAGE_URGENCY_UNKNOWN = -1, /* not given: rules with an urgency condition do not match */
	TRIAGE_URGENCY_ROUTINE,
	TRIAGE_URGENCY_SOON,
	TRIAGE_URGENCY_URGENT,
	TRIAGE_URGENCY__MAX
};

/* Bit of a code in a set (sources, reasons, urgencies are uint32_t sets). */
#define TRIAGE_BIT(x) ((uint32_t)1 << (x))

/*
 * Codes and labels of the vocabularies (borrowed, static), or NULL for a
 * value out of range. *_from_code returns the value, or -1 for NULL or an
 * unknown code (exact, case-sensitive match).
 */
const char *triage_tier_code(int tier);
const char *triage_tier_label(int tier);
int triage_tier_from_code(const char *code);
const char *triage_source_code(int source);
const char *triage_source_label(int source);
int triage_source_from_code(const char *code);
const char *triage_reason_code(int reason);
const char *triage_reason_label(int reason);
int triage_reason_from_code(const char *code);
const char *triage_urgency_code(int urgency);
const char *triage_urgency_label(int urgency);
int triage_urgency_from_code(const char *code);
/* 1 for the discharge team sources (the `discharge` column of referral_sources.csv). */
int triage_source_is_discharge(int source);

/* A yes/no condition: not tested, must be false, must be true. */
enum triage_flag { TRIAGE_FLAG_ANY, TRIAGE_FLAG_NO, TRIAGE_FLAG_YES };

/* One rule; every set condition must hold (AND). An empty set (0) is "not tested". */
struct triage_rule {
	char name[TRIAGE_NAME_MAX];
	uint32_t sources;      /* the referral's source is one of these */
	uint32_t reasons_any;  /* at least one of the referral's reasons is one of these */
	uint32_t reasons_all;  /* every one of these is among the referral's reasons */
	uint32_t reasons_only; /* the referral has reasons and every one is one of these */
	uint32_t reasons_none; /* none of the referral's reasons is one of these */
	int age_min, age_max;  /* inclusive whole years; -1 = no bound; an unknown age fails a bound */
	enum triage_flag safeguarding, lives_alone;
	enum triage_flag discharge; /* discharge source, or discharge details given */
	uint32_t urgencies;    /* the referral's urgency is one of these */
	enum triage_tier tier;
	int home_check;        /* suggest a home check before the person leaves hospital */
	char reason[TRIAGE_TEMPLATE_MAX]; /* template; placeholders in docs/TRIAGE.md */
};

struct triage_rules {
	int version; /* >= 1 */
	size_t n;    /* 1..TRIAGE_RULES_MAX once parsed */
	struct triage_rule rules[TRIAGE_RULES_MAX];
};

/*
 * Parses and validates a rules document (NUL-terminated JSON text, at most
 * TRIAGE_JSON_MAX bytes). Checks everything: unknown keys, unknown codes
 * (the message lists the allowed codes), empty or duplicated lists, age
 * ranges, rules that can never match, a catch-all before the end, a missing
 * default at the end, placeholders in reason templates. Every problem is
 * added to errs (which the caller has initialised) with a field path such as
 * "rules[2].when.reasons.any[1]" (rule indexes count from 0) and a message
 * naming the rule. Returns 0 with *out filled, or -1 with *out zeroed.
 */
int triage_rules_parse(const char *json, struct triage_rules *out, struct field_errors *errs);

/*
 * The rules as a JSON document in the format triage_rules_parse reads
 * (canonical: codes in vocabulary order, absent conditions left out).
 * Returns a new reference, or NULL when out of memory.
 */
json_t *triage_rules_to_json(const struct triage_rules *rules);

/* What triage knows about a referral. */
struct triage_input {
	enum triage_source source;
	uint32_t reasons;        /* set of enum triage_reason bits */
	int age;                 /* whole years on the day of triage; -1 unknown */
	int safeguarding;        /* safeguarding concern flagged */
	int lives_alone;
	int discharge;           /* discharge details given (a discharge source counts anyway) */
	enum triage_urgency urgency;
};

struct triage_suggestion {
	enum triage_tier tier;
	size_t rule_index;       /* 0-based index of the rule that matched */
	int rules_version;
	int home_check;
	char rule_name[TRIAGE_NAME_MAX];
	char reason[TRIAGE_REASON_MAX]; /* the rule's template filled in */
};

/* 1 if every condition of the rule holds for the input. */
int triage_rule_matches(const struct triage_rule *rule, const struct triage_input *in);

/*
 * The first matching rule's tier and reason. Returns 0, or -1 if the input
 * is out of range (unknown source, reason bits beyond the vocabulary, urgency
 * out of range) or no rule matches (only possible for rules that did not come
 * from triage_rules_parse); *out is then zeroed.
 */
int triage_suggest(const struct triage_rules *rules, const struct triage_input *in, struct triage_suggestion *out);
#endif
