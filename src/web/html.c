/* HTML writer that escapes every text and attribute value by construction. */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "web/html.h"

void html_init(struct html *h, struct buf *out)
{
	h->out = out;
	h->depth = 0;
	memset(&h->tbl, 0, sizeof h->tbl);
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

/* Writes the attributes and gives back the class value (or NULL). */
static const char *html_attrs(struct html *h, va_list ap)
{
	const char *name, *cls = NULL;
	while ((name = va_arg(ap, const char *))) {
		const char *val = va_arg(ap, const char *);
		if (!val)
			continue;
		if (!strcmp(name, "class"))
			cls = val;
		buf_putc(h->out, ' ');
		buf_puts(h->out, name);
		if (*val) {
			buf_puts(h->out, "=\"");
			html_escape(h->out, val);
			buf_putc(h->out, '"');
		}
	}
	return cls;
}

/* The role a responsive table's element takes (NHS.UK's table component). */
static const char *html_table_role(const struct html *h, const char *tag)
{
	if (!strcmp(tag, "thead") || !strcmp(tag, "tbody"))
		return "rowgroup";
	if (!strcmp(tag, "tr"))
		return "row";
	if (!strcmp(tag, "th"))
		return h->tbl.in_head ? "columnheader" : "rowheader";
	if (!strcmp(tag, "td"))
		return "cell";
	return NULL;
}

static int html_is_cell(const char *tag)
{
	return !strcmp(tag, "td") || !strcmp(tag, "th");
}

/* The value of attribute name among the pairs of ap (not consumed), or NULL. */
static const char *html_attr_of(va_list ap, const char *name)
{
	va_list cp;
	va_copy(cp, ap);
	const char *n, *found = NULL;
	while ((n = va_arg(cp, const char *))) {
		const char *val = va_arg(cp, const char *);
		if (!found && val && !strcmp(n, name))
			found = val;
	}
	va_end(cp);
	return found;
}

static void html_start(struct html *h, const char *tag, va_list ap)
{
	/* A cell that writes its own heading first keeps that one, not ours. */
	if (h->tbl.active && !strcmp(tag, "span") && h->tbl.auto_end && h->out->len == h->tbl.auto_end) {
		const char *c = html_attr_of(ap, "class");
		if (c && strstr(c, "nhsuk-table-responsive__heading")) {
			h->out->len = h->tbl.auto_at;
			if (h->out->data)
				h->out->data[h->out->len] = '\0';
		}
	}
	int has_role = html_attr_of(ap, "role") != NULL;
	buf_putc(h->out, '<');
	buf_puts(h->out, tag);
	const char *cls = html_attrs(h, ap);
	if (!strcmp(tag, "table") && cls && strstr(cls, "nhsuk-table-responsive")) {
		memset(&h->tbl, 0, sizeof h->tbl);
		h->tbl.active = 1;
		buf_puts(h->out, " role=\"table\"");
	} else if (h->tbl.active) {
		const char *role = html_table_role(h, tag);
		if (!strcmp(tag, "thead"))
			h->tbl.in_head = 1;
		else if (!strcmp(tag, "tr"))
			h->tbl.col = 0;
		if (role && !has_role)
			buf_printf(h->out, " role=\"%s\"", role);
	}
	buf_putc(h->out, '>');
	/* A body cell opens with its column's heading, shown on narrow screens. */
	if (h->tbl.active && !h->tbl.in_head && html_is_cell(tag)) {
		int c = h->tbl.col++;
		h->tbl.auto_end = 0;
		if (c < h->tbl.ncols && h->tbl.head[c][0]) {
			h->tbl.auto_at = h->out->len;
			buf_puts(h->out, "<span class=\"nhsuk-table-responsive__heading\" aria-hidden=\"true\">");
			html_escape(h->out, h->tbl.head[c]);
			buf_puts(h->out, " </span>");
			h->tbl.auto_end = h->out->failed ? 0 : h->out->len;
		}
	}
}

/* Keeps a responsive table's column heading for its body cells: a th's
 * text, or the text of a link that is all of an open th (a sortable column). */
static void html_table_heading(struct html *h, const char *tag, const char *text)
{
	if (!h->tbl.active || !h->tbl.in_head)
		return;
	if (strcmp(tag, "th") && (strcmp(tag, "a") || !h->depth || strcmp(h->stack[h->depth - 1], "th")))
		return;
	int c = h->tbl.col++;
	if (c >= HTML_TABLE_COLS)
		return;
	snprintf(h->tbl.head[c], sizeof h->tbl.head[c], "%s", text ? text : "");
	if (h->tbl.ncols < c + 1)
		h->tbl.ncols = c + 1;
}

/* Leaves the table's state when its thead or the table itself closes. */
static void html_table_closed(struct html *h, const char *tag)
{
	if (!h->tbl.active)
		return;
	if (!strcmp(tag, "thead"))
		h->tbl.in_head = 0;
	else if (!strcmp(tag, "table"))
		memset(&h->tbl, 0, sizeof h->tbl);
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
	html_table_heading(h, tag, text);
	if (text)
		html_escape(h->out, text);
	buf_printf(h->out, "</%s>", tag);
	html_table_closed(h, tag);
}

void html_close(struct html *h)
{
	if (h->depth == 0)
		return;
	const char *tag = h->stack[--h->depth];
	buf_printf(h->out, "</%s>", tag);
	html_table_closed(h, tag);
	if (h->depth <= 2)
		buf_putc(h->out, '\n');
}

void html_close_to(struct html *h, int depth)
{
	while (h->depth > depth)
		html_close(h);
}

void html_table_rows(struct html *h, const char *const *cols, size_t n)
{
	memset(&h->tbl, 0, sizeof h->tbl);
	h->tbl.active = 1;
	for (size_t i = 0; i < n && i < HTML_TABLE_COLS; i++)
		snprintf(h->tbl.head[i], sizeof h->tbl.head[i], "%s", cols[i]);
	h->tbl.ncols = n < HTML_TABLE_COLS ? (int)n : HTML_TABLE_COLS;
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
