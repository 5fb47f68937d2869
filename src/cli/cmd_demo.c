/* `waymark demo`: believable demo data for trying Waymark out: the lead
 * provider, providers, referring organisations, a commissioner and a user of
 * every role. Runs once per database. */
#include <stdio.h>
#include <time.h>
#include "store/report_sum.h"
#include "cli/cli.h"
#include "cli/demo.h"
#include "store/account.h"
#include "store/org.h"

#define DEMO_PASSWORD "demo-password-1"

static const struct {
	const char *name, *kind, *area, *source; /* source: where its referrals come from (model/org.def) */
} demo_orgs[] = {
	{ "Community Action Norfolk", "lead_provider", NULL },
	{ "Breckland Community Support", "provider", "breckland" },
	{ "West Norfolk Befriending", "provider", "kings_lynn_west_norfolk" },
	{ "Waveney Care Connect", "provider", "waveney" },
	{ "Norwich Home from Hospital", "provider", "norwich" },
	{ "Thetford Healthy Living Centre", "referrer_org", "breckland" },
	{ "NNUH Discharge Team", "referrer_org", "south_norfolk", "acute_hospital_discharge" },
	{ "Norfolk County Council Adult Social Care", "referrer_org", NULL },
	{ "Norfolk and Waveney ICB", "commissioner", NULL },
};

const struct demo_user demo_users[] = {
	{ "hub@demo.waymark.test", "Hana Hughes", ROLE_HUB_COORDINATOR, "Community Action Norfolk" },
	{ "hub2@demo.waymark.test", "Tom Reeve", ROLE_HUB_COORDINATOR, "Community Action Norfolk" },
	{ "lead@demo.waymark.test", "Priya Lambert", ROLE_PROGRAMME_LEAD, "Community Action Norfolk" },
	{ "admin@demo.waymark.test", "Alex Adeyemi", ROLE_ADMINISTRATOR, "Community Action Norfolk" },
	{ "gp@demo.waymark.test", "Dr Grace Pike", ROLE_REFERRER, "Thetford Healthy Living Centre" },
	{ "discharge@demo.waymark.test", "Dan Ellis", ROLE_REFERRER, "NNUH Discharge Team" },
	{ "socialcare@demo.waymark.test", "Sam Carter", ROLE_REFERRER, "Norfolk County Council Adult Social Care" },
	{ "lww@demo.waymark.test", "Lucy Walker", ROLE_LINK_WORKER, "Breckland Community Support" },
	{ "lww2@demo.waymark.test", "Mo Said", ROLE_LINK_WORKER, "Breckland Community Support" },
	{ "lww3@demo.waymark.test", "Ellie Fox", ROLE_LINK_WORKER, "West Norfolk Befriending" },
	{ "support@demo.waymark.test", "Steve Porter", ROLE_SUPPORT_WORKER, "Breckland Community Support" },
	{ "support2@demo.waymark.test", "Nina Shah", ROLE_SUPPORT_WORKER, "Norwich Home from Hospital" },
	{ "volco@demo.waymark.test", "Vic Cole", ROLE_VOLUNTEER_COORDINATOR, "Breckland Community Support" },
	{ "volunteer@demo.waymark.test", "Val Turner", ROLE_VOLUNTEER, "Breckland Community Support" },
	{ "manager@demo.waymark.test", "Maya Green", ROLE_PROVIDER_MANAGER, "Breckland Community Support" },
	{ "manager2@demo.waymark.test", "Olu Bright", ROLE_PROVIDER_MANAGER, "West Norfolk Befriending" },
	{ "commissioner@demo.waymark.test", "Chris Morgan", ROLE_COMMISSIONER, "Norfolk and Waveney ICB" },
	{ NULL, NULL, ROLE_NONE, NULL },
};

static int demo_accounts(struct store *st, const char *password, int64_t now)
{
	for (size_t i = 0; i < sizeof demo_orgs / sizeof demo_orgs[0]; i++) {
		int64_t id;
		if (account_org_add(st, demo_orgs[i].name, demo_orgs[i].kind, demo_orgs[i].area, now, &id) ||
		    (demo_orgs[i].source && org_referral_source_set(st, id, demo_orgs[i].source)))
			return -1;
	}
	for (const struct demo_user *u = demo_users; u->email; u++) {
		int64_t org, id;
		if (account_org_find(st, u->org, &org) != 1 ||
		    account_user_add(st, u->email, u->name, u->role, org, password, now, &id))
			return -1;
	}
	return 0;
}

/* The commissioning demo, once (setting demo_commissioning_loaded): 0 or -1. */
static int demo_commissioning(struct store *st, struct cli_opt *opts)
{
	int64_t done = 0;
	store_get_int(st, STMT_SETTING_GET, &done, "s", "demo_commissioning_loaded");
	if (done) {
		printf("Commissioning demo data is already loaded in %s.\n", cli_db_url(opts));
		return 0;
	}
	printf("demo: commissioning\n");
	if (demo_load_commissioning(st, (int64_t)time(NULL))
	    || store_exec(st, STMT_SETTING_PUT, NULL, NULL, "ss", "demo_commissioning_loaded", "1") < 0) {
		fprintf(stderr, "waymark demo: the commissioning demo stopped part way: %s\n", store_errmsg(st));
		return -1;
	}
	printf("Commissioning demo loaded: sign in as lead@demo.waymark.test or manager@demo.waymark.test and open Commissioning.\n");
	return 0;
}

int cmd_demo(int argc, char **argv, struct cli_opt *opts)
{
	(void)argc;
	(void)argv;
	struct store *st = cli_open_db(opts, 1);
	if (!st)
		return 1;
	int64_t done = 0;
	store_get_int(st, STMT_SETTING_GET, &done, "s", "demo_loaded");
	if (done) {
		printf("Demo data is already loaded in %s.\n", cli_db_url(opts));
		int r = cli_get(opts, "commissioning") ? demo_commissioning(st, opts) : 0;
		store_close(st);
		return r ? 1 : 0;
	}
	const char *password = cli_get_or(opts, "password", DEMO_PASSWORD);
	int64_t now = (int64_t)time(NULL);
	int r = store_begin(st);
	if (!r)
		r = demo_accounts(st, password, now);
	for (size_t i = 0; !r && demo_steps[i].name; i++) {
		printf("demo: %s\n", demo_steps[i].name);
		fflush(stdout);
		r = demo_steps[i].fn(st, now);
	}
	/* the steps write through the store directly (some rows by hand): the report summaries are counted once here */
	if (!r)
		r = rptsum_rebuild(st);
	if (!r)
		r = store_exec(st, STMT_SETTING_PUT, NULL, NULL, "ss", "demo_loaded", "1") < 0;
	if (!r)
		r = store_commit(st);
	if (r) {
		fprintf(stderr, "waymark demo: %s\n", store_errmsg(st));
		store_rollback(st);
	} else {
		printf("Demo data loaded into %s. Sign in as hub@demo.waymark.test (or any *@demo.waymark.test "
		       "account) with password %s\n", cli_db_url(opts), password);
		if (cli_get(opts, "commissioning"))
			r = demo_commissioning(st, opts);
	}
	store_close(st);
	return r ? 1 : 0;
}
