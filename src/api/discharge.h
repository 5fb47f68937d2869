/* Discharge support shared by the JSON API and the pages: who sees which
 * referrals on the board, a board line and a home check as JSON, and taking
 * and completing the home check (one transaction each, audited). */
#ifndef WAYMARK_API_DISCHARGE_H
#define WAYMARK_API_DISCHARGE_H
#include <jansson.h>
#include "http/http.h"
#include "store/discharge.h"

enum dis_result {
	DIS_OK = 0,
	DIS_INVALID,   /* fe says what (422) */
	DIS_NOT_FOUND, /* no such referral, or not the user's to see (404) */
	DIS_CONFLICT,  /* fe says why not now (409): not a DBS-checked worker, already taken, ... */
	DIS_ERROR,     /* store error, rolled back (500/503) */
};

/* The board as this user may see it: the hub everything, a referrer the
 * referrals they made, other staff those whose case their organisation holds. */
void discharge_query_for(const struct http_req *req, struct discharge_query *q);

/* The home check's state: code (not_needed, requested, needed, offered,
 * taken, done, missed, cancelled) and a label for people. hc may be NULL. */
const char *discharge_state_code(const struct discharge_row *r, const struct discharge_home_check *hc);
const char *discharge_state_label(const char *code);
/* "Awaiting triage", "Allocated", ... for a referral status code. */
const char *discharge_status_label(const char *status);
/* Whole days from today (London) to the expected discharge; INT64_MIN when unknown. */
int64_t discharge_days_to(const struct discharge_row *r, int64_t now);

/* A board line (with its home check, hc may be NULL) as JSON. New reference. */
json_t *discharge_row_json(const struct discharge_row *r, const struct discharge_home_check *hc, int64_t now);

/* The signed-in worker takes the referral's home check: only an active,
 * DBS-checked worker of the organisation holding the case, and only while
 * it is open. fe (field "worker" or "home_check") says why not. */
enum dis_result discharge_take(struct http_req *req, int64_t referral_id, struct field_errors *fe);
/* The worker who took it records it done: outcome (a code of
 * data/vocab/home_check_outcomes.csv) and a note (needed unless ready). */
enum dis_result discharge_complete(struct http_req *req, int64_t referral_id, const char *outcome, const char *note,
				   struct field_errors *fe);
#endif
