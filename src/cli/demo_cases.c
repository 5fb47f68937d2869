/* Demo data for case work: the demo Living Well Worker's open cases get an assessment, goals, sessions, SWEMWBS
 * and ONS4 measures, an onward referral round the loop, an unmet need and a safeguarding concern, made through
 * the same store functions the server uses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/demo.h"
#include "store/casework.h"

#define D 86400
/* A record's values (model/case.def, in its order): text, and a number. */
#define T(s) { s, 0, 1 }
#define N(n) { NULL, n, 1 }

struct ids {
	int64_t v[8], opened[8];
	size_t n;
};

/* Social prescribing cases, longest open first. */
static void case_row(void *ctx, const struct casework_summary *s)
{
	struct ids *c = ctx;
	if (c->n >= 8 || strcmp(s->tier, "social_prescribing") != 0)
		return;
	size_t i = c->n++;
	for (; i > 0 && c->opened[i - 1] > s->opened_at; i--) {
		c->v[i] = c->v[i - 1];
		c->opened[i] = c->opened[i - 1];
	}
	c->v[i] = s->id;
	c->opened[i] = s->opened_at;
}

/* Fails the step with the first field problem (demo data must always be valid). */
static int check(struct store *st, enum casework_result r, const struct field_errors *fe,
		 const struct casework_conflict *cf, const char *what)
{
	if (r == CASEWORK_OK)
		return 0;
	if (r != CASEWORK_ERROR)
		store_set_error(st, STORE_ERROR, "demo %s: %s %s", what, fe->n ? fe->e[0].field : "",
				fe->n ? fe->e[0].message : cf->message);
	return -1;
}

static const char *const modes[] = { "face_to_face", "telephone", "face_to_face", "video" };
static const char *const notes[] = {
	"Talked about what matters: getting out more and feeling less alone since moving.",
	"Looked at local groups together; keen on the walking group and the community café.",
	"Went to the café with a neighbour. Worried about the heating bill.",
	"Feeling more settled; plans to keep going to the walking group without support.",
};

/* A case with `sessions` sessions from its opening (one every three days, each before now). */
static int fill_case(struct store *st, int64_t case_id, int64_t user_id, int sessions, int with_follow_up, int64_t now)
{
	struct casework_summary s;
	if (casework_summary_get(st, case_id, now, &s) != 1)
		return -1;
	struct field_errors fe;
	struct casework_conflict cf = { "" };
	int64_t id, at = s.opened_at + D;
	struct casework_who w = { case_id, user_id, now };
	for (int i = 0; i < sessions && at + i * 3 * D < now; i++) {
		fielderr_init(&fe);
		struct case_value v[CASE_FIELDS_MAX] = { N(at + i * 3 * D), T(modes[i % 4]), N(40 + 5 * (i % 3)), T(notes[i % 4]),
							  T(i + 1 < sessions ? "Meet again next week" : "Follow-up and closing") };
		if (check(st, casework_session_add(st, &w, v, &id), &fe, &cf, "session"))
			return -1;
		if (i == 0) {
			static const int sw[] = { 2, 3, 2, 3, 3, 2, 3 }, ons[] = { 4, 6, 5, 7 };
			struct instrument_score sc;
			struct casework_measure_rq m = { "swemwbs", "baseline", sw, 7, at };
			fielderr_init(&fe);
			if (check(st, casework_measure_add(st, &w, &m, &id, &sc, &fe, &cf), &fe, &cf, "SWEMWBS baseline"))
				return -1;
			m = (struct casework_measure_rq){ "ons4", "baseline", ons, 4, at };
			if (check(st, casework_measure_add(st, &w, &m, &id, &sc, &fe, &cf), &fe, &cf, "ONS4 baseline"))
				return -1;
		}
	}
	if (with_follow_up) {
		static const int sw[] = { 3, 4, 3, 4, 4, 3, 4 };
		struct instrument_score sc;
		struct casework_measure_rq m = { "swemwbs", "follow_up", sw, 7, now - D };
		fielderr_init(&fe);
		if (check(st, casework_measure_add(st, &w, &m, &id, &sc, &fe, &cf), &fe, &cf, "SWEMWBS follow-up"))
			return -1;
	}
	return 0;
}

/* The assessment, a goal with progress, an onward referral accepted and attended, an unmet need, a concern. */
static int fill_records(struct store *st, int64_t case_id, int64_t user_id, int64_t now)
{
	struct field_errors fe;
	fielderr_init(&fe);
	struct casework_conflict cf = { "" };
	struct casework_who w = { case_id, user_id, now };
	int64_t id, onward;
	int version;
	const struct case_value needs[][CASE_FIELDS_MAX] = {
		{ T("social_connection"), T("significant"), T("Moved here last year; knows nobody") },
		{ T("money"), T("some"), T("Heating bill") },
		{ T("physical_health"), T("some"), T("Knee pain on long walks") },
	};
	const struct case_value a[CASE_FIELDS_MAX] = { T("Getting out of the house and making friends nearby"),
						       T("Loves walking; good with people") };
	if (check(st, casework_assessment_add(st, &w, a, needs, 3, &id, &version), &fe, &cf, "assessment"))
		return -1;
	const struct case_value g[CASE_FIELDS_MAX] = { [CASE_I(GOAL, goal)] = T("Go to the walking group every week"),
						       [CASE_I(GOAL, domain)] = T("social_connection"),
						       [CASE_I(GOAL, progress)] = N(2) };
	const struct case_value gp[CASE_FIELDS_MAX] = { N(6), { 0 }, T("Three weeks running") };
	int64_t goal;
	if (check(st, casework_goal_add(st, &w, g, &goal), &fe, &cf, "goal") ||
	    check(st, casework_goal_progress(st, &w, goal, gp, &id), &fe, &cf, "goal progress"))
		return -1;
	const struct case_value o[CASE_FIELDS_MAX] = { { 0 }, T("Thetford Walking for Health"), T("social_connection"),
						       T("Tuesdays 10am from the library") };
	const struct case_value accepted[CASE_FIELDS_MAX] = { T("accepted") };
	const struct case_value attended[CASE_FIELDS_MAX] = { T("attended"), T("Went with a neighbour") };
	if (check(st, casework_onward_add(st, &w, o, &onward), &fe, &cf, "onward referral") ||
	    check(st, casework_onward_status(st, &w, onward, accepted, &fe, &cf), &fe, &cf, "onward accepted") ||
	    check(st, casework_onward_status(st, &w, onward, attended, &fe, &cf), &fe, &cf, "onward attended"))
		return -1;
	const struct case_value u[CASE_FIELDS_MAX] = { T("Transport to evening groups"), T("practical_help"), { 0 },
						       T("No bus after 6pm") };
	const struct case_value k[CASE_FIELDS_MAX] = { T("Anglian Water"), T("Setting up a payment plan for the water bill"),
						       N(now - 2 * D) };
	if (check(st, casework_unmet_add(st, &w, u, &id), &fe, &cf, "unmet need"))
		return -1;
	return check(st, casework_consent_add(st, &w, k, &id), &fe, &cf, "consent");
}

int demo_load_cases(struct store *st, int64_t now)
{
	int64_t user = 0, worker = 0;
	if (store_exec(st, STMT_USER_BY_EMAIL, store_row_first_int, &user, "s", "lww@demo.waymark.test") != 1 ||
	    casework_worker_of_user(st, user, &worker) != 1) {
		store_set_error(st, STORE_ERROR, "demo cases: the demo Living Well Worker has no worker record");
		return -1;
	}
	struct ids c = { { 0 }, { 0 }, 0 };
	struct casework_query q = { .worker_id = worker, .status = "open", .limit = 8 };
	if (casework_caseload(st, &q, now, case_row, &c) < 0)
		return -1;
	for (size_t i = 0; i < c.n; i++) {
		/* The longest-open case: several sessions, the records, a follow-up; the others one or two sessions. */
		if (fill_case(st, c.v[i], user, i == 0 ? 4 : 1 + (int)(i % 2), i == 0, now) ||
		    (i == 0 && fill_records(st, c.v[i], user, now)))
			return -1;
	}
	if (c.n > 1) {
		struct field_errors fe;
		fielderr_init(&fe);
		struct casework_conflict cf = { "" };
		struct casework_who w = { c.v[1], user, now };
		struct case_value g[CASE_FIELDS_MAX] = { T("self_neglect"), T("Very little food in the house; the heating was off."),
							  T("Talked with him about it; he agreed to a referral to the GP surgery"),
							  T("GP surgery duty doctor"), N(now - D) };
		int64_t id;
		if (check(st, casework_concern_add(st, &w, g, &id), &fe, &cf, "safeguarding concern"))
			return -1;
	}
	return 0;
}
