/* GET /api/v1/reports/{report}: a report's rows by a dimension, its total and its measures' definitions, with
 * small numbers withheld (null, listed in the row's "suppressed") for commissioners. */
#include <math.h>
#include <stdlib.h>
#include "api/api.h"
#include "core/datetime.h"
#include "http/ops_reply.h"
#include "ops/reports.h"

static json_t *number(double v, int is_int)
{
	return is_int ? json_integer((json_int_t)llround(v)) : json_real(round(v * 100.0) / 100.0);
}

static json_t *row_json(const struct ops_report *o, const struct report_row *row, const char *label)
{
	json_t *values = json_object(), *sup = json_array();
	for (size_t j = 0; j < o->t.nm; j++) {
		const char *key = report_measures[o->t.m[j]].key;
		double v;
		int is_int;
		if (report_value(&o->t, row, j, &v, &is_int))
			json_object_set_new(values, key, number(v, is_int));
		else {
			json_object_set_new(values, key, json_null());
			if (row->withheld[j])
				json_array_append_new(sup, json_string(key));
		}
	}
	json_t *doc = json_pack("{s:s,s:s,s:o,s:o}", "key", row->key, "label", label, "values", values, "suppressed", sup);
	/* Per head: each count per 1,000 people of the row's population (areas only). */
	int64_t pop = row == &o->t.total ? 0 : ops_report_population(o, row->key);
	if (pop > 0) {
		json_t *per = json_object();
		for (size_t j = 0; j < o->t.nm; j++) {
			double v;
			int is_int;
			if (report_measures[o->t.m[j]].agg != RA_COUNT)
				continue;
			int shown = report_value(&o->t, row, j, &v, &is_int);
			json_object_set_new(per, report_measures[o->t.m[j]].key,
					    shown ? json_real(round(v * 1e5 / (double)pop) / 100.0) : json_null());
		}
		json_object_set_new(doc, "population", json_integer(pop));
		json_object_set_new(doc, "per_1000", per);
	}
	return doc;
}

static int report_reply(struct http_resp *resp, const char *name, const struct ops_report *o)
{
	char f[DT_DATE_LEN], t[DT_DATE_LEN], label[REPORT_LABEL_MAX];
	dt_format_date(o->p.from_day, f);
	dt_format_date(o->p.to_day, t);
	json_t *rows = json_array(), *defs = json_object(), *notes = json_array();
	for (size_t i = 0; i < o->t.nrows; i++) {
		report_dim_label(o->t.dim, o->t.rows[i].key, o->ref, label);
		json_array_append_new(rows, row_json(o, &o->t.rows[i], label));
	}
	for (size_t j = 0; j < o->t.nm; j++)
		json_object_set_new(defs, report_measures[o->t.m[j]].key, json_string(report_measures[o->t.m[j]].definition));
	if (o->threshold)
		json_array_append_new(notes, json_sprintf("Counts from 1 to %d are withheld and the others rounded to the "
							  "nearest 5; a second count is withheld where a total would "
							  "reveal one.", o->threshold));
	if (o->t.dim >= 0 && report_dims[o->t.dim].key[0] == 'r' && report_dims[o->t.dim].key[1] == 'u')
		json_array_append_new(notes, json_string("Rurality is by postcode district, an approximation of the ONS "
							 "Rural Urban Classification (data/SOURCES.md)."));
	if (o->t.org_only)
		json_array_append_new(notes, json_string("Figures of your organisation only."));
	json_t *doc = json_pack("{s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:o}", "report", name, "from", f, "to", t, "by",
				o->t.dim >= 0 ? json_string(report_dims[o->t.dim].key) : json_null(), "rows", rows, "total",
				row_json(o, &o->t.total, "Total"), "definitions", defs, "notes", notes);
	return http_reply_json(resp, 200, doc);
}

static int report_get(struct http_req *req, struct http_resp *resp)
{
	struct field_errors *fe = ops_fielderr_new();
	struct ops_report *o = calloc(1, sizeof *o);
	if (!fe || !o) {
		free(fe);
		free(o);
		return -1;
	}
	struct ops_ctx c = http_ops_ctx(req);
	const char *name = http_param(req, 0);
	enum ops_result r =
		ops_report_read(&c, name, http_query(req, "from"), http_query(req, "to"), http_query(req, "by"), o, fe);
	int rc = r == OPS_INVALID ? http_problem_fields(resp, 400, "The report, period or breakdown is not valid", fe) :
		 r != OPS_OK	  ? http_ops_reply(req, resp, r, "The report cannot be read", fe) :
				    report_reply(resp, name, o);
	ops_report_free(o);
	free(o);
	free(fe);
	return rc;
}

const struct route api_reports_routes[] = {
	{ "GET", "/api/v1/reports/{report}", report_get, PERM_REPORT_READ,
	  "A report's figures for from..to (YYYY-MM-DD) by a dimension (?from, to, by): rows, total, definitions",
	  NULL, "from to by" },
	{ 0 },
};
