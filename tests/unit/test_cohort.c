/* Unit tests for core/cohort and core/extract: age bands, dimensions, the
 * period, grouping with one count per direction, the commissioner's
 * small-number rule (primary, within a group, down a column), and the
 * extract's column order that its cell function relies on. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "core/cohort.h"
#include "core/extract.h"

static void test_age_bands_and_dims(void **state)
{
	(void)state;
	assert_string_equal(cohort_age_band(0), "0-17");
	assert_string_equal(cohort_age_band(17), "0-17");
	assert_string_equal(cohort_age_band(18), "18-24");
	assert_string_equal(cohort_age_band(64), "55-64");
	assert_string_equal(cohort_age_band(85), "85+");
	assert_string_equal(cohort_age_band(-1), "unknown");
	assert_int_equal(cohort_dim_parse("hwp_area"), COHORT_DIM_HWP_AREA);
	assert_int_equal(cohort_dim_parse(""), COHORT_DIM_NONE);
	assert_int_equal(cohort_dim_parse("street"), -2);
	for (int d = 0; d < COHORT_DIM__MAX; d++)
		assert_int_equal(cohort_dim_parse(cohort_dim_code((enum cohort_dim)d)), d);
}

static void test_period(void **state)
{
	(void)state;
	struct field_errors fe;
	int64_t f, t;
	fielderr_init(&fe);
	cohort_period(NULL, NULL, 20000, &f, &t, &fe);
	assert_int_equal(fe.n, 0);
	assert_int_equal(t, 20000);
	assert_int_equal(f, 20000 - 364);
	cohort_period("2026-13-01", "2026-01-01", 20000, &f, &t, &fe);
	assert_int_equal(fe.n, 1);
	assert_string_equal(fe.e[0].field, "from");
	fielderr_init(&fe);
	cohort_period("2026-02-01", "2026-01-01", 20000, &f, &t, &fe);
	assert_int_equal(fe.n, 1);
}

static struct cohort make(void)
{
	struct outcome_measure m;
	struct outcome_thresholds t;
	outcome_thresholds_default(&t);
	outcome_measure_parse("swemwbs", NULL, &m);
	struct cohort c;
	cohort_init(&c, &m, &t);
	return c;
}

static void test_grouping(void **state)
{
	(void)state;
	struct cohort c = make();
	/* Area a: 20 pairs, 12 up by 3, 8 unchanged; 3 without follow-up. Area b: 3 pairs, 1 down by 3. */
	for (int i = 0; i < 20; i++)
		assert_int_equal(cohort_add(&c, "a", "Area A", 2000, 1, i < 12 ? 2300 : 2000), 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(cohort_add(&c, "a", "Area A", 2000, 0, 0), 0);
	assert_int_equal(cohort_add(&c, "b", "Area B", 2000, 1, 1700), 0);
	assert_int_equal(cohort_add(&c, "b", "Area B", 2000, 1, 2100), 0);
	assert_int_equal(cohort_add(&c, "b", "Area B", 2000, 1, 2200), 0);
	assert_int_equal(cohort_finish(&c), 0);
	assert_int_equal(c.ngroups, 2);
	assert_string_equal(c.groups[0].key, "a");
	assert_int_equal(c.groups[0].count[COHORT_N_PAIRED], 20);
	assert_int_equal(c.groups[0].count[COHORT_IMPROVED], 12);
	assert_int_equal(c.groups[0].count[COHORT_UNCHANGED], 8);
	assert_int_equal(c.groups[0].count[COHORT_NO_FOLLOWUP], 3);
	assert_int_equal(c.groups[1].count[COHORT_WORSENED], 1);
	assert_int_equal(c.total.count[COHORT_N_PAIRED], 23);
	assert_true(c.groups[0].stats.mean_change > 1.79 && c.groups[0].stats.mean_change < 1.81);

	cohort_suppress(&c, 7);
	/* b's 3 pairs are withheld, and so are its statistics and directions. */
	assert_true(c.groups[1].cell[COHORT_N_PAIRED].withheld);
	assert_true(c.groups[1].stats_withheld);
	assert_true(c.groups[1].cell[COHORT_IMPROVED].withheld);
	/* a's n_paired 20 would give b's away from the total 23: a's is withheld too (secondary, down the
	 * column), and with it a's figures; the total stays, rounded to 25. */
	assert_true(c.groups[0].cell[COHORT_N_PAIRED].withheld);
	assert_true(c.groups[0].stats_withheld);
	assert_false(c.total.cell[COHORT_N_PAIRED].withheld);
	assert_int_equal(c.total.cell[COHORT_N_PAIRED].shown, 25);
	/* Within the total: worsened 1 is withheld, so the smaller other count (unchanged 10) goes too. */
	assert_true(c.total.cell[COHORT_WORSENED].withheld);
	assert_true(c.total.cell[COHORT_UNCHANGED].withheld);
	assert_false(c.total.cell[COHORT_IMPROVED].withheld);
	assert_int_equal(c.total.cell[COHORT_IMPROVED].shown, 10);
	assert_true(c.groups[0].cell[COHORT_NO_FOLLOWUP].withheld); /* 3 */
	cohort_free(&c);
}

static void test_extract_columns(void **state)
{
	(void)state;
	size_t n;
	const struct extract_col *cols = extract_cols(&n);
	assert_string_equal(cols[0].name, "person_key");
	assert_string_equal(cols[EXTRACT_FIRST_SCORE_COL].name, "swemwbs_baseline");
	assert_string_equal(cols[EXTRACT_FIRST_SCORE_COL + 3].name, "gse_baseline");
	assert_string_equal(cols[EXTRACT_FIRST_SCORE_COL + 9].name, "ons4_life_satisfaction_baseline");
	assert_string_equal(cols[n - 1].name, "ons4_days_between");
	for (size_t i = 0; i < n; i++) {
		assert_true(cols[i].meaning[0] != '\0');
		for (size_t j = 0; j < i; j++)
			assert_true(strcmp(cols[i].name, cols[j].name) != 0);
	}
	struct extract_row r;
	memset(&r, 0, sizeof r);
	for (int k = 0; k < EXTRACT_SCORED__MAX; k++)
		r.score_b[k] = r.score_f[k] = r.score_days[k] = EXTRACT_NONE;
	for (int k = 0; k < 4; k++)
		r.ons4_b[k] = r.ons4_f[k] = EXTRACT_NONE;
	r.ons4_days = EXTRACT_NONE;
	r.score_b[EXTRACT_SWEMWBS] = 2073;
	r.ons4_f[3] = 2;
	char buf[64];
	int num;
	double v;
	extract_cell(&r, EXTRACT_FIRST_SCORE_COL, buf, sizeof buf, &num, &v);
	assert_string_equal(buf, "20.73");
	assert_true(num);
	extract_cell(&r, EXTRACT_FIRST_SCORE_COL + 1, buf, sizeof buf, &num, &v);
	assert_string_equal(buf, "");
	assert_false(num);
	extract_cell(&r, n - 2, buf, sizeof buf, &num, &v); /* ons4_anxiety_followup */
	assert_string_equal(buf, "2");
	r.practice = "SPBRK01";
	r.pcn = "Breckland PCN";
	r.rurality = "rural_town_fringe";
	r.source = "gp";
	for (size_t i = 0; i < n; i++) {
		extract_cell(&r, i, buf, sizeof buf, &num, &v);
		if (strcmp(cols[i].name, "pcn") == 0)
			assert_string_equal(buf, "Breckland PCN");
		else if (strcmp(cols[i].name, "rurality") == 0)
			assert_string_equal(buf, "rural_town_fringe");
		else if (strcmp(cols[i].name, "practice") == 0)
			assert_string_equal(buf, "SPBRK01");
		else if (strcmp(cols[i].name, "referral_source") == 0)
			assert_string_equal(buf, "gp");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_age_bands_and_dims),
		cmocka_unit_test(test_period),
		cmocka_unit_test(test_grouping),
		cmocka_unit_test(test_extract_columns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
