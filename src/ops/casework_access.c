/* Who may touch a case: the staff of the organisation holding it. */
#include "ops/casework.h"

int ops_case_held(const struct ops_ctx *c, int64_t case_id)
{
	int64_t org = 0;
	int n = casework_case_org(c->db, case_id, &org);
	if (n < 0)
		return -1;
	return n == 1 && org == c->org_id && c->org_id > 0;
}
