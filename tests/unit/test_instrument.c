/* Unit tests for outcome instruments (src/core/instrument.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/instrument.h"

/* The SWEMWBS conversion table as printed in domain-facts.md, kept as text so it is checked independently. */
static const struct {
	int raw;
	const char *metric;
} swemwbs_published[] = {
	{ 7, "7.00" },   { 8, "9.51" },   { 9, "11.25" },  { 10, "12.40" }, { 11, "13.33" }, { 12, "14.08" },
	{ 13, "14.75" }, { 14, "15.32" }, { 15, "15.84" }, { 16, "16.36" }, { 17, "16.88" }, { 18, "17.43" },
	{ 19, "17.98" }, { 20, "18.59" }, { 21, "19.25" }, { 22, "19.98" }, { 23, "20.73" }, { 24, "21.54" },
	{ 25, "22.35" }, { 26, "23.21" }, { 27, "24.11" }, { 28, "25.03" }, { 29, "26.02" }, { 30, "27.03" },
	{ 31, "28.13" }, { 32, "29.31" }, { 33, "30.70" }, { 34, "32.55" }, { 35, "35.00" },
};

static int hundredths(const char *s)
{
	int whole, frac;

	assert_int_equal(sscanf(s, "%d.%d", &whole, &frac), 2);
	return whole * 100 + frac;
}

/* Fills n answers in [min, max] that add up to total, spreading the excess from the first item. */
static void answers_for_total(int *a, size_t n, int min, int max, int total)
{
	int left = total - (int)n * min;

	for (size_t i = 0; i < n; i++) {
		int add = left < max - min ? left : max - min;

		a[i] = min + add;
		left -= add;
	}
	assert_int_equal(left, 0);
}

static void test_lookup(void **state)
{
	(void)state;
	assert_int_equal(instrument_lookup("swemwbs"), INSTRUMENT_SWEMWBS);
	assert_int_equal(instrument_lookup("ons4"), INSTRUMENT_ONS4);
	assert_int_equal(instrument_lookup("gse"), INSTRUMENT_GSE);
	assert_int_equal(instrument_lookup("eqvas"), INSTRUMENT_EQVAS);
	assert_int_equal(instrument_lookup("SWEMWBS"), INSTRUMENT_UNKNOWN);
	assert_int_equal(instrument_lookup("wemwbs"), INSTRUMENT_UNKNOWN);
	assert_int_equal(instrument_lookup(""), INSTRUMENT_UNKNOWN);
	assert_int_equal(instrument_lookup(NULL), INSTRUMENT_UNKNOWN);
	assert_null(instrument_get(INSTRUMENT_UNKNOWN));
	assert_null(instrument_get(INSTRUMENT__MAX));
}

/* The table is what forms are built from: every field a form needs must be there. */
static void test_definitions_complete(void **state)
{
	static const size_t items[INSTRUMENT__MAX] = { 7, 4, 10, 1 };
	static const int mins[INSTRUMENT__MAX] = { 1, 0, 1, 0 }, maxs[INSTRUMENT__MAX] = { 5, 10, 4, 100 };

	(void)state;
	for (int i = 0; i < INSTRUMENT__MAX; i++) {
		const struct instrument_def *d = instrument_get((enum instrument_id)i);

		assert_non_null(d);
		assert_int_equal(instrument_lookup(d->code), i);
		assert_non_null(d->label);
		assert_non_null(d->name);
		assert_non_null(d->instructions);
		assert_non_null(d->anchor_min);
		assert_non_null(d->anchor_max);
		assert_int_equal(d->nitems, items[i]);
		assert_int_equal(d->min, mins[i]);
		assert_int_equal(d->max, maxs[i]);
		for (size_t k = 0; k < INSTRUMENT_ITEMS_MAX; k++) {
			if (k < d->nitems)
				assert_true(d->items[k] != NULL && d->items[k][0] != '\0');
			else
				assert_null(d->items[k]);
		}
		if (d->answer_labels != NULL)
			for (int v = 0; v <= d->max - d->min; v++)
				assert_non_null(d->answer_labels[v]);
	}
	assert_string_equal(instrument_get(INSTRUMENT_SWEMWBS)->answer_labels[0], "None of the time");
	assert_string_equal(instrument_get(INSTRUMENT_SWEMWBS)->answer_labels[4], "All of the time");
	assert_string_equal(instrument_get(INSTRUMENT_GSE)->answer_labels[3], "Exactly true");
	assert_non_null(strstr(instrument_get(INSTRUMENT_ONS4)->items[INSTRUMENT_ONS4_ANXIETY], "anxious"));
}

static void test_swemwbs_every_row(void **state)
{
	size_t rows = sizeof swemwbs_published / sizeof swemwbs_published[0];

	(void)state;
	assert_int_equal(rows, 29);
	for (size_t i = 0; i < rows; i++) {
		int a[7];
		struct instrument_score sc;
		char err[128] = "";

		assert_int_equal(swemwbs_published[i].raw, 7 + (int)i);
		answers_for_total(a, 7, 1, 5, swemwbs_published[i].raw);
		assert_int_equal(instrument_score(INSTRUMENT_SWEMWBS, a, 7, &sc, err, sizeof err), 0);
		assert_int_equal(sc.id, INSTRUMENT_SWEMWBS);
		assert_int_equal(sc.raw, swemwbs_published[i].raw);
		assert_int_equal(sc.score_x100, hundredths(swemwbs_published[i].metric));
		assert_int_equal(instrument_swemwbs_metric_x100(swemwbs_published[i].raw), sc.score_x100);
	}
	assert_int_equal(instrument_swemwbs_metric_x100(6), -1);
	assert_int_equal(instrument_swemwbs_metric_x100(36), -1);
}

static void test_swemwbs_order_does_not_matter(void **state)
{
	int a[7] = { 5, 1, 4, 2, 3, 3, 3 }, b[7] = { 3, 3, 3, 2, 4, 1, 5 };
	struct instrument_score sa, sb;

	(void)state;
	assert_int_equal(instrument_score(INSTRUMENT_SWEMWBS, a, 7, &sa, NULL, 0), 0);
	assert_int_equal(instrument_score(INSTRUMENT_SWEMWBS, b, 7, &sb, NULL, 0), 0);
	assert_int_equal(sa.raw, 21);
	assert_int_equal(sa.score_x100, 1925);
	assert_int_equal(sb.score_x100, sa.score_x100);
}

static void test_messages(void **state)
{
	int a[7] = { 1, 2, 6, 4, 5, 1, 2 };
	int v = 101;
	struct instrument_score sc;
	char err[128];

	(void)state;
	assert_int_equal(instrument_score(INSTRUMENT_SWEMWBS, a, 7, &sc, err, sizeof err), -1);
	assert_string_equal(err, "answer 3 is 6; SWEMWBS answers are 1 to 5");
	assert_int_equal(instrument_score(INSTRUMENT_SWEMWBS, a, 6, &sc, err, sizeof err), -1);
	assert_string_equal(err, "SWEMWBS needs 7 answers, got 6");
	assert_int_equal(instrument_score(INSTRUMENT_EQVAS, &v, 1, &sc, err, sizeof err), -1);
	assert_string_equal(err, "answer 1 is 101; EQ-VAS answers are 0 to 100");
	assert_int_equal(instrument_score(INSTRUMENT_EQVAS, NULL, 0, &sc, err, sizeof err), -1);
	assert_string_equal(err, "EQ-VAS needs 1 answer, got 0");
	assert_int_equal(instrument_score(INSTRUMENT_UNKNOWN, a, 7, &sc, err, sizeof err), -1);
	assert_string_equal(err, "unknown instrument");
	/* A short buffer truncates, a missing one is allowed. */
	assert_int_equal(instrument_score(INSTRUMENT_SWEMWBS, a, 6, &sc, err, 8), -1);
	assert_string_equal(err, "SWEMWBS");
	assert_int_equal(instrument_score(INSTRUMENT_SWEMWBS, a, 6, &sc, NULL, 0), -1);
}

/* For each instrument and each item: one below the minimum and one above the maximum are rejected. */
static void test_out_of_range_rejected(void **state)
{
	(void)state;
	for (int id = 0; id < INSTRUMENT__MAX; id++) {
		const struct instrument_def *d = instrument_get((enum instrument_id)id);
		int bad[2] = { d->min - 1, d->max + 1 };

		for (size_t item = 0; item < d->nitems; item++) {
			for (int k = 0; k < 2; k++) {
				int a[INSTRUMENT_ITEMS_MAX];
				struct instrument_score sc;
				char err[128], want[128];

				for (size_t j = 0; j < d->nitems; j++)
					a[j] = d->min;
				a[item] = bad[k];
				assert_int_equal(instrument_score((enum instrument_id)id, a, d->nitems, &sc, err, sizeof err), -1);
				snprintf(want, sizeof want, "answer %zu is %d; %s answers are %d to %d", item + 1, bad[k],
					 d->label, d->min, d->max);
				assert_string_equal(err, want);
			}
		}
	}
}

static void test_wrong_counts_rejected(void **state)
{
	(void)state;
	for (int id = 0; id < INSTRUMENT__MAX; id++) {
		const struct instrument_def *d = instrument_get((enum instrument_id)id);
		int a[INSTRUMENT_ITEMS_MAX + 1];
		size_t counts[3] = { 0, d->nitems - 1, d->nitems + 1 };

		for (size_t j = 0; j <= INSTRUMENT_ITEMS_MAX; j++)
			a[j] = d->min;
		for (int k = 0; k < 3; k++) {
			struct instrument_score sc;
			char err[128], want[128];

			assert_int_equal(instrument_score((enum instrument_id)id, a, counts[k], &sc, err, sizeof err), -1);
			snprintf(want, sizeof want, "%s needs %zu answer%s, got %zu", d->label, d->nitems,
				 d->nitems == 1 ? "" : "s", counts[k]);
			assert_string_equal(err, want);
		}
		/* A NULL array with a non-zero count is a missing set of answers, not a crash. */
		{
			struct instrument_score sc;

			assert_int_equal(instrument_score((enum instrument_id)id, NULL, d->nitems, &sc, NULL, 0), -1);
		}
	}
}

static void test_ons4_not_summed(void **state)
{
	int a[4] = { 7, 8, 6, 3 };
	struct instrument_score sc;

	(void)state;
	assert_int_equal(instrument_score(INSTRUMENT_ONS4, a, 4, &sc, NULL, 0), 0);
	assert_int_equal(sc.raw, INSTRUMENT_NO_TOTAL);
	assert_int_equal(sc.score_x100, INSTRUMENT_NO_TOTAL);
	assert_int_equal(sc.ons4[INSTRUMENT_ONS4_LIFE_SATISFACTION], 7);
	assert_int_equal(sc.ons4[INSTRUMENT_ONS4_WORTHWHILE], 8);
	assert_int_equal(sc.ons4[INSTRUMENT_ONS4_HAPPINESS], 6);
	assert_int_equal(sc.ons4[INSTRUMENT_ONS4_ANXIETY], 3);
	/* The extremes are valid answers. */
	a[0] = 0;
	a[3] = 10;
	assert_int_equal(instrument_score(INSTRUMENT_ONS4, a, 4, &sc, NULL, 0), 0);
}

static void test_gse_and_eqvas(void **state)
{
	int a[10];
	int v;
	struct instrument_score sc;

	(void)state;
	for (int total = 10; total <= 40; total++) {
		answers_for_total(a, 10, 1, 4, total);
		assert_int_equal(instrument_score(INSTRUMENT_GSE, a, 10, &sc, NULL, 0), 0);
		assert_int_equal(sc.raw, total);
		assert_int_equal(sc.score_x100, total * 100);
	}
	for (v = 0; v <= 100; v += 25) {
		assert_int_equal(instrument_score(INSTRUMENT_EQVAS, &v, 1, &sc, NULL, 0), 0);
		assert_int_equal(sc.raw, v);
		assert_int_equal(sc.score_x100, v * 100);
	}
}

static void test_ons4_bands(void **state)
{
	static const enum instrument_ons4_band positive[11] = {
		INSTRUMENT_BAND_LOW, INSTRUMENT_BAND_LOW, INSTRUMENT_BAND_LOW, INSTRUMENT_BAND_LOW, INSTRUMENT_BAND_LOW,
		INSTRUMENT_BAND_MEDIUM, INSTRUMENT_BAND_MEDIUM, INSTRUMENT_BAND_HIGH, INSTRUMENT_BAND_HIGH,
		INSTRUMENT_BAND_VERY_HIGH, INSTRUMENT_BAND_VERY_HIGH,
	};
	static const enum instrument_ons4_band anxiety[11] = {
		INSTRUMENT_BAND_VERY_LOW, INSTRUMENT_BAND_VERY_LOW, INSTRUMENT_BAND_LOW, INSTRUMENT_BAND_LOW,
		INSTRUMENT_BAND_MEDIUM, INSTRUMENT_BAND_MEDIUM, INSTRUMENT_BAND_HIGH, INSTRUMENT_BAND_HIGH,
		INSTRUMENT_BAND_HIGH, INSTRUMENT_BAND_HIGH, INSTRUMENT_BAND_HIGH,
	};

	(void)state;
	for (int v = 0; v <= 10; v++) {
		assert_int_equal(instrument_ons4_band(INSTRUMENT_ONS4_LIFE_SATISFACTION, v), positive[v]);
		assert_int_equal(instrument_ons4_band(INSTRUMENT_ONS4_WORTHWHILE, v), positive[v]);
		assert_int_equal(instrument_ons4_band(INSTRUMENT_ONS4_HAPPINESS, v), positive[v]);
		assert_int_equal(instrument_ons4_band(INSTRUMENT_ONS4_ANXIETY, v), anxiety[v]);
	}
	for (int item = 0; item < INSTRUMENT_ONS4__MAX; item++) {
		assert_int_equal(instrument_ons4_band((enum instrument_ons4_item)item, -1), INSTRUMENT_BAND_INVALID);
		assert_int_equal(instrument_ons4_band((enum instrument_ons4_item)item, 11), INSTRUMENT_BAND_INVALID);
	}
	assert_int_equal(instrument_ons4_band(INSTRUMENT_ONS4__MAX, 5), INSTRUMENT_BAND_INVALID);
	assert_int_equal(instrument_ons4_band((enum instrument_ons4_item)-1, 5), INSTRUMENT_BAND_INVALID);
	assert_string_equal(instrument_band_name(INSTRUMENT_BAND_VERY_LOW), "very low");
	assert_string_equal(instrument_band_name(INSTRUMENT_BAND_LOW), "low");
	assert_string_equal(instrument_band_name(INSTRUMENT_BAND_MEDIUM), "medium");
	assert_string_equal(instrument_band_name(INSTRUMENT_BAND_HIGH), "high");
	assert_string_equal(instrument_band_name(INSTRUMENT_BAND_VERY_HIGH), "very high");
	assert_string_equal(instrument_band_name(INSTRUMENT_BAND_INVALID), "invalid");
	assert_string_equal(instrument_band_name(INSTRUMENT_BAND__MAX), "invalid");
}

static void test_change(void **state)
{
	int b7[7], f7[7], g[10], ob[4] = { 3, 4, 2, 8 }, of[4] = { 6, 6, 5, 3 }, v = 40;
	struct instrument_score base, follow, gse, ons_b, ons_f, vas;
	struct instrument_change ch;
	char err[128];

	(void)state;
	answers_for_total(b7, 7, 1, 5, 14);
	answers_for_total(f7, 7, 1, 5, 21);
	assert_int_equal(instrument_score(INSTRUMENT_SWEMWBS, b7, 7, &base, NULL, 0), 0);
	assert_int_equal(instrument_score(INSTRUMENT_SWEMWBS, f7, 7, &follow, NULL, 0), 0);
	assert_int_equal(instrument_change(&base, &follow, &ch, err, sizeof err), 0);
	assert_int_equal(ch.id, INSTRUMENT_SWEMWBS);
	assert_int_equal(ch.change_x100, 1925 - 1532);
	assert_int_equal(instrument_swemwbs_meaningful(ch.change_x100), INSTRUMENT_BETTER);
	assert_int_equal(instrument_change(&follow, &base, &ch, err, sizeof err), 0);
	assert_int_equal(ch.change_x100, 1532 - 1925);
	assert_int_equal(instrument_swemwbs_meaningful(ch.change_x100), INSTRUMENT_WORSE);

	/* One raw point in the middle of the scale is not a meaningful change. */
	answers_for_total(f7, 7, 1, 5, 15);
	assert_int_equal(instrument_score(INSTRUMENT_SWEMWBS, f7, 7, &follow, NULL, 0), 0);
	assert_int_equal(instrument_change(&base, &follow, &ch, NULL, 0), 0);
	assert_int_equal(ch.change_x100, 52);
	assert_int_equal(instrument_swemwbs_meaningful(ch.change_x100), INSTRUMENT_NO_MEANINGFUL_CHANGE);

	answers_for_total(g, 10, 1, 4, 25);
	assert_int_equal(instrument_score(INSTRUMENT_GSE, g, 10, &gse, NULL, 0), 0);
	assert_int_equal(instrument_change(&base, &gse, &ch, err, sizeof err), -1);
	assert_string_equal(err, "baseline is SWEMWBS but follow-up is GSE; only the same instrument can be paired");

	assert_int_equal(instrument_score(INSTRUMENT_ONS4, ob, 4, &ons_b, NULL, 0), 0);
	assert_int_equal(instrument_score(INSTRUMENT_ONS4, of, 4, &ons_f, NULL, 0), 0);
	assert_int_equal(instrument_change(&ons_b, &ons_f, &ch, NULL, 0), 0);
	assert_int_equal(ch.change_x100, INSTRUMENT_NO_TOTAL);
	assert_int_equal(ch.ons4_x100[INSTRUMENT_ONS4_LIFE_SATISFACTION], 300);
	assert_int_equal(ch.ons4_x100[INSTRUMENT_ONS4_WORTHWHILE], 200);
	assert_int_equal(ch.ons4_x100[INSTRUMENT_ONS4_HAPPINESS], 300);
	assert_int_equal(ch.ons4_x100[INSTRUMENT_ONS4_ANXIETY], -500);

	assert_int_equal(instrument_score(INSTRUMENT_EQVAS, &v, 1, &vas, NULL, 0), 0);
	v = 65;
	assert_int_equal(instrument_score(INSTRUMENT_EQVAS, &v, 1, &follow, NULL, 0), 0);
	assert_int_equal(instrument_change(&vas, &follow, &ch, NULL, 0), 0);
	assert_int_equal(ch.change_x100, 2500);

	vas.id = INSTRUMENT_UNKNOWN;
	assert_int_equal(instrument_change(&vas, &follow, &ch, err, sizeof err), -1);
	assert_string_equal(err, "unknown instrument");
}

static void test_meaningful_threshold(void **state)
{
	(void)state;
	assert_int_equal(INSTRUMENT_SWEMWBS_MEANINGFUL_X100, 103);
	assert_int_equal(instrument_swemwbs_meaningful(0), INSTRUMENT_NO_MEANINGFUL_CHANGE);
	assert_int_equal(instrument_swemwbs_meaningful(102), INSTRUMENT_NO_MEANINGFUL_CHANGE);
	assert_int_equal(instrument_swemwbs_meaningful(-102), INSTRUMENT_NO_MEANINGFUL_CHANGE);
	assert_int_equal(instrument_swemwbs_meaningful(103), INSTRUMENT_BETTER);
	assert_int_equal(instrument_swemwbs_meaningful(-103), INSTRUMENT_WORSE);
	assert_int_equal(instrument_swemwbs_meaningful(2800), INSTRUMENT_BETTER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_definitions_complete),
		cmocka_unit_test(test_swemwbs_every_row),
		cmocka_unit_test(test_swemwbs_order_does_not_matter),
		cmocka_unit_test(test_messages),
		cmocka_unit_test(test_out_of_range_rejected),
		cmocka_unit_test(test_wrong_counts_rejected),
		cmocka_unit_test(test_ons4_not_summed),
		cmocka_unit_test(test_gse_and_eqvas),
		cmocka_unit_test(test_ons4_bands),
		cmocka_unit_test(test_change),
		cmocka_unit_test(test_meaningful_threshold),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
