/* Recording a volunteer's training completions: checked, stored, audited. */
#include <stdio.h>
#include <stdlib.h>
#include "core/londontime.h"
#include "ops/training.h"
#include "ops/volunteers.h"
#include "store/training.h"

enum ops_result ops_volunteer_training(const struct ops_ctx *c, int64_t volunteer_id, struct training_item *items,
				       size_t n, struct field_errors *fe)
{
	int f = ops_volunteer_managed(c, volunteer_id, NULL);
	if (f < 0)
		return OPS_ERROR;
	if (f == 0)
		return OPS_NOT_FOUND;
	struct training_catalogue *cat = malloc(sizeof *cat);
	if (!cat)
		return OPS_ERROR;
	enum ops_result r = OPS_INVALID;
	if (training_catalogue_load(c->db, cat)) {
		r = OPS_ERROR;
		goto done;
	}
	if (training_validate(items, n, cat->codes, cat->n, london_local_days(c->now), fe))
		goto done;
	if ((r = ops_begin(c)) != OPS_OK)
		goto done;
	for (size_t i = 0; i < n; i++)
		if (training_done_put(c->db, volunteer_id, items[i].code, items[i].day, c->user_id, c->now)) {
			r = ops_fail(c, OPS_ERROR);
			goto done;
		}
	char detail[64];
	snprintf(detail, sizeof detail, "%zu module(s)", n);
	r = ops_commit_audited(c, AUDIT_VOLUNTEER_TRAINING, "volunteer", volunteer_id, 0, detail);
done:
	free(cat);
	return r;
}
