/* Each write on a case once: the relationship, the checks the description
 * (model/case.def) and the rules below make, the store's write and the
 * audit event, in one transaction. */
#include <stdio.h>
#include <string.h>
#include "core/casework.h"
#include "jobs/jobs.h"
#include "ops/casework.h"
#include "store/report_sum.h"
#include "store/triage.h"

const enum case_rec ops_case_rec[OPS_CASE__MAX] = {
	[OPS_CASE_SESSION] = CR_SESSION, [OPS_CASE_GOAL] = CR_GOAL,       [OPS_CASE_PROGRESS] = CR_PROGRESS,
	[OPS_CASE_ASSESSMENT] = CR_ASSESSMENT, [OPS_CASE_ONWARD] = CR_ONWARD, [OPS_CASE_ONWARD_STATUS] = CR_ONWARD_STATUS,
	[OPS_CASE_UNMET] = CR_UNMET,     [OPS_CASE_CONCERN] = CR_CONCERN, [OPS_CASE_CONSENT] = CR_CONSENT,
	[OPS_CASE_STUDY] = CR_STUDY,     [OPS_CASE_MEASURE] = CR__MAX,    [OPS_CASE_CLOSE] = CR_CLOSE,
	[OPS_CASE_DROPOUT] = CR__MAX,
};

/* One operation's run: the case, what was read, and where results go. */
struct run {
	const struct ops_ctx *c;
	struct casework_who w;
	const struct casework_summary *s;
	struct ops_case_in *in;
	struct ops_case_out *out;
	struct field_errors *fe;
	struct casework_conflict cf;
	int failed; /* a rule could not ask the store */
};

static const char *text(const struct case_value *v)
{
	return v->given ? v->s : NULL;
}

static void area_code(void *ctx, const char *code, const char *name)
{
	(void)name;
	size_t used = strlen(ctx);
	snprintf((char *)ctx + used, used < 560 ? 600 - used : 0, "%s%s", used ? ", " : "", code);
}

/* case_vocab_fn over the store's vocabularies (and the areas). */
static int vocab_has(void *ctx, const char *vocab, const char *code, char *codes, size_t n)
{
	struct store *st = ctx;
	int areas = strcmp(vocab, "areas") == 0;
	int has = !*code ? 0 : areas ? triage_area_name(st, code, NULL, 0) : triage_vocab_has(st, vocab, code, NULL, 0);
	if (has == 0 && areas && n >= 600)
		triage_areas(st, area_code, codes);
	else if (has == 0)
		triage_vocab_codes(st, vocab, codes, n);
	return has;
}

/* ---- The rules beyond one field, and the store's writes ---- */

static void session_rules(struct run *r)
{
	if (!fielderr_for(r->fe, "at") && r->in->v[CASE_I(SESSION, at)].n < r->s->opened_at)
		fielderr_add(r->fe, "at", "The session cannot be before the case was opened");
}

static enum casework_result session(struct run *r)
{
	r->out->at = r->in->v[CASE_I(SESSION, at)].n;
	enum casework_result res = casework_session_add(r->c->db, &r->w, r->in->v, &r->out->id);
	snprintf(r->out->detail, sizeof r->out->detail, "session %lld", (long long)r->out->id);
	return res;
}

static enum casework_result goal(struct run *r)
{
	enum casework_result res = casework_goal_add(r->c->db, &r->w, r->in->v, &r->out->id);
	snprintf(r->out->detail, sizeof r->out->detail, "goal %lld", (long long)r->out->id);
	return res;
}

static enum casework_result progress(struct run *r)
{
	snprintf(r->out->detail, sizeof r->out->detail, "goal %lld progress", (long long)r->in->record_id);
	return casework_goal_progress(r->c->db, &r->w, r->in->record_id, r->in->v, &r->out->id);
}

/* Each need as its record says, each area once. */
static void assessment_rules(struct run *r)
{
	const char *domains[CASEWORK_NEEDS_MAX];
	for (size_t i = 0; i < r->in->nneeds; i++) {
		struct case_value *nv = r->in->needs[i];
		char prefix[32];
		snprintf(prefix, sizeof prefix, "needs[%zu].", i);
		if (case_check(CR_NEED, nv, prefix, r->c->now, r->fe, vocab_has, r->c->db))
			r->failed = 1;
		domains[i] = text(&nv[CASE_I(NEED, domain)]);
		if (casework_repeats(domains, i) && !fielderr_for(r->fe, strcat(prefix, "domain")))
			fielderr_add(r->fe, prefix, "%s is assessed twice; give each area once", domains[i]);
	}
}

static enum casework_result assessment(struct run *r)
{
	enum casework_result res = casework_assessment_add(r->c->db, &r->w, r->in->v,
							   (const struct case_value(*)[CASE_FIELDS_MAX])r->in->needs,
							   r->in->nneeds, &r->out->id, &r->out->version);
	snprintf(r->out->detail, sizeof r->out->detail, "assessment version %d", r->out->version);
	return res;
}

static enum casework_result onward(struct run *r)
{
	enum casework_result res = casework_onward_add(r->c->db, &r->w, r->in->v, &r->out->id);
	snprintf(r->out->detail, sizeof r->out->detail, "onward referral %lld", (long long)r->out->id);
	return res;
}

static enum casework_result onward_status(struct run *r)
{
	r->out->id = r->in->record_id;
	snprintf(r->out->detail, sizeof r->out->detail, "onward referral %lld %.40s", (long long)r->out->id,
		 r->in->v[CASE_I(ONWARD_STATUS, status)].s);
	return casework_onward_status(r->c->db, &r->w, r->out->id, r->in->v, r->fe, &r->cf);
}

static enum casework_result unmet(struct run *r)
{
	enum casework_result res = casework_unmet_add(r->c->db, &r->w, r->in->v, &r->out->id);
	snprintf(r->out->detail, sizeof r->out->detail, "unmet need %lld", (long long)r->out->id);
	return res;
}

static enum casework_result concern(struct run *r)
{
	enum casework_result res = casework_concern_add(r->c->db, &r->w, r->in->v, &r->out->id);
	snprintf(r->out->detail, sizeof r->out->detail, "safeguarding concern %lld %.40s", (long long)r->out->id,
		 r->in->v[CASE_I(CONCERN, category)].s);
	return res;
}

static enum casework_result consent(struct run *r)
{
	enum casework_result res = casework_consent_add(r->c->db, &r->w, r->in->v, &r->out->id);
	snprintf(r->out->detail, sizeof r->out->detail, "consent %lld", (long long)r->out->id);
	return res;
}

static enum casework_result study(struct run *r)
{
	enum casework_result res = casework_study_add(r->c->db, &r->w, r->in->v, &r->out->id);
	snprintf(r->out->detail, sizeof r->out->detail, "case study %lld", (long long)r->out->id);
	return res;
}

/* The instrument, the phase, an answer per item in its range, and a time not ahead of ours. */
static void measure_rules(struct run *r)
{
	struct ops_case_in *in = r->in;
	casework_measure_check(in->instrument, in->phase, in->answers, in->nanswers, r->fe);
	if (!in->at.given)
		in->at.n = r->c->now;
	else if (in->at.n > r->c->now + CASE_TIME_SKEW)
		fielderr_add(r->fe, "at", "at cannot be in the future");
}

static enum casework_result measure(struct run *r)
{
	struct ops_case_in *in = r->in;
	struct casework_measure_rq rq = { in->instrument, in->phase, in->answers, in->nanswers, in->at.n };
	r->out->at = rq.at;
	snprintf(r->out->detail, sizeof r->out->detail, "%.12s %.12s", in->instrument, in->phase);
	return casework_measure_add(r->c->db, &r->w, &rq, &r->out->id, &r->out->score, r->fe, &r->cf);
}

/* Unable to contact is a drop-out's reason, after the attempts. */
static void close_rules(struct run *r)
{
	const struct case_value *reason = &r->in->v[CASE_I(CLOSE, reason)];
	if (reason->given && strcmp(reason->s, "unable_to_contact") == 0) {
		fielderr_init(r->fe); /* the one problem worth saying */
		fielderr_add(r->fe, "reason", "Close as unable to contact with a drop-out, after %d unsuccessful contact attempts",
			     casework_dropout_attempts(r->c->db));
	}
}

static enum casework_result close_case(struct run *r)
{
	r->out->id = r->w.case_id;
	snprintf(r->out->detail, sizeof r->out->detail, "closed %.40s", r->in->v[CASE_I(CLOSE, reason)].s);
	return casework_close(r->c->db, &r->w, r->in->v, &r->cf);
}

static enum casework_result dropout(struct run *r)
{
	r->out->id = r->w.case_id;
	enum casework_result res = casework_dropout(r->c->db, &r->w, &r->out->attempts, &r->cf);
	snprintf(r->out->detail, sizeof r->out->detail, "drop-out after %d attempts", r->out->attempts);
	return res;
}

static const struct case_op {
	void (*rules)(struct run *r); /* beyond the record's own fields (NULL: none) */
	enum casework_result (*run)(struct run *r);
	enum audit_action audit;
	int open_only;        /* refused on a closed case (a measure's baseline is too) */
	const char *conflict; /* the field a conflict is about */
} case_ops[OPS_CASE__MAX] = {
	[OPS_CASE_SESSION] = { session_rules, session, AUDIT_CASE_SESSION, 1, NULL },
	[OPS_CASE_GOAL] = { NULL, goal, AUDIT_CASE_GOAL, 1, NULL },
	[OPS_CASE_PROGRESS] = { NULL, progress, AUDIT_CASE_GOAL_PROGRESS, 1, NULL },
	[OPS_CASE_ASSESSMENT] = { assessment_rules, assessment, AUDIT_CASE_ASSESSMENT, 1, NULL },
	[OPS_CASE_ONWARD] = { NULL, onward, AUDIT_CASE_ONWARD, 1, NULL },
	[OPS_CASE_ONWARD_STATUS] = { NULL, onward_status, AUDIT_CASE_ONWARD_STATUS, 0, "status" },
	[OPS_CASE_UNMET] = { NULL, unmet, AUDIT_CASE_UNMET_NEED, 0, NULL },
	[OPS_CASE_CONCERN] = { NULL, concern, AUDIT_CASE_SAFEGUARDING, 0, NULL },
	[OPS_CASE_CONSENT] = { NULL, consent, AUDIT_CASE_CONSENT, 1, NULL },
	[OPS_CASE_STUDY] = { NULL, study, AUDIT_CASE_CASE_STUDY, 0, NULL },
	[OPS_CASE_MEASURE] = { measure_rules, measure, AUDIT_CASE_MEASURE, 0, "phase" },
	[OPS_CASE_CLOSE] = { close_rules, close_case, AUDIT_CASE_CLOSE, 1, NULL },
	[OPS_CASE_DROPOUT] = { NULL, dropout, AUDIT_CASE_DROPOUT, 1, NULL },
};

int ops_case_open_only(enum ops_case_op op)
{
	return case_ops[op].open_only;
}

static enum ops_result conflict(const struct ops_ctx *c, struct field_errors *fe, const char *field, const char *why)
{
	fielderr_init(fe);
	fielderr_add(fe, field ? field : OPS_CASE_CONFLICT_FIELD, "%s", why);
	return ops_fail(c, OPS_CONFLICT);
}

enum ops_result ops_case_write(const struct ops_ctx *c, int64_t case_id, enum ops_case_op op, struct ops_case_in *in,
			       struct ops_case_out *out, struct field_errors *fe)
{
	const struct case_op *o = &case_ops[op];
	struct casework_summary s;
	memset(out, 0, sizeof *out);
	int held = ops_case_held(c, case_id);
	if (held <= 0)
		return held < 0 ? OPS_ERROR : OPS_NOT_FOUND;
	if (ops_begin(c) != OPS_OK)
		return OPS_ERROR;
	if (casework_summary_get(c->db, case_id, c->now, &s) != 1)
		return ops_fail(c, OPS_ERROR);
	out->person_id = s.person_id;
	int open_only = o->open_only || (op == OPS_CASE_MEASURE && !(in->phase && strcmp(in->phase, "follow_up") == 0));
	if (open_only && strcmp(s.status, "open") != 0) {
		char why[160];
		snprintf(why, sizeof why, "The case is closed (%s): nothing more can be recorded on it", s.closure_reason);
		return conflict(c, fe, NULL, why);
	}
	struct run r = { c, { case_id, c->user_id, c->now }, &s, in, out, fe, { "" }, 0 };
	if (ops_case_rec[op] != CR__MAX && case_check(ops_case_rec[op], in->v, "", c->now, fe, vocab_has, c->db))
		return ops_fail(c, OPS_ERROR);
	if (o->rules)
		o->rules(&r);
	if (r.failed)
		return ops_fail(c, OPS_ERROR);
	if (fe->n)
		return ops_fail(c, OPS_INVALID);
	/* what the write changes in the reports' case-side summaries, in the same transaction */
	struct report_sum_acc *sums;
	if (rptcase_before(c->db, s.referral_id, &sums))
		return ops_fail(c, OPS_ERROR);
	enum casework_result ran = o->run(&r);
	if (ran != CASEWORK_OK)
		rptcase_abandon(c->db, sums);
	else if (rptcase_after(c->db, s.referral_id, sums))
		return ops_fail(c, OPS_ERROR);
	switch (ran) {
	case CASEWORK_OK:
		break;
	case CASEWORK_INVALID:
		return ops_fail(c, OPS_INVALID);
	case CASEWORK_NOT_FOUND:
		return ops_fail(c, OPS_NOT_FOUND);
	case CASEWORK_CONFLICT:
		return conflict(c, fe, o->conflict, r.cf.message);
	default:
		return ops_fail(c, OPS_ERROR);
	}
	enum ops_result res = ops_commit_audited(c, o->audit, "case", case_id, s.person_id, out->detail);
	if (res == OPS_OK)
		jobs_wake();
	return res;
}
