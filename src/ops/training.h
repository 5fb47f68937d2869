/* Recording a volunteer's training completions (the volunteer passport) by
 * a coordinator or provider manager of the volunteer's organisation. */
#ifndef WAYMARK_OPS_TRAINING_H
#define WAYMARK_OPS_TRAINING_H
#include "core/training.h"
#include "ops/ops.h"

/*
 * Checks items by core/training's rules against the catalogue and records
 * each (replacing an earlier date of the same module), one transaction
 * audited volunteer.training. Another organisation's volunteer is
 * OPS_NOT_FOUND, as a missing one.
 */
enum ops_result ops_volunteer_training(const struct ops_ctx *c, int64_t volunteer_id, struct training_item *items,
				       size_t n, struct field_errors *fe);
#endif
