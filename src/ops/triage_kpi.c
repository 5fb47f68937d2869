/* The follow-up KPI as the API and the page ask for it: a period and an
 * area checked, then the figures from the summaries. */
#include "core/londontime.h"
#include "core/triage_check.h"
#include "ops/triage.h"
#include "store/calendar.h"
#include "store/kpisum.h"

enum ops_result ops_triage_kpi(const struct ops_ctx *c, const char *from, const char *to, const char *area,
			       struct ops_triage_kpi *out, struct field_errors *fe)
{
	triage_check_period(from, to, london_local_days(c->now), &out->from_day, &out->to_day, fe);
	out->area = area && *area ? area : NULL;
	if (out->area) {
		int has = triage_area_name(c->db, out->area, NULL, 0);
		if (has < 0)
			return OPS_ERROR;
		if (!has)
			fielderr_add(fe, "area", "Choose an area by its code, like breckland or norwich");
	}
	if (fe->n)
		return OPS_INVALID;
	if (kpisum_followup(c->db, &calendar_app()->wc, out->from_day, out->to_day, out->area, c->now, &out->k))
		return OPS_ERROR;
	return OPS_OK;
}
