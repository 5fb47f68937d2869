/* Demo data: the demo accounts, and the later steps each capability adds. */
#ifndef WAYMARK_CLI_DEMO_H
#define WAYMARK_CLI_DEMO_H
#include <stddef.h>
#include <stdint.h>
#include "core/authz.h"
#include "store/store.h"

struct demo_user {
	const char *email, *name;
	enum role role;
	const char *org;
};
extern const struct demo_user demo_users[]; /* ends with a NULL email */

/* Steps run in order inside the demo transaction, after the accounts. */
struct demo_step {
	const char *name;
	int (*fn)(struct store *st, int64_t now);
};
extern const struct demo_step demo_steps[]; /* ends with a NULL name */
/* The steps (cli/demo_*.c). */
int demo_load_orgs(struct store *st, int64_t now);
int demo_load_referrals(struct store *st, int64_t now);
int demo_load_triage(struct store *st, int64_t now);
int demo_load_workforce(struct store *st, int64_t now);
int demo_load_volunteers(struct store *st, int64_t now);
int demo_load_directory(struct store *st, int64_t now);
int demo_load_cases(struct store *st, int64_t now);
/* waymark demo --commissioning (cli/demo_commission.c): through the ops use cases, each its own transaction,
 * so after the rest has committed. 0 or -1 (the message on stderr). */
int demo_load_commissioning(struct store *st, int64_t now);
/* A made-up street address for a demo person, the same for the same seed (their family name). */
void demo_address(const char *seed, char *out, size_t n);
#endif
