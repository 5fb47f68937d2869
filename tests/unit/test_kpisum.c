/* Unit tests for core/kpisum, core/kpisum_acc and core/gen: periods split into whole months and days, a referral's contribution, the tally, and the generator's determinism. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "core/datetime.h"
#include "core/gen.h"
#include "core/kpi.h"
#include "core/kpisum.h"
#include "core/kpisum_acc.h"

static int64_t day(int y, int m, int d)
{
	return dt_days_from_civil(y, m, d);
}

static void test_split(void **state)
{
	(void)state;
	struct kpisum_split sp;
	/* 17 September to 31 October 2026: 14 single days, then October whole. */
	kpisum_split_days(day(2026, 9, 17), day(2026, 10, 31), &sp);
	assert_int_equal(sp.day_from[0], day(2026, 9, 17));
	assert_int_equal(sp.day_to[0], day(2026, 9, 30));
	assert_int_equal(sp.month_first, kpisum_month_of(day(2026, 10, 1)));
	assert_int_equal(sp.month_last, kpisum_month_of(day(2026, 10, 31)));
	assert_true(sp.day_from[1] > sp.day_to[1]);
	/* Within one month: all single days, no month. */
	kpisum_split_days(day(2026, 3, 6), day(2026, 3, 6), &sp);
	assert_int_equal(sp.day_from[0], day(2026, 3, 6));
	assert_int_equal(sp.day_to[0], day(2026, 3, 6));
	assert_true(sp.month_first > sp.month_last);
	/* A whole year across a leap day, exactly months. */
	kpisum_split_days(day(2027, 11, 1), day(2028, 10, 31), &sp);
	assert_true(sp.day_from[0] > sp.day_to[0] && sp.day_from[1] > sp.day_to[1]);
	assert_int_equal(sp.month_last - sp.month_first, 11);
	assert_int_equal(kpisum_month_first_day(kpisum_month_of(day(2028, 2, 29))), day(2028, 2, 1));
}

static int collect(void *ctx, const struct kpisum_row *r)
{
	int64_t *n = ctx;
	n[r->kind] += r->kind == KPISUM_SUMS ? r->v[KPISUM_COUNTED] : r->v[KPISUM_N];
	return 0;
}

static void test_contrib(void **state)
{
	(void)state;
	struct workclock wc = { NULL, 0, 0 };
	int64_t fri = day(2026, 3, 6) * 86400 + 11 * 3600; /* GMT: London is UTC */
	struct kpisum_facts f = { fri, fri + 3 * 86400, fri + 3 * 86400 - 2 * 3600, 2, 0, "waveney" };
	struct kpisum_contrib c;
	kpisum_contrib_of(&wc, &f, &c);
	assert_int_equal(c.counted, 1);
	assert_int_equal(c.within, 1);
	assert_int_equal(c.elapsed, 22 * 3600); /* Friday 11:00 to Monday 09:00, the weekend paused */
	assert_int_equal(c.attempts, 2);
	assert_string_equal(c.area, "waveney");
	assert_int_equal(c.due_hour, -1); /* contacted: not in the live figures */
	/* Not contacted yet: counted by the hour it falls due (pending until then). */
	f.first_contact_at = KPI_NONE;
	kpisum_contrib_of(&wc, &f, &c);
	assert_int_equal(c.due_hour, (fri + 3 * 86400) / 3600);
	struct kpisum_acc *acc = kpisum_acc_new();
	assert_non_null(acc);
	assert_int_equal(kpisum_acc_add(acc, &c, 1), 0);
	int64_t n[4] = { 0 };
	assert_true(kpisum_acc_each(acc, collect, n) > 0);
	assert_int_equal(n[KPISUM_HIST_DUE], 2); /* its day and its month */
	kpisum_acc_free(acc);
	/* Rejected and never reached: left out, attempts not counted. */
	f.first_contact_at = KPI_NONE;
	f.ended = 1;
	kpisum_contrib_of(&wc, &f, &c);
	assert_int_equal(c.left_out, 1);
	assert_int_equal(c.counted + c.attempts, 0);
	assert_int_equal(c.elapsed, -1);
	assert_int_equal(c.due_hour, -1);
}

static void test_acc(void **state)
{
	(void)state;
	struct workclock wc = { NULL, 0, 0 };
	struct kpisum_acc *acc = kpisum_acc_new();
	assert_non_null(acc);
	int64_t t = day(2026, 3, 2) * 86400 + 9 * 3600;
	for (int i = 0; i < 5000; i++) {
		struct kpisum_facts f = { t + i * 600, t + i * 600 + 86400, t + i * 600 + (i % 50) * 60, 1, 0,
					  i % 2 ? "breckland" : "" };
		struct kpisum_contrib c;
		kpisum_contrib_of(&wc, &f, &c);
		assert_int_equal(kpisum_acc_add(acc, &c, 1), 0);
	}
	int64_t n[4] = { 0 };
	assert_true(kpisum_acc_each(acc, collect, n) > 0);
	assert_int_equal(n[KPISUM_SUMS], 2 * 5000);         /* a day row and a month row each */
	assert_int_equal(n[KPISUM_HIST_HOURS], 2 * 5000);
	assert_int_equal(n[KPISUM_HIST_MINUTES], 5000);
	/* Taking everything away again leaves no rows. */
	for (int i = 0; i < 5000; i++) {
		struct kpisum_facts f = { t + i * 600, t + i * 600 + 86400, t + i * 600 + (i % 50) * 60, 1, 0,
					  i % 2 ? "breckland" : "" };
		struct kpisum_contrib c;
		kpisum_contrib_of(&wc, &f, &c);
		assert_int_equal(kpisum_acc_add(acc, &c, -1), 0);
	}
	assert_int_equal(kpisum_acc_each(acc, collect, n), 0);
	kpisum_acc_free(acc);
}

static void test_gen_deterministic(void **state)
{
	(void)state;
	struct workclock wc = { NULL, 0, 0 };
	struct gen_practice p[2] = { { "A1", "NR1 1AA", "NR1", "norwich", 1000 }, { "B1", "IP24 1JD", "IP24", "breckland", 3000 } };
	struct gen_world w = { p, 2, NULL, day(2026, 1, 1), 100, 10000, day(2026, 4, 11) * 86400, 7, &wc };
	assert_int_equal(gen_world_init(&w), 0);
	struct gen_referral a, b;
	int breckland = 0;
	for (int64_t i = 0; i < 10000; i++) {
		gen_referral_make(&w, i, &a);
		gen_referral_make(&w, i, &b);
		assert_memory_equal(&a, &b, sizeof a);
		breckland += strcmp(a.practice->area, "breckland") == 0;
		assert_true(a.received_at < w.now);
		for (int k = 0; k < a.n_contacts; k++)
			assert_true(a.contacts[k].at <= w.now && a.contacts[k].at >= a.received_at);
	}
	/* In proportion to list size (3 in 4), give or take. */
	assert_in_range(breckland, 7000, 8000);
	w.seed = 8;
	gen_referral_make(&w, 5, &b);
	w.seed = 7;
	gen_referral_make(&w, 5, &a);
	assert_true(a.received_at != b.received_at || strcmp(a.given, b.given) || strcmp(a.source, b.source));
	gen_world_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_contrib),
		cmocka_unit_test(test_acc),
		cmocka_unit_test(test_gen_deterministic),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
