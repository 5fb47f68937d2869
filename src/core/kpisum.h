/* The follow-up KPI's summaries: what one referral adds to them, and how a period of London days splits into whole months and single days. */
#ifndef WAYMARK_CORE_KPISUM_H
#define WAYMARK_CORE_KPISUM_H
#include <stdint.h>
#include "core/workclock.h"

enum kpisum_grain { KPISUM_DAY = 0, KPISUM_MONTH = 1 };
/* histogram levels: counted hours, counted minutes; the hour not-yet-contacted referrals fall due (the live figures) */
enum kpisum_level { KPISUM_HOURS = 1, KPISUM_MINUTES = 2, KPISUM_DUE = 3 };

#define KPISUM_AREA_MAX 40

/* One referral's raw facts, as the KPI over raw rows reads them. */
struct kpisum_facts {
	int64_t received_at, sla_due_at;
	int64_t first_contact_at;  /* the first successful contact, or KPI_NONE */
	int64_t attempts;          /* contact records of any outcome */
	int ended;                 /* status rejected or withdrawn */
	const char *area;          /* people.area; NULL or "" when unknown */
};

/* What the referral adds to the summaries (every count 0 or 1 except attempts). */
struct kpisum_contrib {
	int64_t day, month;        /* London day of receipt and its month (kpisum_month_of) */
	char area[KPISUM_AREA_MAX]; /* "" when unknown */
	int64_t counted, left_out, within, late, attempts;
	int64_t elapsed;           /* counted seconds to the first successful contact, or -1 */
	int64_t contact_at;        /* that contact's time, or 0 */
	int64_t due_hour;          /* not contacted and counted: sla_due_at / 3600 (UTC hours), else -1 */
};

/* Month number of a London day (year * 12 + month - 1), and the first day of a month number. */
int64_t kpisum_month_of(int64_t day);
int64_t kpisum_month_first_day(int64_t month);

/*
 * The contribution of one referral. A referral rejected or withdrawn
 * without a successful contact is left out (only left_out is 1); every
 * other one is counted, with its first successful contact within or after
 * sla_due_at, the counted time to it (workclock_elapsed) and all its contact
 * records. Contacts are taken as having happened (the caller checks "as at").
 */
void kpisum_contrib_of(const struct workclock *wc, const struct kpisum_facts *f, struct kpisum_contrib *out);

/* 1 if the two contributions are the same (nothing to write). */
int kpisum_contrib_same(const struct kpisum_contrib *a, const struct kpisum_contrib *b);

/*
 * London days from..to inclusive as whole months first..last (none when
 * month_first > month_last) and up to two runs of single days before and
 * after them (a run is empty when its from > to). When no whole month fits,
 * all the days are in the first run.
 */
struct kpisum_split {
	int64_t day_from[2], day_to[2];
	int64_t month_first, month_last;
};
void kpisum_split_days(int64_t from_day, int64_t to_day, struct kpisum_split *out);
#endif
