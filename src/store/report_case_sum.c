/* The case-side report summaries kept by the writes: a referral's cases, sessions, onward referrals, unmet needs,
 * outcome pairs and volunteer tasks read before and after a write, the difference written in the same
 * transaction (nested snapshots count once, in the outermost pair), and a person's facts around a change to them. */
#include "store/report.h"
#include "store/report_sum.h"

static const struct {
	enum report_fact_kind kind;
	enum stmt by_referral, by_person;
} kinds[] = {
	{ RF_CASE, STMT_REPORT_FACT_CASE_REF, STMT_REPORT_FACT_CASE_PERSON },
	{ RF_SESSION, STMT_REPORT_FACT_SESSION_REF, STMT_REPORT_FACT_SESSION_PERSON },
	{ RF_ONWARD, STMT_REPORT_FACT_ONWARD_REF, STMT_REPORT_FACT_ONWARD_PERSON },
	{ RF_UNMET, STMT_REPORT_FACT_UNMET_REF, STMT_REPORT_FACT_UNMET_PERSON },
	{ RF_OUTCOME, STMT_REPORT_FACT_OUTCOME_REF, STMT_REPORT_FACT_OUTCOME_PERSON },
	{ RF_TASK, STMT_REPORT_FACT_TASK_REF, STMT_REPORT_FACT_TASK_PERSON },
};

static int add_plus(void *ctx, const struct report_fact *f)
{
	return report_sum_add_fact(ctx, f, 1);
}

static int add_minus(void *ctx, const struct report_fact *f)
{
	return report_sum_add_fact(ctx, f, -1);
}

/* Every case-side fact of a referral (person 0) or a person, times sign, into a. */
static int snapshot(struct store *st, int64_t id, int person, struct report_sum_acc *a, int sign)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (report_store_facts_by(st, kinds[i].kind, person ? kinds[i].by_person : kinds[i].by_referral, 1, id, 0,
					  sign > 0 ? add_plus : add_minus, a))
			return -1;
	return 0;
}

static int oom(struct store *st)
{
	store_set_error(st, STORE_ERROR, "out of memory");
	return -1;
}

int rptcase_before(struct store *st, int64_t referral_id, struct report_sum_acc **out)
{
	*out = NULL;
	if (st->rpt_depth++ > 0)
		return 0;
	*out = report_sum_acc_new();
	if (!*out)
		return oom(st);
	if (snapshot(st, referral_id, 0, *out, -1)) {
		report_sum_acc_free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

int rptcase_after(struct store *st, int64_t referral_id, struct report_sum_acc *before)
{
	if (st->rpt_depth > 0)
		st->rpt_depth--;
	if (!before)
		return 0;
	int rc = snapshot(st, referral_id, 0, before, 1) || rptsum_write(st, before) ? -1 : 0;
	report_sum_acc_free(before);
	return rc;
}

void rptcase_abandon(struct store *st, struct report_sum_acc *before)
{
	if (st->rpt_depth > 0)
		st->rpt_depth--;
	report_sum_acc_free(before);
}

int rptcase_person(struct store *st, int64_t person_id, int sign)
{
	struct report_sum_acc *a = report_sum_acc_new();
	if (!a)
		return oom(st);
	int rc = snapshot(st, person_id, 1, a, sign) || rptsum_write(st, a) ? -1 : 0;
	report_sum_acc_free(a);
	return rc;
}
