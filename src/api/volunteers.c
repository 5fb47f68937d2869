/* Volunteers JSON API: volunteers (coordinators), the volunteer side of
 * community support tasks, matching (dry run and confirmed offers), the
 * 14-day stop's extensions, and a volunteer's own tasks. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/list_sorts.h"
#include "api/api.h"
#include "api/post.h"
#include "api/training.h"
#include "core/datetime.h"
#include "core/londontime.h"
#include "http/audit_req.h"
#include "http/ops_reply.h"
#include "ops/volunteers.h"
#include "store/recruit.h"
#include "util/idlist.h"
#include "http/list_query.h"

#define OFFERS_MAX 500

static const char *stage_code(enum compliance_stage st)
{
	static const char *const codes[COMPLIANCE__MAX] = { "ok", "due_60", "due_30", "due_7", "lapsed" };
	return (unsigned)st < COMPLIANCE__MAX ? codes[st] : "ok";
}

/* JSON helpers */

static json_t *day_or_null(int64_t d)
{
	if (d == COMPLIANCE_NO_DAY)
		return json_null();
	char s[DT_DATE_LEN];
	dt_format_date(d, s);
	return json_string(s);
}

static json_t *skills_json(uint32_t mask)
{
	json_t *a = json_array();
	for (int s = 0; s < MATCH_SKILL__MAX; s++)
		if (mask & (1u << s))
			json_array_append_new(a, json_string(match_skill_code((enum match_skill)s)));
	return a;
}

static json_t *compliance_json(const struct dbs_check *d, int64_t now)
{
	int64_t today = london_local_days(now);
	enum compliance_stage s = compliance_stage_on(d, today);
	int64_t until = compliance_home_visit_until_at(d, now);
	int64_t left = compliance_days_left(d, today);
	json_t *j = json_pack("{s:b,s:s}", "home_visits", until > now, "stage", stage_code(s));
	json_object_set_new(j, "home_visits_until", until > 0 ? api_utc_or_null(until) : json_null());
	json_object_set_new(j, "days_left", left == INT64_MIN ? json_null() : json_integer(left));
	json_object_set_new(j, "reminder_due_on", day_or_null(compliance_reminder_day(d, s)));
	return j;
}

/* Field f of r as JSON (model/volunteer.def's kind says how). */
static json_t *field_json(const struct volunteer_rec *r, enum volunteer_field f)
{
	enum volunteer_kind kind = volunteer_fields[f].kind;
	int64_t i = 0;
	const char *text = NULL;
	int stored = volunteer_field_stored(r, f, &i, &text);
	if (kind == VK_BOOL || kind == VK_KM || kind == VK_COUNT)
		return kind == VK_BOOL ? json_boolean(i) : kind == VK_KM ? json_real((double)i / 1000.0) : json_integer(i);
	if (!stored) /* blank text is "", a blank account, level or date null */
		return kind <= VK_NOTES && kind != VK_ACCOUNT ? json_string("") : json_null();
	return kind == VK_DATE ? day_or_null(i) : json_string(text);
}

/* Sets key ("dbs.level": level in the object dbs) of doc to value. */
static void json_set_path(json_t *doc, const char *key, json_t *value)
{
	const char *dot = strchr(key, '.');
	if (!dot) {
		json_object_set_new(doc, key, value);
		return;
	}
	char outer[32];
	snprintf(outer, sizeof outer, "%.*s", (int)(dot - key), key);
	json_t *o = json_object_get(doc, outer);
	if (!o)
		json_object_set_new(doc, outer, o = json_object());
	json_object_set_new(o, dot + 1, value);
}

static json_t *volunteer_json(const struct volunteer_view *v, int64_t now)
{
	const struct volunteer_rec *r = &v->rec;
	json_t *j = json_pack("{s:I,s:{s:I,s:s},s:s}", "id", (json_int_t)v->id, "organisation", "id",
			      (json_int_t)v->org_id, "name", v->org_name, "area", v->area);
	for (int f = 0; f < VF__MAX; f++)
		json_set_path(j, volunteer_fields[f].key, field_json(r, (enum volunteer_field)f));
	json_t *avail = json_object();
	for (int d = 0; d < 7; d++) {
		char text[VOLUNTEER_DAY_TEXT_MAX];
		volunteer_format_day(r, d, text);
		json_object_set_new(avail, volunteer_day_code[d], json_string(text));
	}
	json_t *off = json_array();
	for (int i = 0; i < r->n_days_off; i++)
		json_array_append_new(off, day_or_null(r->days_off[i]));
	json_t *training = json_array();
	for (int i = 0; i < r->n_training; i++)
		json_array_append_new(training, json_pack("{s:s,s:o,s:n,s:s,s:o}", "module", r->training[i].module,
							  "completed", day_or_null(r->training[i].completed_day), "code",
							  "title", r->training[i].module, "completed_on",
							  day_or_null(r->training[i].completed_day)));
	json_object_set_new(j, "skills", skills_json(r->skills));
	json_object_set_new(j, "availability", avail);
	json_object_set_new(j, "days_off", off);
	json_object_set_new(j, "training", training);
	json_object_set_new(j, "compliance", compliance_json(&r->dbs, now));
	json_object_set_new(j, "created_at", api_utc_or_null(v->created_at));
	json_object_set_new(j, "updated_at", api_utc_or_null(v->updated_at));
	return j;
}

/* Reads JSON into the text form the validator takes. Numbers and booleans
 * become text in the scratch space; strings are borrowed from the document. */
struct json_vin {
	struct volunteer_input in;
	char scratch[16][32];
	int used;
	char days_off[2048];
};

static const char *scalar(struct json_vin *v, json_t *j, const char *path, struct field_errors *fe)
{
	if (!j || json_is_null(j))
		return NULL;
	if (json_is_string(j))
		return json_string_value(j);
	if (v->used >= 16) {
		fielderr_add(fe, path, "could not be read");
		return NULL;
	}
	char *s = v->scratch[v->used++];
	if (json_is_true(j) || json_is_false(j))
		snprintf(s, 32, "%s", json_is_true(j) ? "yes" : "no");
	else if (json_is_integer(j))
		snprintf(s, 32, "%lld", (long long)json_integer_value(j));
	else if (json_is_real(j))
		snprintf(s, 32, "%g", json_real_value(j));
	else {
		fielderr_add(fe, path, "must be a string, a number or true/false, not a list or object");
		return NULL;
	}
	return s;
}

/* Reads training item i ({module, completed}); 1 when there are too many to read more. */
static int training_from_json(struct json_vin *v, size_t i, json_t *item, struct field_errors *fe)
{
	char pm[48], pc[48];
	snprintf(pm, sizeof pm, "training[%zu].module", i);
	snprintf(pc, sizeof pc, "training[%zu].completed", i);
	if (!json_is_object(item))
		return fielderr_add(fe, pm, "must be an object {module, completed}") + 1;
	const char *m = scalar(v, json_object_get(item, "module"), pm, fe);
	const char *c = scalar(v, json_object_get(item, "completed"), pc, fe);
	/* Both blank would be skipped; in JSON that is a mistake. */
	if (!m && !c)
		fielderr_add(fe, pm, "Enter the name of the training module");
	volunteer_input_add(&v->in, pm, m);
	volunteer_input_add(&v->in, pc, c);
	return i >= VOLUNTEER_TRAINING_MAX;
}

/* Reads a volunteer's JSON as the form's (name, value) pairs: the objects
 * dbs and availability give "dbs.level", "availability.tue"; the lists give
 * "skills", "days_off" (joined) and "training[i].module". */
static int volunteer_from_json(json_t *doc, struct json_vin *v, struct field_errors *fe)
{
	memset(v, 0, sizeof *v);
	struct volunteer_input *in = &v->in;
	const char *key, *sub;
	json_t *val, *item;
	size_t i;
	char path[64];
	json_object_foreach(doc, key, val) {
		int dbs = strcmp(key, "dbs") == 0, avail = strcmp(key, "availability") == 0;
		if (json_is_null(val) || !strcmp(key, "id") || !strcmp(key, "organisation") || !strcmp(key, "area") ||
		    !strcmp(key, "compliance") || !strcmp(key, "created_at") || !strcmp(key, "updated_at"))
			continue; /* absent, or read-only fields a client may send back unchanged */
		if ((dbs || avail) && !json_is_object(val)) {
			fielderr_add(fe, key, dbs ? "must be an object: {level, certificate_date, update_service, renewal_date}"
						  : "must be an object of days (mon..sun) and times, like {\"tue\": \"10:00-12:00\"}");
		} else if (dbs || avail) {
			json_object_foreach(val, sub, item) {
				snprintf(path, sizeof path, "%s.%.40s", key, sub);
				if (!volunteer_input_add(in, path, NULL))
					fielderr_add(fe, path, dbs ? "is not a field of a DBS check"
								   : "is not a day: use mon, tue, wed, thu, fri, sat or sun");
				else
					volunteer_input_add(in, path, scalar(v, item, path, fe));
			}
		} else if (!strcmp(key, "skills") || !strcmp(key, "days_off") || !strcmp(key, "training")) {
			if (!json_is_array(val))
				fielderr_add(fe, key, "%s", key[0] == 's'   ? "must be a list of skill codes"
							    : key[0] == 'd' ? "must be a list of dates like \"2026-12-24\""
									    : "must be a list of {module, completed}");
			size_t len = 0;
			json_array_foreach(json_is_array(val) ? val : NULL, i, item) {
				const char *t = json_is_string(item) ? json_string_value(item) : NULL;
				if (key[0] == 's') {
					volunteer_input_add(in, key, t ? t : "");
				} else if (key[0] == 'd') {
					t = !t || strpbrk(t, ",;\n") ? "?" : t;
					int w = snprintf(v->days_off + len, sizeof v->days_off - len, "%s%s", len ? "," : "", t);
					if (w < 0 || (size_t)w >= sizeof v->days_off - len) {
						fielderr_add(fe, "days_off", "Enter up to %d days not available", VOLUNTEER_DAYS_OFF_MAX);
						break;
					}
					len += (size_t)w;
					in->days_off = v->days_off;
				} else if (training_from_json(v, i, item, fe)) {
					break;
				}
			}
		} else if (!volunteer_input_add(in, key, NULL)) {
			fielderr_add(fe, key, "is not a field of a volunteer");
		} else {
			volunteer_input_add(in, key, scalar(v, val, key, fe));
		}
	}
	return fe->n ? -1 : 0;
}

/* Answers a list read: {key: items, count: n} audited as action, or the store's failure (n < 0). */
static int list_reply(struct http_req *req, struct http_resp *resp, int n, json_t *items, const char *key,
		      enum audit_action action, const struct http_list *l, const struct page_window *w)
{
	if (n < 0) {
		json_decref(items);
		return http_store_failed(req, resp);
	}
	if (action != AUDIT__MAX) /* AUDIT__MAX: the caller audited it, naming its people */
		http_audit(req, action, "volunteer", 0, 0, "");
	json_t *doc = json_pack("{s:o,s:i}", key, items, "count", n);
	if (l) {
		char next[PAGE_CURSOR_LEN];
		page_cursor_format(l->cursor + l->limit, next);
		json_object_set_new(doc, "next_cursor", w->more ? json_string(next) : json_null());
	}
	return http_reply_json(resp, 200, doc);
}

/* Volunteers */

struct list_json {
	json_t *items;
	int64_t now;
	const struct search_query *search; /* NULL: every row */
	struct page_window w;
};

static void list_item(void *ctx, const struct volunteer_summary *s)
{
	struct list_json *l = ctx;
	if (l->search && (!search_name_matches(l->search, s->name) || !page_window_take(&l->w)))
		return;
	int64_t now = l->now;
	json_t *j = json_pack("{s:I,s:s,s:s,s:s,s:s,s:o,s:i,s:i,s:b,s:b,s:f,s:o}", "id", (json_int_t)s->id, "name",
			      s->name, "status", volunteer_status_code(s->status), "postcode", s->postcode, "area",
			      s->area, "dbs_level", s->dbs.level ? json_string(dbs_level_code(s->dbs.level)) : json_null(),
			      "max_tasks_per_week", s->max_tasks_per_week, "tasks_next_7_days", s->tasks_this_week,
			      "consent_to_share", s->consent_to_share, "car", s->has_car, "travel_radius_km",
			      s->travel_radius_m / 1000.0, "skills", skills_json(s->skills));
	json_object_set_new(j, "has_account", json_boolean(s->user_id != 0));
	json_t *comp = compliance_json(&s->dbs, now);
	/* The count here; the volunteer's own answer names the modules. */
	json_object_set_new(comp, "training_complete", json_boolean(s->training_missing == 0));
	json_object_set_new(comp, "required_training_missing_count", json_integer(s->training_missing));
	json_object_set_new(j, "compliance", comp);
	json_array_append_new(l->items, j);
}

static int volunteers_list_get(struct http_req *req, struct http_resp *resp)
{
	const char *status = http_query(req, "status");
	struct field_errors *fe = ops_fielderr_new();
	if (!fe)
		return -1;
	if (status && *status && volunteer_status_from_code(status) < 0)
		fielderr_add(fe, "status", "Status must be applicant, active, paused or left");
	struct http_list l;
	http_list_api(req, volunteer_sorts, &l, fe);
	if (http_input_checked(resp, fe, "The filter is not valid"))
		return 0;
	json_t *items = json_array();
	struct list_json ctx = { items, req->now, &l.search, { 0 } };
	page_window_init(&ctx.w, l.cursor, l.limit);
	int n = volunteer_list(req->db, req->auth.org_id, status ? status : "", PAGE_SCAN_MAX, l.sort, req->now,
			       req->now + MATCH_HORIZON_SECONDS, list_item, &ctx);
	return list_reply(req, resp, n < 0 ? n : ctx.w.taken, items, "volunteers", AUDIT_VOLUNTEER_LIST, &l, &ctx.w);
}

static void renewal_item(void *ctx, const struct volunteer_summary *s)
{
	struct list_json *l = ctx;
	int64_t now = l->now;
	json_t *j = json_pack("{s:I,s:s,s:s,s:s,s:o}", "id", (json_int_t)s->id, "name", s->name, "status",
			      volunteer_status_code(s->status), "dbs_level", dbs_level_code(s->dbs.level), "renewal_date",
			      day_or_null(s->dbs.renewal_day));
	json_object_set_new(j, "compliance", compliance_json(&s->dbs, now));
	json_array_append_new(l->items, j);
}

static int volunteers_reminders(struct http_req *req, struct http_resp *resp)
{
	json_t *items = json_array();
	struct list_json ctx = { items, req->now };
	int n = volunteer_renewals(req->db, req->auth.org_id, london_local_days(req->now), renewal_item, &ctx);
	return list_reply(req, resp, n, items, "reminders", AUDIT_VOLUNTEER_REMINDERS, NULL, NULL);
}

static int volunteer_reply(struct http_req *req, struct http_resp *resp, int64_t id, unsigned status)
{
	struct volunteer_view *v = malloc(sizeof *v);
	if (!v)
		return -1;
	struct ops_ctx c = http_ops_ctx(req);
	int f = ops_volunteer_managed(&c, id, v);
	json_t *j = f > 0 ? volunteer_json(v, req->now) : NULL;
	free(v);
	if (!j)
		return http_ops_reply(req, resp, ops_may_see_result(f), "", NULL);
	/* The passport's catalogue modules follow the free-text entries. */
	if (api_training_append(req->db, id, json_object_get(j, "training")) ||
	    api_training_compliance(req->db, id, json_object_get(j, "compliance"))) {
		json_decref(j);
		return http_store_failed(req, resp);
	}
	if (status == 200)
		http_audit(req, AUDIT_VOLUNTEER_READ, "volunteer", id, 0, "");
	return http_reply_json(resp, status, j);
}

static int volunteer_write(struct http_req *req, struct http_resp *resp, int64_t id)
{
	struct ops_ctx c = http_ops_ctx(req);
	/* Not ours: 404 before reading the body, as for a missing record. */
	int f = id ? ops_volunteer_managed(&c, id, NULL) : 1;
	if (f <= 0)
		return http_ops_reply(req, resp, ops_may_see_result(f), "", NULL);
	json_t *body = http_json_body_or_respond(req, resp);
	if (!body)
		return 0;
	struct json_vin *v = malloc(sizeof *v);
	struct field_errors *fe = ops_fielderr_new();
	int64_t out = 0;
	enum ops_result r = OPS_ERROR;
	if (v && fe) {
		/* The JSON's own problems and the fields', in one answer. */
		volunteer_from_json(body, v, fe);
		r = ops_volunteer_save(&c, id, &v->in, fe, &out);
	}
	json_decref(body);
	free(v);
	int rc = r == OPS_OK ? volunteer_reply(req, resp, out, id ? 200 : 201)
			     : http_ops_reply(req, resp, r, "The volunteer's details need correcting", fe);
	if (r == OPS_OK && !id) {
		char loc[64];
		snprintf(loc, sizeof loc, "/api/v1/volunteers/%lld", (long long)out);
		http_header_add(resp, "Location", loc);
	}
	free(fe);
	return rc;
}

static int volunteer_create_h(struct http_req *req, struct http_resp *resp)
{
	return volunteer_write(req, resp, 0);
}

static int volunteer_get_h(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	return id < 0 ? 0 : volunteer_reply(req, resp, id, 200);
}

static int volunteer_put_h(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	return id < 0 ? 0 : volunteer_write(req, resp, id);
}

/* Tasks */

static json_t *task_json(const struct task_view *t, int for_volunteer)
{
	/* A volunteer learns who and where only once they have taken the task on: until then the district. */
	int hidden = for_volunteer && strcmp(t->status, "offered") == 0;
	char outcode[POSTCODE_OUTCODE_LEN] = "";
	if (hidden)
		postcode_outcode(t->postcode, outcode);
	json_t *j = json_pack("{s:I,s:I,s:s,s:s,s:o,s:b,s:s,s:o,s:o,s:i,s:i,s:s}", "id", (json_int_t)t->id, "referral_id",
			      (json_int_t)t->referral_id, "reference", t->reference, "type", t->type, "skills",
			      skills_json(t->skills), "home_visit", t->home_visit, "postcode", hidden ? outcode : t->postcode,
			      "window_start",
			      api_utc_or_null(t->window_from), "window_end", api_utc_or_null(t->window_to), "duration_minutes",
			      t->duration_minutes, "priority", t->priority, "status", t->status);
	json_object_set_new(j, "volunteer", t->volunteer_id ? json_pack("{s:I,s:s}", "id", (json_int_t)t->volunteer_id,
									 "name", t->volunteer_name)
							    : json_null());
	json_object_set_new(j, "match_reason", t->match_reason[0] ? json_string(t->match_reason) : json_null());
	json_object_set_new(j, "offered_at", api_utc_or_null(t->offered_at));
	json_object_set_new(j, "answered_at", api_utc_or_null(t->answered_at));
	json_object_set_new(j, "hours_logged", t->minutes_logged >= 0 ? json_real(t->minutes_logged / 60.0) : json_null());
	json_object_set_new(j, "outcome_note", t->outcome_note[0] ? json_string(t->outcome_note) : json_null());
	json_object_set_new(j, "details", t->details[0] ? json_string(t->details) : json_null());
	json_object_set_new(j, "support_until", api_utc_or_null(t->support_until));
	json_t *person = json_pack("{s:s}", "given_name", t->given_name);
	if (!hidden) {
		json_object_set_new(person, "family_name", json_string(t->family_name));
		json_object_set_new(person, "address", json_string(t->address));
		json_object_set_new(person, "phone", json_string(t->phone));
	}
	json_object_set_new(j, "person", person);
	if (!for_volunteer) {
		json_object_set_new(j, "organisation_id", json_integer(t->org_id));
		json_object_set_new(j, "previous_volunteer_id",
				    t->previous_volunteer_id ? json_integer(t->previous_volunteer_id) : json_null());
	}
	return j;
}

/* 1 when task t is found by search s: its person's name or NHS number, or its referral's reference. */
static int task_found(const struct search_query *s, const struct task_view *t)
{
	char name[820];
	snprintf(name, sizeof name, "%s %s", t->given_name, t->family_name);
	return search_person_matches(s, name, t->nhs_number, t->reference);
}

static void task_item(void *ctx, const struct task_view *t)
{
	void **a = ctx;
	if (a[3] && (!task_found(a[3], t) || !page_window_take(a[4])))
		return;
	json_array_append_new(a[0], task_json(t, a[1] != NULL));
	if (a[2])
		idlist_add(a[2], t->person_id);
}

static int tasks_list_get(struct http_req *req, struct http_resp *resp)
{
	const char *status = http_query(req, "status");
	int ok = !status || !*status;
	for (const char *const *s = task_status_codes; !ok && *s; s++)
		ok = strcmp(*s, status) == 0;
	struct field_errors *fe = ops_fielderr_new();
	if (!fe)
		return -1;
	if (!ok)
		fielderr_add(fe, "status", "Status must be open, offered, accepted, done, missed or cancelled");
	struct http_list l;
	http_list_api(req, task_sorts, &l, fe);
	if (http_input_checked(resp, fe, "The filter is not valid"))
		return 0;
	json_t *items = json_array();
	struct idlist people = { 0 };
	struct page_window w;
	page_window_init(&w, l.cursor, l.limit);
	void *ctx[5] = { items, NULL, &people, &l.search, &w };
	int n = task_list(req->db, req->auth.org_id, status ? status : "", PAGE_SCAN_MAX, l.sort, task_item, ctx);
	if (n >= 0)
		http_audit_people(req, AUDIT_TASK_LIST, "task", people.v, people.n, "");
	idlist_free(&people);
	return list_reply(req, resp, n < 0 ? n : w.taken, items, "tasks", AUDIT__MAX, &l, &w);
}

/* A task the user may see (self: the signed-in volunteer's own) as JSON, or its problem. */
static int task_reply(struct http_req *req, struct http_resp *resp, int64_t id, unsigned status, int self)
{
	struct task_view *t = malloc(sizeof *t);
	if (!t)
		return -1;
	struct ops_ctx c = http_ops_ctx(req);
	int f = self ? ops_task_self(&c, id, t) : ops_task_managed(&c, id, t);
	int rc;
	if (f <= 0) {
		rc = http_ops_reply(req, resp, ops_may_see_result(f), "", NULL);
	} else {
		if (status == 200 && !self)
			http_audit(req, AUDIT_TASK_READ, "task", id, t->person_id, "");
		rc = http_reply_json(resp, status, task_json(t, self));
	}
	free(t);
	return rc;
}

static int task_get_h(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	return id < 0 ? 0 : task_reply(req, resp, id, 200, 0);
}

static const char *json_text(json_t *doc, const char *key, const char *path, struct field_errors *fe)
{
	json_t *j = json_object_get(doc, key);
	if (!j || json_is_null(j))
		return NULL;
	if (!json_is_string(j)) {
		fielderr_add(fe, path, "must be a string");
		return NULL;
	}
	return json_string_value(j);
}

/* A whole number from lo to hi, def when absent (INT64_MIN: required, msg in fe). -1 with msg in fe otherwise. */
static int json_int(json_t *doc, const char *key, int64_t lo, int64_t hi, int64_t def, int64_t *out,
		    struct field_errors *fe, const char *msg)
{
	json_t *j = json_object_get(doc, key);
	*out = def;
	if ((!j || json_is_null(j)) && def != INT64_MIN)
		return 0;
	if (!json_is_integer(j) || json_integer_value(j) < lo || json_integer_value(j) > hi)
		return fielderr_add(fe, key, "%s", msg);
	*out = (int64_t)json_integer_value(j);
	return 0;
}

static void json_bool(json_t *doc, const char *key, int *out, struct field_errors *fe)
{
	json_t *j = json_object_get(doc, key);
	*out = json_is_true(j);
	if (j && !json_is_null(j) && !json_is_boolean(j))
		fielderr_add(fe, key, "must be true or false");
}

static int json_time(json_t *doc, const char *key, int64_t *out, struct field_errors *fe, const char *label)
{
	const char *s = json_text(doc, key, key, fe);
	if (!s) {
		if (!json_object_get(doc, key))
			fielderr_add(fe, key, "Enter %s as an ISO 8601 time, like 2026-12-01T10:00:00Z", label);
		return -1;
	}
	if (dt_parse_iso8601(s, out)) {
		fielderr_add(fe, key, "%c%s must be an ISO 8601 time, like 2026-12-01T10:00:00Z", toupper((unsigned char)label[0]),
			     label + 1);
		return -1;
	}
	return 0;
}

/* Reads the details of a task from JSON (create and update share them);
 * the rules are core/volunteer_task's. 1 when both window times were read. */
static int task_fields(json_t *doc, struct task_new *n, struct field_errors *fe)
{
	n->duration_minutes = 60;
	n->priority = 3;
	n->type = json_text(doc, "type", "type", fe);
	json_t *sk = json_object_get(doc, "skills");
	if (sk && !json_is_null(sk) && !json_is_array(sk))
		fielderr_add(fe, "skills", "must be a list of skill codes");
	const char *codes[MATCH_SKILL__MAX + 1];
	size_t k = 0, i;
	json_t *s;
	json_array_foreach(json_is_array(sk) ? sk : NULL, i, s) {
		if (k > MATCH_SKILL__MAX)
			break;
		codes[k++] = json_string_value(s);
	}
	volunteer_skills_read(codes, k, &n->extra_skills, fe);
	json_bool(doc, "home_visit", &n->home_visit, fe);
	int a = json_time(doc, "window_start", &n->window_from, fe, "the start of the time window");
	int b = json_time(doc, "window_end", &n->window_to, fe, "the end of the time window");
	int64_t v;
	if (!json_int(doc, "duration_minutes", INT32_MIN, INT32_MAX, 60, &v, fe,
		      "Duration must be a whole number of minutes, 0 to 1440"))
		n->duration_minutes = (int)v;
	if (!json_int(doc, "priority", INT32_MIN, INT32_MAX, 3, &v, fe,
		      "Priority must be a whole number from 1 (least urgent) to 5 (most)"))
		n->priority = (int)v;
	n->details = json_text(doc, "details", "details", fe);
	return !a && !b;
}

static int task_create_h(struct http_req *req, struct http_resp *resp)
{
	struct api_post p;
	int go = api_post_begin(&p, req, resp, 0, NULL, NULL);
	if (go <= 0)
		return go;
	struct task_new n = { 0 };
	int64_t weeks = 1, until = 0, ids[TASK_WEEKS_MAX];
	json_int(p.body, "referral_id", 1, INT64_MAX, INT64_MIN, &n.referral_id, p.fe, "Give the referral's id (a whole number)");
	json_int(p.body, "weeks", 1, TASK_WEEKS_MAX, 1, &weeks, p.fe, "Weeks must be a whole number from 1 to 4");
	int windows = task_fields(p.body, &n, p.fe);
	enum ops_result r = ops_task_create(&p.c, &n, windows, weeks < 1 ? 1 : weeks, p.fe, ids, &until);
	int rc;
	if (r != OPS_OK) {
		rc = http_ops_reply(req, resp, r, "The task's details need correcting", p.fe);
	} else {
		json_t *a = json_array();
		for (int64_t k = 0; k < weeks; k++)
			json_array_append_new(a, json_integer(ids[k]));
		rc = http_reply_json(resp, 201, json_pack("{s:o,s:o}", "task_ids", a, "support_until", api_utc_or_null(until)));
	}
	return api_post_end(&p, rc);
}

/* A coordinator's change of a task (update, or an action: cancel, take back, a person's refusal). */
static int task_change(struct http_req *req, struct http_resp *resp, int action)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	struct task_view *t = malloc(sizeof *t);
	struct field_errors *fe = ops_fielderr_new();
	struct ops_ctx c = http_ops_ctx(req);
	json_t *body = NULL;
	int rc = -1;
	if (!t || !fe)
		goto done;
	/* Not ours: 404 before reading the body, as for a missing record. */
	int f = ops_task_managed(&c, id, t);
	if (f <= 0) {
		rc = http_ops_reply(req, resp, ops_may_see_result(f), "", NULL);
		goto done;
	}
	if (!(body = http_json_body_or_respond(req, resp))) {
		rc = 0;
		goto done;
	}
	enum ops_result r;
	if (action < 0) {
		struct task_new n = { 0 };
		int windows = task_fields(body, &n, fe);
		r = ops_task_update(&c, id, &n, windows, fe);
	} else {
		const char *reason = json_text(body, "reason", "reason", fe);
		int64_t vol = 0;
		if (action == TASK_ACTION_PERSON_DECLINED)
			json_int(body, "volunteer_id", 1, INT64_MAX, INT64_MIN, &vol, fe, "Give the volunteer's id");
		r = ops_task_act(&c, id, (enum task_action)action, vol, reason, fe);
	}
	rc = r == OPS_OK ? task_reply(req, resp, id, 201 /* not audited twice */, 0)
			 : http_ops_reply(req, resp, r, r == OPS_CONFLICT ? "The task cannot be changed now"
							  : action < 0	   ? "The task's details need correcting"
									   : "The request needs correcting",
					  fe);
	if (r == OPS_OK)
		resp->status = 200;
done:
	json_decref(body);
	free(t);
	free(fe);
	return rc;
}

static int task_put_h(struct http_req *req, struct http_resp *resp)
{
	return task_change(req, resp, -1);
}

static int task_cancel_h(struct http_req *req, struct http_resp *resp)
{
	return task_change(req, resp, TASK_ACTION_CANCEL);
}

static int task_withdraw_h(struct http_req *req, struct http_resp *resp)
{
	return task_change(req, resp, TASK_ACTION_WITHDRAW);
}

static int task_person_declined_h(struct http_req *req, struct http_resp *resp)
{
	return task_change(req, resp, TASK_ACTION_PERSON_DECLINED);
}

static int support_extension_h(struct http_req *req, struct http_resp *resp)
{
	struct api_post p;
	int go = api_post_begin(&p, req, resp, 0, NULL, NULL);
	if (go <= 0)
		return go;
	int64_t referral_id = 0, until = 0, id = 0;
	json_int(p.body, "referral_id", 1, INT64_MAX, INT64_MIN, &referral_id, p.fe, "Give the referral's id (a whole number)");
	const char *u = json_text(p.body, "until", "until", p.fe), *reason = json_text(p.body, "reason", "reason", p.fe);
	enum ops_result r = ops_support_extend(&p.c, referral_id, u, reason, p.fe, &id, &until);
	return api_post_end(&p, r != OPS_OK ? api_post_failed(&p, r, "The extension needs correcting")
					    : http_reply_json(resp, 201, json_pack("{s:I,s:I,s:o}", "id", (json_int_t)id, "referral_id",
										   (json_int_t)referral_id, "support_until",
										   api_utc_or_null(until))));
}

/* Matching */

static int match_proposals(struct http_req *req, struct http_resp *resp)
{
	struct match_plan p;
	if (match_plan_load(req->db, req->auth.org_id, req->now, 0, 0, &p) || match_plan_run(req->db, &p))
		return http_store_failed(req, resp);
	json_t *items = json_array();
	for (size_t i = 0; i < p.n_tasks; i++) {
		const struct match_result *r = &p.results[i];
		const struct task_view *t = &p.task_info[i];
		json_t *o = json_pack("{s:I,s:s,s:s,s:i,s:b,s:o,s:o,s:s,s:I}", "task_id", (json_int_t)t->id, "reference",
				      t->reference, "type", t->type, "priority", t->priority, "home_visit", t->home_visit,
				      "window_start", api_utc_or_null(t->window_from), "window_end", api_utc_or_null(t->window_to),
				      "reason", r->reason, "cost", (json_int_t)r->cost);
		if (r->volunteer >= 0) {
			const struct match_vol_info *v = &p.vol_info[r->volunteer];
			json_object_set_new(o, "volunteer", json_pack("{s:I,s:s,s:s}", "id", (json_int_t)v->id, "name", v->name,
								      "organisation", v->org_name));
			json_object_set_new(o, "distance_m", json_integer(r->distance_m));
		} else {
			json_object_set_new(o, "volunteer", json_null());
			json_object_set_new(o, "distance_m", json_null());
		}
		json_array_append_new(items, o);
	}
	json_t *doc = json_pack("{s:o,s:I,s:i,s:i,s:i,s:i,s:b}", "proposals", items, "total_cost", (json_int_t)p.total_cost,
				"tasks", (int)p.n_tasks, "assigned", (int)p.n_assigned, "volunteers", (int)p.n_vols,
				"stopped", (int)p.n_stopped, "dry_run", 1);
	match_plan_free(&p);
	http_audit(req, AUDIT_MATCH_DRY_RUN, "task", 0, 0, "");
	return http_reply_json(resp, 200, doc);
}

static int match_offers(struct http_req *req, struct http_resp *resp)
{
	json_t *body = http_json_body_or_respond(req, resp);
	if (!body)
		return 0;
	struct field_errors *fe = ops_fielderr_new();
	int64_t *tasks = calloc(OFFERS_MAX, sizeof *tasks), *vols = calloc(OFFERS_MAX, sizeof *vols);
	char (*names)[40] = calloc(OFFERS_MAX, sizeof *names);
	const char **fields = calloc(OFFERS_MAX, sizeof *fields);
	int rc = -1;
	if (!fe || !tasks || !vols || !names || !fields)
		goto done;
	json_t *offers = json_object_get(body, "offers");
	size_t n = 0, i;
	json_t *o;
	if (!json_is_array(offers) || json_array_size(offers) == 0)
		fielderr_add(fe, "offers", "Give the offers to make as a list of {task_id, volunteer_id}");
	else if (json_array_size(offers) > OFFERS_MAX)
		fielderr_add(fe, "offers", "Give up to %d offers at a time", OFFERS_MAX);
	else
		json_array_foreach(offers, i, o) {
			snprintf(names[i], sizeof names[i], "offers[%zu]", i);
			json_t *t = json_object_get(o, "task_id"), *v = json_object_get(o, "volunteer_id");
			if (!json_is_integer(t) || !json_is_integer(v) || json_integer_value(t) < 1 ||
			    json_integer_value(v) < 1) {
				fielderr_add(fe, names[i], "Each offer needs a task_id and a volunteer_id (whole numbers)");
				continue;
			}
			tasks[n] = (int64_t)json_integer_value(t);
			vols[n] = (int64_t)json_integer_value(v);
			fields[n++] = names[i];
		}
	if (fe->n) {
		rc = http_problem_fields(resp, 422, "The offers need correcting", fe);
		goto done;
	}
	size_t offered = 0;
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r = ops_volunteer_offer(&c, tasks, vols, n, fields, fe, &offered);
	rc = r == OPS_OK ? http_reply_json(resp, 201, json_pack("{s:i}", "offered", (int)offered))
			 : http_ops_reply(req, resp, r, "Some offers cannot be made; none were", fe);
done:
	json_decref(body);
	free(fe);
	free(tasks);
	free(vols);
	free(names);
	free(fields);
	return rc;
}

/* A volunteer's own tasks */

static int my_tasks(struct http_req *req, struct http_resp *resp)
{
	struct ops_ctx c = http_ops_ctx(req);
	int64_t me = 0;
	int f = ops_volunteer_self(&c, &me);
	if (f < 0)
		return http_store_failed(req, resp);
	json_t *items = json_array();
	void *ctx[5] = { items, items, NULL, NULL, NULL };
	int n = f ? task_list_volunteer(req->db, me, 200, task_item, ctx) : 0;
	if (n < 0) {
		json_decref(items);
		return http_store_failed(req, resp);
	}
	http_audit(req, AUDIT_TASK_LIST_OWN, "task", 0, 0, "");
	return http_reply_json(resp, 200, json_pack("{s:o,s:i,s:o}", "tasks", items, "count", n, "volunteer_id",
						    f ? json_integer(me) : json_null()));
}

static int my_answer(struct http_req *req, struct http_resp *resp, int accept)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	struct field_errors *fe = ops_fielderr_new();
	if (!fe)
		return -1;
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r = ops_task_answer(&c, id, accept, fe);
	if (r != OPS_OK) {
		int rc = http_ops_reply(req, resp, r, accept ? "The task cannot be accepted" : "The task cannot be declined", fe);
		free(fe);
		return rc;
	}
	free(fe);
	if (!accept) {
		resp->status = 204;
		return 0;
	}
	return task_reply(req, resp, id, 200, 1);
}

static int my_accept(struct http_req *req, struct http_resp *resp)
{
	return my_answer(req, resp, 1);
}

static int my_decline(struct http_req *req, struct http_resp *resp)
{
	return my_answer(req, resp, 0);
}

static int my_log(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	struct ops_ctx c = http_ops_ctx(req);
	struct task_view t;
	int f = ops_task_self(&c, id, &t);
	if (f <= 0)
		return http_ops_reply(req, resp, ops_may_see_result(f), "", NULL);
	struct api_post p;
	int go = api_post_begin(&p, req, resp, 0, NULL, NULL);
	if (go <= 0)
		return go;
	struct field_errors *fe = p.fe;
	const char *outcome = json_text(p.body, "outcome", "outcome", fe);
	const char *note = json_text(p.body, "note", "note", fe);
	const char *hours = NULL;
	char hbuf[32];
	json_t *h = json_object_get(p.body, "hours");
	if (json_is_string(h))
		hours = json_string_value(h);
	else if (json_is_number(h)) {
		snprintf(hbuf, sizeof hbuf, "%.2f", json_number_value(h));
		hours = hbuf;
	} else if (h && !json_is_null(h))
		fielderr_add(fe, "hours", "must be a number of hours, like 1.5");
	enum ops_result r = fe->n ? OPS_INVALID : ops_task_log(&c, id, outcome, hours, note, fe);
	return api_post_end(&p, r != OPS_OK ? api_post_failed(&p, r, "The log needs correcting") : task_reply(req, resp, id, 200, 1));
}

/* Where to recruit */

static json_t *two_places(double v)
{
	return json_real(floor(v * 100.0 + 0.5) / 100.0);
}

static json_t *recruit_line_json(const struct recruit_line *l, size_t rank)
{
	const struct recruit_group *g = &l->g;
	json_t *j = json_pack("{s:s,s:s,s:I,s:o,s:o,s:I,s:I,s:o,s:o,s:o,s:I,s:I}", "code", l->code, "name", l->name, "tasks",
			      (json_int_t)g->tasks, "tasks_per_week", two_places(g->tasks_per_week), "hours_per_week",
			      two_places(g->hours_per_week), "unmatched", (json_int_t)g->unmatched, "volunteers",
			      (json_int_t)g->volunteers, "supply_hours_per_week", two_places(g->supply_hours_per_week),
			      "tasks_per_volunteer_week", two_places(g->per_volunteer), "answered_within_target",
			      two_places(g->answered_now), "needed", (json_int_t)g->needed, "gap", (json_int_t)g->gap);
	if (rank)
		json_object_set_new(j, "rank", json_integer((json_int_t)rank));
	if (l->parent[0])
		json_object_set_new(j, "area", json_string(l->parent));
	return j;
}

static int recruit_get(struct http_req *req, struct http_resp *resp)
{
	struct recruit_report *r = malloc(sizeof *r);
	if (!r)
		return -1;
	if (recruit_report_load(req->db, req->now, r)) {
		free(r);
		return http_store_failed(req, resp);
	}
	json_t *areas = json_array(), *clusters = json_array();
	for (size_t i = 0; i < r->n_areas; i++)
		json_array_append_new(areas, recruit_line_json(&r->areas[r->area_order[i]], i + 1));
	for (size_t i = 0; i <= r->n_clusters; i++)
		json_array_append_new(clusters, recruit_line_json(&r->clusters[r->cluster_order[i]], i + 1));
	json_t *doc = json_pack("{s:{s:o,s:o,s:i},s:{s:f,s:f},s:o,s:o,s:o}", "period", "from", api_utc_or_null(r->from), "to",
				api_utc_or_null(r->to), "weeks", r->params.weeks, "target", "share", r->params.target_share,
				"hours", r->params.target_hours, "areas", areas, "clusters", clusters, "total",
				recruit_line_json(&r->total, 0));
	free(r);
	http_audit(req, AUDIT_RECRUIT_READ, "report", 0, 0, "");
	return http_reply_json(resp, 200, doc);
}

const struct route api_volunteer_routes[] = {
	{ "GET", "/api/v1/volunteers", volunteers_list_get, PERM_VOLUNTEER_MANAGE,
	  "Your organisation's volunteers with DBS compliance (?status, q name, sort name|name-desc|tasks|tasks-desc, limit, "
	  "cursor)", NULL, "status " HTTP_LIST_API_QUERY },
	{ "POST", "/api/v1/volunteers", volunteer_create_h, PERM_VOLUNTEER_MANAGE, "Add a volunteer (fields in docs/VOLUNTEERS.md)" },
	{ "GET", "/api/v1/volunteers/reminders", volunteers_reminders, PERM_VOLUNTEER_MANAGE,
	  "DBS renewals due within 60 days (reminders at 60, 30 and 7 days) and lapsed checks" },
	{ "GET", "/api/v1/volunteers/recruit", recruit_get, PERM_RECRUIT_READ,
	  "Where to recruit: demand, compliant supply, unmatched tasks and volunteers needed per area and GP cluster, ranked" },
	{ "GET", "/api/v1/volunteers/{id}", volunteer_get_h, PERM_VOLUNTEER_MANAGE, "A volunteer of your organisation", "volunteer" },
	{ "PUT", "/api/v1/volunteers/{id}", volunteer_put_h, PERM_VOLUNTEER_MANAGE, "Replace a volunteer's details", "volunteer" },
	{ "GET", "/api/v1/tasks", tasks_list_get, PERM_VOLUNTEER_MANAGE,
	  "Community support tasks of your organisation's cases (?status, q name, NHS number or reference, sort "
	  "newest|oldest|name|name-desc|volunteer|volunteer-desc, limit, cursor)", NULL, "status " HTTP_LIST_API_QUERY },
	{ "POST", "/api/v1/tasks", task_create_h, PERM_VOLUNTEER_MANAGE,
	  "Plan tasks for a community support referral: {referral_id, type, skills, home_visit, window_start, window_end, "
	  "duration_minutes, priority, details, weeks}" },
	{ "GET", "/api/v1/tasks/{id}", task_get_h, PERM_VOLUNTEER_MANAGE, "A task of your organisation", "task" },
	{ "PUT", "/api/v1/tasks/{id}", task_put_h, PERM_VOLUNTEER_MANAGE, "Change an open task's details", "task" },
	{ "POST", "/api/v1/tasks/{id}/cancel", task_cancel_h, PERM_VOLUNTEER_MANAGE, "Cancel a task: {reason}", "task" },
	{ "POST", "/api/v1/tasks/{id}/withdraw", task_withdraw_h, PERM_VOLUNTEER_MANAGE,
	  "Take an offer (or an accepted task) back from its volunteer: {reason}", "task" },
	{ "POST", "/api/v1/tasks/{id}/person-declined", task_person_declined_h, PERM_VOLUNTEER_MANAGE,
	  "The person does not want this volunteer again: {volunteer_id, reason}", "task" },
	{ "POST", "/api/v1/support-extensions", support_extension_h, PERM_VOLUNTEER_MANAGE,
	  "Extend community support past 14 days: {referral_id, until (last day), reason}" },
	{ "GET", "/api/v1/match/proposals", match_proposals, PERM_MATCH_RUN,
	  "Dry run of matching on your open tasks: each proposed offer with its reason (nothing stored)" },
	{ "POST", "/api/v1/match/offers", match_offers, PERM_MATCH_RUN,
	  "Confirm offers: {offers: [{task_id, volunteer_id}]}, each checked again; all or none" },
	{ "GET", "/api/v1/my/tasks", my_tasks, PERM_VOLUNTEER_SELF, "The signed-in volunteer's offered, accepted and past tasks" },
	{ "POST", "/api/v1/my/tasks/{id}/accept", my_accept, PERM_VOLUNTEER_SELF, "Accept an offered task", "task" },
	{ "POST", "/api/v1/my/tasks/{id}/decline", my_decline, PERM_VOLUNTEER_SELF, "Decline an offered task", "task" },
	{ "POST", "/api/v1/my/tasks/{id}/log", my_log, PERM_VOLUNTEER_SELF,
	  "Log an accepted task: {outcome: done|missed, hours, note}", "task" },
	{ 0 },
};
