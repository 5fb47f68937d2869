/* Workers' records' writes (provider managers for their organisation, the hub, the programme lead, the
 * command line): register a user as a worker, change the record (ending employment), remove an absence. */
#ifndef WAYMARK_OPS_WORKFORCE_H
#define WAYMARK_OPS_WORKFORCE_H
#include "core/workforce.h"
#include "ops/ops.h"

/* Registers the user (by user_email, else user_id) as a worker of the user's organisation. given: values by
 * enum worker_field as text (lists comma-separated; NULL not given). Problems under the field's key
 * ("user_email" / "user_id" for the user). */
enum ops_result ops_worker_add(const struct ops_ctx *c, const char *user_email, int64_t user_id,
			       const char *const given[WORKER_F__COUNT], int64_t *id, struct field_errors *fe);
/* Changes worker id's record, keeping each field given as NULL. An end of employment on or before today
 * stops them taking new cases. */
enum ops_result ops_worker_edit(const struct ops_ctx *c, int64_t id, const char *const given[WORKER_F__COUNT],
				struct field_errors *fe);
enum ops_result ops_worker_absence_remove(const struct ops_ctx *c, int64_t worker_id, int64_t absence_id);
#endif
