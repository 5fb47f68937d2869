/* The follow-up KPI for a period read from its summaries: sums over whole months and single days, the exact median found hour, minute, then second, and the referrals not yet due counted by the hour they fall due (only
 * the hour now is in, and the hour in which "at risk" ends, looked at one by one). */
#include <stdlib.h>
#include <string.h>
#include "core/kpi.h"
#include "core/londontime.h"
#include "store/kpisum.h"

/* A period split into runs: runs 0 and 1 are days, run 2 is months. */
struct scope {
	struct kpisum_split sp;
	const char *area;
};

static int run_grain(int i)
{
	return i == 2 ? KPISUM_MONTH : KPISUM_DAY;
}

static int64_t run_from(const struct scope *s, int i)
{
	return i == 2 ? s->sp.month_first : s->sp.day_from[i];
}

static int64_t run_to(const struct scope *s, int i)
{
	return i == 2 ? s->sp.month_last : s->sp.day_to[i];
}

static int sums_row(void *ctx, const struct store_row *r)
{
	int64_t *v = ctx;
	for (int i = 0; i < KPISUM_NCOL - 1; i++)
		v[i] += store_row_int(r, i);
	int64_t last = store_row_int(r, KPISUM_NCOL - 1);
	if (last > v[KPISUM_NCOL - 1])
		v[KPISUM_NCOL - 1] = last;
	return 0;
}

/* ---- Counts by value (hours or minutes), summed over runs ---- */

struct counts {
	int64_t *value, *n;
	size_t len, cap;
	int failed;
};

static int counts_add(struct counts *c, int64_t value, int64_t n)
{
	for (size_t i = 0; i < c->len; i++)
		if (c->value[i] == value) {
			c->n[i] += n;
			return 0;
		}
	if (c->len == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		int64_t *v = realloc(c->value, cap * sizeof *v);
		if (v)
			c->value = v;
		int64_t *m = realloc(c->n, cap * sizeof *m);
		if (m)
			c->n = m;
		if (!v || !m)
			return -1;
		c->cap = cap;
	}
	c->value[c->len] = value;
	c->n[c->len++] = n;
	return 0;
}

static int counts_row(void *ctx, const struct store_row *r)
{
	struct counts *c = ctx;
	if (counts_add(c, store_row_int(r, 0), store_row_int(r, 1))) {
		c->failed = 1;
		return 1;
	}
	return 0;
}

static void counts_free(struct counts *c)
{
	free(c->value);
	free(c->n);
	memset(c, 0, sizeof *c);
}

/* The value holding the k-th (0-based) item of the counts in value order, and k's rank inside it; -1 if k is past the end. */
static int64_t counts_find(const struct counts *c, int64_t k, int64_t *rank)
{
	int64_t best = -1, below = 0;
	for (;;) {
		/* the smallest value above best, and the items below it */
		int64_t next = -1, n = 0;
		for (size_t i = 0; i < c->len; i++)
			if (c->value[i] > best && (next < 0 || c->value[i] < next))
				next = c->value[i], n = c->n[i];
		if (next < 0)
			return -1;
		if (k < below + n) {
			*rank = k - below;
			return next;
		}
		below += n;
		best = next;
	}
}

/* ---- Exact values ---- */

struct values {
	int64_t *v;
	size_t len, cap;
	int failed;
};

static int values_push(struct values *vs, int64_t v)
{
	if (vs->len == vs->cap) {
		size_t cap = vs->cap ? vs->cap * 2 : 256;
		int64_t *p = realloc(vs->v, cap * sizeof *p);
		if (!p) {
			vs->failed = 1;
			return 1;
		}
		vs->v = p;
		vs->cap = cap;
	}
	vs->v[vs->len++] = v;
	return 0;
}

static int values_row(void *ctx, const struct store_row *r)
{
	return values_push(ctx, store_row_int(r, 0));
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static int oom(struct store *st)
{
	store_set_error(st, STORE_ERROR, "out of memory");
	return -1;
}

/*
 * The k-th (0-based) counted time in scope, given the hour counts: the
 * hour from them, the minute from the months' minute counts and the single
 * days' exact values in that hour, then the second from the exact values in
 * that minute.
 */
static int nth_elapsed(struct store *st, const struct scope *s, const struct counts *hours, int64_t k, int64_t *out,
		       int64_t *next)
{
	*next = -1; /* the (k+1)-th too, when it is in the same minute */
	int64_t rank, rank2;
	int64_t h = counts_find(hours, k, &rank);
	if (h < 0) {
		store_set_error(st, STORE_ERROR, "the follow-up summaries disagree with themselves (hours)");
		return -1;
	}
	const char *a = s->area;
	struct values days = { 0 }, exact = { 0 };
	struct counts minutes = { 0 };
	int rc = -1;
	for (int i = 0; i < 2; i++)
		for (int64_t d = s->sp.day_from[i]; d <= s->sp.day_to[i]; d++)
			if (store_exec(st, STMT_KPISUM_FIRST_BY_DAY, values_row, &days, "iiiss", d, h * 3600,
				       h * 3600 + 3599, a, a) < 0)
				goto done;
	if (days.failed)
		goto fail_oom;
	for (size_t i = 0; i < days.len; i++)
		if (counts_add(&minutes, days.v[i] / 60, 1))
			goto fail_oom;
	for (int64_t m = s->sp.month_first; m <= s->sp.month_last; m++)
		if (store_exec(st, STMT_KPISUM_HIST_RANGE, counts_row, &minutes, "ddiiiiss", KPISUM_MINUTES, KPISUM_MONTH, m,
			       m, h * 60, h * 60 + 59, a, a) < 0)
			goto done;
	if (minutes.failed)
		goto fail_oom;
	int64_t mm = counts_find(&minutes, rank, &rank2);
	if (mm < 0) {
		store_set_error(st, STORE_ERROR, "the follow-up summaries disagree with themselves (minutes)");
		goto done;
	}
	if (s->sp.month_first <= s->sp.month_last &&
	    store_exec(st, STMT_KPISUM_FIRST_BY_ELAPSED, values_row, &exact, "iiiiss", mm * 60, mm * 60 + 59,
		       kpisum_month_first_day(s->sp.month_first), kpisum_month_first_day(s->sp.month_last + 1) - 1, a,
		       a) < 0)
		goto done;
	for (size_t i = 0; i < days.len && !exact.failed; i++)
		if (days.v[i] / 60 == mm)
			values_push(&exact, days.v[i]);
	if (exact.failed)
		goto fail_oom;
	if ((size_t)rank2 >= exact.len) {
		store_set_error(st, STORE_ERROR, "the follow-up summaries disagree with themselves (seconds)");
		goto done;
	}
	qsort(exact.v, exact.len, sizeof *exact.v, cmp_i64);
	*out = exact.v[rank2];
	if ((size_t)rank2 + 1 < exact.len)
		*next = exact.v[rank2 + 1];
	rc = 0;
	goto done;
fail_oom:
	rc = oom(st);
done:
	free(days.v);
	free(exact.v);
	counts_free(&minutes);
	return rc;
}

/* ---- Referrals not yet due ---- */

struct due_ctx {
	const struct workclock *wc;
	int64_t now;
	struct kpi_followup *f;
};

static int due_row(void *ctx, const struct store_row *r)
{
	struct due_ctx *c = ctx;
	int64_t first = store_row_isnull(r, 2) ? KPI_NONE : store_row_int(r, 2);
	const char *status = store_row_text(r, 3);
	if (first != KPI_NONE || strcmp(status, "rejected") == 0 || strcmp(status, "withdrawn") == 0)
		return 0; /* contacted (counted in the sums, as the caller has checked) or left out */
	struct kpi_referral k = { store_row_int(r, 0), store_row_int(r, 1), KPI_NONE };
	enum kpi_state state = kpi_state_of(c->wc, &k, c->now);
	if (state == KPI_AT_RISK)
		c->f->at_risk++;
	if (state == KPI_AT_RISK || state == KPI_PENDING)
		c->f->pending++;
	return 0;
}

/*
 * Pending and at risk at now: whole due hours after now's from the due-hour summaries (every referral due in
 * the hour is pending; all of them at risk, or none, as the counted time left at the hour's ends says: it only
 * grows with the due time), and the referrals of now's hour and of the one hour where "at risk" ends read one
 * by one. 0 or -1.
 */
static int not_yet_due(struct store *st, const struct scope *s, const struct workclock *wc, int64_t now,
		       int64_t from_utc, int64_t to_utc, struct kpi_followup *f)
{
	const char *a = s->area;
	int64_t now_hour = now / 3600;
	struct counts due = { 0 };
	int rc = 0;
	for (int i = 0; i < 3 && rc == 0; i++)
		if (run_from(s, i) <= run_to(s, i))
			rc = store_exec(st, STMT_KPISUM_HIST_RANGE, counts_row, &due, "ddiiiiss", KPISUM_DUE, run_grain(i),
					run_from(s, i), run_to(s, i), now_hour, INT64_MAX, a, a) < 0;
	if (rc == 0 && due.failed)
		rc = -1;
	int64_t one_by_one[2] = { now_hour, -1 };
	for (size_t i = 0; rc == 0 && i < due.len; i++) {
		int64_t h = due.value[i];
		if (h == now_hour || due.n[i] == 0)
			continue;
		int all_at_risk = workclock_remaining(wc, now, h * 3600 + 3599) < KPI_AT_RISK_SECONDS;
		int none_at_risk = workclock_remaining(wc, now, h * 3600) >= KPI_AT_RISK_SECONDS;
		if (!all_at_risk && !none_at_risk) {
			one_by_one[1] = h;
			continue;
		}
		f->pending += due.n[i];
		if (all_at_risk)
			f->at_risk += due.n[i];
	}
	counts_free(&due);
	struct due_ctx dc = { wc, now, f };
	for (int i = 0; rc == 0 && i < 2; i++)
		if (one_by_one[i] >= 0)
			rc = store_exec(st, STMT_KPISUM_NOT_DUE, due_row, &dc, "iiiiss", i ? one_by_one[i] * 3600 : now,
					(one_by_one[i] + 1) * 3600, from_utc, to_utc, a, a) < 0;
	return rc ? -1 : 0;
}

int kpisum_followup(struct store *st, const struct workclock *wc, int64_t from_day, int64_t to_day,
		    const char *area, int64_t now, struct triage_kpi *out)
{
	memset(out, 0, sizeof *out);
	struct scope s;
	kpisum_split_days(from_day, to_day, &s.sp);
	s.area = area ? area : "";
	const char *a = s.area;
	int64_t v[KPISUM_NCOL] = { 0 };
	for (int i = 0; i < 3; i++)
		if (run_from(&s, i) <= run_to(&s, i) &&
		    store_exec(st, STMT_KPISUM_SUMS_RANGE, sums_row, v, "diiss", run_grain(i), run_from(&s, i),
			       run_to(&s, i), a, a) < 0)
			return -1;
	int64_t from_utc = london_midnight_utc(from_day), to_utc = london_midnight_utc(to_day + 1);
	/* A contact recorded as a little in the future (clock skew) has not
	 * happened yet at now: count from the raw rows instead. */
	if (v[KPISUM_LAST_CONTACT] > now)
		return triage_kpi_followup(st, wc, from_utc, to_utc, area, now, out);
	struct kpi_followup *f = &out->f;
	f->received = v[KPISUM_COUNTED];
	f->contacted_within = v[KPISUM_WITHIN];
	f->contacted_late = v[KPISUM_LATE];
	out->attempts = v[KPISUM_ATTEMPTS];
	out->excluded = v[KPISUM_LEFT_OUT];
	if (not_yet_due(st, &s, wc, now, from_utc, to_utc, f))
		return -1;
	f->overdue = f->received - f->contacted_within - f->contacted_late - f->pending;
	int64_t contacted = f->contacted_within + f->contacted_late, lo = -1, hi = -1;
	if (contacted > 0) {
		struct counts hours = { 0 };
		int rc = 0;
		for (int i = 0; i < 3 && rc == 0; i++)
			if (run_from(&s, i) <= run_to(&s, i))
				rc = store_exec(st, STMT_KPISUM_HIST_RANGE, counts_row, &hours, "ddiiiiss", KPISUM_HOURS,
						run_grain(i), run_from(&s, i), run_to(&s, i), (int64_t)0, INT64_MAX, a,
						a) < 0;
		if (rc == 0 && hours.failed)
			rc = oom(st);
		int64_t next = -1, unused;
		if (rc == 0)
			rc = nth_elapsed(st, &s, &hours, (contacted - 1) / 2, &lo, &next);
		if (rc == 0 && contacted % 2)
			hi = lo;
		else if (rc == 0 && next >= 0)
			hi = next;
		else if (rc == 0)
			rc = nth_elapsed(st, &s, &hours, contacted / 2, &hi, &unused);
		counts_free(&hours);
		if (rc)
			return -1;
	}
	kpi_followup_finish(f, lo, hi);
	return 0;
}
