/* The list parameters every list route reads the same way (core/page.h):
 * ?limit and ?cursor on the API, ?page on pages, and ?q and ?sort on both. */
#ifndef WAYMARK_HTTP_LIST_QUERY_H
#define WAYMARK_HTTP_LIST_QUERY_H
#include "core/fielderr.h"
#include "core/page.h"
#include "core/search.h"
#include "http/http.h"

/* The query names a list route declares (route.query), before its own filters. */
#define HTTP_LIST_API_QUERY "q sort limit cursor"
#define HTTP_LIST_PAGE_QUERY "q sort page"

struct http_list {
	int limit;              /* rows in the page */
	int64_t cursor;         /* API: the cursor's value (0: first page); pages: the offset of ?page */
	int page;               /* pages: 1, 2, ... */
	int sort;               /* index in the route's sort names (0: its default) */
	const char *q;          /* as typed ("" when absent) */
	const char *sort_name;  /* the sort's name as the route spells it */
	struct search_query search;
};

/* API: reads ?limit, ?cursor, ?q and ?sort (sorts: NULL-terminated names,
 * the first the default), adding an error naming each bad one to fe. */
void http_list_api(struct http_req *req, const char *const *sorts, struct http_list *l, struct field_errors *fe);
/* Pages: reads ?page, ?q and ?sort; a bad page or sort gives the first
 * page or the default order, a bad ?q an error for the summary in fe. */
void http_list_page(struct http_req *req, const char *const *sorts, struct http_list *l, struct field_errors *fe);
#endif
