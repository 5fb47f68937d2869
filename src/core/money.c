/* Money in integer pence: a strict parser for pounds and the £14,000.00 display form. */
#include "core/money.h"

#include <stdio.h>
#include <string.h>

int money_parse(const char *s, int64_t *pence)
{
	if (!s)
		return -1;
	if (strncmp(s, "\xc2\xa3", 2) == 0)
		s += 2;
	const char *p = s;
	int64_t pounds = 0;
	int digits = 0, group = -1; /* group: digits since the last comma, -1 before any comma */
	while (*p && *p != '.') {
		if (*p == ',') {
			/* a comma needs 1-3 digits before the first one, exactly 3 between */
			if (digits == 0 || (group < 0 ? digits > 3 : group != 3))
				return -1;
			group = 0;
		} else if (*p >= '0' && *p <= '9') {
			pounds = pounds * 10 + (*p - '0');
			digits++;
			if (group >= 0)
				group++;
			if (pounds > MONEY_MAX_PENCE / 100)
				return -1;
		} else {
			return -1;
		}
		p++;
	}
	if (digits == 0 || (group >= 0 && group != 3))
		return -1;
	int64_t v = pounds * 100;
	if (*p == '.') {
		if (!(p[1] >= '0' && p[1] <= '9' && p[2] >= '0' && p[2] <= '9' && p[3] == '\0'))
			return -1;
		v += (p[1] - '0') * 10 + (p[2] - '0');
	}
	if (v > MONEY_MAX_PENCE)
		return -1;
	*pence = v;
	return 0;
}

static void format(int64_t pence, char out[MONEY_LEN], int pretty)
{
	char digits[24];
	int neg = pence < 0;
	/* INT64_MIN cannot be negated; amounts that large are never real */
	uint64_t u = neg ? (uint64_t)0 - (uint64_t)pence : (uint64_t)pence;
	uint64_t pounds = u / 100;
	unsigned pp = (unsigned)(u % 100);
	int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)pounds);
	char *o = out;
	if (neg)
		*o++ = '-';
	if (pretty) {
		memcpy(o, "\xc2\xa3", 2);
		o += 2;
	}
	for (int i = 0; i < n; i++) {
		if (pretty && i > 0 && (n - i) % 3 == 0)
			*o++ = ',';
		*o++ = digits[i];
	}
	snprintf(o, (size_t)(MONEY_LEN - (o - out)), ".%02u", pp);
}

void money_format(int64_t pence, char out[MONEY_LEN])
{
	format(pence, out, 1);
}

void money_format_plain(int64_t pence, char out[MONEY_LEN])
{
	format(pence, out, 0);
}
