/* Volunteer use cases: saving a volunteer, offering tasks, and a volunteer's
 * own answers and logs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/londontime.h"
#include "ops/volunteers.h"
#include "store/discharge.h"

enum ops_result ops_volunteer_save(const struct ops_ctx *c, int64_t id, const struct volunteer_input *in,
				   struct field_errors *fe, int64_t *out_id)
{
	struct volunteer_rec *rec = malloc(sizeof *rec);
	if (!rec)
		return OPS_ERROR;
	int64_t user_id = 0;
	double lat = 0, lon = 0;
	enum ops_result r = id ? ops_may_see_result(ops_volunteer_managed(c, id, NULL)) : OPS_OK;
	if (r != OPS_OK)
		goto done;
	/* The database's checks too (district, account), so one answer names every problem. */
	if (volunteer_validate(in, london_local_days(c->now), rec, fe) || fe->n) {
		r = volunteer_check_refs(c->db, rec, c->org_id, id, &user_id, &lat, &lon, fe) < 0 ? OPS_ERROR : OPS_INVALID;
		goto done;
	}
	if ((r = ops_begin(c)) != OPS_OK)
		goto done;
	int refs = volunteer_check_refs(c->db, rec, c->org_id, id, &user_id, &lat, &lon, fe);
	if (refs) {
		r = ops_fail(c, refs < 0 ? OPS_ERROR : OPS_INVALID);
		goto done;
	}
	int creating = id == 0;
	if (creating ? volunteer_create(c->db, c->org_id, user_id, lat, lon, rec, c->now, &id)
		     : volunteer_update(c->db, id, user_id, lat, lon, rec, c->now)) {
		r = ops_fail(c, OPS_ERROR);
		goto done;
	}
	r = ops_commit_audited(c, creating ? AUDIT_VOLUNTEER_CREATE : AUDIT_VOLUNTEER_UPDATE, "volunteer", id, 0,
			       volunteer_status_code(rec->status));
	*out_id = id;
done:
	free(rec);
	return r;
}

enum ops_result ops_volunteer_offer(const struct ops_ctx *c, const int64_t *task_ids, const int64_t *vol_ids, size_t n,
				    const char *const *fields, struct field_errors *fe, size_t *offered)
{
	*offered = 0;
	if (ops_begin(c) != OPS_OK)
		return OPS_ERROR;
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < i; k++)
			if (task_ids[k] == task_ids[i]) {
				fielderr_add(fe, fields[i], "Task %lld is listed twice; offer each task once",
					     (long long)task_ids[i]);
				goto next;
			}
		char reason[MATCH_EXPLAIN_MAX];
		int ok = match_offer_check(c->db, c->org_id, task_ids[i], vol_ids[i], c->now, reason, sizeof reason);
		if (ok < 0)
			return ops_fail(c, OPS_ERROR);
		if (!ok) {
			fielderr_add(fe, fields[i], "Task %lld cannot be offered to volunteer %lld: %s", (long long)task_ids[i],
				     (long long)vol_ids[i], reason);
			continue;
		}
		if (fe->n)
			continue; /* nothing will be stored; keep checking the rest */
		struct task_view t;
		int r = task_get(c->db, task_ids[i], &t);
		int done = r == 1 ? task_offer(c->db, task_ids[i], vol_ids[i], reason, c->user_id, c->now) : -1;
		if (done == 0) {
			/* Someone else offered it between the check and now (PostgreSQL's row lock re-checks the status). */
			fielderr_add(fe, fields[i], "Task %lld was offered by someone else a moment ago; run matching again",
				     (long long)task_ids[i]);
			continue;
		}
		char detail[96];
		snprintf(detail, sizeof detail, "volunteer %lld", (long long)vol_ids[i]);
		if (done < 0 || ops_audit(c, AUDIT_TASK_OFFER, "task", task_ids[i], t.person_id, detail))
			return ops_fail(c, OPS_ERROR);
		(*offered)++;
	next:;
	}
	if (fe->n || fe->dropped) {
		*offered = 0;
		return ops_fail(c, OPS_INVALID);
	}
	return store_commit(c->db) ? ops_fail(c, OPS_ERROR) : OPS_OK;
}

/* A status change of c's volunteer's task that found it changed meanwhile (n 0). */
static enum ops_result changed(const struct ops_ctx *c, int n, struct field_errors *fe, const char *while_)
{
	if (n < 0)
		return ops_fail(c, OPS_ERROR);
	fielderr_add(fe, "status", "This task changed while you were %s; look at it again", while_);
	return ops_fail(c, OPS_CONFLICT);
}

/* An offered task answered by its volunteer, or by a coordinator on their behalf (detail says which). */
static enum ops_result answer(const struct ops_ctx *c, const struct task_view *t, int accept, const char *detail,
			      struct field_errors *fe)
{
	if (strcmp(t->status, "offered") != 0) {
		fielderr_add(fe, "status", "This task is %s, so it cannot be %s now", task_status_label(t->status),
			     accept ? "accepted" : "declined");
		return OPS_CONFLICT;
	}
	/* A DBS check can lapse between the offer and the answer: a home visit is checked again. */
	if (accept && t->home_visit) {
		int ok = discharge_volunteer_dbs_ok(c->db, t->volunteer_id, c->now, t->window_to);
		if (ok < 0)
			return OPS_ERROR;
		if (!ok) {
			fielderr_add(fe, "dbs", "This is a home visit and the volunteer's DBS check does not cover it (an "
						"enhanced check, valid until after the visit, is needed)");
			return OPS_CONFLICT;
		}
	}
	if (ops_begin(c) != OPS_OK)
		return OPS_ERROR;
	int n = accept ? task_accept(c->db, t->id, t->volunteer_id, c->now)
		       : task_decline(c->db, t->id, t->volunteer_id, c->now);
	if (n != 1)
		return changed(c, n, fe, "answering");
	return ops_commit_audited(c, accept ? AUDIT_TASK_ACCEPT : AUDIT_TASK_DECLINE, "task", t->id, t->person_id, detail);
}

enum ops_result ops_task_answer(const struct ops_ctx *c, int64_t task_id, int accept, struct field_errors *fe)
{
	struct task_view t;
	enum ops_result r = ops_may_see_result(ops_task_self(c, task_id, &t));
	return r != OPS_OK ? r : answer(c, &t, accept, "", fe);
}

/* An accepted task's log, by its volunteer or on their behalf. */
static enum ops_result log_task(const struct ops_ctx *c, const struct task_view *t, const char *outcome,
				const char *hours, const char *note, const char *by, struct field_errors *fe)
{
	int done, minutes;
	volunteer_log_check(outcome, hours, note, &done, &minutes, fe);
	if (!fe->n)
		volunteer_log_when_check(done, t->window_from, c->now, fe);
	if (fe->n)
		return OPS_INVALID;
	if (strcmp(t->status, "accepted") != 0) {
		fielderr_add(fe, "status", "This task is %s; only an accepted task can be logged", task_status_label(t->status));
		return OPS_CONFLICT;
	}
	if (ops_begin(c) != OPS_OK)
		return OPS_ERROR;
	int n = task_log(c->db, t->id, t->volunteer_id, done, minutes, note, c->now);
	if (n != 1)
		return changed(c, n, fe, "logging it");
	char detail[48];
	snprintf(detail, sizeof detail, "%s%s", done ? "done" : "missed", by);
	return ops_commit_audited(c, AUDIT_TASK_LOG, "task", t->id, t->person_id, detail);
}

enum ops_result ops_task_hand_back(const struct ops_ctx *c, int64_t task_id, struct field_errors *fe)
{
	struct task_view t;
	enum ops_result r = ops_may_see_result(ops_task_self(c, task_id, &t));
	if (r != OPS_OK)
		return r;
	if (strcmp(t.status, "accepted") != 0) {
		fielderr_add(fe, "status", "This task is %s; only a task you accepted can be handed back",
			     task_status_label(t.status));
		return OPS_CONFLICT;
	}
	if (ops_begin(c) != OPS_OK)
		return OPS_ERROR;
	int n = task_reopen(c->db, task_id, "accepted", t.volunteer_id, c->now);
	if (n == 1 && task_decline_record(c->db, task_id, t.volunteer_id, c->now) < 0)
		n = -1;
	if (n != 1)
		return changed(c, n, fe, "handing it back");
	return ops_commit_audited(c, AUDIT_TASK_HAND_BACK, "task", task_id, t.person_id, "");
}

enum ops_result ops_task_log(const struct ops_ctx *c, int64_t task_id, const char *outcome, const char *hours,
			     const char *note, struct field_errors *fe)
{
	struct task_view t;
	enum ops_result r = ops_may_see_result(ops_task_self(c, task_id, &t));
	return r != OPS_OK ? r : log_task(c, &t, outcome, hours, note, "", fe);
}

/* A task c's organisation manages whose volunteer, of c's organisation, has
 * no account of their own: OPS_OK, else what to answer. */
static enum ops_result behalf_ok(const struct ops_ctx *c, int64_t task_id, struct task_view *t, struct field_errors *fe)
{
	enum ops_result r = ops_may_see_result(ops_task_managed(c, task_id, t));
	if (r != OPS_OK)
		return r;
	if (!t->volunteer_id) {
		fielderr_add(fe, "status", "This task is %s and has no volunteer", task_status_label(t->status));
		return OPS_CONFLICT;
	}
	struct volunteer_view *v = malloc(sizeof *v);
	if (!v)
		return OPS_ERROR;
	int n = volunteer_get(c->db, t->volunteer_id, v);
	if (n < 0)
		r = OPS_ERROR;
	else if (n == 0 || v->org_id != c->org_id)
		r = OPS_CONFLICT, fielderr_add(fe, "volunteer_id", "Only a volunteer of your own organisation can be recorded for");
	else if (v->user_id)
		r = OPS_CONFLICT, fielderr_add(fe, "volunteer_id", "%s has their own account and answers on My tasks", v->rec.name);
	free(v);
	return r;
}

enum ops_result ops_task_answer_behalf(const struct ops_ctx *c, int64_t task_id, int accept, struct field_errors *fe)
{
	struct task_view *t = malloc(sizeof *t);
	if (!t)
		return OPS_ERROR;
	enum ops_result r = behalf_ok(c, task_id, t, fe);
	if (r == OPS_OK)
		r = answer(c, t, accept, "on behalf of the volunteer", fe);
	free(t);
	return r;
}

enum ops_result ops_task_log_behalf(const struct ops_ctx *c, int64_t task_id, const char *outcome, const char *hours,
				    const char *note, struct field_errors *fe)
{
	struct task_view *t = malloc(sizeof *t);
	if (!t)
		return OPS_ERROR;
	enum ops_result r = behalf_ok(c, task_id, t, fe);
	if (r == OPS_OK)
		r = log_task(c, t, outcome, hours, note, " on behalf", fe);
	free(t);
	return r;
}
