/* The relationship checks as a table: for each kind of record a route's {id}
 * can name (referral, volunteer, task, worker, case), whether the acting user has any relationship with that record
 * at all. The dispatcher runs it before the handler (http/server.c), so a
 * record the user may not see is a 404 and an audited refusal on every
 * route; handlers then make the finer checks of their operation. */
#ifndef WAYMARK_OPS_RELATIONS_H
#define WAYMARK_OPS_RELATIONS_H
#include <stdint.h>
#include "ops/ops.h"

/* 1 (a relationship), 0 (none: answer 404), -1 (store error), or 2 when
 * records of kind rel have no relationship rule (everyone the permission
 * matrix lets in may see them: services, users, people on the audit page). */
int ops_relation(const struct ops_ctx *c, const char *rel, int64_t id);
#endif
