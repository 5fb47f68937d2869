/* The referral form, drawn from the model for a channel (professional or
 * self-referral), and the reading of a posted form back into raw input. */
#ifndef WAYMARK_WEB_REFERRAL_FORM_H
#define WAYMARK_WEB_REFERRAL_FORM_H
#include "core/referral_validate.h"
#include "http/http.h"
#include "web/html.h"
#include "ops/ops.h"

/* Room for the dates put together from their day, month and year boxes. */
struct referral_form_dates {
	char text[RF__MAX][16];
};

/* Answers a form shows before anything is posted (a GP's practice); NULL: none. */
struct referral_form_defaults {
	const char *v[RF__MAX];
};

/*
 * Writes every field the channel (CH_FORM or CH_SELF) takes, in sections,
 * with the values of the posted form when there is one (req's form) and the
 * error of each field from fe (may be NULL).
 */
void referral_form_fields(struct html *h, struct http_req *req, unsigned channel, const struct referral_refs *refs,
			  const struct field_errors *fe);

/* The fields of one section (enum referral_section) of the channel's form;
 * dflt (may be NULL) fills fields of a form not yet posted. */
void referral_form_section(struct html *h, struct http_req *req, unsigned channel, const struct referral_refs *refs,
			   const struct field_errors *fe, int section, const struct referral_form_defaults *dflt);
/* The heading of a section on the channel's form. */
const char *referral_form_section_title(unsigned channel, int section);
/* 1 when the channel's form has fields in the section. */
int referral_form_section_has(unsigned channel, int section);
/* Hidden inputs carrying the posted answers (or, before any post, dflt's)
 * of the channel's fields in the sections of the bit mask (1 << section). */
void referral_form_carry(struct html *h, struct http_req *req, unsigned channel, unsigned sections,
			 const struct referral_form_defaults *dflt);
/* A posted value to show again (NULL when none; "" when not UTF-8). */
const char *referral_form_value(struct http_req *req, const char *name);
/* The label (with " (optional)" for an optional question) and hint the
 * channel's form shows for field f. */
void referral_form_words(unsigned channel, int f, char *label, size_t len, const char **hint);
/* Checks the posted form as a submission would, storing nothing: OPS_OK,
 * OPS_INVALID with fe, or OPS_ERROR. */
enum ops_result referral_form_check(struct http_req *req, unsigned channel, struct field_errors *fe);

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

/* The professional form in steps (web/referral_steps.c): GET
 * /referrals/new and POST /referrals. */
int referral_steps_new(struct http_req *req, struct http_resp *resp);
int referral_steps_post(struct http_req *req, struct http_resp *resp);

/* Writes the confirmation panel with the reference and what happens next. */
void referral_form_confirmation(struct html *h, const char *reference, int64_t sla_due_at, int self);
#endif
