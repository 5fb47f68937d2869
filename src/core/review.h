/* The quarterly review's figures from counts of the provider's own cases: Appendix D completeness, the follow-up KPI, the client target, RAG. */
#ifndef WAYMARK_CORE_REVIEW_H
#define WAYMARK_CORE_REVIEW_H
#include <stdint.h>
#include "core/perf.h"

/*
 * The Appendix D fields counted for data completeness, one per case
 * (docs/COMMISSIONING.md lists them with their columns). Age and postcode
 * are not counted: Waymark cannot store a referral without them.
 */
#define REVIEW_APPX_D_FIELDS(X)                                                    \
	X(GENDER, "gender", "Gender")                                              \
	X(ETHNICITY, "ethnicity", "Ethnicity")                                     \
	X(DISABILITY, "disability", "Disability status")                           \
	X(EMPLOYMENT, "employment", "Employment status")                           \
	X(HOUSING, "housing", "Housing")                                           \
	X(MONEY, "money_worries", "Income (money worries)")                        \
	X(NHS_NUMBER, "nhs_number", "NHS number")                                  \
	X(REASON, "reason", "Reason for referral")                                 \
	X(SESSION, "session", "Support offered (a session recorded)")              \
	X(WELLBEING, "wellbeing_baseline", "Wellbeing baseline (SWEMWBS)")         \
	X(SELF_EFFICACY, "self_efficacy_baseline", "Self-efficacy baseline (GSE)") \
	X(HEALTH, "health_baseline", "Overall health baseline (EQ-VAS)")

enum review_field {
#define X(name, code, label) REVIEW_F_##name,
	REVIEW_APPX_D_FIELDS(X)
#undef X
	    REVIEW_FIELDS
};

/* "gender", ...; NULL outside. */
const char *review_field_code(int f);
const char *review_field_label(int f);

/* Which Appendix D fields one case has: bit f set when field f is filled. */
typedef uint32_t review_fields_mask;

/* How many of the REVIEW_FIELDS fields a mask has. */
int review_fields_filled(review_fields_mask m);

/* What the review counted (all >= 0). */
struct review_counts {
	int64_t clients;       /* distinct people with a social prescribing case opened in the period */
	int64_t cases;         /* those cases (completeness is over them) */
	int64_t fields_filled; /* Appendix D fields filled over the cases */
	int64_t followup_due;  /* referrals received in the period whose follow-up is settled (contacted, or overdue) */
	int64_t followup_within; /* of those, contacted within the 24 counted hours */
};

#define REVIEW_NONE (-1) /* a percentage with nothing to measure: not rated */

struct review_figures {
	int64_t target_x100;  /* the pro-rata target, hundredths of a client */
	int64_t clients_x100; /* clients / target, hundredths of a percent (10000 when the target is 0) */
	int64_t
	    completeness_x100; /* fields filled / (cases x REVIEW_FIELDS), hundredths, rounded down; REVIEW_NONE with no cases */
	int64_t followup_x100; /* within / due, hundredths, rounded down; REVIEW_NONE when none due */
	enum rag measure[RAG_MEASURES];
	int rated[RAG_MEASURES]; /* 0 when the measure had nothing to measure */
	enum rag rag;            /* the worst of the rated measures */
};

/*
 * The figures and the rating from the counts and the target (from
 * perf_target_x100). A measure with nothing to measure is not rated; the
 * client measure always is. Returns 0, or -1 for negative counts, more
 * within than due or more filled than possible.
 */
int review_figures(const struct rag_thresholds *t, const struct review_counts *n, int64_t target_x100,
		   struct review_figures *out);

/* "green", "amber", "red" to the rating: 0, or -1. */
int rag_parse(const char *s, enum rag *out);
#endif
