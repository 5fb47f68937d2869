/* The hub's contact details from the settings (hub_phone, hub_email, hub_hours), for the public pages. */
#include <stdio.h>
#include <string.h>
#include "store/settings.h"
#include "web/web.h"

int web_hub_contact(struct html *h, struct http_req *req)
{
	char phone[SETTING_VALUE_MAX], email[SETTING_VALUE_MAX], hours[SETTING_VALUE_MAX];
	if (settings_get(req->db, "hub_phone", phone) || settings_get(req->db, "hub_email", email) ||
	    settings_get(req->db, "hub_hours", hours))
		return -1;
	if (!phone[0] && !email[0])
		return 0;
	html_open(h, "div", "class", "nhsuk-card", "id", "hub-contact", NULL);
	html_open(h, "div", "class", "nhsuk-card__content", NULL);
	html_elem(h, "h2", "Contact the hub", "class", "nhsuk-card__heading nhsuk-heading-m", NULL);
	if (phone[0]) {
		char tel[SETTING_VALUE_MAX + 4] = "tel:";
		size_t n = 4;
		for (const char *p = phone; *p && n + 1 < sizeof tel; p++)
			if (*p != ' ' && *p != '(' && *p != ')' && *p != '-')
				tel[n++] = *p;
		tel[n] = '\0';
		html_open(h, "p", "class", "nhsuk-card__description", NULL);
		html_text(h, "Telephone: ");
		html_elem(h, "a", phone, "href", tel, NULL);
		html_close(h);
	}
	if (hours[0]) {
		html_open(h, "p", "class", "nhsuk-card__description", NULL);
		html_text(h, "Opening hours: ");
		html_text(h, hours);
		html_close(h);
	}
	if (email[0]) {
		char mailto[SETTING_VALUE_MAX + 8];
		snprintf(mailto, sizeof mailto, "mailto:%s", email);
		html_open(h, "p", "class", "nhsuk-card__description", NULL);
		html_text(h, "Email: ");
		html_elem(h, "a", email, "href", mailto, NULL);
		html_close(h);
	}
	html_close(h);
	html_close(h);
	return 0;
}
