/* Evaluation outcomes: the compared score of a stored measure and the meaningful-change rule per instrument. */
#include "core/outcome.h"

#include <stdlib.h>
#include <string.h>

static const char *const outcome_ons4_codes[INSTRUMENT_ONS4__MAX] = {
	[INSTRUMENT_ONS4_LIFE_SATISFACTION] = "life_satisfaction",
	[INSTRUMENT_ONS4_WORTHWHILE] = "worthwhile",
	[INSTRUMENT_ONS4_HAPPINESS] = "happiness",
	[INSTRUMENT_ONS4_ANXIETY] = "anxiety",
};

void outcome_thresholds_default(struct outcome_thresholds *t)
{
	t->swemwbs_x100 = OUTCOME_SWEMWBS_MEANINGFUL_X100;
	t->gse_x100 = OUTCOME_GSE_MEANINGFUL_X100;
	t->eqvas_x100 = OUTCOME_EQVAS_MEANINGFUL_X100;
}

const char *outcome_ons4_item_code(int item)
{
	return item >= 0 && item < INSTRUMENT_ONS4__MAX ? outcome_ons4_codes[item] : NULL;
}

int outcome_measure_parse(const char *instrument, const char *item, struct outcome_measure *out)
{
	out->id = instrument ? instrument_lookup(instrument) : INSTRUMENT_UNKNOWN;
	out->item = -1;
	if (out->id == INSTRUMENT_UNKNOWN)
		return -1;
	int has_item = item && *item;
	if (out->id != INSTRUMENT_ONS4)
		return has_item ? -2 : 0;
	if (!has_item)
		return -2;
	for (int i = 0; i < INSTRUMENT_ONS4__MAX; i++)
		if (strcmp(item, outcome_ons4_codes[i]) == 0) {
			out->item = i;
			return 0;
		}
	return -2;
}

int outcome_score_x100(const struct outcome_measure *m, const char *answers, int has_score, int score_x100,
		       int *x100)
{
	if (m->id != INSTRUMENT_ONS4) {
		if (!has_score)
			return -1;
		*x100 = score_x100;
		return 0;
	}
	if (!answers)
		return -1;
	const char *p = answers;
	for (int i = 0; i < m->item; i++) {
		p = strchr(p, ',');
		if (!p)
			return -1;
		p++;
	}
	char *end;
	long v = strtol(p, &end, 10);
	if (end == p || (*end && *end != ',') || v < 0 || v > 10)
		return -1;
	*x100 = (int)v * 100;
	return 0;
}

/* The direction of a change against a threshold of at least one hundredth. */
static enum instrument_direction outcome_by_threshold(int change_x100, int threshold_x100)
{
	if (threshold_x100 < 1)
		threshold_x100 = 1;
	if (change_x100 >= threshold_x100)
		return INSTRUMENT_BETTER;
	if (change_x100 <= -threshold_x100)
		return INSTRUMENT_WORSE;
	return INSTRUMENT_NO_MEANINGFUL_CHANGE;
}

enum instrument_direction outcome_direction(const struct outcome_measure *m, const struct outcome_thresholds *t,
					    int baseline_x100, int followup_x100)
{
	int change = followup_x100 - baseline_x100;
	switch (m->id) {
	case INSTRUMENT_SWEMWBS:
		return outcome_by_threshold(change, t->swemwbs_x100);
	case INSTRUMENT_GSE:
		return outcome_by_threshold(change, t->gse_x100);
	case INSTRUMENT_EQVAS:
		return outcome_by_threshold(change, t->eqvas_x100);
	case INSTRUMENT_ONS4: {
		enum instrument_ons4_item item = (enum instrument_ons4_item)m->item;
		int b = instrument_ons4_band(item, baseline_x100 / 100);
		int f = instrument_ons4_band(item, followup_x100 / 100);
		if (b == INSTRUMENT_BAND_INVALID || f == INSTRUMENT_BAND_INVALID || b == f)
			return INSTRUMENT_NO_MEANINGFUL_CHANGE;
		int up = f > b;
		if (item == INSTRUMENT_ONS4_ANXIETY)
			up = !up;
		return up ? INSTRUMENT_BETTER : INSTRUMENT_WORSE;
	}
	default:
		return INSTRUMENT_NO_MEANINGFUL_CHANGE;
	}
}
