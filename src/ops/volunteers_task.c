/* Task use cases of a volunteer coordinator: planning tasks for a community
 * support referral, changing, cancelling and taking them back, and
 * extending support past its 14 days. */
#include <stdio.h>
#include <string.h>
#include "core/londontime.h"
#include "ops/volunteers.h"

static void support_stop_error(struct field_errors *fe, const char *field, int64_t until)
{
	char when[LONDON_FORMAT_LEN];
	london_format(until, when);
	fielderr_add(fe, field,
		     "Community support stops on %s (%d days after it started); a coordinator can extend it with POST "
		     "/api/v1/support-extensions",
		     when, SUPPORT_DAYS);
}

/* The community support referral whose case c's organisation holds: 1, 0 (fe
 * says why, as field referral_id), -1 store error. */
static int referral_managed(const struct ops_ctx *c, int64_t referral_id, struct task_referral *ref,
			    struct field_errors *fe)
{
	int f = task_referral_get(c->db, referral_id, ref);
	if (f < 0)
		return -1;
	if (f == 0 || ref->org_id != c->org_id)
		return fielderr_add(fe, "referral_id", "There is no referral with this id whose case your organisation "
						       "holds") + 1;
	if (strcmp(ref->tier, "community_support") != 0)
		return fielderr_add(fe, "referral_id", "Volunteer tasks are for community support; this referral's tier is %s",
				    ref->tier[0] ? ref->tier : "not decided") + 1;
	return 1;
}

enum ops_result ops_task_create(const struct ops_ctx *c, const struct task_new *n, int windows_ok, int64_t weeks,
				struct field_errors *fe, int64_t ids[TASK_WEEKS_MAX], int64_t *until)
{
	struct task_referral ref;
	volunteer_task_check(n, windows_ok, c->now, fe);
	int f = n->referral_id > 0 ? referral_managed(c, n->referral_id, &ref, fe) : 0;
	if (f < 0)
		return OPS_ERROR;
	if (f > 0 && (strcmp(ref.status, "closed") == 0 || strcmp(ref.status, "rejected") == 0 ||
		      strcmp(ref.status, "withdrawn") == 0))
		fielderr_add(fe, "referral_id", "This referral is %s; open it again before planning more support", ref.status);
	if (fe->n || f == 0)
		return OPS_INVALID;
	*until = task_referral_support_until(&ref, c->now);
	if (n->window_from + (weeks - 1) * 7 * 86400 >= *until) {
		support_stop_error(fe, weeks > 1 ? "weeks" : "window_start", *until);
		return OPS_INVALID;
	}
	if (ops_begin(c) != OPS_OK)
		return OPS_ERROR;
	struct task_new w = *n;
	w.case_id = ref.case_id;
	w.postcode = ref.postcode;
	for (int64_t k = 0; k < weeks && k < TASK_WEEKS_MAX; k++) {
		w.window_from = n->window_from + k * 7 * 86400;
		w.window_to = n->window_to + k * 7 * 86400;
		if (task_create(c->db, &w, c->now, &ids[k]) ||
		    ops_audit(c, AUDIT_TASK_CREATE, "task", ids[k], ref.person_id, n->type))
			return ops_fail(c, OPS_ERROR);
	}
	return store_commit(c->db) ? ops_fail(c, OPS_ERROR) : OPS_OK;
}

enum ops_result ops_task_update(const struct ops_ctx *c, int64_t id, const struct task_new *n, int windows_ok,
				struct field_errors *fe)
{
	struct task_view t;
	enum ops_result r = ops_may_see_result(ops_task_managed(c, id, &t));
	if (r != OPS_OK)
		return r;
	volunteer_task_check(n, windows_ok, c->now, fe);
	if (fe->n)
		return OPS_INVALID;
	if (n->window_from >= t.support_until) {
		support_stop_error(fe, "window_start", t.support_until);
		return OPS_INVALID;
	}
	struct task_new w = *n;
	w.postcode = t.postcode;
	if (ops_begin(c) != OPS_OK)
		return OPS_ERROR;
	int u = task_update(c->db, id, &w, c->now);
	if (u < 0)
		return ops_fail(c, OPS_ERROR);
	if (u == 0) {
		fielderr_add(fe, "status", "Only an open task can be changed; this one is %s", task_status_label(t.status));
		return ops_fail(c, OPS_CONFLICT);
	}
	return ops_commit_audited(c, AUDIT_TASK_UPDATE, "task", id, t.person_id, "");
}

/* Takes a live offer or accepted task back from vol: 1, 0 when it is neither, -1. */
static int take_back(const struct ops_ctx *c, const struct task_view *t, int64_t vol)
{
	if (strcmp(t->status, "offered") && strcmp(t->status, "accepted"))
		return 0;
	return task_reopen(c->db, t->id, t->status, vol, c->now);
}

enum ops_result ops_task_act(const struct ops_ctx *c, int64_t id, enum task_action action, int64_t volunteer_id,
			     const char *reason, struct field_errors *fe)
{
	struct task_view t;
	enum ops_result r = ops_may_see_result(ops_task_managed(c, id, &t));
	if (r != OPS_OK)
		return r;
	volunteer_reason_check(reason, fe);
	if (fe->n)
		return OPS_INVALID;
	if (ops_begin(c) != OPS_OK)
		return OPS_ERROR;
	int n = -1;
	if (action == TASK_ACTION_CANCEL) {
		n = task_cancel(c->db, id, reason, c->now);
	} else if (action == TASK_ACTION_WITHDRAW) {
		/* Taken back from this volunteer: not offered to them again. */
		n = take_back(c, &t, t.volunteer_id);
		if (n == 1 && store_exec(c->db, STMT_VTASK_DECLINE_RECORD, NULL, NULL, "iii", id, t.volunteer_id, c->now) < 0)
			n = -1;
	} else {
		/* The person does not want this volunteer: never matched again; a live offer goes back. */
		int64_t org = 0;
		int f = store_get_int(c->db, STMT_VOLUNTEER_ORG, &org, "i", volunteer_id);
		if (f == 0) {
			fielderr_add(fe, "volunteer_id", "There is no volunteer with this id");
			return ops_fail(c, OPS_INVALID);
		}
		if (f > 0 && !task_person_decline(c->db, t.person_id, volunteer_id, reason, c->user_id, c->now))
			n = t.volunteer_id == volunteer_id && take_back(c, &t, volunteer_id) < 0 ? -1 : 1;
	}
	if (n < 0)
		return ops_fail(c, OPS_ERROR);
	if (n == 0) {
		fielderr_add(fe, "status", "This task is %s, so it cannot be %s", task_status_label(t.status),
			     action == TASK_ACTION_CANCEL ? "cancelled" : "taken back (only offered or accepted tasks can)");
		return ops_fail(c, OPS_CONFLICT);
	}
	return ops_commit_audited(c, action == TASK_ACTION_CANCEL ? AUDIT_TASK_CANCEL : AUDIT_TASK_WITHDRAW, "task", id,
				  t.person_id, reason);
}

enum ops_result ops_support_extend(const struct ops_ctx *c, int64_t referral_id, const char *until, const char *reason,
				   struct field_errors *fe, int64_t *id, int64_t *until_at)
{
	int64_t day = INT64_MIN;
	volunteer_extension_check(until, reason, &day, fe);
	*until_at = day != INT64_MIN ? london_midnight_utc(day + 1) : 0;
	struct task_referral ref;
	int f = referral_id > 0 ? task_referral_get(c->db, referral_id, &ref) : 0;
	if (f < 0)
		return OPS_ERROR;
	if (referral_id > 0 && (f == 0 || ref.org_id != c->org_id || strcmp(ref.tier, "community_support") != 0))
		fielderr_add(fe, "referral_id", "There is no community support referral with this id whose case your "
						"organisation holds");
	else if (f > 0 && *until_at && *until_at <= task_referral_support_until(&ref, c->now))
		fielderr_add(fe, "until", "Support already runs to then; give a later day");
	else if (f > 0 && *until_at && *until_at > c->now + TASK_EXTEND_MAX_SECONDS)
		fielderr_add(fe, "until", "Extend by up to 90 days at a time");
	if (fe->n)
		return OPS_INVALID;
	if (ops_begin(c) != OPS_OK)
		return OPS_ERROR;
	if (task_support_extend(c->db, referral_id, *until_at, reason, c->user_id, c->now, id))
		return ops_fail(c, OPS_ERROR);
	return ops_commit_audited(c, AUDIT_SUPPORT_EXTEND, "referral", referral_id, ref.person_id, reason);
}
