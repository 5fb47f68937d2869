/* Copies a checked referral into a compact buffer, moving the pointers that
 * point into its scratch area (see referral_pack.h). */
#include <stdint.h>
#include <string.h>
#include "core/referral_pack.h"

size_t referral_packed_size(const struct referral_rec *rec)
{
	size_t n = offsetof(struct referral_rec, scratch) + rec->used;
	return (n + REFERRAL_PACK_ALIGN - 1) / REFERRAL_PACK_ALIGN * REFERRAL_PACK_ALIGN;
}

/* p moved from src's scratch to dst's; other pointers are kept. Addresses
 * are compared as integers: p may point anywhere. */
static const char *moved(const char *p, const struct referral_rec *src, char *dst_scratch)
{
	uintptr_t a = (uintptr_t)p, lo = (uintptr_t)src->scratch;
	if (p && a >= lo && a < lo + sizeof src->scratch)
		return dst_scratch + (a - lo);
	return p;
}

const struct referral_rec *referral_pack(void *dst, const struct referral_rec *rec)
{
	char *d = dst;
	memcpy(d, rec, offsetof(struct referral_rec, scratch) + rec->used);
	struct referral_rec *out = dst;
	char *scratch = d + offsetof(struct referral_rec, scratch);
	for (size_t f = 0; f < sizeof rec->v / sizeof rec->v[0]; f++)
		out->v[f].s = moved(rec->v[f].s, rec, scratch);
	for (size_t i = 0; i < rec->nreasons; i++)
		out->reasons[i] = moved(rec->reasons[i], rec, scratch);
	out->outcode = moved(rec->outcode, rec, scratch);
	out->area = moved(rec->area, rec, scratch);
	out->match_key = moved(rec->match_key, rec, scratch);
	return out;
}
