/* Step up in the database: a community support referral re-triaged to
 * social prescribing or complex support, inside the caller's transaction. */
#ifndef WAYMARK_STORE_STEP_UP_H
#define WAYMARK_STORE_STEP_UP_H
#include <stdint.h>
#include "core/fielderr.h"
#include "store/triage.h"

struct step_up_request {
	int64_t referral_id;
	const char *tier;   /* social_prescribing or complex_support */
	const char *reason; /* required, at most TRIAGE_TEXT_MAX characters */
	int64_t user_id, org_id;
	int own_org_only;   /* 1: only when org_id holds the case */
	int64_t now;
};

struct step_up_result {
	int64_t id;              /* the step_ups row */
	int tasks_cancelled;     /* volunteer tasks not yet done, cancelled */
	char from_tier[24];
	struct triage_outcome o; /* tier, case, allocation (alloc.status ALLOCATE_OK when a worker was found) */
};

/*
 * Re-triages referral rq->referral_id: it must have an open community
 * support case (else TRIAGE_CONFLICT, o.status saying the referral's status)
 * held by rq->org_id when own_org_only (else TRIAGE_NOT_FOUND). Records a
 * decision (outcome overridden, the suggestion of the decision before kept),
 * cancels the unfinished volunteer tasks, gives the same case its new tier
 * and a worker chosen as triage does (none: the case waits for the hub to
 * allocate it by hand, an "allocation_pending" event), and appends a
 * "stepped_up" referral event. The referral's status, received and due
 * times and contacts are not touched: the follow-up clock runs on.
 */
enum triage_result triage_step_up(struct store *st, const struct step_up_request *rq, struct step_up_result *out,
				  struct field_errors *fe);
#endif
