/* Civil (proleptic Gregorian) date arithmetic and strict ISO 8601 parsing and formatting. */
#include "core/datetime.h"

#include <stddef.h>

/*
 * Floor division and modulus (b > 0): C's / truncates towards zero, which is
 * wrong before 1970. Neither overflows for any a.
 */
static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

static int64_t
floor_mod(int64_t a, int64_t b)
{
	int64_t r = a % b;

	if (r != 0 && ((r < 0) != (b < 0)))
		r += b;
	return r;
}

int
dt_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
dt_days_in_month(int y, int m)
{
	static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m < 1 || m > 12)
		return 0;
	return len[m - 1] + (m == 2 && dt_is_leap(y));
}

/*
 * Howard Hinnant's days_from_civil: years start on 1 March so the leap day is
 * last, and 400-year eras of 146097 days make it branch-free.
 */
int64_t
dt_days_from_civil(int y, int m, int d)
{
	int64_t yy = (int64_t)y + floor_div((int64_t)m - 1, 12);
	int64_t mm = floor_mod((int64_t)m - 1, 12) + 1;
	int64_t era, yoe, doy, doe;

	yy -= mm <= 2;
	era = floor_div(yy, 400);
	yoe = yy - era * 400;
	doy = (153 * (mm > 2 ? mm - 3 : mm + 9) + 2) / 5;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468 + ((int64_t)d - 1);
}

int
dt_civil_from_days(int64_t days, int *y, int *m, int *d)
{
	int64_t z, era, doe, yoe, doy, mp, yy;

	if (days < DT_DAYS_MIN || days > DT_DAYS_MAX)
		return -1;
	z = days + 719468;
	era = floor_div(z, 146097);
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	yy = yoe + era * 400;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
	return 0;
}

int
dt_weekday(int64_t days)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	return (int)floor_mod(floor_mod(days, 7) + 3, 7);
}

int64_t
dt_day_of(int64_t utc_seconds)
{
	return floor_div(utc_seconds, 86400);
}

/* Reads exactly n ASCII digits; -1 on anything else (isdigit would accept locale digits). */
static int
read_digits(const char *s, int n, int *val)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*val = v;
	return 0;
}

/* Parses "YYYY-MM-DD" at s without looking past it. */
static int
parse_date_prefix(const char *s, int64_t *days)
{
	int y, m, d;

	if (read_digits(s, 4, &y) || s[4] != '-' || read_digits(s + 5, 2, &m) ||
	    s[7] != '-' || read_digits(s + 8, 2, &d))
		return -1;
	if (m < 1 || m > 12 || d < 1 || d > dt_days_in_month(y, m))
		return -1;
	*days = dt_days_from_civil(y, m, d);
	return 0;
}

int
dt_parse_date(const char *s, int64_t *days)
{
	int64_t v;

	if (s == NULL || parse_date_prefix(s, &v) || s[10] != '\0')
		return -1;
	*days = v;
	return 0;
}

int
dt_parse_iso8601(const char *s, int64_t *utc_seconds)
{
	int64_t days, t;
	int hh, mi, ss, oh, om;
	const char *p;

	if (s == NULL || parse_date_prefix(s, &days) || s[10] != 'T' ||
	    read_digits(s + 11, 2, &hh) || s[13] != ':' ||
	    read_digits(s + 14, 2, &mi) || s[16] != ':' ||
	    read_digits(s + 17, 2, &ss))
		return -1;
	if (hh > 23 || mi > 59 || ss > 59)
		return -1;
	t = days * 86400 + hh * 3600 + mi * 60 + ss;
	p = s + 19;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return -1;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (p[0] == 'Z' && p[1] == '\0') {
		*utc_seconds = t;
		return 0;
	}
	if ((p[0] != '+' && p[0] != '-') || read_digits(p + 1, 2, &oh) ||
	    p[3] != ':' || read_digits(p + 4, 2, &om) || p[6] != '\0')
		return -1;
	if (oh > 23 || om > 59)
		return -1;
	/* Local time minus its offset is UTC: "+01:00" means one hour ahead. */
	if (p[0] == '+')
		t -= oh * 3600 + om * 60;
	else
		t += oh * 3600 + om * 60;
	*utc_seconds = t;
	return 0;
}

static void
put2(char *o, int v)
{
	o[0] = (char)('0' + v / 10);
	o[1] = (char)('0' + v % 10);
}

static void
put_date(char *o, int y, int m, int d)
{
	put2(o, y / 100);
	put2(o + 2, y % 100);
	o[4] = '-';
	put2(o + 5, m);
	o[7] = '-';
	put2(o + 8, d);
}

/* Copies a pattern with each 'd' as '?' (a literal "??-" would be a trigraph). */
static void
put_unknown(char *o, const char *pattern)
{
	for (; *pattern != '\0'; pattern++)
		*o++ = *pattern == 'd' ? '?' : *pattern;
	*o = '\0';
}

void
dt_format_utc(int64_t t, char out[DT_UTC_LEN])
{
	int64_t days, secs;
	int y, m, d;

	if (t < DT_SECONDS_MIN || t > DT_SECONDS_MAX) {
		put_unknown(out, "dddd-dd-ddTdd:dd:ddZ");
		return;
	}
	days = dt_day_of(t);
	secs = t - days * 86400;
	dt_civil_from_days(days, &y, &m, &d);
	put_date(out, y, m, d);
	out[10] = 'T';
	put2(out + 11, (int)(secs / 3600));
	out[13] = ':';
	put2(out + 14, (int)(secs / 60 % 60));
	out[16] = ':';
	put2(out + 17, (int)(secs % 60));
	out[19] = 'Z';
	out[20] = '\0';
}

void
dt_format_date(int64_t days, char out[DT_DATE_LEN])
{
	int y, m, d;

	if (dt_civil_from_days(days, &y, &m, &d)) {
		put_unknown(out, "dddd-dd-dd");
		return;
	}
	put_date(out, y, m, d);
	out[10] = '\0';
}

int
dt_age_years(int64_t dob_days, int64_t on_days)
{
	int by, bm, bd, oy, om, od, age;

	if (on_days < dob_days || dt_civil_from_days(dob_days, &by, &bm, &bd) ||
	    dt_civil_from_days(on_days, &oy, &om, &od))
		return -1;
	/*
	 * Comparing (month, day) pairs makes a 29 February birthday fall on
	 * 1 March in common years, because 28 February still sorts before it.
	 */
	age = oy - by;
	if (om < bm || (om == bm && od < bd))
		age--;
	return age;
}
