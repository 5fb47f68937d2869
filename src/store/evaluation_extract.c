/* The evaluation extract reader: per-case facts gathered into arrays by case id, then one pass over the referrals. */
#include "store/evaluation_extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/cohort.h"
#include "core/datetime.h"
#include "core/instrument.h"
#include "core/londontime.h"
#include "core/report.h"
#include "store/report.h"

#define VOCAB_MAX 32

struct vocab {
	char code[VOCAB_MAX][48];
	int n;
};

/* Per case, what the extract shows of its records. */
struct case_aux {
	uint16_t sessions, onward, unmet;
	uint16_t mode_n[VOCAB_MAX];
	uint16_t status_n[VOCAB_MAX];
	uint32_t onward_domains, unmet_domains;
	int32_t b[EXTRACT_SCORED__MAX], f[EXTRACT_SCORED__MAX];
	int64_t b_at[EXTRACT_SCORED__MAX], f_at[EXTRACT_SCORED__MAX];
	int8_t ons_b[4], ons_f[4];
	int64_t ons_b_at, ons_f_at;
};

struct reader {
	struct vocab reasons, modes, domains, statuses;
	uint32_t *reason_mask; /* by referral id - base */
	int64_t ref_base, ref_n;
	struct case_aux *cases; /* by case id */
	struct report_ref *ref;  /* practice -> PCN, postcode district -> rurality: the reports' maps */
	int64_t case_n;
	int64_t now;
	extract_row_fn fn;
	void *ctx;
	long long rows;
	int stopped;
};

static int vocab_row(void *ctx, const struct store_row *r)
{
	struct vocab *v = ctx;
	if (v->n < VOCAB_MAX)
		snprintf(v->code[v->n++], sizeof v->code[0], "%s", store_row_text(r, 0));
	return 0;
}

static int vocab_load(struct store *st, const char *name, struct vocab *v)
{
	v->n = 0;
	return store_exec(st, STMT_VOCAB_LIST, vocab_row, v, "s", name) < 0 ? -1 : 0;
}

static int vocab_index(const struct vocab *v, const char *code)
{
	for (int i = 0; i < v->n; i++)
		if (strcmp(v->code[i], code) == 0)
			return i;
	return -1;
}

static struct case_aux *case_of(struct reader *rd, int64_t id)
{
	return id >= 0 && id < rd->case_n ? &rd->cases[id] : NULL;
}

static int reason_row(void *ctx, const struct store_row *r)
{
	struct reader *rd = ctx;
	int64_t i = store_row_int(r, 0) - rd->ref_base;
	int k = vocab_index(&rd->reasons, store_row_text(r, 1));
	if (i >= 0 && i < rd->ref_n && k >= 0)
		rd->reason_mask[i] |= 1u << k;
	return 0;
}

static int session_row(void *ctx, const struct store_row *r)
{
	struct reader *rd = ctx;
	struct case_aux *a = case_of(rd, store_row_int(r, 0));
	int k = vocab_index(&rd->modes, store_row_text(r, 1));
	int64_t n = store_row_int(r, 2);
	if (a) {
		a->sessions = (uint16_t)(a->sessions + n);
		if (k >= 0)
			a->mode_n[k] = (uint16_t)(a->mode_n[k] + n);
	}
	return 0;
}

static int onward_row(void *ctx, const struct store_row *r)
{
	struct reader *rd = ctx;
	struct case_aux *a = case_of(rd, store_row_int(r, 0));
	if (!a)
		return 0;
	a->onward++;
	int d = vocab_index(&rd->domains, store_row_text(r, 1));
	if (d >= 0)
		a->onward_domains |= 1u << d;
	int s = vocab_index(&rd->statuses, store_row_text(r, 2));
	if (s >= 0)
		a->status_n[s]++;
	return 0;
}

static int unmet_row(void *ctx, const struct store_row *r)
{
	struct reader *rd = ctx;
	struct case_aux *a = case_of(rd, store_row_int(r, 0));
	if (!a)
		return 0;
	a->unmet++;
	int d = vocab_index(&rd->domains, store_row_text(r, 1));
	if (d >= 0)
		a->unmet_domains |= 1u << d;
	return 0;
}

static int measure_row(void *ctx, const struct store_row *r)
{
	struct reader *rd = ctx;
	struct case_aux *a = case_of(rd, store_row_int(r, 0));
	if (!a)
		return 0;
	enum instrument_id id = instrument_lookup(store_row_text(r, 1));
	int follow = strcmp(store_row_text(r, 2), "follow_up") == 0;
	int64_t at = store_row_int(r, 5);
	if (id == INSTRUMENT_ONS4) {
		int v[4];
		if (sscanf(store_row_text(r, 3), "%d,%d,%d,%d", &v[0], &v[1], &v[2], &v[3]) != 4)
			return 0;
		for (int i = 0; i < 4; i++)
			(follow ? a->ons_f : a->ons_b)[i] = (int8_t)v[i];
		*(follow ? &a->ons_f_at : &a->ons_b_at) = at;
		return 0;
	}
	int k = id == INSTRUMENT_SWEMWBS ? EXTRACT_SWEMWBS : id == INSTRUMENT_GSE ? EXTRACT_GSE
					 : id == INSTRUMENT_EQVAS ? EXTRACT_EQVAS : -1;
	if (k < 0 || store_row_isnull(r, 4))
		return 0;
	(follow ? a->f : a->b)[k] = (int32_t)store_row_int(r, 4);
	(follow ? a->f_at : a->b_at)[k] = at;
	return 0;
}

/* Appends code (or code:count) to a ;-joined list. */
static void join(char *out, size_t len, const char *code, long count)
{
	size_t n = strlen(out);
	if (count >= 0)
		snprintf(out + n, len - n, "%s%s:%ld", n ? ";" : "", code, count);
	else
		snprintf(out + n, len - n, "%s%s", n ? ";" : "", code);
}

static void join_mask(char *out, size_t len, const struct vocab *v, uint32_t mask)
{
	out[0] = '\0';
	for (int i = 0; i < v->n; i++)
		if (mask & (1u << i))
			join(out, len, v->code[i], -1);
}

static void join_counts(char *out, size_t len, const struct vocab *v, const uint16_t *n)
{
	out[0] = '\0';
	for (int i = 0; i < v->n; i++)
		if (n[i])
			join(out, len, v->code[i], n[i]);
}

static int32_t days_between(int64_t a, int64_t b)
{
	return (int32_t)((b - a) / 86400);
}

static int main_row(void *ctx, const struct store_row *r)
{
	struct reader *rd = ctx;
	struct extract_row x;
	memset(&x, 0, sizeof x);
	int64_t rid = store_row_int(r, 0);
	struct extract_source src = { rid, store_row_int(r, 27), store_row_text(r, 1), store_row_text(r, 2),
				      (int)store_row_int(r, 26) };
	int64_t received = store_row_int(r, 17);
	int64_t day = london_local_days(received);
	x.age_band = cohort_age_band(dt_age_years(store_row_int(r, 3), day));
	x.gender = store_row_text(r, 4);
	x.ethnicity = store_row_text(r, 5);
	x.disability = store_row_text(r, 6);
	x.employment = store_row_text(r, 7);
	x.housing = store_row_text(r, 8);
	x.money_worries = store_row_isnull(r, 9) ? -1 : (int)store_row_int(r, 9);
	x.postcode_district = store_row_text(r, 10);
	x.hwp_area = store_row_text(r, 11);
	x.place_board = store_row_text(r, 12);
	x.practice = store_row_text(r, 13);
	x.gp_cluster = store_row_text(r, 14);
	x.pcn = report_ref_get(rd->ref, "pcn", x.practice);
	x.rurality = report_ref_get(rd->ref, "rurality", x.postcode_district);
	x.source = store_row_text(r, 15);
	x.channel = store_row_text(r, 16);
	int64_t i = rid - rd->ref_base;
	join_mask(x.reasons, sizeof x.reasons, &rd->reasons, i >= 0 && i < rd->ref_n ? rd->reason_mask[i] : 0);
	int y, m, d;
	dt_civil_from_days(day, &y, &m, &d);
	snprintf(x.month, sizeof x.month, "%04d-%02d", y % 10000, m % 100);
	int64_t due = store_row_int(r, 18);
	if (store_row_isnull(r, 19)) {
		x.days_to_first_contact = EXTRACT_NONE;
		x.within_24 = rd->now > due ? 0 : -1;
	} else {
		int64_t first = store_row_int(r, 19);
		x.days_to_first_contact = (int32_t)((first - received) / 86400);
		x.within_24 = first <= due;
	}
	x.has_case = !store_row_isnull(r, 20);
	x.tier = store_row_text(r, 21);
	x.case_status = store_row_text(r, 22);
	x.closure_reason = store_row_text(r, 23);
	x.dropout = x.has_case ? (int)store_row_int(r, 24) : -1;
	x.referral_status = store_row_text(r, 25);
	for (int k = 0; k < EXTRACT_SCORED__MAX; k++)
		x.score_b[k] = x.score_f[k] = x.score_days[k] = EXTRACT_NONE;
	for (int k = 0; k < 4; k++)
		x.ons4_b[k] = x.ons4_f[k] = EXTRACT_NONE;
	x.ons4_days = EXTRACT_NONE;
	struct case_aux *a = x.has_case ? case_of(rd, store_row_int(r, 20)) : NULL;
	if (a) {
		x.sessions = a->sessions;
		x.onward = a->onward;
		x.unmet = a->unmet;
		join_counts(x.session_modes, sizeof x.session_modes, &rd->modes, a->mode_n);
		join_mask(x.onward_categories, sizeof x.onward_categories, &rd->domains, a->onward_domains);
		join_counts(x.onward_outcomes, sizeof x.onward_outcomes, &rd->statuses, a->status_n);
		join_mask(x.unmet_domains, sizeof x.unmet_domains, &rd->domains, a->unmet_domains);
		for (int k = 0; k < EXTRACT_SCORED__MAX; k++) {
			x.score_b[k] = a->b[k];
			x.score_f[k] = a->f[k];
			if (a->b[k] != EXTRACT_NONE && a->f[k] != EXTRACT_NONE)
				x.score_days[k] = days_between(a->b_at[k], a->f_at[k]);
		}
		for (int k = 0; k < 4; k++) {
			x.ons4_b[k] = a->ons_b[k] >= 0 ? a->ons_b[k] : EXTRACT_NONE;
			x.ons4_f[k] = a->ons_f[k] >= 0 ? a->ons_f[k] : EXTRACT_NONE;
		}
		if (a->ons_b[0] >= 0 && a->ons_f[0] >= 0)
			x.ons4_days = days_between(a->ons_b_at, a->ons_f_at);
	}
	rd->rows++;
	if (rd->fn(rd->ctx, &src, &x)) {
		rd->stopped = 1;
		return 1;
	}
	return 0;
}

long long extract_read(struct store *st, int64_t from_utc, int64_t to_utc, int64_t now, extract_row_fn fn, void *ctx)
{
	struct reader *rd = calloc(1, sizeof *rd);
	if (!rd)
		return -1;
	long long rc = -1;
	rd->now = now;
	rd->fn = fn;
	rd->ctx = ctx;
	int64_t max_case = 0, max_ref = 0;
	rd->ref = report_ref_new();
	if (!rd->ref || report_store_ref(st, rd->ref) || vocab_load(st, "referral_reasons", &rd->reasons) || vocab_load(st, "session_modes", &rd->modes) ||
	    vocab_load(st, "need_domains", &rd->domains) || vocab_load(st, "onward_referral_statuses", &rd->statuses) ||
	    store_get_int(st, STMT_EVAL_X_MAX_CASE, &max_case, "") < 0 ||
	    store_get_int(st, STMT_EVAL_X_MAX_REFERRAL, &max_ref, "") < 0)
		goto out;
	rd->ref_base = 0;
	rd->ref_n = max_ref + 1;
	rd->case_n = max_case + 1;
	rd->reason_mask = calloc((size_t)rd->ref_n, sizeof *rd->reason_mask);
	rd->cases = malloc((size_t)rd->case_n * sizeof *rd->cases);
	if (!rd->reason_mask || !rd->cases)
		goto out;
	for (int64_t k = 0; k < rd->case_n; k++) {
		struct case_aux *a = &rd->cases[k];
		memset(a, 0, sizeof *a);
		for (int j = 0; j < EXTRACT_SCORED__MAX; j++)
			a->b[j] = a->f[j] = EXTRACT_NONE;
		memset(a->ons_b, -1, sizeof a->ons_b);
		memset(a->ons_f, -1, sizeof a->ons_f);
	}
	if (store_exec(st, STMT_EVAL_X_REASONS, reason_row, rd, "ii", from_utc, to_utc) < 0 ||
	    store_exec(st, STMT_EVAL_X_SESSIONS, session_row, rd, "ii", from_utc, to_utc) < 0 ||
	    store_exec(st, STMT_EVAL_X_ONWARD, onward_row, rd, "ii", from_utc, to_utc) < 0 ||
	    store_exec(st, STMT_EVAL_X_UNMET, unmet_row, rd, "ii", from_utc, to_utc) < 0 ||
	    store_exec(st, STMT_EVAL_X_MEASURES, measure_row, rd, "ii", from_utc, to_utc) < 0)
		goto out;
	if (store_exec(st, STMT_EVAL_X_MAIN, main_row, rd, "ii", from_utc, to_utc) < 0 && !rd->stopped)
		goto out;
	rc = rd->stopped ? -1 : rd->rows;
out:
	free(rd->reason_mask);
	free(rd->cases);
	report_ref_free(rd->ref);
	free(rd);
	return rc;
}
