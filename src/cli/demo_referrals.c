/* Demo referrals for `waymark demo`: believable new referrals from every
 * source and channel for the demo practices, all waiting for triage (the
 * triage demo adds referrals in the later states). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/demo.h"
#include "core/datetime.h"
#include "core/londontime.h"
#include "ops/referrals.h"

#define H 3600

static const struct demo_intake {
	const char *channel;   /* form, api, self */
	const char *by;        /* the demo account that made it, NULL for self-referrals */
	const char *source;
	const char *given, *family, *dob, *nhs, *postcode, *practice, *phone, *email;
	const char *reasons, *urgency, *details;
	const char *lives_alone, *money_worries, *safeguarding;
	const char *referrer_name, *referrer_org, *referrer_role, *referrer_phone;
	const char *hospital, *ward; /* discharge referrals */
	int64_t received_ago;
} demo[] = {
	{ "form", "gp@demo.waymark.test", "gp_practice", "Beryl", "Goddard", "1939-03-14", "401 023 2137", "IP24 3DX", "SPBRK01",
	  "01842 555 0201", NULL, "loneliness;social_isolation", "routine",
	  "Widowed in the spring; has stopped going to the lunch club and her daughter lives in Leeds.", "yes", "no", "no",
	  NULL, NULL, "GP", NULL, NULL, NULL, 19 * H },
	{ "form", "gp@demo.waymark.test", "gp_practice", "Kieran", "Loveday", "1991-10-02", NULL, "IP24 1LH", "SPBRK01",
	  "07700 900 202", "kieran.loveday@example.org", "debt;benefits;low_mood", "soon",
	  "Lost his job in August; rent arrears and not sleeping. Happy to talk by text.", "no", "yes", "no", NULL, NULL, "GP",
	  NULL, NULL, NULL, 9 * H },
	{ "form", "gp@demo.waymark.test", "gp_practice", "Elsie", "Woodhouse", "1946-06-21", NULL, "IP25 6BB", "SPBRK02",
	  "01953 555 0203", NULL, "long_term_condition;physical_activity", "routine",
	  "COPD; pulmonary rehab finished and she would like to keep walking with others.", "no", "no", "no", NULL, NULL,
	  "Practice nurse", NULL, NULL, NULL, 2 * H },
	{ "api", "discharge@demo.waymark.test", "acute_hospital_discharge", "Arthur", "Pell", "1934-12-01", NULL, "NR17 2AB",
	  "SPKTO02", "01953 555 0204", NULL, "discharge_support;shopping;prescription_collection", "urgent",
	  "Going home after a hip replacement; lives alone, needs shopping and a check that the house is warm.", "yes", "no",
	  "no", NULL, NULL, "Discharge coordinator", "01603 286 286", "Norfolk and Norwich University Hospital", "Cley Ward",
	  5 * H },
	{ "api", "discharge@demo.waymark.test", "acute_hospital_discharge", "Sheila", "Moy", "1950-08-08", NULL, "NR14 7TT",
	  NULL, "01508 555 0205", NULL, "discharge_support;practical_help", "soon",
	  "Discharged tomorrow after a fall; husband is her carer and has a bad back.", "no", "no", "no", NULL, NULL,
	  "Discharge coordinator", "01603 286 286", "Norfolk and Norwich University Hospital", "Kimberley Ward", 1 * H },
	{ "api", "hub@demo.waymark.test", "community_bed_discharge", "Frank", "Dye", "1941-01-30", NULL, "NR20 4QQ", "SPMNF01",
	  "01362 555 0206", NULL, "discharge_support;befriending", "routine",
	  "Leaving the community bed at Dereham; would welcome a weekly visit.", "yes", "no", "no", "Ward manager",
	  "Dereham Community Hospital", "Ward manager", "01362 555 0299", "Dereham Community Hospital", "Rosemary Ward",
	  22 * H },
	{ "api", "hub@demo.waymark.test", "primary_care_other", "Dawn", "Kerrison", "1968-04-11", NULL, "PE32 1AA", "SPSWF03",
	  "01760 555 0207", NULL, "healthy_eating;physical_activity", "routine",
	  "Referred by the community pharmacist after a diabetes review.", "no", "no", "no", "Priya Shah",
	  "Narborough Pharmacy", "Pharmacist", "01760 555 0290", NULL, NULL, 14 * H },
	{ "api", "hub@demo.waymark.test", "adult_social_care", "George", "Thurston", "1944-09-17", NULL, "NR19 2DD", "SPMNF05",
	  "01362 555 0208", NULL, "carer_support;practical_help", "soon",
	  "Caring for his wife with dementia; assessment found he needs a break and help with the garden.", "no", "no",
	  "yes", "Jo Harper", "Norfolk County Council Adult Social Care", "Social worker", "0344 800 8020", NULL, NULL,
	  7 * H },
	{ "api", "hub@demo.waymark.test", "vcse_partner", "Tomasz", "Nowicki", "1985-02-07", NULL, "PE30 5PP", "SPKLN06",
	  "07700 900 209", "t.nowicki@example.org", "employment;housing", "routine",
	  "Came to the advice drop-in; wants help finding work and a more secure tenancy.", "yes", "yes", "no",
	  "Lena Hart", "West Norfolk Advice Centre", "Adviser", "01553 555 0291", NULL, NULL, 4 * H },
	{ "api", "hub@demo.waymark.test", "family_carer", "Ivy", "Seago", "1931-11-11", NULL, "PE31 7LL", "SPCST02",
	  "01485 555 0210", NULL, "befriending;transport", "routine",
	  "Her son rang: she has stopped driving and misses her church group.", "yes", "no", "no", "Martin Seago", NULL,
	  "Son", "07700 900 291", NULL, NULL, 3 * H },
	{ "api", "hub@demo.waymark.test", "other", "Rita", "Gedge", "1957-07-07", NULL, "NR29 4AA", NULL, "01493 555 0211",
	  NULL, "practical_help;social_isolation", "routine",
	  "Safe and well visit found no working smoke alarm and very little food in the house.", "yes", "yes", "yes",
	  "Station officer Lake", "Norfolk Fire and Rescue Service", "Safe and well officer", "01603 555 0292", NULL, NULL,
	  30 * 60 },
	{ "self", NULL, "self", "Marcus", "Adeyemi", "1979-05-25", NULL, "NR3 1HG", NULL, "07700 900 212",
	  "marcus.adeyemi@example.org", "low_mood;loneliness", "routine",
	  "Moved to Norwich for work and don't know anyone. Evenings are hard.", "yes", "no", "no", NULL, NULL, NULL, NULL,
	  NULL, NULL, 11 * H },
	{ "self", NULL, "self", "Jean", "Platten", "1952-03-03", NULL, "NR32 4EE", NULL, "01502 555 0213", NULL,
	  "shopping;transport", "soon", "I can't get to the shops since the bus stopped running.", "yes", "no", "no", NULL,
	  NULL, NULL, NULL, NULL, NULL, 45 * 60 },
};

struct demo_account {
	int64_t id, org_id;
};

static int account_row(void *ctx, const struct store_row *row)
{
	struct demo_account *a = ctx;
	a->id = store_row_int(row, 0);
	a->org_id = store_row_int(row, 7);
	return 1;
}

/* Made as its channel makes one (ops/referrals.c), at the time it came in. */
static int one(struct store *st, const struct demo_intake *d, int64_t now)
{
	struct demo_account by = { 0, 0 };
	if (d->by && store_exec(st, STMT_USER_BY_EMAIL, account_row, &by, "s", d->by) != 1) {
		store_set_error(st, STORE_ERROR, "demo referrals: no account %s", d->by);
		return -1;
	}
	char expected[DT_DATE_LEN];
	dt_format_date(london_local_days(now) + 1, expected);
	struct referral_raw raw;
	memset(&raw, 0, sizeof raw);
	char address[96];
	demo_address(d->family, address, sizeof address);
	raw.v[RF_PERSON_ADDRESS] = address;
	raw.v[RF_PERSON_GIVEN_NAME] = d->given;
	raw.v[RF_PERSON_FAMILY_NAME] = d->family;
	raw.v[RF_PERSON_DATE_OF_BIRTH] = d->dob;
	raw.v[RF_PERSON_NHS_NUMBER] = d->nhs;
	raw.v[RF_PERSON_POSTCODE] = d->postcode;
	raw.v[RF_PERSON_PRACTICE] = d->practice;
	raw.v[RF_PERSON_PHONE] = d->phone;
	raw.v[RF_PERSON_EMAIL] = d->email;
	raw.v[RF_PERSON_PREFERRED_CONTACT] = d->email ? "email" : "phone";
	raw.v[RF_PERSON_LIVES_ALONE] = d->lives_alone;
	raw.v[RF_PERSON_MONEY_WORRIES] = d->money_worries;
	raw.v[RF_REASONS] = d->reasons;
	raw.v[RF_DETAILS] = d->details;
	raw.v[RF_CONSENT_REFERRAL] = "yes";
	raw.v[RF_CONSENT_DATA_SHARING] = "yes";
	unsigned channel = strcmp(d->channel, "self") == 0 ? CH_SELF : strcmp(d->channel, "form") == 0 ? CH_FORM : CH_API;
	if (channel != CH_SELF) {
		raw.v[RF_SOURCE] = d->source;
		raw.v[RF_URGENCY] = d->urgency;
		raw.v[RF_SAFEGUARDING] = d->safeguarding;
		raw.v[RF_REFERRER_NAME] = d->referrer_name;
		raw.v[RF_REFERRER_ORGANISATION] = d->referrer_org;
		raw.v[RF_REFERRER_ROLE] = d->referrer_role;
		raw.v[RF_REFERRER_PHONE] = d->referrer_phone;
		raw.v[RF_DISCHARGE_HOSPITAL] = d->hospital;
		raw.v[RF_DISCHARGE_WARD] = d->ward;
		if (d->hospital) {
			raw.v[RF_DISCHARGE_EXPECTED_DATE] = expected;
			raw.v[RF_DISCHARGE_HOME_CHECK_NEEDED] = "yes";
		}
	}
	int hub = d->by && strcmp(d->by, "hub@demo.waymark.test") == 0;
	struct ops_ctx c = { st, by.id, by.org_id, !d->by ? ROLE_NONE : hub ? ROLE_HUB_COORDINATOR : ROLE_REFERRER,
			     now - d->received_ago, "demo", "" };
	struct field_errors *fe = ops_fielderr_new();
	struct ops_referral *p = NULL;
	enum ops_result r = fe ? ops_referral_prepare(&c, &raw, channel, fe, &p) : OPS_ERROR;
	if (r == OPS_INVALID)
		store_set_error(st, STORE_ERROR, "demo referral %s %s: %s: %s", d->given, d->family,
				fe->n ? fe->e[0].field : "?", fe->n ? fe->e[0].message : "?");
	struct referral_created made;
	int rc = r == OPS_OK && ops_referral_store(&c, p, &made) == 0 ? 0 : -1;
	ops_referral_free(p);
	free(fe);
	return rc;
}

int demo_load_referrals(struct store *st, int64_t now)
{
	/* Oldest first, so references run in the order the referrals came in. */
	size_t n = sizeof demo / sizeof demo[0];
	int done[sizeof demo / sizeof demo[0]] = { 0 };
	for (size_t k = 0; k < n; k++) {
		size_t pick = n;
		for (size_t i = 0; i < n; i++)
			if (!done[i] && (pick == n || demo[i].received_ago > demo[pick].received_ago))
				pick = i;
		done[pick] = 1;
		if (one(st, &demo[pick], now))
			return -1;
	}
	return 0;
}

void demo_address(const char *seed, char *out, size_t n)
{
	static const char *const streets[] = { "Church Lane", "Station Road", "The Street", "Mill Road", "School Lane",
					       "Victoria Road", "Back Lane", "High Street" };
	unsigned hsh = 5381;
	for (const char *p = seed; *p; p++)
		hsh = hsh * 33 + (unsigned char)*p;
	snprintf(out, n, "%u %s", 1 + hsh % 60, streets[(hsh / 60) % (sizeof streets / sizeof streets[0])]);
}
