/* The reference data a referral is checked against (vocabularies, GP
 * practices, postcode districts), held in memory and read-only once built. */
#ifndef WAYMARK_CORE_REFERRAL_REFS_H
#define WAYMARK_CORE_REFERRAL_REFS_H
#include <stddef.h>
#include "model/referral.h"

struct referral_vocab_entry {
	const char *code;
	const char *label;
	const char *extra; /* third column ("1" marks a discharge source), "" when none */
};

struct referral_vocab_list {
	struct referral_vocab_entry *e;
	size_t n, cap;
};

struct referral_practice {
	const char *code;
	const char *name;
	const char *cluster;
	const char *postcode;
};

struct referral_district {
	const char *outcode;
	const char *area;
};

struct referral_refs {
	struct referral_vocab_list vocab[RV__MAX];
	struct referral_practice *practices;
	size_t npractices, cap_practices;
	struct referral_district *districts;
	size_t ndistricts, cap_districts;
	char **strings; /* every string above, owned */
	size_t nstrings, cap_strings;
	int failed;     /* an add ran out of memory */
};

void referral_refs_init(struct referral_refs *r);
void referral_refs_free(struct referral_refs *r);
/* Builders: copy their arguments. Return 0 or -1 (out of memory; sticks in
 * failed). A vocabulary name that no referral field uses is ignored. */
int referral_refs_add_vocab(struct referral_refs *r, const char *vocab, const char *code, const char *label,
			    const char *extra);
int referral_refs_add_practice(struct referral_refs *r, const char *code, const char *name, const char *cluster,
			       const char *postcode);
int referral_refs_add_district(struct referral_refs *r, const char *outcode, const char *area);

/* Lookups return borrowed entries or NULL. Codes compare without regard to
 * case; the entry holds the canonical spelling. */
const struct referral_vocab_entry *referral_refs_vocab(const struct referral_refs *r, enum referral_vocab v,
						       const char *code);
/* A practice by code or by name, either in any case. */
const struct referral_practice *referral_refs_practice(const struct referral_refs *r, const char *code_or_name);
/* The area code of an outward code ("NR1"), or NULL when it is not one of ours. */
const char *referral_refs_area(const struct referral_refs *r, const char *outcode);
#endif
