/* Volunteer recruitment campaigns: a coordinator or provider manager adds
 * one for their organisation; the public application form attributes an
 * applicant to the campaign whose link they followed. */
#ifndef WAYMARK_OPS_CAMPAIGNS_H
#define WAYMARK_OPS_CAMPAIGNS_H
#include "core/campaign.h"
#include "ops/ops.h"

/*
 * Checks in by core/campaign's rules and that the area exists (fe "area"),
 * then stores the campaign for c's organisation, audited campaign.add.
 * *id gets the new campaign.
 */
enum ops_result ops_campaign_add(const struct ops_ctx *c, const struct campaign_input *in, struct field_errors *fe,
				 int64_t *id);
#endif
