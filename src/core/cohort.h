/* An outcome cohort: the people with a baseline in a period, grouped by a
 * report dimension, each group's paired scores and change directions, its
 * statistics (core/stats) and, for commissioners, the small-number rule
 * (core/suppress). Also the dimensions and age bands evaluation uses. */
#ifndef WAYMARK_CORE_COHORT_H
#define WAYMARK_CORE_COHORT_H
#include <stddef.h>
#include <stdint.h>
#include "core/fielderr.h"
#include "core/outcome.h"
#include "core/stats.h"
#include "core/suppress.h"

#define COHORT_KEY_MAX 64
#define COHORT_LABEL_MAX 160
#define COHORT_GROUPS_MAX 2048

/* The breakdowns of the outcomes (the reports issue's dimension codes). */
enum cohort_dim {
	COHORT_DIM_NONE = -1,
	COHORT_DIM_HWP_AREA,
	COHORT_DIM_PLACE_BOARD,
	COHORT_DIM_GP_CLUSTER,
	COHORT_DIM_PRACTICE,
	COHORT_DIM_PROVIDER,
	COHORT_DIM_AGE_BAND,
	COHORT_DIM_GENDER,
	COHORT_DIM_ETHNICITY,
	COHORT_DIM_DISABILITY,
	COHORT_DIM__MAX
};

#define COHORT_PERIOD_MAX_DAYS 3660 /* the longest period asked for */

/*
 * The period of baselines counted: from and to as YYYY-MM-DD (London days,
 * both included); to defaults to today, from to 364 days before to. Bad
 * values add field errors naming "from" or "to".
 */
void cohort_period(const char *from, const char *to, int64_t today, int64_t *from_day, int64_t *to_day,
		   struct field_errors *fe);

/* The code of a dimension ("hwp_area", ...), or NULL. */
const char *cohort_dim_code(enum cohort_dim d);
/* What the dimension is, for a page ("HWP area"), or NULL. */
const char *cohort_dim_label(enum cohort_dim d);
/* The dimension with this code; COHORT_DIM_NONE for NULL or "", -2 for an unknown code. */
int cohort_dim_parse(const char *code);

/* The age band of an age in whole years: "0-17", "18-24", "25-34", ...,
 * "75-84", "85+"; "unknown" for a negative age. */
const char *cohort_age_band(int age);

/* The counts a group shows, each through the small-number rule when asked. */
enum cohort_count { COHORT_N_PAIRED, COHORT_IMPROVED, COHORT_UNCHANGED, COHORT_WORSENED, COHORT_NO_FOLLOWUP, COHORT_COUNT__MAX };

/* The code of a count as the API names it ("n_paired", ...). */
const char *cohort_count_code(enum cohort_count c);

/* One group (or the whole cohort). */
struct cohort_group {
	char key[COHORT_KEY_MAX];
	char label[COHORT_LABEL_MAX];
	int64_t *baseline_x100, *followup_x100; /* the pairs, n of them */
	size_t n, cap;
	int64_t count[COHORT_COUNT__MAX];
	struct stats_paired stats;     /* after cohort_finish */
	struct sup_cell cell[COHORT_COUNT__MAX]; /* after cohort_suppress (else withheld = 0, shown = exact) */
	int stats_withheld;            /* the statistics are withheld with n_paired */
};

struct cohort {
	struct outcome_measure measure;
	struct outcome_thresholds thresholds;
	struct cohort_group total;
	struct cohort_group *groups;   /* in order of first appearance; cohort_sort orders them by key */
	size_t ngroups, capgroups;
};

/* An empty cohort for measure m. */
void cohort_init(struct cohort *c, const struct outcome_measure *m, const struct outcome_thresholds *t);
void cohort_free(struct cohort *c);

/*
 * Adds one person: their baseline score, and their follow-up when has_followup
 * (else they count in no_followup). key/label name their group (NULL: only
 * the total). Returns 0, or -1 when out of memory or groups.
 */
int cohort_add(struct cohort *c, const char *key, const char *label, int baseline_x100, int has_followup,
	       int followup_x100);

/* Computes every group's statistics and orders the groups by key. Returns 0 or -1 (memory). */
int cohort_finish(struct cohort *c);

/*
 * The small-number rule for a commissioner: every count of 1..threshold is
 * withheld and the rest rounded to 5; improved, unchanged and worsened are a
 * group adding up to n_paired, and the groups' n_paired and no_followup
 * columns add up to the total's (secondary suppression both ways). A group
 * whose n_paired is withheld has its statistics withheld too.
 */
void cohort_suppress(struct cohort *c, int threshold);
#endif
