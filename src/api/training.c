/* Recording a volunteer's training modules over JSON (coordinators and
 * provider managers of the volunteer's organisation):
 * PUT /api/v1/volunteers/{id}/training {"modules":[{"code","completed_on"}]}. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/api.h"
#include "api/training.h"
#include "http/ops_reply.h"
#include "ops/training.h"
#include "store/training.h"

int api_training_append(struct store *st, int64_t id, json_t *arr)
{
	struct training_catalogue *done = malloc(sizeof *done);
	if (!done || training_done_load(st, id, done)) {
		free(done);
		return -1;
	}
	for (size_t i = 0; i < done->n; i++) {
		const struct training_module *m = &done->m[i];
		json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s,s:s}", "code", m->code, "title", m->title,
						     "completed_on", m->completed_on, "module", m->title, "completed",
						     m->completed_on));
	}
	free(done);
	return 0;
}

int api_training_compliance(struct store *st, int64_t id, json_t *compliance)
{
	struct training_catalogue *missing = malloc(sizeof *missing);
	if (!missing || training_missing_load(st, id, missing)) {
		free(missing);
		return -1;
	}
	json_t *codes = json_array();
	for (size_t i = 0; i < missing->n; i++)
		json_array_append_new(codes, json_string(missing->m[i].code));
	json_object_set_new(compliance, "training_complete", json_boolean(missing->n == 0));
	json_object_set_new(compliance, "required_training_missing", codes);
	json_object_set_new(compliance, "required_training_missing_count", json_integer((json_int_t)missing->n));
	free(missing);
	return 0;
}

static int training_put(struct http_req *req, struct http_resp *resp)
{
	int64_t id;
	json_t *body = http_id_body_or_respond(req, resp, &id);
	if (!body)
		return 0;
	struct field_errors *fe = ops_fielderr_new();
	struct training_item *items = calloc(TRAINING_ITEMS_MAX, sizeof *items);
	int rc = -1;
	if (!fe || !items)
		goto done;
	const char *key;
	json_t *val;
	json_object_foreach(body, key, val)
		if (strcmp(key, "modules") != 0)
			fielderr_add(fe, key, "%.40s is not a field here (give modules)", key);
	json_t *mods = json_object_get(body, "modules");
	size_t n = 0;
	if (!json_is_array(mods)) {
		fielderr_add(fe, "modules", "Give modules as a list of {code, completed_on}");
	} else {
		n = json_array_size(mods);
		for (size_t i = 0; i < n && i < TRAINING_ITEMS_MAX; i++) {
			json_t *it = json_array_get(mods, i);
			char k[48];
			if (!json_is_object(it)) {
				snprintf(k, sizeof k, "modules[%zu]", i);
				fielderr_add(fe, k, "Each module is an object {code, completed_on}");
				continue;
			}
			json_object_foreach(it, key, val) {
				snprintf(k, sizeof k, "modules[%zu].%.20s", i, key);
				if (strcmp(key, "code") != 0 && strcmp(key, "completed_on") != 0)
					fielderr_add(fe, k, "%.20s is not a field of a module (give code, completed_on)", key);
				else if (!json_is_string(val))
					fielderr_add(fe, k, "%s must be text (a JSON string)", key);
			}
			items[i].code = json_string_value(json_object_get(it, "code"));
			items[i].completed_on = json_string_value(json_object_get(it, "completed_on"));
		}
	}
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r = OPS_INVALID;
	if (!fe->n)
		r = ops_volunteer_training(&c, id, items, n, fe);
	if (r != OPS_OK) {
		rc = http_ops_reply(req, resp, r, "The training cannot be recorded", fe);
		goto done;
	}
	json_t *arr = json_array();
	if (api_training_append(req->db, id, arr)) {
		json_decref(arr);
		rc = http_store_failed(req, resp);
		goto done;
	}
	rc = http_reply_json(resp, 200, json_pack("{s:I,s:o}", "id", (json_int_t)id, "training", arr));
done:
	json_decref(body);
	free(items);
	free(fe);
	return rc;
}

const struct route api_training_routes[] = {
	{ "PUT", "/api/v1/volunteers/{id}/training", training_put, PERM_VOLUNTEER_MANAGE,
	  "Record training modules a volunteer of your organisation has completed {modules[{code, completed_on}]} "
	  "(codes of data/training_modules.csv; a module recorded again takes the new date) -> 200 {id, training[{code, "
	  "title, completed_on}]}", "volunteer" },
	{ 0 },
};
