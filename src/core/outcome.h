/* Evaluation outcomes: which score of an instrument a cohort is compared on
 * (SWEMWBS metric, GSE total, EQ-VAS, or one ONS4 question), and whether one
 * person's change is an improvement, no change or a worsening by the
 * instrument's meaningful-change rule (thresholds are settings; sources in
 * docs/EVALUATION.md). */
#ifndef WAYMARK_CORE_OUTCOME_H
#define WAYMARK_CORE_OUTCOME_H
#include "core/instrument.h"

/* Defaults of the settings, in hundredths of a point. SWEMWBS: 3 metric
 * points, the upper end of the 1-3 individual range of Shah et al. 2018 (HQLO
 * 16:239; 2.77 SEM = 2.87, rounded up). GSE: 3 points, about half the SD of
 * the scale (Norman, Sloan & Wyrwich, Med Care 2003;41:582, half-SD rule; SD
 * about 5.3 in Scholz et al., Eur J Psychol Assess 2002;18:242). EQ-VAS: 7
 * points, the lower end of the 7-12 minimally important difference of
 * Pickard, Neary & Cella, HQLO 2007;5:70. */
#define OUTCOME_SWEMWBS_MEANINGFUL_X100 300
#define OUTCOME_GSE_MEANINGFUL_X100 300
#define OUTCOME_EQVAS_MEANINGFUL_X100 700

/* What is compared: an instrument, and for ONS4 one of its questions. */
struct outcome_measure {
	enum instrument_id id;
	int item; /* ONS4: enum instrument_ons4_item; otherwise -1 */
};

/* The meaningful changes in use, hundredths of a point (ONS4 uses its bands). */
struct outcome_thresholds {
	int swemwbs_x100, gse_x100, eqvas_x100;
};

/* The defaults above. */
void outcome_thresholds_default(struct outcome_thresholds *t);

/*
 * Parses an instrument code and, for ONS4, its question ("life_satisfaction",
 * "worthwhile", "happiness", "anxiety"; item must be NULL or empty for the
 * others). Returns 0, -1 for an unknown instrument, -2 for a missing or
 * unknown (or unwanted) question.
 */
int outcome_measure_parse(const char *instrument, const char *item, struct outcome_measure *out);

/* The stable code of an ONS4 question ("life_satisfaction", ...), or NULL. */
const char *outcome_ons4_item_code(int item);

/*
 * The score compared, in hundredths, from a stored measure: score_x100 for
 * summed instruments, else answer number item of the comma-separated answers
 * times 100. Returns 0 and sets *x100, or -1 when it cannot be read.
 */
int outcome_score_x100(const struct outcome_measure *m, const char *answers, int has_score, int score_x100,
		       int *x100);

/*
 * The direction of one person's change: SWEMWBS, GSE, EQ-VAS by the
 * threshold (a change of at least the threshold either way counts); ONS4 by
 * moving between the ONS bands, a move to a lower anxiety band being the
 * improvement.
 */
enum instrument_direction outcome_direction(const struct outcome_measure *m, const struct outcome_thresholds *t,
					    int baseline_x100, int followup_x100);
#endif
