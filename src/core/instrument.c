/* Outcome instrument definitions kept as one const table, and the pure scoring rules that read it. */
#include "core/instrument.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/*
 * SWEMWBS raw total 7..35 to metric score, in hundredths. This is the
 * published Rasch-based conversion table (Warwick Medical School; see
 * domain-facts.md): raw totals are not interval-scaled, so every comparison
 * and mean must use the metric score.
 */
static const int instrument_swemwbs_table[29] = {
	700,  /*  7 */ 951,  /*  8 */ 1125, /*  9 */ 1240, /* 10 */ 1333, /* 11 */
	1408, /* 12 */ 1475, /* 13 */ 1532, /* 14 */ 1584, /* 15 */ 1636, /* 16 */
	1688, /* 17 */ 1743, /* 18 */ 1798, /* 19 */ 1859, /* 20 */ 1925, /* 21 */
	1998, /* 22 */ 2073, /* 23 */ 2154, /* 24 */ 2235, /* 25 */ 2321, /* 26 */
	2411, /* 27 */ 2503, /* 28 */ 2602, /* 29 */ 2703, /* 30 */ 2813, /* 31 */
	2931, /* 32 */ 3070, /* 33 */ 3255, /* 34 */ 3500, /* 35 */
};

static const char *const instrument_swemwbs_answers[] = {
	"None of the time", "Rarely", "Some of the time", "Often", "All of the time",
};

static const char *const instrument_gse_answers[] = {
	"Not at all true", "Hardly true", "Moderately true", "Exactly true",
};

static const struct instrument_def instrument_defs[INSTRUMENT__MAX] = {
	[INSTRUMENT_SWEMWBS] = {
		.code = "swemwbs",
		.label = "SWEMWBS",
		.name = "Short Warwick-Edinburgh Mental Wellbeing Scale",
		.instructions = "Below are some statements about feelings and thoughts. "
				"Please tick the box that best describes your experience of each over the last 2 weeks.",
		.nitems = 7,
		.min = 1,
		.max = 5,
		.items = {
			"I've been feeling optimistic about the future",
			"I've been feeling useful",
			"I've been feeling relaxed",
			"I've been dealing with problems well",
			"I've been thinking clearly",
			"I've been feeling close to other people",
			"I've been able to make up my own mind about things",
		},
		.answer_labels = instrument_swemwbs_answers,
		.anchor_min = "None of the time",
		.anchor_max = "All of the time",
		.metric_x100 = instrument_swemwbs_table,
		.total_min = 7,
		.total_max = 35,
	},
	[INSTRUMENT_ONS4] = {
		.code = "ons4",
		.label = "ONS4",
		.name = "ONS personal well-being (ONS4)",
		.instructions = "Please answer each question on a scale of 0 to 10, "
				"where 0 is \"not at all\" and 10 is \"completely\".",
		.nitems = 4,
		.min = 0,
		.max = 10,
		.items = {
			[INSTRUMENT_ONS4_LIFE_SATISFACTION] = "Overall, how satisfied are you with your life nowadays?",
			[INSTRUMENT_ONS4_WORTHWHILE] = "Overall, to what extent do you feel that the things you do "
						       "in your life are worthwhile?",
			[INSTRUMENT_ONS4_HAPPINESS] = "Overall, how happy did you feel yesterday?",
			[INSTRUMENT_ONS4_ANXIETY] = "Overall, how anxious did you feel yesterday?",
		},
		.answer_labels = NULL,
		.anchor_min = "Not at all",
		.anchor_max = "Completely",
		.metric_x100 = NULL,
		.total_min = 0,
		.total_max = 0,
	},
	[INSTRUMENT_GSE] = {
		.code = "gse",
		.label = "GSE",
		.name = "General Self-Efficacy Scale",
		.instructions = "How true is each statement for you?",
		.nitems = 10,
		.min = 1,
		.max = 4,
		.items = {
			"I can always manage to solve difficult problems if I try hard enough.",
			"If someone opposes me, I can find the means and ways to get what I want.",
			"It is easy for me to stick to my aims and accomplish my goals.",
			"I am confident that I could deal efficiently with unexpected events.",
			"Thanks to my resourcefulness, I know how to handle unforeseen situations.",
			"I can solve most problems if I invest the necessary effort.",
			"I can remain calm when facing difficulties because I can rely on my coping abilities.",
			"When I am confronted with a problem, I can usually find several solutions.",
			"If I am in trouble, I can usually think of a solution.",
			"I can usually handle whatever comes my way.",
		},
		.answer_labels = instrument_gse_answers,
		.anchor_min = "Not at all true",
		.anchor_max = "Exactly true",
		.metric_x100 = NULL,
		.total_min = 10,
		.total_max = 40,
	},
	[INSTRUMENT_EQVAS] = {
		.code = "eqvas",
		.label = "EQ-VAS",
		.name = "EQ visual analogue scale (self-rated health)",
		.instructions = "How good or bad is your health today?",
		.nitems = 1,
		.min = 0,
		.max = 100,
		.items = {
			"Your health today, from 0 (the worst health you can imagine) "
			"to 100 (the best health you can imagine)",
		},
		.answer_labels = NULL,
		.anchor_min = "The worst health you can imagine",
		.anchor_max = "The best health you can imagine",
		.metric_x100 = NULL,
		.total_min = 0,
		.total_max = 100,
	},
};

/* Band boundaries as data: the first answer of each band, for answers 0..10. */
static const struct {
	int from;
	enum instrument_ons4_band band;
} instrument_positive_bands[] = {
	{ 0, INSTRUMENT_BAND_LOW }, { 5, INSTRUMENT_BAND_MEDIUM }, { 7, INSTRUMENT_BAND_HIGH }, { 9, INSTRUMENT_BAND_VERY_HIGH },
}, instrument_anxiety_bands[] = {
	{ 0, INSTRUMENT_BAND_VERY_LOW }, { 2, INSTRUMENT_BAND_LOW }, { 4, INSTRUMENT_BAND_MEDIUM }, { 6, INSTRUMENT_BAND_HIGH },
};

static const char *const instrument_band_names[INSTRUMENT_BAND__MAX] = {
	[INSTRUMENT_BAND_VERY_LOW] = "very low",
	[INSTRUMENT_BAND_LOW] = "low",
	[INSTRUMENT_BAND_MEDIUM] = "medium",
	[INSTRUMENT_BAND_HIGH] = "high",
	[INSTRUMENT_BAND_VERY_HIGH] = "very high",
};

/* snprintf that tolerates a missing buffer, so callers that only want the status can pass NULL. */
__attribute__((format(printf, 3, 4))) static void instrument_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

const struct instrument_def *instrument_get(enum instrument_id id)
{
	if ((int)id < 0 || id >= INSTRUMENT__MAX)
		return NULL;
	return &instrument_defs[id];
}

enum instrument_id instrument_lookup(const char *code)
{
	if (code == NULL)
		return INSTRUMENT_UNKNOWN;
	for (int i = 0; i < INSTRUMENT__MAX; i++)
		if (strcmp(code, instrument_defs[i].code) == 0)
			return (enum instrument_id)i;
	return INSTRUMENT_UNKNOWN;
}

int instrument_swemwbs_metric_x100(int raw)
{
	const struct instrument_def *d = &instrument_defs[INSTRUMENT_SWEMWBS];

	if (raw < d->total_min || raw > d->total_max)
		return -1;
	return d->metric_x100[raw - d->total_min];
}

int instrument_score(enum instrument_id id, const int *answers, size_t n, struct instrument_score *out,
		     char *err, size_t errlen)
{
	const struct instrument_def *d = instrument_get(id);
	int sum = 0;

	if (d == NULL) {
		instrument_err(err, errlen, "unknown instrument");
		return -1;
	}
	if (n != d->nitems || (n > 0 && answers == NULL)) {
		instrument_err(err, errlen, "%s needs %zu answer%s, got %zu", d->label, d->nitems,
			       d->nitems == 1 ? "" : "s", answers == NULL ? (size_t)0 : n);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (answers[i] < d->min || answers[i] > d->max) {
			instrument_err(err, errlen, "answer %zu is %d; %s answers are %d to %d", i + 1, answers[i],
				       d->label, d->min, d->max);
			return -1;
		}
		sum += answers[i];
	}

	memset(out, 0, sizeof *out);
	out->id = id;
	switch (id) {
	case INSTRUMENT_SWEMWBS:
		out->raw = sum;
		out->score_x100 = instrument_swemwbs_metric_x100(sum);
		break;
	case INSTRUMENT_ONS4:
		/* The four questions measure different things; a sum would mix anxiety in with happiness. */
		out->raw = INSTRUMENT_NO_TOTAL;
		out->score_x100 = INSTRUMENT_NO_TOTAL;
		for (size_t i = 0; i < INSTRUMENT_ONS4__MAX; i++)
			out->ons4[i] = answers[i];
		break;
	case INSTRUMENT_GSE:
	case INSTRUMENT_EQVAS:
		out->raw = sum;
		out->score_x100 = sum * 100;
		break;
	default:
		break;
	}
	return 0;
}

int instrument_change(const struct instrument_score *baseline, const struct instrument_score *followup,
		      struct instrument_change *out, char *err, size_t errlen)
{
	const struct instrument_def *b = instrument_get(baseline->id), *f = instrument_get(followup->id);

	if (b == NULL || f == NULL) {
		instrument_err(err, errlen, "unknown instrument");
		return -1;
	}
	if (b != f) {
		instrument_err(err, errlen, "baseline is %s but follow-up is %s; only the same instrument can be paired",
			       b->label, f->label);
		return -1;
	}
	memset(out, 0, sizeof *out);
	out->id = baseline->id;
	if (baseline->id == INSTRUMENT_ONS4) {
		out->change_x100 = INSTRUMENT_NO_TOTAL;
		for (size_t i = 0; i < INSTRUMENT_ONS4__MAX; i++)
			out->ons4_x100[i] = (followup->ons4[i] - baseline->ons4[i]) * 100;
	} else {
		out->change_x100 = followup->score_x100 - baseline->score_x100;
	}
	return 0;
}

enum instrument_direction instrument_swemwbs_meaningful(int change_x100)
{
	if (change_x100 >= INSTRUMENT_SWEMWBS_MEANINGFUL_X100)
		return INSTRUMENT_BETTER;
	if (change_x100 <= -INSTRUMENT_SWEMWBS_MEANINGFUL_X100)
		return INSTRUMENT_WORSE;
	return INSTRUMENT_NO_MEANINGFUL_CHANGE;
}

enum instrument_ons4_band instrument_ons4_band(enum instrument_ons4_item item, int answer)
{
	const struct instrument_def *d = &instrument_defs[INSTRUMENT_ONS4];
	enum instrument_ons4_band band = INSTRUMENT_BAND_INVALID;

	if ((int)item < 0 || item >= INSTRUMENT_ONS4__MAX || answer < d->min || answer > d->max)
		return INSTRUMENT_BAND_INVALID;
	if (item == INSTRUMENT_ONS4_ANXIETY) {
		for (size_t i = 0; i < sizeof instrument_anxiety_bands / sizeof instrument_anxiety_bands[0]; i++)
			if (answer >= instrument_anxiety_bands[i].from)
				band = instrument_anxiety_bands[i].band;
	} else {
		for (size_t i = 0; i < sizeof instrument_positive_bands / sizeof instrument_positive_bands[0]; i++)
			if (answer >= instrument_positive_bands[i].from)
				band = instrument_positive_bands[i].band;
	}
	return band;
}

const char *instrument_band_name(enum instrument_ons4_band band)
{
	if ((int)band < 0 || band >= INSTRUMENT_BAND__MAX)
		return "invalid";
	return instrument_band_names[band];
}
