/* The evaluation API: GET /api/v1/evaluation/outcomes, the paired outcome statistics of an instrument. */
#include <math.h>
#include <stdlib.h>
#include "api/api.h"
#include "core/datetime.h"
#include "http/ops_reply.h"
#include "ops/evaluation.h"

/* The statistics, in the order the answer names them. */
#define EVAL_STATS(X)                                    \
	X("baseline_mean", baseline_mean)                \
	X("baseline_sd", baseline_sd)                    \
	X("followup_mean", followup_mean)                \
	X("followup_sd", followup_sd)                    \
	X("mean_change", mean_change)                    \
	X("sd_change", sd_change)                        \
	X("ci95_low", ci95_low)                          \
	X("ci95_high", ci95_high)                        \
	X("median_change", median_change)                \
	X("wilcoxon_w", wilcoxon_w)                      \
	X("wilcoxon_p", wilcoxon_p)                      \
	X("effect_size", effect_size)

static json_t *num(double v)
{
	return isnan(v) || isinf(v) ? json_null() : json_real(v);
}

/* One group's figures into obj; the withheld ones are null and named in "suppressed". */
static void eval_group_json(json_t *obj, const struct cohort_group *g, int suppressed)
{
	json_t *sup = json_array();
	const struct stats_paired *s = &g->stats;
	for (int k = 0; k < COHORT_COUNT__MAX; k++) {
		const char *code = cohort_count_code((enum cohort_count)k);
		const struct sup_cell *cell = &g->cell[k];
		if (suppressed && cell->withheld) {
			json_object_set_new(obj, code, json_null());
			json_array_append_new(sup, json_string(code));
		} else {
			json_object_set_new(obj, code, json_integer(suppressed ? cell->shown : g->count[k]));
		}
	}
#define X(name, field)                                                   \
	if (g->stats_withheld) {                                         \
		json_object_set_new(obj, name, json_null());             \
		json_array_append_new(sup, json_string(name));           \
	} else {                                                         \
		json_object_set_new(obj, name, num(s->field));           \
	}
	EVAL_STATS(X)
#undef X
	const char *method = s->wilcoxon_method == STATS_WILCOXON_EXACT	   ? "exact"
			     : s->wilcoxon_method == STATS_WILCOXON_NORMAL ? "normal"
									   : NULL;
	json_object_set_new(obj, "wilcoxon_method", method && !g->stats_withheld ? json_string(method) : json_null());
	json_object_set_new(obj, "suppressed", sup);
}

static json_t *eval_answer(const struct ops_eval_outcomes *o)
{
	const struct cohort *c = &o->cohort;
	char f[DT_DATE_LEN], t[DT_DATE_LEN];
	dt_format_date(o->from_day, f);
	dt_format_date(o->to_day, t);
	const char *item = outcome_ons4_item_code(c->measure.item);
	json_t *doc = json_pack("{s:s,s:o,s:s,s:s,s:o}", "instrument", instrument_get(c->measure.id)->code, "item",
				item ? json_string(item) : json_null(), "from", f, "to", t, "by",
				o->dim >= 0 ? json_string(cohort_dim_code((enum cohort_dim)o->dim)) : json_null());
	int mc = c->measure.id == INSTRUMENT_SWEMWBS ? c->thresholds.swemwbs_x100
		 : c->measure.id == INSTRUMENT_GSE   ? c->thresholds.gse_x100
		 : c->measure.id == INSTRUMENT_EQVAS ? c->thresholds.eqvas_x100
						     : -1;
	json_object_set_new(doc, "meaningful_change", mc < 0 ? json_null() : json_real(mc / 100.0));
	json_object_set_new(doc, "meaningful_change_rule",
			    json_string(mc < 0 ? "movement between the ONS reporting bands (anxiety reversed)"
					       : "a change of at least meaningful_change points either way"));
	json_object_set_new(doc, "small_number_rule",
			    o->suppressed ? json_pack("{s:i}", "threshold", o->threshold) : json_null());
	if (o->dim < 0) {
		eval_group_json(doc, &c->total, o->suppressed);
		return doc;
	}
	json_t *rows = json_array();
	for (size_t i = 0; i < c->ngroups; i++) {
		json_t *row = json_pack("{s:s,s:s}", "key", c->groups[i].key, "label", c->groups[i].label);
		eval_group_json(row, &c->groups[i], o->suppressed);
		json_array_append_new(rows, row);
	}
	json_object_set_new(doc, "rows", rows);
	json_t *total = json_object();
	eval_group_json(total, &c->total, o->suppressed);
	json_object_set_new(doc, "total", total);
	return doc;
}

static int outcomes_get(struct http_req *req, struct http_resp *resp)
{
	struct field_errors *fe = ops_fielderr_new();
	struct ops_eval_outcomes *o = malloc(sizeof *o);
	if (!fe || !o) {
		free(fe);
		free(o);
		return -1;
	}
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r = ops_evaluation_outcomes(&c, http_query(req, "instrument"), http_query(req, "item"),
						    http_query(req, "from"), http_query(req, "to"), http_query(req, "by"), o, fe);
	int rc = r == OPS_INVALID ? http_problem_fields(resp, 400, "The question is not valid", fe)
		 : r != OPS_OK	  ? http_ops_reply(req, resp, r, "The outcomes cannot be read", fe)
				  : http_reply_json(resp, 200, eval_answer(o));
	ops_evaluation_outcomes_free(o);
	free(fe);
	free(o);
	return rc;
}

const struct route api_evaluation_routes[] = {
	{ "GET", "/api/v1/evaluation/outcomes", outcomes_get, PERM_EVALUATION_READ,
	  "Paired outcome statistics of an instrument for baselines from..to (?instrument, item for ONS4, from, to, by)",
	  NULL, "instrument item from to by" },
	{ 0 },
};
