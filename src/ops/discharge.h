/* Discharge support's operations: who sees which referrals on the board,
 * a referral's home check for staff, taking it (a DBS-checked worker of
 * the organisation holding the case) and recording it done, and a manager
 * recording a worker's DBS check. */
#ifndef WAYMARK_OPS_DISCHARGE_H
#define WAYMARK_OPS_DISCHARGE_H
#include "ops/ops.h"
#include "store/discharge.h"

/* The board as c's user may see it: the hub everything, a referrer the
 * referrals they made, other staff those whose case their organisation holds. */
void ops_discharge_query_for(const struct ops_ctx *c, struct discharge_query *q);

/* The referral's latest home check for staff who may see the referral:
 * OK (hc->id 0 when it has none), NOT_FOUND or ERROR. */
enum ops_result ops_home_check_of(const struct ops_ctx *c, int64_t referral_id, struct discharge_home_check *hc);

/* c's user takes the referral's home check: only an active, DBS-checked
 * worker of the organisation holding the case, and only while it is open.
 * NOT_FOUND, CONFLICT (fe: field worker or home_check says why not), OK;
 * audited home_check.take. */
enum ops_result ops_home_check_take(const struct ops_ctx *c, int64_t referral_id, struct field_errors *fe);

/* The worker who took it records it done: outcome (a code of
 * data/vocab/home_check_outcomes.csv) and a note (needed unless ready).
 * NOT_FOUND, CONFLICT (no check), INVALID (fe: with any problems it
 * already held), CONFLICT (not the worker's to record), OK; audited home_check.done, and an event
 * on the referral for its referrer. */
enum ops_result ops_home_check_complete(const struct ops_ctx *c, int64_t referral_id, const char *outcome,
					const char *note, struct field_errors *fe);

/* Records whether worker_id's DBS check is in place (dbs_checked 1 or 0;
 * -1 when not given): the worker's own organisation's managers or the hub.
 * NOT_FOUND, INVALID (fe) or OK; audited worker.dbs. */
enum ops_result ops_worker_dbs_set(const struct ops_ctx *c, int64_t worker_id, int dbs_checked, struct field_errors *fe);
#endif
