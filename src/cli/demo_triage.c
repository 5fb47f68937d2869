/* Demo data for triage: Living Well Workers and support workers attached to clusters and areas, some absences,
 * and referrals in every state (received, triaged, allocated, in progress, closed, rejected, withdrawn), made
 * through the same functions the server uses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/demo.h"
#include "core/datetime.h"
#include "core/londontime.h"
#include "store/calendar.h"
#include "store/referral.h"
#include "store/triage.h"
#include "store/worker.h"

#define H 3600
#define D 86400

struct user_ref {
	int64_t id, org_id;
};

static int user_row(void *ctx, const struct store_row *r)
{
	struct user_ref *u = ctx;
	u->id = store_row_int(r, 0);
	u->org_id = store_row_int(r, 7);
	return 1;
}

static int user_by_email(struct store *st, const char *email, struct user_ref *u)
{
	u->id = u->org_id = 0;
	if (store_exec(st, STMT_USER_BY_EMAIL, user_row, u, "s", email) != 1) {
		store_set_error(st, STORE_ERROR, "demo user %s is missing", email);
		return -1;
	}
	return 0;
}

static const struct {
	const char *email;
	enum allocate_kind kind;
	int fte;
	int dbs;
	const char *clusters[4];
	const char *areas[4];
	int absent_from, absent_to; /* days from today; from > to: no absence */
	const char *absence;
} demo_workers[] = {
	{ "lww@demo.waymark.test", ALLOCATE_LINK_WORKER, 50, 1, { "Breckland", "Ketts Oak" }, { NULL }, 1, 0, NULL },
	{ "lww2@demo.waymark.test", ALLOCATE_LINK_WORKER, 50, 1, { "Swaffham", "Mid Norfolk" }, { NULL }, -2, 5, "Annual leave" },
	{ "lww3@demo.waymark.test", ALLOCATE_LINK_WORKER, 100, 1, { "Kings Lynn", "Fens", "Coastal" }, { NULL }, 20, 24, "Training" },
	{ "support@demo.waymark.test", ALLOCATE_SUPPORT_WORKER, 100, 1, { NULL }, { "breckland", "south_norfolk" }, 1, 0, NULL },
	{ "support2@demo.waymark.test", ALLOCATE_SUPPORT_WORKER, 80, 1, { NULL }, { "norwich", "broadland", "south_norfolk" },
	  30, 34, "Annual leave" },
};

/* What happens to a demo referral after it is received. */
enum demo_fate {
	F_WAIT,        /* stays received */
	F_TRIAGE,      /* triaged (and allocated when a worker is found) */
	F_PROGRESS,    /* triaged, allocated, reached by the worker: in progress */
	F_CLOSE,       /* ... then closed as completed */
	F_WITHDRAW,    /* withdrawn before triage */
};

static const struct demo_referral {
	const char *given, *family, *dob, *postcode, *practice, *phone, *source, *reasons;
	const char *urgency, *safeguarding, *hospital, *ward;
	int64_t received_ago;   /* seconds before now */
	enum demo_fate fate;
	const char *tier;       /* for F_TRIAGE and later; NULL: the suggestion */
	const char *reason;     /* override reason or rejection code */
	const char *worker;     /* email of who makes the first contact (F_PROGRESS, F_CLOSE) */
	int64_t contact_after;  /* seconds after receipt of the first successful contact; 0: none */
} demo_referrals[] = {
	/* Waiting for triage: one breached, one at risk or near it, fresh ones, a possible duplicate. */
	{ "Margaret", "Hollis", "1941-05-12", "IP24 1AB", "SPBRK01", "01842 555 0101", "self", "loneliness;social_isolation",
	  "routine", "no", NULL, NULL, 4 * D, F_WAIT, NULL, NULL, NULL, 0 },
	{ "Derek", "Mayhew", "1958-11-02", "IP25 6AA", "SPBRK02", "01953 555 0102", "gp_practice", "low_mood;debt", "soon", "no",
	  NULL, NULL, 21 * H, F_WAIT, NULL, NULL, NULL, 0 },
	{ "Aisha", "Rahman", "1987-02-20", "NR1 3SR", NULL, "07700 900 103", "vcse_partner", "shopping;prescription_collection",
	  "routine", "no", NULL, NULL, 6 * H, F_WAIT, NULL, NULL, NULL, 0 },
	{ "Stanley", "Webb", "1936-08-30", "NR18 0AA", NULL, "01953 555 0104", "acute_hospital_discharge", "discharge_support",
	  "urgent", "no", "Norfolk and Norwich University Hospital", "Ward 12", 2 * H, F_WAIT, NULL, NULL, NULL, 0 },
	{ "Derek", "Mayhew", "1958-11-02", "IP25 6AA", "SPBRK02", "01953 555 0102", "self", "debt", "routine", "no", NULL,
	  NULL, 3 * H, F_WAIT, NULL, NULL, NULL, 0 },
	{ "Joan", "Pritchard", "1949-01-17", "PE30 1AA", "SPKLN06", "01553 555 0105", "gp_practice", "carer_support",
	  "routine", "no", NULL, NULL, 1 * H, F_WAIT, NULL, NULL, NULL, 0 },
	/* Triaged and allocated, or not. */
	{ "Peter", "Gaunt", "1962-04-03", "IP24 2AA", "SPBRK04", "01842 555 0106", "gp_practice", "social_isolation;physical_activity",
	  "routine", "no", NULL, NULL, 3 * D, F_TRIAGE, NULL, NULL, "hub@demo.waymark.test", 5 * H },
	{ "Grace", "Otieno", "1990-09-09", "PE37 7AA", "SPSWF09", "07700 900 107", "gp_practice", "housing;benefits",
	  "soon", "no", NULL, NULL, 2 * D, F_TRIAGE, NULL, NULL, "hub@demo.waymark.test", 2 * H },
	{ "Ron", "Baxter", "1945-12-24", "NR16 2AA", "SPKTO01", "01953 555 0108", "family_carer", "shopping;transport",
	  "routine", "no", NULL, NULL, 2 * D + 4 * H, F_TRIAGE, NULL, NULL, "hub@demo.waymark.test", 30 * H },
	{ "Hannah", "Lee", "1979-06-14", "NR2 1AA", NULL, "07700 900 109", "self", "employment", "routine", "no", NULL, NULL,
	  5 * D, F_TRIAGE, "social_prescribing", "Wants one-to-one help to get back into work; signposting was tried before.",
	  NULL, 0 },
	{ "Bill", "Norton", "1950-03-01", "NR32 1AA", NULL, "01502 555 0110", "self", "befriending", "routine", "no", NULL, NULL,
	  6 * D, F_TRIAGE, "signpost", "Already has a befriending line; information about local groups is enough.",
	  "hub@demo.waymark.test", 3 * H },
	/* In progress and closed. */
	{ "Edith", "Crane", "1938-07-21", "IP24 3AA", "SPBRK05", "01842 555 0111", "acute_hospital_discharge", "discharge_support",
	  "urgent", "no", "West Suffolk Hospital", "F5", 9 * D, F_PROGRESS, NULL, NULL, "support@demo.waymark.test", 4 * H },
	{ "Colin", "Reed", "1968-10-10", "IP25 7AA", "SPBRK03", "01362 555 0112", "gp_practice", "loneliness;long_term_condition",
	  "routine", "no", NULL, NULL, 12 * D, F_PROGRESS, NULL, NULL, "lww@demo.waymark.test", 20 * H },
	{ "Mary", "Jolly", "1955-05-05", "PE30 2AA", "SPKLN04", "01553 555 0113", "adult_social_care", "low_mood;healthy_eating",
	  "routine", "no", NULL, NULL, 40 * D, F_CLOSE, NULL, NULL, "lww3@demo.waymark.test", 6 * H },
	/* Rejected and withdrawn. */
	{ "Tom", "Fairweather", "1983-03-03", "NR33 0AA", NULL, "07700 900 114", "other", "debt", "routine", "no", NULL, NULL,
	  8 * D, F_TRIAGE, "decline", "out_of_area", NULL, 0 },
	{ "Ivy", "Marsh", "1944-02-14", "NR19 1AA", "SPMNF05", "01362 555 0115", "gp_practice", "social_isolation",
	  "routine", "no", NULL, NULL, 7 * D, F_WITHDRAW, NULL, NULL, NULL, 0 },
};

static int make_referral(struct store *st, const struct referral_refs *refs, const struct calendar *cal,
			 struct referral_seq *seq, const struct demo_referral *d, int64_t now, struct referral_rec *rec,
			 struct referral_created *out)
{
	struct referral_raw raw;
	memset(&raw, 0, sizeof raw);
	int64_t received = now - d->received_ago;
	char received_s[DT_UTC_LEN], expected[DT_DATE_LEN];
	dt_format_utc(received, received_s);
	dt_format_date(london_local_days(received) + 2, expected);
	char address[96], details[200];
	demo_address(d->family, address, sizeof address);
	raw.v[RF_PERSON_ADDRESS] = address;
	snprintf(details, sizeof details, "%s would like some help and is happy to be phoned in the daytime.", d->given);
	raw.v[RF_DETAILS] = details;
	raw.v[RF_PERSON_GIVEN_NAME] = d->given;
	raw.v[RF_PERSON_FAMILY_NAME] = d->family;
	raw.v[RF_PERSON_DATE_OF_BIRTH] = d->dob;
	raw.v[RF_PERSON_POSTCODE] = d->postcode;
	raw.v[RF_PERSON_PRACTICE] = d->practice;
	raw.v[RF_PERSON_PHONE] = d->phone;
	raw.v[RF_SOURCE] = d->source;
	raw.v[RF_REASONS] = d->reasons;
	raw.v[RF_URGENCY] = d->urgency;
	raw.v[RF_SAFEGUARDING] = d->safeguarding;
	raw.v[RF_CONSENT_REFERRAL] = "yes";
	raw.v[RF_CONSENT_DATA_SHARING] = "yes";
	raw.v[RF_RECEIVED_AT] = received_s;
	if (strcmp(d->source, "self") != 0) {
		raw.v[RF_REFERRER_NAME] = strcmp(d->source, "family_carer") == 0 ? "Sue Baxter" : "Dr Grace Pike";
		raw.v[RF_REFERRER_ORGANISATION] = strcmp(d->source, "family_carer") == 0 ? NULL : "Demo referrer";
		raw.v[RF_REFERRER_PHONE] = "01603 555 0000";
	}
	if (d->hospital) {
		raw.v[RF_DISCHARGE_HOSPITAL] = d->hospital;
		raw.v[RF_DISCHARGE_WARD] = d->ward;
		raw.v[RF_DISCHARGE_EXPECTED_DATE] = expected;
		raw.v[RF_DISCHARGE_HOME_CHECK_NEEDED] = "yes";
	}
	struct field_errors fe;
	fielderr_init(&fe);
	struct referral_check chk = { refs, now, CH_API, 1 };
	if (referral_validate(&chk, &raw, rec, &fe) || fe.n) {
		store_set_error(st, STORE_ERROR, "demo referral %s %s: %s: %s", d->given, d->family, fe.n ? fe.e[0].field : "?",
				fe.n ? fe.e[0].message : "?");
		return -1;
	}
	struct referral_meta m = { "api", 0, 0, 0, now, received, calendar_due(cal, received) };
	return referral_store_create(st, rec, &m, seq, 1, NULL, out);
}

static int fate(struct store *st, const struct demo_referral *d, const struct referral_created *c, int64_t now,
		const struct user_ref *hub)
{
	int64_t received = now - d->received_ago;
	if (d->fate == F_WAIT)
		return 0;
	if (d->fate == F_WITHDRAW)
		return triage_withdraw(st, c->id, "the person no longer wants support", hub->id, received + 3 * H) == TRIAGE_OK
			       ? 0
			       : -1;
	struct triage_subject s;
	struct triage_rules *rules = malloc(sizeof *rules);
	struct triage_suggestion sug;
	if (!rules)
		return -1;
	int ok = triage_rules_load(st, rules, NULL) >= 0 && triage_subject_get(st, c->id, now, &s) == 1 &&
		 triage_suggest_for(rules, &s, &sug) == 0;
	free(rules);
	if (!ok)
		return -1;
	int64_t triaged_at = received + (d->received_ago > 2 * D ? 2 * H : 30 * 60);
	struct triage_request rq = {
		.referral_id = c->id,
		.tier = d->tier ? d->tier : triage_tier_code(sug.tier),
		.reason = d->reason,
		.information = d->tier && strcmp(d->tier, "signpost") == 0
				       ? "Sent details of the Waveney befriending telephone line and the local lunch club."
				       : NULL,
		.user_id = hub->id,
		.org_id = hub->org_id,
		.now = triaged_at,
	};
	struct triage_outcome out;
	struct field_errors fe;
	fielderr_init(&fe);
	if (triage_apply(st, &rq, &out, &fe) != TRIAGE_OK) {
		if (fe.n)
			store_set_error(st, STORE_ERROR, "demo triage of %s: %s: %s", c->reference, fe.e[0].field, fe.e[0].message);
		return -1;
	}
	if (d->contact_after) {
		struct user_ref who = *hub;
		if (d->worker && user_by_email(st, d->worker, &who))
			return -1;
		/* An unanswered attempt first, then the successful one. */
		struct triage_contact_request cr = { c->id, received + d->contact_after / 2, "telephone", "no_answer", NULL,
						     who.id, who.org_id, received + d->contact_after / 2 };
		int64_t id;
		char status[24];
		if (triage_contact_add(st, &cr, &id, status, &fe) != TRIAGE_OK)
			return -1;
		cr.at = cr.now = received + d->contact_after;
		cr.outcome = "successful";
		cr.note = "Talked through what would help; next steps agreed.";
		if (triage_contact_add(st, &cr, &id, status, &fe) != TRIAGE_OK)
			return -1;
	}
	if (d->fate == F_CLOSE) {
		struct user_ref who;
		if (user_by_email(st, d->worker, &who))
			return -1;
		if (triage_close(st, c->id, "completed", who.id, now - D) != TRIAGE_OK)
			return -1;
	}
	return 0;
}

int demo_load_triage(struct store *st, int64_t now)
{
	int rc = -1;
	struct referral_refs refs;
	struct calendar cal;
	struct referral_rec *rec = malloc(sizeof *rec);
	referral_refs_init(&refs);
	int have_cal = 0;
	if (!rec || referral_refs_load(st, &refs) || calendar_load(st, &cal))
		goto done;
	have_cal = 1;
	if (triage_rules_ensure(st, now))
		goto done;
	int64_t today = london_local_days(now);
	for (size_t i = 0; i < sizeof demo_workers / sizeof demo_workers[0]; i++) {
		struct user_ref u;
		int64_t wid, aid;
		if (user_by_email(st, demo_workers[i].email, &u) ||
		    worker_add(st, u.id, demo_workers[i].kind, u.org_id, demo_workers[i].fte, demo_workers[i].dbs,
			       demo_workers[i].clusters, demo_workers[i].areas, now, &wid))
			goto done;
		if (demo_workers[i].absent_from <= demo_workers[i].absent_to &&
		    worker_absence_add(st, wid, today + demo_workers[i].absent_from, today + demo_workers[i].absent_to,
				       demo_workers[i].absence, now, &aid))
			goto done;
	}
	struct user_ref hub;
	if (user_by_email(st, "hub@demo.waymark.test", &hub))
		goto done;
	struct referral_seq seq;
	referral_seq_reset(&seq);
	/* Oldest first, so the references run in the order the referrals came in. */
	size_t n = sizeof demo_referrals / sizeof demo_referrals[0];
	size_t order[sizeof demo_referrals / sizeof demo_referrals[0]];
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && demo_referrals[order[j]].received_ago > demo_referrals[order[j - 1]].received_ago;
		     j--) {
			size_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (size_t k = 0; k < n; k++) {
		const struct demo_referral *d = &demo_referrals[order[k]];
		struct referral_created c;
		if (make_referral(st, &refs, &cal, &seq, d, now, rec, &c) || fate(st, d, &c, now, &hub))
			goto done;
	}
	rc = 0;
done:
	if (have_cal)
		calendar_free(&cal);
	referral_refs_free(&refs);
	free(rec);
	return rc;
}
