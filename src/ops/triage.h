/* The triage use cases, each once for the API and the pages: the decision, a
 * contact, a reallocation, a new version of the rules, a worker's absence, and
 * the follow-up KPI. Each checks the relationship, validates, writes in one
 * transaction with its audit event, and says why not in fe: field problems
 * (OPS_INVALID), or the referral's state under "status" (OPS_CONFLICT). */
#ifndef WAYMARK_OPS_TRIAGE_H
#define WAYMARK_OPS_TRIAGE_H
#include "ops/ops.h"
#include "store/triage.h"

/* The code of an allocation's status ("allocated", "no_cluster", ...). */
const char *ops_triage_alloc_code(enum allocate_status s);

struct ops_triage_decision {
	int64_t referral_id;
	const char *tier;        /* a tier code */
	const char *reason;      /* override: why; decline: a rejection_reasons code; confirm: a note */
	const char *information; /* signpost: what was given */
};
/* Triages a received referral (store/triage.h, triage_apply). fe may hold
 * the adapter's problems with the input already (then OPS_INVALID once the
 * referral is known to be visible). */
enum ops_result ops_triage_decide(const struct ops_ctx *c, const struct ops_triage_decision *in,
				  struct triage_outcome *out, struct field_errors *fe);

struct ops_triage_contact {
	int64_t referral_id, at; /* at: UTC seconds */
	const char *mode, *outcome, *note;
};
struct ops_triage_contacted {
	int64_t id, first_contact_at, attempts;
	char status[24]; /* the referral's, afterwards */
};
/* Records a contact attempt. fe may hold the adapter's problems already;
 * they win over the same field's. A declined or withdrawn referral is
 * OPS_CONFLICT. */
enum ops_result ops_triage_contact(const struct ops_ctx *c, const struct ops_triage_contact *in,
				   struct ops_triage_contacted *out, struct field_errors *fe);

struct ops_triage_reallocation {
	int64_t referral_id, worker_id; /* worker_id 0: none given */
	const char *reason;
};
/* Gives a referral's case to a worker; outside the hub, only within the
 * user's organisation. fe may hold the adapter's problems already. */
enum ops_result ops_triage_reallocate(const struct ops_ctx *c, const struct ops_triage_reallocation *in,
				      struct triage_outcome *out, struct field_errors *fe);

/* Validates a rules document and stores it as the new active version;
 * *version gets it. */
enum ops_result ops_triage_rules_save(const struct ops_ctx *c, const char *json, int *version, struct field_errors *fe);

struct ops_worker_absence {
	int64_t worker_id;
	const char *from, *to, *reason; /* days as YYYY-MM-DD */
};
struct ops_worker_absent {
	int64_t id, from_day, to_day;
};
/* Records a worker's absence; a worker of another organisation is
 * OPS_NOT_FOUND outside the hub. fe may hold the adapter's problems. */
enum ops_result ops_worker_absence(const struct ops_ctx *c, const struct ops_worker_absence *in,
				   struct ops_worker_absent *out, struct field_errors *fe);

struct ops_triage_kpi {
	int64_t from_day, to_day; /* set even when the period is not valid */
	const char *area;         /* NULL: all areas */
	struct triage_kpi k;
};
/* The follow-up KPI for from..to (YYYY-MM-DD, NULL or "": the 30 days to
 * today) in area (NULL or "": all): OPS_OK, OPS_INVALID or OPS_ERROR. */
enum ops_result ops_triage_kpi(const struct ops_ctx *c, const char *from, const char *to, const char *area,
			       struct ops_triage_kpi *out, struct field_errors *fe);
#endif
