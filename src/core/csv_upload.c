/* Whether an uploaded file is CSV text (core/csv_upload.h). */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "core/csv_upload.h"

/* The extension of name without its dot, or "" when it has none. */
static const char *extension(const char *name)
{
	const char *dot = strrchr(name, '.');
	const char *slash = strrchr(name, '/');
	return dot && (!slash || dot > slash) ? dot + 1 : "";
}

/* The types browsers and systems give .csv files (Windows says Excel's). */
static int csv_type(const char *type)
{
	static const char *const ok[] = { "text/", "application/csv", "application/vnd.ms-excel",
					  "application/octet-stream", "application/x-csv" };
	if (!type || !*type)
		return 1;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		if (strncasecmp(type, ok[i], strlen(ok[i])) == 0)
			return 1;
	return 0;
}

/* What a file is by its first bytes, for the message; NULL when not known. */
static const char *sniff(const char *d, size_t n)
{
	if (n >= 4 && memcmp(d, "PK\x03\x04", 4) == 0)
		return "a zip archive or a workbook (.xlsx, .ods)";
	if (n >= 4 && memcmp(d, "\xD0\xCF\x11\xE0", 4) == 0)
		return "an old Excel workbook (.xls)";
	if (n >= 5 && memcmp(d, "%PDF-", 5) == 0)
		return "a PDF document";
	return NULL;
}

/* The length of the valid UTF-8 prefix of d. */
static size_t utf8_valid(const unsigned char *d, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = d[i];
		size_t k = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 && c >= 0xC2 ? 1 : (c & 0xF0) == 0xE0 ? 2
					 : (c & 0xF8) == 0xF0 && c <= 0xF4     ? 3
										: (size_t)-1;
		if (k == (size_t)-1 || (k && i + k >= n))
			return i;
		for (size_t j = 1; j <= k; j++)
			if ((d[i + j] & 0xC0) != 0x80)
				return i;
		if ((c == 0xE0 && d[i + 1] < 0xA0) || (c == 0xED && d[i + 1] > 0x9F) || (c == 0xF0 && d[i + 1] < 0x90) ||
		    (c == 0xF4 && d[i + 1] > 0x8F))
			return i; /* overlong, a surrogate, or past U+10FFFF */
		i += k + 1;
	}
	return n;
}

int csv_upload_check(const char *name, const char *type, const char *data, size_t len, char *why, size_t why_len)
{
	const char *shown = name && *name ? name : "The file";
	const char *ext = extension(name ? name : "");
	const char *what = sniff(data, len);
	if (what) {
		snprintf(why, why_len, "%.100s is %s, not a CSV file: save it as CSV UTF-8 (comma delimited) and choose that",
			 shown, what);
		return -1;
	}
	if ((*ext && strcasecmp(ext, "csv") != 0 && strcasecmp(ext, "txt") != 0) || !csv_type(type)) {
		snprintf(why, why_len, "%.100s is not a CSV file (it is %.60s): choose a .csv file", shown,
			 *ext ? ext : type);
		return -1;
	}
	if (memchr(data, '\0', len)) {
		snprintf(why, why_len, "%.100s is not a CSV text file: it holds binary data", shown);
		return -1;
	}
	size_t ok = utf8_valid((const unsigned char *)data, len);
	if (ok < len) {
		unsigned long line = 1;
		for (size_t i = 0; i < ok; i++)
			line += data[i] == '\n';
		snprintf(why, why_len,
			 "%.100s is not UTF-8 text (line %lu): save it as CSV UTF-8 (comma delimited) and choose that", shown,
			 line);
		return -1;
	}
	return 0;
}
