/* List pages' search box, sort choice and Previous/Next links (NHS.UK
 * pagination), with the list's state in the URL (util/urlq). */
#include "web/list_controls.h"
#include <string.h>
#include "core/page.h"
#include "util/urlq.h"

void list_search_input(struct html *h, const char *q, const char *hint, const struct field_errors *fe)
{
	form_input(h, &(struct form_field){ .name = "q", .label = "Search", .hint = hint, .value = q, .type = "search",
					    .width = "nhsuk-input--width-20", .errors = fe });
}

void list_sort_select(struct html *h, const struct form_option *opts, const char *sort)
{
	form_select(h, &(struct form_field){ .name = "sort", .label = "Sort by", .value = sort }, opts);
}

void list_search_form(struct html *h, const char *action, const char *label, const char *q, const char *hint,
		      const struct form_option *opts, const char *sort, const struct field_errors *fe)
{
	html_open(h, "form", "method", "get", "action", action, "role", "search", "aria-label", label, "novalidate", "",
		  NULL);
	list_search_input(h, q, hint, fe);
	if (opts)
		list_sort_select(h, opts, sort);
	form_button(h, "Search");
	html_close(h);
}

static void sort_heading(struct html *h, const char *path, const char *const *params, const struct list_column *c,
			 const char *sort)
{
	int is_asc = c->asc && strcmp(sort, c->asc) == 0, is_desc = c->desc && strcmp(sort, c->desc) == 0;
	if (!c->asc && !c->desc) {
		html_elem(h, "th", c->label, "class", "nhsuk-table__header", "scope", "col", NULL);
		return;
	}
	/* The link: the other way when this column is the order, else its first way. */
	const char *to = is_asc ? (c->desc ? c->desc : c->asc)
		       : is_desc ? (c->asc ? c->asc : c->desc)
				 : (c->desc_first && c->desc ? c->desc : c->asc ? c->asc : c->desc);
	char href[512];
	struct urlq u;
	urlq_init(&u, href, sizeof href, path);
	for (const char *const *p = params; p && p[0]; p += 2)
		urlq_add(&u, p[0], p[1]);
	urlq_add(&u, "sort", to);
	html_open(h, "th", "class", "nhsuk-table__header", "scope", "col", "aria-sort",
		  is_asc ? "ascending" : is_desc ? "descending" : NULL, NULL);
	html_elem(h, "a", c->label, "href", href, NULL);
	html_close(h);
}

void list_table_head(struct html *h, const char *path, const char *const *params, const struct list_column *cols,
		     size_t n, const char *sort)
{
	html_open(h, "thead", "class", "nhsuk-table__head", NULL);
	html_open(h, "tr", "class", "nhsuk-table__row", NULL);
	for (size_t i = 0; i < n; i++)
		sort_heading(h, path, params, &cols[i], sort ? sort : "");
	html_close(h);
	html_close(h);
}

static void page_link(struct html *h, const char *path, const char *const *params, int page, int next)
{
	char href[512];
	struct urlq u;
	urlq_init(&u, href, sizeof href, path);
	for (const char *const *p = params; p && p[0]; p += 2)
		urlq_add(&u, p[0], p[1]);
	urlq_add_int(&u, "page", page, 0);
	html_open(h, "li", "class", next ? "nhsuk-pagination-item--next" : "nhsuk-pagination-item--previous", NULL);
	html_open(h, "a", "class", "nhsuk-pagination__link", "href", href, "rel", next ? "next" : "prev", NULL);
	html_elem(h, "span", next ? "Next" : "Previous", "class", "nhsuk-pagination__title", NULL);
	html_elem(h, "span", ":", "class", "nhsuk-u-visually-hidden", NULL);
	html_open(h, "span", "class", "nhsuk-pagination__page", NULL);
	html_textf(h, "Page %d", page);
	html_close(h);
	html_close(h);
	html_close(h);
}

void list_pager(struct html *h, const char *path, const char *const *params, int page, int has_next)
{
	if (page <= 1 && !has_next)
		return;
	html_open(h, "nav", "class", "nhsuk-pagination", "role", "navigation", "aria-label", "Pagination", NULL);
	html_open(h, "ul", "class", "nhsuk-list nhsuk-pagination__list", NULL);
	if (page > 1)
		page_link(h, path, params, page - 1, 0);
	if (has_next && page < PAGE_NUMBER_MAX)
		page_link(h, path, params, page + 1, 1);
	html_close(h);
	html_close(h);
}
