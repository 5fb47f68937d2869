/* Error pages for browsers: "page not found" in the NHS.UK layout. */
#include <string.h>
#include "http/internal.h"
#include "web/web.h"

void http_not_found(struct http_req *req, struct http_resp *resp)
{
	const char *accept = http_header(req, "Accept");
	if (!accept || !strstr(accept, "text/html") || strncmp(req->path, "/api/", 5) == 0) {
		http_problem(resp, 404, "Not found", "There is nothing at this address.");
		return;
	}
	struct web_page pg;
	web_begin(&pg, req, resp, "Page not found");
	html_elem(&pg.h, "h1", "Page not found", NULL);
	html_elem(&pg.h, "p", "If you typed the web address, check it is correct.", NULL);
	html_open(&pg.h, "p", NULL);
	html_elem(&pg.h, "a", "Go to the Waymark home page", "href", "/", NULL);
	html_close(&pg.h);
	web_end(&pg, resp, 404);
}

static int favicon(struct http_req *req, struct http_resp *resp)
{
	(void)req;
	resp->status = 301;
	resp->cacheable = 1;
	http_header_add(resp, "Location", "/static/assets/images/favicon.ico");
	return 0;
}

const struct route web_error_routes[] = {
	{ "GET", "/favicon.ico", favicon, PERM_PUBLIC, "The site icon (redirect to the static asset)" },
	{ 0 },
};
