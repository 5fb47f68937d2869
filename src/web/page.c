/* Shared page plumbing: start a page for the signed-in user, finish it. */
#include "web/web.h"

#include <string.h>

/* Every page a role may go to from the header, in order; a link is shown
 * when the role's permission allows it and the page exists in this build. */
static const struct {
	const char *href;
	const char *label;
	enum perm perm;
} nav_all[] = {
	{ "/", "Home", PERM_SIGNED_IN },
	{ "/triage", "Triage queue", PERM_TRIAGE },
	{ "/referrals/new", "New referral", PERM_REFERRAL_CREATE },
	{ "/referrals", "Referrals", PERM_REFERRAL_READ },
	{ "/caseload", "Caseload", PERM_CASE_READ },
	{ "/volunteers", "Volunteers", PERM_VOLUNTEER_MANAGE },
	{ "/my-tasks", "My tasks", PERM_VOLUNTEER_SELF },
	{ "/discharge", "Discharge board", PERM_DISCHARGE_BOARD },
	{ "/directory", "Services", PERM_DIRECTORY_READ },
	{ "/volunteers/recruit", "Where to recruit", PERM_RECRUIT_READ },
	{ "/kpi/follow-up", "Follow-up KPI", PERM_KPI_READ },
	{ "/reports", "Reports", PERM_REPORT_READ },
	{ "/triage-rules", "Triage rules", PERM_TRIAGE_RULES_EDIT },
	{ "/admin/users", "Users", PERM_ADMIN_USERS },
	{ "/audit", "Audit trail", PERM_AUDIT_READ },
	{ "/account", "Your account", PERM_SIGNED_IN },
};
#define NAV_MAX (sizeof nav_all / sizeof nav_all[0])

size_t web_nav_for(enum role role, struct layout_nav *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < NAV_MAX && n + 1 < max; i++) {
		if (!authz_allows(role, nav_all[i].perm))
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
}

int web_end(struct web_page *pg, struct http_resp *resp, unsigned status)
{
	layout_end(&pg->h);
	resp->status = status ? status : 200;
	resp->content_type = "text/html; charset=utf-8";
	return 0;
}
