/* A page handler's opening and closing in one: the record its path's {id} names, the field errors an operation
 * fills and the acting context; and what the operation came to, as a redirect, the page again or a failure. */
#ifndef WAYMARK_WEB_POST_H
#define WAYMARK_WEB_POST_H
#include "http/http.h"
#include "ops/ops.h"

struct web_post {
	int64_t id;              /* the path's {id} (0 from web_post_fe) */
	struct field_errors *fe; /* allocated; freed by web_post_end */
	struct ops_ctx c;        /* http_ops_ctx of the request */
	int rc;                  /* what the handler returns when the opening failed */
};

/* Reads the path's {id} (a 404 when it is not one), allocates p->fe and fills p->c: 1 when ready; else 0, and
 * the handler returns p->rc (0 after the 404, -1 when out of memory). */
int web_post_id(struct web_post *p, struct http_req *req, struct http_resp *resp);
/* The same without an id: 1, or 0 with p->rc -1 when out of memory. */
int web_post_fe(struct web_post *p, struct http_req *req);
/* Frees p->fe; returns rc. */
int web_post_end(struct web_post *p, int rc);

/* A page of record id shown with its errors fe (NULL: none) and status. */
typedef int (*web_id_page)(struct http_req *req, struct http_resp *resp, int64_t id, const struct field_errors *fe,
			   unsigned status);
/* The page of the path's {id}, without errors (200), or a 404. */
int web_id_show(struct http_req *req, struct http_resp *resp, web_id_page page);
/* What an operation on p's record came to: OPS_OK a redirect to done (a format with one %lld, given p->id);
 * OPS_INVALID or OPS_CONFLICT page(p->id) again with p->fe (422, 409); anything else web_ops_reply titled
 * failed. Then web_post_end. */
int web_post_done(struct web_post *p, struct http_req *req, struct http_resp *resp, enum ops_result r, const char *done,
		  web_id_page page, const char *failed);
#endif
