/* Volunteer compliance: whether a DBS check lets a volunteer make a home
 * visit at a given time, and when renewal reminders fall due (60, 30, 7 days). */
#ifndef WAYMARK_CORE_COMPLIANCE_H
#define WAYMARK_CORE_COMPLIANCE_H
#include <stdint.h>

/* Levels of a Disclosure and Barring Service check, weakest first. */
enum dbs_level { DBS_NONE = 0, DBS_BASIC, DBS_STANDARD, DBS_ENHANCED, DBS__MAX };

/* Day numbers are London local dates (days since 1970-01-01). */
#define COMPLIANCE_NO_DAY INT64_MIN

struct dbs_check {
	enum dbs_level level;
	int64_t certificate_day; /* COMPLIANCE_NO_DAY when unknown */
	int update_service;      /* on the DBS Update Service */
	int64_t renewal_day;     /* the day it must be renewed by; COMPLIANCE_NO_DAY when none */
};

/* "basic", "standard", "enhanced" ("" for none); -1 from_code for others. */
const char *dbs_level_code(enum dbs_level level);
const char *dbs_level_label(enum dbs_level level); /* "Enhanced", "None" */
int dbs_level_from_code(const char *code);

/*
 * The first instant at which the check no longer covers a home visit: 00:00
 * London time on the renewal day. 0 when it never covers one: not enhanced,
 * no certificate or renewal date, or a renewal date not after the
 * certificate. A visit whose window ends at or before this instant, and that
 * is offered before it, is covered.
 */
int64_t compliance_home_visit_until(const struct dbs_check *d);

/*
 * What matching is given as the volunteer's enhanced-DBS cover at now
 * (struct match_volunteer's dbs_enhanced_valid_until): as above, but 0 while
 * the certificate date is still in the future.
 */
int64_t compliance_home_visit_until_at(const struct dbs_check *d, int64_t now);

/*
 * 1 when a volunteer with check d may be offered, at now, a home visit in
 * the window [window_start, window_end): the check is enhanced, its
 * certificate was issued by today, and its renewal date is after both today
 * and the last day of the window. 0 otherwise.
 */
int compliance_home_visit_ok(const struct dbs_check *d, int64_t now, int64_t window_end);

/* The renewal reminder stages, in the order they fall due. */
enum compliance_stage {
	COMPLIANCE_OK = 0,      /* no check to renew, or renewal more than 60 days away */
	COMPLIANCE_DUE_60,      /* renewal in 31..60 days */
	COMPLIANCE_DUE_30,      /* renewal in 8..30 days */
	COMPLIANCE_DUE_7,       /* renewal in 1..7 days */
	COMPLIANCE_LAPSED,      /* renewal day reached: no home visits until renewed */
	COMPLIANCE__MAX
};

/* 60, 30, 7 for the DUE stages, 0 otherwise. */
int compliance_stage_days(enum compliance_stage s);

/* The stage of a check on London local day today (checks without a renewal
 * date are COMPLIANCE_OK: there is nothing to renew). */
enum compliance_stage compliance_stage_on(const struct dbs_check *d, int64_t today);

/* Whole days from today to the renewal day (negative once passed); INT64_MIN without one. */
int64_t compliance_days_left(const struct dbs_check *d, int64_t today);

/*
 * The reminder a job should send on day today, given the last stage already
 * sent for this renewal day (COMPLIANCE_OK if none): the current stage when
 * it is a later one than last_sent, else COMPLIANCE_OK. A check first seen
 * at 20 days gets the 30-day reminder once, not the 60-day one as well.
 */
enum compliance_stage compliance_reminder_due(const struct dbs_check *d, int64_t today,
					      enum compliance_stage last_sent);

/* The day the reminder of a DUE stage falls due (renewal day minus 60, 30 or
 * 7), or COMPLIANCE_NO_DAY for other stages or without a renewal date. */
int64_t compliance_reminder_day(const struct dbs_check *d, enum compliance_stage s);

/*
 * Checks a DBS record as entered: a level without a certificate date, a
 * certificate in the future (after today), or a renewal date not after the
 * certificate. Returns NULL when fine, else a message naming the problem
 * (static), and sets *field to "certificate_date" or "renewal_date".
 */
const char *compliance_dbs_problem(const struct dbs_check *d, int64_t today, const char **field);
#endif
