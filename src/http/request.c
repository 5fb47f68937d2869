/* Request helpers: headers, query, cookies, url-encoded forms, JSON bodies
 * and path parameters, each with explicit limits. */
#include <ctype.h>
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>
#include "http/http.h"
#include "http/internal.h"

const char *http_header(const struct http_req *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *http_query(const struct http_req *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *http_cookie(const struct http_req *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, name);
}

const char *http_param(const struct http_req *req, int i)
{
	return i < req->nparams ? req->params[i] : NULL;
}

int64_t http_param_id_or_respond(const struct http_req *req, struct http_resp *resp, int i)
{
	const char *s = http_param(req, i);
	int64_t v = 0;
	if (s && *s && strlen(s) <= 18) {
		const char *p = s;
		for (; *p >= '0' && *p <= '9'; p++)
			v = v * 10 + (*p - '0');
		if (*p == '\0' && v > 0)
			return v;
	}
	http_problem(resp, 404, "Not found", "There is no record with that id.");
	return -1;
}

json_t *http_id_body_or_respond(struct http_req *req, struct http_resp *resp, int64_t *id)
{
	*id = http_param_id_or_respond(req, resp, 0);
	return *id < 0 ? NULL : http_json_body_or_respond(req, resp);
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Decodes application/x-www-form-urlencoded text of length n into a new
 * string; returns NULL for a malformed escape or an encoded NUL byte, which
 * no C string can hold. */
static char *form_decode(const char *s, size_t n)
{
	char *out = malloc(n + 1), *o = out;
	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			*o++ = ' ';
		} else if (s[i] == '%') {
			int h, l;
			if (i + 2 >= n || (h = hexval((unsigned char)s[i + 1])) < 0 ||
			    (l = hexval((unsigned char)s[i + 2])) < 0) {
				free(out);
				return NULL;
			}
			if (h == 0 && l == 0) {
				free(out);
				return NULL;
			}
			*o++ = (char)(h * 16 + l);
			i += 2;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

int http_is_form(const struct http_req *req)
{
	const char *ct = http_header(req, MHD_HTTP_HEADER_CONTENT_TYPE);
	return ct && strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0;
}

static void form_parse(struct http_req *req)
{
	req->form_parsed = 1;
	/* Only a body that says it is a form is read as one: a text/plain
	 * body, which any page can post cross-site, is not (the fuzzer's
	 * request has no connection and no headers). */
	if (!req->body.data || (req->conn && !http_is_form(req)))
		return;
	const char *p = req->body.data, *end = p + req->body.len;
	req->form = calloc(HTTP_MAX_FORM_FIELDS, sizeof *req->form);
	if (!req->form)
		return;
	while (p < end && req->nform < HTTP_MAX_FORM_FIELDS) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		if (!amp)
			amp = end;
		const char *eq = memchr(p, '=', (size_t)(amp - p));
		if (eq && (size_t)(amp - eq) <= HTTP_MAX_FIELD_LEN * 3) {
			char *name = form_decode(p, (size_t)(eq - p));
			char *value = form_decode(eq + 1, (size_t)(amp - eq - 1));
			if (name && value) {
				req->form[req->nform].name = name;
				req->form[req->nform].value = value;
				req->nform++;
			} else {
				free(name);
				free(value);
			}
		}
		p = amp + 1;
	}
}

const char *http_form(struct http_req *req, const char *name)
{
	if (!req->form_parsed)
		form_parse(req);
	for (int i = 0; i < req->nform; i++)
		if (strcmp(req->form[i].name, name) == 0)
			return req->form[i].value;
	return NULL;
}

void http_form_free(struct http_req *req)
{
	for (int i = 0; i < req->nform; i++) {
		free(req->form[i].name);
		free(req->form[i].value);
	}
	free(req->form);
	req->form = NULL;
	req->nform = 0;
}

json_t *http_json_body_or_respond(struct http_req *req, struct http_resp *resp)
{
	const char *ct = http_header(req, MHD_HTTP_HEADER_CONTENT_TYPE);
	if (!ct || strncasecmp(ct, "application/json", 16) != 0) {
		http_problem(resp, 415, "Unsupported media type", "Send the body as application/json.");
		return NULL;
	}
	json_error_t err;
	/* REJECT_DUPLICATES: {"a":1,"a":2} is ambiguous, so it is refused. */
	json_t *doc = json_loadb(req->body.data ? req->body.data : "", req->body.len,
				 JSON_REJECT_DUPLICATES, &err);
	if (doc && json_is_object(doc))
		return doc;
	int parsed = doc != NULL;
	json_decref(doc);
	struct field_errors *fe = malloc(sizeof *fe); /* about 36 KB: not on a worker's stack */
	if (!fe || (!parsed && json_error_code(&err) == json_error_out_of_memory)) {
		free(fe);
		http_problem(resp, 503, "Service unavailable", "The server is short of memory; try again.");
		return NULL;
	}
	fielderr_init(fe);
	if (parsed)
		fielderr_add(fe, "body", "The body must be a JSON object.");
	else
		fielderr_add(fe, "body", "The body is not valid JSON: %s (line %d, column %d).", err.text, err.line,
			     err.column);
	http_problem_fields(resp, 422, parsed ? "The request body is not a JSON object" : "The request body is not valid JSON",
			    fe);
	free(fe);
	return NULL;
}
