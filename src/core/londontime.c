/* Europe/London civil time (GMT and BST) computed from the rule, without a tz database. */
#include "core/londontime.h"

#include <string.h>

#include "core/datetime.h"

/* Day number of the last Sunday of month m in year y. */
static int64_t
last_sunday(int y, int m)
{
	int64_t last = dt_days_from_civil(y, m + 1, 0);

	return last - (dt_weekday(last) + 1) % 7;
}

int
london_offset(int64_t utc)
{
	int64_t start, end;
	int y, m, d;

	if (dt_civil_from_days(dt_day_of(utc), &y, &m, &d))
		return 0;
	if (m < 3 || m > 10)
		return 0;
	start = last_sunday(y, 3) * 86400 + 3600;
	end = last_sunday(y, 10) * 86400 + 3600;
	return utc >= start && utc < end ? 3600 : 0;
}

int
london_is_bst(int64_t utc)
{
	return london_offset(utc) != 0;
}

int64_t
london_local_days(int64_t utc)
{
	/* The offset is 0 near INT64_MAX, so the sum cannot overflow. */
	return dt_day_of(utc + london_offset(utc));
}

int64_t
london_midnight_utc(int64_t local_days)
{
	int64_t t;

	if (__builtin_mul_overflow(local_days, (int64_t)86400, &t))
		return local_days < 0 ? INT64_MIN : INT64_MAX;
	/*
	 * Local midnight is 23:00 UTC the day before in BST and 00:00 UTC in
	 * GMT. Both candidates lie on the same side of any change (changes are
	 * at 01:00 UTC), so asking whether the earlier one is in BST decides.
	 */
	if (t >= INT64_MIN + 3600 && london_offset(t - 3600) == 3600)
		return t - 3600;
	return t;
}

void
london_format(int64_t utc, char out[LONDON_FORMAT_LEN])
{
	static const char months[12][4] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
	};
	int64_t local, days, secs;
	int y, m, d, hh, mi;
	char *o = out;

	if (utc < DT_SECONDS_MIN || utc > DT_SECONDS_MAX) {
		strcpy(out, "unknown time");
		return;
	}
	/* December and January are GMT, so local time stays inside the range. */
	local = utc + london_offset(utc);
	days = dt_day_of(local);
	secs = local - days * 86400;
	dt_civil_from_days(days, &y, &m, &d);
	hh = (int)(secs / 3600);
	mi = (int)(secs / 60 % 60);
	/* Digits by hand: snprintf of ints trips -Wformat-truncation. */
	if (d >= 10)
		*o++ = (char)('0' + d / 10);
	*o++ = (char)('0' + d % 10);
	*o++ = ' ';
	memcpy(o, months[m - 1], 3);
	o += 3;
	*o++ = ' ';
	*o++ = (char)('0' + y / 1000);
	*o++ = (char)('0' + y / 100 % 10);
	*o++ = (char)('0' + y / 10 % 10);
	*o++ = (char)('0' + y % 10);
	*o++ = ' ';
	*o++ = (char)('0' + hh / 10);
	*o++ = (char)('0' + hh % 10);
	*o++ = ':';
	*o++ = (char)('0' + mi / 10);
	*o++ = (char)('0' + mi % 10);
	*o = '\0';
}
