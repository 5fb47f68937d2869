/* Triage JSON API: triage a referral, record contacts, reallocate, the queue and breach watch, the rules, workers
 * and their absences, and the follow-up KPI. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/api.h"
#include "api/triage.h"
#include "core/datetime.h"
#include "core/londontime.h"
#include "http/audit_req.h"
#include "jobs/jobs.h"
#include "store/kpisum.h"
#include "store/calendar.h"
#include "store/worker.h"
#include "http/ops_reply.h"

#define KPI_MAX_DAYS 3660 /* the longest period the KPI is figured over */

static int is_hub(const struct http_req *req)
{
	return req->auth.role == ROLE_HUB_COORDINATOR || req->auth.role == ROLE_PROGRAMME_LEAD;
}

int triage_staff_may_see(struct http_req *req, int64_t referral_id)
{
	if (is_hub(req)) {
		/* The hub sees every referral, but one that does not exist is 404
		 * before any body is looked at. */
		int64_t found = 0;
		return store_get_int(req->db, STMT_REFERRAL_STATUS_GET, &found, "i", referral_id);
	}
	switch (req->auth.role) {
	case ROLE_LINK_WORKER:
	case ROLE_SUPPORT_WORKER:
	case ROLE_VOLUNTEER_COORDINATOR:
	case ROLE_PROVIDER_MANAGER:
		return triage_case_held_by(req->db, referral_id, req->auth.org_id);
	default:
		return 0;
	}
}

static json_t *iso_or_null(int64_t t)
{
	if (t == KPI_NONE || t <= 0)
		return json_null();
	char s[DT_UTC_LEN];
	dt_format_utc(t, s);
	return json_string(s);
}

static json_t *id_name(int64_t id, const char *name)
{
	return id > 0 ? json_pack("{s:I,s:s}", "id", (json_int_t)id, "name", name) : json_null();
}

static const char *alloc_code(enum allocate_status s)
{
	switch (s) {
	case ALLOCATE_OK:
		return "allocated";
	case ALLOCATE_NOT_NEEDED:
		return "not_needed";
	case ALLOCATE_NO_CLUSTER:
		return "no_cluster";
	case ALLOCATE_NO_AREA:
		return "no_area";
	case ALLOCATE_NO_WORKER:
		return "no_worker";
	default:
		return "error";
	}
}

int triage_referral_json(struct http_req *req, int64_t referral_id, const char *const *reasons, size_t nreasons,
			 json_t *doc)
{
	struct triage_view *v = malloc(sizeof *v);
	struct triage_rules *rules = NULL;
	int rc = -1;
	if (!v)
		goto done;
	int n = triage_view_get(req->db, referral_id, req->now, reasons, nreasons, v);
	if (n <= 0) {
		rc = n;
		goto done;
	}
	const struct triage_subject *s = &v->s;
	const struct triage_decision_view *d = &v->d;
	const struct triage_case *c = &v->c;
	if (v->has_decision) {
		json_object_set_new(doc, "suggested_tier", json_string(d->suggested_tier));
		json_object_set_new(doc, "suggestion_reason", json_string(d->suggestion_reason));
		json_object_set_new(doc, "suggestion_rule", json_string(d->rule_name));
		json_object_set_new(doc, "rules_version", json_integer(d->rule_version));
		json_object_set_new(doc, "tier", json_string(d->tier));
		json_t *t = json_pack("{s:I,s:s,s:s,s:o,s:b}", "id", (json_int_t)d->id, "outcome", d->outcome, "tier", d->tier,
				      "decided_at", iso_or_null(d->decided_at), "home_check", d->home_check);
		if (d->override_reason[0])
			json_object_set_new(t, "override_reason", json_string(d->override_reason));
		if (d->rejection_reason[0])
			json_object_set_new(t, "rejection_reason", json_string(d->rejection_reason));
		if (d->note[0])
			json_object_set_new(t, "note", json_string(d->note));
		json_object_set_new(t, "decided_by", id_name(d->decided_by, d->decided_by_name));
		json_object_set_new(doc, "triage", t);
	} else {
		struct triage_suggestion sug;
		if (!(rules = malloc(sizeof *rules)) || triage_rules_load(req->db, rules, NULL) < 0)
			goto done;
		if (triage_suggest_for(rules, s, &sug) == 0) {
			json_object_set_new(doc, "suggested_tier", json_string(triage_tier_code(sug.tier)));
			json_object_set_new(doc, "suggestion_reason", json_string(sug.reason));
			json_object_set_new(doc, "suggestion_rule", json_string(sug.rule_name));
			json_object_set_new(doc, "rules_version", json_integer(sug.rules_version));
		} else {
			json_object_set_new(doc, "suggested_tier", json_null());
			json_object_set_new(doc, "suggestion_reason", json_null());
		}
		json_object_set_new(doc, "tier", json_null());
		json_object_set_new(doc, "triage", json_null());
	}
	if (v->has_case) {
		json_object_set_new(doc, "case_id", json_integer(c->id));
		json_object_set_new(doc, "case_status", json_string(c->status));
		json_object_set_new(doc, "allocated_organisation", id_name(c->org_id, c->org_name));
		json_object_set_new(doc, "allocated_worker", id_name(c->worker_id, c->worker_name));
		json_object_set_new(doc, "allocation_reason", json_string(c->reason));
	} else {
		json_object_set_new(doc, "case_id", json_null());
		json_object_set_new(doc, "allocated_organisation", json_null());
		json_object_set_new(doc, "allocated_worker", json_null());
	}
	json_object_set_new(doc, "first_contact_at", iso_or_null(s->first_contact_at));
	json_object_set_new(doc, "contact_attempts", json_integer(s->attempts));
	struct kpi_referral k = { s->received_at, s->sla_due_at, s->first_contact_at };
	const struct workclock *wc = &calendar_app()->wc;
	json_object_set_new(doc, "follow_up", json_string(kpi_state_code(kpi_state_of(wc, &k, req->now))));
	json_object_set_new(doc, "time_left_seconds",
			    s->first_contact_at == KPI_NONE ? json_integer(workclock_remaining(wc, req->now, s->sla_due_at))
							    : json_null());
	rc = 0;
done:
	free(v);
	free(rules);
	return rc;
}

/* Reads a member that must be a string or absent/null; anything else is a field error. */
static const char *str_member(json_t *body, const char *key, struct field_errors *fe)
{
	json_t *v = json_object_get(body, key);
	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		fielderr_add(fe, key, "%s must be text (a JSON string)", key);
		return NULL;
	}
	return json_string_value(v);
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
			    json_pack("{s:s,s:s,s:b}", "status", alloc_code(o->alloc.status), "reason", o->alloc.reason,
				      "overflowed", o->alloc.overflowed));
	json_object_set_new(doc, "case_id", o->case_id ? json_integer(o->case_id) : json_null());
	json_object_set_new(doc, "allocated_organisation", id_name(o->org_id, o->org_name));
	json_object_set_new(doc, "allocated_worker", id_name(o->worker_id, o->worker_name));
	json_object_set_new(doc, "tasks", json_integer(o->tasks));
	if (o->signpost_id)
		json_object_set_new(doc, "signpost_id", json_integer(o->signpost_id));
	return doc;
}

/* 404 unless the user has a staff relationship with the referral; returns 1 to go on. */
static int visible_or_respond(struct http_req *req, struct http_resp *resp, int64_t id)
{
	int see = triage_staff_may_see(req, id);
	if (see < 0) {
		http_store_failed(req, resp);
		return 0;
	}
	if (!see) {
		http_problem(resp, 404, "Not found", "There is no referral with that id.");
		return 0;
	}
	return 1;
}

static int conflict(struct http_resp *resp, const char *what, const char *status)
{
	char detail[200];
	snprintf(detail, sizeof detail, "%s (the referral's status is %s).", what, status[0] ? status : "unknown");
	return http_problem(resp, 409, "Conflict", detail);
}

/* Answers a triage or reallocation that did not succeed (rolling back the
 * transaction when one is open): 422 with the field errors, 404, 409 with
 * the referral's status, or 503 for the store's error. */
static int failure_or_respond(struct http_req *req, struct http_resp *resp, enum triage_result r,
			      const struct field_errors *fe, const char *invalid_title, const char *conflict_what,
			      const char *status)
{
	if (r == TRIAGE_ERROR)
		return http_store_failed(req, resp);
	store_rollback(req->db);
	if (r == TRIAGE_INVALID)
		return http_problem_fields(resp, 422, invalid_title, fe);
	if (r == TRIAGE_NOT_FOUND)
		return http_problem(resp, 404, "Not found", "There is no referral with that id.");
	return conflict(resp, conflict_what, status);
}

static int referral_triage(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0 || !visible_or_respond(req, resp, id))
		return 0;
	json_t *body = http_json_body_or_respond(req, resp);
	if (!body)
		return 0;
	struct field_errors fe;
	fielderr_init(&fe);
	struct triage_request rq = {
		.referral_id = id,
		.tier = str_member(body, "tier", &fe),
		.reason = str_member(body, "reason", &fe),
		.information = str_member(body, "information", &fe),
		.user_id = req->auth.user_id,
		.org_id = req->auth.org_id,
		.now = req->now,
	};
	struct triage_outcome out;
	enum triage_result r = TRIAGE_INVALID;
	if (!fe.n) {
		if (store_begin(req->db)) {
			json_decref(body);
			return http_store_failed(req, resp);
		}
		r = triage_apply(req->db, &rq, &out, &fe);
	}
	json_decref(body);
	if (r != TRIAGE_OK)
		return failure_or_respond(req, resp, r, &fe, "The triage cannot be recorded",
					  "Only a received referral can be triaged", out.status);
	char detail[128];
	snprintf(detail, sizeof detail, "%s %s; %s", out.outcome, out.tier, alloc_code(out.alloc.status));
	if (http_audit(req, AUDIT_REFERRAL_TRIAGE, "referral", id, out.person_id, detail) || store_commit(req->db))
		return http_store_failed(req, resp);
	jobs_wake();
	return http_reply_json(resp, 200, outcome_json(id, &out));
}

static int referral_allocation(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0 || !visible_or_respond(req, resp, id))
		return 0;
	json_t *body = http_json_body_or_respond(req, resp);
	if (!body)
		return 0;
	struct field_errors fe;
	fielderr_init(&fe);
	json_t *w = json_object_get(body, "worker_id");
	int64_t worker = 0;
	if (!json_is_integer(w) || json_integer_value(w) <= 0)
		fielderr_add(&fe, "worker_id", "Give worker_id, the id of the worker to take the case (a whole number)");
	else
		worker = json_integer_value(w);
	struct triage_reassign rq = {
		.referral_id = id,
		.worker_id = worker,
		.reason = str_member(body, "reason", &fe),
		.user_id = req->auth.user_id,
		.org_id = req->auth.org_id,
		.own_org_only = !is_hub(req),
		.now = req->now,
	};
	if (!fe.n && !rq.reason)
		fielderr_add(&fe, "reason", "Give the reason for the reallocation");
	struct triage_outcome out;
	enum triage_result r = TRIAGE_INVALID;
	if (!fe.n) {
		if (store_begin(req->db)) {
			json_decref(body);
			return http_store_failed(req, resp);
		}
		r = triage_reassign(req->db, &rq, &out, &fe);
	}
	json_decref(body);
	if (r != TRIAGE_OK)
		return failure_or_respond(req, resp, r, &fe, "The case cannot be reallocated",
					  "Only an open social prescribing or complex support referral can be given to a worker",
					  out.status);
	char detail[64];
	snprintf(detail, sizeof detail, "worker %lld", (long long)out.worker_id);
	if (http_audit(req, AUDIT_REFERRAL_ALLOCATE, "referral", id, out.person_id, detail) || store_commit(req->db))
		return http_store_failed(req, resp);
	jobs_wake();
	return http_reply_json(resp, 200, outcome_json(id, &out));
}

/* The strings in rq borrow from body, which the caller frees afterwards. */
static int contact_create_body(struct http_req *req, struct http_resp *resp, int64_t id, json_t *body)
{
	struct field_errors fe;
	fielderr_init(&fe);
	const char *at_s = str_member(body, "at", &fe);
	int64_t at = req->now;
	if (at_s && dt_parse_iso8601(at_s, &at))
		fielderr_add(&fe, "at", "Give the time of the contact in ISO 8601, like 2026-03-02T10:30:00Z");
	struct triage_contact_request rq = {
		.referral_id = id,
		.at = at,
		.mode = str_member(body, "mode", &fe),
		.outcome = str_member(body, "outcome", &fe),
		.note = str_member(body, "note", &fe),
		.user_id = req->auth.user_id,
		.org_id = req->auth.org_id,
		.now = req->now,
	};
	int64_t cid = 0;
	char status[24] = "";
	enum triage_result r = TRIAGE_INVALID;
	if (store_begin(req->db))
		return http_store_failed(req, resp);
	/* Field problems from parsing and from the store come back together. */
	struct field_errors fe2;
	fielderr_init(&fe2);
	r = triage_contact_add(req->db, &rq, &cid, status, &fe2);
	if (r == TRIAGE_OK && fe.n)
		r = TRIAGE_INVALID;
	for (size_t i = 0; r == TRIAGE_INVALID && i < fe2.n; i++)
		if (!fielderr_for(&fe, fe2.e[i].field))
			fielderr_add(&fe, fe2.e[i].field, "%s", fe2.e[i].message);
	switch (r) {
	case TRIAGE_OK:
		break;
	case TRIAGE_INVALID:
		store_rollback(req->db);
		return http_problem_fields(resp, 422, "The contact cannot be recorded", &fe);
	case TRIAGE_NOT_FOUND:
		store_rollback(req->db);
		return http_problem(resp, 404, "Not found", "There is no referral with that id.");
	case TRIAGE_CONFLICT:
		store_rollback(req->db);
		return conflict(resp, "The contact cannot be recorded", status);
	case TRIAGE_ERROR:
		return http_store_failed(req, resp);
	}
	struct triage_subject *s = malloc(sizeof *s);
	if (!s || triage_subject_get(req->db, id, req->now, s) != 1) {
		free(s);
		return http_store_failed(req, resp);
	}
	char detail[64];
	snprintf(detail, sizeof detail, "%s by %s", rq.outcome, rq.mode);
	if (http_audit(req, AUDIT_REFERRAL_CONTACT, "referral", id, s->person_id, detail) || store_commit(req->db)) {
		free(s);
		return http_store_failed(req, resp);
	}
	jobs_wake();
	char at_out[DT_UTC_LEN];
	dt_format_utc(at, at_out);
	json_t *doc = json_pack("{s:I,s:I,s:s,s:s,s:s,s:s,s:o,s:I}", "id", (json_int_t)cid, "referral_id", (json_int_t)id,
				"at", at_out, "mode", rq.mode, "outcome", rq.outcome, "status", status,
				"first_contact_at", iso_or_null(s->first_contact_at), "contact_attempts",
				(json_int_t)s->attempts);
	free(s);
	return http_reply_json(resp, 201, doc);
}

static int contact_create(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0 || !visible_or_respond(req, resp, id))
		return 0;
	json_t *body = http_json_body_or_respond(req, resp);
	if (!body)
		return 0;
	int rc = contact_create_body(req, resp, id, body);
	json_decref(body);
	return rc;
}

static void contact_json(void *ctx, const struct triage_contact *c)
{
	json_t *j = json_pack("{s:I,s:o,s:s,s:s,s:s,s:o}", "id", (json_int_t)c->id, "at", iso_or_null(c->at), "mode",
			      c->mode, "outcome", c->outcome, "by", c->by, "recorded_at", iso_or_null(c->recorded_at));
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
				iso_or_null(s->first_contact_at), "contacts", list);
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
};

static void queue_item(void *ctx, const struct triage_subject *s)
{
	struct queue_json *q = ctx;
	struct triage_suggestion sug;
	int ok = triage_suggest_for(q->rules, s, &sug) == 0;
	if (q->tier[0] && (!ok || strcmp(triage_tier_code(sug.tier), q->tier) != 0))
		return;
	if (q->n >= q->max)
		return;
	q->n++;
	const struct workclock *wc = &calendar_app()->wc;
	struct kpi_referral k = { s->received_at, s->sla_due_at, s->first_contact_at };
	char name[820];
	snprintf(name, sizeof name, "%s %s", s->given_name, s->family_name);
	json_t *j = json_pack("{s:I,s:s,s:s,s:s,s:o,s:o,s:I,s:s,s:s,s:s,s:I}", "id", (json_int_t)s->id, "reference",
			      s->reference, "name", name, "source", s->source, "received_at", iso_or_null(s->received_at),
			      "sla_due_at", iso_or_null(s->sla_due_at), "time_left_seconds",
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
	struct field_errors fe;
	fielderr_init(&fe);
	const char *source = http_query(req, "source"), *area = http_query(req, "area"), *tier = http_query(req, "tier");
	const char *limit_s = http_query(req, "limit");
	source = source ? source : "";
	area = area ? area : "";
	tier = tier ? tier : "";
	int limit = 100;
	if (limit_s) {
		char *end;
		long v = strtol(limit_s, &end, 10);
		if (*end || v < 1 || v > 500)
			fielderr_add(&fe, "limit", "limit must be a whole number from 1 to 500");
		else
			limit = (int)v;
	}
	if (source[0] && triage_source_from_code(source) < 0)
		fielderr_add(&fe, "source", "source must be one of the referral source codes");
	if (tier[0] && triage_tier_from_code(tier) < 0)
		fielderr_add(&fe, "tier", "tier must be one of the tier codes");
	if (area[0]) {
		int has = triage_area_name(req->db, area, NULL, 0);
		if (has < 0)
			return http_store_failed(req, resp);
		if (!has)
			fielderr_add(&fe, "area", "area must be one of the area codes, like breckland");
	}
	if (fe.n)
		return http_problem_fields(resp, 422, "The queue filters are not valid", &fe);
	struct triage_rules *rules = malloc(sizeof *rules);
	if (!rules)
		return -1;
	if (triage_rules_load(req->db, rules, NULL) < 0) {
		free(rules);
		return http_store_failed(req, resp);
	}
	struct queue_json q = { json_array(), rules, tier, req->now, limit, 0 };
	struct triage_queue_query qq = { source, area, tier[0] ? 1000 : limit };
	int64_t total = triage_queue_count(req->db, &qq);
	if (total < 0 || triage_queue(req->db, &qq, req->now, queue_item, &q) < 0) {
		free(rules);
		json_decref(q.list);
		return http_store_failed(req, resp);
	}
	free(rules);
	http_audit(req, AUDIT_TRIAGE_QUEUE_READ, "referral", 0, 0, "");
	return http_reply_json(resp, 200, json_pack("{s:I,s:o}", "received", (json_int_t)total, "referrals", q.list));
}

static json_t *watch_items(const struct triage_watch *w)
{
	json_t *list = json_array();
	for (size_t i = 0; i < w->n; i++) {
		const struct triage_watch_item *it = &w->items[i];
		json_array_append_new(list, json_pack("{s:I,s:s,s:s,s:s,s:o,s:o,s:I,s:s,s:s}", "id", (json_int_t)it->id,
						      "reference", it->reference, "name", it->name, "status", it->status,
						      "received_at", iso_or_null(it->received_at), "sla_due_at",
						      iso_or_null(it->sla_due_at), "time_left_seconds", (json_int_t)it->remaining,
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
	json_t *doc = json_pack("{s:o,s:I,s:I,s:o}", "scanned_at", iso_or_null(w->scanned_at), "at_risk",
				(json_int_t)w->at_risk, "overdue", (json_int_t)w->overdue, "referrals", watch_items(w));
	free(w);
	return http_reply_json(resp, 200, doc);
}

/* ---- Rules ---- */

struct history_ctx {
	json_t *list;
};

static int history_row(void *ctx, const struct store_row *r)
{
	json_array_append_new(ctx, json_pack("{s:I,s:b,s:o,s:s}", "version", (json_int_t)store_row_int(r, 0), "active",
					      (int)store_row_int(r, 1), "saved_at", iso_or_null(store_row_int(r, 2)),
					      "saved_by", store_row_text(r, 3)));
	return 0;
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
	if (store_exec(req->db, STMT_TRIAGE_RULES_HISTORY, history_row, hist, "d", 50) < 0) {
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

enum triage_result triage_rules_submit(struct http_req *req, const char *json, struct field_errors *fe, int *version)
{
	struct triage_rules *rules = malloc(sizeof *rules);
	if (!rules) {
		store_set_error(req->db, STORE_ERROR, "out of memory");
		return TRIAGE_ERROR;
	}
	enum triage_result res = TRIAGE_INVALID;
	if (strlen(json) > TRIAGE_JSON_MAX) {
		fielderr_add(fe, "json", "The rules document is over %d KiB; keep it shorter", TRIAGE_JSON_MAX / 1024);
		goto done;
	}
	if (triage_rules_parse(json, rules, fe))
		goto done;
	res = TRIAGE_ERROR;
	if (store_begin(req->db))
		goto done;
	int64_t current = triage_rules_current_version(req->db);
	if (current < 0)
		goto fail;
	/* The stored default counts as in use even before anything is stored. */
	if (rules->version <= current) {
		fielderr_add(fe, "version", "version must be greater than %lld, the version in use: make it %lld",
			     (long long)current, (long long)current + 1);
		store_rollback(req->db);
		res = TRIAGE_INVALID;
		goto done;
	}
	char detail[32];
	snprintf(detail, sizeof detail, "version %d", rules->version);
	if (triage_rules_ensure(req->db, req->now) || triage_rules_save(req->db, json, rules, req->auth.user_id, req->now) ||
	    http_audit(req, AUDIT_TRIAGE_RULES_SAVE, "triage_rules", rules->version, 0, detail) || store_commit(req->db))
		goto fail;
	*version = rules->version;
	res = TRIAGE_OK;
	goto done;
fail:
	store_rollback(req->db);
done:
	free(rules);
	return res;
}

static int rules_put(struct http_req *req, struct http_resp *resp)
{
	json_t *body = http_json_body_or_respond(req, resp);
	if (!body)
		return 0;
	char *text = json_dumps(body, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(body);
	if (!text)
		return -1;
	struct field_errors fe;
	fielderr_init(&fe);
	int version = 0;
	enum triage_result r = triage_rules_submit(req, text, &fe, &version);
	free(text);
	if (r == TRIAGE_INVALID)
		return http_problem_fields(resp, 422, "The triage rules are not valid", &fe);
	if (r != TRIAGE_OK)
		return http_store_failed(req, resp);
	return http_reply_json(resp, 200, json_pack("{s:i,s:b}", "version", version, "active", 1));
}

/* ---- Workers ---- */

static int worker_visible(const struct http_req *req, int64_t org_id)
{
	return is_hub(req) || org_id == req->auth.org_id;
}

static int workers_list(struct http_req *req, struct http_resp *resp)
{
	const char *kind = http_query(req, "kind");
	if (kind && *kind && worker_kind_from_code(kind) < 0) {
		struct field_errors fe;
		fielderr_init(&fe);
		fielderr_add(&fe, "kind", "kind must be link_worker or support_worker");
		return http_problem_fields(resp, 422, "The filter is not valid", &fe);
	}
	struct worker_pool pool;
	if (worker_pool_load(req->db, req->now, is_hub(req) ? 0 : req->auth.org_id, &pool))
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
					in->name, "kind", worker_kind_code(w->kind), "organisation", id_name(in->org_id, in->org_name),
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
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	struct worker_info w;
	int n = worker_get(req->db, id, &w);
	if (n < 0)
		return http_store_failed(req, resp);
	if (n == 0 || !worker_visible(req, w.org_id))
		return http_problem(resp, 404, "Not found", "There is no such worker in your organisation.");
	json_t *body = http_json_body_or_respond(req, resp);
	if (!body)
		return 0;
	struct field_errors fe;
	fielderr_init(&fe);
	const char *from_s = str_member(body, "from", &fe), *to_s = str_member(body, "to", &fe);
	const char *reason = str_member(body, "reason", &fe);
	int64_t from = 0, to = 0;
	if (!fielderr_for(&fe, "from") && (!from_s || dt_parse_date(from_s, &from)))
		fielderr_add(&fe, "from", "Give the first day of the absence as YYYY-MM-DD");
	if (!fielderr_for(&fe, "to") && (!to_s || dt_parse_date(to_s, &to)))
		fielderr_add(&fe, "to", "Give the last day of the absence as YYYY-MM-DD");
	else if (!fielderr_for(&fe, "from") && to < from)
		fielderr_add(&fe, "to", "The last day cannot be before the first day");
	else if (!fielderr_for(&fe, "from") && to - from > 366)
		fielderr_add(&fe, "to", "An absence can be at most a year; record a longer one in parts");
	if (reason && strlen(reason) > 200)
		fielderr_add(&fe, "reason", "The reason must be 200 characters or fewer");
	if (fe.n) {
		json_decref(body);
		return http_problem_fields(resp, 422, "The absence cannot be recorded", &fe);
	}
	int64_t aid = 0;
	char detail[64];
	snprintf(detail, sizeof detail, "worker %lld", (long long)id);
	if (store_begin(req->db) || worker_absence_add(req->db, id, from, to, reason, req->now, &aid) ||
	    http_audit(req, AUDIT_WORKER_ABSENCE, "worker", id, 0, detail) || store_commit(req->db)) {
		json_decref(body);
		return http_store_failed(req, resp);
	}
	json_decref(body);
	char f[DT_DATE_LEN], t[DT_DATE_LEN];
	dt_format_date(from, f);
	dt_format_date(to, t);
	return http_reply_json(resp, 201, json_pack("{s:I,s:I,s:s,s:s}", "id", (json_int_t)aid, "worker_id", (json_int_t)id,
						    "from", f, "to", t));
}

/* ---- The follow-up KPI ---- */

int triage_kpi_query(struct http_req *req, struct field_errors *fe, int64_t *from_day, int64_t *to_day,
		     const char **area)
{
	const char *f = http_query(req, "from"), *t = http_query(req, "to"), *a = http_query(req, "area");
	int64_t today = london_local_days(req->now);
	*to_day = today;
	if (t && *t && dt_parse_date(t, to_day))
		fielderr_add(fe, "to", "Give the last day as YYYY-MM-DD, like 2026-03-31");
	*from_day = *to_day - 29;
	if (f && *f && dt_parse_date(f, from_day))
		fielderr_add(fe, "from", "Give the first day as YYYY-MM-DD, like 2026-03-01");
	if (!fe->n && *from_day > *to_day)
		fielderr_add(fe, "from", "The first day cannot be after the last day");
	if (!fe->n && *to_day - *from_day >= KPI_MAX_DAYS)
		fielderr_add(fe, "from", "The period can be at most %d days", KPI_MAX_DAYS);
	*area = a && *a ? a : NULL;
	if (*area) {
		int has = triage_area_name(req->db, *area, NULL, 0);
		if (has < 0)
			return -1;
		if (!has)
			fielderr_add(fe, "area", "Choose an area by its code, like breckland or norwich");
	}
	return 0;
}

static json_t *hundredths(int v)
{
	return v < 0 ? json_null() : json_real(v / 100.0);
}

static int kpi_get(struct http_req *req, struct http_resp *resp)
{
	struct field_errors fe;
	fielderr_init(&fe);
	int64_t from_day, to_day;
	const char *area;
	if (triage_kpi_query(req, &fe, &from_day, &to_day, &area))
		return http_store_failed(req, resp);
	if (fe.n)
		return http_problem_fields(resp, 422, "The period or area is not valid", &fe);
	struct triage_kpi k;
	if (kpisum_followup(req->db, &calendar_app()->wc, from_day, to_day, area, req->now, &k))
		return http_store_failed(req, resp);
	char f[DT_DATE_LEN], t[DT_DATE_LEN], now[DT_UTC_LEN];
	dt_format_date(from_day, f);
	dt_format_date(to_day, t);
	dt_format_utc(req->now, now);
	json_t *doc = json_pack(
		"{s:s,s:s,s:o,s:s,s:i,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:o,s:o,s:o,s:I,s:I}", "from", f, "to", t, "area",
		area ? json_string(area) : json_null(), "as_at", now, "allowance_hours", CALENDAR_ALLOWANCE_SECONDS / 3600,
		"received", (json_int_t)k.f.received, "contacted", (json_int_t)k.f.contacted, "contacted_within_allowance",
		(json_int_t)k.f.contacted_within, "contacted_late", (json_int_t)k.f.contacted_late, "overdue",
		(json_int_t)k.f.overdue, "breaches", (json_int_t)k.f.breaches, "at_risk", (json_int_t)k.f.at_risk, "pending",
		(json_int_t)k.f.pending, "percentage", hundredths(k.f.pct_within_x100), "median_counted_hours_to_first_contact",
		hundredths(k.f.median_hours_x100), "median_counted_seconds_to_first_contact",
		k.f.median_seconds < 0 ? json_null() : json_integer(k.f.median_seconds), "attempts", (json_int_t)k.attempts,
		"excluded", (json_int_t)k.excluded);
	return http_reply_json(resp, 200, doc);
}

const struct route api_triage_routes[] = {
	{ "POST", "/api/v1/referrals/{id}/triage", referral_triage, PERM_TRIAGE,
	  "Triage a received referral: {tier, reason, information} confirms, overrides (reason) or declines (reason code); allocates", "referral" },
	{ "POST", "/api/v1/referrals/{id}/contacts", contact_create, PERM_CONTACT_RECORD,
	  "Record a contact attempt: {at, mode, outcome, note}", "referral" },
	{ "GET", "/api/v1/referrals/{id}/contacts", contact_list, PERM_CASE_READ, "Contact attempts of a referral", "referral" },
	{ "POST", "/api/v1/referrals/{id}/allocation", referral_allocation, PERM_ALLOCATE,
	  "Give a referral's case to a worker: {worker_id, reason}", "referral" },
	{ "GET", "/api/v1/triage/queue", queue_get, PERM_TRIAGE, "Received referrals due soonest first, with suggestions (?source, area, tier, limit)" },
	{ "GET", "/api/v1/triage/watch", watch_get, PERM_TRIAGE, "Referrals at risk of missing the 24-hour follow-up or past it" },
	{ "GET", "/api/v1/triage/rules", rules_get, PERM_TRIAGE_RULES_EDIT, "The triage rules in force, and earlier versions" },
	{ "PUT", "/api/v1/triage/rules", rules_put, PERM_TRIAGE_RULES_EDIT, "Save a new version of the triage rules" },
	{ "GET", "/api/v1/workers", workers_list, PERM_WORKER_MANAGE, "Workers with their clusters, areas, load and capacity (?kind)" },
	{ "POST", "/api/v1/workers/{id}/absences", absence_create, PERM_WORKER_MANAGE,
	  "Record a worker's absence: {from, to, reason} (days, inclusive)", "worker" },
	{ "GET", "/api/v1/kpi/follow-up", kpi_get, PERM_KPI_READ,
	  "Follow-up KPI for referrals received from..to (?from, to as YYYY-MM-DD, area)" },
	{ 0 },
};
