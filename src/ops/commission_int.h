/* Helpers shared by the commissioning use cases: reading JSON input with field errors, today's date, who sees what. */
#ifndef WAYMARK_OPS_COMMISSION_INT_H
#define WAYMARK_OPS_COMMISSION_INT_H
#include <jansson.h>
#include "ops/commission.h"

#define COMM_NO_DAY (-999999999LL)
#define COMM_TEXT_MAX 4000
#define COMM_FILE_MAX (512 * 1024) /* its base64 fits the default 1 MiB request body */

/* store_exec that returns 0 on success (whatever the row count) or -1. */
int comm_exec(struct store *st, enum stmt id, store_row_fn fn, void *ctx, const char *fmt, ...);
/* Text at key: NULL and an error when required and missing or blank, or too long. */
const char *cj_text(json_t *in, const char *key, size_t max, int required, struct field_errors *fe);
/* Whole number at key (a JSON integer or a string of digits): 0 and *out, else -1 with an error (or *out = def when absent and not required). */
int cj_int(json_t *in, const char *key, int64_t lo, int64_t hi, int required, int64_t def, int64_t *out, struct field_errors *fe);
/* Date "YYYY-MM-DD" at key: 0 and *day; absent and not required: *day = COMM_NO_DAY. */
int cj_date(json_t *in, const char *key, int required, int64_t *day, struct field_errors *fe);
/* The London day of c->now. */
int64_t comm_today(const struct ops_ctx *c);
/* 1 when c sees every organisation's records (not a provider manager). */
int comm_sees_all(const struct ops_ctx *c);
/* The organisation filter for list statements: 0 for all, else c's org. */
int64_t comm_org_filter(const struct ops_ctx *c);
/*
 * Appendix B state of an organisation on today: 1 if a criterion has lapsed
 * (its latest evidence's review date has passed), naming it in crit; 0 if
 * not; -1 on a store failure.
 */
int comm_org_lapsed(const struct ops_ctx *c, int64_t org_id, char *crit, size_t len);
/* An SLA as the writes need it. */
struct comm_sla {
	int found;
	int64_t org, lots, total, signed_day, start, end, mob_end, mob_pct;
};
/* Reads the SLA, checking a provider manager's organisation: OPS_OK, OPS_NOT_FOUND or OPS_ERROR. */
enum ops_result comm_sla_load(const struct ops_ctx *c, int64_t id, struct comm_sla *s);
/* The setting commission_evidence_reminder_days (default 30, 0 to 3660). */
int comm_reminder_days(const struct ops_ctx *c);
/* The setting commission_lapsed_may_receive_work (default 0). */
int comm_lapsed_may_receive(const struct ops_ctx *c);
#endif
