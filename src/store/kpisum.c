/* The follow-up KPI's summaries in the database: kept up to date inside each write that changes a KPI input, read for a period, rebuilt and checked against a recount. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/kpi.h"
#include "core/londontime.h"
#include "store/calendar.h"
#include "store/kpisum.h"

/* ---- One referral's facts ---- */

struct facts_row {
	int64_t id;
	struct kpisum_facts f;
	char area[KPISUM_AREA_MAX];
};

static void facts_read(const struct store_row *r, struct facts_row *out)
{
	memset(out, 0, sizeof *out);
	out->id = store_row_int(r, 0);
	out->f.received_at = store_row_int(r, 1);
	out->f.sla_due_at = store_row_int(r, 2);
	out->f.first_contact_at = store_row_isnull(r, 3) ? KPI_NONE : store_row_int(r, 3);
	out->f.attempts = store_row_int(r, 4);
	const char *status = store_row_text(r, 5);
	out->f.ended = strcmp(status, "rejected") == 0 || strcmp(status, "withdrawn") == 0;
	snprintf(out->area, sizeof out->area, "%s", store_row_text(r, 6));
	out->f.area = out->area;
}

struct contrib_ctx {
	const struct workclock *wc;
	struct kpisum_contrib *c;
	int found;
};

static int contrib_row(void *ctx, const struct store_row *r)
{
	struct contrib_ctx *cc = ctx;
	struct facts_row fr;
	facts_read(r, &fr);
	kpisum_contrib_of(cc->wc, &fr.f, cc->c);
	cc->found = 1;
	return 1;
}

static const struct workclock *clock_of(struct store *st)
{
	const struct calendar *cal = calendar_app_ensure(st);
	if (!cal)
		store_set_error(st, STORE_ERROR, "cannot read the follow-up calendar");
	return cal ? &cal->wc : NULL;
}

/* The referral's contribution; a missing referral contributes nothing. */
static int contrib_get(struct store *st, int64_t id, struct kpisum_contrib *c)
{
	memset(c, 0, sizeof *c);
	c->elapsed = -1;
	c->due_hour = -1;
	const struct workclock *wc = clock_of(st);
	if (!wc)
		return -1;
	struct contrib_ctx cc = { wc, c, 0 };
	return store_exec(st, STMT_KPISUM_FACTS_ONE, contrib_row, &cc, "i", id) < 0 ? -1 : 0;
}

int kpisum_before(struct store *st, int64_t referral_id, struct kpisum_contrib *before)
{
	return contrib_get(st, referral_id, before);
}

int kpisum_first_put(struct store *st, int64_t referral_id, const struct kpisum_contrib *c)
{
	return store_exec(st, STMT_KPISUM_FIRST_PUT, NULL, NULL, "iisi", referral_id, c->day, c->area, c->elapsed) < 0
		       ? -1
		       : 0;
}

struct write_ctx {
	struct store *st;
	int failed;
};

static int write_row(void *ctx, const struct kpisum_row *r)
{
	struct write_ctx *w = ctx;
	struct store *st = w->st;
	int n;
	if (r->kind == KPISUM_SUMS)
		n = store_exec(st, STMT_KPISUM_SUMS_ADD, NULL, NULL, "disiiiiii", r->grain, r->period, r->area,
			       r->v[KPISUM_COUNTED], r->v[KPISUM_LEFT_OUT], r->v[KPISUM_WITHIN], r->v[KPISUM_LATE],
			       r->v[KPISUM_ATTEMPTS], r->v[KPISUM_LAST_CONTACT]);
	else
		n = store_exec(st, STMT_KPISUM_HIST_ADD, NULL, NULL, "ddiisi", (int)r->kind, r->grain, r->period, r->value,
			       r->area, r->v[KPISUM_N]);
	w->failed = n < 0;
	return w->failed;
}

int kpisum_acc_write(struct store *st, const struct kpisum_acc *acc)
{
	struct write_ctx w = { st, 0 };
	long n = kpisum_acc_each(acc, write_row, &w);
	if (n < 0)
		store_set_error(st, STORE_ERROR, "out of memory");
	return n < 0 || w.failed ? -1 : 0;
}

/* Writes after - before. */
static int apply_diff(struct store *st, int64_t id, const struct kpisum_contrib *before,
		      const struct kpisum_contrib *after)
{
	if (kpisum_contrib_same(before, after))
		return 0;
	struct kpisum_acc *acc = kpisum_acc_new();
	if (!acc || kpisum_acc_add(acc, before, -1) || kpisum_acc_add(acc, after, 1)) {
		kpisum_acc_free(acc);
		store_set_error(st, STORE_ERROR, "out of memory");
		return -1;
	}
	int rc = kpisum_acc_write(st, acc);
	kpisum_acc_free(acc);
	if (rc)
		return -1;
	if (after->elapsed >= 0)
		return kpisum_first_put(st, id, after);
	if (before->elapsed >= 0)
		return store_exec(st, STMT_KPISUM_FIRST_DEL, NULL, NULL, "i", id) < 0 ? -1 : 0;
	return 0;
}

int kpisum_after(struct store *st, int64_t referral_id, const struct kpisum_contrib *before)
{
	struct kpisum_contrib none, after;
	if (!before) {
		memset(&none, 0, sizeof none);
		none.elapsed = -1;
		none.due_hour = -1;
		before = &none;
	}
	if (contrib_get(st, referral_id, &after))
		return -1;
	return apply_diff(st, referral_id, before, &after);
}

/* ---- A person's referrals ---- */

struct person_ctx {
	const struct workclock *wc;
	struct kpisum_acc *acc;
	int sign, failed;
	int64_t *ids;
	struct kpisum_contrib *cs;
	size_t n, cap;
};

static int person_row(void *ctx, const struct store_row *r)
{
	struct person_ctx *pc = ctx;
	struct facts_row fr;
	facts_read(r, &fr);
	if (pc->n == pc->cap) {
		size_t cap = pc->cap ? pc->cap * 2 : 8;
		int64_t *ids = realloc(pc->ids, cap * sizeof *ids);
		if (ids)
			pc->ids = ids;
		struct kpisum_contrib *cs = realloc(pc->cs, cap * sizeof *cs);
		if (cs)
			pc->cs = cs;
		if (!ids || !cs) {
			pc->failed = 1;
			return 1;
		}
		pc->cap = cap;
	}
	kpisum_contrib_of(pc->wc, &fr.f, &pc->cs[pc->n]);
	pc->ids[pc->n] = fr.id;
	if (kpisum_acc_add(pc->acc, &pc->cs[pc->n], pc->sign)) {
		pc->failed = 1;
		return 1;
	}
	pc->n++;
	return 0;
}

int kpisum_person(struct store *st, int64_t person_id, int sign)
{
	struct person_ctx pc = { clock_of(st), kpisum_acc_new(), sign, 0, NULL, NULL, 0, 0 };
	int rc = -1;
	if (!pc.wc)
		goto done;
	if (!pc.acc) {
		store_set_error(st, STORE_ERROR, "out of memory");
		goto done;
	}
	if (store_exec(st, STMT_KPISUM_FACTS_PERSON, person_row, &pc, "i", person_id) < 0)
		goto done;
	if (pc.failed) {
		store_set_error(st, STORE_ERROR, "out of memory");
		goto done;
	}
	if (kpisum_acc_write(st, pc.acc))
		goto done;
	rc = 0;
	for (size_t i = 0; i < pc.n && rc == 0; i++) {
		if (pc.cs[i].elapsed < 0)
			continue;
		if (sign > 0)
			rc = kpisum_first_put(st, pc.ids[i], &pc.cs[i]);
		else
			rc = store_exec(st, STMT_KPISUM_FIRST_DEL, NULL, NULL, "i", pc.ids[i]) < 0 ? -1 : 0;
	}
done:
	kpisum_acc_free(pc.acc);
	free(pc.ids);
	free(pc.cs);
	return rc;
}

static int text_row(void *ctx, const struct store_row *r)
{
	snprintf(ctx, KPISUM_AREA_MAX, "%s", store_row_text(r, 0));
	return 1;
}

int kpisum_person_leave(struct store *st, int64_t person_id, const char *new_area, int *moved)
{
	char area[KPISUM_AREA_MAX] = "";
	*moved = 0;
	if (store_exec(st, STMT_KPISUM_PERSON_AREA, text_row, area, "i", person_id) < 0)
		return -1;
	*moved = strcmp(area, new_area ? new_area : "") != 0;
	return *moved ? kpisum_person(st, person_id, -1) : 0;
}
