/* Changing a person's stored details on purpose: the only way a referral's
 * submitted contact details reach the person (finding 1, docs/SECURITY.md). */
#ifndef WAYMARK_OPS_PEOPLE_H
#define WAYMARK_OPS_PEOPLE_H
#include "ops/ops.h"

/*
 * Applies referral_id's submitted contact details (core/referral_contact.h)
 * to its person: each that differs is changed and kept in person_history
 * (field, old and new value, who, when, the referral), and the change is
 * audited as person.update ("referral=REF fields=phone,email"). For the hub
 * and staff of the organisation holding the case: OPS_NOT_FOUND for anyone
 * else, OPS_FORBIDDEN for its referrer. *changed gets the bits of the
 * fields changed (0: nothing differed, nothing written).
 */
enum ops_result ops_person_apply_contact(const struct ops_ctx *c, int64_t referral_id, unsigned *changed);
#endif
