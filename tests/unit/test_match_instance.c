/* Unit tests for the JSON matching instance: parsing, field errors and round trip. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/match_instance.h"

static const char sample[] =
	"{\"waymark_match_instance\": 1, \"now\": 1714953600,\n"
	" \"params\": {\"continuity_bonus_m\": 1500, \"penalty_m\": [1, 2, 3, 4, 5]},\n"
	" \"tasks\": [\n"
	"  {\"id\": 1, \"priority\": 3, \"skills\": 1, \"home_visit\": true, \"lat\": 52.6309, \"lon\": 1.2974,\n"
	"   \"window_start\": 1715072400, \"window_end\": 1715079600, \"duration\": 3600,\n"
	"   \"person_id\": 501, \"previous_volunteer_id\": 10, \"declined\": [11, 12]},\n"
	"  {\"id\": 2, \"priority\": 1, \"lat\": 52.5, \"lon\": 1, \"window_start\": 1715072400,\n"
	"   \"window_end\": 1715079600}\n"
	" ],\n"
	" \"volunteers\": [\n"
	"  {\"id\": 10, \"skills\": 3, \"dbs_enhanced_valid_until\": 1769817600, \"lat\": 52.66, \"lon\": 1.29,\n"
	"   \"radius_m\": 8000, \"car\": 1, \"availability\": [[122400, 129600], [0, 3600]], \"capacity\": 2}\n"
	" ]}\n";

static void test_parse_sample(void **state)
{
	struct match_instance in;
	struct field_errors fe;

	(void)state;
	fielderr_init(&fe);
	assert_int_equal(match_instance_parse_json(sample, strlen(sample), &in, &fe), 0);
	assert_int_equal(fe.n, 0);
	assert_int_equal(in.params.now, 1714953600);
	assert_int_equal(in.params.continuity_bonus_m, 1500);
	assert_int_equal(in.params.cost_floor_m, 0);
	assert_int_equal(in.params.penalty_m[4], 5);
	assert_int_equal(in.n_tasks, 2);
	assert_int_equal(in.tasks[0].home_visit, 1);
	assert_int_equal(in.tasks[0].n_declined, 2);
	assert_int_equal(in.tasks[0].declined[1], 12);
	assert_int_equal(in.tasks[1].skills, 0);
	assert_int_equal(in.tasks[1].duration, 0);
	assert_true(in.tasks[1].lon == 1.0);
	assert_int_equal(in.n_vols, 1);
	assert_int_equal(in.vols[0].n_avail, 2);
	assert_int_equal(in.vols[0].avail[0].end, 129600);
	assert_int_equal(in.vols[0].capacity, 2);
	match_instance_free(&in);
	match_instance_free(&in);
}

static void test_round_trip(void **state)
{
	struct match_instance a, b;
	struct field_errors fe;
	char *text;

	(void)state;
	fielderr_init(&fe);
	assert_int_equal(match_instance_parse_json(sample, strlen(sample), &a, &fe), 0);
	text = match_instance_to_json(&a);
	assert_non_null(text);
	if (match_instance_parse_json(text, strlen(text), &b, &fe) != 0)
		fail_msg("%s: %s\n%s", fe.e[0].field, fe.e[0].message, text);
	assert_memory_equal(&a.params, &b.params, sizeof(a.params));
	assert_int_equal(a.n_tasks, b.n_tasks);
	assert_int_equal(a.n_vols, b.n_vols);
	assert_memory_equal(a.tasks, b.tasks, a.n_tasks * sizeof(*a.tasks));
	assert_memory_equal(a.vols, b.vols, a.n_vols * sizeof(*a.vols));
	/* One task or volunteer per line keeps big instances diffable. */
	assert_non_null(strstr(text, "\n{\"id\": 2,"));
	free(text);
	match_instance_free(&a);
	match_instance_free(&b);
}

static void expect_error(const char *text, const char *field, const char *needle)
{
	struct match_instance in;
	struct field_errors fe;
	const char *msg;

	fielderr_init(&fe);
	if (match_instance_parse_json(text, strlen(text), &in, &fe) != -1)
		fail_msg("accepted: %s", text);
	assert_null(in.tasks);
	msg = fielderr_for(&fe, field);
	if (!msg)
		fail_msg("no error for \"%s\" (first: %s: %s)", field, fe.n ? fe.e[0].field : "-",
			 fe.n ? fe.e[0].message : "-");
	if (!strstr(msg, needle))
		fail_msg("%s: \"%s\" lacks \"%s\"", field, msg, needle);
}

#define HEAD "{\"waymark_match_instance\": 1, \"now\": 0, "
#define TASK_OK "\"id\": 1, \"priority\": 2, \"lat\": 52, \"lon\": 1, \"window_start\": 100, \"window_end\": 200"
#define VOL_OK "\"id\": 1, \"lat\": 52, \"lon\": 1, \"radius_m\": 100, \"capacity\": 1"

static void test_field_errors(void **state)
{
	(void)state;
	expect_error("{", "", "not valid JSON");
	expect_error("[]", "", "must be a JSON object");
	expect_error("{\"now\": 0, \"tasks\": [], \"volunteers\": []}", "waymark_match_instance", "required");
	expect_error(HEAD "\"tasks\": [], \"volunteers\": [], \"tasks\": []}", "", "duplicate");
	expect_error(HEAD "\"tasks\": {}, \"volunteers\": []}", "tasks", "must be a list");
	expect_error(HEAD "\"tasks\": [{" TASK_OK ", \"home_vist\": 1}], \"volunteers\": []}", "tasks[0].home_vist",
		     "not a known field");
	expect_error(HEAD "\"tasks\": [{" TASK_OK "}, {\"id\": 2, \"priority\": 6, \"lat\": 52, \"lon\": 1, "
		     "\"window_start\": 100, \"window_end\": 200}], \"volunteers\": []}",
		     "tasks[1].priority", "between 1 and 5");
	expect_error(HEAD "\"tasks\": [{\"id\": 1, \"priority\": 2, \"lat\": 52, \"lon\": 1, \"window_start\": 300, "
		     "\"window_end\": 200}], \"volunteers\": []}",
		     "tasks[0].window_end", "after window_start");
	expect_error(HEAD "\"tasks\": [{" TASK_OK ", \"duration\": 500}], \"volunteers\": []}", "tasks[0].duration",
		     "fit in the window");
	expect_error(HEAD "\"tasks\": [{" TASK_OK ", \"lat\": 95}], \"volunteers\": []}", "", "duplicate");
	expect_error(HEAD "\"tasks\": [{\"id\": 1, \"priority\": 2, \"lat\": 95, \"lon\": 1, \"window_start\": 100, "
		     "\"window_end\": 200}], \"volunteers\": []}",
		     "tasks[0].lat", "latitude");
	expect_error(HEAD "\"tasks\": [], \"volunteers\": [{" VOL_OK ", \"availability\": [[10, 5]]}]}",
		     "volunteers[0].availability", "start < end");
	expect_error(HEAD "\"tasks\": [], \"volunteers\": [{" VOL_OK ", \"skills\": 4096}]}", "volunteers[0].skills",
		     "between 0 and 2047");
	expect_error(HEAD "\"tasks\": [], \"volunteers\": [{\"id\": 1, \"lat\": 52, \"lon\": 1, \"capacity\": 1}]}",
		     "volunteers[0].radius_m", "required");
	expect_error(HEAD "\"params\": {\"penalty_m\": [1, 2]}, \"tasks\": [], \"volunteers\": []}", "params.penalty_m",
		     "5 whole numbers");
	expect_error(HEAD "\"tasks\": [], \"volunteers\": [{" VOL_OK ", \"car\": 2.5}]}", "volunteers[0].car",
		     "whole number");
}

static void test_several_errors_reported(void **state)
{
	const char *text = HEAD "\"tasks\": [{\"id\": 1}], \"volunteers\": [{\"id\": \"x\"}]}";
	struct match_instance in;
	struct field_errors fe;

	(void)state;
	fielderr_init(&fe);
	assert_int_equal(match_instance_parse_json(text, strlen(text), &in, &fe), -1);
	assert_non_null(fielderr_for(&fe, "tasks[0].priority"));
	assert_non_null(fielderr_for(&fe, "tasks[0].window_start"));
	assert_non_null(fielderr_for(&fe, "volunteers[0].id"));
	assert_non_null(fielderr_for(&fe, "volunteers[0].capacity"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_sample),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_field_errors),
		cmocka_unit_test(test_several_errors_reported),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
