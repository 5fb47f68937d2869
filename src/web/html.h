/* HTML writer that escapes every text and attribute value by construction. */
#ifndef WAYMARK_WEB_HTML_H
#define WAYMARK_WEB_HTML_H
#include "util/buf.h"

#define HTML_MAX_DEPTH 64
#define HTML_TABLE_COLS 16
#define HTML_TABLE_HEAD 64

/* An open NHS.UK responsive table (class "nhsuk-table-responsive"): its
 * column headings, so that every body cell carries its heading for the
 * card layout phones get, and the ARIA roles the component's markup has. */
struct html_table {
	int active;                                   /* inside such a table */
	int in_head;                                  /* inside its thead */
	int col;                                      /* next column of the row */
	int ncols;                                    /* headings seen */
	char head[HTML_TABLE_COLS][HTML_TABLE_HEAD];  /* heading texts */
	size_t auto_at, auto_end;                     /* where the last cell's heading was written */
};

struct html {
	struct buf *out;                    /* borrowed */
	const char *stack[HTML_MAX_DEPTH];  /* open element names (literals) */
	int depth;
	struct html_table tbl;
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
/* In a table with class "nhsuk-table-responsive" the writer adds the
 * component's roles (table, rowgroup, row, columnheader, cell) and opens each
 * body cell with <span class="nhsuk-table-responsive__heading"
 * aria-hidden="true">Heading </span>, the heading being the text of the
 * thead's th in the same column (written with html_elem). */
void html_close(struct html *h);
/* Closes every element opened after depth was reached. */
void html_close_to(struct html *h, int depth);
/* Makes h (a writer for rows kept in a buffer of their own) the body of a
 * responsive table with these column headings. */
void html_table_rows(struct html *h, const char *const *cols, size_t n);
void html_text(struct html *h, const char *s);
void html_textf(struct html *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Escapes s into out (for callers building attribute values elsewhere). */
void html_escape(struct buf *out, const char *s);
#endif
