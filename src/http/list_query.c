/* Reading a list route's ?limit, ?cursor, ?page, ?q and ?sort, once for
 * every list of the API and the pages (the policy is core/page.h). */
#include "http/list_query.h"
#include <string.h>

static void read_q_sort(struct http_req *req, const char *const *sorts, struct http_list *l, struct field_errors *fe,
			int strict)
{
	const char *q = http_query(req, "q"), *sort = http_query(req, "sort");
	l->q = q ? q : "";
	if (search_parse(l->q, &l->search)) {
		fielderr_add(fe, "q", "Search text must be %d characters or fewer, without control characters", PAGE_Q_MAX);
		search_parse(NULL, &l->search);
	}
	l->sort = page_parse_sort(sort, sorts);
	if (l->sort < 0) {
		if (strict) {
			char names[160] = "";
			for (int i = 0; sorts[i]; i++) {
				if (i)
					strncat(names, ", ", sizeof names - strlen(names) - 1);
				strncat(names, sorts[i], sizeof names - strlen(names) - 1);
			}
			fielderr_add(fe, "sort", "sort must be one of %s", names);
		}
		l->sort = 0;
	}
	l->sort_name = sorts[l->sort];
}

void http_list_api(struct http_req *req, const char *const *sorts, struct http_list *l, struct field_errors *fe)
{
	memset(l, 0, sizeof *l);
	l->page = 1;
	if (page_parse_limit(http_query(req, "limit"), &l->limit)) {
		fielderr_add(fe, "limit", "limit must be a whole number from 1 to %d", PAGE_LIMIT_MAX);
		l->limit = PAGE_LIMIT_DEFAULT;
	}
	if (page_parse_cursor(http_query(req, "cursor"), &l->cursor))
		fielderr_add(fe, "cursor", "cursor must be the next_cursor of an earlier page");
	read_q_sort(req, sorts, l, fe, 1);
}

void http_list_page(struct http_req *req, const char *const *sorts, struct http_list *l, struct field_errors *fe)
{
	memset(l, 0, sizeof *l);
	l->limit = PAGE_LIMIT_DEFAULT;
	l->page = page_parse_number(http_query(req, "page"));
	l->cursor = (int64_t)(l->page - 1) * PAGE_LIMIT_DEFAULT;
	read_q_sort(req, sorts, l, fe, 0);
}
