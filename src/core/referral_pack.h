/* A checked referral copied into a compact buffer (its scratch cut to what
 * is used), so it can be handed to another thread or kept for later. */
#ifndef WAYMARK_CORE_REFERRAL_PACK_H
#define WAYMARK_CORE_REFERRAL_PACK_H
#include <stddef.h>
#include "core/referral_validate.h"

/* Alignment of a packed record inside a buffer of several. */
#define REFERRAL_PACK_ALIGN 16

/* Bytes referral_pack() writes for rec (a multiple of REFERRAL_PACK_ALIGN). */
size_t referral_packed_size(const struct referral_rec *rec);

/*
 * Copies rec to dst, which has referral_packed_size(rec) bytes and is
 * aligned to REFERRAL_PACK_ALIGN; texts that point into rec's scratch point
 * into dst's afterwards, texts in reference data stay as they are. The
 * result is read through the returned pointer, and only its used scratch.
 */
const struct referral_rec *referral_pack(void *dst, const struct referral_rec *rec);
#endif
