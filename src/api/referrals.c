/* Referral intake over JSON: POST /api/v1/referrals, one referral, a list,
 * and the model's own description (fields and vocabularies) for clients. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/api.h"
#include "api/referrals.h"
#include "api/triage.h"
#include "core/datetime.h"
#include "core/referral_contact.h"
#include "core/referral_match.h"
#include "http/audit_req.h"
#include "http/defer.h"
#include "http/list_query.h"
#include "http/ops_reply.h"
#include "store/referral_read.h"
#include "ops/people.h"
#include "ops/referrals.h"
#include "util/idlist.h"
#include "util/jsonw.h"


/* ---- JSON in ---- */

/* Reads one JSON value into raw for field f; type problems go to fe. */
static void json_leaf(json_t *v, int f, struct referral_raw *raw, struct field_errors *fe)
{
	const struct referral_field_desc *d = &referral_fields[f];
	if (json_is_null(v))
		return;
	if (d->kind == K_VOCABS) {
		if (!json_is_array(v)) {
			raw->bad[f] = 1;
			fielderr_add(fe, d->path, "%s must be a list of codes, like [\"loneliness\", \"debt\"]", d->label);
			return;
		}
		raw->has_list = 1;
		if (json_array_size(v) > REFERRAL_REASONS_MAX) {
			raw->bad[f] = 1;
			fielderr_add(fe, d->path, "%s: give at most %d", d->label, REFERRAL_REASONS_MAX);
			return;
		}
		size_t i;
		json_t *e;
		json_array_foreach(v, i, e)
		{
			if (!json_is_string(e)) {
				raw->bad[f] = 1;
				fielderr_add(fe, d->path, "%s must be a list of codes (text), like [\"loneliness\"]", d->label);
				return;
			}
			raw->list[raw->nlist++] = json_string_value(e);
		}
		return;
	}
	if (d->kind == K_BOOL) {
		if (json_is_boolean(v)) {
			raw->v[f] = json_is_true(v) ? "yes" : "no";
			return;
		}
		if (!json_is_string(v)) {
			raw->bad[f] = 1;
			fielderr_add(fe, d->path, "%s must be true or false", d->label);
			return;
		}
	} else if (!json_is_string(v)) {
		raw->bad[f] = 1;
		fielderr_add(fe, d->path, "%s must be text (a JSON string)%s", d->label,
			     d->kind == K_NHSNUM ? ", like \"943 476 5919\"" : "");
		return;
	}
	/* jansson refuses \u0000 unless asked, so the text is whole. */
	raw->v[f] = json_string_value(v);
}

/* Walks the body: top-level fields and the groups person, consent,
 * referrer and discharge. Unknown names are problems, not ignored: a
 * misspelt field would otherwise vanish silently. */
static void json_to_raw(json_t *body, struct referral_raw *raw, struct field_errors *fe)
{
	const char *key;
	json_t *v;
	json_object_foreach(body, key, v)
	{
		int f = referral_field_by_path(key);
		if (f >= 0) {
			json_leaf(v, f, raw, fe);
			continue;
		}
		size_t klen = strlen(key);
		int group = 0;
		for (int i = 0; i < RF__MAX && !group; i++)
			group = strncmp(referral_fields[i].path, key, klen) == 0 && referral_fields[i].path[klen] == '.';
		if (!group) {
			fielderr_add(fe, key, "\"%.40s\" is not a field of a referral (see /api/v1/referral-fields)", key);
			continue;
		}
		if (!json_is_object(v)) {
			if (!json_is_null(v))
				fielderr_add(fe, key, "%s must be an object, like {\"%s\": ...}", key,
					     strcmp(key, "person") == 0 ? "given_name" : "...");
			continue;
		}
		const char *k2;
		json_t *v2;
		json_object_foreach(v, k2, v2)
		{
			char path[96];
			snprintf(path, sizeof path, "%s.%s", key, k2);
			int g = strlen(k2) < 48 ? referral_field_by_path(path) : -1;
			if (g < 0)
				fielderr_add(fe, path, "\"%.60s\" is not a field of a referral (see /api/v1/referral-fields)", path);
			else
				json_leaf(v2, g, raw, fe);
		}
	}
}

/* ---- JSON out ---- */

static json_t *iso(int64_t t)
{
	char s[DT_UTC_LEN];
	dt_format_utc(t, s);
	return json_string(s);
}

static json_t *day(int64_t d)
{
	char s[DT_DATE_LEN];
	dt_format_date(d, s);
	return json_string(s);
}

/* The time t as the API writes it (UTC, ISO 8601). */
static void put_time(struct jsonw *w, const char *key, int64_t t)
{
	char s[DT_UTC_LEN];
	dt_format_utc(t, s);
	jsonw_str(w, key, s);
}

static void put_field(struct jsonw *w, const char *key, const struct referral_rec *rec, int f)
{
	const struct referral_value *v = &rec->v[f];
	char d[DT_DATE_LEN];
	switch (referral_fields[f].kind) {
	case K_BOOL:
		jsonw_bool(w, key, (int)v->i);
		return;
	case K_DOB:
	case K_DAY:
		dt_format_date(v->i, d);
		jsonw_str(w, key, d);
		return;
	case K_INSTANT:
		put_time(w, key, v->i);
		return;
	case K_VOCABS:
		jsonw_open(w, key, '[');
		for (size_t i = 0; i < rec->nreasons; i++)
			jsonw_str(w, NULL, rec->reasons[i]);
		jsonw_close(w);
		return;
	default:
		jsonw_str(w, key, v->s ? v->s : "");
	}
}

static void event_json(void *ctx, const struct referral_event *e)
{
	struct jsonw *w = ctx;
	jsonw_open(w, NULL, '{');
	put_time(w, "at", e->at);
	jsonw_str(w, "kind", e->kind);
	if (e->from_status[0])
		jsonw_str(w, "from_status", e->from_status);
	if (e->to_status[0])
		jsonw_str(w, "to_status", e->to_status);
	jsonw_close(w);
}

/* What a referrer sees of an event: its time and the status it led to. */
static void event_status_json(void *ctx, const struct referral_event *e)
{
	if (e->to_status[0])
		json_array_append_new(ctx, json_pack("{s:o,s:s}", "at", iso(e->at), "status", e->to_status));
}

/* The names of the contact fields with bits set, as JSON paths. */
static json_t *contact_paths(unsigned bits)
{
	json_t *a = json_array();
	for (int i = 0; i < REFERRAL_CONTACT_N; i++)
		if (bits & (1u << i))
			json_array_append_new(a, json_string(referral_fields[referral_contact_field[i]].path + 7));
	return a;
}

/* The contact details as the referral gave them, and which differ from the
 * person's now (applied only by POST .../apply-contact). */
static void put_submitted(struct jsonw *w, const struct referral_view *v)
{
	jsonw_open(w, "submitted_contact", '{');
	for (int i = 0; i < REFERRAL_CONTACT_N; i++) {
		const struct referral_value *s = &v->submitted[referral_contact_field[i]];
		if (s->set)
			jsonw_str(w, referral_fields[referral_contact_field[i]].path + 7, s->s);
	}
	unsigned bits = referral_contact_diff(v->rec.v, v->submitted);
	jsonw_bool(w, "differs_from_person", bits != 0);
	jsonw_open(w, "differing", '[');
	for (int i = 0; i < REFERRAL_CONTACT_N; i++)
		if (bits & (1u << i))
			jsonw_str(w, NULL, referral_fields[referral_contact_field[i]].path + 7);
	jsonw_close(w);
	jsonw_close(w);
}

/* Whether the group of field f ("discharge" of "discharge.ward") says
 * anything: the home-check answer defaults to no, and alone it says nothing. */
static int group_says_something(const struct referral_rec *rec, int f, size_t glen)
{
	for (int g = f; g < RF__MAX && strncmp(referral_fields[g].path, referral_fields[f].path, glen + 1) == 0; g++)
		if (rec->v[g].set && !(g == RF_DISCHARGE_HOME_CHECK_NEEDED && !rec->v[g].i))
			return 1;
	return 0;
}

/* The referral as the API shows it in full: its own members, the person
 * (with the outcode and area after the fields), each group of fields in the
 * description's order (a group's fields are contiguous there), then the
 * submitted contact details. */
static void put_view(struct jsonw *w, const struct referral_view *v)
{
	jsonw_int(w, "id", v->id);
	jsonw_str(w, "reference", v->reference);
	jsonw_str(w, "status", v->status);
	jsonw_str(w, "channel", v->channel);
	put_time(w, "received_at", v->received_at);
	put_time(w, "sla_due_at", v->sla_due_at);
	put_time(w, "created_at", v->created_at);
	put_time(w, "updated_at", v->updated_at);
	jsonw_open(w, "person", '{');
	jsonw_int(w, "id", v->person_id);
	const char *group = "person";
	size_t glen = 6;
	for (int f = 0; f < RF__MAX; f++) {
		const struct referral_value *x = &v->rec.v[f];
		if (!x->set || f == RF_RECEIVED_AT)
			continue;
		const char *path = referral_fields[f].path, *dot = strchr(path, '.');
		size_t len = dot ? (size_t)(dot - path) : 0;
		if (!group || len != glen || strncmp(path, group, len) != 0) {
			if (group && glen == 6 && strncmp(group, "person", 6) == 0) {
				jsonw_str(w, "outcode", v->rec.outcode ? v->rec.outcode : "");
				jsonw_str(w, "area", v->rec.area);
			}
			if (group)
				jsonw_close(w);
			group = NULL;
			if (dot) {
				if (!group_says_something(&v->rec, f, len)) {
					while (f + 1 < RF__MAX && strncmp(referral_fields[f + 1].path, path, len + 1) == 0)
						f++;
					continue;
				}
				char name[32];
				snprintf(name, sizeof name, "%.*s", (int)len, path);
				jsonw_open(w, name, '{');
				group = path;
				glen = len;
			}
		}
		put_field(w, dot ? dot + 1 : path, &v->rec, f);
	}
	if (group) {
		if (glen == 6 && strncmp(group, "person", 6) == 0) {
			jsonw_str(w, "outcode", v->rec.outcode ? v->rec.outcode : "");
			jsonw_str(w, "area", v->rec.area);
		}
		jsonw_close(w);
	}
	if (v->duplicate_of)
		jsonw_int(w, "possible_duplicate_of", v->duplicate_of);
	else
		jsonw_null(w, "possible_duplicate_of");
	put_submitted(w, v);
}

static json_t *status_json(const struct referral_status *s)
{
	return json_pack("{s:I,s:s,s:s,s:o,s:o,s:o}", "id", (json_int_t)s->id, "reference", s->reference, "status",
			 s->status, "received_at", iso(s->received_at), "sla_due_at", iso(s->sla_due_at), "updated_at",
			 iso(s->updated_at));
}

/* ---- handlers ---- */

/* problem+json like http_problem_fields, plus the allowed codes of each
 * vocabulary field, so a client can correct itself. */
static int problem_with_allowed(struct http_req *req, struct http_resp *resp, const struct field_errors *fe)
{
	const struct referral_refs *refs = referral_refs_app(req->db);
	json_t *errors = json_array();
	for (size_t i = 0; i < fe->n; i++) {
		json_t *e = json_pack("{s:s,s:s}", "field", fe->e[i].field, "message", fe->e[i].message);
		int f = referral_field_by_path(fe->e[i].field);
		if (refs && f >= 0 && referral_fields[f].vocab != RV_NONE && strstr(fe->e[i].message, "is not allowed")) {
			json_t *a = json_array();
			const struct referral_vocab_list *l = &refs->vocab[referral_fields[f].vocab];
			for (size_t k = 0; k < l->n; k++)
				json_array_append_new(a, json_string(l->e[k].code));
			json_object_set_new(e, "allowed", a);
		}
		json_array_append_new(errors, e);
	}
	size_t n = fe->n + fe->dropped;
	char detail[96];
	snprintf(detail, sizeof detail, "%zu field%s need%s correcting; nothing was stored.", n, n == 1 ? "" : "s",
		 n == 1 ? "s" : "");
	json_t *doc = json_pack("{s:s,s:s,s:i,s:s,s:o}", "type", "about:blank", "title", "The referral has problems",
				"status", 422, "detail", detail, "errors", errors);
	http_reply_json(resp, 422, doc);
	resp->content_type = "application/problem+json";
	return 0;
}

/* A referral on its way through the group commit writer. */
struct create_job {
	struct ops_referral *p;
	struct ops_ctx ctx;
	struct referral_created out;
};

static int create_run(struct store *st, void *ctx)
{
	struct create_job *c = ctx;
	struct ops_ctx on_writer = c->ctx;
	on_writer.db = st;
	return ops_referral_store(&on_writer, c->p, &c->out);
}

static void create_free(void *ctx)
{
	struct create_job *c = ctx;
	ops_referral_free(c->p);
	free(c);
}

/* After the shared commit: 201 with the stored referral's status; who the
 * person is and whether they were known only for the hub (finding 2). */
static int create_finish(struct http_req *req, struct http_resp *resp, const struct gc_job *job, void *ctx)
{
	struct create_job *c = ctx;
	if (job->result)
		return http_defer_failed(req, resp, job);
	struct referral_status s;
	if (referral_store_status(req->db, c->out.id, &s) != 1)
		return http_store_failed(req, resp);
	json_t *doc = status_json(&s);
	if (ops_is_hub(&c->ctx)) {
		json_object_set_new(doc, "person_id", json_integer(c->out.person_id));
		json_object_set_new(doc, "possible_duplicate_of",
				    c->out.duplicate_of ? json_integer(c->out.duplicate_of) : json_null());
	}
	char loc[64];
	snprintf(loc, sizeof loc, "/api/v1/referrals/%lld", (long long)c->out.id);
	http_header_add(resp, "Location", loc);
	return http_reply_json(resp, 201, doc);
}

/* Checked here; stored by the group commit writer with other requests'
 * writes, each in its own savepoint; 201 once the commit is on disk. */
static int referral_create(struct http_req *req, struct http_resp *resp)
{
	json_t *body = http_json_body_or_respond(req, resp);
	if (!body)
		return 0;
	struct referral_raw raw;
	memset(&raw, 0, sizeof raw);
	struct field_errors *fe = ops_fielderr_new();
	struct create_job *c = calloc(1, sizeof *c);
	if (!fe || !c) {
		free(fe);
		free(c);
		json_decref(body);
		return -1;
	}
	json_to_raw(body, &raw, fe);
	c->ctx = http_ops_ctx(req);
	enum ops_result r = ops_referral_prepare(&c->ctx, &raw, CH_API, fe, &c->p);
	json_decref(body);
	if (r == OPS_INVALID)
		problem_with_allowed(req, resp, fe);
	free(fe);
	if (r != OPS_OK) {
		free(c);
		return r == OPS_INVALID ? 0 : http_store_failed(req, resp);
	}
	if (http_defer(req, create_run, create_finish, c, create_free)) {
		create_free(c);
		return -1;
	}
	return 0;
}

/* Applies the referral's submitted contact details to the person. */
static int referral_apply_contact(struct http_req *req, struct http_resp *resp)
{
	/* The body is an empty JSON object, as for every POST of this API: what
	 * is applied is what the referral carries. */
	int64_t id;
	json_t *body = http_id_body_or_respond(req, resp, &id);
	if (!body)
		return 0;
	json_decref(body);
	struct ops_ctx c = http_ops_ctx(req);
	unsigned changed;
	enum ops_result r = ops_person_apply_contact(&c, id, &changed);
	if (r != OPS_OK)
		return http_ops_reply(req, resp, r, "The contact details cannot be applied", NULL);
	return http_reply_json(resp, 200, json_pack("{s:I,s:o}", "referral_id", (json_int_t)id, "changed", contact_paths(changed)));
}

static int referral_get_in(struct http_req *req, struct http_resp *resp, int64_t id);

/* Every query of the read sees one snapshot; the audit event is written
 * after it, by the group commit writer. */
static int referral_get(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	if (store_begin_read(req->db))
		return http_store_failed(req, resp);
	int rc = referral_get_in(req, resp, id);
	store_end_read(req->db);
	return rc;
}

static int referral_get_in(struct http_req *req, struct http_resp *resp, int64_t id)
{
	/* The hub sees every referral in full: no access query, and one that
	 * does not exist is the 404 below. */
	struct ops_ctx c = http_ops_ctx(req);
	int access = ops_is_hub(&c) ? OPS_REFERRAL_FULL : ops_referral_access(&c, id);
	if (access < 0)
		return http_store_failed(req, resp);
	if (access == OPS_REFERRAL_NONE)
		return http_problem(resp, 404, "Not found", "There is no referral with that id.");
	if (access == OPS_REFERRAL_STATUS) {
		struct referral_status s;
		if (referral_store_status(req->db, id, &s) != 1)
			return http_store_failed(req, resp);
		json_t *doc = status_json(&s);
		json_t *events = json_array();
		if (referral_store_events(req->db, id, event_status_json, events) < 0) {
			json_decref(events);
			json_decref(doc);
			return http_store_failed(req, resp);
		}
		json_object_set_new(doc, "events", events);
		return http_reply_json(resp, 200, doc);
	}
	/* The referral, person, reasons and triage in one statement, then the
	 * events, written straight into the answer as they are read (a hot
	 * path: no jansson value per member). */
	struct read_bufs {
		struct referral_view v;
		struct triage_view tv;
		struct jsonw w;
	} *b = malloc(sizeof *b);
	if (!b)
		return -1;
	int n = referral_store_read(req->db, id, req->now, &b->v, &b->tv);
	if (n != 1) {
		free(b);
		return n == 0 ? http_problem(resp, 404, "Not found", "There is no referral with that id.")
			      : http_store_failed(req, resp);
	}
	struct jsonw *w = &b->w;
	http_reply_stream_begin(resp, w);
	put_view(w, &b->v);
	jsonw_open(w, "events", '[');
	int64_t person = b->v.person_id;
	int failed = referral_store_events(req->db, id, event_json, w) < 0;
	jsonw_close(w);
	failed = failed || triage_referral_json(req, &b->tv, w) < 0;
	if (failed) {
		free(b);
		return http_store_failed(req, resp);
	}
	/* The read is audited by the group commit writer; the answer leaves
	 * only once its event is on disk. */
	int rc = http_audit_deferred(req, AUDIT_REFERRAL_READ, "referral", id, person, "") ? -1
											  : http_reply_stream_end(resp, 200, w);
	free(b);
	return rc;
}

struct list_ctx {
	json_t *items;
	int64_t last_id;
	int n;
	struct idlist people;
};

static void list_item(void *ctx, const struct referral_summary *s)
{
	struct list_ctx *c = ctx;
	json_t *o = json_pack("{s:I,s:s,s:s,s:o,s:o,s:o}", "id", (json_int_t)s->id, "reference", s->reference, "status",
			      s->status, "received_at", iso(s->received_at), "sla_due_at", iso(s->sla_due_at),
			      "updated_at", iso(s->updated_at));
	if (s->has_person) {
		idlist_add(&c->people, s->person_id);
		json_object_set_new(o, "source", json_string(s->source));
		json_object_set_new(o, "urgency", json_string(s->urgency));
		json_object_set_new(o, "channel", json_string(s->channel));
		json_object_set_new(o, "person",
				    json_pack("{s:I,s:s,s:s,s:o,s:s,s:o}", "id", (json_int_t)s->person_id, "given_name",
					      s->given_name, "family_name", s->family_name, "date_of_birth",
					      day(s->date_of_birth), "postcode", s->postcode, "area",
					      s->area[0] ? json_string(s->area) : json_null()));
		json_object_set_new(o, "possible_duplicate_of", s->duplicate_of ? json_integer(s->duplicate_of) : json_null());
	}
	json_array_append_new(c->items, o);
	c->last_id = s->id;
	c->n++;
}

/* ?sort of the referral list: newest first (the default) or oldest first. */
static const char *const referral_list_sorts[] = { "newest", "oldest", NULL };

static int referral_list(struct http_req *req, struct http_resp *resp)
{
	struct field_errors *fe = ops_fielderr_new();
	if (!fe)
		return -1;
	struct referral_list_query q = { INT64_MAX, "", "", PAGE_LIMIT_DEFAULT, 0 };
	const char *status = http_query(req, "status"), *source = http_query(req, "source");
	struct http_list l;
	http_list_api(req, referral_list_sorts, &l, fe);
	/* The cursor is the last id of the previous page (keyset: as fast on
	 * page 1000 as on page 1). */
	q.limit = l.limit;
	q.oldest = l.sort == 1;
	q.search = &l.search;
	if (l.cursor > 0) {
		if (q.oldest)
			q.after_id = l.cursor;
		else
			q.before_id = l.cursor;
	}
	if (status && *status) {
		if (!referral_status_is_known(status))
			fielderr_add(fe, "status", "status must be one of received, triaged, allocated, in_progress, closed, "
				     "rejected, withdrawn");
		q.status = status;
	}
	if (source && *source) {
		const struct referral_refs *refs = referral_refs_app(req->db);
		const struct referral_vocab_entry *e = refs ? referral_refs_vocab(refs, RV_REFERRAL_SOURCES, source) : NULL;
		if (!e)
			fielderr_add(fe, "source", "source must be a referral source code (see /api/v1/vocabularies/referral_sources)");
		q.source = e ? e->code : "";
	}
	if (http_input_checked(resp, fe, "The query has problems"))
		return 0;
	/* The hub lists everything; everyone else lists the referrals they made
	 * (status and dates). Cases held by other staff are listed by triage. */
	if (!http_is_hub(req))
		q.referrer_user_id = req->auth.user_id;
	struct list_ctx c = { json_array(), 0, 0, { 0 } };
	if (referral_store_list(req->db, &q, list_item, &c) < 0) {
		json_decref(c.items);
		idlist_free(&c.people);
		return http_store_failed(req, resp);
	}
	if (http_is_hub(req) && c.n) {
		char detail[64];
		snprintf(detail, sizeof detail, "listed=%d", c.n);
		if (http_audit_people(req, AUDIT_REFERRAL_LIST, "referral", c.people.v, c.people.n, detail)) {
			json_decref(c.items);
			idlist_free(&c.people);
			return http_store_failed(req, resp);
		}
	}
	idlist_free(&c.people);
	char next[24];
	snprintf(next, sizeof next, "%lld", (long long)c.last_id);
	json_t *doc = json_pack("{s:o,s:o}", "items", c.items, "next_cursor",
				c.n == q.limit ? json_string(next) : json_null());
	return http_reply_json(resp, 200, doc);
}

static const char *kind_name(enum referral_kind k)
{
	static const char *const names[] = { "text", "long_text", "nhs_number", "postcode", "phone", "email",
					     "date_of_birth", "date", "date_time", "boolean", "code", "codes",
					     "practice" };
	return names[k];
}

/* The model, for clients: every field with its kind, limits and rules. */
static int referral_fields_get(struct http_req *req, struct http_resp *resp)
{
	(void)req;
	json_t *a = json_array();
	for (int f = 0; f < RF__MAX; f++) {
		const struct referral_field_desc *d = &referral_fields[f];
		json_t *o = json_pack("{s:s,s:s,s:s,s:s}", "path", d->path, "kind", kind_name(d->kind), "label", d->label,
				      "required", d->rule == Q_OPT ? "no" : d->rule == Q_REQ ? "yes" : "must_be_true");
		if (d->max)
			json_object_set_new(o, "max_length", json_integer(d->max));
		if (d->vocab != RV_NONE)
			json_object_set_new(o, "vocabulary", json_string(referral_vocab_name[d->vocab]));
		if (d->hint)
			json_object_set_new(o, "hint", json_string(d->hint));
		json_t *ch = json_array();
		static const struct {
			unsigned bit;
			const char *name;
		} chans[] = { { CH_FORM, "form" }, { CH_SELF, "self" }, { CH_API, "api" }, { CH_CSV, "import" } };
		for (size_t i = 0; i < sizeof chans / sizeof chans[0]; i++)
			if (d->channels & chans[i].bit)
				json_array_append_new(ch, json_string(chans[i].name));
		json_object_set_new(o, "channels", ch);
		json_array_append_new(a, o);
	}
	return http_reply_json(resp, 200, json_pack("{s:o}", "fields", a));
}

static int vocabulary_get(struct http_req *req, struct http_resp *resp)
{
	const char *name = http_param(req, 0);
	int v = 0;
	while (v < RV__MAX && (!name || strcmp(referral_vocab_name[v], name) != 0))
		v++;
	if (v == RV__MAX)
		return http_problem(resp, 404, "Not found", "There is no vocabulary with that name.");
	const struct referral_refs *refs = referral_refs_app(req->db);
	if (!refs)
		return http_store_failed(req, resp);
	json_t *a = json_array();
	const struct referral_vocab_list *l = &refs->vocab[v];
	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(a, json_pack("{s:s,s:s}", "code", l->e[i].code, "label", l->e[i].label));
	return http_reply_json(resp, 200, json_pack("{s:s,s:o}", "name", referral_vocab_name[v], "codes", a));
}

const struct route api_referrals_routes[] = {
	{ "POST", "/api/v1/referrals", referral_create, PERM_REFERRAL_CREATE,
	  "Make a referral (JSON, fields in /api/v1/referral-fields) -> 201 {id, reference, status, received_at, sla_due_at}" },
	{ "GET", "/api/v1/referrals", referral_list, PERM_REFERRAL_READ,
	  "Referrals, newest first (?q name, NHS number or reference; sort newest|oldest; limit, cursor, status, source): the hub sees all, others their own (status only)", NULL, "status source " HTTP_LIST_API_QUERY },
	{ "GET", "/api/v1/referrals/{id}", referral_get, PERM_REFERRAL_READ,
	  "One referral: in full for the hub and the case holder, status and dates for its referrer", "referral" },
	{ "POST", "/api/v1/referrals/{id}/apply-contact", referral_apply_contact, PERM_PERSON_UPDATE,
	  "Apply the referral's submitted contact details to the person (hub or case holder; kept as history)", "referral" },
	{ "GET", "/api/v1/referral-fields", referral_fields_get, PERM_PUBLIC,
	  "The fields of a referral: paths, kinds, limits, vocabularies, which are required" },
	{ "GET", "/api/v1/vocabularies/{name}", vocabulary_get, PERM_PUBLIC,
	  "The codes of a referral vocabulary (genders, ethnic_categories, referral_reasons, ...)" },
	{ 0 },
};
