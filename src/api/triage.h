/* Triage for other API handlers: who may see a referral as staff, and what
 * triage adds to a referral's JSON (suggestion, decision, case, contacts). */
#ifndef WAYMARK_API_TRIAGE_H
#define WAYMARK_API_TRIAGE_H
#include <jansson.h>
#include "http/http.h"
#include "store/triage.h"

/*
 * Adds to w (inside a referral's JSON object) what triage knows: suggested_tier,
 * suggestion_reason, suggestion_rule, rules_version, tier, triage (the
 * decision), case_id, allocated_organisation, allocated_worker,
 * allocation_reason, first_contact_at, contact_attempts, time_left_seconds.
 * from v, as read with the referral (store/referral_read.h).
 * Returns 0 or -1 (store error).
 */
struct jsonw;
struct triage_view;
int triage_referral_json(struct http_req *req, const struct triage_view *v, struct jsonw *w);
#endif
