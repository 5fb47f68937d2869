/* HTML writer that escapes every text and attribute value by construction. */
#ifndef WAYMARK_WEB_HTML_H
#define WAYMARK_WEB_HTML_H
#include "util/buf.h"

#define HTML_MAX_DEPTH 64

struct html {
	struct buf *out;                    /* borrowed */
	const char *stack[HTML_MAX_DEPTH];  /* open element names (literals) */
	int depth;
};

void html_init(struct html *h, struct buf *out);
void html_doctype(struct html *h);
/* Tag and attribute names must be string literals; attribute values are
 * escaped. Attributes come as name, value pairs ended by NULL; a NULL value
 * skips the attribute and "" writes it bare (boolean attribute). */
void html_open(struct html *h, const char *tag, ...) __attribute__((sentinel));
void html_void(struct html *h, const char *tag, ...) __attribute__((sentinel));
/* Writes <tag attrs>text</tag>. */
void html_elem(struct html *h, const char *tag, const char *text, ...) __attribute__((sentinel));
void html_close(struct html *h);
/* Closes every element opened after depth was reached. */
void html_close_to(struct html *h, int depth);
void html_text(struct html *h, const char *s);
void html_textf(struct html *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Escapes s into out (for callers building attribute values elsewhere). */
void html_escape(struct buf *out, const char *s);
#endif
