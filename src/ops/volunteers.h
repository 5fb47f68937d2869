/* The volunteer and task use cases, each one write transaction with its
 * audit event, shared by the JSON API and the pages; and who may manage
 * which volunteer and task (ops/volunteers_access.c). */
#ifndef WAYMARK_OPS_VOLUNTEERS_H
#define WAYMARK_OPS_VOLUNTEERS_H
#include "core/volunteer.h"
#include "core/volunteer_task.h"
#include "ops/access.h"
#include "ops/ops.h"
#include "store/volunteer.h"

/* Relationships: 1 yes (the view, if not NULL, filled), 0 no or no such
 * record (the same answer), -1 store error. */
/* A volunteer of c's organisation. */
int ops_volunteer_managed(const struct ops_ctx *c, int64_t id, struct volunteer_view *v);
/* A task whose referral's case c's organisation holds. */
int ops_task_managed(const struct ops_ctx *c, int64_t id, struct task_view *t);
/* The volunteer record of c's own account (*volunteer_id, 0 when none). */
int ops_volunteer_self(const struct ops_ctx *c, int64_t *volunteer_id);
/* A task offered to or taken by c's own volunteer record. */
int ops_task_self(const struct ops_ctx *c, int64_t id, struct task_view *t);

/*
 * Saves a volunteer of c's organisation from what was typed: every field
 * (core/volunteer), then the postcode district and the linked account, in
 * one answer; creates (id 0) or replaces volunteer id. *out_id gets the id.
 */
enum ops_result ops_volunteer_save(const struct ops_ctx *c, int64_t id, const struct volunteer_input *in,
				   struct field_errors *fe, int64_t *out_id);

/*
 * Offers tasks to volunteers, each pair checked again against the database
 * (core/match's hard constraints), all or none: OPS_INVALID with fields[i]
 * naming pair i in fe. Of a volunteer of another organisation only which
 * rule fails is said, never their details. *offered gets the count.
 */
enum ops_result ops_volunteer_offer(const struct ops_ctx *c, const int64_t *task_ids, const int64_t *vol_ids, size_t n,
				    const char *const *fields, struct field_errors *fe, size_t *offered);

/* c's volunteer accepts (accept 1) or declines an offered task: OPS_CONFLICT
 * (fe "status" or "dbs") when it is not offered or a home visit's DBS does not cover it. */
enum ops_result ops_task_answer(const struct ops_ctx *c, int64_t task_id, int accept, struct field_errors *fe);

/* c's volunteer hands back a task they accepted: it is open again for the
 * coordinator to offer to someone else (never to them again). OPS_CONFLICT
 * (fe "status") when it is not accepted. */
enum ops_result ops_task_hand_back(const struct ops_ctx *c, int64_t task_id, struct field_errors *fe);

/* c's volunteer logs an accepted task (core/volunteer_task's volunteer_log_check). */
enum ops_result ops_task_log(const struct ops_ctx *c, int64_t task_id, const char *outcome, const char *hours,
			     const char *note, struct field_errors *fe);

/* The same, recorded by a coordinator of c's organisation on behalf of a
 * volunteer of that organisation who has no account (told by phone):
 * OPS_CONFLICT (fe "volunteer_id") for any other volunteer. Audited as
 * the volunteer's answer or log, with "on behalf" in the detail. */
enum ops_result ops_task_answer_behalf(const struct ops_ctx *c, int64_t task_id, int accept, struct field_errors *fe);
enum ops_result ops_task_log_behalf(const struct ops_ctx *c, int64_t task_id, const char *outcome, const char *hours,
				    const char *note, struct field_errors *fe);

/*
 * Plans weeks (1..TASK_WEEKS_MAX) weekly tasks of n for a community support
 * referral whose case c's organisation holds, within its support period.
 * windows_ok 0 when the adapter could not read the window (already in fe).
 * ids gets the new tasks' ids, *until when support stops.
 */
enum ops_result ops_task_create(const struct ops_ctx *c, const struct task_new *n, int windows_ok, int64_t weeks,
				struct field_errors *fe, int64_t ids[TASK_WEEKS_MAX], int64_t *until);
/* Changes an open task's details (OPS_CONFLICT when it is not open). */
enum ops_result ops_task_update(const struct ops_ctx *c, int64_t id, const struct task_new *n, int windows_ok,
				struct field_errors *fe);

/* A coordinator's action on a task, with a reason. */
enum task_action {
	TASK_ACTION_CANCEL,          /* an open or offered task is cancelled */
	TASK_ACTION_WITHDRAW,        /* an offer or accepted task is taken back, not offered to them again */
	TASK_ACTION_PERSON_DECLINED, /* the person does not want volunteer_id again; a live offer to them goes back */
};
enum ops_result ops_task_act(const struct ops_ctx *c, int64_t id, enum task_action action, int64_t volunteer_id,
			     const char *reason, struct field_errors *fe);

/* Extends community support of referral_id to the end of the day until
 * ("2026-12-24"), up to 90 days ahead. *id gets the extension, *until_at its end. */
enum ops_result ops_support_extend(const struct ops_ctx *c, int64_t referral_id, const char *until, const char *reason,
				   struct field_errors *fe, int64_t *id, int64_t *until_at);
#endif
