/* Roles, actions and the permission matrix (role x action): the one place
 * that says who may do what. Relationship checks live in ops/relations.c. */
#ifndef WAYMARK_CORE_AUTHZ_H
#define WAYMARK_CORE_AUTHZ_H

enum role {
	ROLE_NONE = 0, /* not signed in */
	ROLE_REFERRER,
	ROLE_HUB_COORDINATOR,
	ROLE_LINK_WORKER,
	ROLE_SUPPORT_WORKER,
	ROLE_VOLUNTEER_COORDINATOR,
	ROLE_VOLUNTEER,
	ROLE_PROVIDER_MANAGER,
	ROLE_PROGRAMME_LEAD,
	ROLE_COMMISSIONER,
	ROLE_ADMINISTRATOR,
	ROLE__MAX
};

/* Every route declares one action; PERM_UNSET makes the server refuse to start. */
enum perm {
	PERM_UNSET = 0,
	PERM_PUBLIC,          /* anyone, signed in or not */
	PERM_SIGNED_IN,       /* any signed-in user */
#define PERM(name, ...) PERM_##name,
#include "core/perms.def"
#undef PERM
	PERM__MAX
};

extern const char *const role_code[ROLE__MAX];
extern const char *const role_label[ROLE__MAX];
extern const char *const perm_name[PERM__MAX];

/* Returns the role for a code such as "hub_coordinator", or ROLE_NONE. */
enum role role_from_code(const char *code);
/* The matrix: may a user with this role attempt this action at all? */
int authz_allows(enum role role, enum perm perm);
#endif
