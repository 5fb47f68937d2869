/* Unit tests for core/review: Appendix D completeness, the follow-up KPI and the review's rating from counts, with the thresholds of data/commissioning.json. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "core/commission_data.h"
#include "core/datetime.h"
#include "core/review.h"
#include "util/embed.h"

static struct commission_data cd;

static int setup(void **state)
{
	(void)state;
	const struct embed_file *f = embed_find("data/commissioning.json");
	char err[200];
	assert_non_null(f);
	assert_int_equal(commission_data_parse((const char *)f->data, f->len, &cd, err, sizeof err), 0);
	return 0;
}

static void test_fields(void **state)
{
	(void)state;
	assert_int_equal(REVIEW_FIELDS, 12);
	assert_string_equal(review_field_code(REVIEW_F_GENDER), "gender");
	assert_string_equal(review_field_code(REVIEW_F_HEALTH), "health_baseline");
	assert_null(review_field_code(REVIEW_FIELDS));
	assert_null(review_field_label(-1));
	assert_int_equal(review_fields_filled(0), 0);
	assert_int_equal(review_fields_filled((1u << REVIEW_FIELDS) - 1), 12);
	assert_int_equal(review_fields_filled(1u << REVIEW_F_REASON | 1u << REVIEW_F_SESSION), 2);
	/* bits beyond the fields do not count */
	assert_int_equal(review_fields_filled(0xffffffffu), 12);
}

static void test_green_amber_red(void **state)
{
	(void)state;
	int64_t d0, d1;
	assert_int_equal(dt_parse_date("2026-04-01", &d0), 0);
	assert_int_equal(dt_parse_date("2026-06-30", &d1), 0);
	/* one post, a 91-day quarter: 24.93 clients */
	int64_t target = perf_target_x100(cd.clients_per_year, 1, d0, d1, PERF_NO_DATE, 50);
	assert_int_equal(target, 2493);
	struct review_figures f;
	/* 23 clients (92.25%), 23 cases with 270 of 276 fields (97.82%), 20 of 21 followed up (95.23%): green */
	struct review_counts n = {
		.clients = 23, .cases = 23, .fields_filled = 270, .followup_due = 21, .followup_within = 20
	};
	assert_int_equal(review_figures(&cd.rag, &n, target, &f), 0);
	assert_int_equal(f.clients_x100, 9225);
	assert_int_equal(f.completeness_x100, 9782);
	assert_int_equal(f.followup_x100, 9523);
	assert_int_equal(f.rag, RAG_GREEN);
	/* 20 clients: 80.22%, amber; the others still green */
	n.clients = 20;
	assert_int_equal(review_figures(&cd.rag, &n, target, &f), 0);
	assert_int_equal(f.clients_x100, 8022);
	assert_int_equal(f.measure[RAG_CLIENTS], RAG_AMBER);
	assert_int_equal(f.rag, RAG_AMBER);
	/* completeness 79.99% or below is red, and the worst wins */
	n.fields_filled = 220; /* 220 / 276 = 79.71% */
	assert_int_equal(review_figures(&cd.rag, &n, target, &f), 0);
	assert_int_equal(f.completeness_x100, 7971);
	assert_int_equal(f.measure[RAG_COMPLETENESS], RAG_RED);
	assert_int_equal(f.rag, RAG_RED);
	/* exactly on a threshold is the better band: 95 of 100 fields complete is green */
	struct review_counts e = {
		.clients = 25, .cases = 10, .fields_filled = 114, .followup_due = 4, .followup_within = 3
	};
	assert_int_equal(review_figures(&cd.rag, &e, 2500, &f), 0);
	assert_int_equal(f.completeness_x100, 9500);
	assert_int_equal(f.measure[RAG_COMPLETENESS], RAG_GREEN);
	assert_int_equal(f.followup_x100, 7500); /* 75%: amber from 75 */
	assert_int_equal(f.measure[RAG_FOLLOWUP], RAG_AMBER);
	assert_int_equal(f.rag, RAG_AMBER);
}

static void test_nothing_to_measure(void **state)
{
	(void)state;
	struct review_figures f;
	/* no cases and no referral due: completeness and follow-up are not rated; 0 clients is red */
	struct review_counts n = { 0 };
	assert_int_equal(review_figures(&cd.rag, &n, 2493, &f), 0);
	assert_int_equal(f.completeness_x100, REVIEW_NONE);
	assert_int_equal(f.followup_x100, REVIEW_NONE);
	assert_false(f.rated[RAG_COMPLETENESS]);
	assert_false(f.rated[RAG_FOLLOWUP]);
	assert_true(f.rated[RAG_CLIENTS]);
	assert_int_equal(f.clients_x100, 0);
	assert_int_equal(f.rag, RAG_RED);
	/* a zero target (mobilisation at 0%): nothing was expected, green */
	assert_int_equal(review_figures(&cd.rag, &n, 0, &f), 0);
	assert_int_equal(f.clients_x100, 10000);
	assert_int_equal(f.rag, RAG_GREEN);
}

static void test_refusals(void **state)
{
	(void)state;
	struct review_figures f;
	struct review_counts n = { .clients = 1, .cases = 1, .fields_filled = 13 };
	assert_int_equal(review_figures(&cd.rag, &n, 100, &f), -1);
	n = (struct review_counts){ .followup_due = 1, .followup_within = 2 };
	assert_int_equal(review_figures(&cd.rag, &n, 100, &f), -1);
	n = (struct review_counts){ .clients = -1 };
	assert_int_equal(review_figures(&cd.rag, &n, 100, &f), -1);
	enum rag r;
	assert_int_equal(rag_parse("amber", &r), 0);
	assert_int_equal(r, RAG_AMBER);
	assert_int_equal(rag_parse("Amber", &r), -1);
	assert_int_equal(rag_parse(NULL, &r), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_green_amber_red),
		cmocka_unit_test(test_nothing_to_measure),
		cmocka_unit_test(test_refusals),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
