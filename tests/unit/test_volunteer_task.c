/* Unit tests for the rules of a community support task and a volunteer's
 * log of it (src/core/volunteer_task.c), and reading a volunteer as typed by
 * name and showing a field as typed (src/core/volunteer.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/volunteer.h"
#include "core/volunteer_task.h"

static int has(const struct field_errors *fe, const char *field)
{
	return fielderr_for(fe, field) != NULL;
}

static void test_hours(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int minutes;
	} ok[] = { { "1.5", 90 }, { "1:30", 90 }, { "2", 120 }, { "45 min", 45 }, { " 0.25 ", 15 }, { "24", 1440 },
		   { "3 hours", 180 } };
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		int m = -1;
		assert_int_equal(volunteer_parse_hours(ok[i].text, &m), 0);
		assert_int_equal(m, ok[i].minutes);
	}
	static const char *const bad[] = { NULL, "", "lots", "1:75", "25", "1.234", "-1", "1:3" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int m;
		assert_int_equal(volunteer_parse_hours(bad[i], &m), -1);
	}
}

static void test_log(void **state)
{
	(void)state;
	struct field_errors fe;
	int done, minutes;
	fielderr_init(&fe);
	volunteer_log_check("done", "1:30", "Shop done", &done, &minutes, &fe);
	assert_int_equal(fe.n, 0);
	assert_int_equal(done, 1);
	assert_int_equal(minutes, 90);
	volunteer_log_check("missed", "", "Nobody was in", &done, &minutes, &fe);
	assert_int_equal(fe.n, 0);
	assert_int_equal(done, 0);
	volunteer_log_check("maybe", NULL, NULL, &done, &minutes, &fe);
	assert_true(has(&fe, "outcome"));
	fielderr_init(&fe);
	volunteer_log_check("done", "lots", NULL, &done, &minutes, &fe);
	assert_true(has(&fe, "hours"));
	fielderr_init(&fe);
	volunteer_log_check("missed", NULL, "", &done, &minutes, &fe);
	assert_true(has(&fe, "note"));
	/* Done only once it has started; missed any time. */
	const int64_t now = 1800000000;
	fielderr_init(&fe);
	assert_int_equal(volunteer_log_when_check(1, now + 1, now, &fe), -1);
	assert_true(has(&fe, "outcome"));
	assert_non_null(strstr(fe.e[0].message, "before it starts"));
	fielderr_init(&fe);
	assert_int_equal(volunteer_log_when_check(1, now, now, &fe), 0);
	assert_int_equal(volunteer_log_when_check(1, now - 3600, now, &fe), 0);
	assert_int_equal(volunteer_log_when_check(0, now + 86400, now, &fe), 0);
	assert_int_equal(fe.n, 0);
}

static void test_task(void **state)
{
	(void)state;
	const int64_t now = 1800000000;
	struct task_new n = { .type = "shopping", .window_from = now + 3600, .window_to = now + 7200,
			      .duration_minutes = 60, .priority = 3 };
	struct field_errors fe;
	fielderr_init(&fe);
	volunteer_task_check(&n, 1, now, &fe);
	assert_int_equal(fe.n, 0);
	struct task_new bad = { .type = "flying", .window_from = now + 7200, .window_to = now + 3600,
				.duration_minutes = 2000, .priority = 9 };
	volunteer_task_check(&bad, 1, now, &fe);
	assert_true(has(&fe, "type") && has(&fe, "window_end") && has(&fe, "duration_minutes") && has(&fe, "priority"));
	fielderr_init(&fe);
	struct task_new check = n;
	check.type = "home_check";
	volunteer_task_check(&check, 1, now, &fe);
	assert_true(has(&fe, "home_visit"));
	fielderr_init(&fe);
	check = n;
	check.duration_minutes = 120;
	volunteer_task_check(&check, 1, now, &fe);
	assert_string_equal(fe.e[0].field, "duration_minutes"); /* does not fit the hour's window */
	fielderr_init(&fe);
	check.window_from = now - 7200;
	check.window_to = now - 3600;
	check.duration_minutes = 30;
	volunteer_task_check(&check, 1, now, &fe);
	assert_true(has(&fe, "window_end")); /* in the past */
	uint32_t mask;
	fielderr_init(&fe);
	const char *codes[] = { "shopping", "driving" };
	volunteer_skills_read(codes, 2, &mask, &fe);
	assert_int_equal(fe.n, 0);
	assert_int_equal(mask, (1u << volunteer_skill_of("shopping")) | (1u << volunteer_skill_of("driving")));
	const char *wrong[] = { "shopping", NULL };
	volunteer_skills_read(wrong, 2, &mask, &fe);
	assert_true(has(&fe, "skills"));
}

static void test_reasons(void **state)
{
	(void)state;
	struct field_errors fe;
	fielderr_init(&fe);
	assert_int_equal(volunteer_reason_check("Person is in hospital", &fe), 0);
	assert_int_equal(volunteer_reason_check("", &fe), -1);
	int64_t day = 0;
	fielderr_init(&fe);
	assert_int_equal(volunteer_extension_check("2027-01-31", "Still recovering", &day, &fe), 0);
	assert_true(day > 0);
	day = 7;
	assert_int_equal(volunteer_extension_check("soon", NULL, &day, &fe), -1);
	assert_int_equal(day, 7);
	assert_true(has(&fe, "until") && has(&fe, "reason"));
}

static void test_input_by_name(void **state)
{
	(void)state;
	struct volunteer_input in;
	memset(&in, 0, sizeof in);
	assert_int_equal(volunteer_input_add(&in, "name", "Val"), 1);
	assert_int_equal(volunteer_input_add(&in, "dbs.level", "enhanced"), 1);
	assert_int_equal(volunteer_input_add(&in, "availability.tue", "10-12"), 1);
	assert_int_equal(volunteer_input_add(&in, "skills", "shopping"), 1);
	assert_int_equal(volunteer_input_add(&in, "training[2].completed", "2026-01-01"), 1);
	assert_int_equal(volunteer_input_add(&in, "training[2].when", "x"), 0);
	assert_int_equal(volunteer_input_add(&in, "colour", "blue"), 0);
	assert_int_equal(volunteer_input_add(&in, "availability.someday", "x"), 0);
	assert_string_equal(in.f[VF_NAME], "Val");
	assert_string_equal(in.f[VF_DBS_LEVEL], "enhanced");
	assert_string_equal(in.availability[1], "10-12");
	assert_int_equal(in.n_skills, 1);
	assert_int_equal(in.n_training, 3);
	assert_string_equal(in.training[2].completed, "2026-01-01");
	assert_int_equal(volunteer_input_add(&in, "training[99].module", "x"), 1);
	assert_int_equal(in.n_training, VOLUNTEER_TRAINING_MAX + 1); /* too many: the validator says so */
}

static void test_field_text(void **state)
{
	(void)state;
	struct volunteer_rec r;
	memset(&r, 0, sizeof r);
	r.travel_radius_m = 7500;
	r.has_car = 1;
	r.dbs.certificate_day = COMPLIANCE_NO_DAY;
	r.dbs.renewal_day = 20000;
	static const struct {
		enum volunteer_field f;
		const char *text;
	} want[] = { { VF_TRAVEL_RADIUS, "7.5" },     { VF_CAR, "yes" },	   { VF_DBS_CERTIFICATE_DATE, "" },
		     { VF_DBS_RENEWAL_DATE, "2024-10-04" }, { VF_STATUS, "applicant" }, { VF_DBS_LEVEL, "" } };
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		char t[32];
		volunteer_field_text(&r, want[i].f, t, sizeof t);
		assert_string_equal(t, want[i].text);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hours),	    cmocka_unit_test(test_log),		  cmocka_unit_test(test_task),
		cmocka_unit_test(test_reasons),	    cmocka_unit_test(test_input_by_name), cmocka_unit_test(test_field_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
