/* Europe/London civil time (GMT and BST) computed from the rule, without a tz database. */
#ifndef WAYMARK_CORE_LONDONTIME_H
#define WAYMARK_CORE_LONDONTIME_H
#include <stdint.h>

/*
 * British Summer Time (UTC+1) runs from 01:00 UTC on the last Sunday in
 * March to 01:00 UTC on the last Sunday in October; GMT (UTC+0) otherwise.
 * That is the rule in force since 1996, when the end of BST moved to the
 * last Sunday in October in line with the EU; before then it ended earlier
 * in some years (22 October 1995, for example). Earlier instants get the
 * same rule applied, so results are only right from 1996 on, and a future
 * change to the law would need a change here. Instants outside
 * DT_SECONDS_MIN..DT_SECONDS_MAX (years 0000-9999) are treated as GMT.
 *
 * Local midnight is never skipped or repeated, because the changes happen
 * at 01:00 UTC, so every local day has exactly one 00:00; the day BST starts
 * is 23 hours long and the day it ends is 25.
 */

/* Length of the text written by london_format, with the NUL. */
#define LONDON_FORMAT_LEN 32

/* Seconds to add to UTC to get London local time: 0 or 3600. */
int london_offset(int64_t utc);

/* 1 if utc falls in British Summer Time. */
int london_is_bst(int64_t utc);

/* The London local calendar day (days since 1970-01-01) containing utc. */
int64_t london_local_days(int64_t utc);

/*
 * The UTC instant of local 00:00 on local day local_days. Saturates at
 * INT64_MIN / INT64_MAX for day numbers whose midnight is not representable.
 */
int64_t london_midnight_utc(int64_t local_days);

/*
 * Writes London local time as "24 Dec 2026 16:00" (day without a leading
 * zero, 24-hour clock). Outside the supported range writes "unknown time".
 */
void london_format(int64_t utc, char out[LONDON_FORMAT_LEN]);
#endif
