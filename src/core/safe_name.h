/* A file name safe to put in a Content-Disposition header: letters, digits, dot, dash and underscore only. */
#ifndef WAYMARK_CORE_SAFE_NAME_H
#define WAYMARK_CORE_SAFE_NAME_H
#include <stddef.h>

/*
 * Writes into out (len >= 2) the name with any directory part dropped
 * (after the last / or \), every other byte outside [A-Za-z0-9._-] (a
 * space, a quote, a control or any UTF-8 byte) as one '_' per run, leading
 * dots and underscores removed, cut to len - 1 bytes keeping the extension
 * where it fits. An empty result becomes fallback. Returns the length.
 */
size_t safe_name(const char *name, const char *fallback, char *out, size_t len);
#endif
