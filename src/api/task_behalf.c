/* A coordinator's records for a volunteer who has no account (told by
 * phone): the answer to an offer and the log of a task; and the volunteer
 * hours totals by volunteer, organisation, area or month. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/api.h"
#include "api/post.h"
#include "core/datetime.h"
#include "core/londontime.h"
#include "core/triage_check.h"
#include "http/ops_reply.h"
#include "ops/volunteers.h"
#include "store/vol_hours.h"

static int reply(struct http_req *req, struct http_resp *resp, enum ops_result r, int64_t id, const char *title,
		 struct field_errors *fe)
{
	if (r != OPS_OK)
		return http_ops_reply(req, resp, r, title, fe);
	struct task_view *t = malloc(sizeof *t);
	if (!t)
		return -1;
	struct ops_ctx c = http_ops_ctx(req);
	int f = ops_task_managed(&c, id, t);
	int rc = f == 1 ? http_reply_json(resp, 200, json_pack("{s:I,s:s,s:I,s:i}", "id", (json_int_t)id, "status", t->status,
								 "volunteer_id", (json_int_t)t->volunteer_id,
								 "minutes_logged", t->minutes_logged))
			: http_store_failed(req, resp);
	free(t);
	return rc;
}

static int answer_post(struct http_req *req, struct http_resp *resp)
{
	struct api_post p;
	int go = api_post_begin(&p, req, resp, 1, "accept", "an answer (give accept: true or false)");
	if (go <= 0)
		return go;
	json_t *a = json_object_get(p.body, "accept");
	if (!json_is_boolean(a))
		fielderr_add(p.fe, "accept", "Say whether the volunteer accepts: accept true or false");
	enum ops_result r = p.fe->n ? OPS_INVALID : ops_task_answer_behalf(&p.c, p.id, json_is_true(a), p.fe);
	return api_post_end(&p, reply(req, resp, r, p.id, "The answer cannot be recorded", p.fe));
}

static int log_post(struct http_req *req, struct http_resp *resp)
{
	struct api_post p;
	int go = api_post_begin(&p, req, resp, 1, "outcome hours note", "a task's log (give outcome, hours, note)");
	if (go <= 0)
		return go;
	const char *outcome = api_post_text(&p, "outcome", 1), *hours = api_post_text(&p, "hours", 1),
		   *note = api_post_text(&p, "note", 1);
	enum ops_result r = p.fe->n ? OPS_INVALID : ops_task_log_behalf(&p.c, p.id, outcome, hours, note, p.fe);
	return api_post_end(&p, reply(req, resp, r, p.id, "The log cannot be recorded", p.fe));
}

static int hours_get(struct http_req *req, struct http_resp *resp)
{
	struct field_errors *fe = ops_fielderr_new();
	if (!fe)
		return -1;
	int64_t from_day, to_day;
	triage_check_period(http_query(req, "from"), http_query(req, "to"), london_local_days(req->now), &from_day, &to_day,
			    fe);
	const char *b = http_query(req, "by");
	int by = b && *b ? vol_hours_by_of(b) : VOL_HOURS_VOLUNTEER;
	if (by < 0)
		fielderr_add(fe, "by", "Choose how to group the hours: volunteer, organisation, area or month");
	if (fe->n) {
		int rc = http_ops_reply(req, resp, OPS_INVALID, "The period or grouping needs correcting", fe);
		free(fe);
		return rc;
	}
	free(fe);
	struct vol_hours h;
	if (vol_hours_load(req->db, req->auth.org_id, london_midnight_utc(from_day), london_midnight_utc(to_day + 1),
			   (enum vol_hours_by)by, &h))
		return http_store_failed(req, resp);
	json_t *rows = json_array();
	for (size_t i = 0; i < h.n; i++)
		json_array_append_new(rows, json_pack("{s:s,s:s,s:I,s:I,s:f}", "key", h.g[i].key, "label", h.g[i].label, "tasks",
						      (json_int_t)h.g[i].tasks, "minutes", (json_int_t)h.g[i].minutes,
						      "hours", h.g[i].minutes / 60.0));
	char f[DT_DATE_LEN], t[DT_DATE_LEN];
	dt_format_date(from_day, f);
	dt_format_date(to_day, t);
	json_t *doc = json_pack("{s:s,s:s,s:s,s:o,s:I,s:I}", "by", vol_hours_by_code((enum vol_hours_by)by), "from", f, "to",
				t, "rows", rows, "tasks", (json_int_t)h.tasks, "minutes", (json_int_t)h.minutes);
	vol_hours_free(&h);
	return http_reply_json(resp, 200, doc);
}

const struct route api_task_behalf_routes[] = {
	{ "POST", "/api/v1/tasks/{id}/answer", answer_post, PERM_VOLUNTEER_MANAGE,
	  "Record a volunteer's answer to an offer on their behalf (a volunteer of your organisation without an account) "
	  "{accept} -> 200 {id, status, volunteer_id, minutes_logged}", "task" },
	{ "POST", "/api/v1/tasks/{id}/log", log_post, PERM_VOLUNTEER_MANAGE,
	  "Record what happened on an accepted task on the volunteer's behalf {outcome: done|missed, hours, note} -> 200 "
	  "{id, status, volunteer_id, minutes_logged}", "task" },
	{ "GET", "/api/v1/volunteer-hours", hours_get, PERM_VOLUNTEER_MANAGE,
	  "Hours your volunteers gave on tasks done in a period, by volunteer, organisation (of the case), area or month "
	  "-> 200 {by, from, to, rows[{key, label, tasks, minutes, hours}], tasks, minutes}", NULL, "from to by" },
	{ 0 },
};
