/* Organisations' writes (administrator, programme lead): add or change one by its field list
 * (model/org.def) and change its framework status, keeping the history. */
#ifndef WAYMARK_OPS_ORGS_H
#define WAYMARK_OPS_ORGS_H
#include "core/org.h"
#include "ops/ops.h"

/* given: the values by enum org_field as text (areas comma-separated). id 0 adds one (status: its framework
 * status, NULL for active; *out_id its id); otherwise changes organisation id, keeping each field given as
 * NULL. OPS_INVALID (fe under the field's key), OPS_NOT_FOUND, OPS_FORBIDDEN, OPS_ERROR. */
enum ops_result ops_org_save(const struct ops_ctx *c, int64_t id, const char *const given[ORG_F__COUNT],
			     const char *status, int64_t *out_id, struct field_errors *fe);
/* Changes the framework status: status, from (YYYY-MM-DD, may be empty: today), reason (required for
 * suspended and exited). */
enum ops_result ops_org_status(const struct ops_ctx *c, int64_t id, const char *status, const char *from,
			       const char *reason, struct field_errors *fe);
/* The relationship check for routes naming an organisation: the administrator and programme lead any;
 * others their own. 1, 0, or -1. */
int ops_org_may_see(const struct ops_ctx *c, int64_t id);
#endif
