/* Error pages for browsers: "page not found" in the NHS.UK layout, and an
 * operation's failure as a page. */
#include "http/ops_reply.h"
#include "web/web.h"

void web_not_found_page(struct http_req *req, struct http_resp *resp)
{
	struct web_page pg;
	web_begin(&pg, req, resp, "Page not found");
	html_elem(&pg.h, "h1", "Page not found", NULL);
	html_elem(&pg.h, "p", "If you typed the web address, check it is correct.", NULL);
	html_open(&pg.h, "p", NULL);
	html_elem(&pg.h, "a", "Go to the Waymark home page", "href", "/", NULL);
	html_close(&pg.h);
	web_end(&pg, resp, 404);
}

void web_forbidden_page(struct http_req *req, struct http_resp *resp)
{
	struct web_page pg;
	web_begin(&pg, req, resp, "You cannot see this page");
	html_elem(&pg.h, "h1", "You cannot see this page", NULL);
	html_elem(&pg.h, "p", "Your role does not include this page. If you need it for your work, ask your manager or the "
			      "administrator.", NULL);
	html_open(&pg.h, "p", NULL);
	html_elem(&pg.h, "a", "Go to the Waymark home page", "href", "/", NULL);
	html_close(&pg.h);
	web_end(&pg, resp, 403);
}

static int favicon(struct http_req *req, struct http_resp *resp)
{
	(void)req;
	resp->status = 301;
	resp->cacheable = 1;
	http_header_add(resp, "Location", "/static/assets/images/favicon.ico");
	return 0;
}

int web_ops_reply(struct http_req *req, struct http_resp *resp, enum ops_result r, const char *title,
		  const struct field_errors *fe)
{
	if (r == OPS_NOT_FOUND) {
		http_not_found(req, resp);
		return 0;
	}
	if (r == OPS_ERROR || r == OPS_OK)
		return http_store_failed(req, resp);
	struct web_page pg;
	unsigned status = r == OPS_INVALID ? 422 : r == OPS_CONFLICT ? 409 : 403;
	web_begin_errors(&pg, req, resp, title, fe && fe->n ? fe : NULL);
	html_elem(&pg.h, "h1", title, NULL);
	if (r == OPS_FORBIDDEN)
		html_elem(&pg.h, "p", "Your role does not allow this.", NULL);
	html_open(&pg.h, "p", NULL);
	html_elem(&pg.h, "a", "Go back to the Waymark home page", "href", "/", NULL);
	html_close(&pg.h);
	return web_end(&pg, resp, status);
}

const struct route web_error_routes[] = {
	{ "GET", "/favicon.ico", favicon, PERM_PUBLIC, "The site icon (redirect to the static asset)" },
	{ 0 },
};
