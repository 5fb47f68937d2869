/* The dispatcher's relationship step: before the handler, the record a
 * route's {id} names is checked against the table in ops/relations.c, and a
 * record the user has no relationship with is a 404, audited as a refusal. */
#include <string.h>
#include "http/audit_req.h"
#include "http/internal.h"
#include "http/ops_reply.h"
#include "ops/relations.h"

static int64_t path_id(const struct http_req *req)
{
	const char *s = http_param(req, 0);
	int64_t v = 0;
	if (!s || !*s || strlen(s) > 18)
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v;
}

int http_relation_or_respond(struct http_req *req, struct http_resp *resp)
{
	const struct route *rt = req->route;
	int64_t id = rt && rt->rel ? path_id(req) : 0;
	if (id <= 0)
		return 0; /* no id, or not one: the handler answers as before */
	struct ops_ctx c = http_ops_ctx(req);
	int r = ops_relation(&c, rt->rel, id);
	if (r < 0) {
		http_store_failed(req, resp);
		return 1;
	}
	if (r != 0)
		return 0;
	http_audit(req, AUDIT_DENY_RELATION, rt->rel, id, 0, rt->pattern);
	http_not_found(req, resp);
	return 1;
}
