/* The one pagination policy of every list, API and pages: how many rows a
 * page has, the most a client may ask for, and how the next page is named. */
#ifndef WAYMARK_CORE_PAGE_H
#define WAYMARK_CORE_PAGE_H
#include <stdint.h>

/*
 * API lists take ?limit (1 to PAGE_LIMIT_MAX, PAGE_LIMIT_DEFAULT when
 * absent) and ?cursor (opaque: the next_cursor of the previous page, null on
 * the last page). Pages take ?page (1, 2, ...) and show PAGE_LIMIT_DEFAULT
 * rows each, with Previous and Next links that keep ?q and ?sort.
 */
#define PAGE_LIMIT_DEFAULT 50
#define PAGE_LIMIT_MAX 200
/* The last page number a page link may name (an offset past it is refused). */
#define PAGE_NUMBER_MAX 100000
/* The longest ?q (search text) a list takes, in bytes. */
#define PAGE_Q_MAX 100
/* Room for a cursor as text with its NUL. */
#define PAGE_CURSOR_LEN 24

/* The page of a list to read: rows [offset, offset + limit). */
struct page_req {
	int limit;
	int64_t offset;
};

/* ?limit: NULL or "" gives PAGE_LIMIT_DEFAULT; else 0 and *limit set, or -1
 * when it is not a whole number from 1 to PAGE_LIMIT_MAX. */
int page_parse_limit(const char *s, int *limit);
/* ?cursor: NULL or "" gives 0; else 0 and *value set (a non-negative whole
 * number below 2^62), or -1. */
int page_parse_cursor(const char *s, int64_t *value);
/* ?page on a page: NULL, "" or anything that is not a page number from 1 to
 * PAGE_NUMBER_MAX gives 1. */
int page_parse_number(const char *s);
/* Writes a cursor value as text. */
void page_cursor_format(int64_t value, char out[PAGE_CURSOR_LEN]);
/* The index in names (NULL-terminated) of ?sort, 0 (the list's default
 * order) when NULL or "", or -1 when it is not one of them. */
int page_parse_sort(const char *s, const char *const *names);
/* Rows a list held in one organisation's scope (volunteers, tasks, cases)
 * reads before its search and page are cut from them in memory. */
#define PAGE_SCAN_MAX 5000

/* Cutting a page from rows that match one by one: skip offset, take limit,
 * note whether another follows. */
struct page_window {
	int64_t skip;
	int limit, taken, more;
};
void page_window_init(struct page_window *w, int64_t offset, int limit);
/* 1 when the next matching row is on the page (and counts it); 0 before or after it. */
int page_window_take(struct page_window *w);
#endif
