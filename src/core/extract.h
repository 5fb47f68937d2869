/* The evaluation extract's columns, described once: name, type, meaning and
 * the source of their codes. The CSV header, the XLSX header, the data
 * dictionary and each row's cells are all read from this list. */
#ifndef WAYMARK_CORE_EXTRACT_H
#define WAYMARK_CORE_EXTRACT_H
#include <stddef.h>
#include <stdint.h>

#define EXTRACT_CODES_LEN 512 /* a ;-joined list of codes */
#define EXTRACT_NONE INT32_MIN /* a number not known */
#define EXTRACT_FIRST_SCORE_COL 35 /* swemwbs_baseline; the instrument columns follow in a fixed order */

/* The instruments with one score (index of struct extract_row's scores). */
enum extract_scored { EXTRACT_SWEMWBS, EXTRACT_GSE, EXTRACT_EQVAS, EXTRACT_SCORED__MAX };

/* One referral (and its case), ready to write; text is borrowed or held here. */
struct extract_row {
	char person_key[65];
	int key_from_nhs; /* 1: from the NHS number; 0: from the match key */
	const char *age_band, *gender, *ethnicity, *disability, *employment, *housing;
	int money_worries; /* 0, 1, or -1 not known */
	const char *postcode_district, *hwp_area, *place_board, *gp_cluster, *practice;
	const char *pcn, *rurality; /* from the reports' reference maps (core/report_ref.c) */
	const char *source, *channel;
	char reasons[EXTRACT_CODES_LEN];
	const char *tier;
	char month[16];
	int32_t days_to_first_contact;  /* EXTRACT_NONE: not contacted */
	int within_24;                  /* 1, 0, or -1: not contacted and not yet due */
	const char *referral_status;
	int has_case;
	const char *case_status;
	int32_t sessions;
	char session_modes[EXTRACT_CODES_LEN];
	int32_t onward;
	char onward_categories[EXTRACT_CODES_LEN], onward_outcomes[EXTRACT_CODES_LEN];
	int32_t unmet;
	char unmet_domains[EXTRACT_CODES_LEN];
	int dropout;                    /* -1 without a case */
	const char *closure_reason;
	int32_t score_b[EXTRACT_SCORED__MAX], score_f[EXTRACT_SCORED__MAX], score_days[EXTRACT_SCORED__MAX]; /* x100; days */
	int32_t ons4_b[4], ons4_f[4], ons4_days;
};

enum extract_type { EXTRACT_TEXT, EXTRACT_CODE, EXTRACT_CODES, EXTRACT_INT, EXTRACT_FLAG, EXTRACT_SCORE };

struct extract_col {
	const char *name;
	enum extract_type type;
	const char *meaning;
	const char *codes; /* the codes and their source, or "" */
};

/* The columns, in order; *n gets how many. */
const struct extract_col *extract_cols(size_t *n);

/* The name of a type for the dictionary ("text", "code", "integer", ...). */
const char *extract_type_name(enum extract_type t);

/*
 * Cell col of row r as text into buf ("" when not known). *number gets 1 and
 * *value the number when the cell is numeric and known (for XLSX), else 0.
 */
void extract_cell(const struct extract_row *r, size_t col, char *buf, size_t len, int *number, double *value);
#endif
