/* The board pack: the reports of one area for a period by month, against the period before and the county. */
#include <stdio.h>
#include <string.h>
#include "core/datetime.h"
#include "core/londontime.h"
#include "core/triage_check.h"
#include "ops/report_pack.h"
#include "store/report.h"

const char *report_title(enum report_id r)
{
	static const char *const titles[REPORT__N] = {
		"Activity",	      "24-hour follow-up", "Case work",	  "Onward referrals",	 "Unmet needs",
		"Outcomes",	      "Discharge support", "Volunteers", "Workforce", "Hours given",
	};
	return (unsigned)r < REPORT__N ? titles[r] : "";
}

void ops_report_pack_free(struct report_pack *p)
{
	for (size_t i = 0; i < p->n; i++) {
		ops_report_free(&p->by_month[i]);
		ops_report_free(&p->prev[i]);
		ops_report_free(&p->county[i]);
	}
	p->n = 0;
}

enum ops_result ops_report_pack(const struct ops_ctx *c, const char *area, const char *from, const char *to,
				struct report_pack *out, struct field_errors *fe)
{
	memset(out, 0, sizeof *out);
	int kind = report_area_name(c->db, area, out->area_name, sizeof out->area_name);
	if (kind == -1)
		return OPS_ERROR;
	if (kind == -2)
		fielderr_add(fe, "area", "Choose an HWP area or a Place Board");
	triage_check_period(from, to, london_local_days(c->now), &out->from_day, &out->to_day, fe);
	if (!fe->n && out->to_day - out->from_day > 365)
		fielderr_add(fe, "from", "A board pack covers at most a year");
	if (fe->n)
		return OPS_INVALID;
	snprintf(out->area, sizeof out->area, "%s", area);
	out->prev_to_day = out->from_day - 1;
	out->prev_from_day = out->prev_to_day - (out->to_day - out->from_day);
	static const enum report_id sections[REPORT_PACK_SECTIONS] = {
		REPORT_ACTIVITY,    REPORT_FOLLOWUP,  REPORT_CASEWORK,   REPORT_ONWARD, REPORT_UNMET_NEEDS,
		REPORT_OUTCOMES,    REPORT_DISCHARGE, REPORT_VOLUNTEERS, REPORT_HOURS,
	};
	int month = report_dim_by_name("month");
	for (size_t i = 0; i < REPORT_PACK_SECTIONS; i++) {
		out->section[i] = sections[i];
		out->n = i + 1;
		enum ops_result r = ops_report_area_days(c, sections[i], month, area, out->from_day, out->to_day,
							 &out->by_month[i]);
		if (r == OPS_OK)
			r = ops_report_area_days(c, sections[i], -2, area, out->prev_from_day, out->prev_to_day, &out->prev[i]);
		if (r == OPS_OK)
			r = ops_report_days(c, sections[i], -2, out->from_day, out->to_day, 0, &out->county[i]);
		if (r != OPS_OK)
			return r;
	}
	return OPS_OK;
}
