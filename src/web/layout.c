/* The NHS.UK design-system page frame: head, header, skip link, main, footer. */
#include <stdio.h>
#include <string.h>
#include "web/layout.h"

void layout_field_id(const char *field, char *out, size_t outlen)
{
	size_t i = 0;
	for (; field[i] && i + 1 < outlen; i++)
		out[i] = field[i] == '.' ? '-' : field[i];
	out[i] = '\0';
}

void layout_begin(struct html *h, const struct layout_page *p)
{
	char title[256];
	if (p->errors && p->errors->n)
		snprintf(title, sizeof title, "Error: %s – Waymark", p->title);
	else
		snprintf(title, sizeof title, "%s – Waymark", p->title);
	html_doctype(h);
	html_open(h, "html", "lang", "en", NULL);
	html_open(h, "head", NULL);
	html_void(h, "meta", "charset", "utf-8", NULL);
	html_void(h, "meta", "name", "viewport", "content", "width=device-width, initial-scale=1", NULL);
	html_elem(h, "title", title, NULL);
	html_void(h, "link", "rel", "stylesheet", "href", "/static/css/nhsuk.min.css", NULL);
	html_void(h, "link", "rel", "stylesheet", "href", "/static/css/waymark.css", NULL);
	html_close(h); /* head */
	html_open(h, "body", NULL);
	html_elem(h, "a", "Skip to main content", "class", "nhsuk-skip-link", "href", "#maincontent", NULL);
	html_open(h, "header", "class", "nhsuk-header", NULL);
	html_open(h, "div", "class", "nhsuk-header__container nhsuk-width-container", NULL);
	html_open(h, "div", "class", "nhsuk-header__service", NULL);
	html_open(h, "a", "class", "nhsuk-header__service-logo", "href", "/", NULL);
	html_elem(h, "span", "Waymark", "class", "nhsuk-header__service-name", NULL);
	html_close(h);
	html_close(h);
	if (p->user_name) {
		html_open(h, "nav", "class", "nhsuk-header__account", "aria-label", "Account", NULL);
		html_open(h, "ul", "class", "nhsuk-header__account-list", NULL);
		html_open(h, "li", "class", "nhsuk-header__account-item", NULL);
		html_text(h, p->user_name);
		html_close(h);
		if (p->csrf_token) {
			html_open(h, "li", "class", "nhsuk-header__account-item", NULL);
			html_open(h, "form", "method", "post", "action", "/logout", "novalidate", "", NULL);
			html_void(h, "input", "type", "hidden", "name", "csrf_token", "value", p->csrf_token, NULL);
			html_elem(h, "button", "Sign out", "class", "nhsuk-header__account-button", "type", "submit", NULL);
			html_close(h);
			html_close(h);
		}
		html_close(h);
		html_close(h);
	}
	html_close(h); /* container */
	if (p->nav) {
		html_open(h, "nav", "class", "nhsuk-header__navigation", "aria-label", "Menu", NULL);
		html_open(h, "div", "class", "nhsuk-header__navigation-container nhsuk-width-container", NULL);
		html_open(h, "ul", "class", "nhsuk-header__navigation-list", NULL);
		for (const struct layout_nav *n = p->nav; n->label; n++) {
			html_open(h, "li", "class", "nhsuk-header__navigation-item", NULL);
			html_elem(h, "a", n->label, "class", "nhsuk-header__navigation-link", "href", n->href, NULL);
			html_close(h);
		}
		html_close(h);
		html_close(h);
		html_close(h);
	}
	html_close(h); /* header */
	html_open(h, "div", "class", "nhsuk-width-container", NULL);
	html_open(h, "main", "class", "nhsuk-main-wrapper", "id", "maincontent", "role", "main", NULL);
	if (p->errors && p->errors->n)
		layout_error_summary(h, p->errors);
}

void layout_end(struct html *h)
{
	html_close_to(h, 2); /* back to body */
	html_open(h, "footer", "role", "contentinfo", NULL);
	html_open(h, "div", "class", "nhsuk-footer", NULL);
	html_open(h, "div", "class", "nhsuk-width-container", NULL);
	html_elem(h, "p", "Waymark – single point of access for community support in Norfolk and Waveney.",
		  "class", "nhsuk-footer__copyright", NULL);
	html_close_to(h, 2);
	html_close_to(h, 0);
}

void layout_error_summary(struct html *h, const struct field_errors *fe)
{
	html_open(h, "div", "class", "nhsuk-error-summary", "aria-labelledby", "error-summary-title",
		  "role", "alert", "tabindex", "-1", NULL);
	html_elem(h, "h2", "There is a problem", "class", "nhsuk-error-summary__title",
		  "id", "error-summary-title", NULL);
	html_open(h, "div", "class", "nhsuk-error-summary__body", NULL);
	html_open(h, "ul", "class", "nhsuk-list nhsuk-error-summary__list", NULL);
	for (size_t i = 0; i < fe->n; i++) {
		char id[80], href[82];
		layout_field_id(fe->e[i].field, id, sizeof id);
		snprintf(href, sizeof href, "#%s", id);
		html_open(h, "li", NULL);
		html_elem(h, "a", fe->e[i].message, "href", href, NULL);
		html_close(h);
	}
	html_close(h);
	html_close(h);
	html_close(h);
}
