/* Public volunteer applications: checked by the volunteer rules, stored as an applicant of the area's provider. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/londontime.h"
#include "core/postcode.h"
#include "ops/volunteer_apply.h"
#include "core/datetime.h"
#include "store/campaign.h"
#include "store/volunteer.h"
#include "util/text.h"

enum ops_result ops_volunteer_apply(const struct ops_ctx *c, struct volunteer_input *in, const char *consent,
				    int64_t campaign_id, struct field_errors *fe, int64_t *id)
{
	*id = 0;
	/* Only what the public form asks; the rest is the coordinators'. */
	for (int f = 0; f < VF__MAX; f++)
		if (f != VF_NAME && f != VF_EMAIL && f != VF_PHONE && f != VF_POSTCODE && f != VF_CAR &&
		    f != VF_TRAVEL_RADIUS && f != VF_MAX_TASKS_PER_WEEK)
			in->f[f] = NULL;
	in->f[VF_STATUS] = "applicant";
	in->days_off = NULL;
	in->n_training = 0;
	struct volunteer_rec *rec = malloc(sizeof *rec);
	if (!rec)
		return OPS_ERROR;
	enum ops_result r = OPS_INVALID;
	int bad = volunteer_validate(in, london_local_days(c->now), rec, fe);
	if (text_blank(in->f[VF_EMAIL]) && text_blank(in->f[VF_PHONE]) && !fielderr_for(fe, "email"))
		fielderr_add(fe, "email", "Enter an email address or a phone number, so a coordinator can contact you");
	if (!consent || strcmp(consent, "yes") != 0)
		fielderr_add(fe, "consent", "Confirm that we may keep your details to contact you about volunteering");
	int64_t org = 0, user_id = 0;
	double lat = 0, lon = 0;
	char out[POSTCODE_OUTCODE_LEN];
	if (!bad && !fielderr_for(fe, "postcode") && postcode_outcode(rec->postcode, out) == 0 &&
	    store_exec(c->db, STMT_VOL_APPLY_ORG, store_row_first_int, &org, "s", out) < 0) {
		r = OPS_ERROR;
		goto done;
	}
	if (bad || fe->n) {
		/* The district too, so one answer names every problem. */
		if (!bad && volunteer_check_refs(c->db, rec, org, 0, &user_id, &lat, &lon, fe) < 0)
			r = OPS_ERROR;
		goto done;
	}
	if ((r = ops_begin(c)) != OPS_OK)
		goto done;
	int refs = volunteer_check_refs(c->db, rec, org, 0, &user_id, &lat, &lon, fe);
	if (refs || !org) {
		if (!refs)
			fielderr_add(fe, "postcode", "No provider takes volunteers for this postcode yet");
		r = ops_fail(c, refs < 0 ? OPS_ERROR : OPS_INVALID);
		goto done;
	}
	if (volunteer_create(c->db, org, 0, lat, lon, rec, c->now, id)) {
		r = ops_fail(c, OPS_ERROR);
		goto done;
	}
	/* Through a campaign's link: kept when the campaign is running today, else simply not attributed. */
	int64_t corg = 0;
	char today[DT_DATE_LEN], detail[48] = "applicant";
	dt_format_date(london_local_days(c->now), today);
	if (campaign_id > 0 && (campaign_running_org(c->db, campaign_id, today, &corg) ||
				(corg && campaign_attribute(c->db, *id, campaign_id)))) {
		r = ops_fail(c, OPS_ERROR);
		goto done;
	}
	if (corg)
		snprintf(detail, sizeof detail, "applicant campaign %lld", (long long)campaign_id);
	r = ops_commit_audited(c, AUDIT_VOLUNTEER_APPLY, "volunteer", *id, 0, detail);
done:
	free(rec);
	return r;
}
