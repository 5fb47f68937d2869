/* Directory writes: a listing added by any directory editor (owned by their
 * organisation) or changed by its owner's editors and the hub; a change
 * suggested by an editor of another organisation; the owner's answer. */
#ifndef WAYMARK_OPS_DIRECTORY_H
#define WAYMARK_OPS_DIRECTORY_H
#include "ops/ops.h"
#include "store/directory.h"

/* Adds (id 0) or replaces service id with in, checked against refs:
 * NOT_FOUND, FORBIDDEN (another organisation's listing: suggest a change),
 * INVALID (fe: in's problems added to any fe already held), or OK with
 * *out_id. Audited service.create or service.update. */
enum ops_result ops_service_save(const struct ops_ctx *c, int64_t id, const struct service_input *in,
				 const struct directory_refs *refs, struct field_errors *fe, int64_t *out_id);

/* Records how in differs from service id as an open suggestion for its
 * owner: NOT_FOUND, INVALID (fe; also when nothing differs) or OK with
 * *out_id. Audited service.suggest. */
enum ops_result ops_service_suggest(const struct ops_ctx *c, int64_t id, const struct service_input *in,
				    const struct directory_refs *refs, struct field_errors *fe, int64_t *out_id);

/* The owner's editors or the hub accept (the changes are saved as above,
 * audited service.update too) or reject an open suggestion of service_id:
 * NOT_FOUND (no such service, or suggestion of it), FORBIDDEN, INVALID
 * (suggestion_id not a number (-1), or the changes no longer fit the
 * service), CONFLICT (no longer open) or OK. Audited service.suggestion.*. */
enum ops_result ops_suggestion_decide(const struct ops_ctx *c, int64_t service_id, int64_t suggestion_id, int accept,
				      const struct directory_refs *refs, struct field_errors *fe);
#endif
