/* Organisations over JSON (administrator, programme lead): list, add, read with status history, change
 * (fields of model/org.def; areas as an array of codes) and framework status. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/api.h"
#include "api/post.h"
#include "core/datetime.h"
#include "http/ops_reply.h"
#include "ops/orgs.h"
#include "store/org.h"

static json_t *day_or_null(int64_t day)
{
	if (day < 0)
		return json_null();
	char s[DT_DATE_LEN];
	dt_format_date(day, s);
	return json_string(s);
}

static json_t *org_json(const struct org_view *o)
{
	json_t *j = json_pack("{s:I}", "id", (json_int_t)o->id);
	for (int f = 0; f < ORG_F__COUNT; f++)
		json_object_set_new(j, org_fields[f].key,
				    org_fields[f].kind == RK_CODES ? api_codes_json(o->v[f]) : json_string(o->v[f]));
	json_object_set_new(j, "framework_status", json_pack("{s:s,s:o,s:s}", "status", o->status, "from",
								day_or_null(o->status_day), "reason", o->status_reason));
	json_object_set_new(j, "users", json_integer(o->users));
	json_object_set_new(j, "active_workers", json_integer(o->workers));
	return j;
}

static int list_one(void *ctx, const struct org_view *o)
{
	json_array_append_new(ctx, org_json(o));
	return 0;
}

static int orgs_list(struct http_req *req, struct http_resp *resp)
{
	json_t *a = json_array();
	if (org_record_list(req->db, list_one, a)) {
		json_decref(a);
		return http_store_failed(req, resp);
	}
	return http_reply_json(resp, 200, json_pack("{s:o}", "organisations", a));
}

static int hist_one(void *ctx, const struct org_history_row *h)
{
	char at[DT_UTC_LEN];
	dt_format_utc(h->at, at);
	json_array_append_new(ctx, json_pack("{s:s,s:o,s:s,s:s,s:s}", "status", h->status, "from", day_or_null(h->from_day),
					     "reason", h->reason, "recorded_at", at, "by", h->by));
	return 0;
}

static int reply_org(struct http_req *req, struct http_resp *resp, int64_t id, unsigned status)
{
	struct org_view *o = malloc(sizeof *o);
	if (!o)
		return -1;
	int f = org_record_get(req->db, id, o);
	if (f <= 0) {
		free(o);
		if (f == 0) {
			http_not_found(req, resp);
			return 0;
		}
		return http_store_failed(req, resp);
	}
	json_t *j = org_json(o), *h = json_array();
	free(o);
	if (org_status_history(req->db, id, hist_one, h)) {
		json_decref(j);
		json_decref(h);
		return http_store_failed(req, resp);
	}
	json_object_set_new(j, "status_history", h);
	return http_reply_json(resp, status, j);
}

static int org_get(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	return id < 0 ? 0 : reply_org(req, resp, id, 200);
}

/* The body's model fields as text into given (NULL: not given); a wrong JSON type is a problem under its key. */
static void read_fields(json_t *body, const char *given[ORG_F__COUNT], char (*buf)[REC_VALUE_MAX], struct field_errors *fe)
{
	for (int f = 0; f < ORG_F__COUNT; f++) {
		json_t *v = json_object_get(body, org_fields[f].key);
		given[f] = NULL;
		if (!v)
			continue;
		if (org_fields[f].kind == RK_CODES) {
			if (!json_is_array(v)) {
				fielderr_add(fe, org_fields[f].key, "%s must be an array of area codes", org_fields[f].label);
				continue;
			}
			size_t i, n = 0;
			json_t *e;
			buf[f][0] = '\0';
			json_array_foreach(v, i, e) {
				if (!json_is_string(e) || strchr(json_string_value(e), ',')) {
					fielderr_add(fe, org_fields[f].key, "%s must be an array of area codes", org_fields[f].label);
					break;
				}
				n += (size_t)snprintf(buf[f] + n, n < REC_VALUE_MAX ? REC_VALUE_MAX - n : 0, "%s%s", i ? "," : "",
						      json_string_value(e));
				if (n >= REC_VALUE_MAX) {
					fielderr_add(fe, org_fields[f].key, "%s: too many", org_fields[f].label);
					break;
				}
			}
			given[f] = buf[f];
		} else if (json_is_string(v)) {
			given[f] = json_string_value(v);
		} else if (!json_is_null(v)) {
			fielderr_add(fe, org_fields[f].key, "%s must be a string", org_fields[f].label);
		} else {
			given[f] = "";
		}
	}
}

/* A new organisation (POST) or a change to one (PATCH /organisations/{id}: patch). */
static int org_write(struct http_req *req, struct http_resp *resp, int patch)
{
	struct api_post p;
	int go = api_post_begin(&p, req, resp, patch, NULL, NULL);
	if (go <= 0)
		return go;
	int64_t id = p.id;
	const char *given[ORG_F__COUNT];
	char (*buf)[REC_VALUE_MAX] = calloc(ORG_F__COUNT, sizeof *buf);
	if (!buf)
		return api_post_end(&p, -1);
	read_fields(p.body, given, buf, p.fe);
	const char *status = NULL;
	json_t *st = json_object_get(p.body, "framework_status");
	if (!id && st && !json_is_string(st))
		fielderr_add(p.fe, "framework_status", "framework_status must be a string");
	else if (!id && st)
		status = json_string_value(st);
	const char *key;
	json_t *v;
	json_object_foreach(p.body, key, v) {
		int known = !id && strcmp(key, "framework_status") == 0;
		for (int f = 0; f < ORG_F__COUNT; f++)
			known |= strcmp(key, org_fields[f].key) == 0;
		if (!known)
			fielderr_add(p.fe, strlen(key) < 60 ? key : "body", "%.60s is not a field of an organisation", key);
	}
	int64_t nid = 0;
	enum ops_result r = p.fe->n ? OPS_INVALID : ops_org_save(&p.c, id, given, status, &nid, p.fe);
	int rc = r == OPS_OK ? reply_org(req, resp, nid, id ? 200 : 201)
			     : http_ops_reply(req, resp, r, id ? "The organisation was not changed" : "The organisation was not added",
					      p.fe);
	free(buf);
	return api_post_end(&p, rc);
}

static int org_post(struct http_req *req, struct http_resp *resp)
{
	return org_write(req, resp, 0);
}

static int org_patch(struct http_req *req, struct http_resp *resp)
{
	return org_write(req, resp, 1);
}

static const char *text_of(json_t *body, const char *key, struct field_errors *fe)
{
	json_t *v = json_object_get(body, key);
	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		fielderr_add(fe, key, "%s must be a string", key);
		return NULL;
	}
	return json_string_value(v);
}

static int org_status_post(struct http_req *req, struct http_resp *resp)
{
	struct api_post p;
	int go = api_post_begin(&p, req, resp, 1, NULL, NULL);
	if (go <= 0)
		return go;
	const char *status = text_of(p.body, "status", p.fe), *from = text_of(p.body, "from", p.fe),
		   *reason = text_of(p.body, "reason", p.fe);
	enum ops_result r = p.fe->n ? OPS_INVALID : ops_org_status(&p.c, p.id, status, from, reason, p.fe);
	return api_post_end(&p, r == OPS_OK ? reply_org(req, resp, p.id, 200)
					     : http_ops_reply(req, resp, r, "The framework status was not changed", p.fe));
}

const struct route api_orgs_routes[] = {
	{ "GET", "/api/v1/organisations", orgs_list, PERM_ORG_MANAGE, "Organisations with their areas, contact details and framework status" },
	{ "POST", "/api/v1/organisations", org_post, PERM_ORG_MANAGE,
	  "Add an organisation: {name, kind, areas, contact_name, phone, email, address, reg_number, framework_status}" },
	{ "GET", "/api/v1/organisations/{id}", org_get, PERM_ORG_MANAGE, "An organisation with its framework status history", "org" },
	{ "PATCH", "/api/v1/organisations/{id}", org_patch, PERM_ORG_MANAGE, "Change an organisation's fields (those given)", "org" },
	{ "POST", "/api/v1/organisations/{id}/status", org_status_post, PERM_ORG_MANAGE,
	  "Change an organisation's framework status: {status, from, reason}; the history is kept", "org" },
	{ 0 },
};
