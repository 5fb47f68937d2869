/* The home page: what Waymark is, and a way in for each kind of visitor. */
#include "web/web.h"

static int home(struct http_req *req, struct http_resp *resp)
{
	struct web_page pg;
	web_begin(&pg, req, resp, "Home");
	struct html *h = &pg.h;
	html_open(h, "div", "class", "nhsuk-grid-row", NULL);
	html_open(h, "div", "class", "nhsuk-grid-column-two-thirds", NULL);
	html_elem(h, "h1", "Community support in Norfolk and Waveney", NULL);
	html_elem(h, "p", "Waymark is the single point of access for community support delivered by voluntary "
			  "organisations for the NHS and councils: social prescribing with Living Well Workers, "
			  "and the community crisis and discharge support service.",
		  "class", "nhsuk-body-l", NULL);
	html_elem(h, "h2", "Make a referral", NULL);
	html_elem(h, "p", "GP practices, social care, hospital discharge teams and partner organisations can "
			  "refer someone once signed in. People can also refer themselves.", NULL);
	html_open(h, "ul", "class", "nhsuk-list", NULL);
	html_open(h, "li", NULL);
	html_elem(h, "a", "Sign in", "href", "/login", NULL);
	html_close(h);
	html_open(h, "li", NULL);
	html_elem(h, "a", "Refer yourself for support", "href", "/self-referral", NULL);
	html_close(h);
	html_close(h);
	html_close_to(h, 0 + h->depth - 2);
	return web_end(&pg, resp, 200);
}

const struct route web_home_routes[] = {
	{ "GET", "/", home, PERM_PUBLIC, "Home page" },
	{ 0 },
};
