/* What a list's search box (?q) asks for: an NHS number typed any way, a
 * referral reference, or words of a name, with the text each engine's index
 * is asked (SQLite FTS5 MATCH, a LIKE pattern for PostgreSQL pg_trgm). */
#ifndef WAYMARK_CORE_SEARCH_H
#define WAYMARK_CORE_SEARCH_H
#include "core/nhsnum.h"
#include "core/page.h"
#include "core/refcode.h"

enum search_kind {
	SEARCH_ALL,        /* no search text: the whole list */
	SEARCH_NHS_NUMBER, /* ten digits with a valid check digit, spaces anywhere */
	SEARCH_REFERENCE,  /* a referral reference ("WM-26-000123-K", any case, with or without dashes) */
	SEARCH_NAME,       /* anything else: words that begin words of the name, in any case */
};

/* Room for the FTS5 expression: each of up to PAGE_Q_MAX characters may
 * become a doubled quote, plus quotes, star and space per word. */
#define SEARCH_FTS_LEN (PAGE_Q_MAX * 4 + 8)
#define SEARCH_LIKE_LEN (PAGE_Q_MAX + 8)

struct search_query {
	enum search_kind kind;
	char nhs_number[NHSNUM_LEN];   /* SEARCH_NHS_NUMBER: the ten digits */
	char reference[REFCODE_MAX];   /* SEARCH_REFERENCE: as stored */
	char words[PAGE_Q_MAX + 1];    /* SEARCH_NAME: lower case, single spaces ("o'brien mary") */
	char fts[SEARCH_FTS_LEN];      /* SEARCH_NAME: "o'brien"* "mary"* (every word begins a word of the name) */
	char like[SEARCH_LIKE_LEN];    /* SEARCH_NAME: %o'brien%mary% (the words in order, in the name lower-cased) */
};

/*
 * Reads q (NULL or empty: SEARCH_ALL). Returns 0, or -1 when q is longer
 * than PAGE_Q_MAX bytes or holds a control character. A name's letters are
 * lower-cased (ASCII; other UTF-8 passes unchanged), runs of white space
 * become one space, and the LIKE wildcards % _ and \ are dropped; typographic
 * apostrophes (U+2019) become '.
 */
int search_parse(const char *q, struct search_query *out);
/* 1 when name ("Mary O'Brien") holds every word of s as in SEARCH_NAME
 * (for filtering lists held in memory: caseload, volunteers, tasks). */
int search_name_matches(const struct search_query *s, const char *name);
#endif
