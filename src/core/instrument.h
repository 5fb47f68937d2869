/* Outcome instruments (SWEMWBS, ONS4, GSE, EQ-VAS) as data: definitions, scoring, bands and paired change. */
#ifndef WAYMARK_CORE_INSTRUMENT_H
#define WAYMARK_CORE_INSTRUMENT_H
#include <stddef.h>

enum instrument_id {
	INSTRUMENT_UNKNOWN = -1, /* what instrument_lookup returns for a code it does not know */
	INSTRUMENT_SWEMWBS,      /* Short Warwick-Edinburgh Mental Wellbeing Scale */
	INSTRUMENT_ONS4,         /* ONS personal well-being, four questions */
	INSTRUMENT_GSE,          /* General Self-Efficacy Scale */
	INSTRUMENT_EQVAS,        /* EQ visual analogue scale */
	INSTRUMENT__MAX
};

#define INSTRUMENT_ITEMS_MAX 10 /* the longest instrument (GSE) */

/* The four ONS4 questions, in the order they are asked and stored. */
enum instrument_ons4_item {
	INSTRUMENT_ONS4_LIFE_SATISFACTION,
	INSTRUMENT_ONS4_WORTHWHILE,
	INSTRUMENT_ONS4_HAPPINESS,
	INSTRUMENT_ONS4_ANXIETY,
	INSTRUMENT_ONS4__MAX
};

/* ONS reporting bands; the positive questions use low..very high, anxiety very low..high. */
enum instrument_ons4_band {
	INSTRUMENT_BAND_INVALID = -1,
	INSTRUMENT_BAND_VERY_LOW,
	INSTRUMENT_BAND_LOW,
	INSTRUMENT_BAND_MEDIUM,
	INSTRUMENT_BAND_HIGH,
	INSTRUMENT_BAND_VERY_HIGH,
	INSTRUMENT_BAND__MAX
};

/* One instrument, described once; forms, validation, scoring and exports all read this. */
struct instrument_def {
	const char *code;          /* stable identifier used in data and URLs, e.g. "swemwbs" */
	const char *label;         /* short name used in messages, e.g. "SWEMWBS" */
	const char *name;          /* full name */
	const char *instructions;  /* what the person is asked, before the items */
	size_t nitems;
	int min, max;              /* range of every answer */
	const char *items[INSTRUMENT_ITEMS_MAX];
	const char *const *answer_labels; /* max - min + 1 labels, one per answer; NULL when only anchors apply */
	const char *anchor_min, *anchor_max; /* what the ends of the scale mean */
	const int *metric_x100;    /* SWEMWBS only: metric score in hundredths, indexed by raw - nitems * min */
	int total_min, total_max;  /* range of the raw total; 0, 0 when answers are never summed (ONS4) */
};

/* Value of raw and score_x100 where the instrument has no total (ONS4 is never summed). */
#define INSTRUMENT_NO_TOTAL (-1)

/*
 * A scored questionnaire. score_x100 is in hundredths of a point for every
 * instrument (SWEMWBS metric 23.54 -> 2354, GSE 31 -> 3100, EQ-VAS 80 -> 8000)
 * so reports format and compare every instrument the same way.
 */
struct instrument_score {
	enum instrument_id id;
	int raw;        /* sum of answers (SWEMWBS 7-35, GSE 10-40), EQ-VAS value; ONS4: INSTRUMENT_NO_TOTAL */
	int score_x100; /* SWEMWBS metric score, GSE total, EQ-VAS value, each x100; ONS4: INSTRUMENT_NO_TOTAL */
	int ons4[INSTRUMENT_ONS4__MAX]; /* ONS4 answers, reported separately; zero for other instruments */
};

/* Follow-up minus baseline, in hundredths of a point (positive = higher score). */
struct instrument_change {
	enum instrument_id id;
	int change_x100;                    /* ONS4: INSTRUMENT_NO_TOTAL */
	int ons4_x100[INSTRUMENT_ONS4__MAX]; /* ONS4 per question; for anxiety a fall is an improvement */
};

/* Whether a SWEMWBS change is more than measurement noise. */
enum instrument_direction {
	INSTRUMENT_WORSE = -1,
	INSTRUMENT_NO_MEANINGFUL_CHANGE = 0,
	INSTRUMENT_BETTER = 1
};

/*
 * Smallest SWEMWBS metric change counted as meaningful for one person: the
 * lower of the two minimal important difference estimates of Shah et al.
 * (Health Qual Life Outcomes 2018;16:239), 1.03 and 2.87. We take the lower
 * so that real change in people starting from a low score is not missed. The
 * metric scale moves in steps of 0.55 to 2.51, so in the middle of the scale
 * this means a raw change of about two points. Reports that want the stricter
 * view compare change_x100 with the upper estimate.
 */
#define INSTRUMENT_SWEMWBS_MEANINGFUL_X100 103
#define INSTRUMENT_SWEMWBS_MEANINGFUL_UPPER_X100 287

/* Returns the definition (borrowed, static), or NULL for an id out of range. */
const struct instrument_def *instrument_get(enum instrument_id id);

/* Returns the instrument with this code ("swemwbs", "ons4", "gse", "eqvas"; exact, lower case), or INSTRUMENT_UNKNOWN. */
enum instrument_id instrument_lookup(const char *code);

/*
 * Scores n answers given in item order. Returns 0 and fills *out, or -1 with
 * a message naming the problem in err (e.g. "SWEMWBS needs 7 answers, got 6",
 * "answer 3 is 6; SWEMWBS answers are 1 to 5"; answers are numbered from 1).
 * Every item must be answered: nothing is prorated or imputed. err may be NULL.
 */
int instrument_score(enum instrument_id id, const int *answers, size_t n, struct instrument_score *out,
		     char *err, size_t errlen);

/*
 * Pairs a baseline with a follow-up of the same instrument. Returns 0 and
 * fills *out, or -1 with a message in err (different or unknown instruments).
 */
int instrument_change(const struct instrument_score *baseline, const struct instrument_score *followup,
		      struct instrument_change *out, char *err, size_t errlen);

/* Says whether a SWEMWBS metric change (hundredths) is meaningful, and which way. */
enum instrument_direction instrument_swemwbs_meaningful(int change_x100);

/* Returns the SWEMWBS metric score in hundredths for a raw total 7-35, or -1 outside it. */
int instrument_swemwbs_metric_x100(int raw);

/* Returns the ONS reporting band for one answer (0-10), or INSTRUMENT_BAND_INVALID. */
enum instrument_ons4_band instrument_ons4_band(enum instrument_ons4_item item, int answer);

/* Returns a static lower-case name for a band, e.g. "very high"; "invalid" for anything else. */
const char *instrument_band_name(enum instrument_ons4_band band);
#endif
