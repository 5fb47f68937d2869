/* Success banners after a form's work (post/redirect/get): the redirect names what was done as ?done=code,
 * and the page it lands on opens with an NHS.UK success notification banner saying so. */
#include <string.h>
#include "web/web.h"

void web_success_banner(struct html *h, const char *heading, const char *text)
{
	html_open(h, "div", "class", "nhsuk-notification-banner nhsuk-notification-banner--success", "role", "alert",
		  "aria-labelledby", "success-banner-title", "data-module", "nhsuk-notification-banner", "id",
		  "success-banner", NULL);
	html_open(h, "div", "class", "nhsuk-notification-banner__header", NULL);
	html_elem(h, "h2", "Success", "class", "nhsuk-notification-banner__title", "id", "success-banner-title", NULL);
	html_close(h);
	html_open(h, "div", "class", "nhsuk-notification-banner__content", NULL);
	html_elem(h, "h3", heading, "class", "nhsuk-notification-banner__heading", NULL);
	if (text)
		html_elem(h, "p", text, "class", "nhsuk-body", NULL);
	html_close(h);
	html_close(h);
}

/* What each ?done= code says. Codes are short words; unknown ones show nothing. */
static const struct {
	const char *code, *heading, *text;
} done_codes[] = {
	{ "triaged", "Triage saved", NULL },
	{ "contact", "Contact recorded", NULL },
	{ "evidence", "Evidence uploaded", "It is listed under its criterion, waiting for the lead provider to check it." },
	{ "reallocated", "Case given to another worker", NULL },
	{ "session", "Session added", NULL },
	{ "measure", "Measure recorded", NULL },
	{ "assessment", "Assessment updated", NULL },
	{ "goal", "Goal added", NULL },
	{ "goal-progress", "Progress recorded", NULL },
	{ "onward", "Referred on", "The service is listed under Onward referrals." },
	{ "onward-status", "Onward referral updated", NULL },
	{ "unmet-need", "Unmet need recorded", NULL },
	{ "consent", "Consent recorded", NULL },
	{ "safeguarding", "Safeguarding concern recorded", NULL },
	{ "case-study", "Case study added", NULL },
	{ "close", "Case closed", NULL },
	{ "drop-out", "Case closed as unable to contact", NULL },
	{ "home-check-taken", "Home check taken", "It is yours to do now." },
	{ "home-check-done", "Home check recorded", NULL },
	{ "deactivated", "Account deactivated", "Its sessions have ended and its API tokens are revoked." },
	{ "activated", "Account reactivated", NULL },
	{ "withdrawn", "Referral withdrawn", NULL },
	{ "corrected", "Referral corrected", "The hub will see what you changed." },
	{ "accepted", "Task accepted", "Thank you." },
	{ "declined", "Task declined", "Your coordinator will offer it to someone else." },
	{ "logged", "Your log was saved", "Thank you." },
	{ "handed-back", "Task handed back", "Your coordinator will offer it to someone else." },
	{ "password", "Password changed", NULL },
	{ "campaign", "Campaign added", "Share its application link below." },
};

void web_done_banner(struct html *h, struct http_req *req)
{
	const char *done = http_query(req, "done");
	if (!done)
		return;
	for (size_t i = 0; i < sizeof done_codes / sizeof done_codes[0]; i++)
		if (strcmp(done, done_codes[i].code) == 0) {
			web_success_banner(h, done_codes[i].heading, done_codes[i].text);
			return;
		}
}
