/* The list of demo-data steps, one line per capability. */
#include "cli/demo.h"

int demo_load_referrals(struct store *st, int64_t now);
int demo_load_triage(struct store *st, int64_t now);
int demo_load_volunteers(struct store *st, int64_t now);
int demo_load_directory(struct store *st, int64_t now);
int demo_load_cases(struct store *st, int64_t now);

const struct demo_step demo_steps[] = {
	{ "referrals", demo_load_referrals },
	{ "triage", demo_load_triage },
	{ "volunteers", demo_load_volunteers },
	{ "directory", demo_load_directory },
	{ "cases", demo_load_cases },
	{ NULL, NULL },
};
