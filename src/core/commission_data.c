/* Reads data/commissioning.json (criteria, weights, RAG thresholds) into a plain struct and computes weighted scores. */
#include "core/commission_data.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

static int items(json_t *arr, struct cd_item *out, size_t *n, int want_weight, char *err, size_t errlen, const char *what)
{
	if (!json_is_array(arr) || json_array_size(arr) == 0 || json_array_size(arr) > CD_MAX_ITEMS) {
		snprintf(err, errlen, "%s: a list of 1 to %d items is needed", what, CD_MAX_ITEMS);
		return -1;
	}
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v) {
		const char *code = json_string_value(json_object_get(v, "code"));
		const char *label = json_string_value(json_object_get(v, "label"));
		json_t *w = json_object_get(v, "weight");
		if (!code || !label || strlen(code) >= CD_CODE_LEN || strlen(label) >= CD_LABEL_LEN
		    || (want_weight && (!json_is_integer(w) || json_integer_value(w) < 0 || json_integer_value(w) > 1000))) {
			snprintf(err, errlen, "%s[%zu]: needs code, label%s", what, i, want_weight ? " and weight 0..1000" : "");
			return -1;
		}
		snprintf(out[i].code, CD_CODE_LEN, "%s", code);
		snprintf(out[i].label, CD_LABEL_LEN, "%s", label);
		out[i].weight = want_weight ? (int)json_integer_value(w) : 0;
	}
	*n = json_array_size(arr);
	return 0;
}

int commission_data_parse(const char *text, size_t len, struct commission_data *out, char *err, size_t errlen)
{
	json_error_t je;
	json_t *root = json_loadb(text, len, 0, &je);
	if (!root) {
		snprintf(err, errlen, "line %d: %s", je.line, je.text);
		return -1;
	}
	memset(out, 0, sizeof *out);
	int rc = -1;
	json_t *lv = json_object_get(root, "lot_value_pence"), *cpy = json_object_get(root, "clients_per_year_per_post");
	json_t *sm = json_object_get(root, "score_max");
	if (!json_is_integer(lv) || !json_is_integer(cpy) || !json_is_integer(sm) || json_integer_value(sm) < 1
	    || json_integer_value(sm) > 100) {
		snprintf(err, errlen, "lot_value_pence, clients_per_year_per_post and score_max (1..100) are needed");
		goto out;
	}
	out->lot_value_pence = json_integer_value(lv);
	out->clients_per_year = (int)json_integer_value(cpy);
	out->score_max = (int)json_integer_value(sm);
	if (items(json_object_get(root, "appendix_b"), out->criteria, &out->n_criteria, 0, err, errlen, "appendix_b")
	    || items(json_object_get(root, "selection_criteria"), out->selection, &out->n_selection, 1, err, errlen,
		     "selection_criteria"))
		goto out;
	for (size_t i = 0; i < out->n_selection; i++)
		out->weight_total += out->selection[i].weight;
	if (out->weight_total <= 0) {
		snprintf(err, errlen, "selection_criteria: the weights add up to nothing");
		goto out;
	}
	json_t *rag = json_object_get(root, "rag");
	int seen[RAG_MEASURES] = { 0 };
	size_t i;
	json_t *v;
	json_array_foreach(rag, i, v) {
		const char *m = json_string_value(json_object_get(v, "measure"));
		json_t *g = json_object_get(v, "green_from"), *a = json_object_get(v, "amber_from");
		int k = -1;
		for (int j = 0; m && j < RAG_MEASURES; j++)
			if (strcmp(m, rag_measure_name(j)) == 0)
				k = j;
		if (k < 0 || !json_is_integer(g) || !json_is_integer(a) || json_integer_value(a) < 0
		    || json_integer_value(a) > json_integer_value(g) || json_integer_value(g) > 1000) {
			snprintf(err, errlen, "rag[%zu]: needs a known measure and 0 <= amber_from <= green_from", i);
			goto out;
		}
		out->rag.green_from[k] = (int)json_integer_value(g);
		out->rag.amber_from[k] = (int)json_integer_value(a);
		seen[k] = 1;
	}
	for (int j = 0; j < RAG_MEASURES; j++)
		if (!seen[j]) {
			snprintf(err, errlen, "rag: no thresholds for %s", rag_measure_name(j));
			goto out;
		}
	rc = 0;
out:
	json_decref(root);
	return rc;
}

int commission_criterion_index(const struct commission_data *cd, const char *code)
{
	for (size_t i = 0; code && i < cd->n_criteria; i++)
		if (strcmp(cd->criteria[i].code, code) == 0)
			return (int)i;
	return -1;
}

int commission_selection_index(const struct commission_data *cd, const char *code)
{
	for (size_t i = 0; code && i < cd->n_selection; i++)
		if (strcmp(cd->selection[i].code, code) == 0)
			return (int)i;
	return -1;
}

int64_t commission_weighted_score(const struct commission_data *cd, const int *scores)
{
	int64_t num = 0;
	for (size_t i = 0; i < cd->n_selection; i++) {
		if (scores[i] < 0 || scores[i] > cd->score_max)
			return -1;
		num += (int64_t)scores[i] * cd->selection[i].weight;
	}
	return num * 10000 / ((int64_t)cd->score_max * cd->weight_total);
}
