/* Reading a list's search text: NHS number, reference or name words, and
 * the query each engine's text index is given for a name. */
#include "core/search.h"
#include <stdio.h>
#include <string.h>

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Lower-cases s into out, single spaces, no wildcards; -1 on a control character. */
static int normalise(const char *s, char out[PAGE_Q_MAX + 1])
{
	size_t n = 0;
	int space = 1;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned c = *p;
		if (c == '\t' || c == ' ' || c == '\n' || c == '\r') {
			if (!space && n < PAGE_Q_MAX)
				out[n++] = ' ';
			space = 1;
			continue;
		}
		if (c < 0x20 || c == 0x7f)
			return -1;
		if (c == '%' || c == '_' || c == '\\')
			continue;
		/* U+2019 RIGHT SINGLE QUOTATION MARK, as phones type an apostrophe. */
		if (c == 0xe2 && p[1] == 0x80 && p[2] == 0x99) {
			c = '\'';
			p += 2;
		}
		if (n < PAGE_Q_MAX)
			out[n++] = (char)lower((int)c);
		space = 0;
	}
	while (n && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	return 0;
}

/* 1 for a byte of a word: an ASCII letter or digit, or part of a UTF-8 character. */
static int word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Writes each word of words into both engines' expressions; returns the count. */
static int build_queries(const char *words, char *fts, char *tsq, size_t cap)
{
	size_t nf = 0, nt = 0;
	int n = 0;
	for (const char *p = words; *p;) {
		if (!word_byte((unsigned char)*p)) {
			p++;
			continue;
		}
		size_t len = 0;
		while (word_byte((unsigned char)p[len]))
			len++;
		if (nf + len + 5 >= cap || nt + len + 6 >= cap)
			break;
		nf += (size_t)snprintf(fts + nf, cap - nf, "%s\"%.*s\"*", n ? " " : "", (int)len, p);
		nt += (size_t)snprintf(tsq + nt, cap - nt, "%s%.*s:*", n ? " & " : "", (int)len, p);
		n++;
		p += len;
	}
	fts[nf] = '\0';
	tsq[nt] = '\0';
	return n;
}

int search_parse(const char *q, struct search_query *out)
{
	memset(out, 0, sizeof *out);
	out->kind = SEARCH_ALL;
	if (!q)
		return 0;
	if (strlen(q) > PAGE_Q_MAX)
		return -1;
	if (normalise(q, out->words))
		return -1;
	if (!out->words[0])
		return 0;
	if (nhsnum_normalise(q, out->nhs_number) == 0) {
		out->kind = SEARCH_NHS_NUMBER;
		return 0;
	}
	int year;
	int64_t seq;
	if (refcode_parse(q, &year, &seq) == 0 && refcode_make(year, seq, out->reference, sizeof out->reference) == 0) {
		out->kind = SEARCH_REFERENCE;
		return 0;
	}
	out->kind = SEARCH_NAME;
	out->nwords = build_queries(out->words, out->fts, out->tsquery, sizeof out->fts);
	return 0;
}

/* 1 when word (len bytes) begins a word of name (any case; words are runs of letters and digits). */
static int begins_a_word(const char *name, const char *word, size_t len)
{
	for (const char *p = name; *p; p++) {
		if (p != name && word_byte((unsigned char)p[-1]))
			continue;
		size_t i = 0;
		while (i < len && p[i] && lower((unsigned char)p[i]) == (unsigned char)word[i])
			i++;
		if (i == len)
			return 1;
	}
	return 0;
}

int search_name_matches(const struct search_query *s, const char *name)
{
	if (s->kind != SEARCH_NAME)
		return s->kind == SEARCH_ALL;
	if (!s->nwords)
		return 0;
	for (const char *w = s->words; *w;) {
		if (!word_byte((unsigned char)*w)) {
			w++;
			continue;
		}
		size_t len = 0;
		while (word_byte((unsigned char)w[len]))
			len++;
		if (!begins_a_word(name, w, len))
			return 0;
		w += len;
	}
	return 1;
}

int search_person_matches(const struct search_query *s, const char *name, const char *nhs_number,
			  const char *reference)
{
	switch (s->kind) {
	case SEARCH_NHS_NUMBER:
		return nhs_number && strcmp(s->nhs_number, nhs_number) == 0;
	case SEARCH_REFERENCE:
		return reference && strcmp(s->reference, reference) == 0;
	default:
		return search_name_matches(s, name);
	}
}
