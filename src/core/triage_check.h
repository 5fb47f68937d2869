/* The triage writes' rules that need no database: when a contact can be
 * recorded, a worker's absence, and the follow-up KPI's period. Problems go
 * to fe as {field, message}, the same for the API and the pages. */
#ifndef WAYMARK_CORE_TRIAGE_CHECK_H
#define WAYMARK_CORE_TRIAGE_CHECK_H
#include <stdint.h>
#include "core/fielderr.h"

#define TRIAGE_CONTACT_SKEW 300        /* seconds a contact time may run ahead of our clock */
#define TRIAGE_ABSENCE_DAYS 366        /* the longest absence recorded in one piece */
#define TRIAGE_ABSENCE_REASON_MAX 200  /* bytes */
#define TRIAGE_KPI_MAX_DAYS 3660       /* the longest period the KPI is figured over */

/* 1 if a contact may be recorded on a referral in status: not once it was
 * declined or withdrawn (the person is no longer to be reached). */
int triage_contact_open(const char *status);

/* A contact at `at` on a referral received at received_at, recorded at now:
 * not before the referral, not in the future. Adds "at" problems to fe. */
void triage_check_contact_time(int64_t at, int64_t received_at, int64_t now, struct field_errors *fe);

/* A worker's absence from the first to the last day (YYYY-MM-DD, NULL when
 * not given) with an optional reason. Sets *from_day and *to_day when they
 * parse; adds "from", "to" and "reason" problems to fe. */
void triage_check_absence(const char *from, const char *to, const char *reason, int64_t *from_day, int64_t *to_day,
			  struct field_errors *fe);

/* The KPI period from..to (YYYY-MM-DD London days, inclusive; NULL or "":
 * the 30 days to today). Sets *from_day and *to_day; adds "from" and "to"
 * problems to fe. */
void triage_check_period(const char *from, const char *to, int64_t today, int64_t *from_day, int64_t *to_day,
			 struct field_errors *fe);
#endif
