/* Discharge support's words and numbers for people, shared by the API and
 * the pages: a home check's state, a referral's status, days to discharge. */
#ifndef WAYMARK_CORE_DISCHARGE_H
#define WAYMARK_CORE_DISCHARGE_H
#include <stdint.h>

#define DISCHARGE_NO_DAY (-999999) /* no expected discharge day */

/* The home check's state: not_needed, requested, needed, offered, taken,
 * done, missed or cancelled, from its task status (NULL or "" when there
 * is no check yet) and whether one was asked for or is needed. */
const char *discharge_state_code(const char *task_status, int requested);
/* A state's label for people. */
const char *discharge_state_label(const char *code);
/* "Awaiting triage", "Allocated", ... for a referral status code. */
const char *discharge_status_label(const char *status);
/* Whole days from today (London) to expected_day; INT64_MIN when unknown. */
int64_t discharge_days_to(int64_t expected_day, int64_t now);
#endif
