/* The person referred as a worker needs them: the contact details and the referral as sent (reasons, the referrer's narrative, consent), with vocabulary labels and dates as people read them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datehuman.h"
#include "model/referral.h"
#include "web/referral_card.h"
#include "web/widgets.h"

struct referral_view *referral_card_load(struct store *st, int64_t id, int *found)
{
	struct referral_view *v = malloc(sizeof *v);
	*found = 0;
	if (!v)
		return NULL;
	int n = referral_store_get(st, id, v);
	if (n != 1) {
		free(v);
		*found = n == 0 ? 0 : -1;
		return NULL;
	}
	*found = 1;
	return v;
}

void referral_card_nhs_number(const char *digits, char *out, size_t n)
{
	if (digits && strlen(digits) == 10 && strspn(digits, "0123456789") == 10)
		snprintf(out, n, "%.3s %.3s %.4s", digits, digits + 3, digits + 6);
	else
		snprintf(out, n, "%s", digits ? digits : "");
}

/* The label of a vocabulary code, or the code itself. */
static const char *label_of(struct store *st, enum referral_vocab vocab, const char *code)
{
	const struct referral_refs *refs = referral_refs_app(st);
	const struct referral_vocab_entry *e = refs && code ? referral_refs_vocab(refs, vocab, code) : NULL;
	return e ? e->label : code ? code : "";
}

static const char *text_or(const struct referral_value *v, const char *none)
{
	return v->set && v->s && v->s[0] ? v->s : none;
}

static const char *yes_no(const struct referral_value *v, const char *none)
{
	return !v->set ? none : v->i ? "Yes" : "No";
}

/* A row whose value may be a link (tel:, mailto:) when given. */
static void link_row(struct html *h, const char *key, const char *scheme, const char *value, const char *id)
{
	html_open(h, "div", "class", "nhsuk-summary-list__row", NULL);
	html_elem(h, "dt", key, "class", "nhsuk-summary-list__key", NULL);
	html_open(h, "dd", "class", "nhsuk-summary-list__value", "id", id, NULL);
	if (value && value[0]) {
		char href[320];
		snprintf(href, sizeof href, "%s%s", scheme, value);
		html_elem(h, "a", value, "href", href, NULL);
	} else {
		html_text(h, "Not given");
	}
	html_close(h);
	html_close(h);
}

static void contact(struct html *h, struct store *st, const struct referral_view *v)
{
	const struct referral_value *f = v->rec.v;
	char buf[400];
	html_elem(h, "h2", "Contact details", "class", "nhsuk-heading-m", "id", "contact-details", NULL);
	html_open(h, "dl", "class", "nhsuk-summary-list", "id", "contact-list", NULL);
	link_row(h, "Phone", "tel:", text_or(&f[RF_PERSON_PHONE], ""), "contact-phone");
	link_row(h, "Email", "mailto:", text_or(&f[RF_PERSON_EMAIL], ""), "contact-email");
	snprintf(buf, sizeof buf, "%s%s%s", text_or(&f[RF_PERSON_ADDRESS], ""), f[RF_PERSON_ADDRESS].set ? ", " : "",
		 text_or(&f[RF_PERSON_POSTCODE], ""));
	widget_summary_row(h, "Address", buf[0] ? buf : "Not given");
	widget_summary_row(h, "Preferred way to be contacted",
			   f[RF_PERSON_PREFERRED_CONTACT].set
				   ? label_of(st, RV_CONTACT_METHODS, f[RF_PERSON_PREFERRED_CONTACT].s)
				   : "Not given");
	referral_card_nhs_number(text_or(&f[RF_PERSON_NHS_NUMBER], ""), buf, sizeof buf);
	widget_summary_row(h, "NHS number", buf[0] ? buf : "Not given");
	html_close(h);
}

static void referral(struct html *h, struct store *st, const struct referral_view *v)
{
	const struct referral_value *f = v->rec.v;
	char buf[1200];
	html_elem(h, "h2", "The referral", "class", "nhsuk-heading-m", "id", "referral-details", NULL);
	html_open(h, "dl", "class", "nhsuk-summary-list", "id", "referral-list", NULL);
	buf[0] = '\0';
	for (size_t i = 0; i < v->rec.nreasons; i++) {
		size_t used = strlen(buf);
		snprintf(buf + used, sizeof buf - used, "%s%s", i ? "; " : "",
			 label_of(st, RV_REFERRAL_REASONS, v->rec.reasons[i]));
	}
	widget_summary_row(h, "Reasons for the referral", buf[0] ? buf : "Not given");
	widget_summary_row(h, "What the referrer said", text_or(&f[RF_DETAILS], "Nothing more was given"));
	widget_summary_row(h, "Urgency", f[RF_URGENCY].set ? label_of(st, RV_URGENCIES, f[RF_URGENCY].s) : "Not given");
	widget_summary_row(h, "Safeguarding concern", yes_no(&f[RF_SAFEGUARDING], "Not given"));
	if (f[RF_DISCHARGE_HOSPITAL].set || f[RF_DISCHARGE_EXPECTED_DATE].set) {
		char day[DH_DATE_LEN] = "";
		if (f[RF_DISCHARGE_EXPECTED_DATE].set)
			dh_format_date(f[RF_DISCHARGE_EXPECTED_DATE].i, day);
		snprintf(buf, sizeof buf, "%s%s%s%s%s", text_or(&f[RF_DISCHARGE_HOSPITAL], "Hospital not given"),
			 f[RF_DISCHARGE_WARD].set ? ", ward " : "", text_or(&f[RF_DISCHARGE_WARD], ""),
			 day[0] ? "; expected discharge " : "", day);
		widget_summary_row(h, "Discharge", buf);
		widget_summary_row(h, "Home check needed before discharge", yes_no(&f[RF_DISCHARGE_HOME_CHECK_NEEDED], "No"));
	}
	snprintf(buf, sizeof buf, "%s%s%s%s%s", text_or(&f[RF_REFERRER_NAME], ""),
		 f[RF_REFERRER_NAME].set && f[RF_REFERRER_ROLE].set ? ", " : "", text_or(&f[RF_REFERRER_ROLE], ""),
		 (f[RF_REFERRER_NAME].set || f[RF_REFERRER_ROLE].set) && f[RF_REFERRER_ORGANISATION].set ? ", " : "",
		 text_or(&f[RF_REFERRER_ORGANISATION], ""));
	widget_summary_row(h, "Referrer", buf[0] ? buf : strcmp(v->channel, "self") == 0 ? "The person themselves" : "Not given");
	snprintf(buf, sizeof buf, "%s%s%s", text_or(&f[RF_REFERRER_PHONE], ""),
		 f[RF_REFERRER_PHONE].set && f[RF_REFERRER_EMAIL].set ? ", " : "", text_or(&f[RF_REFERRER_EMAIL], ""));
	if (buf[0])
		widget_summary_row(h, "Referrer's contact details", buf);
	snprintf(buf, sizeof buf, "Agrees to this referral: %s. Agrees to information sharing: %s.",
		 yes_no(&f[RF_CONSENT_REFERRAL], "not given"), yes_no(&f[RF_CONSENT_DATA_SHARING], "not given"));
	widget_summary_row(h, "Consent", buf);
	html_close(h);
}

void referral_card(struct html *h, struct store *st, const struct referral_view *v, unsigned parts)
{
	if (parts & CARD_CONTACT)
		contact(h, st, v);
	if (parts & CARD_REFERRAL)
		referral(h, st, v);
}
