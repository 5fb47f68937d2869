/* Community service directory over JSON: search services by category, area,
 * capacity and text; read, add and change a service (incl. its capacity). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/api.h"
#include "api/directory.h"
#include "api/triage.h"
#include "core/datetime.h"
#include "http/audit_req.h"
#include "http/ops_reply.h"

#define SEARCH_LIMIT_DEFAULT 50

static void number_param(struct http_req *req, const char *name, long lo, long hi, int *out, struct field_errors *fe)
{
	const char *s = http_query(req, name);
	if (!s || !*s)
		return;
	char *end;
	long v = strtol(s, &end, 10);
	if (*end || v < lo || v > hi)
		fielderr_add(fe, name, "%s must be a whole number from %ld to %ld", name, lo, hi);
	else
		*out = (int)v;
}

static const char *code_param(struct http_req *req, const char *name, const struct directory_vocab *v,
			      const char *example, struct field_errors *fe)
{
	const char *s = http_query(req, name);
	if (!s || !*s)
		return "";
	if (!directory_vocab_label(v, s)) {
		fielderr_add(fe, name, "%s must be one of the %s codes, like %s", name, name, example);
		return "";
	}
	return s;
}

void directory_query_read(struct http_req *req, const struct directory_refs *refs, struct directory_query *q,
			  struct field_errors *fe)
{
	memset(q, 0, sizeof *q);
	q->limit = SEARCH_LIMIT_DEFAULT;
	q->category = code_param(req, "category", &refs->categories, "befriending", fe);
	q->area = code_param(req, "area", &refs->areas, "breckland", fe);
	q->capacity = code_param(req, "capacity", &refs->capacity, "open", fe);
	q->text = http_query(req, "q");
	char pats[DIRECTORY_QUERY_WORDS][DIRECTORY_PATTERN_MAX];
	if (q->text && directory_query_patterns(q->text, pats) < 0)
		fielderr_add(fe, "q", "Search for up to %d words (%d characters)", DIRECTORY_QUERY_WORDS,
			     DIRECTORY_QUERY_MAX);
	number_param(req, "limit", 1, DIRECTORY_SEARCH_MAX, &q->limit, fe);
	number_param(req, "offset", 0, 1000000, &q->offset, fe);
	const char *inactive = http_query(req, "include_inactive");
	q->include_inactive = inactive && (strcmp(inactive, "true") == 0 || strcmp(inactive, "1") == 0);
}

void directory_input_from(const struct service_record *rec, struct service_input *in)
{
	memset(in, 0, sizeof *in);
	for (int f = 0; f < SF__MAX; f++) {
		if (!service_field_is_list(f)) {
			in->v[f] = rec->v[f];
			continue;
		}
		int w = f == SF_CATEGORIES ? SERVICE_LIST_CATEGORIES : SERVICE_LIST_AREAS;
		for (size_t i = 0; i < rec->nlist[w]; i++)
			in->items[f][i] = rec->list[w][i];
		in->nitems[f] = rec->nlist[w];
	}
}

enum dir_result directory_save(struct http_req *req, int64_t id, const struct service_input *in,
			       const struct directory_refs *refs, struct field_errors *fe, int64_t *out_id)
{
	struct service_record *rec = malloc(sizeof *rec);
	enum dir_result r = DIR_ERROR;
	int creating = id == 0;
	if (!rec)
		return DIR_ERROR;
	if (id) {
		/* A service that is not there is 404 whatever was sent. */
		int f = directory_service_exists(req->db, id);
		if (f <= 0) {
			r = f < 0 ? DIR_ERROR : DIR_NOT_FOUND;
			goto done;
		}
	}
	if (service_validate(in, refs, rec, fe)) {
		r = DIR_INVALID;
		goto done;
	}
	if (store_begin(req->db))
		goto done;
	int n = 1;
	if (id == 0) {
		if (directory_service_create(req->db, rec, 0, req->auth.user_id, req->now, &id))
			n = -1;
	} else {
		n = directory_service_update(req->db, id, rec, req->auth.user_id, req->now);
	}
	if (n < 0) {
		store_rollback(req->db);
		goto done;
	}
	if (n == 0) {
		store_rollback(req->db);
		r = DIR_NOT_FOUND;
		goto done;
	}
	char detail[160];
	snprintf(detail, sizeof detail, "%s: %s", rec->v[SF_CAPACITY_STATUS], rec->v[SF_STATUS]);
	if (http_audit(req, creating ? AUDIT_SERVICE_CREATE : AUDIT_SERVICE_UPDATE, "service", id, 0, detail) ||
	    store_commit(req->db)) {
		store_rollback(req->db);
		goto done;
	}
	*out_id = id;
	r = DIR_OK;
done:
	free(rec);
	return r;
}

static json_t *utc_or_null(int64_t t)
{
	if (t <= 0)
		return json_null();
	char s[DT_UTC_LEN];
	dt_format_utc(t, s);
	return json_string(s);
}

json_t *directory_service_json(const struct directory_service *s, const struct directory_refs *refs)
{
	const struct service_record *r = &s->rec;
	json_t *cats = json_array(), *areas = json_array(), *contact = json_object();
	for (size_t i = 0; i < r->nlist[SERVICE_LIST_CATEGORIES]; i++) {
		const char *c = r->list[SERVICE_LIST_CATEGORIES][i], *l = directory_vocab_label(&refs->categories, c);
		json_array_append_new(cats, json_pack("{s:s,s:s}", "code", c, "label", l ? l : c));
	}
	for (size_t i = 0; i < r->nlist[SERVICE_LIST_AREAS]; i++) {
		const char *c = r->list[SERVICE_LIST_AREAS][i], *l = directory_vocab_label(&refs->areas, c);
		json_array_append_new(areas, json_pack("{s:s,s:s}", "code", c, "name", l ? l : c));
	}
	/* Open Referral UK: empty optional fields are left out, not null. */
	static const enum service_field contact_fields[] = { SF_PHONE, SF_EMAIL, SF_WEBSITE, SF_ADDRESS, SF_POSTCODE };
	for (size_t i = 0; i < sizeof contact_fields / sizeof contact_fields[0]; i++)
		if (*r->v[contact_fields[i]])
			json_object_set_new(contact, service_fields[contact_fields[i]].key, json_string(r->v[contact_fields[i]]));
	const char *cap = r->v[SF_CAPACITY_STATUS], *cap_label = directory_vocab_label(&refs->capacity, cap);
	json_t *j = json_pack("{s:I,s:s,s:s,s:s,s:{s:I,s:s},s:o,s:o,s:s,s:s,s:s,s:s,s:o,s:b,s:o,s:o}", "id",
			      (json_int_t)s->id, "name", r->v[SF_NAME], "description", r->v[SF_DESCRIPTION], "status",
			      r->v[SF_STATUS], "organization", "id", (json_int_t)s->organization_id, "name",
			      r->v[SF_ORGANIZATION_NAME], "categories", cats, "service_areas", areas, "eligibility",
			      r->v[SF_ELIGIBILITY], "capacity_status", cap, "capacity_status_label", cap_label ? cap_label : cap,
			      "capacity_note", r->v[SF_CAPACITY_NOTE], "contact", contact, "demo", s->demo, "created_at",
			      utc_or_null(s->created_at), "updated_at", utc_or_null(s->updated_at));
	return j;
}

/* ---- handlers ---- */

struct directory_refs_buf *directory_refs_or_respond(struct http_req *req, struct http_resp *resp)
{
	struct directory_refs_buf *b = malloc(sizeof *b);
	if (!b) {
		http_problem(resp, 500, "Internal server error", "Out of memory.");
		return NULL;
	}
	if (directory_refs_load(req->db, b)) {
		free(b);
		http_store_failed(req, resp);
		return NULL;
	}
	return b;
}

struct search_json {
	json_t *items;
	const struct directory_refs *refs;
};

static void search_item(void *ctx, const struct directory_service *s)
{
	struct search_json *sj = ctx;
	json_array_append_new(sj->items, directory_service_json(s, sj->refs));
}

static int services_search(struct http_req *req, struct http_resp *resp)
{
	struct directory_refs_buf *b = directory_refs_or_respond(req, resp);
	if (!b)
		return 0;
	struct field_errors fe;
	fielderr_init(&fe);
	struct directory_query q;
	directory_query_read(req, &b->refs, &q, &fe);
	if (fe.n) {
		free(b);
		return http_problem_fields(resp, 422, "The search is not valid", &fe);
	}
	struct search_json sj = { json_array(), &b->refs };
	int64_t total = 0;
	if (directory_search(req->db, &q, search_item, &sj, &total)) {
		json_decref(sj.items);
		free(b);
		return http_store_failed(req, resp);
	}
	free(b);
	return http_reply_json(resp, 200, json_pack("{s:I,s:i,s:i,s:o}", "total_items", (json_int_t)total, "limit", q.limit,
						    "offset", q.offset, "contents", sj.items));
}

static int service_get(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	struct directory_refs_buf *b = directory_refs_or_respond(req, resp);
	if (!b)
		return 0;
	struct directory_service *s = malloc(sizeof *s);
	int rc;
	int f = s ? directory_service_get(req->db, id, s) : -1;
	if (f < 0)
		rc = http_store_failed(req, resp);
	else if (f == 0)
		rc = http_problem(resp, 404, "Not found", "There is no service with this id.");
	else
		rc = http_reply_json(resp, 200, directory_service_json(s, &b->refs));
	free(s);
	free(b);
	return rc;
}

/* Copies the body's known keys into in; unknown keys and wrong types are field errors. */
static void input_from_json(json_t *body, struct service_input *in, struct field_errors *fe)
{
	const char *key;
	json_t *v;
	json_object_foreach(body, key, v) {
		int f = service_field_by_key(key);
		if (f < 0) {
			fielderr_add(fe, key, "%s is not a field of a service", key);
			continue;
		}
		if (service_field_is_list(f)) {
			in->nitems[f] = 0;
			in->too_many[f] = 0;
			if (json_is_null(v))
				continue;
			if (!json_is_array(v)) {
				fielderr_add(fe, key, "%s must be a list of codes", service_fields[f].label);
				continue;
			}
			size_t i;
			json_t *e;
			json_array_foreach(v, i, e) {
				if (!json_is_string(e)) {
					fielderr_add(fe, key, "%s must be a list of codes (strings)", service_fields[f].label);
					break;
				}
				if (in->nitems[f] == DIRECTORY_LIST_MAX) {
					in->too_many[f] = 1;
					break;
				}
				in->items[f][in->nitems[f]++] = json_string_value(e);
			}
			continue;
		}
		if (json_is_null(v))
			in->v[f] = "";
		else if (json_is_string(v))
			in->v[f] = json_string_value(v);
		else
			fielderr_add(fe, key, "%s must be a string", service_fields[f].label);
	}
}

static int reply_saved(struct http_req *req, struct http_resp *resp, enum dir_result r, int64_t id,
		       const struct directory_refs *refs, const struct field_errors *fe, unsigned ok_status)
{
	switch (r) {
	case DIR_INVALID:
		return http_problem_fields(resp, 422, "The service needs correcting", fe);
	case DIR_NOT_FOUND:
		return http_problem(resp, 404, "Not found", "There is no service with this id.");
	case DIR_ERROR:
		return http_store_failed(req, resp);
	case DIR_OK:
		break;
	}
	struct directory_service *s = malloc(sizeof *s);
	int f = s ? directory_service_get(req->db, id, s) : -1;
	int rc = f <= 0 ? http_store_failed(req, resp) : http_reply_json(resp, ok_status, directory_service_json(s, refs));
	if (f > 0 && ok_status == 201) {
		char loc[64];
		snprintf(loc, sizeof loc, "/api/v1/services/%lld", (long long)id);
		http_header_add(resp, "Location", loc);
	}
	free(s);
	return rc;
}

/* POST (id 0), PUT (replace) and PATCH (merge) share this. */
static int service_write(struct http_req *req, struct http_resp *resp, int64_t id, int merge)
{
	json_t *body = http_json_body_or_respond(req, resp);
	if (!body)
		return 0;
	struct directory_refs_buf *b = directory_refs_or_respond(req, resp);
	struct service_input *in = malloc(sizeof *in);
	struct directory_service *old = merge ? malloc(sizeof *old) : NULL;
	struct field_errors *fe = malloc(sizeof *fe);
	int rc = 0;
	if (!b)
		goto done;
	if (!in || !fe || (merge && !old)) {
		rc = -1;
		goto done;
	}
	fielderr_init(fe);
	memset(in, 0, sizeof *in);
	if (merge) {
		int f = directory_service_get(req->db, id, old);
		if (f <= 0) {
			rc = f < 0 ? http_store_failed(req, resp)
				   : http_problem(resp, 404, "Not found", "There is no service with this id.");
			goto done;
		}
		directory_input_from(&old->rec, in);
		if (json_object_size(body) == 0)
			fielderr_add(fe, "body", "Give at least one field to change, like {\"capacity_status\": \"waiting_list\"}");
	}
	input_from_json(body, in, fe);
	if (fe->n && id && !merge) {
		int f = directory_service_exists(req->db, id);
		if (f <= 0) {
			rc = f < 0 ? http_store_failed(req, resp)
				   : http_problem(resp, 404, "Not found", "There is no service with this id.");
			goto done;
		}
	}
	if (fe->n) {
		/* Every problem at once: the fields' own checks as well. */
		struct service_record *rec = malloc(sizeof *rec);
		if (rec)
			service_validate(in, &b->refs, rec, fe);
		free(rec);
		rc = http_problem_fields(resp, 422, "The service needs correcting", fe);
		goto done;
	}
	int64_t out = id;
	enum dir_result r = directory_save(req, id, in, &b->refs, fe, &out);
	rc = reply_saved(req, resp, r, out, &b->refs, fe, id ? 200 : 201);
done:
	json_decref(body);
	free(b);
	free(in);
	free(old);
	free(fe);
	return rc;
}

static int service_create(struct http_req *req, struct http_resp *resp)
{
	return service_write(req, resp, 0, 0);
}

static int service_put(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	return id < 0 ? 0 : service_write(req, resp, id, 0);
}

static int service_patch(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	return id < 0 ? 0 : service_write(req, resp, id, 1);
}

const struct route api_directory_routes[] = {
	{ "GET", "/api/v1/services", services_search, PERM_DIRECTORY_READ,
	  "Search the community service directory (?category, area, capacity, q, limit, offset, include_inactive)" },
	{ "GET", "/api/v1/services/{id}", service_get, PERM_DIRECTORY_READ, "One directory service", "service" },
	{ "POST", "/api/v1/services", service_create, PERM_DIRECTORY_EDIT,
	  "Add a directory service: {organization_name, name, description, categories, service_areas, capacity_status, ...}" },
	{ "PUT", "/api/v1/services/{id}", service_put, PERM_DIRECTORY_EDIT, "Replace a directory service's details",
	  "service" },
	{ "PATCH", "/api/v1/services/{id}", service_patch, PERM_DIRECTORY_EDIT,
	  "Change some of a directory service's details, e.g. {capacity_status}", "service" },
	{ 0 },
};
