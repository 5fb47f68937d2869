/* Unit tests for a volunteer's record as entered: availability text, dates,
 * field checks, and the weekly slots matching is given (src/core/volunteer.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/datetime.h"
#include "core/londontime.h"
#include "core/volunteer.h"

static int64_t day(int y, int m, int d)
{
	return dt_days_from_civil(y, m, d);
}

static int parse(const char *text, struct volunteer_slot *out)
{
	char msg[256];
	return volunteer_parse_day(text, 1, out, msg, sizeof msg);
}

static void test_day_ranges(void **state)
{
	(void)state;
	struct volunteer_slot s[VOLUNTEER_SLOTS_PER_DAY];
	assert_int_equal(parse("", s), 0);
	assert_int_equal(parse(NULL, s), 0);
	assert_int_equal(parse("  none ", s), 0);
	assert_int_equal(parse("10:00-12:00", s), 1);
	assert_int_equal(s[0].weekday, 1);
	assert_int_equal(s[0].start_minute, 600);
	assert_int_equal(s[0].end_minute, 720);
	/* Several ranges in any order come back sorted. */
	assert_int_equal(parse("14:00 to 16:30, 9.30-12", s), 2);
	assert_int_equal(s[0].start_minute, 570);
	assert_int_equal(s[0].end_minute, 720);
	assert_int_equal(s[1].start_minute, 840);
	assert_int_equal(s[1].end_minute, 990);
	/* am/pm, noon, midnight, an en dash, "and". */
	assert_int_equal(parse("9am-12pm and 2pm\xe2\x80\x93midnight", s), 2);
	assert_int_equal(s[0].start_minute, 540);
	assert_int_equal(s[0].end_minute, 720);
	assert_int_equal(s[1].start_minute, 840);
	assert_int_equal(s[1].end_minute, 1440);
	assert_int_equal(parse("12am-noon", s), 1);
	assert_int_equal(s[0].start_minute, 0);
	assert_int_equal(s[0].end_minute, 720);
	assert_int_equal(parse("All day", s), 1);
	assert_int_equal(s[0].end_minute, 1440);
	assert_int_equal(parse("9-5pm", s), 1);
	assert_int_equal(s[0].end_minute, 17 * 60);
	/* Touching ranges are fine; overlapping ones are not. */
	assert_int_equal(parse("9-12, 12-13", s), 2);
	assert_int_equal(parse("9-12, 11-13", s), -1);
}

static void test_day_errors(void **state)
{
	(void)state;
	struct volunteer_slot s[VOLUNTEER_SLOTS_PER_DAY];
	char msg[256];
	static const char *const bad[] = { "morning", "10", "10-", "25-26", "12-10", "10:60-11", "13pm-2pm", "9-12 14-16",
					   "1000-1200", "10:00-24:30", "9-10, 10-11, 11-12, 12-13, 13-14", "0-0" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		msg[0] = '\0';
		if (volunteer_parse_day(bad[i], 2, s, msg, sizeof msg) != -1)
			fail_msg("\"%s\" was accepted", bad[i]);
		/* The message names the day. */
		assert_non_null(strstr(msg, "Wednesday"));
	}
}

static void test_format_round_trip(void **state)
{
	(void)state;
	struct volunteer_rec r;
	memset(&r, 0, sizeof r);
	char msg[256], text[VOLUNTEER_DAY_TEXT_MAX];
	r.n_slots = volunteer_parse_day("14:00-16:30, 9:30-12", 3, r.slots, msg, sizeof msg);
	r.n_slots += volunteer_parse_day("all day", 6, r.slots + r.n_slots, msg, sizeof msg);
	volunteer_format_day(&r, 3, text);
	assert_string_equal(text, "09:30-12:00, 14:00-16:30");
	volunteer_format_day(&r, 6, text);
	assert_string_equal(text, "00:00-24:00");
	volunteer_format_day(&r, 0, text);
	assert_string_equal(text, "");
	struct volunteer_slot again[VOLUNTEER_SLOTS_PER_DAY];
	volunteer_format_day(&r, 3, text);
	assert_int_equal(volunteer_parse_day(text, 3, again, msg, sizeof msg), 2);
	assert_memory_equal(again, r.slots, 2 * sizeof again[0]);
}

static void test_dates(void **state)
{
	(void)state;
	int64_t d;
	assert_int_equal(volunteer_parse_date("2027-01-31", &d), 0);
	assert_int_equal(d, day(2027, 1, 31));
	assert_int_equal(volunteer_parse_date(" 31/1/2027 ", &d), 0);
	assert_int_equal(d, day(2027, 1, 31));
	assert_int_equal(volunteer_parse_date("31 01 2027", &d), 0);
	assert_int_equal(d, day(2027, 1, 31));
	assert_int_equal(volunteer_parse_date("29/2/2028", &d), 0);
	assert_int_equal(volunteer_parse_date("7 Dec 2026", &d), 0);
	assert_int_equal(d, day(2026, 12, 7));
	static const char *const bad[] = { "", "31/2/2027", "2027-02-30", "1/1/27", "01/01/02027",
					   "tomorrow", "1//2027", "123/1/2027" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (volunteer_parse_date(bad[i], &d) == 0)
			fail_msg("\"%s\" was accepted", bad[i]);
}

static struct volunteer_input good_input(void)
{
	struct volunteer_input in;
	memset(&in, 0, sizeof in);
	in.f[VF_NAME] = "  Val Turner ";
	in.f[VF_EMAIL] = "val@example.org";
	in.f[VF_PHONE] = "07700 900 123";
	in.f[VF_POSTCODE] = "ip24 2bs";
	in.f[VF_TRAVEL_RADIUS] = "7.5";
	in.f[VF_CAR] = "yes";
	in.f[VF_MAX_TASKS_PER_WEEK] = "3";
	in.f[VF_CONSENT_TO_SHARE] = "no";
	in.f[VF_STATUS] = "active";
	in.skills[0] = "shopping";
	in.skills[1] = "home_check";
	in.n_skills = 2;
	in.availability[1] = "10-12";
	in.availability[4] = "9:00-17:00";
	in.days_off = "25/12/2026, 2026-12-24; 2026-12-24";
	in.f[VF_DBS_LEVEL] = "enhanced";
	in.f[VF_DBS_CERTIFICATE_DATE] = "2025-01-10";
	in.f[VF_DBS_RENEWAL_DATE] = "10/1/2028";
	in.f[VF_DBS_UPDATE_SERVICE] = "true";
	in.training[0].module = "Safeguarding adults";
	in.training[0].completed = "2025-02-01";
	in.training[1].module = "";
	in.training[1].completed = " ";
	in.n_training = 2;
	return in;
}

static void test_validate_good(void **state)
{
	(void)state;
	struct volunteer_input in = good_input();
	struct volunteer_rec r;
	struct field_errors fe;
	fielderr_init(&fe);
	assert_int_equal(volunteer_validate(&in, day(2026, 11, 22), &r, &fe), 0);
	assert_int_equal(fe.n, 0);
	assert_string_equal(r.name, "Val Turner");
	assert_string_equal(r.postcode, "IP24 2BS");
	assert_string_equal(r.outcode, "IP24");
	assert_int_equal(r.travel_radius_m, 7500);
	assert_int_equal(r.has_car, 1);
	assert_int_equal(r.max_tasks_per_week, 3);
	assert_int_equal(r.status, VOLUNTEER_ACTIVE);
	assert_int_equal(r.skills, (1u << MATCH_SKILL_SHOPPING) | (1u << MATCH_SKILL_HOME_CHECK));
	assert_int_equal(r.n_slots, 2);
	assert_int_equal(r.slots[0].weekday, 1);
	assert_int_equal(r.slots[1].weekday, 4);
	/* Days off sorted, duplicates dropped. */
	assert_int_equal(r.n_days_off, 2);
	assert_int_equal(r.days_off[0], day(2026, 12, 24));
	assert_int_equal(r.days_off[1], day(2026, 12, 25));
	assert_int_equal(r.dbs.level, DBS_ENHANCED);
	assert_int_equal(r.dbs.renewal_day, day(2028, 1, 10));
	assert_int_equal(r.dbs.update_service, 1);
	/* The blank training row is skipped. */
	assert_int_equal(r.n_training, 1);
	assert_string_equal(r.training[0].module, "Safeguarding adults");
}

static int has(const struct field_errors *fe, const char *field)
{
	return fielderr_for(fe, field) != NULL;
}

static void test_validate_names_every_field(void **state)
{
	(void)state;
	struct volunteer_input in;
	memset(&in, 0, sizeof in);
	in.f[VF_EMAIL] = "val@";
	in.f[VF_PHONE] = "12";
	in.f[VF_POSTCODE] = "NOT A POSTCODE";
	in.f[VF_TRAVEL_RADIUS] = "7.25";
	in.f[VF_CAR] = "maybe";
	in.f[VF_MAX_TASKS_PER_WEEK] = "21";
	in.f[VF_CONSENT_TO_SHARE] = "perhaps";
	in.f[VF_STATUS] = "retired";
	in.skills[0] = "juggling";
	in.n_skills = 1;
	in.availability[0] = "whenever";
	in.days_off = "2026-12-24, christmas";
	in.f[VF_DBS_LEVEL] = "enhanced";
	in.f[VF_DBS_CERTIFICATE_DATE] = "2026-12-01";
	in.f[VF_DBS_UPDATE_SERVICE] = "sometimes";
	in.training[0].module = "Safeguarding";
	in.training[0].completed = "2027-01-01";
	in.n_training = 1;
	in.f[VF_ACCOUNT_EMAIL] = "not an email";
	struct volunteer_rec r;
	struct field_errors fe;
	fielderr_init(&fe);
	assert_int_equal(volunteer_validate(&in, day(2026, 11, 22), &r, &fe), -1);
	static const char *const fields[] = { "name", "email", "phone", "postcode", "travel_radius_km", "car",
					      "max_tasks_per_week", "consent_to_share", "status", "skills",
					      "availability.mon", "days_off", "dbs.certificate_date", "dbs.update_service",
					      "training[0].completed", "account_email" };
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (!has(&fe, fields[i]))
			fail_msg("no problem reported for %s", fields[i]);
	assert_int_equal(fe.n, sizeof fields / sizeof fields[0]);
	assert_non_null(strstr(fielderr_for(&fe, "days_off"), "christmas"));
}

static void test_validate_dbs_rules(void **state)
{
	(void)state;
	struct volunteer_input in = good_input();
	struct volunteer_rec r;
	struct field_errors fe;
	/* Dates without a level. */
	in.f[VF_DBS_LEVEL] = "";
	fielderr_init(&fe);
	assert_int_equal(volunteer_validate(&in, day(2026, 11, 22), &r, &fe), -1);
	assert_true(has(&fe, "dbs.level"));
	/* A level without a renewal date. */
	in = good_input();
	in.f[VF_DBS_RENEWAL_DATE] = NULL;
	fielderr_init(&fe);
	assert_int_equal(volunteer_validate(&in, day(2026, 11, 22), &r, &fe), -1);
	assert_true(has(&fe, "dbs.renewal_date"));
	/* A lapsed check is recorded as it is. */
	in = good_input();
	in.f[VF_DBS_RENEWAL_DATE] = "2026-01-10";
	fielderr_init(&fe);
	assert_int_equal(volunteer_validate(&in, day(2026, 11, 22), &r, &fe), 0);
	assert_int_equal(compliance_stage_on(&r.dbs, day(2026, 11, 22)), COMPLIANCE_LAPSED);
	/* No check at all. */
	in = good_input();
	in.f[VF_DBS_LEVEL] = in.f[VF_DBS_CERTIFICATE_DATE] = in.f[VF_DBS_RENEWAL_DATE] = in.f[VF_DBS_UPDATE_SERVICE] = NULL;
	fielderr_init(&fe);
	assert_int_equal(volunteer_validate(&in, day(2026, 11, 22), &r, &fe), 0);
	assert_int_equal(r.dbs.level, DBS_NONE);
}

static void test_text_limits(void **state)
{
	(void)state;
	struct volunteer_input in = good_input();
	struct volunteer_rec r;
	struct field_errors fe;
	char long_name[VOLUNTEER_NAME_MAX + 2];
	memset(long_name, 'a', sizeof long_name - 1);
	long_name[sizeof long_name - 1] = '\0';
	in.f[VF_NAME] = long_name;
	fielderr_init(&fe);
	assert_int_equal(volunteer_validate(&in, day(2026, 11, 22), &r, &fe), -1);
	assert_true(has(&fe, "name"));
	/* 120 characters of two bytes each fit. */
	char accented[VOLUNTEER_NAME_MAX * 2 + 1];
	for (int i = 0; i < VOLUNTEER_NAME_MAX; i++) {
		accented[2 * i] = (char)0xc3;
		accented[2 * i + 1] = (char)0xa9;
	}
	accented[VOLUNTEER_NAME_MAX * 2] = '\0';
	in.f[VF_NAME] = accented;
	fielderr_init(&fe);
	assert_int_equal(volunteer_validate(&in, day(2026, 11, 22), &r, &fe), 0);
	/* Invalid UTF-8 and control characters are refused. */
	in.f[VF_NAME] = "Val\x01";
	fielderr_init(&fe);
	assert_int_equal(volunteer_validate(&in, day(2026, 11, 22), &r, &fe), -1);
	in.f[VF_NAME] = "Val \xff";
	fielderr_init(&fe);
	assert_int_equal(volunteer_validate(&in, day(2026, 11, 22), &r, &fe), -1);
	/* Notes may hold line breaks. */
	in = good_input();
	in.f[VF_NOTES] = "Line one\nLine two";
	fielderr_init(&fe);
	assert_int_equal(volunteer_validate(&in, day(2026, 11, 22), &r, &fe), 0);
}

/* The week and the days off as matching takes them: a day off rules out that date only. */
static void test_match_avail(void **state)
{
	(void)state;
	struct volunteer_input in = good_input();
	in.availability[0] = "9-12";
	in.days_off = "2026-11-24, 2027-03-01"; /* a Tuesday, and one outside the run */
	struct volunteer_rec r;
	struct field_errors fe;
	fielderr_init(&fe);
	assert_int_equal(volunteer_validate(&in, day(2026, 11, 22), &r, &fe), 0);
	struct match_interval iv[VOLUNTEER_SLOTS_MAX];
	/* Monday 9-12, Tuesday 10-12, Friday 9-17. */
	assert_int_equal(volunteer_match_avail(&r, iv), 3);
	assert_int_equal(iv[0].start, 9 * 3600);
	assert_int_equal(iv[0].end, 12 * 3600);
	assert_int_equal(iv[1].start, 86400 + 10 * 3600);
	assert_int_equal(iv[2].start, 4 * 86400 + 9 * 3600);
	assert_int_equal(iv[2].end, 4 * 86400 + 17 * 3600);
	int64_t off[VOLUNTEER_DAYS_OFF_MAX];
	assert_int_equal(volunteer_match_days_off(&r, day(2026, 11, 22), day(2026, 12, 6), off, VOLUNTEER_DAYS_OFF_MAX), 1);
	assert_int_equal(off[0], day(2026, 11, 24));
	assert_int_equal(volunteer_match_days_off(&r, day(2026, 11, 22), day(2027, 3, 1), off, 1), 1);

	/* Through the engine: not free on Tuesday 24 November, free the Tuesday after. */
	struct match_volunteer v = { .id = 7, .skills = r.skills, .lat = 52.42, .lon = 0.77, .radius_m = 5000,
				     .capacity = 1, .days_off = off, .n_days_off = 1 };
	v.n_avail = volunteer_match_avail(&r, v.avail);
	off[0] = day(2026, 11, 24);
	struct match_params p;
	match_params_default(&p, london_midnight_utc(day(2026, 11, 22)));
	struct match_task t = { .id = 1, .priority = 3, .skills = 1u << MATCH_SKILL_SHOPPING, .lat = 52.42, .lon = 0.77,
				.window_start = london_midnight_utc(day(2026, 11, 24)) + 10 * 3600,
				.window_end = london_midnight_utc(day(2026, 11, 24)) + 12 * 3600, .duration = 3600 };
	assert_int_equal(match_check(&t, &v, &p, NULL), 1u << MATCH_FAIL_AVAILABILITY);
	t.window_start += 7 * 86400;
	t.window_end += 7 * 86400;
	assert_int_equal(match_check(&t, &v, &p, NULL), 0);
	/* A window from that Tuesday to the next fits first on the Friday between (slot 2), not the Tuesday off. */
	t.window_start -= 7 * 86400;
	struct match_fit fit;
	assert_int_equal(match_check(&t, &v, &p, &fit), 0);
	assert_int_equal(fit.avail_index, 2);
	/* Over the Tuesday alone and the Monday after: Monday 30th's slot (0). */
	t.window_end = t.window_start + 6 * 86400;
	v.avail[2] = v.avail[0];
	v.n_avail = 2;
	assert_int_equal(match_check(&t, &v, &p, &fit), 0);
	assert_int_equal(fit.avail_index, 0);
	/* Without the day off, the first Tuesday would do: the engine is unchanged otherwise. */
	v.n_days_off = 0;
	t.window_end = t.window_start + 2 * 3600;
	assert_int_equal(match_check(&t, &v, &p, NULL), 0);
	/* A day off partly inside a slot that runs past midnight leaves the part after it. */
	struct match_volunteer night = v;
	night.n_avail = 1;
	night.avail[0] = (struct match_interval){ 22 * 3600, 86400 + 4 * 3600 }; /* Mon 22:00 to Tue 04:00 */
	int64_t mon = day(2026, 11, 23);
	night.days_off = &mon;
	night.n_days_off = 1;
	struct match_task late = t;
	late.window_start = london_midnight_utc(mon) + 20 * 3600;
	late.window_end = london_midnight_utc(mon + 1) + 6 * 3600;
	late.duration = 3 * 3600;
	assert_int_equal(match_check(&late, &night, &p, NULL), 0); /* Tue 00:00-04:00 is clear */
	late.duration = 5 * 3600;
	assert_int_equal(match_check(&late, &night, &p, NULL), 1u << MATCH_FAIL_AVAILABILITY);
	night.n_days_off = 0;
	assert_int_equal(match_check(&late, &night, &p, NULL), 0);
	/* An invalid list is refused. */
	night.n_days_off = 1;
	night.days_off = NULL;
	assert_int_equal(match_volunteer_valid(&night), -1);
}

static void test_status_codes(void **state)
{
	(void)state;
	for (int s = 0; s < VOLUNTEER__STATUS_MAX; s++)
		assert_int_equal(volunteer_status_from_code(volunteer_status_code((enum volunteer_status)s)), s);
	assert_int_equal(volunteer_status_from_code("Active"), -1);
	assert_int_equal(volunteer_status_from_code(NULL), -1);
	assert_string_equal(volunteer_status_label(VOLUNTEER_PAUSED), "Paused");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_day_ranges),
		cmocka_unit_test(test_day_errors),
		cmocka_unit_test(test_format_round_trip),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_validate_good),
		cmocka_unit_test(test_validate_names_every_field),
		cmocka_unit_test(test_validate_dbs_rules),
		cmocka_unit_test(test_text_limits),
		cmocka_unit_test(test_match_avail),
		cmocka_unit_test(test_status_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
