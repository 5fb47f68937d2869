/* The controls every list page shares: a search box (?q), a sort choice
 * (?sort), and Previous/Next links (?page) that keep them, in the NHS.UK
 * design system, as a GET form that works without JavaScript. */
#ifndef WAYMARK_WEB_LIST_CONTROLS_H
#define WAYMARK_WEB_LIST_CONTROLS_H
#include "core/fielderr.h"
#include "web/form.h"
#include "web/html.h"

/* Inside a list's GET form: the search box, labelled, with hint and the
 * error for q from fe (may be NULL). */
void list_search_input(struct html *h, const char *q, const char *hint, const struct field_errors *fe);
/* Inside a list's GET form: the sort choice (opts end with a NULL value). */
void list_sort_select(struct html *h, const struct form_option *opts, const char *sort);
/* A whole search form for a list without other filters: search box, sort
 * (when opts), and a Search button. */
void list_search_form(struct html *h, const char *action, const char *label, const char *q, const char *hint,
		      const struct form_option *opts, const char *sort, const struct field_errors *fe);
/* A column of a list's table: its heading, and the ?sort names of its two
 * directions (natural order first; NULL where it does not sort that way;
 * both NULL: not sortable), desc_first when a first click sorts it desc. */
struct list_column {
	const char *label;
	const char *asc, *desc;
	int desc_first;
};
/*
 * The thead of a responsive table whose rows are in order sort: each
 * sortable heading a link to path with params (name, value pairs as for
 * list_pager; not sort or page) and the column's order, the other
 * direction when it is the one shown; that heading has aria-sort.
 */
void list_table_head(struct html *h, const char *path, const char *const *params, const struct list_column *cols,
		     size_t n, const char *sort);
/*
 * Previous and Next links to path: params are name, value pairs (NULL
 * name ends them; empty values are left out), page is the page shown,
 * has_next whether another follows.
 */
void list_pager(struct html *h, const char *path, const char *const *params, int page, int has_next);
#endif
