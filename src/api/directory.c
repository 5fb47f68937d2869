/* Community service directory over JSON: search services by category, area,
 * capacity and text; read, add and change a service (incl. its capacity);
 * suggest a change to another organisation's service, and its owner's answer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/api.h"
#include "api/post.h"
#include "core/datetime.h"
#include "core/directory_json.h"
#include "http/ops_reply.h"
#include "ops/directory.h"

static const char *query(void *req, const char *name)
{
	return http_query(req, name);
}

static json_t *coded(const struct service_record *r, int which, const struct directory_vocab *v, const char *name)
{
	json_t *a = json_array();
	for (size_t i = 0; i < r->nlist[which]; i++) {
		const char *c = r->list[which][i], *l = directory_vocab_label(v, c);
		json_array_append_new(a, json_pack("{s:s,s:s}", "code", c, name, l ? l : c));
	}
	return a;
}

/* A service as the API shows it (Open Referral UK names). New reference. */
static json_t *service_json(const struct directory_service *s, const struct directory_refs *refs)
{
	const struct service_record *r = &s->rec;
	json_t *contact = json_object();
	/* Open Referral UK: empty optional fields are left out, not null. */
	for (int f = 0; f < SF__MAX; f++)
		if (service_fields[f].contact && *r->v[f])
			json_object_set_new(contact, service_fields[f].key, json_string(r->v[f]));
	const char *cap = r->v[SF_CAPACITY_STATUS], *cap_label = directory_vocab_label(&refs->capacity, cap);
	json_t *owner = s->owner_org_id ? json_pack("{s:I,s:s}", "id", (json_int_t)s->owner_org_id, "name", s->owner_name)
					: json_null();
	return json_pack("{s:I,s:s,s:s,s:s,s:{s:I,s:s},s:o,s:o,s:s,s:s,s:s,s:s,s:o,s:b,s:o,s:o,s:o}", "id",
			 (json_int_t)s->id, "name", r->v[SF_NAME], "description", r->v[SF_DESCRIPTION], "status",
			 r->v[SF_STATUS], "organization", "id", (json_int_t)s->organization_id, "name",
			 r->v[SF_ORGANIZATION_NAME], "categories", coded(r, SERVICE_LIST_CATEGORIES, &refs->categories, "label"),
			 "service_areas", coded(r, SERVICE_LIST_AREAS, &refs->areas, "name"), "eligibility",
			 r->v[SF_ELIGIBILITY], "capacity_status", cap, "capacity_status_label", cap_label ? cap_label : cap,
			 "capacity_note", r->v[SF_CAPACITY_NOTE], "contact", contact, "demo", s->demo, "created_at",
			 api_utc_or_null(s->created_at), "updated_at", api_utc_or_null(s->updated_at), "owner", owner);
}

static json_t *suggestion_json(const struct directory_suggestion *g)
{
	return json_pack("{s:I,s:I,s:s,s:o,s:{s:s,s:s},s:o}", "id", (json_int_t)g->id, "service_id",
			 (json_int_t)g->service_id, "status", g->status, "changes", json_loads(g->changes, 0, NULL),
			 "suggested_by", "name", g->by_name, "organisation", g->by_org, "created_at",
			 api_utc_or_null(g->created_at));
}

struct search_json {
	json_t *items;
	const struct directory_refs *refs;
};

static void search_item(void *ctx, const struct directory_service *s)
{
	struct search_json *sj = ctx;
	json_array_append_new(sj->items, service_json(s, sj->refs));
}

static int services_search(struct http_req *req, struct http_resp *resp)
{
	struct directory_refs_buf *b = directory_refs_new(req->db);
	if (!b)
		return http_store_failed(req, resp);
	struct field_errors *fe = ops_fielderr_new();
	struct directory_query q;
	struct search_json sj = { NULL, &b->refs };
	int64_t total = 0;
	int rc;
	if (!fe) {
		rc = -1;
		goto done;
	}
	directory_query_parse(query, req, &b->refs, &q, fe);
	if (fe->n) {
		rc = http_problem_fields(resp, 422, "The search is not valid", fe);
		goto done;
	}
	sj.items = json_array();
	if (directory_search(req->db, &q, search_item, &sj, &total)) {
		json_decref(sj.items);
		rc = http_store_failed(req, resp);
		goto done;
	}
	rc = http_reply_json(resp, 200, json_pack("{s:I,s:i,s:i,s:o}", "total_items", (json_int_t)total, "limit", q.limit,
						  "offset", q.offset, "contents", sj.items));
done:
	free(fe);
	free(b);
	return rc;
}

/* Answers service id as JSON with status (and a Location when 201). */
static int reply_service(struct http_req *req, struct http_resp *resp, int64_t id, unsigned status)
{
	struct directory_refs_buf *b = directory_refs_new(req->db);
	struct directory_service *s = malloc(sizeof *s);
	int f = b && s ? directory_service_get(req->db, id, s) : -1;
	int rc = f < 0	 ? http_store_failed(req, resp)
		 : f == 0 ? http_problem(resp, 404, "Not found", "There is no service with this id.")
			  : http_reply_json(resp, status, service_json(s, &b->refs));
	if (f > 0 && status == 201) {
		char loc[64];
		snprintf(loc, sizeof loc, "/api/v1/services/%lld", (long long)id);
		http_header_add(resp, "Location", loc);
	}
	free(s);
	free(b);
	return rc;
}

static int service_get(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	return id < 0 ? 0 : reply_service(req, resp, id, 200);
}

enum write_kind { W_CREATE, W_PUT, W_PATCH, W_SUGGEST };

/* POST, PUT (replace), PATCH (merge) and a suggestion (merged like PATCH) share this. */
static int service_write(struct http_req *req, struct http_resp *resp, enum write_kind kind)
{
	int64_t id = kind == W_CREATE ? 0 : http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	json_t *body = http_json_body_or_respond(req, resp);
	if (!body)
		return 0;
	struct directory_refs_buf *b = directory_refs_new(req->db);
	struct service_input *in = calloc(1, sizeof *in);
	struct directory_service *old = malloc(sizeof *old);
	struct field_errors *fe = ops_fielderr_new();
	int rc = -1;
	if (!b) {
		rc = http_store_failed(req, resp);
		goto done;
	}
	if (!in || !fe || !old)
		goto done;
	if (kind >= W_PATCH) {
		int f = directory_service_get(req->db, id, old);
		if (f <= 0) {
			rc = f < 0 ? http_store_failed(req, resp)
				   : http_problem(resp, 404, "Not found", "There is no service with this id.");
			goto done;
		}
		service_input_from_record(&old->rec, in);
		if (json_object_size(body) == 0)
			fielderr_add(fe, "body", "Give at least one field to change, like {\"capacity_status\": \"waiting_list\"}");
	}
	service_input_from_json(body, in, fe);
	struct ops_ctx c = http_ops_ctx(req);
	int64_t out = id;
	enum ops_result r = kind == W_SUGGEST ? ops_service_suggest(&c, id, in, &b->refs, fe, &out)
						: ops_service_save(&c, id, in, &b->refs, fe, &out);
	if (r != OPS_OK)
		rc = http_ops_reply(req, resp, r, kind == W_SUGGEST ? "The suggestion needs correcting"
								     : "The service needs correcting", fe);
	else if (kind != W_SUGGEST)
		rc = reply_service(req, resp, out, id ? 200 : 201);
	else {
		struct directory_suggestion *g = malloc(sizeof *g);
		int f = g ? directory_suggestion_get(req->db, out, g) : -1;
		rc = f <= 0 ? http_store_failed(req, resp) : http_reply_json(resp, 201, suggestion_json(g));
		free(g);
	}
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
	return service_write(req, resp, W_CREATE);
}

static int service_put(struct http_req *req, struct http_resp *resp)
{
	return service_write(req, resp, W_PUT);
}

static int service_patch(struct http_req *req, struct http_resp *resp)
{
	return service_write(req, resp, W_PATCH);
}

static int suggestion_create(struct http_req *req, struct http_resp *resp)
{
	return service_write(req, resp, W_SUGGEST);
}

static void suggestion_item(void *ctx, const struct directory_suggestion *g)
{
	json_array_append_new(ctx, suggestion_json(g));
}

/* Open suggestions, for those who may change the service. */
static int suggestions_list(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	struct directory_service *s = malloc(sizeof *s);
	int f = s ? directory_service_get(req->db, id, s) : -1;
	int may = f > 0 && directory_may_edit(req->auth.role, req->auth.org_id, s->owner_org_id);
	free(s);
	if (f <= 0 || !may)
		return http_ops_reply(req, resp, f < 0 ? OPS_ERROR : f == 0 ? OPS_NOT_FOUND : OPS_FORBIDDEN, "", NULL);
	json_t *items = json_array();
	if (directory_suggestions_open(req->db, id, suggestion_item, items)) {
		json_decref(items);
		return http_store_failed(req, resp);
	}
	return http_reply_json(resp, 200, json_pack("{s:I,s:o}", "service_id", (json_int_t)id, "suggestions", items));
}

static int suggestion_answer(struct http_req *req, struct http_resp *resp, int accept)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	struct directory_refs_buf *b = directory_refs_new(req->db);
	struct field_errors *fe = ops_fielderr_new();
	int rc = -1;
	if (!b)
		rc = http_store_failed(req, resp);
	else if (fe) {
		struct ops_ctx c = http_ops_ctx(req);
		int64_t sid = directory_suggestion_id(http_param(req, 1));
		enum ops_result r = ops_suggestion_decide(&c, id, sid, accept, &b->refs, fe);
		rc = r != OPS_OK ? http_ops_reply(req, resp, r, "The suggestion cannot be answered", fe)
				 : reply_service(req, resp, id, 200);
	}
	free(fe);
	free(b);
	return rc;
}

static int suggestion_accept(struct http_req *req, struct http_resp *resp)
{
	return suggestion_answer(req, resp, 1);
}

static int suggestion_reject(struct http_req *req, struct http_resp *resp)
{
	return suggestion_answer(req, resp, 0);
}

const struct route api_directory_routes[] = {
	{ "GET", "/api/v1/services", services_search, PERM_DIRECTORY_READ,
	  "Search the community service directory (?category, area, capacity, q, limit, offset, include_inactive)", NULL, "category area capacity q limit offset include_inactive" },
	{ "GET", "/api/v1/services/{id}", service_get, PERM_DIRECTORY_READ, "One directory service", "service" },
	{ "POST", "/api/v1/services", service_create, PERM_DIRECTORY_EDIT,
	  "Add a directory service, owned by your organisation: {organization_name, name, description, categories, "
	  "service_areas, capacity_status, ...}" },
	{ "PUT", "/api/v1/services/{id}", service_put, PERM_DIRECTORY_EDIT,
	  "Replace a directory service's details (its owner's editors and the hub)", "service" },
	{ "PATCH", "/api/v1/services/{id}", service_patch, PERM_DIRECTORY_EDIT,
	  "Change some of a directory service's details, e.g. {capacity_status} (its owner's editors and the hub)",
	  "service" },
	{ "GET", "/api/v1/services/{id}/suggestions", suggestions_list, PERM_DIRECTORY_EDIT,
	  "A service's open suggested changes (its owner's editors and the hub)", "service" },
	{ "POST", "/api/v1/services/{id}/suggestions", suggestion_create, PERM_DIRECTORY_EDIT,
	  "Suggest a change to a service for its owner to accept: the fields to change, as for PATCH", "service" },
	{ "POST", "/api/v1/services/{id}/suggestions/{sid}/accept", suggestion_accept, PERM_DIRECTORY_EDIT,
	  "Accept a suggested change: it is applied (the service's owner's editors and the hub)", "service" },
	{ "POST", "/api/v1/services/{id}/suggestions/{sid}/reject", suggestion_reject, PERM_DIRECTORY_EDIT,
	  "Reject a suggested change (the service's owner's editors and the hub)", "service" },
	{ 0 },
};
