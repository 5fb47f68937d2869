/* The list of audit actions (core/audit_actions.def) as an enum and codes. */
#ifndef WAYMARK_CORE_AUDIT_ACTION_H
#define WAYMARK_CORE_AUDIT_ACTION_H

enum audit_action {
#define AUDIT_ACTION(name, code) AUDIT_##name,
#include "core/audit_actions.def"
#undef AUDIT_ACTION
	AUDIT__MAX
};

/* The stored code of each action ("referral.triage"). */
extern const char *const audit_action_code[AUDIT__MAX];

/* The action whose code is s, or -1 when s is not on the list. */
int audit_action_find(const char *s);
#endif
