/* The list of every module's route table: adding a module adds one line. */
#include "api/api.h"
#include "web/web.h"

const struct http_pages http_pages = {
	.not_found = web_not_found_page,
};

const struct route *const http_route_tables[] = {
	api_system_routes,
	api_session_routes,
	api_referrals_routes,
	api_referral_withdraw_routes,
	api_practices_routes,
	api_triage_routes,
	api_volunteer_routes,
	api_cases_routes,
	api_case_write_routes,
	api_directory_routes,
	api_discharge_routes,
	web_home_routes,
	web_referral_routes,
	web_referral_withdraw_routes,
	web_self_referral_routes,
	web_login_routes,
	web_admin_routes,
	web_account_routes,
	web_invite_routes,
	web_audit_routes,
	web_error_routes,
	web_triage_routes,
	web_rules_routes,
	web_recruit_routes,
	web_volunteer_routes,
	web_my_tasks_routes,
	web_caseload_routes,
	web_case_routes,
	web_case_form_routes,
	web_directory_routes,
	web_discharge_routes,
	api_commission_routes,
	web_commission_routes,
	NULL,
};
