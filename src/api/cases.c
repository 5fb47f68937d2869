/* Case work JSON API, reading: the caseload (GET /api/v1/cases), a case with everything recorded on it and its
 * paired outcome changes (GET /api/v1/cases/{id}), one safeguarding concern; the route table of every case
 * read route (the writes are in cases_write.c, with their own table). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/list_sorts.h"
#include "api/api.h"
#include "api/cases.h"
#include "api/post.h"
#include "api/triage.h"
#include "core/datetime.h"
#include "http/audit_req.h"
#include "http/ops_reply.h"
#include "util/idlist.h"
#include "http/list_query.h"

int64_t cases_id_or_respond(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return -1;
	int64_t org = 0;
	int n = casework_case_org(req->db, id, &org);
	if (n < 0) {
		http_store_failed(req, resp);
		return -1;
	}
	if (n == 0 || org != req->auth.org_id) {
		http_problem(resp, 404, "Not found", "There is no case with that id in your organisation.");
		return -1;
	}
	return id;
}

json_t *cases_points(int x100)
{
	return x100 == INSTRUMENT_NO_TOTAL ? json_null() : json_real(x100 / 100.0);
}

static const char *const ons4_keys[INSTRUMENT_ONS4__MAX] = { "life_satisfaction", "worthwhile", "happiness", "anxiety" };

void cases_score_json(json_t *obj, const struct instrument_score *s)
{
	if (s->id == INSTRUMENT_ONS4) {
		json_t *o = json_object();
		for (int i = 0; i < INSTRUMENT_ONS4__MAX; i++)
			json_object_set_new(o, ons4_keys[i], json_integer(s->ons4[i]));
		json_object_set_new(obj, "raw", json_null());
		json_object_set_new(obj, "score", o);
		return;
	}
	json_object_set_new(obj, "raw", s->raw == INSTRUMENT_NO_TOTAL ? json_null() : json_integer(s->raw));
	json_object_set_new(obj, "score", cases_points(s->score_x100));
}

static json_t *id_name(int64_t id, const char *name)
{
	return id > 0 ? json_pack("{s:I,s:s}", "id", (json_int_t)id, "name", name) : json_null();
}

static json_t *code_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

json_t *cases_summary_json(const struct casework_summary *s)
{
	json_t *o = json_pack("{s:I,s:{s:I,s:s,s:s},s:{s:I,s:s},s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:b}", "id", (json_int_t)s->id,
			      "referral", "id", (json_int_t)s->referral_id, "reference", s->reference, "status",
			      s->referral_status, "person", "id", (json_int_t)s->person_id, "name", s->person_name, "tier",
			      s->tier, "status", s->status, "organisation", id_name(s->org_id, s->org_name), "worker",
			      id_name(s->worker_id, s->worker_name), "opened_at", api_utc_or_null(s->opened_at), "closed_at",
			      api_utc_or_null(s->closed_at), "closure_reason", code_or_null(s->closure_reason), "dropout",
			      s->dropout);
	json_object_set_new(o, "continuing_support",
			    s->continuing_support < 0 ? json_null() : json_boolean(s->continuing_support));
	json_object_set_new(o, "sessions", json_integer(s->sessions));
	json_object_set_new(o, "planned_sessions", json_integer(s->planned_sessions));
	json_object_set_new(o, "last_contact_at", api_utc_or_null(s->last_contact_at));
	json_object_set_new(o, "unsuccessful_attempts_since_contact", json_integer(s->attempts_since_contact));
	json_object_set_new(o, "due", s->due[0] ? json_pack("{s:s,s:o}", "what", s->due, "at", api_utc_or_null(s->due_at))
						 : json_null());
	json_object_set_new(o, "flags", json_pack("{s:b,s:b,s:b}", "safeguarding", s->flags.safeguarding, "discharge",
						  s->flags.discharge, "overdue", s->flags.overdue));
	json_object_set_new(o, "measures", json_pack("{s:b,s:b}", "baseline", s->has_baseline, "follow_up", s->has_follow_up));
	return o;
}

/* o with record rec's values v as members, in model/case.def's order, then the members of rest (taken). */
static json_t *record_json(json_t *o, enum case_rec rec, const struct case_value *v, json_t *rest)
{
	int first;
	size_t n = case_record_fields(rec, &first);
	for (size_t i = 0; i < n; i++) {
		json_t *j;
		switch (case_field_base(first + (int)i)->kind) {
		case CK_TEXT:
			j = json_string(v[i].s ? v[i].s : "");
			break;
		case CK_CODE:
			j = code_or_null(v[i].s);
			break;
		case CK_TIME:
			j = api_utc_or_null(v[i].n);
			break;
		case CK_BOOL:
			j = json_boolean(v[i].n);
			break;
		case CK_INT:
			j = json_integer(v[i].n);
			break;
		default: /* an id */
			j = v[i].given ? json_integer(v[i].n) : json_null();
		}
		json_object_set_new(o, case_fields[first + (int)i].name, j);
	}
	json_object_update_new(o, rest);
	return o;
}

static json_t *assessment_json(const struct casework_case *c)
{
	const struct casework_assessment *a = &c->assessment;
	if (!a->version)
		return json_null();
	json_t *needs = json_array();
	for (size_t i = 0; i < a->nneeds; i++)
		json_array_append_new(needs, record_json(json_object(), CR_NEED, a->needs[i], json_object()));
	return record_json(json_pack("{s:I,s:i,s:i}", "id", (json_int_t)a->id, "version", a->version, "versions",
				     c->assessments),
			   CR_ASSESSMENT, a->v, json_pack("{s:o,s:s,s:o}", "needs", needs, "by", a->by, "at", api_utc_or_null(a->at)));
}

static json_t *id_json(int64_t id)
{
	return json_pack("{s:I}", "id", (json_int_t)id);
}

static json_t *goals_json(const struct casework_case *c)
{
	json_t *list = json_array();
	for (size_t i = 0; i < c->ngoals; i++) {
		const struct casework_goal *g = &c->goals[i];
		json_t *ups = json_array();
		for (size_t k = 0; k < g->nupdates; k++) {
			const struct casework_goal_update *u = &g->updates[k];
			json_array_append_new(ups, record_json(id_json(u->id), CR_PROGRESS, u->v,
							       json_pack("{s:s,s:o}", "by", u->by, "at", api_utc_or_null(u->at))));
		}
		json_array_append_new(list, record_json(id_json(g->id), CR_GOAL, g->v,
							json_pack("{s:s,s:o,s:o,s:o}", "by", g->by, "created_at",
								  api_utc_or_null(g->created_at), "updated_at",
								  api_utc_or_null(g->updated_at), "updates", ups)));
	}
	return list;
}

static json_t *sessions_json(const struct casework_case *c)
{
	json_t *list = json_array();
	for (size_t i = 0; i < c->nsessions; i++) {
		const struct casework_record *s = &c->sessions[i];
		json_array_append_new(list, record_json(json_pack("{s:I,s:i}", "id", (json_int_t)s->id, "number", (int)i + 1),
							CR_SESSION, s->v, json_pack("{s:s}", "by", s->by)));
	}
	return list;
}

static json_t *onward_json(const struct casework_case *c)
{
	json_t *list = json_array();
	for (size_t i = 0; i < c->nonward; i++) {
		const struct casework_onward *o = &c->onward[i];
		json_t *hist = json_array();
		for (size_t k = 0; k < o->nhistory; k++) {
			const struct casework_onward_update *u = &o->history[k];
			json_array_append_new(hist, json_pack("{s:o,s:s,s:s,s:s,s:o}", "from", code_or_null(u->from_status),
							      "to", u->to_status, "note", u->note, "by", u->by, "at",
							      api_utc_or_null(u->at)));
		}
		json_array_append_new(list, record_json(id_json(o->id), CR_ONWARD, o->v,
							json_pack("{s:s,s:s,s:o,s:o,s:o}", "status", o->status, "by", o->by,
								  "made_at", api_utc_or_null(o->made_at), "updated_at",
								  api_utc_or_null(o->updated_at), "history", hist)));
	}
	return list;
}

/* A record of a section (unmet needs, safeguarding, consents, case studies): its id, fields, by and at_key. */
static json_t *section_json(const struct casework_record *x, enum case_rec rec, const char *at_key)
{
	return record_json(id_json(x->id), rec, x->v, json_pack("{s:s,s:o}", "by", x->by, at_key, api_utc_or_null(x->at)));
}

static json_t *section_list(const struct casework_record *x, size_t n, enum case_rec rec, const char *at_key)
{
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, section_json(&x[i], rec, at_key));
	return list;
}

static json_t *others_json(const struct casework_case *c, json_t *doc)
{
	json_object_set_new(doc, "unmet_needs", section_list(c->unmet, c->nunmet, CR_UNMET, "at"));
	json_object_set_new(doc, "safeguarding", section_list(c->concerns, c->nconcerns, CR_CONCERN, "recorded_at"));
	json_object_set_new(doc, "consents", section_list(c->consents, c->nconsents, CR_CONSENT, "recorded_at"));
	json_object_set_new(doc, "case_studies", section_list(c->studies, c->nstudies, CR_STUDY, "at"));
	return doc;
}

static json_t *measure_json(const struct casework_measure *m)
{
	json_t *answers = json_array();
	for (size_t i = 0; i < m->nanswers; i++)
		json_array_append_new(answers, json_integer(m->answers[i]));
	json_t *o = json_pack("{s:I,s:s,s:s,s:o,s:o,s:s}", "id", (json_int_t)m->id, "instrument", m->instrument_code,
			      "phase", m->phase, "answers", answers, "at", api_utc_or_null(m->at), "by", m->by);
	cases_score_json(o, &m->score);
	return o;
}

static const char *direction_code(enum instrument_direction d)
{
	return d == INSTRUMENT_BETTER ? "better" : d == INSTRUMENT_WORSE ? "worse" : "no_meaningful_change";
}

static json_t *pair_json(const struct casework_pair *p)
{
	const struct instrument_def *def = instrument_get(p->instrument);
	json_t *o = json_pack("{s:s,s:s}", "instrument", def->code, "label", def->label);
	json_t *b = json_pack("{s:I,s:o}", "id", (json_int_t)p->baseline->id, "at", api_utc_or_null(p->baseline->at));
	cases_score_json(b, &p->baseline->score);
	json_object_set_new(o, "baseline", b);
	if (!p->follow_up) {
		json_object_set_new(o, "follow_up", json_null());
		json_object_set_new(o, "change", json_null());
		return o;
	}
	json_t *f = json_pack("{s:I,s:o}", "id", (json_int_t)p->follow_up->id, "at", api_utc_or_null(p->follow_up->at));
	cases_score_json(f, &p->follow_up->score);
	json_object_set_new(o, "follow_up", f);
	if (!p->paired) {
		json_object_set_new(o, "change", json_null());
	} else if (p->instrument == INSTRUMENT_ONS4) {
		json_t *ch = json_object();
		for (int i = 0; i < INSTRUMENT_ONS4__MAX; i++)
			json_object_set_new(ch, ons4_keys[i], cases_points(p->change.ons4_x100[i]));
		json_object_set_new(o, "change", ch);
	} else {
		json_object_set_new(o, "change", cases_points(p->change.change_x100));
	}
	if (p->paired && p->instrument == INSTRUMENT_SWEMWBS)
		json_object_set_new(o, "meaningful", json_string(direction_code(p->direction)));
	return o;
}

static json_t *events_json(const struct casework_case *c)
{
	json_t *list = json_array();
	for (size_t i = 0; i < c->nevents; i++) {
		const struct casework_event *e = &c->events[i];
		json_array_append_new(list, json_pack("{s:o,s:s,s:o,s:o,s:s,s:o}", "at", api_utc_or_null(e->at), "kind", e->kind,
						      "from", code_or_null(e->from_status), "to", code_or_null(e->to_status),
						      "detail", e->detail, "snomed", code_or_null(e->snomed)));
	}
	return list;
}

json_t *cases_case_json(const struct casework_case *c)
{
	json_t *doc = cases_summary_json(&c->s);
	json_object_set_new(doc, "assessment", assessment_json(c));
	json_object_set_new(doc, "goals", goals_json(c));
	json_object_set_new(doc, "sessions_list", sessions_json(c));
	json_object_set_new(doc, "onward_referrals", onward_json(c));
	others_json(c, doc);
	json_t *measures = json_array(), *changes = json_array();
	for (size_t i = 0; i < c->nmeasures; i++)
		json_array_append_new(measures, measure_json(&c->measures[i]));
	for (size_t i = 0; i < c->npairs; i++)
		json_array_append_new(changes, pair_json(&c->pairs[i]));
	json_object_set_new(doc, "measures", measures);
	json_object_set_new(doc, "changes", changes);
	json_object_set_new(doc, "events", events_json(c));
	return doc;
}

/* ---- Handlers ---- */

static int is_worker(const struct http_req *req)
{
	return req->auth.role == ROLE_LINK_WORKER || req->auth.role == ROLE_SUPPORT_WORKER;
}

struct case_list {
	json_t *list;
	struct idlist people;
	const struct search_query *search;
	struct page_window w;
};

static void list_row(void *ctx, const struct casework_summary *s)
{
	struct case_list *l = ctx;
	if (!search_person_matches(l->search, s->person_name, s->nhs_number, s->reference) || !page_window_take(&l->w))
		return;
	json_array_append_new(l->list, cases_summary_json(s));
	idlist_add(&l->people, s->person_id);
}

static int cases_list(struct http_req *req, struct http_resp *resp)
{
	struct field_errors *fe = ops_fielderr_new();
	if (!fe)
		return -1;
	const char *status = http_query(req, "status"), *tier = http_query(req, "tier"), *flag = http_query(req, "flag");
	const char *wid = http_query(req, "worker_id");
	struct http_list hl;
	http_list_api(req, caseload_sorts, &hl, fe);
	if (status && *status && strcmp(status, "open") && strcmp(status, "closed") && strcmp(status, "all"))
		fielderr_add(fe, "status", "status must be open, closed or all");
	if (flag && *flag && strcmp(flag, "safeguarding") && strcmp(flag, "discharge") && strcmp(flag, "overdue"))
		fielderr_add(fe, "flag", "flag must be safeguarding, discharge or overdue");
	if (tier && *tier) {
		int has = triage_vocab_has(req->db, "tiers", tier, NULL, 0);
		if (has < 0) {
			free(fe);
			return http_store_failed(req, resp);
		}
		if (!has)
			fielderr_add(fe, "tier", "Choose a tier by its code, like social_prescribing");
	}
	long worker = 0;
	char *end = NULL;
	if (wid && *wid && ((worker = strtol(wid, &end, 10)) < 1 || *end))
		fielderr_add(fe, "worker_id", "worker_id must be a worker's id (a whole number)");
	if (http_input_checked(resp, fe, "The caseload filters are not valid"))
		return 0;
	struct casework_query q = { .worker_id = worker, .org_id = req->auth.org_id, .status = status, .tier = tier,
				    .flag = flag, .limit = PAGE_SCAN_MAX, .sort = hl.sort };
	int64_t own = 0;
	/* A worker's caseload is their own cases (a worker without a worker record has none). */
	if (is_worker(req)) {
		int n = casework_worker_of_user(req->db, req->auth.user_id, &own);
		if (n < 0)
			return http_store_failed(req, resp);
		q.worker_id = n ? own : -1;
	}
	struct case_list l = { json_array(), { 0 }, &hl.search, { 0 } };
	page_window_init(&l.w, hl.cursor, hl.limit);
	json_t *list = l.list;
	int n = casework_caseload(req->db, &q, req->now, list_row, &l);
	n = n < 0 ? n : l.w.taken;
	int64_t dropouts = n < 0 ? -1 : casework_dropout_count(req->db, req->auth.org_id);
	if (n < 0 || dropouts < 0) {
		json_decref(list);
		idlist_free(&l.people);
		return http_store_failed(req, resp);
	}
	http_audit_people(req, AUDIT_CASE_LIST, "case", l.people.v, l.people.n, is_worker(req) ? "caseload" : "organisation");
	idlist_free(&l.people);
	char next[PAGE_CURSOR_LEN];
	page_cursor_format(hl.cursor + hl.limit, next);
	return http_reply_json(resp, 200,
			       json_pack("{s:o,s:i,s:o,s:I,s:i,s:o}", "worker_id", own ? json_integer(own) : json_null(), "count",
					 n, "cases", list, "dropouts", (json_int_t)dropouts, "dropout_attempts",
					 casework_dropout_attempts(req->db), "next_cursor",
					 l.w.more ? json_string(next) : json_null()));
}

static int case_get(struct http_req *req, struct http_resp *resp)
{
	int64_t id = cases_id_or_respond(req, resp);
	if (id < 0)
		return 0;
	struct casework_case *c = malloc(sizeof *c);
	if (!c)
		return -1;
	int n = casework_case_get(req->db, id, req->now, c);
	if (n <= 0) {
		casework_case_free(c);
		free(c);
		return n < 0 ? http_store_failed(req, resp) : http_problem(resp, 404, "Not found", "There is no such case.");
	}
	http_audit(req, AUDIT_CASE_READ, "case", id, c->s.person_id, "");
	json_t *doc = cases_case_json(c);
	json_object_set_new(doc, "dropout_attempts", json_integer(casework_dropout_attempts(req->db)));
	casework_case_free(c);
	free(c);
	return http_reply_json(resp, 200, doc);
}

/* Parses a second id in the path: the id, or -1 after answering 400 when it is not one. */
int64_t cases_sub_id_or_respond(struct http_req *req, struct http_resp *resp, int i, const char *what)
{
	const char *s = http_param(req, i);
	int64_t v = 0;
	if (s && *s && strlen(s) <= 18) {
		const char *p = s;
		for (; *p >= '0' && *p <= '9'; p++)
			v = v * 10 + (*p - '0');
		if (*p == '\0' && v > 0)
			return v;
	}
	char detail[120];
	snprintf(detail, sizeof detail, "The %s id in the address must be a whole number.", what);
	http_problem(resp, 400, "Bad request", detail);
	return -1;
}

static int concern_get(struct http_req *req, struct http_resp *resp)
{
	int64_t id = cases_id_or_respond(req, resp);
	if (id < 0)
		return 0;
	int64_t sid = cases_sub_id_or_respond(req, resp, 1, "safeguarding concern");
	if (sid < 0)
		return 0;
	struct casework_case *c = malloc(sizeof *c);
	if (!c)
		return -1;
	int n = casework_case_get(req->db, id, req->now, c);
	json_t *doc = NULL;
	for (size_t i = 0; n > 0 && i < c->nconcerns; i++)
		if (c->concerns[i].id == sid)
			doc = section_json(&c->concerns[i], CR_CONCERN, "recorded_at");
	int64_t person = c->s.person_id;
	casework_case_free(c);
	free(c);
	if (n < 0)
		return http_store_failed(req, resp);
	if (!doc)
		return http_problem(resp, 404, "Not found", "There is no such safeguarding concern on this case.");
	http_audit(req, AUDIT_CASE_SAFEGUARDING_READ, "case", id, person, "");
	return http_reply_json(resp, 200, doc);
}

const struct route api_cases_routes[] = {
	{ "GET", "/api/v1/cases", cases_list, PERM_CASE_READ,
	  "A worker's caseload, or the organisation's cases (?status=open|closed|all, tier, flag, worker_id, q name, NHS number or "
	  "reference, sort due|name|name-desc|opened|opened-desc|contact|contact-desc, limit, cursor)", NULL,
	  "status tier flag worker_id " HTTP_LIST_API_QUERY },
	{ "GET", "/api/v1/cases/{id}", case_get, PERM_CASE_READ,
	  "A case with its assessment, goals, sessions, onward referrals, unmet needs, safeguarding, consents, case "
	  "studies, measures, paired changes and events",
	  "case" },
	{ "GET", "/api/v1/cases/{id}/safeguarding/{sid}", concern_get, PERM_CASE_READ,
	  "One safeguarding concern (never deletable: any other method is 405)", "case" },
	{ 0 },
};
