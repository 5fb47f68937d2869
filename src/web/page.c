/* Shared page plumbing: start a page for the signed-in user, finish it. */
#include "web/web.h"

#include <string.h>

/* Every page a role may go to from the header, in order; a link is shown
 * when the role's permission allows it, the page exists in this build and
 * the role's work needs it (not_for: roles that may open it but never need
 * it in the header). */
#define NOT_FOR(r) (1u << (r))
static const struct {
	const char *href;
	const char *label;
	enum perm perm;
	unsigned not_for;
} nav_all[] = {
	{ "/", "Home", PERM_SIGNED_IN },
	{ "/triage", "Triage queue", PERM_TRIAGE },
	{ "/referrals/new", "New referral", PERM_REFERRAL_CREATE, NOT_FOR(ROLE_VOLUNTEER_COORDINATOR) },
	{ "/referrals", "Referrals", PERM_REFERRAL_READ, NOT_FOR(ROLE_VOLUNTEER_COORDINATOR) },
	{ "/caseload", "Caseload", PERM_CASE_READ, NOT_FOR(ROLE_VOLUNTEER_COORDINATOR) },
	{ "/volunteers", "Volunteers", PERM_VOLUNTEER_MANAGE },
	{ "/my-tasks", "My tasks", PERM_VOLUNTEER_SELF },
	{ "/discharge", "Discharge board", PERM_DISCHARGE_BOARD, NOT_FOR(ROLE_VOLUNTEER_COORDINATOR) | NOT_FOR(ROLE_LINK_WORKER) },
	{ "/directory", "Services", PERM_DIRECTORY_READ },
	{ "/volunteers/recruit", "Where to recruit", PERM_RECRUIT_READ },
	{ "/kpi/follow-up", "Follow-up KPI", PERM_KPI_READ },
	{ "/reports", "Reports", PERM_REPORT_READ },
	{ "/triage-rules", "Triage rules", PERM_TRIAGE_RULES_EDIT },
	{ "/admin/users", "Users", PERM_ADMIN_USERS },
	{ "/audit", "Audit trail", PERM_AUDIT_READ },
	{ "/account", "Your account", PERM_SIGNED_IN },
	{ "/settings", "Settings", PERM_ADMIN_SETTINGS },
	{ "/organisations", "Organisations", PERM_ORG_MANAGE },
	{ "/workers", "Workers", PERM_WORKER_MANAGE },
	{ "/evaluation/outcomes", "Outcomes", PERM_EVALUATION_READ },
	{ "/evaluation/extract", "Evaluation extract", PERM_EVALUATION_EXTRACT },
	{ "/stories", "Stories", PERM_STORY_READ },
	{ "/commissioning", "Commissioning", PERM_COMMISSION_READ },
};
#define NAV_MAX (sizeof nav_all / sizeof nav_all[0])
_Static_assert(NAV_MAX < sizeof ((struct web_page *)0)->nav / sizeof ((struct web_page *)0)->nav[0],
	       "every link fits a page's menu, with its end marker");

size_t web_nav_for(enum role role, struct layout_nav *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < NAV_MAX && n + 1 < max; i++) {
		if (!authz_allows(role, nav_all[i].perm) || (nav_all[i].not_for & NOT_FOR(role)))
			continue;
		const char *params[HTTP_MAX_PARAMS];
		int np, mismatch;
		char scratch[64];
		if (!http_route_match("GET", nav_all[i].href, params, &np, &mismatch, scratch, sizeof scratch))
			continue;
		out[n].href = nav_all[i].href;
		out[n].label = nav_all[i].label;
		n++;
	}
	out[n].href = NULL;
	out[n].label = NULL;
	return n;
}

void web_begin(struct web_page *pg, struct http_req *req, struct http_resp *resp, const char *title)
{
	web_begin_errors(pg, req, resp, title, NULL);
}

void web_begin_errors(struct web_page *pg, struct http_req *req, struct http_resp *resp, const char *title,
		      const struct field_errors *fe)
{
	html_init(&pg->h, &resp->body);
	pg->meta = (struct layout_page){ .title = title, .errors = fe };
	if (req->auth.role != ROLE_NONE) {
		pg->meta.user_name = req->auth.name;
		pg->meta.csrf_token = req->auth.csrf[0] ? req->auth.csrf : NULL;
		web_nav_for(req->auth.role, pg->nav, sizeof pg->nav / sizeof pg->nav[0]);
		pg->meta.nav = pg->nav;
	}
	layout_begin(&pg->h, &pg->meta);
	if (!fe || !fe->n)
		web_done_banner(&pg->h, req);
}

int web_end(struct web_page *pg, struct http_resp *resp, unsigned status)
{
	layout_end(&pg->h);
	resp->status = status ? status : 200;
	resp->content_type = "text/html; charset=utf-8";
	return 0;
}
