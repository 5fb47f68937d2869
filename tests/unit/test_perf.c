/* Unit tests for core/perf and core/commission_data: the pro-rata target, quarters, RAG thresholds read from the data file. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "core/commission_data.h"
#include "core/datetime.h"
#include "core/perf.h"
#include "util/embed.h"

static int64_t D(const char *s)
{
	int64_t d;
	assert_int_equal(dt_parse_date(s, &d), 0);
	return d;
}

static void test_target(void **state)
{
	(void)state;
	/* a whole 365-day year, one post: 100 clients */
	assert_int_equal(perf_target_x100(100, 1, D("2026-01-01"), D("2026-12-31"), PERF_NO_DATE, 50), 10000);
	/* two posts (1 FTE): 200 */
	assert_int_equal(perf_target_x100(100, 2, D("2026-01-01"), D("2026-12-31"), PERF_NO_DATE, 50), 20000);
	/* a 92-day quarter: 100 * 92 / 365 = 25.2054... -> 25.21 */
	assert_int_equal(perf_target_x100(100, 1, D("2026-04-01"), D("2026-07-01"), PERF_NO_DATE, 50), 2521);
	/* a 90-day quarter: 24.6575... -> 24.66 */
	assert_int_equal(perf_target_x100(100, 1, D("2026-01-01"), D("2026-03-31"), PERF_NO_DATE, 50), 2466);
	/* a leap year counts 366 days: 100.27 */
	assert_int_equal(perf_target_x100(100, 1, D("2028-01-01"), D("2028-12-31"), PERF_NO_DATE, 50), 10027);
	/* mobilisation over the first 30 of 90 days at 50%: (60 + 15) / 365 * 100 = 20.547 -> 20.55 */
	assert_int_equal(perf_target_x100(100, 1, D("2026-01-01"), D("2026-03-31"), D("2026-01-30"), 50), 2055);
	/* mobilisation covering the whole period at 0%: nothing expected */
	assert_int_equal(perf_target_x100(100, 3, D("2026-01-01"), D("2026-03-31"), D("2026-06-30"), 0), 0);
	/* mobilisation that ended before the period has no effect */
	assert_int_equal(perf_target_x100(100, 1, D("2026-04-01"), D("2026-07-01"), D("2026-03-31"), 0), 2521);
	/* lower during mobilisation, never higher */
	for (int pct = 0; pct <= 100; pct += 5)
		assert_true(perf_target_x100(100, 2, D("2026-01-01"), D("2026-03-31"), D("2026-02-15"), pct)
			    <= perf_target_x100(100, 2, D("2026-01-01"), D("2026-03-31"), PERF_NO_DATE, 0));
	/* one day */
	assert_int_equal(perf_target_x100(100, 1, D("2026-01-01"), D("2026-01-01"), PERF_NO_DATE, 0), 27);
	/* refusals */
	assert_int_equal(perf_target_x100(100, 1, D("2026-01-02"), D("2026-01-01"), PERF_NO_DATE, 0), -1);
	assert_int_equal(perf_target_x100(100, -1, D("2026-01-01"), D("2026-01-01"), PERF_NO_DATE, 0), -1);
	assert_int_equal(perf_target_x100(100, 1, D("2026-01-01"), D("2026-01-01"), PERF_NO_DATE, 101), -1);
}

static void test_quarters(void **state)
{
	(void)state;
	int64_t a, b;
	char x[DT_DATE_LEN], y[DT_DATE_LEN];
	assert_int_equal(perf_quarter(D("2018-03-26"), 1, &a, &b), 0);
	dt_format_date(a, x), dt_format_date(b, y);
	assert_string_equal(x, "2018-03-26");
	assert_string_equal(y, "2018-06-25");
	assert_int_equal(perf_quarter(D("2018-11-30"), 1, &a, &b), 0);
	dt_format_date(b, y);
	assert_string_equal(y, "2019-02-27"); /* 30 Nov + 3 months = 28 Feb, so the quarter ends the day before */
	assert_int_equal(perf_quarter(D("2018-11-30"), 2, &a, &b), 0);
	dt_format_date(a, x);
	assert_string_equal(x, "2019-02-28");
	/* four quarters tile the year without gaps */
	int64_t start = D("2019-05-31"), prev_end = start - 1;
	for (int q = 1; q <= 4; q++) {
		assert_int_equal(perf_quarter(start, q, &a, &b), 0);
		assert_true(a == prev_end + 1 && b >= a);
		prev_end = b;
	}
	assert_true(prev_end == D("2020-05-30"));
	assert_int_equal(perf_quarter(start, 0, &a, &b), -1);
}

static const char *data_text(size_t *len)
{
	const struct embed_file *f = embed_find("data/commissioning.json");
	assert_non_null(f);
	*len = f->len;
	return (const char *)f->data;
}

static void test_rag_from_data(void **state)
{
	(void)state;
	static struct commission_data cd;
	char err[200];
	size_t len;
	const char *t = data_text(&len);
	assert_int_equal(commission_data_parse(t, len, &cd, err, sizeof err), 0);
	assert_int_equal(cd.lot_value_pence, 1400000);
	assert_int_equal(cd.clients_per_year, 100);
	assert_int_equal(cd.n_criteria, 7);
	assert_int_equal(cd.n_selection, 5);
	assert_int_equal(cd.weight_total, 100);
	assert_int_equal(commission_criterion_index(&cd, "insurance"), 4);
	assert_int_equal(commission_selection_index(&cd, "experience"), 1);
	assert_int_equal(commission_selection_index(&cd, "nope"), -1);
	/* thresholds: clients green >= 90, amber >= 70 */
	assert_int_equal(rag_rate(&cd.rag, RAG_CLIENTS, 9000), RAG_GREEN);
	assert_int_equal(rag_rate(&cd.rag, RAG_CLIENTS, 8999), RAG_AMBER);
	assert_int_equal(rag_rate(&cd.rag, RAG_CLIENTS, 7000), RAG_AMBER);
	assert_int_equal(rag_rate(&cd.rag, RAG_CLIENTS, 6999), RAG_RED);
	assert_int_equal(rag_rate(&cd.rag, RAG_COMPLETENESS, 9500), RAG_GREEN);
	assert_int_equal(rag_rate(&cd.rag, RAG_COMPLETENESS, 9499), RAG_AMBER);
	assert_int_equal(rag_rate(&cd.rag, RAG_FOLLOWUP, 7499), RAG_RED);
	assert_int_equal(rag_worst(RAG_GREEN, RAG_AMBER), RAG_AMBER);
	assert_int_equal(rag_worst(RAG_RED, RAG_AMBER), RAG_RED);
	assert_string_equal(rag_name(RAG_AMBER), "amber");
	/* 20 clients against a 25.21 target: 79.33% -> amber */
	int64_t pct = perf_pct_x100(20 * 100, 2521);
	assert_int_equal(pct, 7933);
	assert_int_equal(rag_rate(&cd.rag, RAG_CLIENTS, pct), RAG_AMBER);
	assert_int_equal(perf_pct_x100(5, 0), 10000);
	/* weighted score: all 5s is 100%, all 0s 0%, experience only */
	int all5[] = { 5, 5, 5, 5, 5 }, zero[] = { 0, 0, 0, 0, 0 }, exp[] = { 0, 5, 0, 0, 0 }, bad[] = { 6, 0, 0, 0, 0 };
	assert_int_equal(commission_weighted_score(&cd, all5), 10000);
	assert_int_equal(commission_weighted_score(&cd, zero), 0);
	assert_int_equal(commission_weighted_score(&cd, exp), 2500);
	assert_int_equal(commission_weighted_score(&cd, bad), -1);
}

static void test_data_refusals(void **state)
{
	(void)state;
	static struct commission_data cd;
	char err[200];
	const char *bad[] = {
		"{",
		"{\"lot_value_pence\":1,\"clients_per_year_per_post\":1,\"score_max\":5}",
		"{\"lot_value_pence\":1,\"clients_per_year_per_post\":1,\"score_max\":5,\"appendix_b\":[{\"code\":\"a\",\"label\":\"A\"}],"
		"\"selection_criteria\":[{\"code\":\"a\",\"label\":\"A\",\"weight\":1}],"
		"\"rag\":[{\"measure\":\"clients\",\"green_from\":50,\"amber_from\":60}]}",
		NULL,
	};
	for (int i = 0; bad[i]; i++)
		assert_int_equal(commission_data_parse(bad[i], strlen(bad[i]), &cd, err, sizeof err), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_target),
		cmocka_unit_test(test_quarters),
		cmocka_unit_test(test_rag_from_data),
		cmocka_unit_test(test_data_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
