/* The evaluation extract's column list and the cells of a row. */
#include "core/extract.h"

#include <stdio.h>
#include <string.h>

#define V "data/vocab/"
#define SCORE_COLS(code, label)                                                                                  \
	{ code "_baseline", EXTRACT_SCORE, label " at baseline (two decimals; SWEMWBS as its metric score)", "" },      \
	{ code "_followup", EXTRACT_SCORE, label " at follow-up", "" },                                             \
	{ code "_days_between", EXTRACT_INT, "Whole days from the " label " baseline to its follow-up", "" },
#define ONS4_COLS(code, label)                                                                        \
	{ "ons4_" code "_baseline", EXTRACT_INT, "ONS4 " label " at baseline (0-10)", "" },                 \
	{ "ons4_" code "_followup", EXTRACT_INT, "ONS4 " label " at follow-up (0-10)", "" },

static const struct extract_col cols[] = {
	{ "person_key", EXTRACT_TEXT, "Pseudonymous person key: the same person has the same key in every extract made "
				      "with the same key file", "64 lower-case hex digits, keyed BLAKE2b-256 (docs/EVALUATION.md)" },
	{ "person_key_basis", EXTRACT_CODE, "What the person key was made from",
	  "nhs_number (the 10-digit NHS number); match_key (no NHS number recorded: normalised names, date of birth and "
	  "postcode, so it cannot be linked to other data)" },
	{ "age_band", EXTRACT_CODE, "Age band at the referral's receipt (the exact date of birth is never given)",
	  "0-17, 18-24, 25-34, 35-44, 45-54, 55-64, 65-74, 75-84, 85+" },
	{ "gender", EXTRACT_CODE, "Gender as stated", "NHS Data Dictionary person stated gender code (" V "genders.csv)" },
	{ "ethnicity", EXTRACT_CODE, "Ethnic category", "NHS Data Dictionary ethnic category (" V "ethnic_categories.csv)" },
	{ "disability", EXTRACT_CODE, "Disability or long-term condition", V "disability.csv" },
	{ "employment", EXTRACT_CODE, "Employment status", V "employment_statuses.csv" },
	{ "housing", EXTRACT_CODE, "Housing situation", V "housing_situations.csv" },
	{ "money_worries", EXTRACT_FLAG, "Worries about money or income", "1 yes, 0 no, empty not asked" },
	{ "postcode_district", EXTRACT_CODE, "Postcode district (outward code) of the person's address", "e.g. NR1" },
	{ "hwp_area", EXTRACT_CODE, "Health and Wellbeing Partnership area of the person", "data/areas.csv" },
	{ "place_board", EXTRACT_CODE, "Place board of that area", "data/place_boards.csv" },
	{ "gp_cluster", EXTRACT_CODE, "GP cluster of the person's practice", "data/clusters.csv" },
	{ "practice", EXTRACT_CODE, "GP practice", "ODS organisation code (data/practices.csv)" },
	{ "pcn", EXTRACT_CODE, "Primary Care Network of the person's GP practice; empty when the practice has none",
	  "PCN name (data/pcns.csv: practice to PCN, an approximation of NHS Digital ODS ePCN; see data/SOURCES.md)" },
	{ "rurality", EXTRACT_CODE, "Rurality of the person's postcode district; empty when not classified",
	  "urban_city_town, rural_town_fringe, rural_village_dispersed: ONS 2011 Rural Urban Classification, the "
	  "district's majority class (data/rurality.csv, an approximation; see data/SOURCES.md)" },
	{ "referral_source", EXTRACT_CODE, "Who made the referral", V "referral_sources.csv" },
	{ "channel", EXTRACT_CODE, "How the referral came in", "form, self, api, import" },
	{ "reasons", EXTRACT_CODES, "Reasons for the referral", "codes separated by ; (" V "referral_reasons.csv)" },
	{ "tier", EXTRACT_CODE, "Tier of support (the case's, else the latest triage decision's)", V "tiers.csv" },
	{ "month_received", EXTRACT_CODE, "Month the referral was received (London time)", "YYYY-MM" },
	{ "days_to_first_contact", EXTRACT_INT, "Whole days from receipt to the first successful contact; empty when none",
	  "" },
	{ "within_24_counted_hours", EXTRACT_FLAG, "First successful contact within 24 counted hours (weekends and bank "
						   "holidays do not count)", "1 yes, 0 no, empty not yet due" },
	{ "referral_status", EXTRACT_CODE, "Status of the referral when extracted",
	  "received, triaged, allocated, in_progress, closed, rejected, withdrawn" },
	{ "has_case", EXTRACT_FLAG, "Whether a case was opened for the referral", "1 yes, 0 no" },
	{ "case_status", EXTRACT_CODE, "Status of the case", "open, closed; empty without a case" },
	{ "sessions", EXTRACT_INT, "Sessions held with the person", "" },
	{ "session_modes", EXTRACT_CODES, "Sessions by mode", "mode:count separated by ; (" V "session_modes.csv)" },
	{ "onward_referrals", EXTRACT_INT, "Onward referrals to community services", "" },
	{ "onward_categories", EXTRACT_CODES, "Need domains of the onward referrals",
	  "codes separated by ; (" V "need_domains.csv)" },
	{ "onward_outcomes", EXTRACT_CODES, "Where the onward referrals got to",
	  "status:count separated by ; (" V "onward_referral_statuses.csv)" },
	{ "unmet_needs", EXTRACT_INT, "Needs recorded as unmet", "" },
	{ "unmet_need_domains", EXTRACT_CODES, "Domains of the unmet needs", "codes separated by ; (" V "need_domains.csv)" },
	{ "dropout", EXTRACT_FLAG, "Case closed as a drop-out (unable to contact after the set attempts)",
	  "1 yes, 0 no, empty without a case" },
	{ "closure_reason", EXTRACT_CODE, "Why the case closed", V "closure_reasons.csv" },
	SCORE_COLS("swemwbs", "SWEMWBS") SCORE_COLS("gse", "GSE") SCORE_COLS("eqvas", "EQ-VAS")
	ONS4_COLS("life_satisfaction", "life satisfaction") ONS4_COLS("worthwhile", "worthwhile")
	ONS4_COLS("happiness", "happiness") ONS4_COLS("anxiety", "anxiety")
	{ "ons4_days_between", EXTRACT_INT, "Whole days from the ONS4 baseline to its follow-up", "" },
};
#define NCOLS (sizeof cols / sizeof cols[0])

const struct extract_col *extract_cols(size_t *n)
{
	*n = NCOLS;
	return cols;
}

const char *extract_type_name(enum extract_type t)
{
	switch (t) {
	case EXTRACT_TEXT:
		return "text";
	case EXTRACT_CODE:
		return "code";
	case EXTRACT_CODES:
		return "list of codes";
	case EXTRACT_INT:
		return "integer";
	case EXTRACT_FLAG:
		return "0 or 1";
	case EXTRACT_SCORE:
		return "number";
	}
	return "text";
}

static void put_text(char *buf, size_t len, const char *s, int *number)
{
	*number = 0;
	size_t n = s ? strlen(s) : 0;
	if (n >= len)
		n = len - 1;
	if (n)
		memcpy(buf, s, n);
	buf[n] = '\0';
}

static void put_int(char *buf, size_t len, int64_t v, int known, int *number, double *value)
{
	*number = known;
	if (!known || len < 21) {
		buf[0] = '\0';
		*number = 0;
		return;
	}
	*value = (double)v;
	char t[24];
	size_t n = 0;
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	do
		t[n++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	size_t k = 0;
	if (v < 0)
		buf[k++] = '-';
	while (n)
		buf[k++] = t[--n];
	buf[k] = '\0';
}

static void put_score(char *buf, size_t len, int32_t x100, int *number, double *value)
{
	if (x100 == EXTRACT_NONE) {
		*number = 0;
		buf[0] = '\0';
		return;
	}
	*number = 1;
	*value = x100 / 100.0;
	snprintf(buf, len, "%s%d.%02d", x100 < 0 ? "-" : "", (x100 < 0 ? -x100 : x100) / 100, (x100 < 0 ? -x100 : x100) % 100);
}

void extract_cell(const struct extract_row *r, size_t col, char *buf, size_t len, int *number, double *value)
{
	*number = 0;
	*value = 0;
	if (col >= NCOLS) {
		buf[0] = '\0';
		return;
	}
	/* Instrument columns: by position from the first score column. */
	size_t first_score = EXTRACT_FIRST_SCORE_COL;
	if (col >= first_score) {
		size_t k = col - first_score;
		if (k < 3 * EXTRACT_SCORED__MAX) {
			size_t ins = k / 3, part = k % 3;
			if (part == 0)
				put_score(buf, len, r->score_b[ins], number, value);
			else if (part == 1)
				put_score(buf, len, r->score_f[ins], number, value);
			else
				put_int(buf, len, r->score_days[ins], r->score_days[ins] != EXTRACT_NONE, number, value);
			return;
		}
		k -= 3 * EXTRACT_SCORED__MAX;
		if (k < 8) {
			int32_t v = k % 2 ? r->ons4_f[k / 2] : r->ons4_b[k / 2];
			put_int(buf, len, v, v != EXTRACT_NONE, number, value);
			return;
		}
		put_int(buf, len, r->ons4_days, r->ons4_days != EXTRACT_NONE, number, value);
		return;
	}
	switch (col) {
	case 0: put_text(buf, len, r->person_key, number); break;
	case 1: put_text(buf, len, r->key_from_nhs ? "nhs_number" : "match_key", number); break;
	case 2: put_text(buf, len, r->age_band, number); break;
	case 3: put_text(buf, len, r->gender, number); break;
	case 4: put_text(buf, len, r->ethnicity, number); break;
	case 5: put_text(buf, len, r->disability, number); break;
	case 6: put_text(buf, len, r->employment, number); break;
	case 7: put_text(buf, len, r->housing, number); break;
	case 8: put_int(buf, len, r->money_worries, r->money_worries >= 0, number, value); break;
	case 9: put_text(buf, len, r->postcode_district, number); break;
	case 10: put_text(buf, len, r->hwp_area, number); break;
	case 11: put_text(buf, len, r->place_board, number); break;
	case 12: put_text(buf, len, r->gp_cluster, number); break;
	case 13: put_text(buf, len, r->practice, number); break;
	case 14: put_text(buf, len, r->pcn, number); break;
	case 15: put_text(buf, len, r->rurality, number); break;
	case 16: put_text(buf, len, r->source, number); break;
	case 17: put_text(buf, len, r->channel, number); break;
	case 18: put_text(buf, len, r->reasons, number); break;
	case 19: put_text(buf, len, r->tier, number); break;
	case 20: put_text(buf, len, r->month, number); break;
	case 21: put_int(buf, len, r->days_to_first_contact, r->days_to_first_contact != EXTRACT_NONE, number, value); break;
	case 22: put_int(buf, len, r->within_24, r->within_24 >= 0, number, value); break;
	case 23: put_text(buf, len, r->referral_status, number); break;
	case 24: put_int(buf, len, r->has_case, 1, number, value); break;
	case 25: put_text(buf, len, r->has_case ? r->case_status : "", number); break;
	case 26: put_int(buf, len, r->sessions, r->has_case, number, value); break;
	case 27: put_text(buf, len, r->session_modes, number); break;
	case 28: put_int(buf, len, r->onward, r->has_case, number, value); break;
	case 29: put_text(buf, len, r->onward_categories, number); break;
	case 30: put_text(buf, len, r->onward_outcomes, number); break;
	case 31: put_int(buf, len, r->unmet, r->has_case, number, value); break;
	case 32: put_text(buf, len, r->unmet_domains, number); break;
	case 33: put_int(buf, len, r->dropout, r->dropout >= 0, number, value); break;
	case 34: put_text(buf, len, r->closure_reason, number); break;
	default: put_text(buf, len, "", number); break;
	}
}
