/* The person referred as a worker needs them (how to reach them) and the referral as it was sent, as NHS.UK summary lists. */
#ifndef WAYMARK_WEB_REFERRAL_CARD_H
#define WAYMARK_WEB_REFERRAL_CARD_H
#include <stdint.h>
#include "store/referral.h"
#include "web/html.h"

enum {
	CARD_CONTACT = 1,  /* phone, email, address, postcode, preferred contact, NHS number */
	CARD_REFERRAL = 2, /* reasons, details (the narrative), urgency, safeguarding, discharge, referrer, consent */
};

/* Reads referral id into a new view (free it). NULL on a store error, no
 * memory or no such referral (*found says which: 0 none, 1 found). */
struct referral_view *referral_card_load(struct store *st, int64_t id, int *found);

/* Writes the parts of v under h2 headings (with ids "contact-details" and
 * "referral-details"). The caller audits the read. */
void referral_card(struct html *h, struct store *st, const struct referral_view *v, unsigned parts);

/* "943 476 5919" from ten digits (anything else copied as it is). */
void referral_card_nhs_number(const char *digits, char *out, size_t n);
#endif
