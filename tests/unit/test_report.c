/* Unit tests for core/report: every measure's definition on hand-made fact rows, the dimensions' row keys
 * (age bands, ethnic groups, financial quarters, areas to boards), organisation filtering and the commissioner's
 * suppression of a table. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "core/datetime.h"
#include "core/report.h"

#define H 3600
#define D 86400

static int64_t jan(int day, int hour)
{
	return dt_days_from_civil(2026, 1, day) * D + hour * H;
}

static struct report_period period(void)
{
	struct report_period p;
	/* January 2026 (London is on GMT, so its days are UTC days); today is 2026-02-10 */
	report_period_make(dt_days_from_civil(2026, 1, 1), dt_days_from_civil(2026, 1, 31),
			   dt_days_from_civil(2026, 2, 10), &p);
	return p;
}

static struct report_fact fact(enum report_fact_kind kind, int64_t at)
{
	struct report_fact f = { .kind = kind, .at = at, .t2 = REPORT_NONE, .t3 = REPORT_NONE, .t4 = REPORT_NONE,
				 .org_id = 1, .dob = REPORT_NONE, .value = REPORT_NONE, .flag = REPORT_NONE };
	f.area = f.outcode = f.practice = f.hospital = f.gender = f.ethnicity = f.disability = "";
	f.source = f.channel = f.tier = f.d1 = f.d2 = f.d3 = "";
	return f;
}

/* Measures checked so far, so the last test can say every one was. */
static int checked[64];

/* The total of a measure of the report after adding facts, exact (NAN when null). */
static double total_of(enum report_id r, const struct report_fact *facts, size_t n, const char *key)
{
	struct report_table t;
	struct report_period p = period();
	report_table_init(&t, r, -2, 0);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(report_table_add(&t, &facts[i], &p, NULL), 0);
	report_suppress(&t, 0);
	double v = NAN;
	int is_int, found = 0;
	for (size_t j = 0; j < t.nm; j++)
		if (strcmp(report_measures[t.m[j]].key, key) == 0) {
			found = 1;
			checked[t.m[j]] = 1;
			if (!report_value(&t, &t.total, j, &v, &is_int))
				v = NAN;
		}
	report_table_free(&t);
	assert_true(found);
	return v;
}

static void expect(enum report_id r, const struct report_fact *f, size_t n, const char *key, double want)
{
	double got = total_of(r, f, n, key);
	if (isnan(want)) {
		assert_true(isnan(got));
		return;
	}
	if (fabs(got - want) > 0.005)
		fail_msg("%s: got %f, want %f", key, got, want);
}

static void referral_facts(struct report_fact *r)
{
	int64_t t0 = jan(10, 9);
	for (int i = 0; i < 6; i++) {
		r[i] = fact(RF_REFERRAL, t0);
		r[i].t4 = t0 + 24 * H;
		r[i].d1 = "received";
	}
	r[0].t2 = t0 + 2 * H; /* triaged in 2 h, contacted in 3 h, discharge support with a home check */
	r[0].t3 = t0 + 3 * H;
	r[0].d1 = "accepted";
	r[0].hospital = "nnuh";
	r[0].value = dt_days_from_civil(2026, 1, 13);
	r[0].flag = 1;
	r[1].t2 = t0 + 30 * H; /* triaged after 30 h, contacted after 2 days: late */
	r[1].t3 = t0 + 2 * D;
	r[2].t3 = t0 + 5 * D; /* never triaged, contacted after 5 days */
	r[3].d1 = "rejected"; /* rejected without contact: left out of the follow-up KPI */
	r[5].at = jan(1, 0) - 1; /* received in December: outside */
	r[5].t3 = r[5].at + H;
}

static void test_activity_followup_discharge(void **state)
{
	(void)state;
	struct report_fact r[6];
	referral_facts(r);
	expect(REPORT_ACTIVITY, r, 6, "referrals_received", 5);
	expect(REPORT_ACTIVITY, r, 6, "triaged_within_24h", 1);
	expect(REPORT_ACTIVITY, r, 6, "triaged_after_24h", 1);
	expect(REPORT_ACTIVITY, r, 6, "first_contact_within_1_day", 1);
	expect(REPORT_ACTIVITY, r, 6, "first_contact_1_to_3_days", 1);
	expect(REPORT_ACTIVITY, r, 6, "first_contact_after_3_days", 1);
	expect(REPORT_ACTIVITY, r, 6, "not_yet_contacted", 2);
	expect(REPORT_FOLLOWUP, r, 6, "followup_counted", 4);
	expect(REPORT_FOLLOWUP, r, 6, "contacted_within_allowance", 1);
	expect(REPORT_FOLLOWUP, r, 6, "contacted_late", 2);
	expect(REPORT_FOLLOWUP, r, 6, "percent_within_allowance", 25);
	expect(REPORT_DISCHARGE, r, 6, "discharge_referrals", 1);
	expect(REPORT_DISCHARGE, r, 6, "home_checks_before_discharge", 1);
	expect(REPORT_DISCHARGE, r, 6, "mean_days_to_discharge", 3);

	struct report_fact t[3] = { fact(RF_TRIAGE, jan(10, 10)), fact(RF_TRIAGE, jan(11, 10)), fact(RF_TRIAGE, jan(1, 0) - 5) };
	t[0].d1 = "confirmed";
	t[1].d1 = "rejected";
	t[2].d1 = "rejected";
	expect(REPORT_ACTIVITY, t, 3, "triage_decisions", 2);
	expect(REPORT_ACTIVITY, t, 3, "triage_declined", 1);
}

static void test_casework_workforce(void **state)
{
	(void)state;
	struct report_fact c[4];
	int64_t t0 = jan(10, 9), dec = jan(1, 0) - 20 * D;
	c[0] = fact(RF_CASE, t0); /* community support closed after 10 days, continuing support, 4 sessions */
	c[0].t2 = t0 + 10 * D;
	c[0].tier = "community_support";
	c[0].t3 = 1;
	c[0].t4 = 0;
	c[0].value = 4;
	c[0].flag = 0;
	c[1] = fact(RF_CASE, t0); /* social prescribing with a link worker, still open */
	c[1].tier = "social_prescribing";
	c[1].d3 = "link_worker";
	c[1].t4 = 0;
	c[2] = fact(RF_CASE, dec); /* opened in December, extended, dropped out in January */
	c[2].t2 = jan(2, 9);
	c[2].tier = "community_support";
	c[2].t4 = 1;
	c[2].flag = 1;
	c[2].t3 = 0;
	c[2].value = 2;
	c[3] = fact(RF_CASE, dec); /* opened and closed in December */
	c[3].t2 = dec + D;
	expect(REPORT_CASEWORK, c, 4, "cases_opened", 2);
	expect(REPORT_CASEWORK, c, 4, "cases_closed", 2);
	expect(REPORT_CASEWORK, c, 4, "open_caseload", 1);
	expect(REPORT_CASEWORK, c, 4, "dropouts", 1);
	expect(REPORT_CASEWORK, c, 4, "mean_sessions_per_closed_case", 3);
	expect(REPORT_CASEWORK, c, 4, "low_level_ended_within_14_days", 1);
	expect(REPORT_CASEWORK, c, 4, "low_level_extended", 1);
	expect(REPORT_CASEWORK, c, 4, "continuing_support_arranged", 1);
	expect(REPORT_VOLUNTEERS, c, 4, "community_support_allocated", 1);
	expect(REPORT_WORKFORCE, c, 4, "clients_allocated", 1);

	struct report_fact s[3] = { fact(RF_SESSION, t0), fact(RF_SESSION, t0 + D), fact(RF_SESSION, dec) };
	s[0].value = 60;
	s[1].value = 30;
	s[2].value = 45;
	expect(REPORT_CASEWORK, s, 3, "sessions_delivered", 2);
	expect(REPORT_HOURS, s, 3, "session_hours", 1.5);

	struct report_fact w[3] = { fact(RF_WORKER, dec), fact(RF_WORKER, dec), fact(RF_WORKER, dec) };
	w[0].d1 = "link_worker", w[0].value = 50, w[0].flag = 1;
	w[1].d1 = "link_worker", w[1].value = 100, w[1].flag = 0;
	w[2].d1 = "support_worker", w[2].value = 100, w[2].flag = 1;
	expect(REPORT_WORKFORCE, w, 3, "link_worker_fte", 0.5);
	expect(REPORT_WORKFORCE, w, 3, "expected_clients", 8.49); /* 100 a year per 0.5 FTE, 31 days of 365 */
}

static void test_onward_unmet_outcomes_volunteers(void **state)
{
	(void)state;
	int64_t t0 = jan(20, 12), dec = jan(1, 0) - D;
	struct report_fact o[4] = { fact(RF_ONWARD, t0), fact(RF_ONWARD, t0), fact(RF_ONWARD, t0), fact(RF_ONWARD, dec) };
	o[0].d2 = "made";
	o[1].d2 = "accepted";
	o[2].d2 = "attended";
	o[3].d2 = "attended";
	expect(REPORT_ONWARD, o, 4, "onward_referrals_made", 3);
	expect(REPORT_ONWARD, o, 4, "onward_referrals_accepted", 2);
	expect(REPORT_ONWARD, o, 4, "onward_referrals_attended", 1);

	struct report_fact u[3] = { fact(RF_UNMET, t0), fact(RF_UNMET, t0), fact(RF_UNMET, dec) };
	expect(REPORT_UNMET_NEEDS, u, 3, "unmet_needs", 2);

	struct report_fact m[3] = { fact(RF_OUTCOME, t0), fact(RF_OUTCOME, t0), fact(RF_OUTCOME, t0) };
	m[0].value = 500;
	m[1].value = -100;
	expect(REPORT_OUTCOMES, m, 3, "outcome_pairs", 2);
	expect(REPORT_OUTCOMES, m, 3, "mean_change", 2);

	struct report_fact t[3] = { fact(RF_TASK, t0), fact(RF_TASK, t0), fact(RF_TASK, dec) };
	t[0].value = 90;
	t[1].value = 30;
	t[2].value = 600;
	expect(REPORT_VOLUNTEERS, t, 3, "tasks_done", 2);
	expect(REPORT_VOLUNTEERS, t, 3, "volunteer_hours", 2);
	expect(REPORT_HOURS, t, 3, "volunteer_hours", 2);

	struct report_fact v[4] = { fact(RF_VOLUNTEER, dec), fact(RF_VOLUNTEER, dec), fact(RF_VOLUNTEER, dec),
				    fact(RF_VOLUNTEER, t0) };
	v[0].d1 = "active", v[0].d2 = "enhanced";
	v[1].d1 = "active";
	v[2].d1 = "active", v[2].d2 = "basic", v[2].t2 = dt_days_from_civil(2026, 2, 9); /* renewal passed */
	v[3].d1 = "applicant";
	expect(REPORT_VOLUNTEERS, v, 4, "active_volunteers", 3);
	expect(REPORT_VOLUNTEERS, v, 4, "dbs_compliant", 1);
	expect(REPORT_VOLUNTEERS, v, 4, "applicants", 1);
	expect(REPORT_VOLUNTEERS, v, 4, "new_volunteers", 1);
}

static void test_every_measure_checked(void **state)
{
	(void)state;
	for (size_t i = 0; i < report_measure_count; i++)
		if (!checked[i])
			fail_msg("measure %s of %s has no test", report_measures[i].key, report_names[report_measures[i].report]);
}

static void key_of(const char *dim, const struct report_fact *f, const struct report_ref *ref, const char *want)
{
	char key[REPORT_KEY_MAX];
	int d = report_dim_by_name(dim);
	assert_true(d >= 0);
	report_dim_key(d, f, f->at, ref, key);
	assert_string_equal(key, want);
}

static void test_dimension_keys(void **state)
{
	(void)state;
	struct report_ref *ref = report_ref_new();
	assert_non_null(ref);
	assert_int_equal(report_ref_put(ref, "place_board", "waveney", "east"), 0);
	assert_int_equal(report_ref_put(ref, "cluster", "SPBRK01", "Breckland"), 0);
	assert_int_equal(report_ref_put(ref, "pcn", "SPBRK01", "Breckland PCN"), 0);
	assert_int_equal(report_ref_put(ref, "rurality", "NR32", "urban_city_town"), 0);
	struct report_fact f = fact(RF_REFERRAL, dt_days_from_civil(2026, 3, 31) * D + 12 * H);
	f.area = "waveney";
	f.practice = "SPBRK01";
	f.outcode = "NR32";
	f.dob = dt_days_from_civil(1956, 4, 1); /* 69 on 2026-03-31 */
	f.ethnicity = "J";
	f.gender = "2";
	key_of("hwp_area", &f, ref, "waveney");
	key_of("place_board", &f, ref, "east");
	key_of("gp_cluster", &f, ref, "Breckland");
	key_of("pcn", &f, ref, "Breckland PCN");
	key_of("rurality", &f, ref, "urban_city_town");
	key_of("waveney", &f, ref, "waveney");
	key_of("age_band", &f, ref, "65_74");
	key_of("ethnicity", &f, ref, "asian");
	key_of("gender", &f, ref, "2");
	key_of("month", &f, ref, "2026-03");
	key_of("quarter", &f, ref, "2025-26-Q4");
	key_of("financial_year", &f, ref, "2025-26");
	key_of("closure_reason", &f, ref, "not_applicable"); /* a referral has no closure reason */
	f.at = dt_days_from_civil(2026, 4, 1) * D + 12 * H;
	f.area = "norwich";
	f.ethnicity = "Z";
	key_of("quarter", &f, ref, "2026-27-Q1");
	key_of("waveney", &f, ref, "rest_of_norfolk");
	key_of("ethnicity", &f, ref, "not_stated");
	key_of("age_band", &f, ref, "65_74");
	f.area = "";
	key_of("hwp_area", &f, ref, "unknown");
	char label[REPORT_LABEL_MAX];
	report_dim_label(report_dim_by_name("age_band"), "25_34", ref, label);
	assert_string_equal(label, "25 to 34");
	report_dim_label(report_dim_by_name("month"), "2026-11", ref, label);
	assert_string_equal(label, "November 2026");
	assert_int_equal(report_by_name("unmet-needs"), REPORT_UNMET_NEEDS);
	assert_int_equal(report_by_name("unmet_needs"), -1);
	assert_int_equal(report_dim_by_name("nope"), -1);
	assert_int_equal(report_dim_by_name(""), -2);
	assert_false(report_dim_fits(REPORT_ACTIVITY, report_dim_by_name("closure_reason")));
	assert_false(report_dim_fits(REPORT_FOLLOWUP, report_dim_by_name("rejection_reason")));
	assert_true(report_dim_fits(REPORT_CASEWORK, report_dim_by_name("closure_reason")));
	report_ref_free(ref);
}

static void test_suppressed_table(void **state)
{
	(void)state;
	struct report_period p = period();
	struct report_table t;
	report_table_init(&t, REPORT_UNMET_NEEDS, report_dim_by_name("hwp_area"), 0);
	static const struct {
		const char *area;
		int n;
	} cells[] = { { "breckland", 3 }, { "norwich", 21 }, { "waveney", 12 } };
	for (size_t i = 0; i < 3; i++)
		for (int k = 0; k < cells[i].n; k++) {
			struct report_fact f = fact(RF_UNMET, jan(15, 9));
			f.area = cells[i].area;
			assert_int_equal(report_table_add(&t, &f, &p, NULL), 0);
		}
	report_table_sort(&t);
	report_suppress(&t, 7);
	assert_int_equal(t.nrows, 3);
	double v;
	int is_int;
	assert_string_equal(t.rows[0].key, "breckland");
	assert_false(report_value(&t, &t.rows[0], 0, &v, &is_int)); /* 3: primary */
	assert_true(t.rows[0].withheld[0]);
	assert_false(report_value(&t, &t.rows[2], 0, &v, &is_int)); /* 12: secondary, the smallest other */
	assert_true(report_value(&t, &t.rows[1], 0, &v, &is_int));
	assert_true(is_int);
	assert_int_equal((int)v, 20); /* 21 rounded to 5 */
	assert_true(report_value(&t, &t.total, 0, &v, &is_int));
	assert_int_equal((int)v, 35); /* 36 rounded */
	report_suppress(&t, 0); /* staff: exact */
	assert_true(report_value(&t, &t.rows[0], 0, &v, &is_int));
	assert_int_equal((int)v, 3);
	report_table_free(&t);

	/* A mean over a few people is withheld with them. */
	report_table_init(&t, REPORT_OUTCOMES, -2, 0);
	for (int k = 0; k < 5; k++) {
		struct report_fact f = fact(RF_OUTCOME, jan(15, 9));
		f.value = 100;
		assert_int_equal(report_table_add(&t, &f, &p, NULL), 0);
	}
	report_suppress(&t, 7);
	assert_false(report_value(&t, &t.total, 1, &v, &is_int));
	report_suppress(&t, 4);
	assert_true(report_value(&t, &t.total, 1, &v, &is_int));
	assert_true(fabs(v - 1.0) < 1e-9);
	report_table_free(&t);
}

static void test_organisation_only(void **state)
{
	(void)state;
	struct report_period p = period();
	struct report_table t;
	report_table_init(&t, REPORT_UNMET_NEEDS, -2, 2);
	struct report_fact a = fact(RF_UNMET, jan(15, 9)), b = a;
	b.org_id = 2;
	assert_int_equal(report_table_add(&t, &a, &p, NULL), 0);
	assert_int_equal(report_table_add(&t, &b, &p, NULL), 0);
	assert_int_equal(t.total.c[0].n, 1);
	report_table_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_activity_followup_discharge),
		cmocka_unit_test(test_casework_workforce),
		cmocka_unit_test(test_onward_unmet_outcomes_volunteers),
		cmocka_unit_test(test_every_measure_checked),
		cmocka_unit_test(test_dimension_keys),
		cmocka_unit_test(test_suppressed_table),
		cmocka_unit_test(test_organisation_only),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
