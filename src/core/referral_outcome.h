/* What became of a referral in the closed-loop words told back to the referrer ("Seen; referred on to a lunch club"), never case notes. */
#ifndef WAYMARK_CORE_REFERRAL_OUTCOME_H
#define WAYMARK_CORE_REFERRAL_OUTCOME_H
#include <stddef.h>

#define OUTCOME_ONWARD_MAX 8
#define OUTCOME_LEN 600

struct referral_outcome_in {
	const char *status;       /* the referral's status code */
	const char *tier;         /* the triage tier code, "" before triage */
	const char *rejection;    /* the label of the reason for declining, "" when none */
	int contacted;            /* someone has spoken to the person */
	int case_closed, dropout; /* the case is closed; closed because the person could not be reached */
	const char *closure;      /* the label of the reason for closing, "" when none */
	const char *onward[OUTCOME_ONWARD_MAX]; /* services the person was referred on to */
	size_t nonward;
};

/*
 * Writes the outcome as one sentence for the referrer: "Waiting to be
 * read by the hub", "Not accepted: out of area", "Given information about
 * local services", "Being supported", "Seen; referred on to Thetford
 * Lunch Club and Walking for Health", "Seen; support finished (goals
 * met)", "Could not be reached", "Withdrawn".
 */
void referral_outcome_text(const struct referral_outcome_in *in, char *out, size_t n);
#endif
