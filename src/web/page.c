/* Shared page plumbing: start a page for the signed-in user, finish it. */
#include "web/web.h"

static const struct layout_nav nav_signed_in[] = {
	{ "/", "Home" },
	{ NULL, NULL },
};

void web_begin(struct web_page *pg, struct http_req *req, struct http_resp *resp, const char *title)
{
	html_init(&pg->h, &resp->body);
	pg->meta = (struct layout_page){ .title = title };
	if (req->auth.role != ROLE_NONE) {
		pg->meta.user_name = req->auth.name;
		pg->meta.csrf_token = req->auth.csrf[0] ? req->auth.csrf : NULL;
		pg->meta.nav = nav_signed_in;
	}
	layout_begin(&pg->h, &pg->meta);
}

int web_end(struct web_page *pg, struct http_resp *resp, unsigned status)
{
	layout_end(&pg->h);
	resp->status = status ? status : 200;
	resp->content_type = "text/html; charset=utf-8";
	return 0;
}
