/* Directory writes (finding 10b: only a listing's owner and the hub change
 * it; other editors suggest). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/directory_json.h"
#include "ops/directory.h"

/* The service, or NULL with *r set (NOT_FOUND or ERROR). Free it. */
static struct directory_service *service_of(const struct ops_ctx *c, int64_t id, enum ops_result *r)
{
	struct directory_service *s = malloc(sizeof *s);
	int f = s ? directory_service_get(c->db, id, s) : -1;
	if (f > 0)
		return s;
	free(s);
	*r = f < 0 ? OPS_ERROR : OPS_NOT_FOUND;
	return NULL;
}

/* OK when service id exists and c's user may change it: NOT_FOUND,
 * FORBIDDEN (another organisation's listing) or ERROR otherwise. */
static enum ops_result may_change(const struct ops_ctx *c, int64_t id)
{
	enum ops_result r = OPS_OK;
	struct directory_service *s = service_of(c, id, &r);
	if (s && !directory_may_edit(c->role, c->org_id, s->owner_org_id))
		r = OPS_FORBIDDEN;
	free(s);
	return r;
}

/* Adds (*id 0) or replaces service *id with rec inside the open transaction,
 * and the audit event of that (commit 1: and commits; else the caller does). */
static enum ops_result write_in_tx(const struct ops_ctx *c, int64_t *id, const struct service_record *rec, int commit)
{
	int creating = *id == 0;
	int n = creating ? (directory_service_create(c->db, rec, 0, c->user_id, c->org_id, c->now, id) ? -1 : 1)
			 : directory_service_update(c->db, *id, rec, c->user_id, c->now);
	if (n <= 0)
		return ops_fail(c, n < 0 ? OPS_ERROR : OPS_NOT_FOUND);
	char detail[160];
	snprintf(detail, sizeof detail, "%s: %s", rec->v[SF_CAPACITY_STATUS], rec->v[SF_STATUS]);
	enum audit_action a = creating ? AUDIT_SERVICE_CREATE : AUDIT_SERVICE_UPDATE;
	if (commit)
		return ops_commit_audited(c, a, "service", *id, 0, detail);
	return ops_audit(c, a, "service", *id, 0, detail) ? ops_fail(c, OPS_ERROR) : OPS_OK;
}

enum ops_result ops_service_save(const struct ops_ctx *c, int64_t id, const struct service_input *in,
				 const struct directory_refs *refs, struct field_errors *fe, int64_t *out_id)
{
	enum ops_result r = id ? may_change(c, id) : OPS_OK;
	if (r != OPS_OK)
		return r;
	struct service_record *rec = malloc(sizeof *rec);
	if (!rec)
		return OPS_ERROR;
	if (service_validate(in, refs, rec, fe) || fe->n)
		r = OPS_INVALID;
	else if ((r = ops_begin(c)) == OPS_OK)
		r = write_in_tx(c, &id, rec, 1);
	*out_id = id;
	free(rec);
	return r;
}

enum ops_result ops_service_suggest(const struct ops_ctx *c, int64_t id, const struct service_input *in,
				    const struct directory_refs *refs, struct field_errors *fe, int64_t *out_id)
{
	enum ops_result r = OPS_OK;
	struct directory_service *s = service_of(c, id, &r);
	if (!s)
		return r;
	struct service_record *rec = malloc(sizeof *rec);
	json_t *changes = NULL;
	char *text = NULL;
	if (!rec) {
		r = OPS_ERROR;
		goto done;
	}
	if (service_validate(in, refs, rec, fe) || fe->n) {
		r = OPS_INVALID;
		goto done;
	}
	changes = service_changes_json(&s->rec, rec);
	if (json_object_size(changes) == 0) {
		fielderr_add(fe, "body", "Change at least one of the service's details to suggest a change");
		r = OPS_INVALID;
		goto done;
	}
	text = json_dumps(changes, JSON_COMPACT | JSON_SORT_KEYS);
	char detail[160] = "";
	size_t len = 0;
	const char *key;
	json_t *v;
	json_object_foreach(changes, key, v) {
		if (len < sizeof detail)
			len += (size_t)snprintf(detail + len, sizeof detail - len, "%s%s", len ? " " : "", key);
	}
	if (!text)
		r = OPS_ERROR;
	else if ((r = ops_begin(c)) == OPS_OK)
		r = directory_suggestion_add(c->db, id, text, c->user_id, c->org_id, c->now, out_id)
			    ? ops_fail(c, OPS_ERROR)
			    : ops_commit_audited(c, AUDIT_SERVICE_SUGGEST, "service", id, 0, detail);
done:
	free(text);
	json_decref(changes);
	free(rec);
	free(s);
	return r;
}

/* rec: the service with the suggestion's changes applied, checked. */
static enum ops_result accepted_record(const struct ops_ctx *c, const struct directory_suggestion *g,
				       const struct directory_refs *refs, struct field_errors *fe,
				       struct service_record *rec)
{
	enum ops_result r = OPS_OK;
	struct directory_service *s = service_of(c, g->service_id, &r);
	struct service_input *in = malloc(sizeof *in);
	json_t *changes = json_loads(g->changes, 0, NULL);
	if (!s || !in || !json_is_object(changes)) {
		r = s ? OPS_ERROR : r;
	} else {
		service_input_from_record(&s->rec, in);
		service_input_from_json(changes, in, fe);
		if (service_validate(in, refs, rec, fe) || fe->n)
			r = OPS_INVALID;
	}
	json_decref(changes);
	free(in);
	free(s);
	return r;
}

enum ops_result ops_suggestion_decide(const struct ops_ctx *c, int64_t service_id, int64_t suggestion_id, int accept,
				      const struct directory_refs *refs, struct field_errors *fe)
{
	enum ops_result r = may_change(c, service_id);
	if (r != OPS_OK)
		return r;
	if (suggestion_id <= 0) {
		fielderr_add(fe, "suggestion", "The suggestion id in the address must be a whole number");
		return OPS_INVALID;
	}
	struct directory_suggestion *g = malloc(sizeof *g);
	struct service_record *rec = accept ? malloc(sizeof *rec) : NULL;
	int f = g && (rec || !accept) ? directory_suggestion_get(c->db, suggestion_id, g) : -1;
	if (f <= 0 || g->service_id != service_id) {
		r = f < 0 ? OPS_ERROR : OPS_NOT_FOUND;
		goto done;
	}
	if (strcmp(g->status, "open") != 0) {
		fielderr_add(fe, "suggestion", "This suggestion was already %s", g->status);
		r = OPS_CONFLICT;
		goto done;
	}
	if (accept && (r = accepted_record(c, g, refs, fe, rec)) != OPS_OK)
		goto done;
	if ((r = ops_begin(c)) != OPS_OK)
		goto done;
	int n = directory_suggestion_decide(c->db, suggestion_id, accept ? "accepted" : "rejected", c->user_id, c->now);
	if (n <= 0) {
		if (n == 0)
			fielderr_add(fe, "suggestion", "Someone answered this suggestion a moment ago");
		r = ops_fail(c, n < 0 ? OPS_ERROR : OPS_CONFLICT);
		goto done;
	}
	if (accept && (r = write_in_tx(c, &service_id, rec, 0)) != OPS_OK)
		goto done;
	char detail[48];
	snprintf(detail, sizeof detail, "service %lld", (long long)service_id);
	r = ops_commit_audited(c, accept ? AUDIT_SERVICE_SUGGESTION_ACCEPT : AUDIT_SERVICE_SUGGESTION_REJECT,
			       "service_suggestion", suggestion_id, 0, detail);
done:
	free(rec);
	free(g);
	return r;
}
