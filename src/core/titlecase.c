/* Names kept in capitals by their source (GP practices) written in title case for people to read. */
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include "core/titlecase.h"

static int is_small_word(const char *w, size_t n)
{
	static const char *const small[] = { "and", "of", "the", "at", "on", "in", "upon", NULL };
	for (const char *const *s = small; *s; s++)
		if (strlen(*s) == n && strncasecmp(*s, w, n) == 0)
			return 1;
	return 0;
}

static int is_initialism(const char *w, size_t n)
{
	static const char *const caps[] = { "PMS", "NHS", "GP", "PCN", "UK", "HLC", "MC", "NSDC", NULL };
	for (const char *const *s = caps; *s; s++)
		if (strlen(*s) == n && strncasecmp(*s, w, n) == 0)
			return 1;
	return 0;
}

void titlecase(const char *s, char *out, size_t outlen)
{
	if (!outlen)
		return;
	size_t o = 0, i = 0;
	int first = 1;
	while (s[i] && o + 1 < outlen) {
		if (!isalpha((unsigned char)s[i])) {
			out[o++] = s[i++];
			continue;
		}
		size_t n = 0;
		while (isalpha((unsigned char)s[i + n]))
			n++;
		int after_apostrophe = i > 0 && s[i - 1] == '\'';
		int keep_caps = is_initialism(s + i, n);
		int lower_all = after_apostrophe || (!first && is_small_word(s + i, n));
		for (size_t k = 0; k < n && o + 1 < outlen; k++) {
			unsigned char c = (unsigned char)s[i + k];
			out[o++] = (char)(keep_caps ? toupper(c) : k == 0 && !lower_all ? toupper(c) : tolower(c));
		}
		i += n;
		first = 0;
	}
	out[o] = '\0';
}
