/* The table of relationship checks by record kind (route.rel). */
#include <stdlib.h>
#include <string.h>
#include "ops/access.h"
#include "ops/casework.h"
#include "ops/commission.h"
#include "ops/referrals_access.h"
#include "ops/orgs.h"
#include "ops/relations.h"
#include "ops/volunteers.h"

static int referral_rel(const struct ops_ctx *c, int64_t id)
{
	/* The hub may see every referral: no query on the hot read path (a
	 * referral that does not exist is the handler's 404, not a refusal). */
	if (ops_is_hub(c))
		return 1;
	int a = ops_referral_access(c, id);
	return a < 0 ? -1 : a != OPS_REFERRAL_NONE;
}

/* A coordinator's own organisation's volunteer, or the volunteer themself. */
static int volunteer_rel(const struct ops_ctx *c, int64_t id)
{
	if (c->role == ROLE_VOLUNTEER) {
		int64_t me = 0;
		int f = ops_volunteer_self(c, &me);
		return f < 0 ? -1 : f > 0 && me == id;
	}
	return ops_volunteer_managed(c, id, NULL);
}

/* A task of the coordinator's organisation, or one offered to or taken by the volunteer. */
static int task_rel(const struct ops_ctx *c, int64_t id)
{
	struct task_view *t = malloc(sizeof *t);
	if (!t)
		return -1;
	int f = c->role == ROLE_VOLUNTEER ? ops_task_self(c, id, t) : ops_task_managed(c, id, t);
	free(t);
	return f;
}

static const struct {
	const char *rel;
	int (*may)(const struct ops_ctx *c, int64_t id);
} relations[] = {
	{ "referral", referral_rel },
	{ "volunteer", volunteer_rel },
	{ "task", task_rel },
	{ "worker", ops_worker_staff_may_see },
	{ "case", ops_case_held },
	{ "org", ops_org_may_see },
	{ "round", ops_comm_round_rel },
	{ "sla", ops_comm_sla_rel },
	{ "provider", ops_comm_provider_rel },
	{ "evidence", ops_comm_evidence_rel },
};

int ops_relation(const struct ops_ctx *c, const char *rel, int64_t id)
{
	for (size_t i = 0; rel && i < sizeof relations / sizeof relations[0]; i++)
		if (strcmp(relations[i].rel, rel) == 0)
			return relations[i].may(c, id);
	return 2;
}
