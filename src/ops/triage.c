/* The triage writes of a referral: the decision, a contact attempt and a
 * reallocation, each in one transaction with its audit event. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ops/access.h"
#include "ops/triage.h"

const char *ops_triage_alloc_code(enum allocate_status s)
{
	switch (s) {
	case ALLOCATE_OK:
		return "allocated";
	case ALLOCATE_NOT_NEEDED:
		return "not_needed";
	case ALLOCATE_NO_CLUSTER:
		return "no_cluster";
	case ALLOCATE_NO_AREA:
		return "no_area";
	case ALLOCATE_NO_WORKER:
		return "no_worker";
	default:
		return "error";
	}
}

/* OPS_OK to go on: the referral is one c may see, and the adapter found no
 * problem with the input; otherwise what to answer. */
static enum ops_result visible(const struct ops_ctx *c, int64_t referral_id, const struct field_errors *fe)
{
	enum ops_result r = ops_may_see_result(ops_referral_staff_may_see(c, referral_id));
	return r == OPS_OK && fe->n ? OPS_INVALID : r;
}

/* A store write that did not succeed: rolled back, as an ops result. A
 * conflict says why under "status": what cannot be done, and the state. */
static enum ops_result failed(const struct ops_ctx *c, enum triage_result r, const char *what, const char *status,
			      struct field_errors *fe)
{
	switch (r) {
	case TRIAGE_INVALID:
		return ops_fail(c, OPS_INVALID);
	case TRIAGE_NOT_FOUND:
		return ops_fail(c, OPS_NOT_FOUND);
	case TRIAGE_CONFLICT:
		fielderr_add(fe, "status", "%s (the referral's status is %s).", what, status[0] ? status : "unknown");
		return ops_fail(c, OPS_CONFLICT);
	case TRIAGE_OK:
	case TRIAGE_ERROR:
		break;
	}
	return ops_fail(c, OPS_ERROR);
}

enum ops_result ops_triage_decide(const struct ops_ctx *c, const struct ops_triage_decision *in,
				  struct triage_outcome *out, struct field_errors *fe)
{
	enum ops_result r = visible(c, in->referral_id, fe);
	if (r != OPS_OK || (r = ops_begin(c)) != OPS_OK)
		return r;
	struct triage_request rq = { in->referral_id, in->tier, in->reason, in->information, c->user_id, c->org_id, c->now };
	enum triage_result t = triage_apply(c->db, &rq, out, fe);
	if (t != TRIAGE_OK)
		return failed(c, t, "Only a received referral can be triaged", out->status, fe);
	char detail[128];
	snprintf(detail, sizeof detail, "%s %s; %s", out->outcome, out->tier, ops_triage_alloc_code(out->alloc.status));
	return ops_commit_audited(c, AUDIT_REFERRAL_TRIAGE, "referral", in->referral_id, out->person_id, detail);
}

enum ops_result ops_triage_contact(const struct ops_ctx *c, const struct ops_triage_contact *in,
				   struct ops_triage_contacted *out, struct field_errors *fe)
{
	memset(out, 0, sizeof *out);
	enum ops_result r = ops_may_see_result(ops_referral_staff_may_see(c, in->referral_id));
	if (r != OPS_OK)
		return r;
	struct field_errors *own = ops_fielderr_new();
	struct triage_subject *s = malloc(sizeof *s);
	if (!own || !s || (r = ops_begin(c)) != OPS_OK) {
		r = OPS_ERROR;
		goto done;
	}
	struct triage_contact_request rq = { in->referral_id, in->at, in->mode, in->outcome, in->note,
					     c->user_id, c->org_id, c->now };
	enum triage_result t = triage_contact_add(c->db, &rq, &out->id, out->status, own);
	/* The adapter's problems with the input and the store's come back together. */
	for (size_t i = 0; t == TRIAGE_INVALID && i < own->n; i++)
		if (!fielderr_for(fe, own->e[i].field))
			fielderr_add(fe, own->e[i].field, "%s", own->e[i].message);
	if (t == TRIAGE_OK && fe->n)
		t = TRIAGE_INVALID;
	if (t != TRIAGE_OK) {
		r = failed(c, t, "A contact cannot be recorded on a declined or withdrawn referral", out->status, fe);
		goto done;
	}
	if (triage_subject_get(c->db, in->referral_id, c->now, s) != 1) {
		r = ops_fail(c, OPS_ERROR);
		goto done;
	}
	out->first_contact_at = s->first_contact_at;
	out->attempts = s->attempts;
	char detail[64];
	snprintf(detail, sizeof detail, "%.24s by %.24s", in->outcome, in->mode);
	r = ops_commit_audited(c, AUDIT_REFERRAL_CONTACT, "referral", in->referral_id, s->person_id, detail);
done:
	free(own);
	free(s);
	return r;
}

enum ops_result ops_triage_reallocate(const struct ops_ctx *c, const struct ops_triage_reallocation *in,
				      struct triage_outcome *out, struct field_errors *fe)
{
	enum ops_result r = visible(c, in->referral_id, fe);
	if (r != OPS_OK || (r = ops_begin(c)) != OPS_OK)
		return r;
	struct triage_reassign rq = { in->referral_id, in->worker_id, in->reason, c->user_id, c->org_id, !ops_is_hub(c),
				      c->now };
	enum triage_result t = triage_reassign(c->db, &rq, out, fe);
	if (t != TRIAGE_OK)
		return failed(c, t, "Only an open social prescribing or complex support referral can be given to a worker",
			      out->status, fe);
	char detail[64];
	snprintf(detail, sizeof detail, "worker %lld", (long long)out->worker_id);
	return ops_commit_audited(c, AUDIT_REFERRAL_ALLOCATE, "referral", in->referral_id, out->person_id, detail);
}
