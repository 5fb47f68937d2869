/* Unit tests for the matching domain: hard constraints as missing arcs, DBS compliance, cost model and reason texts. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "core/datetime.h"
#include "core/match.h"

#define DAY 86400
#define HOUR 3600
#define NORWICH_LAT 52.6309
#define NORWICH_LON 1.2974
/* Degrees of latitude per metre on geo.h's sphere, to place points at a chosen distance north. */
#define DEG_PER_M (1.0 / 111195.08)

/* Tuesday 7 May 2024, in British Summer Time. */
static int64_t tue_7_may_2024(int hour_utc)
{
	return dt_days_from_civil(2024, 5, 7) * DAY + hour_utc * HOUR;
}

static struct match_params params(void)
{
	struct match_params p;

	match_params_default(&p, dt_days_from_civil(2024, 5, 1) * DAY);
	return p;
}

/* A shopping task in Norwich, Tuesday 10:00-12:00 London time (09:00-11:00 UTC), one hour of work. */
static struct match_task task(int64_t id)
{
	struct match_task t;

	memset(&t, 0, sizeof(t));
	t.id = id;
	t.priority = 3;
	t.skills = 1u << MATCH_SKILL_SHOPPING;
	t.lat = NORWICH_LAT;
	t.lon = NORWICH_LON;
	t.window_start = tue_7_may_2024(9);
	t.window_end = tue_7_may_2024(11);
	t.duration = HOUR;
	t.person_id = 500 + id;
	return t;
}

/* A volunteer metres north of the task, free Tuesday 10-12, with a car, DBS to 2026, room for 2. */
static struct match_volunteer volunteer(int64_t id, double metres_north)
{
	struct match_volunteer v;

	memset(&v, 0, sizeof(v));
	v.id = id;
	v.skills = (1u << MATCH_SKILL_SHOPPING) | (1u << MATCH_SKILL_BEFRIENDING_VISITS);
	v.dbs_enhanced_valid_until = dt_days_from_civil(2026, 1, 31) * DAY;
	v.lat = NORWICH_LAT + metres_north * DEG_PER_M;
	v.lon = NORWICH_LON;
	v.radius_m = 8000;
	v.car = 1;
	v.avail[0].start = 1 * DAY + 10 * HOUR;
	v.avail[0].end = 1 * DAY + 12 * HOUR;
	v.n_avail = 1;
	v.capacity = 2;
	return v;
}

static int64_t arcs_for(const struct match_task *t, const struct match_volunteer *v)
{
	struct match_params p = params();
	struct mcf_problem net;
	int64_t n;

	assert_int_equal(match_network_build(t, 1, v, 1, &p, &net), 0);
	n = net.n_arcs;
	mcf_problem_free(&net);
	return n;
}

static void test_eligible_pair_has_arc_with_travel_cost(void **state)
{
	struct match_task t = task(1);
	struct match_volunteer v = volunteer(10, 3200);
	struct match_params p = params();
	struct mcf_problem net;

	(void)state;
	assert_int_equal(match_check(&t, &v, &p, NULL), 0);
	assert_int_equal(match_network_build(&t, 1, &v, 1, &p, &net), 0);
	assert_int_equal(net.n_arcs, 1);
	assert_true(net.arcs[0].cost >= 3199 && net.arcs[0].cost <= 3201);
	assert_int_equal(net.penalty[0], 100000);
	assert_int_equal(net.capacity[0], 2);
	mcf_problem_free(&net);
}

static void test_missing_skill_is_missing_arc(void **state)
{
	struct match_task t = task(1);
	struct match_volunteer v = volunteer(10, 100);
	struct match_params p = params();

	(void)state;
	t.skills |= 1u << MATCH_SKILL_DOG_WALKING;
	assert_int_equal(arcs_for(&t, &v), 0);
	assert_int_equal(match_check(&t, &v, &p, NULL), 1u << MATCH_FAIL_SKILL);
	v.skills |= 1u << MATCH_SKILL_DOG_WALKING;
	assert_int_equal(arcs_for(&t, &v), 1);
}

static void test_radius_declined_capacity_car(void **state)
{
	struct match_task t = task(1);
	struct match_volunteer v = volunteer(10, 8500);
	struct match_params p = params();

	(void)state;
	assert_int_equal(match_check(&t, &v, &p, NULL), 1u << MATCH_FAIL_DISTANCE);
	assert_int_equal(arcs_for(&t, &v), 0);
	v.radius_m = 9000;
	assert_int_equal(arcs_for(&t, &v), 1);

	t.declined[0] = 99;
	t.declined[1] = 10;
	t.n_declined = 2;
	assert_int_equal(match_check(&t, &v, &p, NULL), 1u << MATCH_FAIL_DECLINED);
	assert_int_equal(arcs_for(&t, &v), 0);
	t.n_declined = 1;

	v.capacity = 0;
	assert_int_equal(match_check(&t, &v, &p, NULL), 1u << MATCH_FAIL_CAPACITY);
	assert_int_equal(arcs_for(&t, &v), 0);
	v.capacity = 1;

	t.skills = 1u << MATCH_SKILL_DRIVING;
	v.skills = MATCH_SKILLS_ALL;
	v.car = 0;
	assert_int_equal(match_check(&t, &v, &p, NULL), 1u << MATCH_FAIL_CAR);
	v.car = 1;
	assert_int_equal(arcs_for(&t, &v), 1);
}

static void test_availability_in_london_time(void **state)
{
	struct match_task t = task(1);
	struct match_volunteer v = volunteer(10, 100);
	struct match_params p = params();

	(void)state;
	/* Free 10-12 London time is 09-11 UTC in May: the task window fits exactly. */
	assert_int_equal(arcs_for(&t, &v), 1);
	/* Free 11-12 only: one hour overlaps, and the task needs one hour. */
	v.avail[0].start = 1 * DAY + 11 * HOUR;
	assert_int_equal(arcs_for(&t, &v), 1);
	t.duration = HOUR + 60;
	assert_int_equal(match_check(&t, &v, &p, NULL), 1u << MATCH_FAIL_AVAILABILITY);
	/* Free Wednesday only. */
	t.duration = HOUR;
	v.avail[0].start = 2 * DAY + 10 * HOUR;
	v.avail[0].end = 2 * DAY + 12 * HOUR;
	assert_int_equal(arcs_for(&t, &v), 0);
	/* A window over the whole week finds Wednesday, and a second slot can be the one that fits. */
	t.window_start = dt_days_from_civil(2024, 5, 6) * DAY - HOUR;
	t.window_end = t.window_start + 7 * DAY;
	assert_int_equal(arcs_for(&t, &v), 1);
	t.window_start = tue_7_may_2024(9);
	t.window_end = tue_7_may_2024(11);
	v.avail[1].start = 1 * DAY + 9 * HOUR;
	v.avail[1].end = 1 * DAY + 11 * HOUR;
	v.n_avail = 2;
	assert_int_equal(arcs_for(&t, &v), 1);
	/* In January London is on GMT: Tuesday 9 January 2024 09:00-11:00 UTC is 09-11 local, so 10-11 overlaps one hour. */
	v.n_avail = 1;
	v.avail[0].start = 1 * DAY + 10 * HOUR;
	v.avail[0].end = 1 * DAY + 12 * HOUR;
	t.window_start = dt_days_from_civil(2024, 1, 9) * DAY + 9 * HOUR;
	t.window_end = t.window_start + 2 * HOUR;
	p.now = t.window_start - DAY;
	assert_int_equal(match_check(&t, &v, &p, NULL), 0);
	t.duration = 2 * HOUR;
	assert_int_equal(match_check(&t, &v, &p, NULL), 1u << MATCH_FAIL_AVAILABILITY);
}

static void test_home_visit_needs_current_enhanced_dbs(void **state)
{
	struct match_task t = task(1);
	struct match_volunteer v = volunteer(10, 100);
	struct match_params p = params();

	(void)state;
	t.home_visit = 1;
	t.skills = 1u << MATCH_SKILL_BEFRIENDING_VISITS;
	assert_int_equal(arcs_for(&t, &v), 1);
	v.dbs_enhanced_valid_until = 0;
	assert_int_equal(match_check(&t, &v, &p, NULL), 1u << MATCH_FAIL_DBS);
	/* Lapsed before now. */
	v.dbs_enhanced_valid_until = p.now - DAY;
	assert_int_equal(match_check(&t, &v, &p, NULL), 1u << MATCH_FAIL_DBS);
	/* Valid now but ending during the visit window. */
	v.dbs_enhanced_valid_until = t.window_end - 1;
	assert_int_equal(match_check(&t, &v, &p, NULL), 1u << MATCH_FAIL_DBS);
	v.dbs_enhanced_valid_until = t.window_end;
	assert_int_equal(match_check(&t, &v, &p, NULL), 0);
	/* A non-home-visit task does not care. */
	t.home_visit = 0;
	v.dbs_enhanced_valid_until = 0;
	assert_int_equal(arcs_for(&t, &v), 1);
}

/* Required training, like DBS for home visits, but for every task: a volunteer
 * missing a module is offered nothing, and the coordinator is told why. */
static void test_missing_required_training_excludes(void **state)
{
	struct match_task t = task(1);
	struct match_volunteer v[2] = { volunteer(10, 100), volunteer(11, 3000) };
	struct match_params p = params();
	struct match_result out[1];
	char why[256];

	(void)state;
	assert_int_equal(arcs_for(&t, &v[0]), 1);
	v[0].training_missing = 2;
	assert_int_equal(match_check(&t, &v[0], &p, NULL), 1u << MATCH_FAIL_TRAINING);
	assert_int_equal(arcs_for(&t, &v[0]), 0);
	t.home_visit = 1;
	t.skills = 1u << MATCH_SKILL_BEFRIENDING_VISITS;
	assert_int_equal(match_check(&t, &v[0], &p, NULL), 1u << MATCH_FAIL_TRAINING);
	assert_int_equal(match_explain(&t, &v[0], &p, why, sizeof why), 1);
	assert_non_null(strstr(why, "2 required training modules not recorded"));
	assert_int_equal(match_explain_brief(&t, &v[0], &p, why, sizeof why), 1);
	assert_non_null(strstr(why, "lacks required training"));
	/* The nearer volunteer is untrained: the task goes to the farther one. */
	assert_int_equal(match_run(&t, 1, v, 2, &p, out, NULL), 0);
	assert_int_equal(out[0].volunteer, 1);
	v[1].training_missing = 1;
	assert_int_equal(match_run(&t, 1, v, 2, &p, out, NULL), 0);
	assert_int_equal(out[0].volunteer, -1);
	assert_non_null(strstr(out[0].reason, "2 lack required training"));
	v[0].training_missing = MATCH_TRAINING_MAX + 1;
	assert_int_equal(match_volunteer_valid(&v[0]), -1);
}

/* Whatever else makes a lapsed volunteer attractive, no home visit may reach them. */
static void test_lapsed_dbs_never_gets_home_visit(void **state)
{
	struct match_params p = params();
	uint64_t seed = 12345;

	(void)state;
	for (int round = 0; round < 200; round++) {
		struct match_task tasks[12];
		struct match_volunteer vols[6];
		struct match_result out[12];
		int n_home = 0;

		for (int i = 0; i < 6; i++) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			vols[i] = volunteer(100 + i, (double)((seed >> 40) % 6000));
			vols[i].capacity = 1 + (int)((seed >> 20) % 3);
			/* Half the volunteers lapsed, and they are the nearest, and last time's. */
			if (i % 2 == 0) {
				vols[i].dbs_enhanced_valid_until = p.now - (int64_t)((seed >> 8) % 400) * DAY - 1;
				vols[i].lat = NORWICH_LAT;
			}
		}
		for (int i = 0; i < 12; i++) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			tasks[i] = task(i + 1);
			tasks[i].home_visit = (seed >> 33) & 1;
			tasks[i].priority = 1 + (int)((seed >> 40) % 5);
			tasks[i].previous_volunteer_id = 100 + 2 * (int)((seed >> 50) % 3);
			n_home += tasks[i].home_visit;
		}
		assert_int_equal(match_run(tasks, 12, vols, 6, &p, out, NULL), 0);
		for (int i = 0; i < 12; i++)
			if (tasks[i].home_visit && out[i].volunteer >= 0)
				assert_true(vols[out[i].volunteer].dbs_enhanced_valid_until > p.now);
		(void)n_home;
	}
}

static void test_reason_text(void **state)
{
	struct match_task t = task(1);
	struct match_volunteer vols[2] = {volunteer(10, 3200), volunteer(11, 2000)};
	struct match_params p = params();
	struct match_result out[1];
	int64_t total;

	(void)state;
	/* Last time's volunteer is 1.2 km further, but the 2 km continuity bonus wins. */
	t.previous_volunteer_id = 10;
	assert_int_equal(match_run(&t, 1, vols, 2, &p, out, &total), 0);
	assert_int_equal(out[0].volunteer, 0);
	assert_true(total >= 1199 && total <= 1201);
	assert_string_equal(out[0].reason, "3.2 km away, shopping, free Tue 10\xe2\x80\x93" "12, same volunteer as last time");

	/* Without continuity the nearer one wins, and a home visit shows the DBS. */
	t.previous_volunteer_id = 0;
	t.home_visit = 1;
	vols[1].avail[0].start = 1 * DAY + 9 * HOUR + 30 * 60;
	vols[1].avail[0].end = 1 * DAY + 13 * HOUR;
	assert_int_equal(match_run(&t, 1, vols, 2, &p, out, NULL), 0);
	assert_int_equal(out[0].volunteer, 1);
	assert_string_equal(out[0].reason, "2.0 km away, shopping, free Tue 9:30\xe2\x80\x93" "13, enhanced DBS to 31 Jan 2026");

	vols[1].lat = NORWICH_LAT + 650 * DEG_PER_M;
	vols[1].avail[0].start = 0 * DAY + 22 * HOUR;
	vols[1].avail[0].end = 2 * DAY;
	assert_int_equal(match_run(&t, 1, vols, 2, &p, out, NULL), 0);
	assert_string_equal(out[0].reason, "650 m away, shopping, free Mon 22\xe2\x80\x93Tue 24, enhanced DBS to 31 Jan 2026");
}

static void test_unassigned_reasons(void **state)
{
	struct match_task tasks[2] = {task(1), task(2)};
	struct match_volunteer vols[3] = {volunteer(10, 500), volunteer(11, 20000), volunteer(12, 300)};
	struct match_params p = params();
	struct match_result out[2];

	(void)state;
	vols[0].capacity = 1;
	vols[2].skills = 0;
	/* Only volunteer 0 is eligible; priority 5 beats priority 1 for it. */
	tasks[0].priority = 1;
	tasks[1].priority = 5;
	assert_int_equal(match_run(tasks, 2, vols, 3, &p, out, NULL), 0);
	assert_int_equal(out[1].volunteer, 0);
	assert_int_equal(out[0].volunteer, -1);
	assert_int_equal(out[0].cost, 25000);
	assert_int_equal(out[0].distance_m, -1);
	assert_string_equal(out[0].reason,
			    "Not matched: the 1 eligible volunteer is fully booked by tasks that needed them more");

	vols[0].radius_m = 100;
	assert_int_equal(match_run(tasks, 2, vols, 3, &p, out, NULL), 0);
	assert_string_equal(out[0].reason, "Not matched: none of the 3 volunteers can take it (1 lacks the skill, 2 are too far away)");

	/* Free but not worth it: a priority-1 task is worth 25 km, this one would cost 30 km. */
	vols[0].radius_m = 8000;
	vols[1].radius_m = 40000;
	vols[1].lat = NORWICH_LAT + 30000 * DEG_PER_M;
	vols[0].capacity = 1;
	assert_int_equal(match_run(tasks, 2, vols, 3, &p, out, NULL), 0);
	assert_int_equal(out[0].volunteer, -1);
	assert_string_equal(out[0].reason,
			    "Not matched: 1 of 2 eligible volunteers is fully booked by tasks that needed them more; "
			    "the best free volunteer is 30.0 km away, more travel than a priority 1 task is worth (25.0 km)");

	/* With a continuity bonus the cost is less than the distance: the reason gives the distance. */
	tasks[0].previous_volunteer_id = vols[1].id;
	assert_int_equal(match_run(tasks, 2, vols, 3, &p, out, NULL), 0);
	assert_int_equal(out[0].volunteer, -1);
	assert_string_equal(out[0].reason,
			    "Not matched: 1 of 2 eligible volunteers is fully booked by tasks that needed them more; "
			    "the best free volunteer is 30.0 km away (they helped this person before), more travel than a "
			    "priority 1 task is worth (25.0 km)");
}

static void test_explain(void **state)
{
	struct match_task t = task(1);
	struct match_volunteer v = volunteer(10, 12400);
	struct match_params p = params();
	char buf[MATCH_EXPLAIN_MAX];
	char tiny[56];

	(void)state;
	t.home_visit = 1;
	t.skills |= 1u << MATCH_SKILL_GARDENING;
	v.dbs_enhanced_valid_until = dt_days_from_civil(2024, 3, 1) * DAY + 12 * HOUR;
	v.avail[0].start = 3 * DAY;
	v.avail[0].end = 3 * DAY + 2 * HOUR;
	v.radius_m = 10000;
	assert_int_equal(match_explain(&t, &v, &p, buf, sizeof(buf)), 1);
	assert_string_equal(buf, "not eligible: lacks gardening; enhanced DBS lapsed on 1 Mar 2024, so no home visits; "
				 "12.4 km away, beyond a 10.0 km travel radius; "
				 "not free for 1 h between 7 May 2024 10:00 and 7 May 2024 12:00");

	v = volunteer(10, 1500);
	t = task(1);
	assert_int_equal(match_explain(&t, &v, &p, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "eligible: 1.5 km away, shopping, free Tue 10\xe2\x80\x93" "12");

	/* Truncation never splits a UTF-8 character: the three-byte en dash starts at byte 44. */
	assert_int_equal(match_explain(&t, &v, &p, tiny, 46), 0);
	assert_int_equal(strlen(tiny), 44);
	assert_int_equal(match_explain(&t, &v, &p, tiny, 47), 0);
	assert_int_equal(strlen(tiny), 44);
	assert_int_equal(match_explain(&t, &v, &p, tiny, 48), 0);
	assert_int_equal(strlen(tiny), 47);

	/* Next door reads as such, never "0 m". */
	v = volunteer(10, 0);
	assert_int_equal(match_explain(&t, &v, &p, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "eligible: under 100 m away, shopping, free Tue 10\xe2\x80\x93" "12");
	assert_int_equal(match_explain(&t, &v, &p, tiny, 1), 0);
	assert_string_equal(tiny, "");

	t.priority = 9;
	assert_int_equal(match_explain(&t, &v, &p, buf, sizeof(buf)), -1);
}

static void test_priority_and_capacity(void **state)
{
	struct match_task tasks[4] = {task(1), task(2), task(3), task(4)};
	struct match_volunteer vols[2] = {volunteer(10, 100), volunteer(11, 7000)};
	struct match_params p = params();
	struct match_result out[4];
	int used[2] = {0, 0};

	(void)state;
	vols[0].capacity = 2;
	vols[1].capacity = 1;
	for (int i = 0; i < 4; i++)
		tasks[i].priority = i + 1;
	assert_int_equal(match_run(tasks, 4, vols, 2, &p, out, NULL), 0);
	for (int i = 0; i < 4; i++)
		if (out[i].volunteer >= 0)
			used[out[i].volunteer]++;
	assert_int_equal(used[0], 2);
	assert_int_equal(used[1], 1);
	/* The lowest priority is the one left; who of the others travels further is a tie in cost. */
	assert_int_equal(out[0].volunteer, -1);
}

static void test_invalid_input(void **state)
{
	struct match_task t = task(1);
	struct match_volunteer v = volunteer(10, 100);
	struct match_params p = params();
	struct match_result out[1];
	struct mcf_problem net;

	(void)state;
	t.window_end = t.window_start;
	errno = 0;
	assert_int_equal(match_run(&t, 1, &v, 1, &p, out, NULL), -1);
	assert_int_equal(errno, EINVAL);
	t = task(1);
	v.avail[0].end = MATCH_WEEK_SECONDS + 1;
	assert_int_equal(match_network_build(&t, 1, &v, 1, &p, &net), -1);
	v = volunteer(10, 100);
	p.penalty_m[0] = (int64_t)1 << 40;
	assert_int_equal(match_run(&t, 1, &v, 1, &p, out, NULL), -1);
	p = params();
	assert_int_equal(match_run(&t, 1, &v, 1, &p, out, NULL), 0);
	/* No tasks, no volunteers: nothing to do, and that is fine. */
	assert_int_equal(match_run(NULL, 0, NULL, 0, &p, out, NULL), 0);
	assert_string_equal(match_skill_code(MATCH_SKILL_PRESCRIPTION_COLLECTION), "prescription_collection");
	assert_null(match_skill_label(MATCH_SKILL__MAX));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_eligible_pair_has_arc_with_travel_cost),
		cmocka_unit_test(test_missing_skill_is_missing_arc),
		cmocka_unit_test(test_radius_declined_capacity_car),
		cmocka_unit_test(test_availability_in_london_time),
		cmocka_unit_test(test_home_visit_needs_current_enhanced_dbs),
		cmocka_unit_test(test_lapsed_dbs_never_gets_home_visit),
		cmocka_unit_test(test_reason_text),
		cmocka_unit_test(test_unassigned_reasons),
		cmocka_unit_test(test_explain),
		cmocka_unit_test(test_missing_required_training_excludes),
		cmocka_unit_test(test_priority_and_capacity),
		cmocka_unit_test(test_invalid_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
