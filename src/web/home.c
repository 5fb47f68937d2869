/* The home page: what Waymark is for visitors; for a signed-in user, their
 * role's starting points. */
#include "web/web.h"

static void home_public(struct html *h, struct http_req *req)
{
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
	web_hub_contact(h, req);
	html_close(h);
	html_close(h);
}

static void home_signed_in(struct html *h, struct http_req *req)
{
	html_elem(h, "h1", req->auth.name, NULL);
	html_open(h, "p", "class", "nhsuk-body-l", NULL);
	html_textf(h, "Signed in as %s.", role_label[req->auth.role]);
	html_close(h);
	struct layout_nav nav[16];
	web_nav_for(req->auth.role, nav, sizeof nav / sizeof nav[0]);
	html_open(h, "ul", "class", "nhsuk-list nhsuk-list--bullet", NULL);
	for (const struct layout_nav *n = nav + 1; n->label; n++) {
		html_open(h, "li", NULL);
		html_elem(h, "a", n->label, "href", n->href, NULL);
		html_close(h);
	}
	html_close(h);
	if (authz_allows(req->auth.role, PERM_TRIAGE))
		web_triage_watch(h, req);
	if (authz_allows(req->auth.role, PERM_CASE_READ))
		web_caseload_summary(h, req);
	if (authz_allows(req->auth.role, PERM_VOLUNTEER_SELF))
		web_my_tasks_summary(h, req);
	if (req->auth.role == ROLE_PROGRAMME_LEAD)
		web_account_grants(h, req);
	if (authz_allows(req->auth.role, PERM_COMMISSION_PROVIDER))
		web_comm_reminders(h, req);
}

static int home(struct http_req *req, struct http_resp *resp)
{
	struct web_page pg;
	web_begin(&pg, req, resp, "Home");
	if (req->auth.role == ROLE_NONE)
		home_public(&pg.h, req);
	else
		home_signed_in(&pg.h, req);
	return web_end(&pg, resp, 200);
}

const struct route web_home_routes[] = {
	{ "GET", "/", home, PERM_PUBLIC, "Home page (the role's starting points when signed in)" },
	{ 0 },
};
