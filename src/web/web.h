/* Route tables of the HTML page modules and their shared helpers. */
#ifndef WAYMARK_WEB_WEB_H
#define WAYMARK_WEB_WEB_H
#include "http/http.h"
#include "web/html.h"
#include "web/layout.h"

extern const struct route web_home_routes[];

/* Renders a whole page around body(): layout, title, errors. */
struct web_page {
	struct html h;
	struct layout_page meta;
};
/* Starts a page into resp's body with the user's name and navigation. */
void web_begin(struct web_page *pg, struct http_req *req, struct http_resp *resp, const char *title);
/* Finishes the page and sets status 200 (or the given status). */
int web_end(struct web_page *pg, struct http_resp *resp, unsigned status);
#endif
