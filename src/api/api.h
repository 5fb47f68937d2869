/* Route tables of the JSON API modules. */
#ifndef WAYMARK_API_API_H
#define WAYMARK_API_API_H
#include "http/http.h"

extern const struct route api_system_routes[];
extern const struct route api_referrals_routes[];
extern const struct route api_referral_withdraw_routes[];
extern const struct route api_practices_routes[];
extern const struct route api_session_routes[];
extern const struct route api_triage_routes[];
extern const struct route api_volunteer_routes[];
extern const struct route api_cases_routes[];
extern const struct route api_case_write_routes[];
extern const struct route api_directory_routes[];
extern const struct route api_discharge_routes[];
extern const struct route api_settings_routes[];
extern const struct route api_orgs_routes[];
extern const struct route api_workforce_routes[];
extern const struct route api_step_up_routes[];
extern const struct route api_task_behalf_routes[];
extern const struct route api_reports_routes[];
extern const struct route api_evaluation_routes[];
extern const struct route api_stories_routes[];
extern const struct route api_commission_routes[];
extern const struct route api_campaign_routes[];
extern const struct route api_training_routes[];
#endif
