/* Workers' records over JSON (provider managers for their organisation, the hub, the programme lead):
 * register a user as a worker ({user_email or user_id, kind, fte, clusters, areas, ...} as model/worker.def),
 * read and change one (an end_date ends employment), remove an absence. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/api.h"
#include "api/post.h"
#include "http/ops_reply.h"
#include "ops/workforce.h"
#include "store/settings.h"
#include "store/workforce.h"

static json_t *record_json(const struct worker_record *w, long per)
{
	json_t *j = json_pack("{s:I,s:{s:I,s:s,s:s},s:{s:I,s:s},s:b,s:b,s:I,s:I}", "id", (json_int_t)w->id, "user", "id",
			      (json_int_t)w->user_id, "name", w->name, "email", w->email, "organisation", "id",
			      (json_int_t)w->org_id, "name", w->org_name, "active", w->active, "dbs_checked", w->dbs_checked,
			      "open_cases", (json_int_t)w->open_cases, "clients_12_months", (json_int_t)w->clients_12m);
	long fte = strtol(w->v[WORKER_F_FTE], NULL, 10);
	json_object_set_new(j, "capacity", json_integer(workforce_capacity(fte, per)));
	for (int f = 0; f < WORKER_F__COUNT; f++) {
		const struct rec_field *d = &worker_fields[f];
		json_t *v;
		if (d->kind == RK_CODES)
			v = api_codes_json(w->v[f]);
		else if (d->kind == RK_FTE)
			v = json_real((double)fte / 100.0);
		else if (d->kind == RK_BOOL)
			v = json_boolean(strcmp(w->v[f], "1") == 0);
		else if (d->kind == RK_DATE && !w->v[f][0])
			v = json_null();
		else
			v = json_string(w->v[f]);
		json_object_set_new(j, d->key, v);
	}
	return j;
}

static int reply_worker(struct http_req *req, struct http_resp *resp, int64_t id, unsigned status)
{
	struct worker_record *w = malloc(sizeof *w);
	if (!w)
		return -1;
	int f = workforce_get(req->db, id, req->now, w);
	if (f <= 0) {
		free(w);
		if (f == 0) {
			http_not_found(req, resp);
			return 0;
		}
		return http_store_failed(req, resp);
	}
	json_t *j = record_json(w, settings_get_int(req->db, "worker_clients_per_fte"));
	free(w);
	return http_reply_json(resp, status, j);
}

/* The body's model fields as text into given (NULL: not given); a wrong JSON type is a problem under its key. */
static void read_fields(json_t *body, const char *given[WORKER_F__COUNT], char (*buf)[REC_VALUE_MAX], struct field_errors *fe)
{
	for (int f = 0; f < WORKER_F__COUNT; f++) {
		const struct rec_field *d = &worker_fields[f];
		json_t *v = json_object_get(body, d->key);
		given[f] = NULL;
		if (!v)
			continue;
		if (json_is_null(v)) {
			given[f] = "";
		} else if (d->kind == RK_CODES) {
			if (!json_is_array(v)) {
				fielderr_add(fe, d->key, "%s must be an array", d->key);
				continue;
			}
			size_t i, n = 0;
			json_t *e;
			buf[f][0] = '\0';
			json_array_foreach(v, i, e) {
				if (!json_is_string(e) || strchr(json_string_value(e), ',') ||
				    n + strlen(json_string_value(e)) + 2 >= REC_VALUE_MAX) {
					fielderr_add(fe, d->key, "%s must be an array of names or codes", d->key);
					break;
				}
				n += (size_t)snprintf(buf[f] + n, REC_VALUE_MAX - n, "%s%s", i ? "," : "", json_string_value(e));
			}
			given[f] = buf[f];
		} else if (d->kind == RK_FTE && json_is_number(v)) {
			snprintf(buf[f], REC_VALUE_MAX, "%.4g", json_number_value(v));
			given[f] = buf[f];
		} else if (d->kind == RK_BOOL && json_is_boolean(v)) {
			given[f] = json_is_true(v) ? "1" : "0";
		} else if (json_is_string(v) && d->kind != RK_BOOL) {
			given[f] = json_string_value(v);
		} else {
			fielderr_add(fe, d->key, "%s must be %s", d->key,
				     d->kind == RK_FTE ? "a number like 0.5" : d->kind == RK_BOOL ? "true or false" : "a string");
		}
	}
}

static void unknown_keys(json_t *body, int adding, struct field_errors *fe)
{
	const char *key;
	json_t *v;
	json_object_foreach(body, key, v) {
		int known = adding && (strcmp(key, "user_email") == 0 || strcmp(key, "user_id") == 0);
		for (int f = 0; f < WORKER_F__COUNT; f++)
			known |= strcmp(key, worker_fields[f].key) == 0;
		if (!known)
			fielderr_add(fe, strlen(key) < 60 ? key : "body", "%.60s is not a field of a worker", key);
	}
}

/* A new worker (POST /workers) or a change to one (PATCH /workers/{id}: patch). */
static int worker_write(struct http_req *req, struct http_resp *resp, int patch)
{
	struct api_post p;
	int go = api_post_begin(&p, req, resp, patch, NULL, NULL);
	if (go <= 0)
		return go;
	const char *given[WORKER_F__COUNT];
	char (*buf)[REC_VALUE_MAX] = calloc(WORKER_F__COUNT, sizeof *buf);
	if (!buf)
		return api_post_end(&p, -1);
	read_fields(p.body, given, buf, p.fe);
	unknown_keys(p.body, !patch, p.fe);
	json_t *em = json_object_get(p.body, "user_email"), *ui = json_object_get(p.body, "user_id");
	const char *email = NULL;
	int64_t uid = 0;
	if (!patch && em && !json_is_string(em))
		fielderr_add(p.fe, "user_email", "user_email must be a string");
	else if (!patch && em)
		email = json_string_value(em);
	if (!patch && ui && (!json_is_integer(ui) || json_integer_value(ui) <= 0))
		fielderr_add(p.fe, "user_id", "user_id must be a positive whole number");
	else if (!patch && ui)
		uid = json_integer_value(ui);
	if (!patch && !em && !ui)
		fielderr_add(p.fe, "user_email", "Give user_email or user_id: the account of the worker");
	enum ops_result r = p.fe->n ? OPS_INVALID
			    : patch ? ops_worker_edit(&p.c, p.id, given, p.fe)
				    : ops_worker_add(&p.c, email, uid, given, &p.id, p.fe);
	int rc = r == OPS_OK ? reply_worker(req, resp, p.id, patch ? 200 : 201)
			     : http_ops_reply(req, resp, r, patch ? "The worker was not changed" : "The worker was not added", p.fe);
	free(buf);
	return api_post_end(&p, rc);
}

static int worker_post(struct http_req *req, struct http_resp *resp)
{
	return worker_write(req, resp, 0);
}

static int worker_get_h(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	return id < 0 ? 0 : reply_worker(req, resp, id, 200);
}

static int worker_patch(struct http_req *req, struct http_resp *resp)
{
	return worker_write(req, resp, 1);
}

static int absence_remove(struct http_req *req, struct http_resp *resp)
{
	int64_t id;
	json_t *body = http_id_body_or_respond(req, resp, &id);
	if (!body)
		return 0;
	json_t *a = json_object_get(body, "absence_id");
	int64_t aid = json_is_integer(a) ? json_integer_value(a) : 0;
	json_decref(body);
	if (aid <= 0) {
		struct field_errors *fe = ops_fielderr_one("absence_id", "absence_id must be the id of one of the worker's absences");
		int rc = fe ? http_problem_fields(resp, 422, "The absence was not removed", fe) : -1;
		free(fe);
		return rc;
	}
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r = ops_worker_absence_remove(&c, id, aid);
	if (r != OPS_OK)
		return http_ops_reply(req, resp, r, "The absence was not removed", NULL);
	resp->status = 204;
	return 0;
}

const struct route api_workforce_routes[] = {
	{ "POST", "/api/v1/workers", worker_post, PERM_WORKER_MANAGE,
	  "Register a worker: {user_email or user_id, kind, fte, clusters, areas, start_date, dbs_level, ...}" },
	{ "GET", "/api/v1/workers/{id}", worker_get_h, PERM_WORKER_MANAGE, "A worker's record with load and capacity", "worker" },
	{ "PATCH", "/api/v1/workers/{id}", worker_patch, PERM_WORKER_MANAGE,
	  "Change a worker's record (the fields given; end_date ends employment)", "worker" },
	{ "POST", "/api/v1/workers/{id}/absences/remove", absence_remove, PERM_WORKER_MANAGE,
	  "Remove one of a worker's absences: {absence_id}", "worker" },
	{ 0 },
};
