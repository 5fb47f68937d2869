/* Evaluation reads: the outcome cohort of one instrument, a baseline in a
 * period, row by row with the person's report dimensions. */
#ifndef WAYMARK_STORE_EVALUATION_H
#define WAYMARK_STORE_EVALUATION_H
#include <stddef.h>
#include <stdint.h>
#include "store/store.h"

/* One baseline measure, borrowed until the next row ("" for unknown text). */
struct eval_outcome_row {
	int64_t person_id;
	const char *b_answers;
	int b_has_score, b_score_x100;
	int has_followup;
	const char *f_answers;
	int f_has_score, f_score_x100;
	const char *area, *area_name, *place_board, *place_board_name;
	const char *practice, *practice_name, *gp_cluster;
	int64_t org_id;
	const char *org_name;
	int64_t dob_day, received_at;
	const char *gender, *gender_label, *ethnicity, *ethnicity_label, *disability, *disability_label;
};

typedef int (*eval_outcome_fn)(void *ctx, const struct eval_outcome_row *row);

/* Calls fn for each baseline of instrument taken in [from_utc, to_utc),
 * ordered by person and time. Returns the rows seen or -1. */
int evaluation_outcome_rows(struct store *st, const char *instrument, int64_t from_utc, int64_t to_utc,
			    eval_outcome_fn fn, void *ctx);

/* An integer setting, or def when it is absent or outside [min, max]. */
int64_t evaluation_setting(struct store *st, const char *key, int64_t def, int64_t min, int64_t max);
/* A text setting into out ("" when absent). 0, or -1 on a store error. */
int evaluation_setting_text(struct store *st, const char *key, char *out, size_t len);
#endif
