/* Unit tests for core/report_sum: a fact's contribution to the summaries by day and month, taken away again to
 * nothing, and a table tallied from summary rows equal to one tallied from the facts themselves. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "core/datetime.h"
#include "core/report_sum.h"

static struct report_fact referral(int day, const char *area, const char *source)
{
	int64_t at = dt_days_from_civil(2026, 1, day) * 86400 + 10 * 3600;
	struct report_fact f = { .kind = RF_REFERRAL, .at = at, .t2 = at + 3600, .t3 = REPORT_NONE, .t4 = at + 86400,
				 .org_id = 0, .dob = REPORT_NONE, .value = REPORT_NONE, .flag = 0 };
	f.area = area;
	f.source = source;
	f.outcode = f.practice = f.hospital = f.gender = f.ethnicity = f.disability = f.tier = f.d2 = f.d3 = "";
	f.channel = "import";
	f.d1 = "triaged";
	return f;
}

static int count_rows(void *ctx, const struct report_sum_row *r)
{
	(void)r;
	(*(int *)ctx)++;
	return 0;
}

static void test_add_and_take_away(void **state)
{
	(void)state;
	struct report_sum_acc *a = report_sum_acc_new();
	assert_non_null(a);
	struct report_fact f = referral(5, "waveney", "self");
	assert_int_equal(report_sum_add_fact(a, &f, 1), 0);
	int n = 0;
	report_sum_each(a, count_rows, &n);
	/* referrals_received, triaged_within_24h, not_yet_contacted, followup_counted and the percentage's
	 * denominator: each by day and by month */
	assert_int_equal(n, 10);
	assert_int_equal(report_sum_add_fact(a, &f, -1), 0);
	n = 0;
	report_sum_each(a, count_rows, &n);
	assert_int_equal(n, 0);
	/* A volunteer is not summarised. */
	struct report_fact v = f;
	v.kind = RF_VOLUNTEER;
	v.d1 = "active";
	assert_int_equal(report_sum_add_fact(a, &v, 1), 0);
	n = 0;
	report_sum_each(a, count_rows, &n);
	assert_int_equal(n, 0);
	report_sum_acc_free(a);
}

struct tally {
	int rows;
	int64_t n;
};

static int tally_rows(void *ctx, const struct report_sum_row *r)
{
	struct tally *t = ctx;
	t->rows++;
	t->n += r->n;
	return 0;
}

/* Many distinct rows (the table grows many times), the same rows again (found, not added), then cleared and
 * filled again: what a recount flushed to the store in slices does. */
static void test_grow_and_clear(void **state)
{
	(void)state;
	struct report_sum_acc *a = report_sum_acc_new();
	assert_non_null(a);
	for (int round = 0; round < 2; round++) {
		for (int pass = 0; pass < 2; pass++)
			for (int i = 0; i < 5000; i++) {
				struct report_sum_row r = { .table = i % 2, .grain = 0, .period = i / 7, .n = 1, .sum = i };
				snprintf(r.measure, sizeof r.measure, "m%d", i % 7);
				snprintf(r.area, sizeof r.area, "area-%d", i % 3);
				assert_int_equal(report_sum_add_row(a, &r, 1), 0);
			}
		assert_int_equal((int)report_sum_acc_size(a), 5000);
		struct tally t = { 0, 0 };
		assert_int_equal(report_sum_each(a, tally_rows, &t), 5000);
		assert_int_equal(t.rows, 5000);
		assert_int_equal(t.n, 10000);
		report_sum_acc_clear(a);
		assert_int_equal((int)report_sum_acc_size(a), 0);
		t.rows = 0;
		assert_int_equal(report_sum_each(a, tally_rows, &t), 0);
	}
	report_sum_acc_free(a);
}

struct into {
	struct report_table *t;
	int grain;
	int64_t from, to;
};

static int add_rows(void *ctx, const struct report_sum_row *r)
{
	struct into *in = ctx;
	if (r->grain == in->grain && r->period >= in->from && r->period <= in->to)
		assert_int_equal(report_table_add_sum(in->t, r, NULL), 0);
	return 0;
}

static void test_summaries_equal_facts(void **state)
{
	(void)state;
	struct report_fact fs[5] = { referral(3, "waveney", "self"), referral(3, "waveney", "gp_practice"),
				     referral(9, "breckland", "self"), referral(20, "waveney", "self"),
				     referral(31, "", "self") };
	fs[1].t3 = fs[1].at + 7200; /* contacted within the allowance */
	fs[2].d1 = "rejected";	    /* left out of the follow-up KPI */
	struct report_sum_acc *a = report_sum_acc_new();
	assert_non_null(a);
	for (int i = 0; i < 5; i++)
		assert_int_equal(report_sum_add_fact(a, &fs[i], 1), 0);
	struct report_period p;
	report_period_make(dt_days_from_civil(2026, 1, 1), dt_days_from_civil(2026, 1, 31), dt_days_from_civil(2026, 2, 1),
			   &p);
	for (int r = 0; r < REPORT__N; r++) {
		if (!report_sum_fits((enum report_id)r, -2))
			continue;
		for (size_t d = 0; d < report_dim_count; d++) {
			if (!report_sum_fits((enum report_id)r, (int)d))
				continue;
			struct report_table raw, sum;
			report_table_init(&raw, (enum report_id)r, (int)d, 0);
			report_table_init(&sum, (enum report_id)r, (int)d, 0);
			for (int i = 0; i < 5; i++)
				assert_int_equal(report_table_add(&raw, &fs[i], &p, NULL), 0);
			/* January is a whole month: its month rows, then the same from day rows. */
			for (int grain = 1; grain >= 0; grain--) {
				struct into in = { &sum, grain, grain ? 2026 * 12 : p.from_day, grain ? 2026 * 12 : p.to_day };
				report_table_free(&sum);
				report_table_init(&sum, (enum report_id)r, (int)d, 0);
				report_sum_each(a, add_rows, &in);
				report_table_sort(&raw);
				report_table_sort(&sum);
				assert_int_equal(raw.nrows, sum.nrows);
				for (size_t i = 0; i < raw.nrows; i++) {
					assert_string_equal(raw.rows[i].key, sum.rows[i].key);
					assert_memory_equal(raw.rows[i].c, sum.rows[i].c, sizeof raw.rows[i].c);
				}
				assert_memory_equal(raw.total.c, sum.total.c, sizeof raw.total.c);
			}
			report_table_free(&raw);
			report_table_free(&sum);
		}
	}
	assert_true(report_sum_fits(REPORT_ACTIVITY, report_dim_by_name("hwp_area")));
	assert_false(report_sum_fits(REPORT_ACTIVITY, report_dim_by_name("age_band")));
	assert_false(report_sum_fits(REPORT_CASEWORK, -2));
	report_sum_acc_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_and_take_away),
		cmocka_unit_test(test_grow_and_clear),
		cmocka_unit_test(test_summaries_equal_facts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
