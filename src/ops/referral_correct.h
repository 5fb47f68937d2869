/* A referrer corrects what they sent while the hub has not yet read it: the same checks as intake, audited. */
#ifndef WAYMARK_OPS_REFERRAL_CORRECT_H
#define WAYMARK_OPS_REFERRAL_CORRECT_H
#include "ops/ops.h"
#include "store/referral.h"

/* The fields a referrer may correct, by their model paths. */
#define REFERRAL_CORRECT_N 6
extern const int referral_correct_fields[REFERRAL_CORRECT_N];

/* 1 when c's user made referral v and may still correct it (received, and
 * nobody else has read it), 0 when not, -1 on a store error. */
int ops_referral_correctable(const struct ops_ctx *c, const struct referral_view *v);

/*
 * Corrects referral id: values[i] is the new text of referral_correct_fields[i]
 * (NULL or "": none). The whole referral is checked again as intake checks
 * a form (fe names the fields). The person's stored details are not touched
 * (the hub applies differing contact details on purpose). OPS_NOT_FOUND for
 * another's referral, OPS_CONFLICT (fe "status") once read or triaged,
 * OPS_INVALID. Audited as referral.correct.
 */
enum ops_result ops_referral_correct(const struct ops_ctx *c, int64_t id, const char *const *values,
				     struct field_errors *fe);
#endif
