/* Demo data for organisations: each demo organisation's record as a real
 * deployment would keep it (the areas it serves, contact details, charity or
 * company number) and the providers' framework history (applied, approved,
 * active). Providers keep the one area they had, so community support goes
 * where the other demo steps expect. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/demo.h"
#include "core/londontime.h"
#include "store/account.h"
#include "store/org.h"

static const struct {
	const char *name, *areas, *contact, *phone, *email, *address, *reg;
	int provider; /* framework history: applied, approved, active */
} demo_org_records[] = {
	{ "Community Action Norfolk", "north_norfolk,broadland,great_yarmouth,south_norfolk", "Helen Marsh", "01603 555 0100",
	  "hub@communityaction.example", "14 Elm Hill, Norwich NR3 1HN", "Charity 1012345", 1 },
	{ "Breckland Community Support", "breckland", "Rita Collins", "01842 555 0111", "hello@brecklandsupport.example",
	  "3 Market Place, Thetford IP24 2AL", "Charity 1098765", 1 },
	{ "West Norfolk Befriending", "kings_lynn_west_norfolk", "Owen Price", "01553 555 0122",
	  "office@wnbefriending.example", "21 Tuesday Market Place, King's Lynn PE30 1JN", "Charity 1145678", 1 },
	{ "Waveney Care Connect", "waveney", "Jess Barker", "01502 555 0133", "team@waveneycare.example",
	  "7 London Road North, Lowestoft NR32 1ET", "Company 08765432", 1 },
	{ "Norwich Home from Hospital", "norwich", "Kofi Mensah", "01603 555 0144", "referrals@nhfh.example",
	  "40 St Stephens Street, Norwich NR1 3SH", "Charity 1176543", 1 },
	{ "Thetford Healthy Living Centre", "breckland", "Dr Grace Pike", "01842 555 0155", "reception@thlc.example",
	  "Croxton Road, Thetford IP24 1JD", NULL, 0 },
	{ "NNUH Discharge Team", "norwich,south_norfolk,broadland", "Dan Ellis", "01603 555 0166",
	  "discharge.team@nnuh.example", "Colney Lane, Norwich NR4 7UY", NULL, 0 },
	{ "Norfolk County Council Adult Social Care",
	  "breckland,broadland,great_yarmouth,kings_lynn_west_norfolk,north_norfolk,norwich,south_norfolk", "Sam Carter",
	  "0344 555 0177", "asc.referrals@norfolk.example", "County Hall, Martineau Lane, Norwich NR1 2DH", NULL, 0 },
	{ "Norfolk and Waveney ICB",
	  "breckland,broadland,great_yarmouth,kings_lynn_west_norfolk,north_norfolk,norwich,south_norfolk,waveney",
	  "Chris Morgan", "01603 555 0188", "commissioning@nwicb.example", "County Hall, Martineau Lane, Norwich NR1 2DH",
	  NULL, 0 },
};

/* Checks and stores one organisation's fields, the name and kind as they are. */
static int fill(struct store *st, int64_t id, const char *const given[ORG_F__COUNT], int64_t now)
{
	struct org_view *o = malloc(sizeof *o);
	char (*vals)[REC_VALUE_MAX] = calloc(ORG_F__COUNT, sizeof *vals);
	int rc = -1;
	if (!o || !vals || org_record_get(st, id, o) != 1)
		goto done;
	struct field_errors fe;
	fielderr_init(&fe);
	for (int f = 0; f < ORG_F__COUNT; f++)
		rec_check(&org_fields[f], given[f] ? given[f] : o->v[f], vals[f], &fe);
	if (fe.n) {
		store_set_error(st, STORE_ERROR, "demo organisation %s: %s: %s", o->v[ORG_F_NAME], fe.e[0].field,
				fe.e[0].message);
		goto done;
	}
	rc = org_record_update(st, id, vals, now) == 1 ? 0 : -1;
done:
	free(o);
	free(vals);
	return rc;
}

int demo_load_orgs(struct store *st, int64_t now)
{
	int64_t today = london_local_days(now);
	for (size_t i = 0; i < sizeof demo_org_records / sizeof demo_org_records[0]; i++) {
		const char *given[ORG_F__COUNT] = { 0 };
		given[ORG_F_AREAS] = demo_org_records[i].areas;
		given[ORG_F_CONTACT_NAME] = demo_org_records[i].contact;
		given[ORG_F_PHONE] = demo_org_records[i].phone;
		given[ORG_F_EMAIL] = demo_org_records[i].email;
		given[ORG_F_ADDRESS] = demo_org_records[i].address;
		given[ORG_F_REG_NUMBER] = demo_org_records[i].reg;
		int64_t id;
		if (account_org_find(st, demo_org_records[i].name, &id) != 1 || fill(st, id, given, now))
			return -1;
		if (!demo_org_records[i].provider)
			continue;
		/* Joined the framework about a year ago, a provider after another. */
		int64_t applied = today - 420 + 7 * (int64_t)i;
		if (org_status_put(st, id, "applied", applied, "Expression of interest received", 0, now) != 1 ||
		    org_status_put(st, id, "approved", applied + 35, "Due diligence and references complete", 0, now) != 1 ||
		    org_status_put(st, id, "active", applied + 60, "Contract signed; taking referrals", 0, now) != 1)
			return -1;
	}
	return 0;
}
