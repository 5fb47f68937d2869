/* Small questions about NUL-terminated UTF-8 text that several layers ask. */
#ifndef WAYMARK_UTIL_TEXT_H
#define WAYMARK_UTIL_TEXT_H
#include <stddef.h>

/* 1 when s is NULL or holds only spaces, tabs and line breaks. */
int text_blank(const char *s);
/* Characters (UTF-8 code points) in s. */
size_t text_utf8_len(const char *s);
#endif
