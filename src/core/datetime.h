/* Civil (proleptic Gregorian) date arithmetic and strict ISO 8601 parsing and formatting. */
#ifndef WAYMARK_CORE_DATETIME_H
#define WAYMARK_CORE_DATETIME_H
#include <stdint.h>

/*
 * Day numbers count days since 1970-01-01 (day 0); instants are UTC seconds
 * since the epoch without leap seconds (POSIX time). Dates are supported from
 * 0000-01-01 to 9999-12-31, the range four-digit ISO 8601 years can write.
 */
#define DT_DAYS_MIN (-719528)  /* 0000-01-01 */
#define DT_DAYS_MAX 2932896    /* 9999-12-31 */
#define DT_SECONDS_MIN ((int64_t)DT_DAYS_MIN * 86400)
#define DT_SECONDS_MAX ((int64_t)DT_DAYS_MAX * 86400 + 86399)

/* Length of the texts written by dt_format_utc and dt_format_date, with the NUL. */
#define DT_UTC_LEN 21
#define DT_DATE_LEN 11

/*
 * Day number of y-m-d. A month outside 1..12 carries into the year and a day
 * outside the month carries into the next or previous months (2026-13-01 is
 * 2027-01-01, 2026-03-00 is 2026-02-28), so callers that need a real date
 * must validate first (dt_parse_date does). Defined for every int argument.
 */
int64_t dt_days_from_civil(int y, int m, int d);

/* Writes the date of a day number. Returns 0, or -1 outside DT_DAYS_MIN..DT_DAYS_MAX. */
int dt_civil_from_days(int64_t days, int *y, int *m, int *d);

/* 0 = Monday .. 6 = Sunday, for any day number. */
int dt_weekday(int64_t days);

/* 1 if y is a Gregorian leap year. */
int dt_is_leap(int y);

/* Days in month m (1..12) of year y; 0 for any other m. */
int dt_days_in_month(int y, int m);

/* Floor division of an instant into its UTC day number, correct for negative instants. */
int64_t dt_day_of(int64_t utc_seconds);

/*
 * Parses exactly "YYYY-MM-DD" naming a real date (no 2026-02-30, no signs,
 * no surrounding space). Returns 0 and writes *days, or -1 leaving it alone.
 */
int dt_parse_date(const char *s, int64_t *days);

/*
 * Parses exactly "YYYY-MM-DDTHH:MM:SS", then optionally '.' and one or more
 * digits (ignored: we keep whole seconds), then "Z" or "+HH:MM" / "-HH:MM".
 * Uppercase T and Z only; no leap second (":60"); offsets up to 23:59.
 * Returns 0 and writes *utc_seconds, or -1 leaving it alone.
 */
int dt_parse_iso8601(const char *s, int64_t *utc_seconds);

/*
 * Writes "2026-12-24T16:00:00Z" (20 characters and a NUL). Outside
 * DT_SECONDS_MIN..DT_SECONDS_MAX writes the same shape with every digit as
 * a question mark, so a bad value is visible rather than wrapped into a
 * plausible one.
 */
void dt_format_utc(int64_t t, char out[DT_UTC_LEN]);

/* Writes "2026-12-24"; question marks outside the supported range. */
void dt_format_date(int64_t days, char out[DT_DATE_LEN]);

/*
 * Whole years completed between a date of birth and a day. Someone born on
 * 29 February becomes a year older on 1 March in common years (the usual
 * reading in England and Wales). Returns -1 if on_days is before dob_days.
 */
int dt_age_years(int64_t dob_days, int64_t on_days);
#endif
