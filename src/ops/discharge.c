/* Discharge support's operations: the home check taken and done, a
 * worker's DBS check recorded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/referral_validate.h"
#include "ops/access.h"
#include "ops/discharge.h"
#include "store/triage.h"

void ops_discharge_query_for(const struct ops_ctx *c, struct discharge_query *q)
{
	memset(q, 0, sizeof *q);
	q->user_id = c->user_id;
	q->org_id = c->org_id;
	q->scope = ops_is_hub(c) ? DISCHARGE_ALL : c->role == ROLE_REFERRER ? DISCHARGE_REFERRER : DISCHARGE_ORG;
	q->limit = DISCHARGE_BOARD_MAX;
}

enum ops_result ops_home_check_of(const struct ops_ctx *c, int64_t referral_id, struct discharge_home_check *hc)
{
	enum ops_result r = ops_may_see_result(ops_referral_staff_may_see(c, referral_id));
	if (r != OPS_OK)
		return r;
	memset(hc, 0, sizeof *hc);
	return discharge_home_check_of(c->db, referral_id, hc) < 0 ? OPS_ERROR : OPS_OK;
}

/* The home check and c's worker record, for staff who may see the referral:
 * who may comes first, then whether there is a check. */
static enum ops_result check_for(const struct ops_ctx *c, int64_t referral_id, struct discharge_home_check *hc,
				 struct discharge_worker *w, int *is_worker, struct field_errors *fe)
{
	enum ops_result r = ops_home_check_of(c, referral_id, hc);
	if (r != OPS_OK)
		return r;
	if (hc->id == 0) {
		fielderr_add(fe, "home_check", "This referral has no home check: one is made when a complex support case "
					       "that needs it is allocated");
		return OPS_CONFLICT;
	}
	*is_worker = discharge_worker_of_user(c->db, c->user_id, w);
	return *is_worker < 0 ? OPS_ERROR : OPS_OK;
}

/* Why w may not take hc now, into fe; 0 when it may. */
static int take_refused(const struct discharge_home_check *hc, const struct discharge_worker *w, int is_worker,
			struct field_errors *fe)
{
	if (!is_worker)
		fielderr_add(fe, "worker", "Only a DBS-checked worker can take a home check, and you are not recorded as a "
					   "worker");
	else if (!w->dbs_checked)
		fielderr_add(fe, "worker", "Only a DBS-checked worker can take a home check: your DBS check is not recorded. "
					   "Ask your manager to record it, or a colleague with one to take it");
	else if (!w->active)
		fielderr_add(fe, "worker", "Your worker record is not active, so you cannot take a home check");
	else if (w->org_id != hc->org_id)
		fielderr_add(fe, "worker", "Only a worker of %s, which holds the case, can take its home check", hc->org_name);
	else if (!strcmp(hc->status, "accepted") && hc->worker_id)
		fielderr_add(fe, "home_check", "%s has already taken this home check", hc->worker_name);
	else if (strcmp(hc->status, "open") != 0 && hc->volunteer_id)
		fielderr_add(fe, "home_check", "This home check is %s volunteer %s",
			     !strcmp(hc->status, "offered") ? "offered to" : "with", hc->volunteer_name);
	else if (strcmp(hc->status, "open") != 0)
		fielderr_add(fe, "home_check", "This home check is %s, so it cannot be taken", hc->status);
	else
		return 0;
	return 1;
}

enum ops_result ops_home_check_take(const struct ops_ctx *c, int64_t referral_id, struct field_errors *fe)
{
	struct discharge_home_check *hc = malloc(sizeof *hc);
	struct discharge_worker w;
	int is_worker = 0;
	enum ops_result r = hc ? check_for(c, referral_id, hc, &w, &is_worker, fe) : OPS_ERROR;
	if (r != OPS_OK)
		goto done;
	if (take_refused(hc, &w, is_worker, fe)) {
		r = OPS_CONFLICT;
		goto done;
	}
	if ((r = ops_begin(c)) != OPS_OK)
		goto done;
	int n = discharge_home_check_take(c->db, hc->id, w.id, c->now);
	if (n == 0)
		fielderr_add(fe, "home_check", "Someone took or was offered this home check a moment ago; look again");
	r = n <= 0 ? ops_fail(c, n < 0 ? OPS_ERROR : OPS_CONFLICT)
		   : ops_commit_audited(c, AUDIT_HOME_CHECK_TAKE, "task", hc->id, hc->person_id, "");
done:
	free(hc);
	return r;
}

/* The outcome and note's problems, into fe; label gets the outcome's label. */
static int complete_checked(const struct ops_ctx *c, const char *outcome, const char *note, char *label, size_t n,
			    struct field_errors *fe)
{
	int known = outcome && *outcome ? triage_vocab_has(c->db, "home_check_outcomes", outcome, label, n) : 0;
	if (known < 0)
		return -1;
	if (!known)
		fielderr_add(fe, "outcome", "Choose what the home check found");
	long chars = note ? referral_text_chars(note, strlen(note), 1) : 0;
	if (chars < 0)
		fielderr_add(fe, "note", "The note must be text without control characters");
	else if (chars > DISCHARGE_NOTE_MAX)
		fielderr_add(fe, "note", "The note must be %d characters or fewer", DISCHARGE_NOTE_MAX);
	else if (known && strcmp(outcome, "ready") != 0 && chars == 0)
		fielderr_add(fe, "note", "Say what needs doing before the person can go home");
	return 0;
}

enum ops_result ops_home_check_complete(const struct ops_ctx *c, int64_t referral_id, const char *outcome,
					const char *note, struct field_errors *fe)
{
	struct discharge_home_check *hc = malloc(sizeof *hc);
	struct discharge_worker w;
	int is_worker = 0;
	char label[128] = "";
	/* Who may see the referral first: 404 before anything about the body. */
	enum ops_result r = hc ? check_for(c, referral_id, hc, &w, &is_worker, fe) : OPS_ERROR;
	if (r != OPS_OK)
		goto done;
	if (complete_checked(c, outcome, note, label, sizeof label, fe) < 0 || fe->n) {
		r = fe->n ? OPS_INVALID : OPS_ERROR;
		goto done;
	}
	if (!is_worker || strcmp(hc->status, "accepted") != 0 || hc->worker_id != w.id) {
		fielderr_add(fe, "home_check", !strcmp(hc->status, "done") ? "This home check is already done"
					       : "Only the worker who took this home check can record it done");
		r = OPS_CONFLICT;
		goto done;
	}
	if ((r = ops_begin(c)) != OPS_OK)
		goto done;
	int n = discharge_home_check_done(c->db, hc->id, w.id, outcome, note, c->now);
	char detail[160];
	snprintf(detail, sizeof detail, "home check: %s", label);
	/* The referrer follows the loop: the result is an event on the referral. */
	if (n == 1 && store_exec(c->db, STMT_REFERRAL_EVENT_INSERT, NULL, NULL, "iiissss", referral_id, c->now,
				 c->user_id, "home_check_done", NULL, NULL, detail) < 0)
		n = -1;
	if (n == 0)
		fielderr_add(fe, "home_check", "This home check changed a moment ago; look again");
	r = n != 1 ? ops_fail(c, n == 0 ? OPS_CONFLICT : OPS_ERROR)
		   : ops_commit_audited(c, AUDIT_HOME_CHECK_DONE, "task", hc->id, hc->person_id, outcome);
done:
	free(hc);
	return r;
}

enum ops_result ops_worker_dbs_set(const struct ops_ctx *c, int64_t worker_id, int dbs_checked, struct field_errors *fe)
{
	enum ops_result r = ops_may_see_result(ops_worker_staff_may_see(c, worker_id));
	if (r != OPS_OK)
		return r;
	if (dbs_checked < 0) {
		fielderr_add(fe, "dbs_checked", "Say whether the worker's DBS check is recorded: true or false");
		return OPS_INVALID;
	}
	if ((r = ops_begin(c)) != OPS_OK)
		return r;
	if (discharge_worker_set_dbs(c->db, worker_id, dbs_checked) != 1)
		return ops_fail(c, OPS_ERROR);
	return ops_commit_audited(c, AUDIT_WORKER_DBS, "worker", worker_id, 0, dbs_checked ? "checked" : "not checked");
}
