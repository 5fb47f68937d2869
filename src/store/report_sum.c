/* The reports' summaries in the database: a referral's contribution read before and after a write and the
 * difference written in the same transaction, import batches added, a rebuild, a recount check and the read
 * of a period (whole months from month rows, the other days from day rows). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/kpisum.h"
#include "store/report.h"
#include "store/report_sum.h"

static int add_plus(void *ctx, const struct report_fact *f)
{
	return report_sum_add_fact(ctx, f, 1);
}

static int add_minus(void *ctx, const struct report_fact *f)
{
	return report_sum_add_fact(ctx, f, -1);
}

static int snapshot(struct store *st, int64_t referral_id, struct report_sum_acc *a, int sign)
{
	report_fact_fn fn = sign > 0 ? add_plus : add_minus;
	return report_store_facts_by(st, RF_REFERRAL, STMT_REPORT_FACT_REFERRAL_ONE, 1, referral_id, 0, fn, a) ||
	       report_store_facts_by(st, RF_TRIAGE, STMT_REPORT_FACT_TRIAGE_ONE, 1, referral_id, 0, fn, a);
}

static int write_row(void *ctx, const struct report_sum_row *r)
{
	if (r->table == 1)
		return store_exec(ctx, STMT_REPORT_DSUM_ADD, NULL, NULL, "isisssii", (int64_t)r->grain, r->dim, r->period,
				  r->measure, r->area, r->key, r->n, r->sum) < 0;
	return store_exec(ctx, STMT_REPORT_SUM_ADD, NULL, NULL, "iisssssii", (int64_t)r->grain, r->period, r->measure,
			  r->area, r->source, r->channel, r->tier, r->n, r->sum) < 0;
}

int rptsum_write(struct store *st, struct report_sum_acc *a)
{
	return report_sum_each(a, write_row, st) < 0 ? -1 : 0;
}

static int oom(struct store *st)
{
	store_set_error(st, STORE_ERROR, "out of memory");
	return -1;
}

int rptsum_before(struct store *st, int64_t referral_id, struct report_sum_acc **out)
{
	*out = report_sum_acc_new();
	if (!*out)
		return oom(st);
	if (snapshot(st, referral_id, *out, -1)) {
		report_sum_acc_free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

int rptsum_after(struct store *st, int64_t referral_id, struct report_sum_acc *before)
{
	struct report_sum_acc *a = before ? before : report_sum_acc_new();
	if (!a)
		return oom(st);
	int rc = snapshot(st, referral_id, a, 1) || rptsum_write(st, a) ? -1 : 0;
	report_sum_acc_free(a);
	return rc;
}

int rptsum_task_referral(struct store *st, int64_t task_id, int64_t *referral_id)
{
	*referral_id = 0;
	return store_exec(st, STMT_REPORT_TASK_REFERRAL, store_row_first_int, referral_id, "i", task_id) < 0 ? -1 : 0;
}

int rptsum_ids(struct store *st, int64_t first_id, int64_t last_id)
{
	struct report_sum_acc *a = report_sum_acc_new();
	if (!a)
		return oom(st);
	int rc = report_store_facts_by(st, RF_REFERRAL, STMT_REPORT_FACT_REFERRAL_IDS, 2, first_id, last_id, add_plus, a) ||
			 report_store_facts_by(st, RF_TRIAGE, STMT_REPORT_FACT_TRIAGE_IDS, 2, first_id, last_id, add_plus, a) ||
			 rptsum_write(st, a) ?
		 -1 :
		 0;
	report_sum_acc_free(a);
	return rc;
}

int rptsum_person(struct store *st, int64_t person_id, int sign)
{
	struct report_sum_acc *a = report_sum_acc_new();
	if (!a)
		return oom(st);
	report_fact_fn fn = sign > 0 ? add_plus : add_minus;
	int rc = report_store_facts_by(st, RF_REFERRAL, STMT_REPORT_FACT_REFERRAL_PERSON, 1, person_id, 0, fn, a) ||
			 report_store_facts_by(st, RF_TRIAGE, STMT_REPORT_FACT_TRIAGE_PERSON, 1, person_id, 0, fn, a) ||
			 rptsum_write(st, a) ?
		 -1 :
		 0;
	report_sum_acc_free(a);
	return rc;
}

struct read_ctx {
	int (*fn)(void *ctx, const struct report_sum_row *r);
	void *ctx;
	int stopped;
};

static void copy(char out[REPORT_SUM_TEXT], const char *s)
{
	snprintf(out, REPORT_SUM_TEXT, "%s", s ? s : "");
}

static int sum_row(const struct store_row *r, struct report_sum_row *out)
{
	memset(out, 0, sizeof *out);
	out->grain = (int)store_row_int(r, 0);
	out->period = store_row_int(r, 1);
	copy(out->measure, store_row_text(r, 2));
	copy(out->area, store_row_text(r, 3));
	copy(out->source, store_row_text(r, 4));
	copy(out->channel, store_row_text(r, 5));
	copy(out->tier, store_row_text(r, 6));
	out->n = store_row_int(r, 7);
	out->sum = store_row_int(r, 8);
	return 0;
}

static int dsum_row(const struct store_row *r, struct report_sum_row *out)
{
	memset(out, 0, sizeof *out);
	out->table = 1;
	out->grain = (int)store_row_int(r, 0);
	out->period = store_row_int(r, 1);
	copy(out->measure, store_row_text(r, 2));
	copy(out->area, store_row_text(r, 3));
	copy(out->dim, store_row_text(r, 4));
	snprintf(out->key, sizeof out->key, "%s", store_row_text(r, 5) ? store_row_text(r, 5) : "");
	out->n = store_row_int(r, 6);
	out->sum = store_row_int(r, 7);
	return 0;
}

static int read_row(void *vctx, const struct store_row *r)
{
	struct read_ctx *c = vctx;
	struct report_sum_row row;
	sum_row(r, &row);
	c->stopped = c->fn(c->ctx, &row);
	return c->stopped;
}

static int read_dsum_row(void *vctx, const struct store_row *r)
{
	struct read_ctx *c = vctx;
	struct report_sum_row row;
	dsum_row(r, &row);
	c->stopped = c->fn(c->ctx, &row);
	return c->stopped;
}

int rptdsum_read(struct store *st, const char *dim, int64_t from_day, int64_t to_day, const char *measure, int only,
		 int (*fn)(void *ctx, const struct report_sum_row *r), void *ctx)
{
	struct kpisum_split sp;
	kpisum_split_days(from_day, to_day, &sp);
	struct read_ctx c = { fn, ctx, 0 };
	enum stmt id = only ? STMT_REPORT_DSUM_READ_ONLY : STMT_REPORT_DSUM_READ;
	if (sp.month_first <= sp.month_last &&
	    store_exec(st, id, read_dsum_row, &c, "isiis", (int64_t)1, dim, sp.month_first, sp.month_last, measure) < 0)
		return -1;
	for (int i = 0; i < 2 && !c.stopped; i++)
		if (sp.day_from[i] <= sp.day_to[i] &&
		    store_exec(st, id, read_dsum_row, &c, "isiis", (int64_t)0, dim, sp.day_from[i], sp.day_to[i], measure) < 0)
			return -1;
	return c.stopped ? -1 : 0;
}

int rptsum_read(struct store *st, int64_t from_day, int64_t to_day,
		int (*fn)(void *ctx, const struct report_sum_row *r), void *ctx)
{
	struct kpisum_split sp;
	kpisum_split_days(from_day, to_day, &sp);
	struct read_ctx c = { fn, ctx, 0 };
	if (sp.month_first <= sp.month_last &&
	    store_exec(st, STMT_REPORT_SUM_READ, read_row, &c, "iii", (int64_t)1, sp.month_first, sp.month_last) < 0)
		return -1;
	for (int i = 0; i < 2 && !c.stopped; i++)
		if (sp.day_from[i] <= sp.day_to[i] &&
		    store_exec(st, STMT_REPORT_SUM_READ, read_row, &c, "iii", (int64_t)0, sp.day_from[i], sp.day_to[i]) < 0)
			return -1;
	return c.stopped ? -1 : 0;
}

/* A recount: every raw fact added to acc; when st is set, acc is written and emptied whenever it grows large
 * (the rows are added to the stored ones, so a rebuild need not hold them all). */
struct recount_ctx {
	struct store *st;
	struct report_sum_acc *acc;
	int failed;
};

#define RECOUNT_FLUSH 200000

static int recount_fact(void *vctx, const struct report_fact *f)
{
	struct recount_ctx *c = vctx;
	if (report_sum_add_fact(c->acc, f, 1))
		return c->failed = -1;
	if (c->st && report_sum_acc_size(c->acc) > RECOUNT_FLUSH) {
		if (rptsum_write(c->st, c->acc))
			return c->failed = -1;
		report_sum_acc_clear(c->acc);
	}
	return 0;
}

static int recount(struct store *st, struct recount_ctx *c)
{
	static const struct {
		enum report_fact_kind kind;
		enum stmt id;
	} all[] = { { RF_CASE, STMT_REPORT_FACT_CASE_ALL },	  { RF_SESSION, STMT_REPORT_FACT_SESSION_ALL },
		    { RF_ONWARD, STMT_REPORT_FACT_ONWARD_ALL },	  { RF_UNMET, STMT_REPORT_FACT_UNMET_ALL },
		    { RF_OUTCOME, STMT_REPORT_FACT_OUTCOME_ALL }, { RF_TASK, STMT_REPORT_FACT_TASK_ALL } };
	if (report_store_facts_by(st, RF_REFERRAL, STMT_REPORT_FACT_REFERRAL, 2, INT64_MIN / 2, INT64_MAX / 2, recount_fact,
				  c) ||
	    report_store_facts_by(st, RF_TRIAGE, STMT_REPORT_FACT_TRIAGE, 2, INT64_MIN / 2, INT64_MAX / 2, recount_fact, c))
		return -1;
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (report_store_facts_by(st, all[i].kind, all[i].id, 0, 0, 0, recount_fact, c))
			return -1;
	return c->failed;
}

int rptsum_rebuild(struct store *st)
{
	struct recount_ctx c = { st, report_sum_acc_new(), 0 };
	if (!c.acc)
		return oom(st);
	int rc = store_exec(st, STMT_REPORT_SUM_CLEAR, NULL, NULL, "") < 0 ||
			 store_exec(st, STMT_REPORT_DSUM_CLEAR, NULL, NULL, "") < 0 || recount(st, &c) ||
			 rptsum_write(st, c.acc) ?
		 -1 :
		 0;
	report_sum_acc_free(c.acc);
	return rc;
}

static int stored_row(void *ctx, const struct store_row *r)
{
	struct report_sum_row row;
	sum_row(r, &row);
	return report_sum_add_row(ctx, &row, -1);
}

static int stored_dsum_row(void *ctx, const struct store_row *r)
{
	struct report_sum_row row;
	dsum_row(r, &row);
	return report_sum_add_row(ctx, &row, -1);
}

struct diff_ctx {
	void (*fn)(void *ctx, const char *line);
	void *ctx;
};

static int diff_row(void *vctx, const struct report_sum_row *r)
{
	struct diff_ctx *d = vctx;
	char line[512];
	if (r->table == 1)
		snprintf(line, sizeof line,
			 "%s %lld %s area=%s %s=%s: the recount has n %+lld, total %+lld against the summary",
			 r->grain ? "month" : "day", (long long)r->period, r->measure, r->area, r->dim[0] ? r->dim : "total",
			 r->key, (long long)r->n, (long long)r->sum);
	else
		snprintf(line, sizeof line,
			 "%s %lld %s area=%s source=%s channel=%s tier=%s: the recount has n %+lld, total %+lld against the "
			 "summary",
			 r->grain ? "month" : "day", (long long)r->period, r->measure, r->area, r->source, r->channel, r->tier,
			 (long long)r->n, (long long)r->sum);
	if (d->fn)
		d->fn(d->ctx, line);
	return 0;
}

/* Rows a recount slice may hold before the check cuts the periods into more slices: each slice reads every fact
 * again (about 20 minutes at 10,000,000 referrals on this machine), and a row held costs about 520 bytes, so one
 * slice up to 2,000,000 stored rows (about 1 GB with the stored rows it is compared with). */
#define CHECK_SLICE_ROWS 2000000

long rptsum_check(struct store *st, void (*fn)(void *ctx, const char *line), void *ctx)
{
	int64_t stored = 0;
	if (store_get_int(st, STMT_REPORT_DSUM_COUNT, &stored, "") < 0)
		return -1;
	int slices = (int)(stored / CHECK_SLICE_ROWS) + 1;
	long total = 0;
	for (int part = 0; part < slices; part++) {
		struct recount_ctx c = { NULL, report_sum_acc_new(), 0 };
		if (!c.acc)
			return oom(st);
		report_sum_acc_part(c.acc, slices, part);
		long n = -1;
		if (!recount(st, &c) && store_exec(st, STMT_REPORT_SUM_ALL, stored_row, c.acc, "") >= 0 &&
		    store_exec(st, STMT_REPORT_DSUM_ALL, stored_dsum_row, c.acc, "") >= 0) {
			struct diff_ctx d = { fn, ctx };
			n = report_sum_each(c.acc, diff_row, &d);
		}
		report_sum_acc_free(c.acc);
		if (n < 0)
			return -1;
		total += n;
	}
	return total;
}
