/* Volunteer operations shared by the JSON API and the pages: saving a
 * volunteer, who may see which volunteer and task, confirming offers, and
 * the volunteer's own answers and logs. Each write is one transaction with
 * its audit event. */
#ifndef WAYMARK_API_VOLUNTEERS_H
#define WAYMARK_API_VOLUNTEERS_H
#include "core/volunteer.h"
#include "http/http.h"
#include "store/volunteer.h"

enum vol_result {
	VOL_OK = 0,
	VOL_INVALID,   /* fe says what (422) */
	VOL_NOT_FOUND, /* no such record, or not the user's to see (404) */
	VOL_CONFLICT,  /* the record is not in a state that allows it (409); fe says why */
	VOL_ERROR,     /* store error, rolled back (500/503) */
};

/*
 * Saves a volunteer of the user's organisation from what was typed: checks
 * every field (core/volunteer), then the postcode district and the linked
 * account; creates (id 0) or replaces volunteer id. *out_id gets the id.
 */
enum vol_result volunteers_save(struct http_req *req, int64_t id, const struct volunteer_input *in,
				struct field_errors *fe, int64_t *out_id);

/* Reads a volunteer the user may manage (their organisation's) into *v. */
enum vol_result volunteers_get_managed(struct http_req *req, int64_t id, struct volunteer_view *v);

/* Reads a task the user's organisation holds (its referral's case) into *t. */
enum vol_result volunteers_task_managed(struct http_req *req, int64_t id, struct task_view *t);

/* The signed-in volunteer's record id: 1, 0 when the account has none, -1 error. */
int volunteers_self_id(struct http_req *req, int64_t *volunteer_id);

/* Reads a task offered to or taken by the signed-in volunteer into *t. */
enum vol_result volunteers_task_self(struct http_req *req, int64_t id, struct task_view *t);

/*
 * Offers tasks to volunteers, each pair checked again against the database
 * (core/match's hard constraints: a lapsed DBS is never offered a home
 * visit), in one transaction: all or none. fields[i] names pair i in fe
 * ("offers[2].volunteer_id", or a form field). *offered gets the count.
 */
enum vol_result volunteers_offer(struct http_req *req, const int64_t *task_ids, const int64_t *vol_ids, size_t n,
				 const char *const *fields, struct field_errors *fe, size_t *offered);

/* The signed-in volunteer accepts (accept 1) or declines an offer. fe gets
 * why on VOL_CONFLICT (field "status"). */
enum vol_result volunteers_self_answer(struct http_req *req, int64_t task_id, int accept, struct field_errors *fe);

/* The signed-in volunteer records an accepted task as done or missed, with
 * hours ("1.5", "1:30", "45 min") and what happened. Fields: outcome, hours, note. */
enum vol_result volunteers_self_log(struct http_req *req, int64_t task_id, const char *outcome, const char *hours,
				    const char *note, struct field_errors *fe);

/* Reads hours as "1.5", "1:30", "2", "45 min" into minutes (0..1440). 0 or -1. */
int volunteers_parse_hours(const char *s, int *minutes);


/* "ok", "due_60", "due_30", "due_7", "lapsed" */
const char *volunteers_stage_code(enum compliance_stage s);
#endif
