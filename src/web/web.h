/* Route tables of the HTML page modules and their shared helpers. */
#ifndef WAYMARK_WEB_WEB_H
#define WAYMARK_WEB_WEB_H
#include "http/http.h"
#include "ops/ops.h"
#include "web/html.h"
#include "web/layout.h"

extern const struct route web_home_routes[];
extern const struct route web_referral_routes[];
extern const struct route web_referral_withdraw_routes[];
extern const struct route web_self_referral_routes[];
extern const struct route web_login_routes[];
extern const struct route web_admin_routes[];
extern const struct route web_account_routes[];
extern const struct route web_invite_routes[];
extern const struct route web_audit_routes[];
extern const struct route web_error_routes[];
extern const struct route web_triage_routes[];
extern const struct route web_rules_routes[];
extern const struct route web_recruit_routes[];
extern const struct route web_volunteer_routes[];
extern const struct route web_my_tasks_routes[];
extern const struct route web_caseload_routes[];
extern const struct route web_case_routes[];
extern const struct route web_case_form_routes[];
extern const struct route web_directory_routes[];
extern const struct route web_discharge_routes[];
extern const struct route web_settings_routes[];
extern const struct route web_orgs_routes[];
extern const struct route web_workforce_routes[];
extern const struct route web_step_up_routes[];
extern const struct route web_demand_hours_routes[];
extern const struct route web_task_routes[];
extern const struct route web_vol_hours_routes[];
extern const struct route web_import_routes[];
extern const struct route web_volunteer_apply_routes[];
extern const struct route web_referral_page_routes[];
extern const struct route web_password_reset_routes[];
extern const struct route web_reports_routes[];
extern const struct route web_report_board_routes[];
extern const struct route web_evaluation_routes[];
extern const struct route web_evaluation_extract_routes[];
extern const struct route web_stories_routes[];
extern const struct route web_commission_routes[];
extern const struct route web_commission_evidence_routes[];
extern const struct route web_milestone_routes[];
extern const struct route web_campaign_routes[];
extern const struct route web_training_routes[];

/* The "page not found" page (404). */
void web_not_found_page(struct http_req *req, struct http_resp *resp);
/* The "you cannot see this page" page (403) for a signed-in user whose role may not. */
void web_forbidden_page(struct http_req *req, struct http_resp *resp);
/* An NHS.UK success notification banner: heading, and a line under it (may be NULL). */
void web_success_banner(struct html *h, const char *heading, const char *text);
/* The success banner the request's ?done=code names (web/banner.c), if any. */
void web_done_banner(struct html *h, struct http_req *req);
/* Answers an operation's result other than OPS_OK as a page: "page not
 * found" (404), the store failure, or a page titled title with an error
 * summary of fe (422, 409) or saying the role may not (403). Returns 0. */
int web_ops_reply(struct http_req *req, struct http_resp *resp, enum ops_result r, const char *title,
		  const struct field_errors *fe);

/* Writes the accounts given a role that reads personal data in the last 30
 * days, for the programme lead's home page. Returns 0 or -1. */
int web_account_grants(struct html *h, struct http_req *req);
/* A table cell with a one-button form posting to action (with a hidden id
 * when not NULL), or the text otherwise when action is NULL. */
void web_cell_action(struct html *h, const char *action, const char *csrf, const char *id, const char *button,
		     const char *label, const char *otherwise);
/* The "new password" and "new password again" inputs. */
void web_new_password_fields(struct html *h, const struct field_errors *fe);

/* Writes the table of audit events about a person ("who has looked"). */
int web_person_access(struct html *h, struct http_req *req, int64_t person_id);

/* Writes the 24-hour follow-up watch (breached and at-risk referrals) for a
 * hub coordinator's home page. Returns 0 or -1. */
int web_triage_watch(struct html *h, struct http_req *req);

/* Writes a worker's open cases in brief (overdue, no contact, safeguarding)
 * with a link to the caseload, for their home page; nothing for a user with
 * no worker record. Returns 0 or -1. */
int web_caseload_summary(struct html *h, struct http_req *req);
/* The Appendix B evidence reminders (web/commission_evidence.c): due within the setting's days, or lapsed; 0 or -1. */
int web_comm_reminders(struct html *h, struct http_req *req);

/* Writes the hub's telephone number, opening hours and email (settings), when set, for the public
 * pages. Returns 0 or -1. */
int web_hub_contact(struct html *h, struct http_req *req);
/* The volunteer passport's section of volunteer id's page (web/training.c):
 * modules completed and the form to record more. 0, or -1 (store failure). */
int web_training_section(struct html *h, struct http_req *req, int64_t id, const struct field_errors *fe);
/* Writes a volunteer's offers and tasks in brief ("You have 2 offers") with
 * a link to My tasks, for their home page. Returns 0 or -1. */
int web_my_tasks_summary(struct html *h, struct http_req *req);

/* Renders a whole page around body(): layout, title, errors. */
struct web_page {
	struct html h;
	struct layout_page meta;
	struct layout_nav nav[32]; /* more than the most links a role has (web/page.c) */
};

/* Fills out with the header links for role (NULL-terminated); returns how many. */
size_t web_nav_for(enum role role, struct layout_nav *out, size_t max);
/* Starts a page into resp's body with the user's name and navigation. */
void web_begin(struct web_page *pg, struct http_req *req, struct http_resp *resp, const char *title);
/* Same, with an error summary (and "Error:" in the title) when fe has any. */
void web_begin_errors(struct web_page *pg, struct http_req *req, struct http_resp *resp, const char *title,
		      const struct field_errors *fe);
/* Finishes the page and sets status 200 (or the given status). */
int web_end(struct web_page *pg, struct http_resp *resp, unsigned status);
#endif
