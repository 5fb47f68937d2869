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
 * volunteer.apply. *id gets the new volunteer.
 */
enum ops_result ops_volunteer_apply(const struct ops_ctx *c, struct volunteer_input *in, const char *consent,
				    struct field_errors *fe, int64_t *id);
#endif
