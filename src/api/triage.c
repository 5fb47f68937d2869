/* Triage JSON API: triage a referral, record contacts, reallocate, the queue and breach watch, the rules, workers
 * and their absences, and the follow-up KPI. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/api.h"
#include "api/post.h"
#include "api/triage.h"
#include "core/datetime.h"
#include "http/audit_req.h"
#include "jobs/jobs.h"
#include "store/calendar.h"
#include "store/worker.h"
#include "http/ops_reply.h"
#include "util/idlist.h"
#include "util/jsonw.h"
#include "http/list_query.h"
#include "ops/access.h"
#include "ops/triage.h"

/* Answers an operation that did not succeed; a conflict's detail says why. */
static int triage_failed(struct http_req *req, struct http_resp *resp, enum ops_result r, const char *title,
			 const struct field_errors *fe)
{
	if (r == OPS_CONFLICT && fe->n)
		return http_problem(resp, 409, "Conflict", fe->e[0].message);
	return http_ops_reply(req, resp, r, title, fe);
}

/* A time, or null when there is none. */
static void put_time_or_null(struct jsonw *w, const char *key, int64_t t)
{
	if (t == KPI_NONE || t <= 0) {
		jsonw_null(w, key);
		return;
	}
	char s[DT_UTC_LEN];
	dt_format_utc(t, s);
	jsonw_str(w, key, s);
}

static void put_id_name(struct jsonw *w, const char *key, int64_t id, const char *name)
{
	if (id <= 0) {
		jsonw_null(w, key);
		return;
	}
	jsonw_open(w, key, '{');
	jsonw_int(w, "id", id);
	jsonw_str(w, "name", name);
	jsonw_close(w);
}

int triage_referral_json(struct http_req *req, const struct triage_view *v, struct jsonw *w)
{
	struct triage_rules *rules = NULL;
	int rc = -1;
	const struct triage_subject *s = &v->s;
	const struct triage_decision_view *d = &v->d;
	const struct triage_case *c = &v->c;
	if (v->has_decision) {
		jsonw_str(w, "suggested_tier", d->suggested_tier);
		jsonw_str(w, "suggestion_reason", d->suggestion_reason);
		jsonw_str(w, "suggestion_rule", d->rule_name);
		jsonw_int(w, "rules_version", d->rule_version);
		jsonw_str(w, "tier", d->tier);
		jsonw_open(w, "triage", '{');
		jsonw_int(w, "id", d->id);
		jsonw_str(w, "outcome", d->outcome);
		jsonw_str(w, "tier", d->tier);
		put_time_or_null(w, "decided_at", d->decided_at);
		jsonw_bool(w, "home_check", d->home_check);
		if (d->override_reason[0])
			jsonw_str(w, "override_reason", d->override_reason);
		if (d->rejection_reason[0])
			jsonw_str(w, "rejection_reason", d->rejection_reason);
		if (d->note[0])
			jsonw_str(w, "note", d->note);
		put_id_name(w, "decided_by", d->decided_by, d->decided_by_name);
		jsonw_close(w);
	} else {
		struct triage_suggestion sug;
		if (!(rules = malloc(sizeof *rules)) || triage_rules_load(req->db, rules, NULL) < 0)
			goto done;
		if (triage_suggest_for(rules, s, &sug) == 0) {
			jsonw_str(w, "suggested_tier", triage_tier_code(sug.tier));
			jsonw_str(w, "suggestion_reason", sug.reason);
			jsonw_str(w, "suggestion_rule", sug.rule_name);
			jsonw_int(w, "rules_version", sug.rules_version);
		} else {
			jsonw_null(w, "suggested_tier");
			jsonw_null(w, "suggestion_reason");
		}
		jsonw_null(w, "tier");
		jsonw_null(w, "triage");
	}
	if (v->has_case) {
		jsonw_int(w, "case_id", c->id);
		jsonw_str(w, "case_status", c->status);
		put_id_name(w, "allocated_organisation", c->org_id, c->org_name);
		put_id_name(w, "allocated_worker", c->worker_id, c->worker_name);
		jsonw_str(w, "allocation_reason", c->reason);
	} else {
		jsonw_null(w, "case_id");
		jsonw_null(w, "allocated_organisation");
		jsonw_null(w, "allocated_worker");
	}
	put_time_or_null(w, "first_contact_at", s->first_contact_at);
	jsonw_int(w, "contact_attempts", s->attempts);
	struct kpi_referral k = { s->received_at, s->sla_due_at, s->first_contact_at };
	const struct workclock *wc = &calendar_app()->wc;
	jsonw_str(w, "follow_up", kpi_state_code(kpi_state_of(wc, &k, req->now)));
	if (s->first_contact_at == KPI_NONE)
		jsonw_int(w, "time_left_seconds", workclock_remaining(wc, req->now, s->sla_due_at));
	else
		jsonw_null(w, "time_left_seconds");
	rc = 0;
done:
	free(rules);
	return rc;
}

static json_t *outcome_json(int64_t referral_id, const struct triage_outcome *o)
{
	json_t *doc = json_pack("{s:I,s:s,s:s,s:s}", "referral_id", (json_int_t)referral_id, "status", o->status,
				"tier", o->tier, "outcome", o->outcome);
	if (o->decision_id) {
		json_object_set_new(doc, "decision_id", json_integer(o->decision_id));
		json_object_set_new(doc, "suggested_tier", json_string(triage_tier_code(o->sug.tier)));
		json_object_set_new(doc, "suggestion_reason", json_string(o->sug.reason));
		json_object_set_new(doc, "suggestion_rule", json_string(o->sug.rule_name));
		json_object_set_new(doc, "rules_version", json_integer(o->sug.rules_version));
	}
	json_object_set_new(doc, "allocation",
			    json_pack("{s:s,s:s,s:b}", "status", ops_triage_alloc_code(o->alloc.status), "reason", o->alloc.reason,
				      "overflowed", o->alloc.overflowed));
	json_object_set_new(doc, "case_id", o->case_id ? json_integer(o->case_id) : json_null());
	json_object_set_new(doc, "allocated_organisation", api_id_name(o->org_id, o->org_name));
	json_object_set_new(doc, "allocated_worker", api_id_name(o->worker_id, o->worker_name));
	json_object_set_new(doc, "tasks", json_integer(o->tasks));
	if (o->signpost_id)
		json_object_set_new(doc, "signpost_id", json_integer(o->signpost_id));
	return doc;
}

/* 404 unless the user has a staff relationship with the referral; returns 1 to go on. */
static int visible_or_respond(struct http_req *req, struct http_resp *resp, int64_t id)
{
	struct ops_ctx c = http_ops_ctx(req);
	int see = ops_referral_staff_may_see(&c, id);
	if (see < 0)
		http_store_failed(req, resp);
	else if (!see)
		http_problem(resp, 404, "Not found", "There is no referral with that id.");
	return see > 0;
}

/* Answers a referral's write: reply (a new reference, or NULL when r is not
 * OPS_OK) with status, or why not under title. Ends w. */
static int write_end(struct http_req *req, struct http_resp *resp, struct api_post *w, enum ops_result r,
		     const char *title, unsigned status, json_t *reply)
{
	if (r == OPS_OK)
		jobs_wake();
	return api_post_end(w, r == OPS_OK ? http_reply_json(resp, status, reply) : triage_failed(req, resp, r, title, w->fe));
}

static int referral_triage(struct http_req *req, struct http_resp *resp)
{
	struct api_post w;
	int go = api_post_begin(&w, req, resp, 1, NULL, NULL);
	if (go <= 0)
		return go;
	struct ops_triage_decision in = { w.id, api_post_text(&w, "tier", 1), api_post_text(&w, "reason", 1),
					  api_post_text(&w, "information", 1) };
	struct triage_outcome out;
	enum ops_result r = ops_triage_decide(&w.c, &in, &out, w.fe);
	return write_end(req, resp, &w, r, "The triage cannot be recorded", 200, r ? NULL : outcome_json(w.id, &out));
}

static int referral_allocation(struct http_req *req, struct http_resp *resp)
{
	struct api_post w;
	int go = api_post_begin(&w, req, resp, 1, NULL, NULL);
	if (go <= 0)
		return go;
	json_t *worker = json_object_get(w.body, "worker_id");
	if (!json_is_integer(worker) || json_integer_value(worker) <= 0)
		fielderr_add(w.fe, "worker_id", "Give worker_id, the id of the worker to take the case (a whole number)");
	struct ops_triage_reallocation in = { w.id, json_is_integer(worker) ? json_integer_value(worker) : 0,
					      api_post_text(&w, "reason", 1) };
	struct triage_outcome out;
	enum ops_result r = ops_triage_reallocate(&w.c, &in, &out, w.fe);
	return write_end(req, resp, &w, r, "The case cannot be reallocated", 200, r ? NULL : outcome_json(w.id, &out));
}

static int contact_create(struct http_req *req, struct http_resp *resp)
{
	struct api_post w;
	int go = api_post_begin(&w, req, resp, 1, NULL, NULL);
	if (go <= 0)
		return go;
	const char *at_s = api_post_text(&w, "at", 1);
	int64_t at = req->now;
	if (at_s && dt_parse_iso8601(at_s, &at))
		fielderr_add(w.fe, "at", "Give the time of the contact in ISO 8601, like 2026-03-02T10:30:00Z");
	struct ops_triage_contact in = { w.id, at, api_post_text(&w, "mode", 1), api_post_text(&w, "outcome", 1),
					 api_post_text(&w, "note", 1) };
	struct ops_triage_contacted out;
	enum ops_result r = ops_triage_contact(&w.c, &in, &out, w.fe);
	char at_out[DT_UTC_LEN];
	dt_format_utc(at, at_out);
	return write_end(req, resp, &w, r, "The contact cannot be recorded", 201,
			 r ? NULL
			   : json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:o,s:I}", "id", (json_int_t)out.id, "referral_id",
				       (json_int_t)w.id, "at", at_out, "mode", in.mode, "outcome", in.outcome, "status",
				       out.status, "first_contact_at", api_utc_or_null(out.first_contact_at),
				       "contact_attempts", (json_int_t)out.attempts));
}

static void contact_json(void *ctx, const struct triage_contact *c)
{
	json_t *j = json_pack("{s:I,s:o,s:s,s:s,s:s,s:o}", "id", (json_int_t)c->id, "at", api_utc_or_null(c->at), "mode",
			      c->mode, "outcome", c->outcome, "by", c->by, "recorded_at", api_utc_or_null(c->recorded_at));
	if (c->note[0])
		json_object_set_new(j, "note", json_string(c->note));
	json_array_append_new(ctx, j);
}

static int contact_list(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0 || !visible_or_respond(req, resp, id))
		return 0;
	struct triage_subject *s = malloc(sizeof *s);
	if (!s)
		return -1;
	int n = triage_subject_get(req->db, id, req->now, s);
	if (n <= 0) {
		free(s);
		return n < 0 ? http_store_failed(req, resp) : http_problem(resp, 404, "Not found", "There is no referral with that id.");
	}
	json_t *list = json_array();
	if (triage_contacts(req->db, id, contact_json, list) < 0) {
		json_decref(list);
		free(s);
		return http_store_failed(req, resp);
	}
	http_audit(req, AUDIT_REFERRAL_CONTACTS_READ, "referral", id, s->person_id, "");
	json_t *doc = json_pack("{s:I,s:o,s:o}", "referral_id", (json_int_t)id, "first_contact_at",
				api_utc_or_null(s->first_contact_at), "contacts", list);
	free(s);
	return http_reply_json(resp, 200, doc);
}

/* ---- Queue and watch ---- */

struct queue_json {
	json_t *list;
	const struct triage_rules *rules;
	const char *tier;   /* filter, "" for any */
	int64_t now;
	int max, n;
	struct idlist people;
	int64_t skip; /* matches to pass over before the page (a tier's page) */
	int more;     /* 1 when a match follows the page */
};

/* ?sort of the queue: due soonest first (the default) or newest received first. */
static const char *const queue_sorts[] = { "due", "newest", NULL };

static void queue_item(void *ctx, const struct triage_subject *s)
{
	struct queue_json *q = ctx;
	struct triage_suggestion sug;
	int ok = triage_suggest_for(q->rules, s, &sug) == 0;
	if (q->tier[0] && (!ok || strcmp(triage_tier_code(sug.tier), q->tier) != 0))
		return;
	if (q->skip > 0) {
		q->skip--;
		return;
	}
	if (q->n >= q->max) {
		q->more = 1;
		return;
	}
	q->n++;
	idlist_add(&q->people, s->person_id);
	const struct workclock *wc = &calendar_app()->wc;
	struct kpi_referral k = { s->received_at, s->sla_due_at, s->first_contact_at };
	char name[820];
	snprintf(name, sizeof name, "%s %s", s->given_name, s->family_name);
	json_t *j = json_pack("{s:I,s:s,s:s,s:s,s:o,s:o,s:I,s:s,s:s,s:s,s:I}", "id", (json_int_t)s->id, "reference",
			      s->reference, "name", name, "source", s->source, "received_at", api_utc_or_null(s->received_at),
			      "sla_due_at", api_utc_or_null(s->sla_due_at), "time_left_seconds",
			      (json_int_t)workclock_remaining(wc, q->now, s->sla_due_at), "follow_up",
			      kpi_state_code(kpi_state_of(wc, &k, q->now)), "area", s->area, "urgency", s->urgency,
			      "contact_attempts", (json_int_t)s->attempts);
	json_object_set_new(j, "suggested_tier", ok ? json_string(triage_tier_code(sug.tier)) : json_null());
	json_object_set_new(j, "suggestion_reason", ok ? json_string(sug.reason) : json_null());
	json_object_set_new(j, "possible_duplicate_of",
			    s->duplicate_of ? json_pack("{s:I,s:s}", "id", (json_int_t)s->duplicate_of, "reference",
							s->duplicate_ref)
					    : json_null());
	json_array_append_new(q->list, j);
}

static int queue_get(struct http_req *req, struct http_resp *resp)
{
	struct field_errors *fe = ops_fielderr_new();
	if (!fe)
		return -1;
	const char *source = http_query(req, "source"), *area = http_query(req, "area"), *tier = http_query(req, "tier");
	source = source ? source : "";
	area = area ? area : "";
	tier = tier ? tier : "";
	struct http_list l;
	http_list_api(req, queue_sorts, &l, fe);
	if (source[0] && triage_source_from_code(source) < 0)
		fielderr_add(fe, "source", "source must be one of the referral source codes");
	if (tier[0] && triage_tier_from_code(tier) < 0)
		fielderr_add(fe, "tier", "tier must be one of the tier codes");
	if (area[0]) {
		int has = triage_area_name(req->db, area, NULL, 0);
		if (has < 0) {
			free(fe);
			return http_store_failed(req, resp);
		}
		if (!has)
			fielderr_add(fe, "area", "area must be one of the area codes, like breckland");
	}
	if (http_input_checked(resp, fe, "The queue filters are not valid"))
		return 0;
	struct triage_rules *rules = malloc(sizeof *rules);
	if (!rules)
		return -1;
	if (triage_rules_load(req->db, rules, NULL) < 0) {
		free(rules);
		return http_store_failed(req, resp);
	}
	/* The cursor is an offset into the queue. With a tier (known only once
	 * the rules have run) the first 1000 are read and the page cut from
	 * the matches; else one more row than the page says whether another
	 * follows. */
	struct queue_json q = { json_array(), rules, tier, req->now, l.limit, 0, { 0 }, tier[0] ? l.cursor : 0, 0 };
	struct triage_queue_query qq = { source, area, tier[0] ? 1000 : l.limit + 1, &l.search, l.sort == 1,
					 tier[0] ? 0 : l.cursor };
	int64_t total = triage_queue_count(req->db, &qq);
	if (total < 0 || triage_queue(req->db, &qq, req->now, queue_item, &q) < 0) {
		free(rules);
		json_decref(q.list);
		idlist_free(&q.people);
		return http_store_failed(req, resp);
	}
	free(rules);
	http_audit_people(req, AUDIT_TRIAGE_QUEUE_READ, "referral", q.people.v, q.people.n, "");
	idlist_free(&q.people);
	json_t *next = json_null();
	if (q.more) {
		char cur[PAGE_CURSOR_LEN];
		page_cursor_format(l.cursor + l.limit, cur);
		next = json_string(cur);
	}
	return http_reply_json(resp, 200, json_pack("{s:I,s:o,s:o}", "received", (json_int_t)total, "referrals", q.list,
						    "next_cursor", next));
}

static json_t *watch_items(const struct triage_watch *w)
{
	json_t *list = json_array();
	for (size_t i = 0; i < w->n; i++) {
		const struct triage_watch_item *it = &w->items[i];
		json_array_append_new(list, json_pack("{s:I,s:s,s:s,s:s,s:o,s:o,s:I,s:s,s:s}", "id", (json_int_t)it->id,
						      "reference", it->reference, "name", it->name, "status", it->status,
						      "received_at", api_utc_or_null(it->received_at), "sla_due_at",
						      api_utc_or_null(it->sla_due_at), "time_left_seconds", (json_int_t)it->remaining,
						      "follow_up", kpi_state_code(it->state), "area", it->area));
	}
	return list;
}

static int watch_get(struct http_req *req, struct http_resp *resp)
{
	struct triage_watch *w = malloc(sizeof *w);
	if (!w)
		return -1;
	/* The jobs thread's latest scan; scanned here only before its first. */
	if (jobs_watch_get(w) && triage_watch_scan(req->db, &calendar_app()->wc, req->now, w)) {
		free(w);
		return http_store_failed(req, resp);
	}
	http_audit(req, AUDIT_TRIAGE_WATCH_READ, "referral", 0, 0, "");
	json_t *doc = json_pack("{s:o,s:I,s:I,s:o}", "scanned_at", api_utc_or_null(w->scanned_at), "at_risk",
				(json_int_t)w->at_risk, "overdue", (json_int_t)w->overdue, "referrals", watch_items(w));
	free(w);
	return http_reply_json(resp, 200, doc);
}

/* ---- Rules ---- */

static void history_item(void *ctx, const struct triage_rules_version *v)
{
	json_array_append_new(ctx, json_pack("{s:I,s:b,s:o,s:s}", "version", (json_int_t)v->version, "active", v->active,
					      "saved_at", api_utc_or_null(v->saved_at), "saved_by", v->saved_by));
}

static int rules_get(struct http_req *req, struct http_resp *resp)
{
	struct triage_rules *rules = malloc(sizeof *rules);
	char *json = NULL;
	if (!rules)
		return -1;
	int stored = triage_rules_load(req->db, rules, &json);
	if (stored < 0) {
		free(rules);
		return http_store_failed(req, resp);
	}
	json_t *doc = json_loads(json, 0, NULL);
	json_t *hist = json_array();
	free(json);
	if (triage_rules_history(req->db, 50, history_item, hist) < 0) {
		json_decref(doc);
		json_decref(hist);
		free(rules);
		return http_store_failed(req, resp);
	}
	json_t *out = json_pack("{s:i,s:b,s:o,s:o}", "version", rules->version, "stored", stored, "rules",
				doc ? doc : json_null(), "history", hist);
	free(rules);
	return http_reply_json(resp, 200, out);
}

static int rules_put(struct http_req *req, struct http_resp *resp)
{
	json_t *body = http_json_body_or_respond(req, resp);
	if (!body)
		return 0;
	char *text = json_dumps(body, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(body);
	struct field_errors *fe = text ? ops_fielderr_new() : NULL;
	int version = 0, rc = -1;
	if (fe) {
		struct ops_ctx c = http_ops_ctx(req);
		enum ops_result r = ops_triage_rules_save(&c, text, &version, fe);
		rc = r != OPS_OK ? http_ops_reply(req, resp, r, "The triage rules are not valid", fe)
				 : http_reply_json(resp, 200, json_pack("{s:i,s:b}", "version", version, "active", 1));
	}
	free(text);
	free(fe);
	return rc;
}

/* ---- Workers ---- */

static int workers_list(struct http_req *req, struct http_resp *resp)
{
	const char *kind = http_query(req, "kind");
	if (kind && *kind && worker_kind_from_code(kind) < 0) {
		struct field_errors *fe = ops_fielderr_one("kind", "kind must be link_worker or support_worker");
		int rc = fe ? http_problem_fields(resp, 422, "The filter is not valid", fe) : -1;
		free(fe);
		return rc;
	}
	struct worker_pool pool;
	struct ops_ctx c = http_ops_ctx(req);
	if (worker_pool_load(req->db, req->now, ops_is_hub(&c) ? 0 : req->auth.org_id, &pool))
		return http_store_failed(req, resp);
	json_t *list = json_array();
	for (size_t i = 0; i < pool.n; i++) {
		const struct allocate_worker *w = &pool.w[i];
		const struct worker_info *in = &pool.info[i];
		if (kind && *kind && worker_kind_from_code(kind) != (int)w->kind)
			continue;
		json_t *cl = json_array(), *ar = json_array();
		for (size_t k = 0; k < w->n_clusters; k++)
			json_array_append_new(cl, json_string(worker_pool_cluster_name(&pool, w->clusters[k])));
		for (size_t k = 0; k < w->n_areas; k++)
			json_array_append_new(ar, json_string(pool.area_codes[w->areas[k] - 1]));
		json_array_append_new(
			list, json_pack("{s:I,s:s,s:s,s:o,s:f,s:o,s:o,s:i,s:i,s:i,s:b,s:b}", "id", (json_int_t)w->id, "name",
					in->name, "kind", worker_kind_code(w->kind), "organisation", api_id_name(in->org_id, in->org_name),
					"fte", w->fte_hundredths / 100.0, "clusters", cl, "areas", ar, "open_cases",
					w->open_caseload, "allocated_12_months", w->allocated_12m, "capacity",
					allocate_capacity(&pool.policy, w), "absent_now",
					allocate_is_absent(w, req->now, 0), "dbs_checked", pool.dbs_checked[i]));
	}
	worker_pool_free(&pool);
	return http_reply_json(resp, 200, json_pack("{s:o}", "workers", list));
}

static int absence_create(struct http_req *req, struct http_resp *resp)
{
	struct api_post w;
	int go = api_post_begin(&w, req, resp, 1, NULL, NULL);
	if (go <= 0)
		return go;
	struct ops_worker_absence in = { w.id, api_post_text(&w, "from", 1), api_post_text(&w, "to", 1),
					 api_post_text(&w, "reason", 1) };
	struct ops_worker_absent out;
	enum ops_result r = ops_worker_absence(&w.c, &in, &out, w.fe);
	char f[DT_DATE_LEN], t[DT_DATE_LEN];
	dt_format_date(out.from_day, f);
	dt_format_date(out.to_day, t);
	int rc = r == OPS_NOT_FOUND ? http_problem(resp, 404, "Not found", "There is no such worker in your organisation.")
		 : r		    ? http_ops_reply(req, resp, r, "The absence cannot be recorded", w.fe)
				    : http_reply_json(resp, 201, json_pack("{s:I,s:I,s:s,s:s}", "id", (json_int_t)out.id,
									   "worker_id", (json_int_t)w.id, "from", f, "to", t));
	json_decref(w.body);
	free(w.fe);
	return rc;
}

/* ---- The follow-up KPI ---- */

static json_t *hundredths(int v)
{
	return v < 0 ? json_null() : json_real(v / 100.0);
}

static int kpi_reply(struct http_req *req, struct http_resp *resp, const struct ops_triage_kpi *o)
{
	const struct triage_kpi *k = &o->k;
	char f[DT_DATE_LEN], t[DT_DATE_LEN], now[DT_UTC_LEN];
	dt_format_date(o->from_day, f);
	dt_format_date(o->to_day, t);
	dt_format_utc(req->now, now);
	json_t *doc = json_pack(
		"{s:s,s:s,s:o,s:s,s:i,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:o,s:o,s:o,s:I,s:I}", "from", f, "to", t, "area",
		o->area ? json_string(o->area) : json_null(), "as_at", now, "allowance_hours", CALENDAR_ALLOWANCE_SECONDS / 3600,
		"received", (json_int_t)k->f.received, "contacted", (json_int_t)k->f.contacted, "contacted_within_allowance",
		(json_int_t)k->f.contacted_within, "contacted_late", (json_int_t)k->f.contacted_late, "overdue",
		(json_int_t)k->f.overdue, "breaches", (json_int_t)k->f.breaches, "at_risk", (json_int_t)k->f.at_risk, "pending",
		(json_int_t)k->f.pending, "percentage", hundredths(k->f.pct_within_x100), "median_counted_hours_to_first_contact",
		hundredths(k->f.median_hours_x100), "median_counted_seconds_to_first_contact",
		k->f.median_seconds < 0 ? json_null() : json_integer(k->f.median_seconds), "attempts", (json_int_t)k->attempts,
		"excluded", (json_int_t)k->excluded);
	/* The headline over the referrals whose 24 counted hours have passed (or were contacted): the not yet due
	 * are counted apart, so they cannot pull the rate down. */
	json_object_set_new(doc, "due", json_integer(k->f.due));
	json_object_set_new(doc, "not_yet_due", json_integer(k->f.pending));
	json_object_set_new(doc, "percentage_of_due", hundredths(k->f.pct_due_x100));
	return http_reply_json(resp, 200, doc);
}

static int kpi_get(struct http_req *req, struct http_resp *resp)
{
	struct field_errors *fe = ops_fielderr_new();
	struct ops_triage_kpi *o = malloc(sizeof *o);
	if (!fe || !o) {
		free(fe);
		free(o);
		return -1;
	}
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r = ops_triage_kpi(&c, http_query(req, "from"), http_query(req, "to"), http_query(req, "area"), o, fe);
	int rc = r != OPS_OK ? http_ops_reply(req, resp, r, "The period or area is not valid", fe) : kpi_reply(req, resp, o);
	free(fe);
	free(o);
	return rc;
}

const struct route api_triage_routes[] = {
	{ "POST", "/api/v1/referrals/{id}/triage", referral_triage, PERM_TRIAGE,
	  "Triage a received referral: {tier, reason, information} confirms, overrides (reason) or declines (reason code); allocates", "referral" },
	{ "POST", "/api/v1/referrals/{id}/contacts", contact_create, PERM_CONTACT_RECORD,
	  "Record a contact attempt: {at, mode, outcome, note}", "referral" },
	{ "GET", "/api/v1/referrals/{id}/contacts", contact_list, PERM_CASE_READ, "Contact attempts of a referral", "referral" },
	{ "POST", "/api/v1/referrals/{id}/allocation", referral_allocation, PERM_ALLOCATE,
	  "Give a referral's case to a worker: {worker_id, reason}", "referral" },
	{ "GET", "/api/v1/triage/queue", queue_get, PERM_TRIAGE, "Received referrals due soonest first, with suggestions (?q name, NHS number or reference; sort due|newest; source, area, tier, limit, cursor)", NULL, "source area tier " HTTP_LIST_API_QUERY },
	{ "GET", "/api/v1/triage/watch", watch_get, PERM_TRIAGE, "Referrals at risk of missing the 24-hour follow-up or past it" },
	{ "GET", "/api/v1/triage/rules", rules_get, PERM_TRIAGE_RULES_EDIT, "The triage rules in force, and earlier versions" },
	{ "PUT", "/api/v1/triage/rules", rules_put, PERM_TRIAGE_RULES_EDIT, "Save a new version of the triage rules" },
	{ "GET", "/api/v1/workers", workers_list, PERM_WORKER_MANAGE, "Workers with their clusters, areas, load and capacity (?kind)", NULL, "kind" },
	{ "POST", "/api/v1/workers/{id}/absences", absence_create, PERM_WORKER_MANAGE,
	  "Record a worker's absence: {from, to, reason} (days, inclusive)", "worker" },
	{ "GET", "/api/v1/kpi/follow-up", kpi_get, PERM_KPI_READ,
	  "Follow-up KPI for referrals received from..to (?from, to as YYYY-MM-DD, area)", NULL, "from to area" },
	{ 0 },
};
