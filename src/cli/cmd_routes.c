/* `waymark routes`: the route table as JSON (method, pattern, permission,
 * the roles the matrix allows, what {id} names) for docs and the generated
 * route x role test. */
#include <stdio.h>
#include <stdlib.h>
#include <jansson.h>
#include "cli/cli.h"
#include "http/http.h"

int cmd_routes(int argc, char **argv, struct cli_opt *opts)
{
	(void)argc;
	(void)argv;
	(void)opts;
	json_t *all = json_array();
	for (const struct route *const *t = http_route_tables; *t; t++)
		for (const struct route *r = *t; r->method; r++) {
			json_t *roles = json_array();
			for (int role = 0; role < ROLE__MAX; role++)
				if (authz_allows((enum role)role, r->perm))
					json_array_append_new(roles, json_string(role_code[role]));
			json_array_append_new(all, json_pack("{s:s,s:s,s:s,s:o,s:s?,s:s?,s:s}", "method", r->method, "pattern",
							     r->pattern, "perm", perm_name[r->perm], "roles", roles,
							     "rel", r->rel, "query", r->query, "summary",
							     r->summary ? r->summary : ""));
		}
	char *s = json_dumps(all, JSON_INDENT(1));
	json_decref(all);
	if (!s)
		return 1;
	puts(s);
	free(s);
	const struct route *bad = http_routes_check();
	if (bad) {
		fprintf(stderr, "waymark routes: %s %s declares no permission or no rel\n", bad->method, bad->pattern);
		return 1;
	}
	return 0;
}
