/* Organisations' rules, pure: their field table, framework status changes and the sharing of community
 * support among an area's active providers. */
#include <stdio.h>
#include <string.h>
#include "core/org.h"

const char *const org_kind_vocab[] = { ORG_KIND_VOCAB };
const char *const org_status_vocab[] = { ORG_STATUS_VOCAB };
const char *const org_source_vocab[] = { ORG_SOURCE_VOCAB };

const struct rec_field org_fields[ORG_F__COUNT] = {
#define COL(c) c
#define NOCOL ""
#define F(ID, key, kind, max, req, label, hint, vocab, col) { key, kind, max, req, label, hint, vocab, col },
	ORG_FIELDS(F)
#undef F
#undef COL
#undef NOCOL
};

int org_status_check(const char *status, const char *reason, struct field_errors *fe)
{
	const struct rec_field sf = { "status", RK_CODE, 0, 1, "Framework status", NULL, org_status_vocab, "" };
	const struct rec_field rf = { "reason", RK_TEXT, ORG_REASON_MAX, 0, "Reason", NULL, NULL, "" };
	char s[REC_VALUE_MAX], r[REC_VALUE_MAX];
	size_t before = fe->n;
	rec_check(&sf, status, s, fe);
	rec_check(&rf, reason, r, fe);
	if (fe->n == before && !r[0] && (strcmp(s, "suspended") == 0 || strcmp(s, "exited") == 0))
		fielderr_add(fe, "reason", "Give the reason the organisation is %s", s);
	return fe->n == before ? 0 : -1;
}

/* -1 if a is the better choice than b, 1 if b is, 0 if the same. */
static int compare(const struct org_share_candidate *a, const struct org_share_candidate *b)
{
	int ac = a->capacity > 0, bc = b->capacity > 0;
	if (ac != bc)
		return ac ? -1 : 1;
	if (ac) {
		/* a.load / a.cap against b.load / b.cap, without division */
		int64_t l = a->open_load * b->capacity, r = b->open_load * a->capacity; /* small counts: no overflow */
		if (l != r)
			return l < r ? -1 : 1;
	}
	if (a->open_load != b->open_load)
		return a->open_load < b->open_load ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

long org_share_pick(const struct org_share_candidate *c, size_t n, const char *area_name, char *reason, size_t reason_len)
{
	if (n == 0)
		return -1;
	size_t best = 0;
	for (size_t i = 1; i < n; i++)
		if (compare(&c[i], &c[best]) < 0)
			best = i;
	const struct org_share_candidate *b = &c[best];
	if (n == 1)
		snprintf(reason, reason_len,
			 "community support: %s arranges volunteers, the only active provider serving %s "
			 "(%lld open, volunteer capacity %lld a week)",
			 b->name, area_name, (long long)b->open_load, (long long)b->capacity);
	else
		snprintf(reason, reason_len,
			 "community support: %s arranges volunteers, the lowest open load against volunteer capacity "
			 "of the %zu active providers serving %s (%lld open, capacity %lld a week)",
			 b->name, n, area_name, (long long)b->open_load, (long long)b->capacity);
	return (long)best;
}
