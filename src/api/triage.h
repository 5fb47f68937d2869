/* Triage for other handlers: who may see a referral as staff, and what
 * triage adds to a referral's JSON (suggestion, decision, case, contacts). */
#ifndef WAYMARK_API_TRIAGE_H
#define WAYMARK_API_TRIAGE_H
#include <jansson.h>
#include "http/http.h"
#include "store/triage.h"

/*
 * The staff relationship with a referral: the hub (hub coordinators and the
 * programme lead) sees every referral; other staff see referrals whose case
 * their organisation holds. Returns 1, 0 (answer 404), or -1 on error.
 */
int triage_staff_may_see(struct http_req *req, int64_t referral_id);

/*
 * Adds to doc (a referral's JSON object) what triage knows: suggested_tier,
 * suggestion_reason, suggestion_rule, rules_version, tier, triage (the
 * decision), case_id, allocated_organisation, allocated_worker,
 * allocation_reason, first_contact_at, contact_attempts, time_left_seconds.
 * reasons are the referral's reason codes as read with it (in code order).
 * Returns 0 or -1 (store error).
 */
int triage_referral_json(struct http_req *req, int64_t referral_id, const char *const *reasons, size_t nreasons,
			 json_t *doc);

/*
 * Validates a rules document and stores it as the new active version (one
 * transaction, audited). fe gets the parser's problems, and "version" when
 * it is not above the version in use. Returns TRIAGE_OK with *version set,
 * TRIAGE_INVALID, or TRIAGE_ERROR (rolled back).
 */
enum triage_result triage_rules_submit(struct http_req *req, const char *json, struct field_errors *fe, int *version);

/* Reads the KPI period and area from the query (from, to as YYYY-MM-DD,
 * London days inclusive; default the 30 days to today; area code). Field
 * problems go to fe. Returns 0, or -1 on a store error. */
int triage_kpi_query(struct http_req *req, struct field_errors *fe, int64_t *from_day, int64_t *to_day,
		     const char **area);

#endif
