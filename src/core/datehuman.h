/* Dates and times as people type and read them: "7/12/2026", "7 Dec 2026", "1pm" in, "7 Dec 2026" out. */
#ifndef WAYMARK_CORE_DATEHUMAN_H
#define WAYMARK_CORE_DATEHUMAN_H
#include <stdint.h>

/* Length of the texts written by dh_format_date and dh_format_minutes, with the NUL. */
#define DH_DATE_LEN 16
#define DH_TIME_LEN 6

/*
 * Writes a day number as "7 Dec 2026" (day without a leading zero, the
 * month's three-letter English name, four-digit year). Outside the years
 * 0001-9999 writes "unknown date".
 */
void dh_format_date(int64_t days, char out[DH_DATE_LEN]);
/*
 * Writes an ISO date as stored and sent by the API ("2026-12-07") as
 * "7 Dec 2026". Returns 0, or -1 leaving out alone when s is not one.
 */
int dh_format_iso(const char *s, char out[DH_DATE_LEN]);
/* Writes minutes after midnight (0..1439) as "09:32"; "--:--" otherwise. */
void dh_format_minutes(int minutes, char out[DH_TIME_LEN]);

/*
 * Parses a date as people type it, day before month (the UK order):
 *   "7/12/2026", "07/12/2026", "7-12-2026", "7.12.2026", "7 12 2026",
 *   "7 Dec 2026", "7 December 2026", "7th Dec 2026", "Dec 7 2026",
 *   "7 Dec, 2026", "Monday 7 December 2026", and ISO "2026-12-07".
 * Month names match in any case, by their first three letters or in full
 * ("Sept" too). Spaces around the text and around separators are ignored.
 * The year must have four digits (a two-digit year is ambiguous for dates
 * of birth); the date must exist (no 31 Nov, no 29 Feb 2027).
 * Returns 0 and writes *days, or -1 leaving it alone.
 */
int dh_parse_date(const char *s, int64_t *days);

/*
 * Parses a time of day: "13:30", "9:05", "09.05", "1330" (four digits),
 * "1pm", "1 pm", "1:30pm", "1.30 p.m.", "12am" (midnight), "12pm", "noon",
 * "midday", "midnight". Returns 0 and writes minutes after midnight
 * (0..1439), or -1 leaving it alone.
 */
int dh_parse_time(const char *s, int *minutes);

/*
 * Parses a date, optionally followed by a time ("7/12/2026 13:30",
 * "7 Dec 2026 at 1pm", "2026-12-07, 09:32", "2026-12-07T09:32"). Writes
 * *minutes -1 when no time was given. Returns 0, or -1 leaving both alone.
 */
int dh_parse_datetime(const char *s, int64_t *days, int *minutes);

/*
 * The NHS.UK date input: day, month and year typed in three boxes. The
 * month may be a number or a name. Returns 0 and writes *days; 1 when all
 * three are empty (or NULL); -1 when it is not a date.
 */
int dh_parse_parts(const char *day, const char *month, const char *year, int64_t *days);
#endif
