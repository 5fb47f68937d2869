/* The permission matrix (role x action), generated from core/perms.def. */
#include <string.h>
#include "core/authz.h"

const char *const role_code[ROLE__MAX] = {
	"none", "referrer", "hub_coordinator", "link_worker", "support_worker",
	"volunteer_coordinator", "volunteer", "provider_manager", "programme_lead",
	"commissioner", "administrator",
};

const char *const role_label[ROLE__MAX] = {
	"Signed out", "Referrer", "Hub coordinator", "Living Well Worker", "Support worker",
	"Volunteer coordinator", "Volunteer", "Provider manager", "Programme lead",
	"Commissioner", "Administrator",
};

const char *const perm_name[PERM__MAX] = {
	"unset", "public", "signed_in",
#define PERM(name, ...) #name,
#include "core/perms.def"
#undef PERM
};

#define ROLE_BIT(r) (1u << (r))
static unsigned roles_mask(const enum role *roles, int n)
{
	unsigned m = 0;
	for (int i = 0; i < n; i++)
		m |= ROLE_BIT(roles[i]);
	return m;
}

enum role role_from_code(const char *code)
{
	for (int r = 1; r < ROLE__MAX; r++)
		if (code && strcmp(code, role_code[r]) == 0)
			return (enum role)r;
	return ROLE_NONE;
}

int authz_allows(enum role role, enum perm perm)
{
	static const struct {
		enum perm perm;
		enum role roles[ROLE__MAX];
		int n;
	} rules[] = {
#define PERM(name, ...) { PERM_##name, { __VA_ARGS__ }, sizeof((enum role[]){ __VA_ARGS__ }) / sizeof(enum role) },
#include "core/perms.def"
#undef PERM
	};
	if (perm <= PERM_UNSET || perm >= PERM__MAX || role < 0 || role >= ROLE__MAX)
		return 0;
	if (perm == PERM_PUBLIC)
		return 1;
	if (perm == PERM_SIGNED_IN)
		return role != ROLE_NONE;
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
		if (rules[i].perm == perm)
			return role != ROLE_NONE && (roles_mask(rules[i].roles, rules[i].n) & ROLE_BIT(role)) != 0;
	return 0;
}
