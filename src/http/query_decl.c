/* Per-route query declarations (kcgi's kvalid idea, names only so far): a
 * route lists the query parameters it takes, and the dispatcher refuses any
 * other before the handler, a 400 naming it (a misspelt filter would
 * otherwise be ignored and the answer look like a filtered one). The values
 * are checked by the handler, which reports every bad one in one 422. */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/http.h"

/* 1 when name is one of the space-separated names of decl. */
static int declared(const char *decl, const char *name)
{
	size_t nlen = strlen(name);
	for (const char *p = decl; *p;) {
		while (*p == ' ')
			p++;
		size_t len = strcspn(p, " ");
		if (len == nlen && nlen && strncmp(p, name, nlen) == 0)
			return 1;
		p += len;
	}
	return 0;
}

struct check {
	const char *decl;
	char bad[64];
};

static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	(void)value;
	struct check *c = cls;
	if (declared(c->decl, key))
		return MHD_YES;
	snprintf(c->bad, sizeof c->bad, "%.60s", key);
	return MHD_NO;
}

int http_query_check_or_respond(struct http_req *req, struct http_resp *resp)
{
	const struct route *rt = req->route;
	/* Every API route is held to its declaration (none: no parameters);
	 * a page without one reads what it knows and ignores the rest. */
	if (!rt || (!rt->query && strncmp(rt->pattern, "/api/", 5) != 0))
		return 0;
	struct check c = { rt->query ? rt->query : "", "" };
	MHD_get_connection_values(req->conn, MHD_GET_ARGUMENT_KIND, check_arg, &c);
	if (!c.bad[0])
		return 0;
	struct field_errors *fe = malloc(sizeof *fe);
	if (!fe) {
		http_problem(resp, 503, "Service unavailable", "The server is out of memory; try again.");
		return 1;
	}
	fielderr_init(fe);
	if (rt->query && *rt->query)
		fielderr_add(fe, c.bad, "%s is not a query parameter of this address (it takes %s)", c.bad, rt->query);
	else
		fielderr_add(fe, c.bad, "%s is not a query parameter of this address (it takes none)", c.bad);
	http_problem_fields(resp, 400, "Unknown query parameter", fe);
	free(fe);
	return 1;
}
