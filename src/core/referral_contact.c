/* Which of a referral's submitted contact details differ from the person's. */
#include <string.h>
#include "core/referral_contact.h"

const enum referral_field referral_contact_field[REFERRAL_CONTACT_N] = {
	RF_PERSON_POSTCODE, RF_PERSON_ADDRESS, RF_PERSON_PHONE, RF_PERSON_EMAIL, RF_PERSON_PREFERRED_CONTACT,
};

unsigned referral_contact_diff(const struct referral_value *person, const struct referral_value *submitted)
{
	unsigned bits = 0;
	for (int i = 0; i < REFERRAL_CONTACT_N; i++) {
		const struct referral_value *s = &submitted[referral_contact_field[i]];
		const struct referral_value *p = &person[referral_contact_field[i]];
		if (s->set && s->s && (!p->set || !p->s || strcmp(p->s, s->s) != 0))
			bits |= 1u << i;
	}
	return bits;
}
