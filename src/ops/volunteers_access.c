/* Who may manage which volunteer and task: a coordinator their own
 * organisation's, a volunteer the tasks offered to or taken by them. */
#include "ops/volunteers.h"

int ops_volunteer_managed(const struct ops_ctx *c, int64_t id, struct volunteer_view *v)
{
	int64_t org = 0;
	int f = v ? volunteer_get(c->db, id, v) : store_get_int(c->db, STMT_VOLUNTEER_ORG, &org, "i", id);
	if (f <= 0)
		return f;
	/* Another organisation's volunteer gets the same answer as a missing one. */
	return (v ? v->org_id : org) == c->org_id;
}

int ops_task_managed(const struct ops_ctx *c, int64_t id, struct task_view *t)
{
	int f = task_get(c->db, id, t);
	return f <= 0 ? f : t->org_id == c->org_id;
}

int ops_volunteer_self(const struct ops_ctx *c, int64_t *volunteer_id)
{
	*volunteer_id = 0;
	return volunteer_for_user(c->db, c->user_id, volunteer_id);
}

int ops_task_self(const struct ops_ctx *c, int64_t id, struct task_view *t)
{
	int64_t me = 0;
	int f = ops_volunteer_self(c, &me);
	if (f > 0)
		f = task_get(c->db, id, t);
	return f <= 0 ? f : t->volunteer_id == me;
}
