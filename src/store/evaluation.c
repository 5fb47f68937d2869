/* Evaluation reads: the outcome cohort rows and the integer settings of evaluation. */
#include "store/evaluation.h"

#include <stdio.h>

struct eval_load {
	eval_outcome_fn fn;
	void *ctx;
};

static int eval_outcome_row(void *ctx, const struct store_row *r)
{
	struct eval_load *l = ctx;
	struct eval_outcome_row o = {
		.person_id = store_row_int(r, 0),
		.b_answers = store_row_text(r, 1),
		.b_has_score = !store_row_isnull(r, 2),
		.b_score_x100 = (int)store_row_int(r, 2),
		.has_followup = !store_row_isnull(r, 3),
		.f_answers = store_row_text(r, 4),
		.f_has_score = !store_row_isnull(r, 5),
		.f_score_x100 = (int)store_row_int(r, 5),
		.area = store_row_text(r, 6),
		.area_name = store_row_text(r, 7),
		.place_board = store_row_text(r, 8),
		.place_board_name = store_row_text(r, 9),
		.practice = store_row_text(r, 10),
		.practice_name = store_row_text(r, 11),
		.gp_cluster = store_row_text(r, 12),
		.org_id = store_row_int(r, 13),
		.org_name = store_row_text(r, 14),
		.dob_day = store_row_int(r, 15),
		.received_at = store_row_int(r, 16),
		.gender = store_row_text(r, 17),
		.gender_label = store_row_text(r, 18),
		.ethnicity = store_row_text(r, 19),
		.ethnicity_label = store_row_text(r, 20),
		.disability = store_row_text(r, 21),
		.disability_label = store_row_text(r, 22),
	};
	return l->fn(l->ctx, &o);
}

int evaluation_outcome_rows(struct store *st, const char *instrument, int64_t from_utc, int64_t to_utc,
			    eval_outcome_fn fn, void *ctx)
{
	struct eval_load l = { fn, ctx };
	return store_exec(st, STMT_EVAL_OUTCOME_ROWS, eval_outcome_row, &l, "sii", instrument, from_utc, to_utc);
}

int64_t evaluation_setting(struct store *st, const char *key, int64_t def, int64_t min, int64_t max)
{
	int64_t v;
	if (store_get_int(st, STMT_SETTING_GET, &v, "s", key) != 1 || v < min || v > max)
		return def;
	return v;
}

struct text_out {
	char *out;
	size_t len;
};

static int text_row(void *ctx, const struct store_row *r)
{
	struct text_out *t = ctx;
	snprintf(t->out, t->len, "%s", store_row_text(r, 0));
	return 1;
}

int evaluation_setting_text(struct store *st, const char *key, char *out, size_t len)
{
	struct text_out t = { out, len };
	out[0] = '\0';
	return store_exec(st, STMT_SETTING_GET, text_row, &t, "s", key) < 0 ? -1 : 0;
}
