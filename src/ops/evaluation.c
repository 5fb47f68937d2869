/* The outcome statistics use case: check the question, read the cohort, group, compute, suppress for commissioners. */
#include "ops/evaluation.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "core/datetime.h"
#include "core/londontime.h"
#include "store/evaluation.h"

void ops_evaluation_thresholds(struct store *st, struct outcome_thresholds *t)
{
	outcome_thresholds_default(t);
	t->swemwbs_x100 = (int)evaluation_setting(st, EVAL_SETTING_SWEMWBS, t->swemwbs_x100, 1, 2800);
	t->gse_x100 = (int)evaluation_setting(st, EVAL_SETTING_GSE, t->gse_x100, 1, 3000);
	t->eqvas_x100 = (int)evaluation_setting(st, EVAL_SETTING_EQVAS, t->eqvas_x100, 1, 10000);
}

struct eval_acc {
	struct ops_eval_outcomes *out;
	int64_t last_person;
	int failed;
};

/* The group key and label of a row for the dimension (borrowed or in buf). */
static void eval_key(const struct eval_outcome_row *r, int dim, const char **key, const char **label, char *buf,
		     size_t len)
{
	const char *k = "", *l = "";
	switch (dim) {
	case COHORT_DIM_HWP_AREA:
		k = r->area, l = r->area_name;
		break;
	case COHORT_DIM_PLACE_BOARD:
		k = r->place_board, l = r->place_board_name;
		break;
	case COHORT_DIM_GP_CLUSTER:
		k = r->gp_cluster, l = r->gp_cluster;
		break;
	case COHORT_DIM_PRACTICE:
		k = r->practice, l = r->practice_name;
		break;
	case COHORT_DIM_PROVIDER:
		snprintf(buf, len, "%" PRId64, r->org_id);
		k = buf, l = r->org_name;
		break;
	case COHORT_DIM_AGE_BAND:
		k = l = cohort_age_band(dt_age_years(r->dob_day, london_local_days(r->received_at)));
		break;
	case COHORT_DIM_GENDER:
		k = r->gender, l = r->gender_label;
		break;
	case COHORT_DIM_ETHNICITY:
		k = r->ethnicity, l = r->ethnicity_label;
		break;
	case COHORT_DIM_DISABILITY:
		k = r->disability, l = r->disability_label;
		break;
	default:
		break;
	}
	if (!*k)
		k = "unknown", l = "Not known";
	*key = k;
	*label = *l ? l : k;
}

static int eval_row(void *ctx, const struct eval_outcome_row *r)
{
	struct eval_acc *a = ctx;
	if (r->person_id == a->last_person)
		return 0; /* a person counts once, with their first baseline in the period */
	a->last_person = r->person_id;
	struct cohort *c = &a->out->cohort;
	int b, f = 0;
	if (outcome_score_x100(&c->measure, r->b_answers, r->b_has_score, r->b_score_x100, &b))
		return 0;
	int has_f = r->has_followup &&
		    outcome_score_x100(&c->measure, r->f_answers, r->f_has_score, r->f_score_x100, &f) == 0;
	const char *key = NULL, *label = NULL;
	char buf[32];
	if (a->out->dim != COHORT_DIM_NONE)
		eval_key(r, a->out->dim, &key, &label, buf, sizeof buf);
	if (cohort_add(c, key, label, b, has_f, f)) {
		a->failed = 1;
		return 1;
	}
	return 0;
}

enum ops_result ops_evaluation_outcomes(const struct ops_ctx *c, const char *instrument, const char *item,
					const char *from, const char *to, const char *by,
					struct ops_eval_outcomes *out, struct field_errors *fe)
{
	memset(out, 0, sizeof *out);
	struct outcome_measure m;
	int pr = outcome_measure_parse(instrument, item, &m);
	if (pr == -1)
		fielderr_add(fe, "instrument", "Choose an instrument: swemwbs, ons4, gse or eqvas");
	else if (pr == -2 && m.id == INSTRUMENT_ONS4)
		fielderr_add(fe, "item", "Choose an ONS4 question: life_satisfaction, worthwhile, happiness or anxiety");
	else if (pr == -2)
		fielderr_add(fe, "item", "Only ONS4 takes a question (item)");
	cohort_period(from, to, london_local_days(c->now), &out->from_day, &out->to_day, fe);
	out->dim = cohort_dim_parse(by);
	if (out->dim == -2)
		fielderr_add(fe, "by", "Choose a breakdown: hwp_area, place_board, gp_cluster, practice, provider, "
				       "age_band, gender, ethnicity or disability");
	struct outcome_thresholds t;
	ops_evaluation_thresholds(c->db, &t);
	cohort_init(&out->cohort, &m, &t);
	if (fe->n)
		return OPS_INVALID;
	struct eval_acc a = { out, -1, 0 };
	int64_t from_utc = london_midnight_utc(out->from_day), to_utc = london_midnight_utc(out->to_day + 1);
	if (evaluation_outcome_rows(c->db, instrument_get(m.id)->code, from_utc, to_utc, eval_row, &a) < 0 || a.failed ||
	    cohort_finish(&out->cohort))
		return OPS_ERROR;
	out->suppressed = c->role == ROLE_COMMISSIONER;
	out->threshold = (int)evaluation_setting(c->db, EVAL_SETTING_SUPPRESS, SUPPRESS_THRESHOLD_DEFAULT, 1, 100);
	if (out->suppressed)
		cohort_suppress(&out->cohort, out->threshold);
	return OPS_OK;
}

void ops_evaluation_outcomes_free(struct ops_eval_outcomes *out)
{
	cohort_free(&out->cohort);
}
