/* HTML writer that escapes every text and attribute value by construction. */
#include <assert.h>
#include <stdarg.h>
#include <string.h>
#include "web/html.h"

void html_init(struct html *h, struct buf *out)
{
	h->out = out;
	h->depth = 0;
}

void html_doctype(struct html *h)
{
	buf_puts(h->out, "<!DOCTYPE html>\n");
}

void html_escape(struct buf *out, const char *s)
{
	const char *run = s;
	for (; *s; s++) {
		const char *rep;
		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_append(out, run, (size_t)(s - run));
		buf_puts(out, rep);
		run = s + 1;
	}
	buf_append(out, run, (size_t)(s - run));
}

static void html_attrs(struct html *h, va_list ap)
{
	const char *name;
	while ((name = va_arg(ap, const char *))) {
		const char *val = va_arg(ap, const char *);
		if (!val)
			continue;
		buf_putc(h->out, ' ');
		buf_puts(h->out, name);
		if (*val) {
			buf_puts(h->out, "=\"");
			html_escape(h->out, val);
			buf_putc(h->out, '"');
		}
	}
}

static void html_start(struct html *h, const char *tag, va_list ap)
{
	buf_putc(h->out, '<');
	buf_puts(h->out, tag);
	html_attrs(h, ap);
	buf_putc(h->out, '>');
}

void html_open(struct html *h, const char *tag, ...)
{
	va_list ap;
	va_start(ap, tag);
	html_start(h, tag, ap);
	va_end(ap);
	assert(h->depth < HTML_MAX_DEPTH);
	if (h->depth < HTML_MAX_DEPTH)
		h->stack[h->depth++] = tag;
}

void html_void(struct html *h, const char *tag, ...)
{
	va_list ap;
	va_start(ap, tag);
	html_start(h, tag, ap);
	va_end(ap);
}

void html_elem(struct html *h, const char *tag, const char *text, ...)
{
	va_list ap;
	va_start(ap, text);
	html_start(h, tag, ap);
	va_end(ap);
	if (text)
		html_escape(h->out, text);
	buf_printf(h->out, "</%s>", tag);
}

void html_close(struct html *h)
{
	if (h->depth == 0)
		return;
	buf_printf(h->out, "</%s>", h->stack[--h->depth]);
	if (h->depth <= 2)
		buf_putc(h->out, '\n');
}

void html_close_to(struct html *h, int depth)
{
	while (h->depth > depth)
		html_close(h);
}

void html_text(struct html *h, const char *s)
{
	if (s)
		html_escape(h->out, s);
}

void html_textf(struct html *h, const char *fmt, ...)
{
	struct buf tmp;
	buf_init(&tmp, BUF_MAX_SMALL);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&tmp, fmt, ap);
	va_end(ap);
	if (tmp.data)
		html_escape(h->out, tmp.data);
	buf_free(&tmp);
}
