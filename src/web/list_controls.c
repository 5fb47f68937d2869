/* List pages' search box, sort choice and Previous/Next links (NHS.UK
 * pagination), with the list's state in the URL (util/urlq). */
#include "web/list_controls.h"
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
