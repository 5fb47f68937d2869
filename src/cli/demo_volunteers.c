/* Demo data for volunteering: about thirty volunteers across Norfolk and
 * Waveney with the four providers (some sharing into the pool, some with a
 * lapsed or soon-to-expire DBS check, two missing required training modules
 * of the passport), the demo volunteer account linked to
 * one of them, and a befriending home visit for each community support
 * referral earlier steps made, the first offered to the demo volunteer. */
#include <stdio.h>
#include <string.h>
#include "cli/demo.h"
#include "core/datetime.h"
#include "core/londontime.h"
#include "store/account.h"
#include "store/training.h"
#include "store/volunteer.h"

#define NO_DBS 100000 /* an offset meaning "no date" */

struct demo_volunteer {
	const char *name, *org, *postcode, *radius_km, *car, *max_week, *status, *consent;
	const char *skills; /* space-separated codes */
	const char *avail[7];
	const char *dbs_level;
	int cert_ago_days, renew_in_days; /* relative to today; NO_DBS: none */
	const char *training;             /* "module;module" completed 60 and 200 days ago */
	const char *account;              /* linked sign-in, or NULL */
};

#define WEEKDAYS(t) { t, t, t, t, t, "", "" }
static const struct demo_volunteer demo_vols[] = {
	/* Breckland Community Support */
	{ "Val Turner", "Breckland Community Support", "IP24 2BS", "20", "yes", "3", "active", "yes",
	  "shopping prescription_collection befriending_visits befriending_calls home_check",
	  { "09:00-17:00", "09:00-17:00", "09:00-17:00", "09:00-17:00", "09:00-17:00", "10:00-13:00", "" },
	  "enhanced", 400, 700, "Safeguarding adults;Volunteer passport induction", "volunteer@demo.waymark.test" },
	{ "Graham Pike", "Breckland Community Support", "NR17 1AB", "15", "yes", "2", "active", "no",
	  "shopping driving prescription_collection", WEEKDAYS("10:00-16:00"), "enhanced", 1130, -25,
	  "Safeguarding adults", NULL },
	{ "Sunita Rao", "Breckland Community Support", "IP25 6HT", "12", "yes", "2", "active", "yes",
	  "befriending_visits befriending_calls form_filling digital_help languages",
	  { "", "13:00-17:00", "", "13:00-17:00", "", "", "" }, "enhanced", 1040, 50,
	  "Safeguarding adults;Mental health awareness", NULL },
	{ "Pete Holloway", "Breckland Community Support", "NR19 1DW", "20", "yes", "4", "active", "yes",
	  "driving shopping gardening dog_walking", WEEKDAYS("08:00-12:00"), "basic", 300, 795, "Driver assessment", NULL },
	{ "Marion Blake", "Breckland Community Support", "NR20 4AB", "8", "no", "1", "active", "no",
	  "befriending_calls digital_help", { "10:00-12:00", "", "10:00-12:00", "", "10:00-12:00", "", "" },
	  NULL, NO_DBS, NO_DBS, "Befriending by phone", NULL },
	{ "Jack Whitmore", "Breckland Community Support", "PE37 7DS", "15", "yes", "2", "active", "no",
	  "shopping prescription_collection home_check", { "", "", "", "", "", "09:00-17:00", "10:00-16:00" },
	  "enhanced", 1090, 5, "Safeguarding adults", NULL },
	{ "Aisha Bello", "Breckland Community Support", "IP25 7NR", "10", "no", "2", "applicant", "no",
	  "befriending_calls form_filling", WEEKDAYS("18:00-20:00"), NULL, NO_DBS, NO_DBS, NULL, NULL },
	{ "Derek Moss", "Breckland Community Support", "NR17 2HA", "25", "yes", "3", "paused", "yes",
	  "driving shopping", WEEKDAYS("09:00-15:00"), "enhanced", 900, 200, NULL, NULL },
	/* West Norfolk Befriending */
	{ "Olive Newman", "West Norfolk Befriending", "PE30 1EX", "10", "yes", "3", "active", "yes",
	  "befriending_visits befriending_calls shopping", WEEKDAYS("10:00-15:00"), "enhanced", 500, 600,
	  "Safeguarding adults;Dementia friends", NULL },
	{ "Robert Ashby", "West Norfolk Befriending", "PE31 6AF", "20", "yes", "2", "active", "no",
	  "driving prescription_collection", { "09:00-12:00", "09:00-12:00", "", "", "09:00-12:00", "", "" },
	  "enhanced", 1060, 20, "Safeguarding adults", NULL },
	{ "Hannah Frost", "West Norfolk Befriending", "PE33 9QU", "8", "no", "1", "active", "yes",
	  "befriending_calls digital_help", { "", "", "14:00-16:00", "", "", "", "14:00-16:00" }, "basic", 200, 900,
	  NULL, NULL },
	{ "Colin Beck", "West Norfolk Befriending", "PE38 0DR", "15", "yes", "2", "active", "no",
	  "shopping gardening dog_walking", WEEKDAYS("13:00-17:00"), "standard", 400, 700, NULL, NULL },
	{ "Maggie Lowe", "West Norfolk Befriending", "PE30 4JG", "6", "no", "2", "left", "no", "befriending_visits",
	  WEEKDAYS("10:00-12:00"), "enhanced", 1200, -120, NULL, NULL },
	{ "Tariq Hussain", "West Norfolk Befriending", "PE34 4LW", "12", "yes", "3", "active", "yes",
	  "languages form_filling digital_help befriending_visits", { "", "", "", "", "", "10:00-16:00", "" },
	  "enhanced", 100, 995, "Safeguarding adults;Interpreting in care settings", NULL },
	/* Waveney Care Connect */
	{ "Brenda Ellis", "Waveney Care Connect", "NR32 1PB", "10", "yes", "3", "active", "yes",
	  "shopping prescription_collection befriending_visits home_check", WEEKDAYS("09:00-13:00"), "enhanced", 350,
	  745, "Safeguarding adults;Moving and handling", NULL },
	{ "Steve Cobb", "Waveney Care Connect", "NR33 7BX", "15", "yes", "2", "active", "no",
	  "driving shopping", { "", "10:00-16:00", "", "10:00-16:00", "", "", "" }, "enhanced", 1075, 3,
	  "Driver assessment", NULL },
	{ "Lily Chen", "Waveney Care Connect", "NR34 9QA", "8", "no", "2", "active", "yes",
	  "befriending_calls digital_help languages", WEEKDAYS("17:00-19:00"), NULL, NO_DBS, NO_DBS, NULL, NULL },
	{ "Norman Pratt", "Waveney Care Connect", "NR35 1HE", "20", "yes", "2", "active", "no",
	  "gardening dog_walking shopping", WEEKDAYS("09:00-12:00"), "basic", 800, 295, NULL, NULL },
	{ "Joan Fairweather", "Waveney Care Connect", "NR32 3LE", "5", "no", "1", "active", "no",
	  "befriending_visits", { "", "", "14:00-16:00", "", "", "", "" }, "enhanced", 1150, -60,
	  "Safeguarding adults", NULL },
	/* Norwich Home from Hospital */
	{ "Amara Okafor", "Norwich Home from Hospital", "NR2 4TJ", "8", "no", "3", "active", "yes",
	  "home_check befriending_visits shopping prescription_collection", WEEKDAYS("08:00-18:00"), "enhanced", 250,
	  845, "Safeguarding adults;Home from hospital checks", NULL },
	{ "Ben Hartley", "Norwich Home from Hospital", "NR3 1HN", "10", "yes", "2", "active", "yes",
	  "driving home_check shopping", { "07:00-11:00", "07:00-11:00", "07:00-11:00", "", "", "", "" }, "enhanced",
	  1040, 55, "Safeguarding adults;Home from hospital checks", NULL },
	{ "Grace Adeyemi", "Norwich Home from Hospital", "NR4 7TJ", "6", "no", "2", "active", "no",
	  "befriending_calls form_filling digital_help", WEEKDAYS("12:00-16:00"), "standard", 150, 950, NULL, NULL },
	{ "Martin Oakes", "Norwich Home from Hospital", "NR5 9AB", "12", "yes", "3", "active", "no",
	  "driving prescription_collection shopping", { "", "", "", "", "", "09:00-17:00", "09:00-13:00" }, "enhanced",
	  1093, 2, "Safeguarding adults", NULL },
	{ "Priti Mistry", "Norwich Home from Hospital", "NR1 3QB", "5", "no", "2", "active", "yes",
	  "languages befriending_visits form_filling", WEEKDAYS("10:00-14:00"), "enhanced", 700, 395,
	  "Safeguarding adults;Interpreting in care settings", NULL },
	{ "Sam Dunmore", "Norwich Home from Hospital", "NR7 0EF", "10", "yes", "2", "applicant", "no",
	  "shopping driving", WEEKDAYS("09:00-17:00"), NULL, NO_DBS, NO_DBS, NULL, NULL },
	/* Community Action Norfolk (lead provider): North Norfolk, Broadland, Great Yarmouth, South Norfolk */
	{ "Rosemary Hale", "Community Action Norfolk", "NR28 9AD", "15", "yes", "2", "active", "yes",
	  "shopping befriending_visits prescription_collection", WEEKDAYS("10:00-15:00"), "enhanced", 600, 495,
	  "Safeguarding adults", NULL },
	{ "Alan Crisp", "Community Action Norfolk", "NR26 8PL", "20", "yes", "3", "active", "yes",
	  "driving shopping dog_walking gardening", { "09:00-17:00", "", "09:00-17:00", "", "09:00-17:00", "", "" },
	  "enhanced", 1120, -5, "Safeguarding adults;Driver assessment", NULL },
	{ "Kerry Flint", "Community Action Norfolk", "NR30 2JL", "8", "no", "2", "active", "yes",
	  "befriending_calls befriending_visits digital_help", WEEKDAYS("13:00-17:00"), "enhanced", 90, 1005,
	  "Safeguarding adults;Mental health awareness", NULL },
	{ "Dennis Large", "Community Action Norfolk", "NR13 5EA", "15", "yes", "2", "active", "yes",
	  "shopping prescription_collection driving", { "", "09:00-12:00", "", "09:00-12:00", "", "09:00-12:00", "" },
	  "standard", 500, 600, NULL, NULL },
	{ "Fiona Wade", "Community Action Norfolk", "NR15 2PP", "12", "yes", "2", "active", "yes",
	  "home_check befriending_visits shopping", WEEKDAYS("09:00-14:00"), "enhanced", 1070, 28,
	  "Safeguarding adults;Home from hospital checks", NULL },
	{ "Ian Roper", "Community Action Norfolk", "NR11 7HB", "25", "yes", "3", "active", "no",
	  "driving gardening", { "", "", "", "", "", "08:00-18:00", "08:00-18:00" }, "basic", 20, 1075, NULL, NULL },
};
#undef WEEKDAYS

static void day_text(int64_t today, int offset, char out[DT_DATE_LEN])
{
	dt_format_date(today + offset, out);
}

/* The volunteer passport: every active or paused volunteer has the required
 * modules of the catalogue recorded, except these gaps (not compliant, so
 * matching offers them nothing until the modules are recorded). */
static const struct {
	const char *name, *missing; /* space-separated module codes */
} passport_gaps[] = {
	{ "Colin Beck", "lone_working" },
	{ "Ian Roper", "safeguarding data_protection lone_working" },
};

static int passport_missing(const char *name, const char *code)
{
	for (size_t i = 0; i < sizeof passport_gaps / sizeof passport_gaps[0]; i++)
		if (strcmp(passport_gaps[i].name, name) == 0) {
			const char *m = strstr(passport_gaps[i].missing, code);
			return m && (m[strlen(code)] == ' ' || m[strlen(code)] == '\0');
		}
	return 0;
}

/* Records the catalogue modules of volunteer id (the required ones, and
 * optional ones their free-text training names), completed 200 days ago. */
static int add_passport(struct store *st, const struct demo_volunteer *d, int64_t id, int64_t today, int64_t now)
{
	if (strcmp(d->status, "active") != 0 && strcmp(d->status, "paused") != 0)
		return 0;
	struct training_catalogue cat;
	if (training_catalogue_load(st, &cat))
		return -1;
	for (size_t i = 0; i < cat.n; i++) {
		const struct training_module *m = &cat.m[i];
		/* Optional: Dementia Friends as their free text says; first aid with home from hospital checks. */
		const char *hint = strcmp(m->code, "dementia_friends") == 0 ? "dementia"
				   : strcmp(m->code, "first_aid") == 0      ? "hospital"
									     : NULL;
		int done = m->required ? !passport_missing(d->name, m->code) : hint && d->training && strcasestr(d->training, hint);
		if (done && training_done_put(st, id, m->code, today - 200, INT64_MIN /* loaded, not recorded by a user */, now))
			return -1;
	}
	return 0;
}

static int add_volunteer(struct store *st, const struct demo_volunteer *d, int64_t today, int64_t now)
{
	struct volunteer_input in = { 0 };
	char cert[DT_DATE_LEN], renew[DT_DATE_LEN], t1[DT_DATE_LEN], t2[DT_DATE_LEN];
	char skills[256], training[256], email[128];
	in.f[VF_NAME] = d->name;
	/* name@example.org from "First Last". */
	snprintf(email, sizeof email, "%s@example.org", d->name);
	for (char *p = email; *p && *p != '@'; p++)
		*p = *p == ' ' ? '.' : (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
	in.f[VF_EMAIL] = email;
	in.f[VF_PHONE] = "07700 900 123";
	in.f[VF_POSTCODE] = d->postcode;
	in.f[VF_TRAVEL_RADIUS] = d->radius_km;
	in.f[VF_CAR] = d->car;
	in.f[VF_MAX_TASKS_PER_WEEK] = d->max_week;
	in.f[VF_CONSENT_TO_SHARE] = d->consent;
	in.f[VF_STATUS] = d->status;
	snprintf(skills, sizeof skills, "%s", d->skills);
	char *save = NULL;
	for (char *s = strtok_r(skills, " ", &save); s && in.n_skills < VOLUNTEER_SKILLS_MAX; s = strtok_r(NULL, " ", &save))
		in.skills[in.n_skills++] = s;
	for (int i = 0; i < 7; i++)
		in.availability[i] = d->avail[i];
	if (d->dbs_level) {
		in.f[VF_DBS_LEVEL] = d->dbs_level;
		day_text(today, -d->cert_ago_days, cert);
		day_text(today, d->renew_in_days, renew);
		in.f[VF_DBS_CERTIFICATE_DATE] = cert;
		in.f[VF_DBS_RENEWAL_DATE] = renew;
		in.f[VF_DBS_UPDATE_SERVICE] = d->renew_in_days > 365 ? "yes" : "no";
	}
	if (d->training) {
		snprintf(training, sizeof training, "%s", d->training);
		char *semi = strchr(training, ';');
		if (semi)
			*semi = '\0';
		day_text(today, -200, t1);
		day_text(today, -60, t2);
		in.training[0].module = training;
		in.training[0].completed = t1;
		in.n_training = 1;
		if (semi) {
			in.training[1].module = semi + 1;
			in.training[1].completed = t2;
			in.n_training = 2;
		}
	}
	in.f[VF_ACCOUNT_EMAIL] = d->account;
	struct volunteer_rec rec;
	struct field_errors fe;
	fielderr_init(&fe);
	int64_t org = 0, user = 0, id = 0;
	double lat = 0, lon = 0;
	if (volunteer_validate(&in, today, &rec, &fe) || account_org_find(st, d->org, &org) != 1 ||
	    volunteer_check_refs(st, &rec, org, 0, &user, &lat, &lon, &fe) != 0) {
		store_set_error(st, STORE_ERROR, "demo volunteer %s: %s %s", d->name, fe.n ? fe.e[0].field : "",
				fe.n ? fe.e[0].message : store_errmsg(st));
		return -1;
	}
	if (volunteer_create(st, org, user, lat, lon, &rec, now, &id))
		return -1;
	return add_passport(st, d, id, today, now);
}

struct demo_tasks {
	struct task_view t[16];
	int n;
};

static void collect_task(void *ctx, const struct task_view *t)
{
	struct demo_tasks *d = ctx;
	if (d->n < 16 && strcmp(t->status, "open") == 0)
		d->t[d->n++] = *t;
}

struct account_ids {
	int64_t user_id, volunteer_id;
};

static int account_ids_row(void *ctx, const struct store_row *r)
{
	struct account_ids *a = ctx;
	a->user_id = store_row_int(r, 0);
	a->volunteer_id = store_row_int(r, 3);
	return 1;
}

static int offer_to_demo_volunteer(struct store *st, int64_t org_id, int64_t task_id, int64_t now)
{
	struct account_ids a = { 0, 0 };
	char reason[MATCH_EXPLAIN_MAX];
	if (store_exec(st, STMT_VOLUNTEER_ACCOUNT_FIND, account_ids_row, &a, "s", "volunteer@demo.waymark.test") < 0)
		return -1;
	if (!a.volunteer_id)
		return 0;
	int ok = match_offer_check(st, org_id, task_id, a.volunteer_id, now, reason, sizeof reason);
	if (ok < 0)
		return -1;
	return ok && task_offer(st, task_id, a.volunteer_id, reason, 0, now) < 0 ? -1 : 0;
}

/* Each community support referral with an open task also gets a befriending
 * home visit tomorrow, so matching has a home visit to place. */
static int add_tasks(struct store *st, int64_t now)
{
	struct org_ids {
		int64_t id[16];
		int n;
	} orgs = { .n = 0 };
	static struct demo_tasks found;
	found.n = 0;
	int64_t id;
	if (account_org_find(st, "Breckland Community Support", &orgs.id[0]) == 1)
		orgs.n = 1;
	if (account_org_find(st, "Waveney Care Connect", &orgs.id[orgs.n]) == 1)
		orgs.n++;
	for (int i = 0; i < orgs.n; i++)
		if (task_list(st, orgs.id[i], "open", 16, 0, collect_task, &found) < 0)
			return -1;
	int64_t tomorrow = london_midnight_utc(london_local_days(now) + 1);
	for (int i = 0; i < found.n; i++) {
		const struct task_view *t = &found.t[i];
		struct task_new n = { .referral_id = t->referral_id, .case_id = t->case_id, .type = "befriending_visits",
				      .postcode = t->postcode, .window_from = tomorrow + 10 * 3600,
				      .window_to = tomorrow + 16 * 3600, .duration_minutes = 60, .priority = 4,
				      .home_visit = 1, .details = "A chat and a cup of tea; they have not been out for a week." };
		if (n.window_from < t->support_until && task_create(st, &n, now, &id))
			return -1;
		/* The first one is offered to the demo volunteer, so their page has something to answer. */
		if (i == 0 && offer_to_demo_volunteer(st, t->org_id, id, now))
			return -1;
	}
	return 0;
}

int demo_load_volunteers(struct store *st, int64_t now)
{
	int64_t today = london_local_days(now);
	for (size_t i = 0; i < sizeof demo_vols / sizeof demo_vols[0]; i++)
		if (add_volunteer(st, &demo_vols[i], today, now))
			return -1;
	return add_tasks(st, now);
}
