/* The reference data a referral is checked against, held in memory. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "core/referral_refs.h"

void referral_refs_init(struct referral_refs *r)
{
	memset(r, 0, sizeof *r);
}

void referral_refs_free(struct referral_refs *r)
{
	for (int v = 0; v < RV__MAX; v++)
		free(r->vocab[v].e);
	free(r->practices);
	free(r->districts);
	for (size_t i = 0; i < r->nstrings; i++)
		free(r->strings[i]);
	free(r->strings);
	memset(r, 0, sizeof *r);
}

/* Grows *p (n used of *cap elements of size sz) to hold one more. */
static int grow(void **p, size_t n, size_t *cap, size_t sz)
{
	if (n < *cap)
		return 0;
	size_t c = *cap ? *cap * 2 : 16;
	void *q = realloc(*p, c * sz);
	if (!q)
		return -1;
	*p = q;
	*cap = c;
	return 0;
}

static const char *keep(struct referral_refs *r, const char *s)
{
	if (r->failed)
		return NULL;
	if (grow((void **)&r->strings, r->nstrings, &r->cap_strings, sizeof *r->strings)) {
		r->failed = 1;
		return NULL;
	}
	char *c = strdup(s ? s : "");
	if (!c) {
		r->failed = 1;
		return NULL;
	}
	r->strings[r->nstrings++] = c;
	return c;
}

int referral_refs_add_vocab(struct referral_refs *r, const char *vocab, const char *code, const char *label,
			    const char *extra)
{
	int v = 0;
	while (v < RV__MAX && strcmp(referral_vocab_name[v], vocab) != 0)
		v++;
	if (v == RV__MAX)
		return 0;
	struct referral_vocab_list *l = &r->vocab[v];
	if (r->failed || grow((void **)&l->e, l->n, &l->cap, sizeof *l->e)) {
		r->failed = 1;
		return -1;
	}
	struct referral_vocab_entry e = { keep(r, code), keep(r, label), keep(r, extra) };
	if (r->failed)
		return -1;
	l->e[l->n++] = e;
	return 0;
}

int referral_refs_add_practice(struct referral_refs *r, const char *code, const char *name, const char *cluster,
			       const char *postcode)
{
	if (r->failed || grow((void **)&r->practices, r->npractices, &r->cap_practices, sizeof *r->practices)) {
		r->failed = 1;
		return -1;
	}
	struct referral_practice p = { keep(r, code), keep(r, name), keep(r, cluster), keep(r, postcode) };
	if (r->failed)
		return -1;
	r->practices[r->npractices++] = p;
	return 0;
}

int referral_refs_add_district(struct referral_refs *r, const char *outcode, const char *area)
{
	if (r->failed || grow((void **)&r->districts, r->ndistricts, &r->cap_districts, sizeof *r->districts)) {
		r->failed = 1;
		return -1;
	}
	struct referral_district d = { keep(r, outcode), keep(r, area) };
	if (r->failed)
		return -1;
	r->districts[r->ndistricts++] = d;
	return 0;
}

const struct referral_vocab_entry *referral_refs_vocab(const struct referral_refs *r, enum referral_vocab v,
						       const char *code)
{
	if (v < 0 || v >= RV__MAX || !code)
		return NULL;
	const struct referral_vocab_list *l = &r->vocab[v];
	for (size_t i = 0; i < l->n; i++)
		if (strcasecmp(l->e[i].code, code) == 0)
			return &l->e[i];
	return NULL;
}

const struct referral_practice *referral_refs_practice(const struct referral_refs *r, const char *s)
{
	if (!s)
		return NULL;
	for (size_t i = 0; i < r->npractices; i++)
		if (strcasecmp(r->practices[i].code, s) == 0)
			return &r->practices[i];
	for (size_t i = 0; i < r->npractices; i++)
		if (strcasecmp(r->practices[i].name, s) == 0)
			return &r->practices[i];
	return NULL;
}

const char *referral_refs_area(const struct referral_refs *r, const char *outcode)
{
	if (!outcode)
		return NULL;
	for (size_t i = 0; i < r->ndistricts; i++)
		if (strcmp(r->districts[i].outcode, outcode) == 0)
			return r->districts[i].area;
	return NULL;
}
