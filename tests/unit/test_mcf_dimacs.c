/* Unit tests for the DIMACS writer and reader of the task/volunteer network. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/mcf_dimacs.h"

static char *write_to_string(const struct mcf_problem *p, const char *comment)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);

	assert_non_null(f);
	assert_int_equal(mcf_dimacs_write(f, p, comment), 0);
	fclose(f);
	return s;
}

static int read_from_string(const char *text, struct mcf_problem *p, char *err, size_t err_size)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int rc;

	assert_non_null(f);
	rc = mcf_dimacs_read(f, p, err, err_size);
	fclose(f);
	return rc;
}

static void test_write_exact(void **state)
{
	int32_t cap[2] = {2, 1};
	int64_t pen[2] = {100, 400};
	struct mcf_arc arcs[] = {{0, 1, 35}, {1, 0, -7}};
	struct mcf_problem p = {2, 2, cap, pen, arcs, 2};
	char *s;

	(void)state;
	s = write_to_string(&p, "seed 1\nsecond line");
	assert_string_equal(s, "c seed 1\n"
			       "c second line\n"
			       "c waymark task/volunteer network: 1 source, 2..3 volunteers, 4..5 tasks, 6 sink\n"
			       "p min 6 8\n"
			       "n 1 2\n"
			       "n 6 -2\n"
			       "a 1 2 0 2 0\n"
			       "a 1 3 0 1 0\n"
			       "a 1 4 0 1 100\n"
			       "a 4 6 0 1 0\n"
			       "a 1 5 0 1 400\n"
			       "a 5 6 0 1 0\n"
			       "a 3 4 0 1 35\n"
			       "a 2 5 0 1 -7\n");
	free(s);
}

static void test_round_trip(void **state)
{
	int32_t cap[4] = {1, 0, 3, 2};
	int64_t pen[5] = {10, 20, 30, 40, 50};
	struct mcf_arc arcs[] = {{0, 0, 4}, {0, 2, 9}, {1, 0, 1}, {3, 3, 12}, {4, 2, 0}, {4, 3, 44}, {2, 1, 3}};
	struct mcf_problem p = {5, 4, cap, pen, arcs, 7}, q;
	struct mcf_result rp, rq;
	char err[128];
	char *s;

	(void)state;
	s = write_to_string(&p, NULL);
	assert_int_equal(read_from_string(s, &q, err, sizeof(err)), 0);
	assert_int_equal(q.n_tasks, 5);
	assert_int_equal(q.n_vols, 4);
	assert_int_equal(q.n_arcs, 7);
	assert_memory_equal(q.capacity, cap, sizeof(cap));
	assert_memory_equal(q.penalty, pen, sizeof(pen));
	assert_memory_equal(q.arcs, arcs, sizeof(arcs));
	assert_int_equal(mcf_solve(&p, &rp), 0);
	assert_int_equal(mcf_solve(&q, &rq), 0);
	assert_int_equal(rp.cost, rq.cost);
	mcf_result_free(&rp);
	mcf_result_free(&rq);
	mcf_problem_free(&q);
	free(s);
}

/* Another tool's numbering and arc order: sink first, tasks and volunteers interleaved. */
static void test_reads_foreign_numbering(void **state)
{
	const char *text = "c hand-made\n"
			   "p min 6 7\n"
			   "n 1 -2\n"
			   "n 6 2\n"
			   "a 3 1 0 1 0\n"
			   "a 2 3 0 1 5\n"
			   "a 6 2 0 1 0\n"
			   "a 6 3 0 1 50\n"
			   "a 6 4 0 1 60\n"
			   "a 4 1 0 1 0\n"
			   "a 2 4 0 1 7\n";
	struct mcf_problem q;
	struct mcf_result r;
	char err[128];

	(void)state;
	assert_int_equal(read_from_string(text, &q, err, sizeof(err)), 0);
	assert_int_equal(q.n_tasks, 2);
	assert_int_equal(q.n_vols, 1);
	assert_int_equal(q.capacity[0], 1);
	assert_int_equal(mcf_solve(&q, &r), 0);
	/* One volunteer for two tasks: node 4 takes it (7) and node 3 is left (50), beating 5 + 60. */
	assert_int_equal(r.cost, 57);
	assert_int_equal(r.vol_of_task[0], MCF_UNASSIGNED);
	mcf_result_free(&r);
	mcf_problem_free(&q);
}

static void expect_reject(const char *text, const char *needle)
{
	struct mcf_problem q;
	char err[160];

	if (read_from_string(text, &q, err, sizeof(err)) != -1)
		fail_msg("accepted: %s", text);
	if (!strstr(err, needle))
		fail_msg("error \"%s\" lacks \"%s\"", err, needle);
	assert_null(q.arcs);
}

static void test_rejects(void **state)
{
	(void)state;
	expect_reject("", "no \"p min\"");
	expect_reject("n 1 1\n", "must come first");
	expect_reject("p max 3 1\n", "line 1");
	expect_reject("p min 3 1\nn 1 1\nn 3 -1\na 1 2 1 1 0\n", "lower bounds");
	expect_reject("p min 3 2\nn 1 1\nn 3 -1\na 1 2 0 1 5\na 2 3 0 1 0\na 1 3 0 1 0\n", "more arcs");
	expect_reject("p min 3 3\nn 1 1\nn 3 -1\na 1 2 0 1 5\na 2 3 0 1 0\n", "declares 3");
	expect_reject("p min 3 2\nn 1 2\nn 3 -2\na 1 2 0 1 5\na 2 3 0 1 0\n", "not the number of tasks");
	expect_reject("p min 3 2\nn 1 1\nn 3 -1\na 1 2 0 1 5\na 2 3 0 1 9\n", "into the sink");
	expect_reject("p min 4 3\nn 1 1\nn 4 -1\na 1 2 0 1 5\na 2 4 0 1 0\na 2 3 0 1 0\n", "not part of");
	expect_reject("p min 3 1\nn 1 1\nn 3 -1\na 2 3 0 1 0\n", "no unassigned arc");
	expect_reject("p min 3 2\nn 1 1\nn 3 -1\na 1 2 0 1 5\na 2 3 0 1 0\nx\n", "unknown line");
	expect_reject("p min 3 2\nn 1 1\nn 3 -1\na 1 2 0 1 5 extra\na 2 3 0 1 0\n", "line 4");
	expect_reject("p min 3 2\nn 1 1\nn 3 -1\na 1 2 0 1 99999999999999\na 2 3 0 1 0\n", "cost beyond");
	expect_reject("p min 3 2\nn 1 1\nn 9 -1\n", "in range");
	/* Found by fuzz/fuzz_dimacs.c: a huge declared count, supplies that overflow when added or negated. */
	expect_reject("p min 5 99262618\n", "declares 99262618");
	expect_reject("p min 3 0\nn 1 9223372036854775807\nn 1 9223372036854775807\n", "supply beyond");
	expect_reject("p min 3 0\nn 1 1\nn 2 -9223372036854775808\n", "supply beyond");
	expect_reject("p min 3 3\nn 1 1\nn 1 1\nn 3 -1\na 1 2 0 1 5\na 2 3 0 1 0\na 1 3 0 1 0\n", "twice");
	expect_reject("p min 900 2\nn 1 1\nn 3 -1\na 1 2 0 1 5\na 2 3 0 1 0\n", "can touch at most 6");
	{
		char text[1200] = "c ";

		memset(text + 2, 'x', 1000);
		text[1002] = '\0';
		strcat(text, "\np min 3 1\n");
		expect_reject(text, "longer than");
	}
}

/* Also from the fuzzer: a task without volunteer arcs and a negative penalty once overflowed a bound check. */
static void test_task_without_arcs_negative_penalty(void **state)
{
	const char *text = "p min 5 8\nn 1 2\nn 5 -2\na 1 2 0 1 0\na 1 3 0 1 -1\na 3 5 0 1 0\na 1 4 0 1 1\n"
			   "a 4 5 0 1 0\na  2 4 0 1 0\na 2 4 0 180 1\na 2 4 0 1 1\n";
	struct mcf_problem q;
	struct mcf_result r;
	char err[128];

	(void)state;
	assert_int_equal(read_from_string(text, &q, err, sizeof(err)), 0);
	assert_int_equal(mcf_solve(&q, &r), 0);
	assert_int_equal(mcf_verify(&q, &r), 0);
	assert_int_equal(r.cost, -1);
	mcf_result_free(&r);
	mcf_problem_free(&q);
}

static void test_writer_rejects_bad_problem(void **state)
{
	int32_t cap[1] = {1};
	int64_t pen[1] = {1};
	struct mcf_arc arcs[1] = {{0, 3, 1}};
	struct mcf_problem p = {1, 1, cap, pen, arcs, 1};
	FILE *f = fopen("/dev/null", "w");

	(void)state;
	assert_non_null(f);
	assert_int_equal(mcf_dimacs_write(f, &p, NULL), -1);
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_write_exact),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_reads_foreign_numbering),
		cmocka_unit_test(test_rejects),
		cmocka_unit_test(test_task_without_arcs_negative_penalty),
		cmocka_unit_test(test_writer_rejects_bad_problem),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
