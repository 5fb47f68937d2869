/* What is due next on a case and when (see core/casework.h). */
#include "core/casework.h"

const char *casework_due(const struct casework_due_in *in, int64_t *due_at)
{
	*due_at = 0;
	if (!in->open)
		return "";
	if (in->last_contact_at <= 0) {
		*due_at = in->sla_due_at;
		return CASEWORK_DUE_FIRST_CONTACT;
	}
	*due_at = in->last_contact_at + (int64_t)in->due_days * 86400;
	if (in->sessions <= 0)
		return CASEWORK_DUE_FIRST_SESSION;
	if (!in->has_baseline)
		return CASEWORK_DUE_BASELINE;
	if (in->sessions >= in->planned_sessions)
		return CASEWORK_DUE_CLOSURE;
	return CASEWORK_DUE_SESSION;
}
