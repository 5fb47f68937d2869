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

/* Follows the markup of nhsuk-frontend 10's page template and components
 * (template.njk, header, skip-link, footer, error-summary): the CSS and the
 * JavaScript (web/static/js/waymark.js starts every data-module) expect it.
 * Waymark is not an NHS service of its own, so the header carries the
 * service name without the NHS logo. */
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
	html_elem(h, "title", title, NULL);
	html_void(h, "meta", "name", "viewport", "content", "width=device-width, initial-scale=1, viewport-fit=cover", NULL);
	html_void(h, "meta", "name", "theme-color", "content", "#005eb8", NULL);
	html_void(h, "link", "rel", "icon", "href", "/static/assets/images/favicon.ico", "sizes", "48x48", NULL);
	html_void(h, "link", "rel", "icon", "href", "/static/assets/images/favicon.svg", "sizes", "any",
		  "type", "image/svg+xml", NULL);
	html_void(h, "link", "rel", "apple-touch-icon", "href", "/static/assets/images/nhsuk-icon-180.png", NULL);
	html_void(h, "link", "rel", "stylesheet", "href", "/static/css/nhsuk.min.css", NULL);
	html_void(h, "link", "rel", "stylesheet", "href", "/static/css/waymark.css", NULL);
	/* A module script runs after parsing and needs no inline code (CSP). */
	html_elem(h, "script", "", "type", "module", "src", "/static/js/waymark.js", NULL);
	html_close(h); /* head */
	html_open(h, "body", NULL);
	html_elem(h, "a", "Skip to main content", "class", "nhsuk-skip-link", "data-module", "nhsuk-skip-link",
		  "href", "#maincontent", NULL);
	html_open(h, "header", "class", "nhsuk-header", "data-module", "nhsuk-header", "role", "banner", NULL);
	html_open(h, "div", "class", "nhsuk-header__container nhsuk-width-container", NULL);
	html_open(h, "div", "class", "nhsuk-header__service", NULL);
	html_elem(h, "a", "Waymark", "class", "nhsuk-header__service-name", "href", "/", NULL);
	html_close(h);
	if (p->user_name) {
		html_open(h, "nav", "class", "nhsuk-header__account", "aria-label", "Account", NULL);
		html_open(h, "ul", "class", "nhsuk-header__account-list", NULL);
		html_elem(h, "li", p->user_name, "class", "nhsuk-header__account-item", NULL);
		if (p->csrf_token) {
			html_open(h, "li", "class", "nhsuk-header__account-item", NULL);
			html_open(h, "form", "class", "nhsuk-header__account-form", "method", "post", "action", "/logout",
				  "novalidate", "", NULL);
			html_void(h, "input", "type", "hidden", "name", "csrf_token", "value", p->csrf_token, NULL);
			html_elem(h, "button", "Sign out", "class", "nhsuk-header__account-button", "type", "submit", NULL);
			html_close(h);
			html_close(h);
		}
		html_close(h);
		html_close(h);
	}
	html_close(h); /* container */
	/* The header script insists on at least one item and on the "More" menu
	 * item and button, which it shows when the items overflow. */
	if (p->nav && p->nav->label) {
		html_open(h, "nav", "class", "nhsuk-header__navigation", "aria-label", "Menu", NULL);
		html_open(h, "div", "class", "nhsuk-header__navigation-container nhsuk-width-container", NULL);
		html_open(h, "ul", "class", "nhsuk-header__navigation-list", NULL);
		for (const struct layout_nav *n = p->nav; n->label; n++) {
			html_open(h, "li", "class", "nhsuk-header__navigation-item", NULL);
			html_elem(h, "a", n->label, "class", "nhsuk-header__navigation-link", "href", n->href, NULL);
			html_close(h);
		}
		html_open(h, "li", "class", "nhsuk-header__menu", "hidden", "", NULL);
		html_open(h, "button", "class", "nhsuk-header__menu-toggle nhsuk-header__navigation-link",
			  "id", "toggle-menu", "type", "button", "aria-expanded", "false", NULL);
		html_elem(h, "span", "Browse ", "class", "nhsuk-u-visually-hidden", NULL);
		html_text(h, "More");
		html_close(h);
		html_close(h);
		html_close(h);
		html_close(h);
		html_close(h);
	}
	html_close(h); /* header */
	html_open(h, "div", "class", "nhsuk-width-container", NULL);
	html_open(h, "main", "class", "nhsuk-main-wrapper", "id", "maincontent", NULL);
	if (p->errors && p->errors->n)
		layout_error_summary(h, p->errors);
}

void layout_end(struct html *h)
{
	html_close_to(h, 2); /* back to body */
	html_open(h, "footer", "class", "nhsuk-footer", "role", "contentinfo", NULL);
	html_open(h, "div", "class", "nhsuk-width-container", NULL);
	html_open(h, "div", "class", "nhsuk-footer__meta", NULL);
	html_elem(h, "p", "Waymark – single point of access for community support in Norfolk and Waveney.",
		  "class", "nhsuk-body-s", NULL);
	html_close_to(h, 2);
	html_close_to(h, 0);
}

/* The role="alert" sits on an inner element, as in nhsuk-frontend, so that the
 * script's focusing of the summary does not race the announcement. */
void layout_error_summary(struct html *h, const struct field_errors *fe)
{
	html_open(h, "div", "class", "nhsuk-error-summary", "data-module", "nhsuk-error-summary",
		  "aria-labelledby", "error-summary-title", "tabindex", "-1", NULL);
	html_open(h, "div", "role", "alert", NULL);
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
	html_close(h);
}
