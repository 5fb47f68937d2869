/* Unit tests for core/report_dsum: the case-side summaries (cases, sessions, onward referrals, unmet needs, outcome
 * pairs, volunteer tasks) tallied into every case-side report by every dimension they hold equal the same facts
 * tallied raw (the open caseload from its +1 / -1 rows up to the period's end), a fact taken away leaves nothing,
 * and a recount slice keeps only its periods. */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "core/datetime.h"
#include "core/kpisum.h"
#include "core/report_sum.h"

#define DAY 86400

static int64_t at_day(int month, int day)
{
	return dt_days_from_civil(2026, month, day) * DAY + 11 * 3600;
}

static struct report_fact fact(enum report_fact_kind kind, int64_t at, const char *area, const char *practice,
			       const char *outcode)
{
	struct report_fact f = { .kind = kind, .at = at, .t2 = REPORT_NONE, .t3 = REPORT_NONE, .t4 = 0, .org_id = 3,
				 .dob = dt_days_from_civil(1950, 6, 1), .value = REPORT_NONE, .flag = 0 };
	f.area = area;
	f.practice = practice;
	f.outcode = outcode;
	f.hospital = f.d2 = f.d3 = "";
	f.gender = "female";
	f.ethnicity = "A";
	f.disability = "no";
	f.source = "gp_practice";
	f.channel = "form";
	f.tier = "social_prescribing";
	f.d1 = "";
	return f;
}

#define NFACTS 9

static void make_facts(struct report_fact *fs)
{
	/* a case opened in December and closed in January, one opened in January and open, one low-level closed in
	 * 10 days, a case opened and closed in February (after the period) */
	fs[0] = fact(RF_CASE, at_day(12, 20) - 365 * DAY, "waveney", "P1", "NR32");
	fs[0].t2 = at_day(1, 10);
	fs[0].d1 = "completed";
	fs[0].t3 = 1;
	fs[0].value = 4;
	fs[1] = fact(RF_CASE, at_day(1, 5), "breckland", "P2", "IP24");
	fs[1].d3 = "link_worker";
	fs[2] = fact(RF_CASE, at_day(1, 12), "breckland", "", "");
	fs[2].tier = "community_support";
	fs[2].t2 = at_day(1, 22);
	fs[2].d1 = "dropped_out";
	fs[2].flag = 1;
	fs[3] = fact(RF_CASE, at_day(2, 2), "waveney", "P1", "NR32");
	fs[3].t2 = at_day(2, 3);
	fs[4] = fact(RF_SESSION, at_day(1, 6), "breckland", "P2", "IP24");
	fs[4].d1 = "telephone";
	fs[4].value = 45;
	fs[5] = fact(RF_ONWARD, at_day(1, 7), "waveney", "P1", "NR32");
	fs[5].d1 = "money";
	fs[5].d2 = "attended";
	fs[5].d3 = "Debt advice";
	fs[6] = fact(RF_UNMET, at_day(1, 8), "norwich", "P1", "NR32");
	fs[6].d1 = "practical_help";
	fs[7] = fact(RF_OUTCOME, at_day(1, 9), "waveney", "P1", "NR32");
	fs[7].d1 = "swemwbs";
	fs[7].value = 350;
	fs[8] = fact(RF_TASK, at_day(1, 30), "breckland", "P2", "IP24");
	fs[8].d1 = "shopping";
	fs[8].value = 90;
}

static struct report_ref *make_ref(void)
{
	struct report_ref *ref = report_ref_new();
	assert_non_null(ref);
	assert_int_equal(report_ref_put(ref, "place_board", "waveney", "east"), 0);
	assert_int_equal(report_ref_put(ref, "place_board", "breckland", "south"), 0);
	assert_int_equal(report_ref_put(ref, "pcn", "P1", "Lowestoft PCN"), 0);
	assert_int_equal(report_ref_put(ref, "cluster", "P2", "Breckland"), 0);
	assert_int_equal(report_ref_put(ref, "rurality", "IP24", "rural_town_fringe"), 0);
	return ref;
}

struct into {
	struct report_table *t;
	const struct report_ref *ref;
	int64_t from_day, to_day, end_utc;
};

/* As the store reads them: day rows of the period, and the cumulative rows of every day up to its end. */
static int add_rows(void *ctx, const struct report_sum_row *r)
{
	struct into *in = ctx;
	if (r->table != 1 || r->grain != 0)
		return 0;
	if (r->period >= in->from_day && r->period <= in->to_day)
		assert_int_equal(report_table_add_dsum(in->t, r, in->ref, 0, 0), 0);
	if (r->period <= in->to_day)
		assert_int_equal(report_table_add_dsum(in->t, r, in->ref, 1, in->end_utc), 0);
	return 0;
}

static void same(const struct report_table *raw, const struct report_table *sum, const char *what)
{
	if (raw->nrows != sum->nrows)
		fail_msg("%s: %zu rows raw, %zu from the summaries", what, raw->nrows, sum->nrows);
	for (size_t i = 0; i < raw->nrows; i++) {
		assert_string_equal(raw->rows[i].key, sum->rows[i].key);
		for (size_t j = 0; j < raw->nm; j++)
			if (raw->rows[i].c[j].n != sum->rows[i].c[j].n || raw->rows[i].c[j].sum != sum->rows[i].c[j].sum)
				fail_msg("%s row %s measure %s: raw %lld/%lld, summaries %lld/%lld", what, raw->rows[i].key,
					 report_measures[raw->m[j]].key, (long long)raw->rows[i].c[j].n,
					 (long long)raw->rows[i].c[j].sum, (long long)sum->rows[i].c[j].n,
					 (long long)sum->rows[i].c[j].sum);
	}
	assert_memory_equal(raw->total.c, sum->total.c, sizeof raw->total.c);
}

static void test_summaries_equal_facts(void **state)
{
	(void)state;
	struct report_fact fs[NFACTS];
	make_facts(fs);
	struct report_ref *ref = make_ref();
	struct report_sum_acc *a = report_sum_acc_new();
	assert_non_null(a);
	for (int i = 0; i < NFACTS; i++)
		assert_int_equal(report_sum_add_fact(a, &fs[i], 1), 0);
	struct report_period p;
	report_period_make(dt_days_from_civil(2026, 1, 3), dt_days_from_civil(2026, 1, 25), dt_days_from_civil(2026, 3, 1),
			   &p);
	int compared = 0;
	for (int r = 0; r < REPORT__N; r++) {
		for (int d = -2; d < (int)report_dim_count; d++) {
			if (d == -1 || !report_dim_fits((enum report_id)r, d))
				continue;
			struct report_table raw, sum;
			report_table_init(&raw, (enum report_id)r, d, 0);
			report_table_init(&sum, (enum report_id)r, d, 0);
			int any = 0;
			for (int i = 0; i < NFACTS; i++)
				if (report_sum_fits_kind((enum report_id)r, d, fs[i].kind) && report_dsum_kind(fs[i].kind)) {
					assert_int_equal(report_table_add(&raw, &fs[i], &p, ref), 0);
					any = 1;
				}
			/* measures of kinds read raw (volunteers, workers; cases by age band) stay empty on both sides */
			struct into in = { &sum, ref, p.from_day, p.to_day, p.to_utc - 1 };
			report_sum_each(a, add_rows, &in);
			report_table_sort(&raw);
			report_table_sort(&sum);
			char what[96];
			snprintf(what, sizeof what, "%s by %s", report_names[r], d < 0 ? "total" : report_dims[d].key);
			if (any) {
				same(&raw, &sum, what);
				compared++;
			}
			report_table_free(&raw);
			report_table_free(&sum);
		}
	}
	assert_true(compared > 100);
	/* the open caseload as at 25 January: the December case closed on the 10th, the low-level one on the 22nd */
	struct report_table t;
	report_table_init(&t, REPORT_CASEWORK, report_dim_by_name("hwp_area"), 0);
	struct into in = { &t, ref, p.from_day, p.to_day, p.to_utc - 1 };
	report_sum_each(a, add_rows, &in);
	report_table_sort(&t);
	assert_int_equal(t.total.c[2].n, 1);
	assert_string_equal(t.rows[0].key, "breckland");
	report_table_free(&t);
	assert_null(report_dsum_stored_dim(report_dim_by_name("age_band"), RF_CASE));
	assert_string_equal(report_dsum_stored_dim(report_dim_by_name("age_band"), RF_SESSION), "age_band");
	assert_string_equal(report_dsum_stored_dim(report_dim_by_name("pcn"), RF_ONWARD), "practice");
	assert_string_equal(report_dsum_stored_dim(report_dim_by_name("rurality"), RF_TASK), "outcode");
	assert_string_equal(report_dsum_stored_dim(report_dim_by_name("session_mode"), RF_CASE), "");
	assert_null(report_dsum_stored_dim(-2, RF_VOLUNTEER));
	report_sum_acc_free(a);
	report_ref_free(ref);
}

static int count_rows(void *ctx, const struct report_sum_row *r)
{
	(void)r;
	(*(int *)ctx)++;
	return 0;
}

static void test_take_away_and_slices(void **state)
{
	(void)state;
	struct report_fact fs[NFACTS];
	make_facts(fs);
	struct report_sum_acc *a = report_sum_acc_new();
	assert_non_null(a);
	for (int i = 0; i < NFACTS; i++)
		assert_int_equal(report_sum_add_fact(a, &fs[i], 1), 0);
	int all = 0;
	report_sum_each(a, count_rows, &all);
	assert_true(all > 0);
	for (int i = 0; i < NFACTS; i++)
		assert_int_equal(report_sum_add_fact(a, &fs[i], -1), 0);
	int n = 0;
	report_sum_each(a, count_rows, &n);
	assert_int_equal(n, 0);
	report_sum_acc_free(a);
	/* three slices by period hold every row between them */
	int sliced = 0;
	for (int part = 0; part < 3; part++) {
		a = report_sum_acc_new();
		assert_non_null(a);
		report_sum_acc_part(a, 3, part);
		for (int i = 0; i < NFACTS; i++)
			assert_int_equal(report_sum_add_fact(a, &fs[i], 1), 0);
		n = 0;
		report_sum_each(a, count_rows, &n);
		assert_true(n < all);
		sliced += n;
		report_sum_acc_free(a);
	}
	assert_int_equal(sliced, all);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_summaries_equal_facts),
		cmocka_unit_test(test_take_away_and_slices),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
