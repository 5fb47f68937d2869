/* Audit actions in words for the audit trail page ("referral.triage" -> "Triaged a referral"). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "core/audit_label.h"

static const char *const labels[][2] = {
	{ "audit.person", "Looked at who has seen a person's record" },
	{ "audit.read", "Read the audit trail" },
	{ "auth.token_invalid", "Used an API token that is not valid" },
	{ "case.assessment", "Recorded an assessment" },
	{ "case.case_study", "Recorded a case study" },
	{ "case.caseload.read", "Opened the caseload" },
	{ "case.close", "Closed a case" },
	{ "case.consent", "Recorded consent" },
	{ "case.dropout", "Recorded that the person stopped taking part" },
	{ "case.goal", "Set a goal" },
	{ "case.goal.progress", "Recorded progress on a goal" },
	{ "case.list", "Listed cases" },
	{ "case.measure", "Recorded a wellbeing measure" },
	{ "case.onward", "Referred on" },
	{ "case.onward.status", "Updated an onward referral" },
	{ "case.read", "Opened a case" },
	{ "case.safeguarding", "Recorded a safeguarding concern" },
	{ "case.safeguarding.read", "Read safeguarding records" },
	{ "case.session", "Recorded a session" },
	{ "case.unmet_need", "Recorded an unmet need" },
	{ "deny", "Refused: the role may not do this" },
	{ "deny.csrf", "Refused: the form's security check failed" },
	{ "deny.relation", "Refused: no connection with the record" },
	{ "discharge.board", "Opened the discharge board" },
	{ "home_check.done", "Recorded a home check" },
	{ "home_check.read", "Opened a home check" },
	{ "home_check.take", "Took on a home check" },
	{ "login.fail", "Sign-in failed" },
	{ "login.ok", "Signed in" },
	{ "login.throttled", "Sign-in slowed down after failures" },
	{ "logout", "Signed out" },
	{ "match.dry_run", "Previewed volunteer matches" },
	{ "match.page", "Opened volunteer matching" },
	{ "person.update", "Changed a person's details" },
	{ "recruit.export", "Downloaded where to recruit" },
	{ "recruit.read", "Opened where to recruit" },
	{ "referral.allocate", "Allocated a referral" },
	{ "referral.contact", "Recorded a contact attempt" },
	{ "referral.contacts.read", "Read contact attempts" },
	{ "referral.create", "Made a referral" },
	{ "referral.import", "Imported referrals" },
	{ "referral.list", "Listed referrals" },
	{ "referral.read", "Opened a referral" },
	{ "referral.triage", "Triaged a referral" },
	{ "referral.withdraw", "Withdrew a referral" },
	{ "service.create", "Added a service" },
	{ "service.update", "Changed a service" },
	{ "service.suggest", "Suggested a service" },
	{ "service.suggestion.accept", "Accepted a suggested service" },
	{ "service.suggestion.reject", "Turned down a suggested service" },
	{ "support.extend", "Extended support" },
	{ "task.accept", "Accepted a task" },
	{ "task.cancel", "Cancelled a task" },
	{ "task.create", "Created a task" },
	{ "task.decline", "Declined a task" },
	{ "task.list", "Listed tasks" },
	{ "task.list_own", "Listed their own tasks" },
	{ "task.log", "Logged a task as done" },
	{ "task.offer", "Offered a task" },
	{ "task.read", "Opened a task" },
	{ "task.read_own", "Opened their own task" },
	{ "task.update", "Changed a task" },
	{ "task.withdraw", "Withdrew a task offer" },
	{ "token.create", "Created an API token" },
	{ "token.revoke", "Revoked an API token" },
	{ "triage.queue.read", "Opened the triage queue" },
	{ "triage.rules.save", "Saved the triage rules" },
	{ "triage.watch.read", "Read the follow-up watch" },
	{ "user.activate", "Reactivated a user" },
	{ "user.create", "Added a user" },
	{ "user.deactivate", "Deactivated a user" },
	{ "user.grant_personal_data", "Gave a user access to personal data" },
	{ "user.invitation.accept", "Accepted an invitation" },
	{ "user.list", "Listed users" },
	{ "user.password", "Changed a password" },
	{ "volunteer.create", "Added a volunteer" },
	{ "volunteer.list", "Listed volunteers" },
	{ "volunteer.read", "Opened a volunteer's record" },
	{ "volunteer.reminders", "Read volunteer reminders" },
	{ "volunteer.update", "Changed a volunteer's record" },
	{ "worker.absence", "Recorded a worker's absence" },
	{ "worker.dbs", "Recorded a worker's DBS check" },
};

void audit_label(const char *code, char *out, size_t outlen)
{
	if (!outlen)
		return;
	if (!code)
		code = "";
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i][0], code) == 0) {
			snprintf(out, outlen, "%s", labels[i][1]);
			return;
		}
	size_t o = 0;
	for (size_t i = 0; code[i] && o + 1 < outlen; i++) {
		char c = code[i] == '.' || code[i] == '_' ? ' ' : code[i];
		out[o] = o == 0 ? (char)toupper((unsigned char)c) : c;
		o++;
	}
	out[o] = '\0';
}
