/* The settings over JSON (programme lead and administrator): GET every setting with its description,
 * PATCH some of them ({"key": value, ...}); a bad value is a 422 naming its key and nothing is stored. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/api.h"
#include "http/ops_reply.h"
#include "ops/settings.h"
#include "store/settings.h"

static json_t *typed(const struct setting_def *d, const char *v)
{
	if (d->kind == SETTING_BOOL)
		return json_boolean(setting_int_value(d, v));
	if (d->kind == SETTING_INT)
		return json_integer(setting_int_value(d, v));
	return json_string(v);
}

static int settings_reply(struct http_req *req, struct http_resp *resp, size_t changed, int with_changed)
{
	json_t *values = json_object(), *fields = json_array();
	for (size_t i = 0; i < setting_count; i++) {
		const struct setting_def *d = &setting_defs[i];
		char v[SETTING_VALUE_MAX];
		if (settings_get(req->db, d->key, v)) {
			json_decref(values);
			json_decref(fields);
			return http_store_failed(req, resp);
		}
		json_object_set_new(values, d->key, typed(d, v));
		json_t *f = json_pack("{s:s,s:s,s:o,s:s,s:s}", "key", d->key, "kind", setting_kind_name(d->kind), "default",
				      typed(d, d->def), "label", d->label, "hint", d->hint);
		if (d->kind == SETTING_INT) {
			json_object_set_new(f, "min", json_integer(d->min));
			json_object_set_new(f, "max", json_integer(d->max));
		} else if (d->kind != SETTING_BOOL) {
			json_object_set_new(f, "max_length", json_integer(d->max));
		}
		json_array_append_new(fields, f);
	}
	json_t *doc = json_pack("{s:o,s:o}", "settings", values, "fields", fields);
	if (with_changed)
		json_object_set_new(doc, "changed", json_integer((json_int_t)changed));
	return http_reply_json(resp, 200, doc);
}

static int settings_get_h(struct http_req *req, struct http_resp *resp)
{
	return settings_reply(req, resp, 0, 0);
}

static int settings_patch(struct http_req *req, struct http_resp *resp)
{
	json_t *body = http_json_body_or_respond(req, resp);
	if (!body)
		return 0;
	size_t n = json_object_size(body), i = 0;
	struct ops_setting_change *in = calloc(n ? n : 1, sizeof *in);
	char (*text)[32] = calloc(n ? n : 1, sizeof *text);
	struct field_errors *fe = ops_fielderr_new();
	int rc = -1;
	if (!in || !text || !fe)
		goto done;
	const char *key;
	json_t *v;
	json_object_foreach(body, key, v) {
		const struct setting_def *d = setting_find(key);
		in[i].key = key;
		if (json_is_string(v)) {
			in[i].value = json_string_value(v);
		} else if (json_is_integer(v) && d && d->kind == SETTING_INT) {
			snprintf(text[i], sizeof text[i], "%lld", (long long)json_integer_value(v));
			in[i].value = text[i];
		} else if (json_is_boolean(v) && d && d->kind == SETTING_BOOL) {
			in[i].value = json_is_true(v) ? "on" : "off";
		} else if (d) {
			fielderr_add(fe, key, "%s must be %s", key,
				     d->kind == SETTING_INT ? "a whole number" : d->kind == SETTING_BOOL ? "true or false" : "a string");
		}
		i++;
	}
	struct ops_ctx c = http_ops_ctx(req);
	size_t changed = 0;
	enum ops_result r = fe->n ? OPS_INVALID : ops_settings_set(&c, in, n, &changed, fe);
	rc = r == OPS_OK ? settings_reply(req, resp, changed, 1)
			 : http_ops_reply(req, resp, r, "The settings were not changed", fe);
done:
	free(in);
	free(text);
	free(fe);
	json_decref(body);
	return rc;
}

const struct route api_settings_routes[] = {
	{ "GET", "/api/v1/settings", settings_get_h, PERM_ADMIN_SETTINGS, "Every setting, its value and its description" },
	{ "PATCH", "/api/v1/settings", settings_patch, PERM_ADMIN_SETTINGS,
	  "Change settings: an object of key and value; every change audited with old and new value" },
	{ 0 },
};
