/* Dates and times as people type and read them: a lenient parser of UK-order dates and clock times, and the one display format. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "core/datehuman.h"
#include "core/datetime.h"

static const char *const months[12] = { "january", "february", "march",     "april",   "may",      "june",
					"july",    "august",   "september", "october", "november", "december" };
static const char *const short_months[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
static const char *const weekdays[7] = { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" };

void dh_format_date(int64_t days, char out[DH_DATE_LEN])
{
	int y, m, d;
	if (dt_civil_from_days(days, &y, &m, &d) || y < 1) {
		snprintf(out, DH_DATE_LEN, "unknown date");
		return;
	}
	snprintf(out, DH_DATE_LEN, "%d %s %04d", d, short_months[m - 1], y);
}

int dh_format_iso(const char *s, char out[DH_DATE_LEN])
{
	int64_t days;
	if (!s || dt_parse_date(s, &days))
		return -1;
	dh_format_date(days, out);
	return 0;
}

void dh_format_minutes(int minutes, char out[DH_TIME_LEN])
{
	if (minutes < 0 || minutes >= 1440) {
		snprintf(out, DH_TIME_LEN, "--:--");
		return;
	}
	snprintf(out, DH_TIME_LEN, "%02d:%02d", minutes / 60, minutes % 60);
}

/* The month a word names (1..12): in full, by its first three letters, or "sept"; 0 if none. */
static int month_of_word(const char *w, size_t n)
{
	if (n == 4 && strncmp(w, "sept", 4) == 0)
		return 9;
	for (int i = 0; i < 12; i++) {
		size_t full = strlen(months[i]);
		if ((n == 3 || n == full) && n <= full && strncmp(w, months[i], n) == 0)
			return i + 1;
	}
	return 0;
}

static int is_weekday(const char *w, size_t n)
{
	for (int i = 0; i < 7; i++)
		if ((n == 3 || n == strlen(weekdays[i])) && strncmp(w, weekdays[i], n) == 0)
			return 1;
	return 0;
}

enum { TOK_NUM, TOK_WORD };
struct tok {
	int kind;
	long v;      /* a number's value */
	int digits;  /* a number's digit count */
	char w[12];  /* a word, lower case */
	size_t n;
};
#define TOKS_MAX 8

/* Splits s into numbers and words; separators are space, / - . , and nothing else.
 * Returns the count, or -1 on any other character or too many or too long tokens. */
static int tokenise(const char *s, struct tok *t)
{
	int n = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		if (*p == ' ' || *p == '\t' || *p == '/' || *p == '-' || *p == '.' || *p == ',') {
			p++;
			continue;
		}
		if (n == TOKS_MAX)
			return -1;
		struct tok *k = &t[n++];
		memset(k, 0, sizeof *k);
		if (isdigit(*p)) {
			k->kind = TOK_NUM;
			while (isdigit(*p)) {
				if (k->digits == 4)
					return -1;
				k->v = k->v * 10 + (*p++ - '0');
				k->digits++;
			}
		} else if (isalpha(*p)) {
			k->kind = TOK_WORD;
			while (isalpha(*p)) {
				if (k->n == sizeof k->w - 1)
					return -1;
				k->w[k->n++] = (char)tolower(*p++);
			}
		} else {
			return -1;
		}
	}
	return n;
}

static int ymd(long y, int ydigits, long m, long d, int64_t *days)
{
	if (ydigits != 4 || y < 1 || m < 1 || m > 12 || d < 1 || d > dt_days_in_month((int)y, (int)m))
		return -1;
	*days = dt_days_from_civil((int)y, (int)m, (int)d);
	return 0;
}

int dh_parse_date(const char *s, int64_t *days)
{
	struct tok raw[TOKS_MAX], t[TOKS_MAX];
	if (!s)
		return -1;
	int nraw = tokenise(s, raw), n = 0;
	if (nraw < 0)
		return -1;
	/* Drop a weekday, "of", and an ordinal's suffix straight after a number. */
	for (int i = 0; i < nraw; i++) {
		struct tok *k = &raw[i];
		if (k->kind == TOK_WORD) {
			if (is_weekday(k->w, k->n) || strcmp(k->w, "of") == 0)
				continue;
			if (i > 0 && raw[i - 1].kind == TOK_NUM && raw[i - 1].digits <= 2 &&
			    (strcmp(k->w, "st") == 0 || strcmp(k->w, "nd") == 0 || strcmp(k->w, "rd") == 0 ||
			     strcmp(k->w, "th") == 0))
				continue;
		}
		t[n++] = *k;
	}
	if (n != 3)
		return -1;
	if (t[0].kind == TOK_NUM && t[1].kind == TOK_NUM && t[2].kind == TOK_NUM) {
		if (t[0].digits == 4)
			return t[1].digits <= 2 && t[2].digits <= 2 ? ymd(t[0].v, 4, t[1].v, t[2].v, days) : -1;
		if (t[0].digits > 2 || t[1].digits > 2)
			return -1;
		return ymd(t[2].v, t[2].digits, t[1].v, t[0].v, days);
	}
	if (t[0].kind == TOK_NUM && t[1].kind == TOK_WORD && t[2].kind == TOK_NUM) {
		int m = month_of_word(t[1].w, t[1].n);
		return m && t[0].digits <= 2 ? ymd(t[2].v, t[2].digits, m, t[0].v, days) : -1;
	}
	if (t[0].kind == TOK_WORD && t[1].kind == TOK_NUM && t[2].kind == TOK_NUM) {
		int m = month_of_word(t[0].w, t[0].n);
		return m && t[1].digits <= 2 ? ymd(t[2].v, t[2].digits, m, t[1].v, days) : -1;
	}
	return -1;
}

int dh_parse_time(const char *s, int *minutes)
{
	char b[24];
	size_t n = 0;
	if (!s)
		return -1;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == ' ' || *p == '\t')
			continue;
		if (n == sizeof b - 1)
			return -1;
		b[n++] = (char)tolower(*p);
	}
	b[n] = '\0';
	if (strcmp(b, "noon") == 0 || strcmp(b, "midday") == 0) {
		*minutes = 12 * 60;
		return 0;
	}
	if (strcmp(b, "midnight") == 0) {
		*minutes = 0;
		return 0;
	}
	int half = -1; /* 0 am, 1 pm */
	static const char *const suffixes[] = { "a.m.", "p.m.", "a.m", "p.m", "am", "pm" };
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		size_t k = strlen(suffixes[i]);
		if (n > k && strcmp(b + n - k, suffixes[i]) == 0) {
			half = suffixes[i][0] == 'p';
			n -= k;
			b[n] = '\0';
			break;
		}
	}
	long h = 0, m = 0;
	int hd = 0, md = 0;
	size_t i = 0;
	while (i < n && isdigit((unsigned char)b[i]) && hd < 4)
		h = h * 10 + (b[i++] - '0'), hd++;
	if (i < n && (b[i] == ':' || b[i] == '.')) {
		if (hd > 2)
			return -1;
		i++;
		while (i < n && isdigit((unsigned char)b[i]) && md < 2)
			m = m * 10 + (b[i++] - '0'), md++;
		if (md != 2)
			return -1;
	} else if (hd == 3 || hd == 4) {
		/* "930pm", "1330": the last two digits are the minutes. */
		m = h % 100;
		h /= 100;
		md = 2;
	}
	if (i != n || hd == 0 || m > 59)
		return -1;
	if (half >= 0) {
		/* "0:31am" is how a 12-hour clock in en-GB writes 00:31 */
		if (h > 12 || (h == 0 && half))
			return -1;
		h = h % 12 + (half ? 12 : 0);
	} else if (md == 0 || h > 23) {
		return -1; /* a bare hour without am or pm is ambiguous */
	}
	*minutes = (int)(h * 60 + m);
	return 0;
}

int dh_parse_datetime(const char *s, int64_t *days, int *minutes)
{
	char b[96];
	if (!s || strlen(s) >= sizeof b)
		return -1;
	snprintf(b, sizeof b, "%s", s);
	/* ISO's "2026-12-07T09:32" (and a trailing Z is not ours: refused by the time parser). */
	if (strlen(b) > 10 && isdigit((unsigned char)b[0]) && b[4] == '-' && b[7] == '-' && (b[10] == 'T' || b[10] == 't'))
		b[10] = ' ';
	int64_t d;
	if (dh_parse_date(b, &d) == 0) {
		*days = d;
		*minutes = -1;
		return 0;
	}
	/* Try each break at a space or comma, the longest date first. */
	for (size_t i = strlen(b); i-- > 1;) {
		if (b[i] != ' ' && b[i] != ',')
			continue;
		char save = b[i];
		b[i] = '\0';
		int ok = dh_parse_date(b, &d) == 0;
		b[i] = save;
		if (!ok)
			continue;
		const char *rest = b + i;
		while (*rest == ' ' || *rest == ',')
			rest++;
		if ((rest[0] == 'a' || rest[0] == 'A') && (rest[1] == 't' || rest[1] == 'T') && rest[2] == ' ')
			rest += 3;
		int m;
		if (dh_parse_time(rest, &m) == 0) {
			*days = d;
			*minutes = m;
			return 0;
		}
	}
	return -1;
}

static int blank(const char *s)
{
	if (!s)
		return 1;
	while (*s == ' ' || *s == '\t')
		s++;
	return *s == '\0';
}

/* A whole number of 1 to maxdigits digits, spaces around allowed; -1 otherwise. */
static long whole(const char *s, int maxdigits, int *digits)
{
	long v = 0;
	int n = 0;
	while (*s == ' ')
		s++;
	while (isdigit((unsigned char)*s) && n < maxdigits)
		v = v * 10 + (*s++ - '0'), n++;
	while (*s == ' ')
		s++;
	*digits = n;
	return n && !*s ? v : -1;
}

int dh_parse_parts(const char *day, const char *month, const char *year, int64_t *days)
{
	if (blank(day) && blank(month) && blank(year))
		return 1;
	if (blank(day) || blank(month) || blank(year))
		return -1;
	int dd, md, yd;
	long d = whole(day, 2, &dd), y = whole(year, 4, &yd), m = whole(month, 2, &md);
	if (m < 0) {
		char w[12];
		size_t n = 0;
		const char *p = month;
		while (*p == ' ')
			p++;
		while (isalpha((unsigned char)*p) && n < sizeof w - 1)
			w[n++] = (char)tolower((unsigned char)*p++);
		while (*p == ' ')
			p++;
		w[n] = '\0';
		m = *p ? 0 : month_of_word(w, n);
	}
	if (d < 0 || y < 0 || m <= 0)
		return -1;
	return ymd(y, yd, m, d, days);
}
