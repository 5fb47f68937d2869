/* The rules of a case beyond one field: what is due next (first contact, first session, measures, a session,
 * closure) and when; a measure's answers; an area of need assessed once. */
#ifndef WAYMARK_CORE_CASEWORK_H
#define WAYMARK_CORE_CASEWORK_H
#include <stddef.h>
#include <stdint.h>
#include "core/fielderr.h"

/* What the rule looks at; times in UTC seconds, 0 for never. */
struct casework_due_in {
	int open;                 /* the case is open */
	int64_t sla_due_at;       /* the referral's first-contact deadline */
	int64_t last_contact_at;  /* the latest successful contact or session */
	int sessions, planned_sessions;
	int has_baseline;         /* some instrument has a baseline */
	int due_days;             /* the longest gap between contacts */
};

/* Labels of what is due (stable: pages and the API show them). */
#define CASEWORK_DUE_FIRST_CONTACT "first contact"
#define CASEWORK_DUE_FIRST_SESSION "first session"
#define CASEWORK_DUE_BASELINE "baseline measures"
#define CASEWORK_DUE_SESSION "session"
#define CASEWORK_DUE_CLOSURE "follow-up measures and closure"

/*
 * What is due and by when: nothing (label "", *due_at 0) for a closed case;
 * before any contact the first contact by the referral's deadline; then the
 * next thing (first session, the baseline once a session is held without
 * one, another session, or the follow-up and closure once the planned
 * sessions are held) within due_days of the last contact. Returns the label
 * (static).
 */
const char *casework_due(const struct casework_due_in *in, int64_t *due_at);
/*
 * A measure: the instrument (core/instrument), the phase ("baseline" or
 * "follow_up") and one answer per item, each in the instrument's range.
 * Problems go to fe as "instrument", "phase", "answers" and "answers[i]"
 * (0-based); fields fe names already are left alone.
 */
void casework_measure_check(const char *instrument, const char *phase, const int *answers, size_t n,
			    struct field_errors *fe);

/* 1 when codes[i] is given and one of codes[0..i-1] is the same (an area of need assessed twice). */
int casework_repeats(const char *const *codes, size_t i);
#endif
