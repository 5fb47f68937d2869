/* The follow-up KPI: how many referrals got a first successful contact within the 24 counted hours, how long it took, and which are late or about to be. */
#ifndef WAYMARK_CORE_KPI_H
#define WAYMARK_CORE_KPI_H
#include <stddef.h>
#include <stdint.h>
#include "core/workclock.h"

#define KPI_NONE INT64_MIN                 /* no successful contact (yet) */
#define KPI_AT_RISK_SECONDS (4 * 3600)     /* "at risk": under this much counted time left */

/* One referral as the KPI sees it (UTC seconds). */
struct kpi_referral {
	int64_t received_at;
	int64_t sla_due_at;       /* as stored at receipt: never recomputed here */
	int64_t first_contact_at; /* the first *successful* contact, or KPI_NONE */
};

/*
 * Where a referral stands at now_utc. A contact after now_utc has not
 * happened yet (so figures "as at" a past moment are reproducible).
 */
enum kpi_state {
	KPI_PENDING,          /* not contacted, due later, at least KPI_AT_RISK_SECONDS counted time left */
	KPI_AT_RISK,          /* not contacted, not yet due, under KPI_AT_RISK_SECONDS counted time left */
	KPI_OVERDUE,          /* not contacted and now_utc > sla_due_at: a breach */
	KPI_CONTACTED_WITHIN, /* first successful contact at or before sla_due_at */
	KPI_CONTACTED_LATE,   /* first successful contact after sla_due_at: a breach */
	KPI_STATE__MAX
};

/* "pending", "at_risk", "overdue", "contacted_within", "contacted_late"; "" out of range. */
const char *kpi_state_code(enum kpi_state state);

enum kpi_state kpi_state_of(const struct workclock *wc, const struct kpi_referral *r, int64_t now_utc);

struct kpi_followup {
	int64_t received;          /* referrals given */
	int64_t contacted;         /* with a first successful contact by now */
	int64_t contacted_within;  /* ... at or before sla_due_at */
	int64_t contacted_late;    /* ... after sla_due_at */
	int64_t overdue;           /* not contacted and now > sla_due_at */
	int64_t breaches;          /* contacted_late + overdue */
	int64_t at_risk;           /* not contacted, not due, under 4 counted hours left */
	int64_t pending;           /* not contacted and not yet due (at_risk included) */
	int pct_within_x100;       /* contacted_within / received in hundredths of a percent
				      (8750 = 87.50%), rounded half up; -1 when received is 0 */
	int64_t median_seconds;    /* median counted time (workclock_elapsed) from receipt to first
				      successful contact over the contacted; for an even count the mean
				      of the two middle values rounded half up; -1 when none contacted */
	int median_hours_x100;     /* median_seconds in hundredths of an hour, rounded half up; -1 if none */
	int64_t due;               /* settled: contacted, or past sla_due_at (received - pending) */
	int pct_due_x100;          /* contacted_within / due, the headline: the not-yet-due cannot
				      lower it; hundredths of a percent, half up; -1 when due is 0 */
};

/*
 * The follow-up figures for the n referrals (borrowed; the caller has
 * chosen them, e.g. received in a period and area) at now_utc. Returns 0,
 * or -1 when out of memory (for the median), with *out zeroed.
 */
int kpi_followup(const struct workclock *wc, const struct kpi_referral *refs, size_t n, int64_t now_utc,
		 struct kpi_followup *out);

/*
 * Fills the derived figures (contacted, breaches, percentage, median) of an
 * *out whose counts are set, from the two middle counted times of the
 * contacted (the same value twice for an odd count; -1 when none).
 */
void kpi_followup_finish(struct kpi_followup *out, int64_t mid_lo, int64_t mid_hi);
#endif
