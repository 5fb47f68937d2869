/* Unit tests for core/stats and core/outcome: special functions against
 * closed forms, the paired figures of a small worked example, the exact and
 * normal Wilcoxon tests, and the meaningful-change rules of each instrument. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <cmocka.h>
#include "core/outcome.h"
#include "core/stats.h"

static void assert_close(double got, double want, double tol)
{
	if (!(fabs(got - want) <= tol * (fabs(want) > 1 ? fabs(want) : 1)))
		fail_msg("got %.17g want %.17g", got, want);
}

static void test_betainc_closed_forms(void **state)
{
	(void)state;
	/* I_x(1, b) = 1 - (1-x)^b and I_x(a, 1) = x^a. */
	for (double x = 0.05; x < 1; x += 0.1) {
		assert_close(stats_betainc(1, 3.5, x), 1 - pow(1 - x, 3.5), 1e-14);
		assert_close(stats_betainc(2.5, 1, x), pow(x, 2.5), 1e-14);
	}
	assert_true(isnan(stats_betainc(-1, 1, 0.5)));
	assert_true(isnan(stats_betainc(1, 1, 1.5)));
	assert_close(stats_betainc(2.5, 0.5, 0.3), 0.01892712407194565, 1e-14);
}

static void test_t_quantile(void **state)
{
	(void)state;
	/* df 1 (Cauchy) and df 2 have closed forms. */
	assert_close(stats_t_quantile(0.975, 1), tan(M_PI * 0.475), 1e-13);
	double p = 0.975;
	assert_close(stats_t_quantile(p, 2), (2 * p - 1) * sqrt(2 / (4 * p * (1 - p))), 1e-13);
	/* Published values (scipy's own t.ppf is good to about 1e-11 here). */
	assert_close(stats_t_quantile(0.975, 10), 2.2281388519862735, 1e-13);
	assert_close(stats_t_quantile(0.975, 30), 2.0422724563012373, 1e-10);
	assert_close(stats_t_quantile(0.975, 1000), 1.9623390808264074, 1e-10);
	assert_close(stats_t_quantile(0.025, 10), -2.2281388519862735, 1e-13);
	assert_close(stats_t_quantile(0.5, 7), 0, 1e-15);
	assert_true(isnan(stats_t_quantile(1.0, 5)));
	/* The quantile inverts the tail. */
	for (double df = 1; df < 200; df *= 1.7)
		assert_close(stats_t_sf(stats_t_quantile(0.9, df), df), 0.1, 1e-13);
}

static void test_paired_example(void **state)
{
	(void)state;
	static const int64_t b[] = { 2000, 2100, 1800, 2500, 2300 }, f[] = { 2300, 2100, 2200, 2400, 2900 };
	int64_t scratch[10];
	struct stats_paired s;
	assert_int_equal(stats_paired(b, f, 5, scratch, &s), 0);
	assert_int_equal(s.n, 5);
	assert_close(s.baseline_mean, 21.4, 1e-14);
	assert_close(s.followup_mean, 23.8, 1e-14);
	assert_close(s.mean_change, 2.4, 1e-14);
	assert_close(s.sd_change, 2.8809720581775866, 1e-14);
	assert_close(s.ci95_low, -1.1771992844701162, 1e-12);
	assert_close(s.ci95_high, 5.977199284470116, 1e-12);
	assert_close(s.median_change, 3.0, 1e-15);
	assert_close(s.effect_size, 2.4 / 2.8809720581775866, 1e-14);
	/* Changes 3, 0, 4, -1, 6: the zero is dropped, ranks of 1,3,4,6 = 1,2,3,4. */
	assert_int_equal(s.wilcoxon_n, 4);
	assert_int_equal(s.wilcoxon_method, STATS_WILCOXON_EXACT);
	assert_close(s.wilcoxon_w, 1, 0);
	assert_close(s.wilcoxon_p, stats_wilcoxon_exact_p(4, 9), 0);
}

static void test_wilcoxon_exact(void **state)
{
	(void)state;
	/* scipy's documented example: W = 24, exact p = 0.041259765625. */
	static const int64_t d[] = { 6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75 };
	int64_t b[15], scratch[30];
	for (int i = 0; i < 15; i++)
		b[i] = 0;
	struct stats_paired s;
	assert_int_equal(stats_paired(b, d, 15, scratch, &s), 0);
	assert_int_equal(s.wilcoxon_method, STATS_WILCOXON_EXACT);
	assert_close(s.wilcoxon_w, 24, 0);
	assert_close(s.wilcoxon_p, 0.041259765625, 1e-15);
	assert_close(stats_wilcoxon_exact_p(1, 0), 1.0, 0);
	assert_true(isnan(stats_wilcoxon_exact_p(26, 3)));
}

static void test_wilcoxon_normal_ties(void **state)
{
	(void)state;
	/* Ties and zeros: normal approximation with the tie correction. */
	static const int64_t d[] = { 1, 2, 2, 3, -4, 5, 0, 0, 6, -6, 7, 8 };
	int64_t b[12] = { 0 }, scratch[24];
	struct stats_paired s;
	assert_int_equal(stats_paired(b, d, 12, scratch, &s), 0);
	assert_int_equal(s.wilcoxon_n, 10);
	assert_int_equal(s.wilcoxon_method, STATS_WILCOXON_NORMAL);
	assert_close(s.wilcoxon_w, 12.5, 0);
	assert_close(s.wilcoxon_p, 0.12578642463894, 1e-12);
}

static void test_degenerate(void **state)
{
	(void)state;
	int64_t scratch[4];
	struct stats_paired s;
	assert_int_equal(stats_paired(NULL, NULL, 0, scratch, &s), 0);
	assert_true(isnan(s.baseline_mean) && isnan(s.ci95_low) && isnan(s.wilcoxon_p) && isnan(s.median_change));
	static const int64_t one[] = { 1000 }, same[] = { 1000 };
	assert_int_equal(stats_paired(one, same, 1, scratch, &s), 0);
	assert_close(s.mean_change, 0, 0);
	assert_true(isnan(s.sd_change) && isnan(s.ci95_low) && isnan(s.effect_size));
	assert_int_equal(s.wilcoxon_method, STATS_WILCOXON_NONE);
	static const int64_t huge[] = { STATS_VALUE_MAX + 1 };
	assert_int_equal(stats_paired(huge, same, 1, scratch, &s), -1);
}

static void test_outcome_rules(void **state)
{
	(void)state;
	struct outcome_thresholds t;
	outcome_thresholds_default(&t);
	struct outcome_measure m;
	assert_int_equal(outcome_measure_parse("swemwbs", NULL, &m), 0);
	assert_int_equal(outcome_direction(&m, &t, 2000, 2300), INSTRUMENT_BETTER);
	assert_int_equal(outcome_direction(&m, &t, 2000, 2299), INSTRUMENT_NO_MEANINGFUL_CHANGE);
	assert_int_equal(outcome_direction(&m, &t, 2300, 2000), INSTRUMENT_WORSE);
	t.swemwbs_x100 = 103;
	assert_int_equal(outcome_direction(&m, &t, 2000, 2103), INSTRUMENT_BETTER);
	assert_int_equal(outcome_measure_parse("eqvas", NULL, &m), 0);
	assert_int_equal(outcome_direction(&m, &t, 5000, 5600), INSTRUMENT_NO_MEANINGFUL_CHANGE);
	assert_int_equal(outcome_direction(&m, &t, 5000, 5700), INSTRUMENT_BETTER);
	assert_int_equal(outcome_measure_parse("gse", "anxiety", &m), -2);
	assert_int_equal(outcome_measure_parse("ons4", NULL, &m), -2);
	assert_int_equal(outcome_measure_parse("nope", NULL, &m), -1);
	/* ONS4: bands, anxiety reversed. */
	assert_int_equal(outcome_measure_parse("ons4", "happiness", &m), 0);
	assert_int_equal(outcome_direction(&m, &t, 400, 500), INSTRUMENT_BETTER);   /* low -> medium */
	assert_int_equal(outcome_direction(&m, &t, 500, 600), INSTRUMENT_NO_MEANINGFUL_CHANGE);
	assert_int_equal(outcome_measure_parse("ons4", "anxiety", &m), 0);
	assert_int_equal(outcome_direction(&m, &t, 600, 300), INSTRUMENT_BETTER);   /* high -> low */
	assert_int_equal(outcome_direction(&m, &t, 100, 200), INSTRUMENT_WORSE);    /* very low -> low */
	int x;
	assert_int_equal(outcome_score_x100(&m, "7,8,6,3", 0, 0, &x), 0);
	assert_int_equal(x, 300);
	assert_int_equal(outcome_score_x100(&m, "7,8,6", 0, 0, &x), -1);
	assert_int_equal(outcome_measure_parse("swemwbs", "", &m), 0);
	assert_int_equal(outcome_score_x100(&m, "1,1,1,1,1,1,1", 1, 700, &x), 0);
	assert_int_equal(x, 700);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_betainc_closed_forms),
		cmocka_unit_test(test_t_quantile),
		cmocka_unit_test(test_paired_example),
		cmocka_unit_test(test_wilcoxon_exact),
		cmocka_unit_test(test_wilcoxon_normal_ties),
		cmocka_unit_test(test_degenerate),
		cmocka_unit_test(test_outcome_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
