/* Fuzzes the strict ISO 8601 date and date-time parsers (an accepted date
 * formats back to exactly its text; an accepted instant in range formats to
 * a text that parses to the same instant) and the civil-date arithmetic on
 * arbitrary integers (round trips, weekdays, ages: no overflow, no UB). */
#include "core/datetime.h"
#include "fuzz.h"

static void check_date(const char *in)
{
	int64_t days = 12345;
	int rc = dt_parse_date(in, &days);
	FUZZ_CHECK(rc == 0 || rc == -1);
	if (rc == 0) {
		FUZZ_CHECK(days >= DT_DAYS_MIN && days <= DT_DAYS_MAX);
		char out[DT_DATE_LEN];
		dt_format_date(days, out);
		FUZZ_CHECK(strcmp(out, in) == 0);
	} else {
		FUZZ_CHECK(days == 12345);
	}
}

static void check_instant(const char *in)
{
	int64_t t = 12345;
	int rc = dt_parse_iso8601(in, &t);
	FUZZ_CHECK(rc == 0 || rc == -1);
	if (rc == 0) {
		/* A +23:59 offset on 0000-01-01 or -23:59 on 9999-12-31 reaches a day past the range. */
		FUZZ_CHECK(t >= DT_SECONDS_MIN - 86400 && t <= DT_SECONDS_MAX + 86400);
		char out[DT_UTC_LEN];
		dt_format_utc(t, out);
		FUZZ_CHECK(strlen(out) == DT_UTC_LEN - 1);
		if (t >= DT_SECONDS_MIN && t <= DT_SECONDS_MAX) {
			int64_t back = 0;
			FUZZ_CHECK(dt_parse_iso8601(out, &back) == 0 && back == t);
			/* The date part names the instant's UTC day. */
			out[10] = '\0';
			int64_t day = 0;
			FUZZ_CHECK(dt_parse_date(out, &day) == 0 && day == dt_day_of(t));
		}
	} else {
		FUZZ_CHECK(t == 12345);
	}
}

static void check_arithmetic(const uint8_t *data, size_t size)
{
	int64_t a, b;
	int y, m, d;
	memcpy(&a, data, 8);
	memcpy(&b, data + 8, 8);
	memcpy(&y, data, 4);
	memcpy(&m, data + 4, 4);
	memcpy(&d, data + 8, 4);
	(void)size;

	int wd = dt_weekday(a);
	FUZZ_CHECK(wd >= 0 && wd <= 6);
	if (a < INT64_MAX - 7)
		FUZZ_CHECK(dt_weekday(a + 7) == wd && dt_weekday(a + 1) == (wd + 1) % 7);
	int64_t day = dt_day_of(a);
	FUZZ_CHECK(day <= a / 86400 && day >= a / 86400 - 1);

	(void)dt_days_from_civil(y, m, d); /* defined for every int argument */
	int dim = dt_days_in_month(y, m);
	FUZZ_CHECK(dim == 0 || (dim >= 28 && dim <= 31));
	if (y >= 0 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= dim) {
		int64_t days = dt_days_from_civil(y, m, d);
		int y2, m2, d2;
		FUZZ_CHECK(dt_civil_from_days(days, &y2, &m2, &d2) == 0 && y2 == y && m2 == m && d2 == d);
	}

	int cy, cm, cd;
	if (dt_civil_from_days(a, &cy, &cm, &cd) == 0) {
		FUZZ_CHECK(a >= DT_DAYS_MIN && a <= DT_DAYS_MAX);
		FUZZ_CHECK(cy >= 0 && cy <= 9999 && cm >= 1 && cm <= 12 && cd >= 1 && cd <= dt_days_in_month(cy, cm));
		FUZZ_CHECK(dt_days_from_civil(cy, cm, cd) == a);
	} else {
		FUZZ_CHECK(a < DT_DAYS_MIN || a > DT_DAYS_MAX);
	}

	int age = dt_age_years(a, b);
	FUZZ_CHECK(age >= -1 && age <= 9999);
	if (age >= 0)
		FUZZ_CHECK(b >= a && (b - a) / 366 <= age && age <= (b - a) / 365);

	char out[DT_UTC_LEN];
	dt_format_utc(a, out);
	FUZZ_CHECK(strlen(out) == DT_UTC_LEN - 1);
	char date[DT_DATE_LEN];
	dt_format_date(b, date);
	FUZZ_CHECK(strlen(date) == DT_DATE_LEN - 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = fuzz_cstr(data, size);
	if (!in)
		return 0;
	check_date(in);
	check_instant(in);
	free(in);
	if (size >= 16)
		check_arithmetic(data, size);
	return 0;
}
