/* The referral form, drawn from the model for a channel (professional or
 * self-referral), and the reading of a posted form back into raw input. */
#ifndef WAYMARK_WEB_REFERRAL_FORM_H
#define WAYMARK_WEB_REFERRAL_FORM_H
#include "core/referral_validate.h"
#include "http/http.h"
#include "web/html.h"

/* Room for the dates put together from their day, month and year boxes. */
struct referral_form_dates {
	char text[RF__MAX][16];
};

/*
 * Writes every field the channel (CH_FORM or CH_SELF) takes, in sections,
 * with the values of the posted form when there is one (req's form) and the
 * error of each field from fe (may be NULL).
 */
void referral_form_fields(struct html *h, struct http_req *req, unsigned channel, const struct referral_refs *refs,
			  const struct field_errors *fe);

/*
 * Reads the posted form into raw (values borrowed from req and dates). Dates
 * come in three boxes; a date with some boxes empty or not numbers is a
 * problem added to fe (and marked bad in raw).
 */
void referral_form_read(struct http_req *req, unsigned channel, struct referral_raw *raw,
			struct referral_form_dates *dates, struct field_errors *fe);

/* Writes the confirmation panel with the reference and what happens next. */
void referral_form_confirmation(struct html *h, const char *reference, int64_t sla_due_at, int self);
#endif
