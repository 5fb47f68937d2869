/* The 24-hour follow-up clock: counted time that pauses at weekends and on bank holidays. */
#ifndef WAYMARK_CORE_WORKCLOCK_H
#define WAYMARK_CORE_WORKCLOCK_H
#include <stddef.h>
#include <stdint.h>

/*
 * The clock counts real elapsed seconds, except on paused London local days:
 * Saturdays and Sundays unless count_weekends is set (so the pause is Saturday 00:00 to Monday 00:00
 * local), and, when use_holidays is set, each listed bank holiday (local
 * 00:00 to the next local 00:00). Because real seconds are counted and clock
 * changes happen on Sundays, GMT/BST changes neither add nor lose an hour: a
 * referral received at Friday 10:00 is due on Monday at 10:00 local time.
 *
 * holidays: local day numbers (dt_days_from_civil) in ascending order;
 * duplicates are harmless, weekend dates are harmless (already paused).
 * Borrowed: the array must outlive every call. An unsorted array gives wrong
 * answers (never undefined behaviour). NULL is allowed when n_holidays is 0.
 *
 * Instants outside DT_SECONDS_MIN..DT_SECONDS_MAX (years 0000-9999) are
 * clamped into that range. Each call costs O(days spanned + log n_holidays).
 */
struct workclock {
	const int64_t *holidays;
	size_t n_holidays;
	int use_holidays;
	int count_weekends; /* 1: Saturdays and Sundays count (setting followup_counts_weekends) */
};

/* 1 if London local day local_days is paused under wc. */
int workclock_is_paused_day(const struct workclock *wc, int64_t local_days);

/*
 * The earliest instant at which the counted time since received_utc reaches
 * allowance_seconds. Receipt during a pause starts counting when the pause
 * ends. A due time is never strictly inside a pause: an allowance used up
 * exactly at Friday 24:00 is due at Saturday 00:00. An allowance of 0 or less
 * is due at receipt. Returns INT64_MAX if the due time would be after
 * 9999-12-31 (in effect, never).
 */
int64_t workclock_due(const struct workclock *wc, int64_t received_utc, int64_t allowance_seconds);

/*
 * Counted seconds in [from_utc, to_utc); 0 if to_utc <= from_utc. Additive:
 * elapsed(a, c) == elapsed(a, b) + elapsed(b, c) for a <= b <= c.
 */
int64_t workclock_elapsed(const struct workclock *wc, int64_t from_utc, int64_t to_utc);

/*
 * Counted seconds from now_utc until due_utc, or, once due_utc has passed,
 * minus the counted seconds since it. Counted time stands still in a pause,
 * so a referral due at Saturday 00:00 shows 0 all weekend: decide "breached"
 * by now_utc > due_utc, and use this for "how long left / how late".
 */
int64_t workclock_remaining(const struct workclock *wc, int64_t now_utc, int64_t due_utc);
#endif
