/* Response helpers: JSON, text, RFC 9457 problem details, redirects. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/http.h"
#include "util/jsonw.h"

void http_header_add(struct http_resp *resp, const char *name, const char *value)
{
	if (resp->nheaders >= HTTP_MAX_HEADERS)
		return;
	struct http_header *h = &resp->headers[resp->nheaders++];
	snprintf(h->name, sizeof h->name, "%s", name);
	/* Header values never carry CR or LF (no response splitting). */
	size_t i = 0;
	for (; value[i] && i + 1 < sizeof h->value; i++)
		h->value[i] = (value[i] == '\r' || value[i] == '\n') ? ' ' : value[i];
	h->value[i] = '\0';
}

int http_reply_text(struct http_resp *resp, unsigned status, const char *type, const char *text)
{
	resp->status = status;
	resp->content_type = type;
	buf_reset(&resp->body);
	buf_puts(&resp->body, text);
	return 0;
}

/* 0, or the 500 answer when rc says the JSON could not be written (-1). */
static int json_written(struct http_resp *resp, unsigned status, const char *type, int rc)
{
	resp->status = status;
	resp->content_type = type;
	if (rc) {
		buf_reset(&resp->body);
		resp->status = 500;
		resp->content_type = "application/problem+json";
		buf_puts(&resp->body, "{\"title\":\"Internal server error\",\"status\":500}");
		return -1;
	}
	return 0;
}

static int reply_json_typed(struct http_resp *resp, unsigned status, const char *type, json_t *doc)
{
	buf_reset(&resp->body);
	/* Straight into the response body: no intermediate string and copy. */
	int rc = doc ? jsonw_dump(&resp->body, doc) : -1;
	json_decref(doc);
	return json_written(resp, status, type, rc);
}

void http_reply_stream_begin(struct http_resp *resp, struct jsonw *w)
{
	buf_reset(&resp->body);
	jsonw_begin(w, &resp->body, '{');
}

int http_reply_stream_end(struct http_resp *resp, unsigned status, struct jsonw *w)
{
	return json_written(resp, status, "application/json", jsonw_end(w));
}

int http_reply_json(struct http_resp *resp, unsigned status, json_t *doc)
{
	return reply_json_typed(resp, status, "application/json", doc);
}

void http_not_found(struct http_req *req, struct http_resp *resp)
{
	const char *accept = http_header(req, "Accept");
	if (!accept || !strstr(accept, "text/html") || strncmp(req->path, "/api/", 5) == 0 || !http_pages.not_found) {
		http_problem(resp, 404, "Not found", "There is nothing at this address.");
		return;
	}
	http_pages.not_found(req, resp);
}

int http_problem(struct http_resp *resp, unsigned status, const char *title, const char *detail)
{
	json_t *doc = json_pack("{s:s,s:s,s:i}", "type", "about:blank", "title", title, "status", (int)status);
	if (doc && detail)
		json_object_set_new(doc, "detail", json_string(detail));
	reply_json_typed(resp, status, "application/problem+json", doc);
	return 0;
}

int http_problem_fields(struct http_resp *resp, unsigned status, const char *title, const struct field_errors *fe)
{
	json_t *errors = json_array();
	for (size_t i = 0; i < fe->n; i++)
		json_array_append_new(errors, json_pack("{s:s,s:s}", "field", fe->e[i].field, "message",
							fe->e[i].message));
	char detail[128];
	snprintf(detail, sizeof detail, "%zu field%s need%s correcting.", fe->n + fe->dropped,
		 fe->n + fe->dropped == 1 ? "" : "s", fe->n + fe->dropped == 1 ? "s" : "");
	json_t *doc = json_pack("{s:s,s:s,s:i,s:s,s:o}", "type", "about:blank", "title", title, "status",
				(int)status, "detail", detail, "errors", errors);
	reply_json_typed(resp, status, "application/problem+json", doc);
	return 0;
}

int http_input_checked(struct http_resp *resp, struct field_errors *fe, const char *title)
{
	int bad = fe->n > 0;
	if (bad)
		http_problem_fields(resp, 422, title, fe);
	free(fe);
	return bad;
}

int http_redirect(struct http_resp *resp, const char *location)
{
	resp->status = 303;
	resp->content_type = "text/plain; charset=utf-8";
	buf_reset(&resp->body);
	http_header_add(resp, "Location", location);
	return 0;
}
