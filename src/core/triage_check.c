/* The triage writes' rules that need no database (see triage_check.h). */
#include <string.h>
#include "core/datehuman.h"
#include "core/datetime.h"
#include "core/londontime.h"
#include "core/triage_check.h"

int triage_contact_open(const char *status)
{
	return strcmp(status, "rejected") != 0 && strcmp(status, "withdrawn") != 0;
}

void triage_check_contact_time(int64_t at, int64_t received_at, int64_t now, struct field_errors *fe)
{
	if (at < received_at) {
		char when[LONDON_FORMAT_LEN];
		london_format(received_at, when);
		fielderr_add(fe, "at", "The contact cannot be before the referral was received (%s)", when);
	} else if (at > now + TRIAGE_CONTACT_SKEW) {
		fielderr_add(fe, "at", "The contact time cannot be in the future");
	}
}

void triage_check_absence(const char *from, const char *to, const char *reason, int64_t *from_day, int64_t *to_day,
			  struct field_errors *fe)
{
	int from_ok = 0, to_ok = 0;
	/* Dates as people type them (core/datehuman): 7/12/2026, 7 Dec 2026, 2026-12-07. */
	if (!fielderr_for(fe, "from") && !(from_ok = from && !dh_parse_date(from, from_day)))
		fielderr_add(fe, "from", "Enter the first day of the absence as a real date, like 7 12 2026");
	if (!fielderr_for(fe, "to") && !(to_ok = to && !dh_parse_date(to, to_day)))
		fielderr_add(fe, "to", "Enter the last day of the absence as a real date, like 11 12 2026");
	if (from_ok && to_ok && *to_day < *from_day)
		fielderr_add(fe, "to", "The last day cannot be before the first day");
	else if (from_ok && to_ok && *to_day - *from_day > TRIAGE_ABSENCE_DAYS)
		fielderr_add(fe, "to", "An absence can be at most a year; record a longer one in parts");
	if (reason && strlen(reason) > TRIAGE_ABSENCE_REASON_MAX)
		fielderr_add(fe, "reason", "The reason must be %d characters or fewer", TRIAGE_ABSENCE_REASON_MAX);
}

void triage_check_period(const char *from, const char *to, int64_t today, int64_t *from_day, int64_t *to_day,
			 struct field_errors *fe)
{
	size_t before = fe->n;
	*to_day = today;
	/* Dates as people type them (core/datehuman): 31/3/2026, 31 Mar 2026, 2026-03-31. */
	if (to && *to && dh_parse_date(to, to_day))
		fielderr_add(fe, "to", "Enter the last day as a real date, like 31 3 2026");
	*from_day = *to_day - 29;
	if (from && *from && dh_parse_date(from, from_day))
		fielderr_add(fe, "from", "Enter the first day as a real date, like 1 3 2026");
	if (fe->n == before && *from_day > *to_day)
		fielderr_add(fe, "from", "The first day cannot be after the last day");
	if (fe->n == before && *to_day - *from_day >= TRIAGE_KPI_MAX_DAYS)
		fielderr_add(fe, "from", "The period can be at most %d days", TRIAGE_KPI_MAX_DAYS);
}
