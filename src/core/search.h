/* What a list's search box (?q) asks for: an NHS number typed any way, a
 * referral reference, or words of a name, with the text each engine's index
 * is asked (SQLite FTS5 MATCH, PostgreSQL full-text to_tsquery). */
#ifndef WAYMARK_CORE_SEARCH_H
#define WAYMARK_CORE_SEARCH_H
#include "core/nhsnum.h"
#include "core/page.h"
#include "core/refcode.h"

enum search_kind {
	SEARCH_ALL,        /* no search text: the whole list */
	SEARCH_NHS_NUMBER, /* ten digits with a valid check digit, spaces anywhere */
	SEARCH_REFERENCE,  /* a referral reference ("WM-26-000123-K", any case, with or without dashes) */
	SEARCH_NAME,       /* anything else: each word begins a word of the name, in any case and order */
};

/* Room for either engine's expression: at most PAGE_Q_MAX / 2 + 1 words of
 * letters and digits, each with four more characters around it. */
#define SEARCH_FTS_LEN (PAGE_Q_MAX * 4 + 8)

struct search_query {
	enum search_kind kind;
	char nhs_number[NHSNUM_LEN];   /* SEARCH_NHS_NUMBER: the ten digits */
	char reference[REFCODE_MAX];   /* SEARCH_REFERENCE: as stored */
	char words[PAGE_Q_MAX + 1];    /* SEARCH_NAME: lower case, single spaces ("o'brien mary") */
	char fts[SEARCH_FTS_LEN];      /* SEARCH_NAME, SQLite FTS5: "o"* "brien"* "mary"* */
	char tsquery[SEARCH_FTS_LEN];  /* SEARCH_NAME, PostgreSQL to_tsquery('simple', ...): o:* & brien:* & mary:* */
	int nwords;                    /* SEARCH_NAME: words of letters and digits (0: it can find nobody) */
};

/*
 * Reads q (NULL or empty: SEARCH_ALL). Returns 0, or -1 when q is longer
 * than PAGE_Q_MAX bytes or holds a control character. A name's letters are
 * lower-cased (ASCII; other UTF-8 passes unchanged), runs of white space
 * become one space, and % _ and \ are dropped; typographic apostrophes
 * (U+2019) become '. The words searched for are the runs of letters and
 * digits (as both engines' tokenisers split a name: "O'Brien" is "o" "brien").
 */
int search_parse(const char *q, struct search_query *out);
/* 1 when name ("Mary O'Brien") holds every word of s as in SEARCH_NAME
 * (for filtering lists held in memory: caseload, volunteers, tasks). */
int search_name_matches(const struct search_query *s, const char *name);
/* 1 when a person's row is found by s: by their name, their NHS number (ten
 * digits as stored, or NULL / "" when not known) or the reference of their
 * referral (NULL when the row has none). */
int search_person_matches(const struct search_query *s, const char *name, const char *nhs_number,
			  const char *reference);
#endif
