/* A page handler's opening (the path's id, field errors, context) and closing (the answer to an operation). */
#include <stdio.h>
#include <stdlib.h>
#include "http/ops_reply.h"
#include "web/post.h"
#include "web/web.h"

int web_post_fe(struct web_post *p, struct http_req *req)
{
	*p = (struct web_post){ .fe = ops_fielderr_new(), .c = http_ops_ctx(req), .rc = -1 };
	return p->fe != NULL;
}

int web_post_id(struct web_post *p, struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0) {
		*p = (struct web_post){ .rc = 0 };
		return 0;
	}
	int ok = web_post_fe(p, req);
	p->id = id;
	return ok;
}

int web_post_end(struct web_post *p, int rc)
{
	free(p->fe);
	p->fe = NULL;
	return rc;
}

int web_id_show(struct http_req *req, struct http_resp *resp, web_id_page page)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	return id < 0 ? 0 : page(req, resp, id, NULL, 200);
}

int web_post_done(struct web_post *p, struct http_req *req, struct http_resp *resp, enum ops_result r, const char *done,
		  web_id_page page, const char *failed)
{
	int rc;
	if (r == OPS_OK) {
		char to[160];
		snprintf(to, sizeof to, done, (long long)p->id);
		rc = http_redirect(resp, to);
	} else if (r == OPS_INVALID || r == OPS_CONFLICT) {
		rc = page(req, resp, p->id, p->fe, r == OPS_INVALID ? 422 : 409);
	} else {
		rc = web_ops_reply(req, resp, r, failed, p->fe);
	}
	return web_post_end(p, rc);
}
