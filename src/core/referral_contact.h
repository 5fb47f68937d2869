/* A person's contact details as a referral gave them against those stored:
 * which differ, for the hub or the case holder to see and apply on purpose. */
#ifndef WAYMARK_CORE_REFERRAL_CONTACT_H
#define WAYMARK_CORE_REFERRAL_CONTACT_H
#include "core/referral_validate.h"

/* The contact fields, in the order of the bits below and of the columns of
 * PERSON_CONTACT_GET and PERSON_CONTACT_SET. */
#define REFERRAL_CONTACT_N 5
extern const enum referral_field referral_contact_field[REFERRAL_CONTACT_N];

/* Bit i is set when contact field i was submitted and is not what the person
 * has (nothing, or other text). person and submitted are indexed by field. */
unsigned referral_contact_diff(const struct referral_value *person, const struct referral_value *submitted);
#endif
