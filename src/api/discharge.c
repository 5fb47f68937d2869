/* Discharge support over JSON: the board for discharge teams, a referral's
 * home check, taking it (DBS-checked workers only) and recording it done,
 * and a manager recording a worker's DBS check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/api.h"
#include "api/discharge.h"
#include "api/referrals.h"
#include "api/triage.h"
#include "core/datetime.h"
#include "core/londontime.h"
#include "core/referral_validate.h"
#include "http/audit_req.h"
#include "http/ops_reply.h"

void discharge_query_for(const struct http_req *req, struct discharge_query *q)
{
	memset(q, 0, sizeof *q);
	q->user_id = req->auth.user_id;
	q->org_id = req->auth.org_id;
	q->scope = referral_is_hub(req)			 ? DISCHARGE_ALL
		   : req->auth.role == ROLE_REFERRER ? DISCHARGE_REFERRER
						     : DISCHARGE_ORG;
	q->limit = DISCHARGE_BOARD_MAX;
}

const char *discharge_state_code(const struct discharge_row *r, const struct discharge_home_check *hc)
{
	if (hc && hc->id) {
		if (!strcmp(hc->status, "open"))
			return "needed";
		if (!strcmp(hc->status, "accepted"))
			return "taken";
		return hc->status; /* offered, done, missed, cancelled */
	}
	return r && (r->home_check_requested || r->home_check_needed) ? "requested" : "not_needed";
}

const char *discharge_state_label(const char *code)
{
	static const char *const map[][2] = {
		{ "not_needed", "Not needed" },
		{ "requested", "Asked for: waiting for triage and a complex support worker" },
		{ "needed", "Needed: nobody has taken it yet" },
		{ "offered", "Offered to a volunteer" },
		{ "taken", "Taken" },
		{ "done", "Done" },
		{ "missed", "Missed" },
		{ "cancelled", "Cancelled" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(map[i][0], code))
			return map[i][1];
	return code;
}

const char *discharge_status_label(const char *status)
{
	static const char *const map[][2] = {
		{ "received", "Awaiting triage" }, { "triaged", "Triaged" },	 { "allocated", "Allocated" },
		{ "in_progress", "In progress" },  { "closed", "Closed" },	 { "rejected", "Not accepted" },
		{ "withdrawn", "Withdrawn" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(map[i][0], status))
			return map[i][1];
	return status;
}

int64_t discharge_days_to(const struct discharge_row *r, int64_t now)
{
	return r->expected_day == DISCHARGE_NO_DAY ? INT64_MIN : r->expected_day - london_local_days(now);
}

static json_t *utc_or_null(int64_t t)
{
	if (t <= 0)
		return json_null();
	char s[DT_UTC_LEN];
	dt_format_utc(t, s);
	return json_string(s);
}

static json_t *id_name(int64_t id, const char *name)
{
	return id > 0 ? json_pack("{s:I,s:s}", "id", (json_int_t)id, "name", name) : json_null();
}

static json_t *home_check_json(const struct discharge_row *r, const struct discharge_home_check *hc)
{
	const char *state = discharge_state_code(r, hc);
	json_t *j = json_pack("{s:s,s:s}", "state", state, "label", discharge_state_label(state));
	if (!hc || !hc->id)
		return j;
	json_object_set_new(j, "id", json_integer(hc->id));
	json_object_set_new(j, "due_at", utc_or_null(hc->due_at));
	json_object_set_new(j, "worker", id_name(hc->worker_id, hc->worker_name));
	json_object_set_new(j, "volunteer", id_name(hc->volunteer_id, hc->volunteer_name));
	json_object_set_new(j, "taken_at", utc_or_null(hc->taken_at));
	json_object_set_new(j, "completed_at", utc_or_null(!strcmp(hc->status, "done") ? hc->closed_at : 0));
	json_object_set_new(j, "outcome", hc->outcome[0] ? json_string(hc->outcome) : json_null());
	json_object_set_new(j, "note", hc->note[0] ? json_string(hc->note) : json_null());
	return j;
}

json_t *discharge_row_json(const struct discharge_row *r, const struct discharge_home_check *hc, int64_t now)
{
	char day[DT_DATE_LEN];
	json_t *expected = json_null(), *days = json_null();
	if (r->expected_day != DISCHARGE_NO_DAY) {
		dt_format_date(r->expected_day, day);
		expected = json_string(day);
		days = json_integer(discharge_days_to(r, now));
	}
	json_t *j = json_pack("{s:I,s:s,s:{s:s,s:s},s:{s:s,s:s},s:s,s:o,s:o,s:s,s:s,s:o,s:o,s:o,s:o,s:b,s:o,s:o}",
			      "referral_id", (json_int_t)r->referral_id, "reference", r->reference, "person", "given_name",
			      r->given_name, "family_name", r->family_name, "hospital", "code", r->hospital_code, "name",
			      r->hospital_name, "ward", r->ward, "expected_discharge_date", expected, "days_to_discharge",
			      days, "status", r->status, "status_label", discharge_status_label(r->status), "tier",
			      r->tier[0] ? json_string(r->tier) : json_null(), "organisation", id_name(r->org_id, r->org_name),
			      "worker", id_name(r->worker_id, r->worker_name), "first_contact_at",
			      utc_or_null(r->first_contact_at), "contact_made", r->first_contact_at > 0, "home_check",
			      home_check_json(r, hc), "sla_due_at", utc_or_null(r->sla_due_at));
	return j;
}

/* ---- taking and completing ---- */

static enum dis_result failed(struct http_req *req)
{
	store_rollback(req->db);
	return DIS_ERROR;
}

/* The referral's home check for staff who may see the referral. */
static enum dis_result check_for(struct http_req *req, int64_t referral_id, struct discharge_home_check *hc,
				 struct field_errors *fe)
{
	int see = triage_staff_may_see(req, referral_id);
	if (see < 0)
		return DIS_ERROR;
	if (!see)
		return DIS_NOT_FOUND;
	int f = discharge_home_check_of(req->db, referral_id, hc);
	if (f < 0)
		return DIS_ERROR;
	if (f == 0) {
		fielderr_add(fe, "home_check", "This referral has no home check: one is made when a complex support case "
					       "that needs it is allocated");
		return DIS_CONFLICT;
	}
	return DIS_OK;
}

enum dis_result discharge_take(struct http_req *req, int64_t referral_id, struct field_errors *fe)
{
	struct discharge_home_check *hc = malloc(sizeof *hc);
	enum dis_result r = DIS_ERROR;
	if (!hc)
		return DIS_ERROR;
	r = check_for(req, referral_id, hc, fe);
	if (r != DIS_OK)
		goto done;
	struct discharge_worker w;
	int f = discharge_worker_of_user(req->db, req->auth.user_id, &w);
	r = DIS_CONFLICT;
	if (f < 0) {
		r = DIS_ERROR;
	} else if (f == 0) {
		fielderr_add(fe, "worker", "Only a DBS-checked worker can take a home check, and you are not recorded as a "
					   "worker");
	} else if (!w.dbs_checked) {
		fielderr_add(fe, "worker", "Only a DBS-checked worker can take a home check: your DBS check is not recorded. "
					   "Ask your manager to record it, or a colleague with one to take it");
	} else if (!w.active) {
		fielderr_add(fe, "worker", "Your worker record is not active, so you cannot take a home check");
	} else if (w.org_id != hc->org_id) {
		fielderr_add(fe, "worker", "Only a worker of %s, which holds the case, can take its home check",
			     hc->org_name);
	} else if (strcmp(hc->status, "open") != 0) {
		if (!strcmp(hc->status, "accepted") && hc->worker_id)
			fielderr_add(fe, "home_check", "%s has already taken this home check", hc->worker_name);
		else if (hc->volunteer_id)
			fielderr_add(fe, "home_check", "This home check is %s volunteer %s", !strcmp(hc->status, "offered") ? "offered to" : "with",
				     hc->volunteer_name);
		else
			fielderr_add(fe, "home_check", "This home check is %s, so it cannot be taken", hc->status);
	} else {
		r = DIS_OK;
	}
	if (r != DIS_OK)
		goto done;
	if (store_begin(req->db)) {
		r = DIS_ERROR;
		goto done;
	}
	int n = discharge_home_check_take(req->db, hc->id, w.id, req->now);
	if (n < 0) {
		r = failed(req);
		goto done;
	}
	if (n == 0) {
		store_rollback(req->db);
		fielderr_add(fe, "home_check", "Someone took or was offered this home check a moment ago; look again");
		r = DIS_CONFLICT;
		goto done;
	}
	if (http_audit(req, AUDIT_HOME_CHECK_TAKE, "task", hc->id, hc->person_id, "") || store_commit(req->db))
		r = failed(req);
done:
	free(hc);
	return r;
}

enum dis_result discharge_complete(struct http_req *req, int64_t referral_id, const char *outcome, const char *note,
				   struct field_errors *fe)
{
	struct discharge_home_check *hc = malloc(sizeof *hc);
	enum dis_result r = DIS_ERROR;
	if (!hc)
		return DIS_ERROR;
	/* Who may see the referral first: 404 before anything about the body. */
	r = check_for(req, referral_id, hc, fe);
	if (r != DIS_OK)
		goto done;
	r = DIS_ERROR;
	char label[128], codes[256];
	int known = outcome && *outcome ? triage_vocab_has(req->db, "home_check_outcomes", outcome, label, sizeof label) : 0;
	if (known < 0)
		goto done;
	if (!known) {
		triage_vocab_codes(req->db, "home_check_outcomes", codes, sizeof codes);
		fielderr_add(fe, "outcome", "Choose what the home check found: one of %s", codes);
	}
	long chars = note ? referral_text_chars(note, strlen(note), 1) : 0;
	if (chars < 0)
		fielderr_add(fe, "note", "The note must be text without control characters");
	else if (chars > DISCHARGE_NOTE_MAX)
		fielderr_add(fe, "note", "The note must be %d characters or fewer", DISCHARGE_NOTE_MAX);
	else if (known && strcmp(outcome, "ready") != 0 && chars == 0)
		fielderr_add(fe, "note", "Say what needs doing before the person can go home");
	if (fe->n) {
		r = DIS_INVALID;
		goto done;
	}
	struct discharge_worker w;
	int f = discharge_worker_of_user(req->db, req->auth.user_id, &w);
	if (f < 0)
		goto done;
	if (f == 0 || strcmp(hc->status, "accepted") != 0 || hc->worker_id != w.id) {
		fielderr_add(fe, "home_check", !strcmp(hc->status, "done") ? "This home check is already done"
					       : "Only the worker who took this home check can record it done");
		r = DIS_CONFLICT;
		goto done;
	}
	if (store_begin(req->db)) {
		r = DIS_ERROR;
		goto done;
	}
	int n = discharge_home_check_done(req->db, hc->id, w.id, outcome, note, req->now);
	char detail[160];
	snprintf(detail, sizeof detail, "home check: %s", label);
	/* The referrer follows the loop: the result is an event on the referral. */
	if (n == 1 && store_exec(req->db, STMT_REFERRAL_EVENT_INSERT, NULL, NULL, "iiissss", referral_id, req->now,
				 req->auth.user_id, "home_check_done", NULL, NULL, detail) < 0)
		n = -1;
	if (n != 1 || http_audit(req, AUDIT_HOME_CHECK_DONE, "task", hc->id, hc->person_id, outcome) || store_commit(req->db)) {
		if (n == 0) {
			store_rollback(req->db);
			fielderr_add(fe, "home_check", "This home check changed a moment ago; look again");
			r = DIS_CONFLICT;
		} else {
			r = failed(req);
		}
		goto done;
	}
	r = DIS_OK;
done:
	free(hc);
	return r;
}

/* ---- handlers ---- */

static int reply_failure(struct http_req *req, struct http_resp *resp, enum dis_result r, const struct field_errors *fe)
{
	switch (r) {
	case DIS_INVALID:
		return http_problem_fields(resp, 422, "The home check needs correcting", fe);
	case DIS_NOT_FOUND:
		return http_problem(resp, 404, "Not found", "There is no such referral that you can see.");
	case DIS_CONFLICT:
		return http_problem_fields(resp, 409, "The home check cannot be changed by you now", fe);
	default:
		return http_store_failed(req, resp);
	}
}

struct board_json {
	struct http_req *req;
	json_t *rows;
	struct discharge_home_check *hc;
	int failed;
};

static void board_item(void *ctx, const struct discharge_row *r)
{
	struct board_json *b = ctx;
	int f = r->home_check_id ? discharge_home_check_get(b->req->db, r->home_check_id, b->hc) : 0;
	if (f < 0)
		b->failed = 1;
	json_array_append_new(b->rows, discharge_row_json(r, f > 0 ? b->hc : NULL, b->req->now));
}

static int board_get(struct http_req *req, struct http_resp *resp)
{
	struct discharge_query q;
	discharge_query_for(req, &q);
	q.hospital = http_query(req, "hospital");
	const char *all = http_query(req, "include_closed");
	q.include_closed = all && (!strcmp(all, "true") || !strcmp(all, "1"));
	struct board_json b = { req, json_array(), malloc(sizeof *b.hc), 0 };
	if (!b.hc || discharge_board(req->db, &q, board_item, &b) || b.failed) {
		free(b.hc);
		json_decref(b.rows);
		return http_store_failed(req, resp);
	}
	free(b.hc);
	char detail[48];
	snprintf(detail, sizeof detail, "%zu referrals", json_array_size(b.rows));
	http_audit(req, AUDIT_DISCHARGE_BOARD, "board", 0, 0, detail);
	return http_reply_json(resp, 200, json_pack("{s:o}", "referrals", b.rows));
}

static int home_check_get(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	int access = referral_access(req, id);
	if (access < 0)
		return http_store_failed(req, resp);
	if (access == REFERRAL_ACCESS_NONE)
		return http_problem(resp, 404, "Not found", "There is no such referral that you can see.");
	struct discharge_home_check *hc = malloc(sizeof *hc);
	int f = hc ? discharge_home_check_of(req->db, id, hc) : -1;
	int rc = f < 0 ? http_store_failed(req, resp)
		       : http_reply_json(resp, 200, json_pack("{s:I,s:o}", "referral_id", (json_int_t)id, "home_check",
							      f ? home_check_json(NULL, hc) : json_null()));
	if (f > 0)
		http_audit(req, AUDIT_HOME_CHECK_READ, "task", hc->id, hc->person_id, "");
	free(hc);
	return rc;
}

static int home_check_action(struct http_req *req, struct http_resp *resp, int complete)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	json_t *body = http_json_body_or_respond(req, resp);
	if (!body)
		return 0;
	struct field_errors *fe = malloc(sizeof *fe);
	struct discharge_home_check *hc = malloc(sizeof *hc);
	int rc = -1;
	if (!fe || !hc)
		goto done;
	fielderr_init(fe);
	enum dis_result r;
	if (complete) {
		json_t *o = json_object_get(body, "outcome"), *n = json_object_get(body, "note");
		if ((o && !json_is_string(o)) || (n && !json_is_null(n) && !json_is_string(n))) {
			fielderr_add(fe, o && !json_is_string(o) ? "outcome" : "note", "must be a string");
			r = DIS_INVALID;
		} else {
			r = discharge_complete(req, id, json_string_value(o), n ? json_string_value(n) : NULL, fe);
		}
	} else {
		r = discharge_take(req, id, fe);
	}
	if (r != DIS_OK) {
		rc = reply_failure(req, resp, r, fe);
		goto done;
	}
	int f = discharge_home_check_of(req->db, id, hc);
	rc = f <= 0 ? http_store_failed(req, resp)
		    : http_reply_json(resp, 200, json_pack("{s:I,s:o}", "referral_id", (json_int_t)id, "home_check",
							   home_check_json(NULL, hc)));
done:
	json_decref(body);
	free(fe);
	free(hc);
	return rc;
}

static int home_check_take_h(struct http_req *req, struct http_resp *resp)
{
	return home_check_action(req, resp, 0);
}

static int home_check_complete_h(struct http_req *req, struct http_resp *resp)
{
	return home_check_action(req, resp, 1);
}

static int worker_dbs_put(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	int64_t org = 0;
	int f = discharge_worker_org(req->db, id, &org);
	if (f < 0)
		return http_store_failed(req, resp);
	if (f == 0 || (!referral_is_hub(req) && org != req->auth.org_id))
		return http_problem(resp, 404, "Not found", "There is no such worker in your organisation.");
	json_t *body = http_json_body_or_respond(req, resp);
	if (!body)
		return 0;
	json_t *v = json_object_get(body, "dbs_checked");
	int rc;
	if (!json_is_boolean(v)) {
		struct field_errors fe;
		fielderr_init(&fe);
		fielderr_add(&fe, "dbs_checked", "Say whether the worker's DBS check is recorded: true or false");
		rc = http_problem_fields(resp, 422, "The DBS record needs correcting", &fe);
	} else if (store_begin(req->db) || discharge_worker_set_dbs(req->db, id, json_is_true(v)) != 1 ||
		   http_audit(req, AUDIT_WORKER_DBS, "worker", id, 0, json_is_true(v) ? "checked" : "not checked") ||
		   store_commit(req->db)) {
		rc = http_store_failed(req, resp);
	} else {
		rc = http_reply_json(resp, 200, json_pack("{s:I,s:b}", "id", (json_int_t)id, "dbs_checked", json_is_true(v)));
	}
	json_decref(body);
	return rc;
}

const struct route api_discharge_routes[] = {
	{ "GET", "/api/v1/discharge/board", board_get, PERM_DISCHARGE_BOARD,
	  "Discharge board: referrals with discharge details, expected date, status, worker, home check, first contact "
	  "(?hospital, include_closed)" },
	{ "GET", "/api/v1/referrals/{id}/home-check", home_check_get, PERM_DISCHARGE_BOARD,
	  "A referral's pre-discharge home check (null when it has none)", "referral" },
	{ "POST", "/api/v1/referrals/{id}/home-check/take", home_check_take_h, PERM_CASE_WRITE,
	  "Take a referral's home check (DBS-checked workers of the case's organisation only; 409 with the reason)",
	  "referral" },
	{ "POST", "/api/v1/referrals/{id}/home-check/complete", home_check_complete_h, PERM_CASE_WRITE,
	  "Record the home check done: {outcome, note} (the worker who took it)", "referral" },
	{ "PUT", "/api/v1/workers/{id}/dbs", worker_dbs_put, PERM_WORKER_MANAGE,
	  "Record whether a worker's DBS check is in place: {dbs_checked}", "worker" },
	{ 0 },
};
