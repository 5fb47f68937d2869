/* Commissioning use cases: rounds, EOIs, scoring, Lot awards, SLAs, posts, payments, reviews and Appendix B evidence. */
#ifndef WAYMARK_OPS_COMMISSION_H
#define WAYMARK_OPS_COMMISSION_H
#include <jansson.h>
#include "core/commission_data.h"
#include "ops/ops.h"

/* The reference data (data/commissioning.json), parsed once; NULL if it is broken. */
const struct commission_data *ops_comm_data(void);

/*
 * The writes. Each reads its input from a JSON object (the API's body, or a
 * page's form turned into one), checks it, runs the rules of src/core/ and
 * writes in one audited transaction. Field errors name the JSON keys.
 */
enum ops_result ops_comm_round_create(const struct ops_ctx *c, json_t *in, struct field_errors *fe, int64_t *id);
enum ops_result ops_comm_eoi_submit(const struct ops_ctx *c, int64_t round_id, json_t *in, struct field_errors *fe, int64_t *id);
enum ops_result ops_comm_score(const struct ops_ctx *c, int64_t round_id, json_t *in, struct field_errors *fe);
enum ops_result ops_comm_award(const struct ops_ctx *c, int64_t round_id, json_t *in, struct field_errors *fe);
enum ops_result ops_comm_sla_issue(const struct ops_ctx *c, int64_t round_id, json_t *in, struct field_errors *fe);
enum ops_result ops_comm_in_place(const struct ops_ctx *c, int64_t sla_id, json_t *in, struct field_errors *fe);
enum ops_result ops_comm_extend(const struct ops_ctx *c, int64_t sla_id, json_t *in, struct field_errors *fe);
enum ops_result ops_comm_review(const struct ops_ctx *c, int64_t sla_id, json_t *in, struct field_errors *fe, int64_t *id);
enum ops_result ops_comm_payment(const struct ops_ctx *c, int64_t sla_id, json_t *in, struct field_errors *fe);
enum ops_result ops_comm_evidence_add(const struct ops_ctx *c, int64_t org_id, json_t *in, struct field_errors *fe,
				      int64_t *id);
enum ops_result ops_comm_evidence_check(const struct ops_ctx *c, int64_t org_id, json_t *in, struct field_errors *fe);

/*
 * The reads, as JSON (new references), for the API and the pages alike;
 * provider managers see their own organisation's records only. NULL with
 * *r set (OPS_NOT_FOUND, OPS_ERROR, OPS_INVALID with fe).
 */
json_t *ops_comm_rounds(const struct ops_ctx *c, enum ops_result *r);
json_t *ops_comm_round(const struct ops_ctx *c, int64_t round_id, enum ops_result *r);
/* The optimiser's proposal for the round's shortlisted, scored EOIs;
 * overrides as in ops_comm_award ({"eoi": id, "award": bool, "reason": text}). */
json_t *ops_comm_proposal(const struct ops_ctx *c, int64_t round_id, json_t *overrides, struct field_errors *fe,
			  enum ops_result *r);
json_t *ops_comm_slas(const struct ops_ctx *c, enum ops_result *r);
json_t *ops_comm_sla(const struct ops_ctx *c, int64_t sla_id, enum ops_result *r);
json_t *ops_comm_criteria(const struct ops_ctx *c, int64_t org_id, enum ops_result *r);
/* Every payment the user may see, one object per row (for the finance exports); audited. */
json_t *ops_comm_payment_rows(const struct ops_ctx *c, enum ops_result *r);

/* The active Living Well Workers of the SLA's provider, [{id, name}] (for the in-place form). */
json_t *ops_comm_sla_workers(const struct ops_ctx *c, int64_t sla_id, enum ops_result *r);

/* A stored evidence file, decoded (data: free it). */
struct comm_file {
	char name[201];
	const char *type; /* static: one of the content types taken */
	unsigned char *data;
	size_t len;
};
/* The evidence file, for the lead provider, commissioners, administrators and
 * the provider's own managers (else OPS_NOT_FOUND); the read is audited. */
enum ops_result ops_comm_evidence_file(const struct ops_ctx *c, int64_t evidence_id, struct comm_file *out);

/*
 * Appendix B reminders: the latest evidence of each criterion whose review
 * date is within commission_evidence_reminder_days or past, a provider
 * manager's own only: {reminder_days, reminders: [{evidence, organisation,
 * criterion, criterion_label, title, review_date, kind (expiring|lapsed),
 * days_left, reminder: {id, raised_at}}]}. Raises any reminder not raised yet
 * first (ops_comm_reminders_raise).
 */
json_t *ops_comm_reminders(const struct ops_ctx *c, enum ops_result *r);
/* Records (comm_evidence_reminders) and audits, once each, the reminders due
 * on c->now for every provider: by the jobs thread every scan and before
 * every list. */
enum ops_result ops_comm_reminders_raise(const struct ops_ctx *c);
/* The jobs thread's call: 0 or -1. */
int ops_comm_reminders_job(struct store *st, int64_t now);

/* Relationship checks (ops/relations.c): 1 may see, 0 not, -1 store failure. */
int ops_comm_round_rel(const struct ops_ctx *c, int64_t id);
int ops_comm_sla_rel(const struct ops_ctx *c, int64_t id);
int ops_comm_provider_rel(const struct ops_ctx *c, int64_t id);
int ops_comm_evidence_rel(const struct ops_ctx *c, int64_t id);
#endif
