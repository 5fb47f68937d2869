/* Codes of the audit actions, and finding an action by its stored code. */
#include "core/audit_action.h"
#include <string.h>

const char *const audit_action_code[AUDIT__MAX] = {
#define AUDIT_ACTION(name, code) [AUDIT_##name] = code,
#include "core/audit_actions.def"
#undef AUDIT_ACTION
};

int audit_action_find(const char *s)
{
	for (int i = 0; i < AUDIT__MAX; i++)
		if (strcmp(audit_action_code[i], s) == 0)
			return i;
	return -1;
}
