/* Who is the same person, and which referrals are still open. */
#include <stdio.h>
#include <string.h>
#include "core/referral_match.h"

static const char *const open_statuses[] = { "received", "triaged", "allocated", "in_progress" };
static const char *const closed_statuses[] = { "closed", "rejected", "withdrawn" };

/* Appends the folded name; returns the new length or (size_t)-1 on overflow. */
static size_t fold_name(const char *s, char *out, size_t n, size_t len)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		unsigned char c = *p;
		if (c < 0x80) {
			if (c >= 'A' && c <= 'Z')
				c = (unsigned char)(c - 'A' + 'a');
			else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
				continue;
		}
		if (n + 1 >= len)
			return (size_t)-1;
		out[n++] = (char)c;
	}
	return n;
}

int referral_match_key(const char *given, const char *family, int64_t dob_days, const char *postcode, char *out,
		       size_t outlen)
{
	size_t n = 0;
	if (outlen == 0)
		return -1;
	out[0] = '\0';
	if ((n = fold_name(family, out, n, outlen)) == (size_t)-1 || n + 1 >= outlen)
		goto overflow;
	out[n++] = '|';
	if ((n = fold_name(given, out, n, outlen)) == (size_t)-1)
		goto overflow;
	int w = snprintf(out + n, outlen - n, "|%lld|", (long long)dob_days);
	if (w < 0 || (size_t)w >= outlen - n)
		goto overflow;
	n += (size_t)w;
	for (const char *p = postcode ? postcode : ""; *p; p++) {
		char c = *p;
		if (c == ' ' || c == '\t')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (n + 1 >= outlen)
			goto overflow;
		out[n++] = c;
	}
	out[n] = '\0';
	return 0;
overflow:
	out[0] = '\0';
	return -1;
}

int referral_status_is_open(const char *status)
{
	for (size_t i = 0; status && i < sizeof open_statuses / sizeof open_statuses[0]; i++)
		if (strcmp(status, open_statuses[i]) == 0)
			return 1;
	return 0;
}

int referral_status_is_known(const char *status)
{
	if (referral_status_is_open(status))
		return 1;
	for (size_t i = 0; status && i < sizeof closed_statuses / sizeof closed_statuses[0]; i++)
		if (strcmp(status, closed_statuses[i]) == 0)
			return 1;
	return 0;
}
