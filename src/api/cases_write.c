/* Case work JSON API, writing: sessions, goals and their progress, the assessment, onward referrals and their
 * status, unmet needs, safeguarding concerns, consents, case studies, outcome measures, closure and drop-out.
 * Each request is one transaction with its audit event; field errors name the JSON member. */
#include <stdio.h>
#include <string.h>
#include "api/api.h"
#include "api/cases.h"
#include "api/triage.h"
#include "core/datetime.h"
#include "http/audit_req.h"
#include "jobs/jobs.h"
#include "http/ops_reply.h"

/* ---- Reading the body ---- */

/* A member that must be a string or absent/null. */
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

/* A whole number member (absent/null: def); out-of-int values become lo - 1 so the range check names them. */
static int int_member(json_t *body, const char *key, int def, int lo, struct field_errors *fe)
{
	json_t *v = json_object_get(body, key);
	if (!v || json_is_null(v))
		return def;
	if (!json_is_integer(v)) {
		fielderr_add(fe, key, "%s must be a whole number", key);
		return lo - 1;
	}
	json_int_t x = json_integer_value(v);
	return x < -1000000 || x > 1000000 ? lo - 1 : (int)x;
}

/* true/false (absent/null: -1). */
static int bool_member(json_t *body, const char *key, struct field_errors *fe)
{
	json_t *v = json_object_get(body, key);
	if (!v || json_is_null(v))
		return -1;
	if (!json_is_boolean(v)) {
		fielderr_add(fe, key, "%s must be true or false", key);
		return -2;
	}
	return json_is_true(v);
}

/* An ISO 8601 time (absent/null: 0, meaning now). */
static int64_t time_member(json_t *body, const char *key, struct field_errors *fe)
{
	const char *s = str_member(body, key, fe);
	int64_t t = 0;
	if (s && dt_parse_iso8601(s, &t)) {
		fielderr_add(fe, key, "Give %s in ISO 8601, like 2026-03-02T10:30:00Z", key);
		return 0;
	}
	return t;
}

/* ---- One transaction per request ---- */

/* One write request: the case, the body, field problems from the body (fe)
 * and what the store said (o, with its own field problems). */
struct write {
	struct casework_who w;
	json_t *body;
	struct field_errors fe;
	struct outcome {
		enum casework_result r;
		struct field_errors fe;
		struct casework_conflict cf;
	} o;
	int64_t id; /* what the store created */
};

/* The case (404 unless the user's organisation holds it), the body, and the transaction begun; 0 to go on. */
static int begin(struct http_req *req, struct http_resp *resp, struct write *x)
{
	memset(x, 0, sizeof *x);
	int64_t id = cases_id_or_respond(req, resp);
	if (id < 0)
		return -1;
	x->body = http_json_body_or_respond(req, resp);
	if (!x->body)
		return -1;
	if (store_begin(req->db)) {
		json_decref(x->body);
		http_store_failed(req, resp);
		return -1;
	}
	x->w = (struct casework_who){ id, req->auth.user_id, req->now };
	fielderr_init(&x->fe);
	fielderr_init(&x->o.fe);
	return 0;
}

/*
 * Ends a write: field problems from the body and from the store come back
 * together (422, rolled back); 404, 409 with the store's reason; or the
 * audit event, commit and status with doc plus the case's summary as
 * "case". Frees the body; doc is stolen.
 */
static int finish(struct http_req *req, struct http_resp *resp, struct write *x, const char *title, enum audit_action action,
		  const char *detail, unsigned status, json_t *doc)
{
	struct outcome *o = &x->o;
	struct field_errors *fe = &x->fe;
	json_decref(x->body);
	for (size_t i = 0; o->r == CASEWORK_INVALID && i < o->fe.n; i++)
		if (!fielderr_for(fe, o->fe.e[i].field))
			fielderr_add(fe, o->fe.e[i].field, "%s", o->fe.e[i].message);
	if (o->r == CASEWORK_OK && fe->n)
		o->r = CASEWORK_INVALID;
	struct casework_summary s;
	if (o->r == CASEWORK_OK && casework_summary_get(req->db, x->w.case_id, req->now, &s) != 1)
		o->r = CASEWORK_ERROR;
	if (o->r != CASEWORK_OK)
		json_decref(doc);
	switch (o->r) {
	case CASEWORK_OK:
		break;
	case CASEWORK_INVALID:
		store_rollback(req->db);
		return http_problem_fields(resp, 422, title, fe);
	case CASEWORK_NOT_FOUND:
		store_rollback(req->db);
		return http_problem(resp, 404, "Not found", "There is no such record on this case.");
	case CASEWORK_CONFLICT:
		store_rollback(req->db);
		return http_problem(resp, 409, "Conflict", o->cf.message);
	default:
		return http_store_failed(req, resp);
	}
	if (http_audit(req, action, "case", x->w.case_id, s.person_id, detail) || store_commit(req->db)) {
		json_decref(doc);
		return http_store_failed(req, resp);
	}
	jobs_wake();
	json_object_set_new(doc, "case", cases_summary_json(&s));
	return http_reply_json(resp, status, doc);
}

static json_t *created(const struct write *x)
{
	return json_pack("{s:I,s:I}", "id", (json_int_t)x->id, "case_id", (json_int_t)x->w.case_id);
}

/* ---- Handlers ---- */

static int session_create(struct http_req *req, struct http_resp *resp)
{
	struct write x;
	if (begin(req, resp, &x))
		return 0;
	struct casework_session_rq rq = {
		.at = time_member(x.body, "at", &x.fe),
		.mode = str_member(x.body, "mode", &x.fe),
		.duration_minutes = int_member(x.body, "duration_minutes", 0, 1, &x.fe),
		.notes = str_member(x.body, "notes", &x.fe),
		.next_step = str_member(x.body, "next_step", &x.fe),
	};
	x.o.r = casework_session_add(req->db, &x.w, &rq, &x.id, &x.o.fe, &x.o.cf);
	json_t *doc = created(&x);
	json_object_set_new(doc, "mode", json_string(rq.mode ? rq.mode : ""));
	json_object_set_new(doc, "duration_minutes", json_integer(rq.duration_minutes));
	json_object_set_new(doc, "at", cases_time(rq.at ? rq.at : req->now));
	return finish(req, resp, &x, "The session cannot be recorded", AUDIT_CASE_SESSION, "", 201, doc);
}

static int goal_create(struct http_req *req, struct http_resp *resp)
{
	struct write x;
	if (begin(req, resp, &x))
		return 0;
	struct casework_goal_rq rq = {
		.goal = str_member(x.body, "goal", &x.fe),
		.domain = str_member(x.body, "domain", &x.fe),
		.progress = int_member(x.body, "progress", 0, 0, &x.fe),
		.status = str_member(x.body, "status", &x.fe),
	};
	x.o.r = casework_goal_add(req->db, &x.w, &rq, &x.id, &x.o.fe, &x.o.cf);
	return finish(req, resp, &x, "The goal cannot be recorded", AUDIT_CASE_GOAL, "", 201, created(&x));
}

static int goal_progress(struct http_req *req, struct http_resp *resp)
{
	struct write x;
	if (cases_id_or_respond(req, resp) < 0)
		return 0;
	int64_t gid = cases_sub_id_or_respond(req, resp, 1, "goal");
	if (gid < 0 || begin(req, resp, &x))
		return 0;
	json_t *p = json_object_get(x.body, "progress");
	struct casework_goal_progress_rq rq = {
		.goal_id = gid,
		.progress = int_member(x.body, "progress", -1, 0, &x.fe),
		.status = str_member(x.body, "status", &x.fe),
		.note = str_member(x.body, "note", &x.fe),
	};
	if (!p || json_is_null(p))
		fielderr_add(&x.fe, "progress", "Give progress as a whole number from 0 (not started) to 10 (done)");
	x.o.r = casework_goal_progress(req->db, &x.w, &rq, &x.id, &x.o.fe, &x.o.cf);
	json_t *doc = created(&x);
	json_object_set_new(doc, "goal_id", json_integer(gid));
	json_object_set_new(doc, "progress", json_integer(rq.progress));
	return finish(req, resp, &x, "The progress cannot be recorded", AUDIT_CASE_GOAL_PROGRESS, "", 201, doc);
}

static int assessment_create(struct http_req *req, struct http_resp *resp)
{
	struct write x;
	if (begin(req, resp, &x))
		return 0;
	struct casework_need_rq needs[CASEWORK_NEEDS_MAX];
	size_t nneeds = 0;
	json_t *arr = json_object_get(x.body, "needs");
	if (arr && !json_is_null(arr) && !json_is_array(arr)) {
		fielderr_add(&x.fe, "needs", "needs must be a list of {domain, level, note}");
	} else if (arr && json_array_size(arr) > CASEWORK_NEEDS_MAX) {
		fielderr_add(&x.fe, "needs", "Give at most %d needs, one per area", CASEWORK_NEEDS_MAX);
	} else if (arr) {
		for (size_t i = 0; i < json_array_size(arr); i++) {
			json_t *e = json_array_get(arr, i);
			char f[32];
			snprintf(f, sizeof f, "needs[%zu]", i);
			if (!json_is_object(e)) {
				fielderr_add(&x.fe, f, "Each need must be an object {domain, level, note}");
				continue;
			}
			needs[nneeds++] = (struct casework_need_rq){ str_member(e, "domain", &x.fe), str_member(e, "level", &x.fe),
								     str_member(e, "note", &x.fe) };
		}
	}
	struct casework_assessment_rq rq = { str_member(x.body, "what_matters", &x.fe), str_member(x.body, "strengths", &x.fe),
					     needs, nneeds };
	int version = 0;
	x.o.r = casework_assessment_add(req->db, &x.w, &rq, &x.id, &version, &x.o.fe, &x.o.cf);
	json_t *doc = created(&x);
	json_object_set_new(doc, "version", json_integer(version));
	return finish(req, resp, &x, "The assessment cannot be saved", AUDIT_CASE_ASSESSMENT, "", 201, doc);
}

static int onward_create(struct http_req *req, struct http_resp *resp)
{
	struct write x;
	if (begin(req, resp, &x))
		return 0;
	json_t *sid = json_object_get(x.body, "service_id");
	int64_t service = 0;
	if (sid && !json_is_null(sid)) {
		if (!json_is_integer(sid) || json_integer_value(sid) <= 0)
			fielderr_add(&x.fe, "service_id", "service_id must be the id of a service in the directory");
		else
			service = json_integer_value(sid);
	}
	struct casework_onward_rq rq = { service, str_member(x.body, "service_name", &x.fe), str_member(x.body, "domain", &x.fe),
					 str_member(x.body, "note", &x.fe) };
	x.o.r = casework_onward_add(req->db, &x.w, &rq, &x.id, &x.o.fe, &x.o.cf);
	json_t *doc = created(&x);
	json_object_set_new(doc, "status", json_string("made"));
	return finish(req, resp, &x, "The onward referral cannot be recorded", AUDIT_CASE_ONWARD, "", 201, doc);
}

static int onward_status(struct http_req *req, struct http_resp *resp)
{
	struct write x;
	if (cases_id_or_respond(req, resp) < 0)
		return 0;
	int64_t rid = cases_sub_id_or_respond(req, resp, 1, "onward referral");
	if (rid < 0 || begin(req, resp, &x))
		return 0;
	const char *status = str_member(x.body, "status", &x.fe), *note = str_member(x.body, "note", &x.fe);
	x.o.r = casework_onward_status(req->db, &x.w, rid, status, note, &x.o.fe, &x.o.cf);
	x.id = rid;
	json_t *doc = created(&x);
	json_object_set_new(doc, "status", json_string(status ? status : ""));
	char detail[64];
	snprintf(detail, sizeof detail, "onward %lld %.24s", (long long)rid, status ? status : "");
	return finish(req, resp, &x, "The status cannot be changed", AUDIT_CASE_ONWARD_STATUS, detail, 200, doc);
}

static int unmet_create(struct http_req *req, struct http_resp *resp)
{
	struct write x;
	if (begin(req, resp, &x))
		return 0;
	struct casework_unmet_rq rq = { str_member(x.body, "need", &x.fe), str_member(x.body, "domain", &x.fe),
					str_member(x.body, "area", &x.fe), str_member(x.body, "note", &x.fe) };
	x.o.r = casework_unmet_add(req->db, &x.w, &rq, &x.id, &x.o.fe, &x.o.cf);
	return finish(req, resp, &x, "The unmet need cannot be recorded", AUDIT_CASE_UNMET_NEED, "", 201, created(&x));
}

static int concern_create(struct http_req *req, struct http_resp *resp)
{
	struct write x;
	if (begin(req, resp, &x))
		return 0;
	struct casework_concern_rq rq = { str_member(x.body, "category", &x.fe), str_member(x.body, "concern", &x.fe),
					  str_member(x.body, "action", &x.fe), str_member(x.body, "escalated_to", &x.fe),
					  time_member(x.body, "raised_at", &x.fe) };
	x.o.r = casework_concern_add(req->db, &x.w, &rq, &x.id, &x.o.fe, &x.o.cf);
	char detail[64];
	snprintf(detail, sizeof detail, "%.40s", rq.category ? rq.category : "");
	return finish(req, resp, &x, "The safeguarding concern cannot be recorded", AUDIT_CASE_SAFEGUARDING, detail, 201, created(&x));
}

static int consent_create(struct http_req *req, struct http_resp *resp)
{
	struct write x;
	if (begin(req, resp, &x))
		return 0;
	struct casework_consent_rq rq = { str_member(x.body, "third_party", &x.fe), str_member(x.body, "purpose", &x.fe),
					  time_member(x.body, "given_at", &x.fe) };
	x.o.r = casework_consent_add(req->db, &x.w, &rq, &x.id, &x.o.fe, &x.o.cf);
	return finish(req, resp, &x, "The consent cannot be recorded", AUDIT_CASE_CONSENT, "", 201, created(&x));
}

static int study_create(struct http_req *req, struct http_resp *resp)
{
	struct write x;
	if (begin(req, resp, &x))
		return 0;
	struct casework_study_rq rq = { str_member(x.body, "story", &x.fe), str_member(x.body, "unexpected_outcomes", &x.fe),
					bool_member(x.body, "consent", &x.fe) };
	x.o.r = casework_study_add(req->db, &x.w, &rq, &x.id, &x.o.fe, &x.o.cf);
	return finish(req, resp, &x, "The case study cannot be recorded", AUDIT_CASE_CASE_STUDY, "", 201, created(&x));
}

static int measure_create(struct http_req *req, struct http_resp *resp)
{
	struct write x;
	if (begin(req, resp, &x))
		return 0;
	int answers[INSTRUMENT_ITEMS_MAX] = { 0 };
	size_t n = 0;
	json_t *arr = json_object_get(x.body, "answers");
	if (!json_is_array(arr)) {
		fielderr_add(&x.fe, "answers", "Give answers as a list of whole numbers, one per item, in order");
	} else {
		n = json_array_size(arr);
		for (size_t i = 0; i < n && i < INSTRUMENT_ITEMS_MAX; i++) {
			json_t *v = json_array_get(arr, i);
			char f[32];
			snprintf(f, sizeof f, "answers[%zu]", i);
			if (!json_is_integer(v)) {
				fielderr_add(&x.fe, f, "Answer %zu must be a whole number", i + 1);
				answers[i] = -1000001;
				continue;
			}
			json_int_t a = json_integer_value(v);
			answers[i] = a < -1000000 || a > 1000000 ? -1000001 : (int)a;
		}
	}
	struct casework_measure_rq rq = { str_member(x.body, "instrument", &x.fe), str_member(x.body, "phase", &x.fe), answers, n,
					  time_member(x.body, "at", &x.fe) };
	struct instrument_score score = { .id = INSTRUMENT_UNKNOWN };
	x.o.r = casework_measure_add(req->db, &x.w, &rq, &x.id, &score, &x.o.fe, &x.o.cf);
	json_t *doc = created(&x);
	json_object_set_new(doc, "instrument", json_string(rq.instrument ? rq.instrument : ""));
	json_object_set_new(doc, "phase", json_string(rq.phase ? rq.phase : ""));
	json_t *ans = json_array();
	for (size_t i = 0; i < n && i < INSTRUMENT_ITEMS_MAX; i++)
		json_array_append_new(ans, json_integer(answers[i]));
	json_object_set_new(doc, "answers", ans);
	cases_score_json(doc, &score);
	json_object_set_new(doc, "at", cases_time(rq.at ? rq.at : req->now));
	char detail[48];
	snprintf(detail, sizeof detail, "%.12s %.12s", rq.instrument ? rq.instrument : "", rq.phase ? rq.phase : "");
	return finish(req, resp, &x, "The measure cannot be recorded", AUDIT_CASE_MEASURE, detail, 201, doc);
}

static int case_close(struct http_req *req, struct http_resp *resp)
{
	struct write x;
	if (begin(req, resp, &x))
		return 0;
	struct casework_close_rq rq = { str_member(x.body, "reason", &x.fe), bool_member(x.body, "continuing_support", &x.fe),
					str_member(x.body, "note", &x.fe) };
	if (rq.continuing_support == -2)
		rq.continuing_support = -1;
	else if (rq.continuing_support == -1)
		fielderr_add(&x.fe, "continuing_support", "Say whether continuing support is arranged (true or false)");
	x.o.r = casework_close(req->db, &x.w, &rq, &x.o.fe, &x.o.cf);
	char detail[48];
	snprintf(detail, sizeof detail, "%.40s", rq.reason ? rq.reason : "");
	x.id = x.w.case_id;
	return finish(req, resp, &x, "The case cannot be closed", AUDIT_CASE_CLOSE, detail, 200, created(&x));
}

static int case_dropout(struct http_req *req, struct http_resp *resp)
{
	struct write x;
	if (begin(req, resp, &x))
		return 0;
	int attempts = 0;
	x.o.r = casework_dropout(req->db, &x.w, &attempts, &x.o.cf);
	char detail[48];
	snprintf(detail, sizeof detail, "after %d attempts", attempts);
	x.id = x.w.case_id;
	json_t *doc = created(&x);
	json_object_set_new(doc, "attempts", json_integer(attempts));
	return finish(req, resp, &x, "The case cannot be closed", AUDIT_CASE_DROPOUT, detail, 200, doc);
}

const struct route api_case_write_routes[] = {
	{ "POST", "/api/v1/cases/{id}/sessions", session_create, PERM_CASE_WRITE,
	  "Record a session: {at, mode, duration_minutes, notes, next_step}", "case" },
	{ "POST", "/api/v1/cases/{id}/goals", goal_create, PERM_CASE_WRITE, "Agree a goal: {goal, domain, progress, status}",
	  "case" },
	{ "POST", "/api/v1/cases/{id}/goals/{gid}/progress", goal_progress, PERM_CASE_WRITE,
	  "Record progress on a goal: {progress 0-10, status, note}", "case" },
	{ "POST", "/api/v1/cases/{id}/assessment", assessment_create, PERM_CASE_WRITE,
	  "Save the holistic assessment (a new version): {what_matters, strengths, needs: [{domain, level, note}]}", "case" },
	{ "POST", "/api/v1/cases/{id}/onward-referrals", onward_create, PERM_CASE_WRITE,
	  "Refer on to a community service: {service_id, service_name, domain, note}", "case" },
	{ "POST", "/api/v1/cases/{id}/onward-referrals/{rid}/status", onward_status, PERM_CASE_WRITE,
	  "Move an onward referral on: {status: accepted|attended|declined|not_available, note}", "case" },
	{ "POST", "/api/v1/cases/{id}/unmet-needs", unmet_create, PERM_CASE_WRITE,
	  "Record a need that could not be met: {need, domain, area, note}", "case" },
	{ "POST", "/api/v1/cases/{id}/safeguarding", concern_create, PERM_CASE_WRITE,
	  "Record a safeguarding concern (never deletable): {category, concern, action, escalated_to, raised_at}", "case" },
	{ "POST", "/api/v1/cases/{id}/consents", consent_create, PERM_CASE_WRITE,
	  "Record consent to represent the person to a third party: {third_party, purpose, given_at}", "case" },
	{ "POST", "/api/v1/cases/{id}/case-studies", study_create, PERM_CASE_WRITE,
	  "Record a case study with the person's consent: {story, unexpected_outcomes, consent: true}", "case" },
	{ "POST", "/api/v1/cases/{id}/measures", measure_create, PERM_CASE_WRITE,
	  "Record an outcome measure: {instrument, phase: baseline|follow_up, answers: [..], at}", "case" },
	{ "POST", "/api/v1/cases/{id}/close", case_close, PERM_CASE_WRITE,
	  "Close the case and its referral: {reason, continuing_support, note}", "case" },
	{ "POST", "/api/v1/cases/{id}/drop-out", case_dropout, PERM_CASE_WRITE,
	  "Close as unable to contact after the setting dropout_attempts unsuccessful attempts", "case" },
	{ 0 },
};
