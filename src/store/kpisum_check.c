/* The follow-up KPI's summaries recounted from raw rows: rebuilt from scratch, or compared with what is stored. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/kpi.h"
#include "store/kpisum.h"

/* One referral's counted time as stored or recounted. */
struct first {
	int64_t id, day, elapsed;
	char area[KPISUM_AREA_MAX];
};

struct recount {
	const struct workclock *wc;
	struct kpisum_acc *acc;
	struct first *firsts;
	size_t n, cap;
	int failed;
};

static int first_push(struct recount *rc, int64_t id, int64_t day, const char *area, int64_t elapsed)
{
	if (rc->n == rc->cap) {
		size_t cap = rc->cap ? rc->cap * 2 : 1024;
		struct first *p = realloc(rc->firsts, cap * sizeof *p);
		if (!p) {
			rc->failed = 1;
			return 1;
		}
		rc->firsts = p;
		rc->cap = cap;
	}
	struct first *f = &rc->firsts[rc->n++];
	f->id = id;
	f->day = day;
	f->elapsed = elapsed;
	snprintf(f->area, sizeof f->area, "%s", area);
	return 0;
}

static int facts_row(void *ctx, const struct store_row *r)
{
	struct recount *rc = ctx;
	char area[KPISUM_AREA_MAX];
	snprintf(area, sizeof area, "%s", store_row_text(r, 6));
	const char *status = store_row_text(r, 5);
	struct kpisum_facts f = {
		.received_at = store_row_int(r, 1),
		.sla_due_at = store_row_int(r, 2),
		.first_contact_at = store_row_isnull(r, 3) ? KPI_NONE : store_row_int(r, 3),
		.attempts = store_row_int(r, 4),
		.ended = strcmp(status, "rejected") == 0 || strcmp(status, "withdrawn") == 0,
		.area = area,
	};
	struct kpisum_contrib c;
	kpisum_contrib_of(rc->wc, &f, &c);
	if (kpisum_acc_add(rc->acc, &c, 1)) {
		rc->failed = 1;
		return 1;
	}
	return c.elapsed >= 0 ? first_push(rc, store_row_int(r, 0), c.day, c.area, c.elapsed) : 0;
}

static int recount(struct store *st, const struct workclock *wc, struct recount *rc)
{
	memset(rc, 0, sizeof *rc);
	rc->wc = wc;
	if (!(rc->acc = kpisum_acc_new()))
		goto oom;
	if (store_exec(st, STMT_KPISUM_FACTS_ALL, facts_row, rc, "") < 0)
		return -1;
	if (!rc->failed)
		return 0;
oom:
	store_set_error(st, STORE_ERROR, "out of memory");
	return -1;
}

static void recount_free(struct recount *rc)
{
	kpisum_acc_free(rc->acc);
	free(rc->firsts);
}

int kpisum_rebuild(struct store *st, const struct workclock *wc)
{
	struct recount rc;
	int r = -1;
	if (store_exec(st, STMT_KPISUM_CLEAR_SUMS, NULL, NULL, "") < 0 ||
	    store_exec(st, STMT_KPISUM_CLEAR_HIST, NULL, NULL, "") < 0 ||
	    store_exec(st, STMT_KPISUM_CLEAR_FIRST, NULL, NULL, "") < 0)
		return -1;
	memset(&rc, 0, sizeof rc);
	if (recount(st, wc, &rc) || kpisum_acc_write(st, rc.acc))
		goto done;
	r = 0;
	for (size_t i = 0; i < rc.n && r == 0; i++)
		if (store_exec(st, STMT_KPISUM_FIRST_PUT, NULL, NULL, "iisi", rc.firsts[i].id, rc.firsts[i].day,
			       rc.firsts[i].area, rc.firsts[i].elapsed) < 0)
			r = -1;
done:
	recount_free(&rc);
	return r;
}

/* ---- Comparing ---- */

struct stored {
	struct kpisum_acc *acc;
	struct recount firsts;
	int failed;
};

static int sums_row(void *ctx, const struct store_row *r)
{
	struct stored *s = ctx;
	struct kpisum_row row = { KPISUM_SUMS, (int)store_row_int(r, 0), store_row_int(r, 1), 0, store_row_text(r, 2), { 0 } };
	for (int i = 0; i < KPISUM_NCOL; i++)
		row.v[i] = store_row_int(r, 3 + i);
	s->failed |= kpisum_acc_add_row(s->acc, &row) != 0;
	return s->failed;
}

static int hist_row(void *ctx, const struct store_row *r)
{
	struct stored *s = ctx;
	struct kpisum_row row = { (enum kpisum_kind)store_row_int(r, 0), (int)store_row_int(r, 1), store_row_int(r, 2),
				  store_row_int(r, 3), store_row_text(r, 4), { 0 } };
	row.v[KPISUM_N] = store_row_int(r, 5);
	s->failed |= kpisum_acc_add_row(s->acc, &row) != 0;
	return s->failed;
}

static int first_row(void *ctx, const struct store_row *r)
{
	struct stored *s = ctx;
	s->failed |= first_push(&s->firsts, store_row_int(r, 0), store_row_int(r, 1), store_row_text(r, 2),
				store_row_int(r, 3)) != 0;
	return s->failed;
}

/* Rows of one tally, in order, for walking two side by side. */
struct listing {
	struct kpisum_row *rows;
	size_t n, cap;
	int failed;
};

static int list_row(void *ctx, const struct kpisum_row *r)
{
	struct listing *l = ctx;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 1024;
		struct kpisum_row *p = realloc(l->rows, cap * sizeof *p);
		if (!p) {
			l->failed = 1;
			return 1;
		}
		l->rows = p;
		l->cap = cap;
	}
	l->rows[l->n++] = *r;
	return 0;
}

static const char *const kind_names[] = { "sums", "hours", "minutes", "due hour" };

static void describe(char *out, size_t len, const char *what, const struct kpisum_row *r)
{
	snprintf(out, len,
		 "%s: %s grain=%d period=%" PRId64 " value=%" PRId64 " area='%s' counts=%" PRId64 ",%" PRId64 ",%" PRId64
		 ",%" PRId64 ",%" PRId64,
		 what, kind_names[r->kind], r->grain, r->period, r->value, r->area, r->v[0], r->v[1], r->v[2], r->v[3],
		 r->v[4]);
}

static int same_counts(const struct kpisum_row *stored, const struct kpisum_row *want)
{
	for (int i = 0; i < KPISUM_NCOL; i++)
		if (i == KPISUM_LAST_CONTACT ? stored->v[i] < want->v[i] : stored->v[i] != want->v[i])
			return 0;
	return 1;
}

long kpisum_check(struct store *st, const struct workclock *wc, void (*fn)(void *ctx, const char *line), void *ctx)
{
	struct recount want;
	struct stored have;
	struct listing lw = { 0 }, lh = { 0 };
	long diffs = -1;
	char line[512];
	memset(&have, 0, sizeof have);
	memset(&want, 0, sizeof want);
	if (recount(st, wc, &want))
		goto done;
	if (!(have.acc = kpisum_acc_new()))
		goto oom;
	if (store_exec(st, STMT_KPISUM_SUMS_ALL, sums_row, &have, "") < 0 ||
	    store_exec(st, STMT_KPISUM_HIST_ALL, hist_row, &have, "") < 0 ||
	    store_exec(st, STMT_KPISUM_FIRST_ALL, first_row, &have, "") < 0)
		goto done;
	if (have.failed || kpisum_acc_each(want.acc, list_row, &lw) < 0 || kpisum_acc_each(have.acc, list_row, &lh) < 0 ||
	    lw.failed || lh.failed)
		goto oom;
	diffs = 0;
	size_t i = 0, j = 0;
	while (i < lw.n || j < lh.n) {
		int c = i == lw.n ? 1 : j == lh.n ? -1 : kpisum_row_key_cmp(&lw.rows[i], &lh.rows[j]);
		if (c < 0) {
			describe(line, sizeof line, "missing", &lw.rows[i++]);
		} else if (c > 0) {
			describe(line, sizeof line, "not in the recount", &lh.rows[j++]);
		} else if (!same_counts(&lh.rows[j], &lw.rows[i])) {
			describe(line, sizeof line, "stored", &lh.rows[j]);
			fn(ctx, line);
			diffs++;
			describe(line, sizeof line, "recount", &lw.rows[i]);
			i++, j++;
		} else {
			i++, j++;
			continue;
		}
		fn(ctx, line);
		diffs++;
	}
	/* Both lists of counted times are in referral order. */
	for (i = 0, j = 0; i < want.n || j < have.firsts.n;) {
		const struct first *w = i < want.n ? &want.firsts[i] : NULL;
		const struct first *h = j < have.firsts.n ? &have.firsts.firsts[j] : NULL;
		if (w && h && w->id == h->id) {
			i++, j++;
			if (w->day == h->day && w->elapsed == h->elapsed && strcmp(w->area, h->area) == 0)
				continue;
			snprintf(line, sizeof line, "referral %" PRId64 ": stored %" PRId64 " s, recount %" PRId64 " s", w->id,
				 h->elapsed, w->elapsed);
		} else if (w && (!h || w->id < h->id)) {
			snprintf(line, sizeof line, "referral %" PRId64 ": counted time missing", w->id);
			i++;
		} else {
			snprintf(line, sizeof line, "referral %" PRId64 ": counted time stored but not in the recount", h->id);
			j++;
		}
		fn(ctx, line);
		diffs++;
	}
	goto done;
oom:
	store_set_error(st, STORE_ERROR, "out of memory");
	diffs = -1;
done:
	free(lw.rows);
	free(lh.rows);
	kpisum_acc_free(have.acc);
	free(have.firsts.firsts);
	recount_free(&want);
	return diffs;
}
