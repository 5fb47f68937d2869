/* The transaction and audit helpers every operation shares. */
#include <stdlib.h>
#include "ops/ops.h"
#include "store/audit.h"

int ops_is_hub(const struct ops_ctx *c)
{
	return c->role == ROLE_HUB_COORDINATOR || c->role == ROLE_PROGRAMME_LEAD;
}

int ops_audit(const struct ops_ctx *c, enum audit_action action, const char *entity, int64_t entity_id,
	      int64_t person_id, const char *detail)
{
	struct audit_event ev = {
		.at = c->now,
		.user_id = c->user_id,
		.role = role_code[c->role],
		.org_id = c->org_id,
		.action = audit_action_code[action],
		.entity = entity,
		.entity_id = entity_id,
		.person_id = person_id,
		.addr = c->addr ? c->addr : "",
		.request_id = c->request_id ? c->request_id : "",
		.detail = detail,
	};
	return audit_append(c->db, &ev);
}

enum ops_result ops_begin(const struct ops_ctx *c)
{
	return store_begin(c->db) ? OPS_ERROR : OPS_OK;
}

enum ops_result ops_commit_audited(const struct ops_ctx *c, enum audit_action action, const char *entity,
				   int64_t entity_id, int64_t person_id, const char *detail)
{
	if (ops_audit(c, action, entity, entity_id, person_id, detail) || store_commit(c->db))
		return ops_fail(c, OPS_ERROR);
	return OPS_OK;
}

enum ops_result ops_fail(const struct ops_ctx *c, enum ops_result r)
{
	store_rollback(c->db);
	return r;
}

struct field_errors *ops_fielderr_new(void)
{
	struct field_errors *fe = malloc(sizeof *fe);
	if (fe)
		fielderr_init(fe);
	return fe;
}

struct field_errors *ops_fielderr_one(const char *field, const char *message)
{
	struct field_errors *fe = ops_fielderr_new();
	if (fe)
		fielderr_add(fe, field, "%s", message);
	return fe;
}
