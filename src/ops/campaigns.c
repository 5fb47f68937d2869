/* Adding a volunteer recruitment campaign: checked by core/campaign, stored for the adder's organisation, audited. */
#include <stdio.h>
#include "core/datetime.h"
#include "ops/campaigns.h"
#include "store/campaign.h"
#include "util/text.h"

enum ops_result ops_campaign_add(const struct ops_ctx *c, const struct campaign_input *in, struct field_errors *fe,
				 int64_t *id)
{
	*id = 0;
	if (!c->org_id)
		return OPS_FORBIDDEN;
	int64_t start, end;
	campaign_validate(in, &start, &end, fe);
	if (!fielderr_for(fe, "area")) {
		int ok = campaign_area_exists(c->db, in->area);
		if (ok < 0)
			return OPS_ERROR;
		if (!ok)
			fielderr_add(fe, "area", "Choose one of the areas the service covers");
	}
	if (fe->n)
		return OPS_INVALID;
	/* Kept as ISO days whatever shape they were typed in ("5/12/2026"), so they compare and read back one way. */
	char from[DT_DATE_LEN], to[DT_DATE_LEN];
	dt_format_date(start, from);
	dt_format_date(end, to);
	enum ops_result r = ops_begin(c);
	if (r != OPS_OK)
		return r;
	if (campaign_insert(c->db, c->org_id, in->name, in->area, in->channel, from, to, c->user_id, c->now, id))
		return ops_fail(c, OPS_ERROR);
	char detail[200];
	snprintf(detail, sizeof detail, "%s %s %s..%s", in->area, in->channel, from, to);
	return ops_commit_audited(c, AUDIT_CAMPAIGN_ADD, "campaign", *id, 0, detail);
}
