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

/* A channel's form page: the form, with fe's errors (may be NULL), at status. */
typedef int (*referral_form_page_fn)(struct http_req *req, struct http_resp *resp, const struct field_errors *fe,
				     unsigned status);

/*
 * Reads the posted form of channel (a date's three boxes put together; one
 * with boxes empty or not numbers is a problem) and submits it
 * (ops_referral_submit): the form again with its errors (422), the store's
 * failure, or, once it is stored, done with the new referral's id.
 */
int referral_form_submit(struct http_req *req, struct http_resp *resp, unsigned channel, referral_form_page_fn page,
			 int (*done)(struct http_req *req, struct http_resp *resp, int64_t id));

/* Writes the confirmation panel with the reference and what happens next. */
void referral_form_confirmation(struct html *h, const char *reference, int64_t sla_due_at, int self);
#endif
