/* Case work JSON API, writing: each route reads its body by the record's
 * description (model/case.def) and calls the one operation
 * (ops/casework.c); field errors name the JSON member. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/cases.h"
#include "api/post.h"
#include "core/datetime.h"
#include "http/ops_reply.h"
#include "ops/casework.h"
#include "util/text.h"

/* Reads the members of record r from obj into v (field errors named prefix + member). */
static void json_in(json_t *obj, enum case_rec r, struct case_value *v, const char *prefix, struct field_errors *fe)
{
	int first;
	size_t n = case_record_fields(r, &first);
	for (size_t i = 0; i < n; i++) {
		const struct case_field_def *d = case_field_base(first + (int)i);
		const char *name = case_fields[first + (int)i].name;
		json_t *j = json_object_get(obj, name);
		char f[64];
		snprintf(f, sizeof f, "%s%s", prefix, name);
		if (!j || json_is_null(j))
			continue;
		int is_text = d->kind == CK_TEXT || d->kind == CK_CODE || d->kind == CK_TIME;
		if (is_text && !json_is_string(j)) {
			fielderr_add(fe, f, "%s must be text (a JSON string)", f);
		} else if (is_text) {
			v[i].s = json_string_value(j);
			v[i].given = !text_blank(v[i].s);
			if (d->kind == CK_TIME && dt_parse_iso8601(v[i].s, &v[i].n))
				fielderr_add(fe, f, "Give %s in ISO 8601, like 2026-03-02T10:30:00Z", f);
		} else if (d->kind == CK_BOOL && !json_is_boolean(j)) {
			fielderr_add(fe, f, "%s must be true or false", f);
		} else if (d->kind != CK_BOOL && !json_is_integer(j)) {
			fielderr_add(fe, f, "%s must be a whole number", f);
		} else {
			v[i].n = d->kind == CK_BOOL ? json_is_true(j) : json_integer_value(j);
			v[i].given = 1;
		}
	}
}

/* The assessment's needs: a list of records. */
static void json_needs(json_t *body, struct ops_case_in *in, struct field_errors *fe)
{
	json_t *arr = json_object_get(body, "needs");
	if (arr && !json_is_null(arr) && !json_is_array(arr))
		fielderr_add(fe, "needs", "needs must be a list of {domain, level, note}");
	else if (json_array_size(arr) > CASEWORK_NEEDS_MAX)
		fielderr_add(fe, "needs", "Give at most %d needs, one per area", CASEWORK_NEEDS_MAX);
	for (size_t i = 0; json_is_array(arr) && i < json_array_size(arr) && i < CASEWORK_NEEDS_MAX; i++) {
		char f[32];
		snprintf(f, sizeof f, "needs[%zu]", i);
		if (!json_is_object(json_array_get(arr, i)))
			fielderr_add(fe, f, "Each need must be an object {domain, level, note}");
		strcat(f, ".");
		json_in(json_array_get(arr, i), CR_NEED, in->needs[in->nneeds++], f, fe);
	}
}

/* A measure's instrument, phase, time and answers (a list of whole numbers). */
static void json_measure(json_t *body, struct ops_case_in *in, struct field_errors *fe)
{
	json_t *arr = json_object_get(body, "answers");
	if (!json_is_array(arr))
		fielderr_add(fe, "answers", "Give answers as a list of whole numbers, one per item, in order");
	for (size_t i = 0; json_is_array(arr) && i < json_array_size(arr) && i < INSTRUMENT_ITEMS_MAX; i++) {
		json_t *a = json_array_get(arr, i);
		char f[32];
		snprintf(f, sizeof f, "answers[%zu]", i);
		if (!json_is_integer(a))
			fielderr_add(fe, f, "Answer %zu must be a whole number", i + 1);
		json_int_t x = json_integer_value(a);
		in->answers[in->nanswers++] = x < -1000000 || x > 1000000 ? -1000001 : (int)x;
	}
	in->nanswers = json_is_array(arr) ? json_array_size(arr) : 0;
	json_t *ins = json_object_get(body, "instrument"), *ph = json_object_get(body, "phase"), *at = json_object_get(body, "at");
	in->instrument = json_string_value(ins);
	in->phase = json_string_value(ph);
	if (json_is_string(at)) {
		in->at.given = 1;
		if (dt_parse_iso8601(json_string_value(at), &in->at.n))
			fielderr_add(fe, "at", "Give at in ISO 8601, like 2026-03-02T10:30:00Z");
	}
}

static const struct case_write {
	const char *path; /* after /api/v1/cases/{id}/ */
	enum ops_case_op op;
	const char *title;
	unsigned status;
	const char *sub; /* the second id in the path names */
} case_writes[] = {
	{ "sessions", OPS_CASE_SESSION, "The session cannot be recorded", 201, NULL },
	{ "goals", OPS_CASE_GOAL, "The goal cannot be recorded", 201, NULL },
	{ "goals/{gid}/progress", OPS_CASE_PROGRESS, "The progress cannot be recorded", 201, "goal" },
	{ "assessment", OPS_CASE_ASSESSMENT, "The assessment cannot be saved", 201, NULL },
	{ "onward-referrals", OPS_CASE_ONWARD, "The onward referral cannot be recorded", 201, NULL },
	{ "onward-referrals/{rid}/status", OPS_CASE_ONWARD_STATUS, "The status cannot be changed", 200, "onward referral" },
	{ "unmet-needs", OPS_CASE_UNMET, "The unmet need cannot be recorded", 201, NULL },
	{ "safeguarding", OPS_CASE_CONCERN, "The safeguarding concern cannot be recorded", 201, NULL },
	{ "consents", OPS_CASE_CONSENT, "The consent cannot be recorded", 201, NULL },
	{ "case-studies", OPS_CASE_STUDY, "The case study cannot be recorded", 201, NULL },
	{ "measures", OPS_CASE_MEASURE, "The measure cannot be recorded", 201, NULL },
	{ "close", OPS_CASE_CLOSE, "The case cannot be closed", 200, NULL },
	{ "drop-out", OPS_CASE_DROPOUT, "The case cannot be closed", 200, NULL },
};

/* What the answer says beyond the record's id: what was asked for, and what came of it. */
static void reply_extras(json_t *doc, enum ops_case_op op, const struct ops_case_in *in, const struct ops_case_out *out)
{
	const struct case_value *v = in->v;
	if (op == OPS_CASE_SESSION)
		json_object_update_new(doc, json_pack("{s:s,s:I,s:o}", "mode", v[CASE_I(SESSION, mode)].s,
						      "duration_minutes", (json_int_t)v[CASE_I(SESSION, duration_minutes)].n,
						      "at", api_utc_or_null(out->at)));
	if (op == OPS_CASE_PROGRESS)
		json_object_update_new(doc, json_pack("{s:I,s:I}", "goal_id", (json_int_t)in->record_id, "progress",
						      (json_int_t)v[CASE_I(PROGRESS, progress)].n));
	if (op == OPS_CASE_ASSESSMENT)
		json_object_set_new(doc, "version", json_integer(out->version));
	if (op == OPS_CASE_ONWARD || op == OPS_CASE_ONWARD_STATUS)
		json_object_set_new(doc, "status", json_string(op == OPS_CASE_ONWARD ? "made" : v[CASE_I(ONWARD_STATUS, status)].s));
	if (op == OPS_CASE_DROPOUT)
		json_object_set_new(doc, "attempts", json_integer(out->attempts));
	if (op == OPS_CASE_MEASURE) {
		json_t *ans = json_array();
		for (size_t i = 0; i < in->nanswers && i < INSTRUMENT_ITEMS_MAX; i++)
			json_array_append_new(ans, json_integer(in->answers[i]));
		json_object_update_new(doc, json_pack("{s:s,s:s,s:o,s:o}", "instrument", in->instrument, "phase", in->phase,
						      "answers", ans, "at", api_utc_or_null(out->at)));
		cases_score_json(doc, &out->score);
	}
}

static int case_write(struct http_req *req, struct http_resp *resp)
{
	const struct case_write *cw = NULL;
	for (size_t i = 0; i < sizeof case_writes / sizeof case_writes[0]; i++)
		if (strcmp(req->route->pattern + strlen("/api/v1/cases/{id}/"), case_writes[i].path) == 0)
			cw = &case_writes[i];
	int64_t id = cases_id_or_respond(req, resp), sub = 0;
	if (!cw || id < 0 || (cw->sub && (sub = cases_sub_id_or_respond(req, resp, 1, cw->sub)) < 0))
		return cw ? 0 : -1;
	json_t *body = http_json_body_or_respond(req, resp);
	struct ops_case_in *in = calloc(1, sizeof *in);
	struct field_errors *fe = ops_fielderr_new();
	int rc = -1;
	if (!body || !in || !fe)
		goto done;
	in->record_id = sub;
	if (ops_case_rec[cw->op] != CR__MAX)
		json_in(body, ops_case_rec[cw->op], in->v, "", fe);
	if (cw->op == OPS_CASE_ASSESSMENT)
		json_needs(body, in, fe);
	if (cw->op == OPS_CASE_MEASURE)
		json_measure(body, in, fe);
	struct ops_ctx c = http_ops_ctx(req);
	struct ops_case_out out;
	enum ops_result r = ops_case_write(&c, id, cw->op, in, &out, fe);
	struct casework_summary s;
	if (r == OPS_OK && casework_summary_get(req->db, id, req->now, &s) != 1)
		r = OPS_ERROR;
	if (r == OPS_CONFLICT) {
		rc = http_problem(resp, 409, "Conflict", fe->e[0].message);
	} else if (r != OPS_OK) {
		rc = http_ops_reply(req, resp, r, cw->title, fe);
	} else {
		json_t *doc = json_pack("{s:I,s:I}", "id", (json_int_t)out.id, "case_id", (json_int_t)id);
		reply_extras(doc, cw->op, in, &out);
		json_object_set_new(doc, "case", cases_summary_json(&s));
		rc = http_reply_json(resp, cw->status, doc);
	}
done:
	json_decref(body);
	free(in);
	free(fe);
	return body ? rc : 0;
}

const struct route api_case_write_routes[] = {
	{ "POST", "/api/v1/cases/{id}/sessions", case_write, PERM_CASE_WRITE,
	  "Record a session; members:" CASE_SESSION(CASE_JSON_MEMBER), "case" },
	{ "POST", "/api/v1/cases/{id}/goals", case_write, PERM_CASE_WRITE, "Agree a goal; members:" CASE_GOAL(CASE_JSON_MEMBER), "case" },
	{ "POST", "/api/v1/cases/{id}/goals/{gid}/progress", case_write, PERM_CASE_WRITE,
	  "Record progress on a goal; members:" CASE_PROGRESS(CASE_JSON_MEMBER), "case" },
	{ "POST", "/api/v1/cases/{id}/assessment", case_write, PERM_CASE_WRITE,
	  "Save the holistic assessment (a new version); members:" CASE_ASSESSMENT(CASE_JSON_MEMBER) " needs, a list of objects with"
	  CASE_NEED(CASE_JSON_MEMBER), "case" },
	{ "POST", "/api/v1/cases/{id}/onward-referrals", case_write, PERM_CASE_WRITE,
	  "Refer on to a community service; members:" CASE_ONWARD(CASE_JSON_MEMBER), "case" },
	{ "POST", "/api/v1/cases/{id}/onward-referrals/{rid}/status", case_write, PERM_CASE_WRITE,
	  "Move an onward referral on: {status: accepted|attended|declined|not_available, note}", "case" },
	{ "POST", "/api/v1/cases/{id}/unmet-needs", case_write, PERM_CASE_WRITE,
	  "Record a need that could not be met; members:" CASE_UNMET(CASE_JSON_MEMBER), "case" },
	{ "POST", "/api/v1/cases/{id}/safeguarding", case_write, PERM_CASE_WRITE,
	  "Record a safeguarding concern (never deletable); members:" CASE_CONCERN(CASE_JSON_MEMBER), "case" },
	{ "POST", "/api/v1/cases/{id}/consents", case_write, PERM_CASE_WRITE,
	  "Record consent to represent the person to a third party; members:" CASE_CONSENT(CASE_JSON_MEMBER), "case" },
	{ "POST", "/api/v1/cases/{id}/case-studies", case_write, PERM_CASE_WRITE,
	  "Record a case study with the person's consent (consent true); members:" CASE_STUDY(CASE_JSON_MEMBER), "case" },
	{ "POST", "/api/v1/cases/{id}/measures", case_write, PERM_CASE_WRITE,
	  "Record an outcome measure: {instrument, phase: baseline|follow_up, answers: [..], at}", "case" },
	{ "POST", "/api/v1/cases/{id}/close", case_write, PERM_CASE_WRITE,
	  "Close the case and its referral; members:" CASE_CLOSE(CASE_JSON_MEMBER), "case" },
	{ "POST", "/api/v1/cases/{id}/drop-out", case_write, PERM_CASE_WRITE,
	  "Close as unable to contact after the setting dropout_attempts unsuccessful attempts", "case" },
	{ 0 },
};
