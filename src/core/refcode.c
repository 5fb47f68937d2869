/* Human-readable referral references ("WM-26-000123-K") with a check letter. */
#include "core/refcode.h"

static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXZ";

enum {
	REFCODE_MOD = 23,
	REFCODE_YEAR_UNITS_WEIGHT = 20,
	REFCODE_YEAR_TENS_WEIGHT = 21,
	REFCODE_MIN_SEQ_DIGITS = 6,
	REFCODE_MAX_SEQ_DIGITS = 19, /* INT64_MAX has 19 */
};

/* Check letter for two-digit year yy and the sequence digits d[0..n-1], most significant first. */
static char
check_letter(int yy, const char *d, int n)
{
	int sum = (yy / 10) * REFCODE_YEAR_TENS_WEIGHT + (yy % 10) * REFCODE_YEAR_UNITS_WEIGHT;

	for (int i = 0; i < n; i++)
		sum += (d[i] - '0') * (n - i);
	return alphabet[sum % REFCODE_MOD];
}

int
refcode_make(int year, int64_t seq, char *out, size_t outlen)
{
	char digits[REFCODE_MAX_SEQ_DIGITS];
	int n = 0, yy;
	size_t need, o = 0;

	if (outlen > 0)
		out[0] = '\0';
	if (year < 2000 || year > 2099 || seq < 0)
		return -1;
	yy = year - 2000;
	/* Fill from the right, then pad to six. */
	for (int64_t v = seq; v > 0; v /= 10)
		digits[REFCODE_MAX_SEQ_DIGITS - 1 - n++] = (char)('0' + v % 10);
	while (n < REFCODE_MIN_SEQ_DIGITS)
		digits[REFCODE_MAX_SEQ_DIGITS - 1 - n++] = '0';
	need = 3 + 2 + 1 + (size_t)n + 2 + 1;
	if (outlen < need)
		return -1;
	out[o++] = 'W';
	out[o++] = 'M';
	out[o++] = '-';
	out[o++] = (char)('0' + yy / 10);
	out[o++] = (char)('0' + yy % 10);
	out[o++] = '-';
	for (int i = REFCODE_MAX_SEQ_DIGITS - n; i < REFCODE_MAX_SEQ_DIGITS; i++)
		out[o++] = digits[i];
	out[o++] = '-';
	out[o++] = check_letter(yy, digits + REFCODE_MAX_SEQ_DIGITS - n, n);
	out[o] = '\0';
	return 0;
}

int
refcode_parse(const char *s, int *year, int64_t *seq)
{
	/* "WM" + 2 + 19 + letter, then one spare to notice overlong input. */
	char buf[2 + 2 + REFCODE_MAX_SEQ_DIGITS + 1 + 1];
	int n = 0, ndig, yy;
	int64_t v = 0;
	char letter;

	if (s == NULL)
		return -1;
	for (const char *p = s; *p != '\0'; p++) {
		char c = *p;

		if (c == ' ' || c == '-' || c == '\t')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (n == (int)sizeof(buf))
			return -1;
		buf[n++] = c;
	}
	ndig = n - 2 - 2 - 1;
	if (ndig < REFCODE_MIN_SEQ_DIGITS || ndig > REFCODE_MAX_SEQ_DIGITS)
		return -1;
	if (buf[0] != 'W' || buf[1] != 'M')
		return -1;
	for (int i = 2; i < n - 1; i++)
		if (buf[i] < '0' || buf[i] > '9')
			return -1;
	yy = (buf[2] - '0') * 10 + (buf[3] - '0');
	for (int i = 4; i < n - 1; i++) {
		int d = buf[i] - '0';

		/* 19 digits can exceed INT64_MAX; such a number was never issued. */
		if (v > (INT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	letter = buf[n - 1];
	if (letter != check_letter(yy, buf + 4, ndig))
		return -1;
	*year = 2000 + yy;
	*seq = v;
	return 0;
}
