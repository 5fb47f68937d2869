/* Evaluation use cases: the outcome statistics of an instrument for a period,
 * whole or broken down by a dimension, with the small-number rule for
 * commissioners (docs/EVALUATION.md). */
#ifndef WAYMARK_OPS_EVALUATION_H
#define WAYMARK_OPS_EVALUATION_H
#include "core/cohort.h"
#include "ops/ops.h"

/* Settings (hundredths of a point), with the defaults of core/outcome.h. */
#define EVAL_SETTING_SWEMWBS "evaluation_swemwbs_meaningful_x100"
#define EVAL_SETTING_GSE "evaluation_gse_meaningful_x100"
#define EVAL_SETTING_EQVAS "evaluation_eqvas_meaningful_x100"
/* The small-number threshold commissioners' figures use (core/suppress.h). */
#define EVAL_SETTING_SUPPRESS "report_suppression_threshold"

struct ops_eval_outcomes {
	struct cohort cohort;
	int64_t from_day, to_day;
	int dim;        /* enum cohort_dim, or COHORT_DIM_NONE */
	int suppressed; /* 1: the commissioner's view (small-number rule applied) */
	int threshold;  /* the small-number threshold applied */
};

/* The thresholds of meaningful change in force (settings, else defaults). */
void ops_evaluation_thresholds(struct store *st, struct outcome_thresholds *t);

/*
 * The outcomes of instrument (and ONS4 question item) for baselines taken
 * from..to (YYYY-MM-DD, London days; defaults: the 365 days to today), by
 * dimension by (NULL or "": none). INVALID with field errors naming
 * instrument, item, from, to or by. Reads only. Free with
 * ops_evaluation_outcomes_free (also after a failure).
 */
enum ops_result ops_evaluation_outcomes(const struct ops_ctx *c, const char *instrument, const char *item,
					const char *from, const char *to, const char *by,
					struct ops_eval_outcomes *out, struct field_errors *fe);
void ops_evaluation_outcomes_free(struct ops_eval_outcomes *out);
#endif
