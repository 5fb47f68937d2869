/* The case-side summaries in memory (report_dim_sums): what a case, session, onward referral, unmet need, outcome
 * pair or volunteer task adds per (grain, period, measure, area, stored dimension, key), and such rows tallied
 * into a report's table, deriving boards, PCNs, rurality and months from the stored keys. */
#include <stdio.h>
#include <string.h>
#include "core/kpisum.h"
#include "core/londontime.h"
#include "core/report_sum.h"

int report_dsum_kind(enum report_fact_kind k)
{
	return k == RF_CASE || k == RF_SESSION || k == RF_ONWARD || k == RF_UNMET || k == RF_OUTCOME || k == RF_TASK;
}

int report_sum_cumulative(const struct report_measure *m)
{
	return strcmp(m->key, "open_caseload") == 0;
}

static int is(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

/* Dimensions read from the area's total rows (dim ""): the area itself, what follows from it, and time. */
static int from_total(const char *k)
{
	return is(k, "hwp_area") || is(k, "place_board") || is(k, "waveney") || is(k, "month") || is(k, "quarter") ||
	       is(k, "financial_year");
}

const char *report_dsum_stored_dim(int d, enum report_fact_kind k)
{
	if (!report_dsum_kind(k))
		return NULL;
	if (d == -2)
		return "";
	if (d < 0 || (size_t)d >= report_dim_count)
		return NULL;
	const char *key = report_dims[d].key;
	if (from_total(key) || !(report_dims[d].kinds & (1u << k)))
		return "";
	/* the open caseload is counted as at the period's end, so its age band is not the one stored */
	if (k == RF_CASE && is(key, "age_band"))
		return NULL;
	if (is(key, "pcn") || is(key, "gp_cluster"))
		return "practice";
	if (is(key, "rurality"))
		return "outcode";
	return key;
}

static void text(char *out, size_t len, const char *s)
{
	snprintf(out, len, "%s", s ? s : "");
}

/* Adds one contribution (n, v at time at) to every stored dimension of the fact, day and month rows. */
static int add_one(struct report_sum_acc *a, const struct report_fact *f, const char *measure, int64_t at, int64_t n,
		   int64_t v)
{
	struct report_sum_row r = { 0 };
	r.table = 1;
	text(r.measure, sizeof r.measure, measure);
	text(r.area, sizeof r.area, f->area);
	r.n = n;
	r.sum = v;
	int64_t day = london_local_days(at);
	for (int d = -1; d < (int)report_dim_count + 1; d++) {
		if (d == -1)
			r.dim[0] = '\0', r.key[0] = '\0';
		else if (d == (int)report_dim_count) {
			text(r.dim, sizeof r.dim, "outcode");
			text(r.key, sizeof r.key, f->outcode && *f->outcode ? f->outcode : "unknown");
		} else {
			const char *sd = report_dsum_stored_dim(d, f->kind);
			if (!sd || !*sd || !is(sd, report_dims[d].key))
				continue;
			text(r.dim, sizeof r.dim, sd);
			report_dim_key(d, f, at, NULL, r.key);
		}
		r.grain = 0;
		r.period = day;
		if (report_sum_add_row(a, &r, 1))
			return -1;
		r.grain = 1;
		r.period = kpisum_month_of(day);
		if (report_sum_add_row(a, &r, 1))
			return -1;
	}
	return 0;
}

/* 1 when an earlier measure has the same key (volunteer_hours is in two reports): it is summed once. */
static int seen_before(size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (is(report_measures[j].key, report_measures[i].key))
			return 1;
	return 0;
}

int report_dsum_add_fact(struct report_sum_acc *a, const struct report_fact *f, int sign)
{
	struct report_period all = { 0, 0, INT64_MIN / 2, INT64_MAX / 2, 0 };
	for (size_t i = 0; i < report_measure_count; i++) {
		const struct report_measure *m = &report_measures[i];
		if (m->kind != f->kind || seen_before(i))
			continue;
		if (report_sum_cumulative(m)) {
			/* open from the day it opened until the day it closed */
			if ((f->at != REPORT_NONE && add_one(a, f, m->key, f->at, sign, sign)) ||
			    (f->at != REPORT_NONE && f->t2 != REPORT_NONE && add_one(a, f, m->key, f->t2, -sign, -sign)))
				return -1;
			continue;
		}
		int64_t at = REPORT_NONE, v = 0;
		if (!m->fn(f, &all, &at, &v) || at == REPORT_NONE)
			continue;
		if (add_one(a, f, m->key, at, sign, sign * v))
			return -1;
	}
	return 0;
}

int report_table_add_dsum(struct report_table *t, const struct report_sum_row *r, const struct report_ref *ref,
			  int cumulative, int64_t end_utc)
{
	if (!report_table_area_ok(t, r->area, ref))
		return 0;
	for (size_t j = 0; j < t->nm; j++) {
		const struct report_measure *m = &report_measures[t->m[j]];
		const char *sd = report_dsum_stored_dim(t->dim, m->kind);
		if (!sd || !is(sd, r->dim) || !is(m->key, r->measure) || report_sum_cumulative(m) != cumulative)
			continue;
		char key[REPORT_KEY_MAX];
		if (t->dim >= 0 && is(sd, report_dims[t->dim].key)) {
			snprintf(key, sizeof key, "%s", r->key);
		} else {
			struct report_fact f = { .kind = m->kind, .area = r->area, .source = "", .channel = "", .tier = "",
						 .outcode = is(sd, "outcode") ? r->key : "",
						 .practice = is(sd, "practice") ? r->key : "", .hospital = "", .gender = "",
						 .ethnicity = "", .disability = "", .d1 = "", .d2 = "", .d3 = "" };
			int64_t day = r->grain == 0 ? r->period : kpisum_month_first_day(r->period);
			int64_t at = cumulative ? end_utc : london_midnight_utc(day) + 12 * 3600;
			report_dim_key(t->dim, &f, at, ref, key);
		}
		if (report_table_add_cell(t, j, key, r->n, r->sum))
			return -1;
	}
	return 0;
}
