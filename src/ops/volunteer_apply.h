/* A public volunteer application: someone offers to volunteer through the
 * public form and becomes an applicant (volunteer status "applicant") of the
 * provider serving their area, for its coordinators to review. */
#ifndef WAYMARK_OPS_VOLUNTEER_APPLY_H
#define WAYMARK_OPS_VOLUNTEER_APPLY_H
#include "core/volunteer.h"
#include "ops/ops.h"

/*
 * Checks the application (in: name, email, phone, postcode, skills,
 * availability, car, travel_radius_km, max_tasks_per_week; any status is
 * replaced by applicant, other fields are not taken) and consent ("yes",
 * fe "consent"); at least one of email and phone (fe "email"). Stores the
 * applicant with the organisation serving the postcode district, audited
 * volunteer.apply. campaign_id (0 for none) is kept on the applicant when
 * that campaign runs today; an unknown or ended one is not attributed.
 * *id gets the new volunteer.
 */
enum ops_result ops_volunteer_apply(const struct ops_ctx *c, struct volunteer_input *in, const char *consent,
				    int64_t campaign_id, struct field_errors *fe, int64_t *id);
#endif
