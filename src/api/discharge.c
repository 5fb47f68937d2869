/* Discharge support over JSON: the board for discharge teams, a referral's
 * home check, taking it (DBS-checked workers only) and recording it done,
 * and a manager recording a worker's DBS check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/api.h"
#include "api/post.h"
#include "ops/referrals_access.h"
#include "core/datetime.h"
#include "http/audit_req.h"
#include "http/ops_reply.h"
#include "ops/discharge.h"
#include "util/idlist.h"

static json_t *home_check_json(const struct discharge_row *r, const struct discharge_home_check *hc)
{
	const char *state = discharge_state_code(hc && hc->id ? hc->status : NULL,
						 r && (r->home_check_requested || r->home_check_needed));
	json_t *j = json_pack("{s:s,s:s}", "state", state, "label", discharge_state_label(state));
	if (!hc || !hc->id)
		return j;
	json_object_set_new(j, "id", json_integer(hc->id));
	json_object_set_new(j, "due_at", api_utc_or_null(hc->due_at));
	json_object_set_new(j, "worker", api_id_name(hc->worker_id, hc->worker_name));
	json_object_set_new(j, "volunteer", api_id_name(hc->volunteer_id, hc->volunteer_name));
	json_object_set_new(j, "taken_at", api_utc_or_null(hc->taken_at));
	json_object_set_new(j, "completed_at", api_utc_or_null(!strcmp(hc->status, "done") ? hc->closed_at : 0));
	json_object_set_new(j, "outcome", hc->outcome[0] ? json_string(hc->outcome) : json_null());
	json_object_set_new(j, "note", hc->note[0] ? json_string(hc->note) : json_null());
	return j;
}

static json_t *row_json(const struct discharge_row *r, const struct discharge_home_check *hc, int64_t now)
{
	char day[DT_DATE_LEN];
	json_t *expected = json_null(), *days = json_null();
	if (r->expected_day != DISCHARGE_NO_DAY) {
		dt_format_date(r->expected_day, day);
		expected = json_string(day);
		days = json_integer(discharge_days_to(r->expected_day, now));
	}
	json_t *j = json_pack("{s:I,s:s,s:{s:s,s:s},s:{s:s,s:s},s:s,s:o,s:o,s:s,s:s,s:o,s:o,s:o,s:o,s:b,s:o,s:o}",
			      "referral_id", (json_int_t)r->referral_id, "reference", r->reference, "person", "given_name",
			      r->given_name, "family_name", r->family_name, "hospital", "code", r->hospital_code, "name",
			      r->hospital_name, "ward", r->ward, "expected_discharge_date", expected, "days_to_discharge",
			      days, "status", r->status, "status_label", discharge_status_label(r->status), "tier",
			      r->tier[0] ? json_string(r->tier) : json_null(), "organisation", api_id_name(r->org_id, r->org_name),
			      "worker", api_id_name(r->worker_id, r->worker_name), "first_contact_at",
			      api_utc_or_null(r->first_contact_at), "contact_made", r->first_contact_at > 0, "home_check",
			      home_check_json(r, hc), "sla_due_at", api_utc_or_null(r->sla_due_at));
	return j;
}

struct board_json {
	struct http_req *req;
	json_t *rows;
	struct discharge_home_check *hc;
	int failed;
	struct idlist people;
};

static void board_item(void *ctx, const struct discharge_row *r)
{
	struct board_json *b = ctx;
	idlist_add(&b->people, r->person_id);
	int f = r->home_check_id ? discharge_home_check_get(b->req->db, r->home_check_id, b->hc) : 0;
	if (f < 0)
		b->failed = 1;
	json_array_append_new(b->rows, row_json(r, f > 0 ? b->hc : NULL, b->req->now));
}

static int board_get(struct http_req *req, struct http_resp *resp)
{
	struct discharge_query q;
	struct ops_ctx c = http_ops_ctx(req);
	ops_discharge_query_for(&c, &q);
	q.hospital = http_query(req, "hospital");
	const char *all = http_query(req, "include_closed");
	q.include_closed = all && (!strcmp(all, "true") || !strcmp(all, "1"));
	struct board_json b = { req, json_array(), malloc(sizeof *b.hc), 0, { 0 } };
	if (!b.hc || discharge_board(req->db, &q, board_item, &b) || b.failed) {
		free(b.hc);
		json_decref(b.rows);
		idlist_free(&b.people);
		return http_store_failed(req, resp);
	}
	free(b.hc);
	char detail[48];
	snprintf(detail, sizeof detail, "%zu referrals", json_array_size(b.rows));
	http_audit_people(req, AUDIT_DISCHARGE_BOARD, "board", b.people.v, b.people.n, detail);
	idlist_free(&b.people);
	return http_reply_json(resp, 200, json_pack("{s:o}", "referrals", b.rows));
}

static int home_check_get(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	struct ops_ctx c = http_ops_ctx(req);
	int access = ops_referral_access(&c, id);
	if (access < 0)
		return http_store_failed(req, resp);
	if (access == OPS_REFERRAL_NONE)
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
	struct api_post p;
	int go = api_post_begin(&p, req, resp, 1, NULL, NULL);
	if (go <= 0)
		return go;
	int64_t id = p.id;
	struct discharge_home_check *hc = malloc(sizeof *hc);
	int rc = -1;
	if (!hc)
		goto done;
	enum ops_result r;
	if (complete) {
		json_t *o = json_object_get(p.body, "outcome"), *n = json_object_get(p.body, "note");
		if ((o && !json_is_string(o)) || (n && !json_is_null(n) && !json_is_string(n)))
			fielderr_add(p.fe, o && !json_is_string(o) ? "outcome" : "note", "must be a string");
		r = ops_home_check_complete(&p.c, id, json_string_value(o), json_string_value(n), p.fe);
	} else {
		r = ops_home_check_take(&p.c, id, p.fe);
	}
	if (r != OPS_OK) {
		rc = http_ops_reply(req, resp, r, r == OPS_INVALID ? "The home check needs correcting"
								    : "The home check cannot be changed by you now", p.fe);
		goto done;
	}
	int f = discharge_home_check_of(req->db, id, hc);
	rc = f <= 0 ? http_store_failed(req, resp)
		    : http_reply_json(resp, 200, json_pack("{s:I,s:o}", "referral_id", (json_int_t)id, "home_check",
							   home_check_json(NULL, hc)));
done:
	free(hc);
	return api_post_end(&p, rc);
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
	int64_t id;
	json_t *body = http_id_body_or_respond(req, resp, &id);
	if (!body)
		return 0;
	json_t *v = json_object_get(body, "dbs_checked");
	int dbs = json_is_boolean(v) ? json_is_true(v) : -1;
	json_decref(body);
	struct field_errors *fe = ops_fielderr_new();
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r = fe ? ops_worker_dbs_set(&c, id, dbs, fe) : OPS_ERROR;
	int rc = r == OPS_OK ? http_reply_json(resp, 200, json_pack("{s:I,s:b}", "id", (json_int_t)id, "dbs_checked", dbs))
			     : http_ops_reply(req, resp, r, "The DBS record needs correcting", fe);
	free(fe);
	return rc;
}

const struct route api_discharge_routes[] = {
	{ "GET", "/api/v1/discharge/board", board_get, PERM_DISCHARGE_BOARD,
	  "Discharge board: referrals with discharge details, expected date, status, worker, home check, first contact "
	  "(?hospital, include_closed)", NULL, "hospital include_closed" },
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
