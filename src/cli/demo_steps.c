/* The list of demo-data steps, one line per capability. */
#include "cli/demo.h"

const struct demo_step demo_steps[] = {
	{ "organisations", demo_load_orgs },
	{ "referrals", demo_load_referrals },
	{ "triage", demo_load_triage },
	{ "workforce", demo_load_workforce },
	{ "volunteers", demo_load_volunteers },
	{ "directory", demo_load_directory },
	{ "cases", demo_load_cases },
	{ NULL, NULL },
};
