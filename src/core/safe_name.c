/* A file name safe to put in a Content-Disposition header: letters, digits, dot, dash and underscore only. */
#include <stdio.h>
#include <string.h>
#include "core/safe_name.h"

static int name_char(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' ||
	       ch == '-' || ch == '_';
}

size_t safe_name(const char *name, const char *fallback, char *out, size_t len)
{
	char buf[512];
	size_t n = 0;
	const char *base = name ? name : "";
	for (const char *p = base; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	for (const unsigned char *p = (const unsigned char *)base; *p && n + 1 < sizeof buf; p++) {
		if (name_char(*p))
			buf[n++] = (char)*p;
		else if (n == 0 || buf[n - 1] != '_')
			buf[n++] = '_';
	}
	buf[n] = 0;
	size_t skip = strspn(buf, "._");
	memmove(buf, buf + skip, n - skip + 1);
	n -= skip;
	if (n == 0) {
		snprintf(out, len, "%s", fallback);
		return strlen(out);
	}
	if (n > len - 1) {
		const char *dot = strrchr(buf, '.');
		size_t ext = dot ? strlen(dot) : 0;
		if (ext && ext < (len - 1) / 2) {
			memmove(buf + (len - 1 - ext), dot, ext + 1);
		}
		buf[len - 1] = 0;
		n = len - 1;
	}
	memcpy(out, buf, n + 1);
	return n;
}
