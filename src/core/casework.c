/* The rules of a case beyond one field (see core/casework.h). */
#include <stdio.h>
#include <string.h>
#include "core/casework.h"
#include "core/instrument.h"

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

void casework_measure_check(const char *instrument, const char *phase, const int *answers, size_t n,
			    struct field_errors *fe)
{
	const struct instrument_def *def = instrument_get(instrument ? instrument_lookup(instrument) : INSTRUMENT_UNKNOWN);
	if (!def && !fielderr_for(fe, "instrument"))
		fielderr_add(fe, "instrument", "Choose the instrument: swemwbs, ons4, gse or eqvas");
	if (!(phase && (strcmp(phase, "baseline") == 0 || strcmp(phase, "follow_up") == 0)) && !fielderr_for(fe, "phase"))
		fielderr_add(fe, "phase", "Choose the phase: baseline (first session) or follow_up (at closure)");
	if (!def || fielderr_for(fe, "answers"))
		return;
	if (n != def->nitems) {
		fielderr_add(fe, "answers", "%s needs %zu answer%s, one per item, got %zu", def->label, def->nitems,
			     def->nitems == 1 ? "" : "s", n);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		char f[40];
		snprintf(f, sizeof f, "answers[%zu]", i);
		if ((answers[i] < def->min || answers[i] > def->max) && !fielderr_for(fe, f))
			fielderr_add(fe, f, "Answer %zu (%s) is %d; %s answers are %d to %d", i + 1, def->items[i], answers[i],
				     def->label, def->min, def->max);
	}
}

int casework_repeats(const char *const *codes, size_t i)
{
	for (size_t k = 0; codes[i] && k < i; k++)
		if (codes[k] && strcmp(codes[k], codes[i]) == 0)
			return 1;
	return 0;
}
