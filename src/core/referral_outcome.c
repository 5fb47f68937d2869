/* The closed-loop outcome told back to a referrer, from the referral's status, triage and case (no case notes). */
#include <stdio.h>
#include <string.h>
#include "core/referral_outcome.h"

static int is(const char *a, const char *b)
{
	return a && strcmp(a, b) == 0;
}

/* "A", "A and B", "A, B and C". */
static void join(const char *const *v, size_t n, char *out, size_t len)
{
	size_t used = 0;
	out[0] = '\0';
	for (size_t i = 0; i < n && used < len; i++) {
		const char *sep = i == 0 ? "" : i + 1 == n ? " and " : ", ";
		int w = snprintf(out + used, len - used, "%s%s", sep, v[i]);
		if (w < 0)
			break;
		used += (size_t)w;
	}
}

void referral_outcome_text(const struct referral_outcome_in *in, char *out, size_t n)
{
	char list[OUTCOME_LEN];
	if (is(in->status, "withdrawn")) {
		snprintf(out, n, "Withdrawn");
	} else if (is(in->status, "rejected")) {
		snprintf(out, n, "Not accepted%s%s", in->rejection && in->rejection[0] ? ": " : "",
			 in->rejection ? in->rejection : "");
	} else if (is(in->status, "received")) {
		snprintf(out, n, "Waiting to be read by the hub");
	} else if (is(in->tier, "signpost")) {
		snprintf(out, n, "Given information about local services");
	} else if (in->case_closed && in->dropout) {
		snprintf(out, n, "Could not be reached; support closed");
	} else if (in->case_closed || is(in->status, "closed")) {
		if (in->nonward) {
			join(in->onward, in->nonward, list, sizeof list);
			snprintf(out, n, "Seen; referred on to %s", list);
		} else {
			snprintf(out, n, "Seen; support finished%s%s%s", in->closure && in->closure[0] ? " (" : "",
				 in->closure ? in->closure : "", in->closure && in->closure[0] ? ")" : "");
		}
	} else if (in->contacted || is(in->status, "in_progress")) {
		if (in->nonward) {
			join(in->onward, in->nonward, list, sizeof list);
			snprintf(out, n, "Being supported; referred on to %s", list);
		} else {
			snprintf(out, n, "Being supported");
		}
	} else {
		snprintf(out, n, "Accepted; waiting for first contact");
	}
}
