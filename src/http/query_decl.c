/* Per-route query declarations (kcgi's kvalid idea): a route lists the query
 * parameters it takes and their kinds, and the dispatcher checks them before
 * the handler, so an unknown or malformed parameter is a 400 naming it and
 * a handler reads only values that passed. One pagination policy for all. */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datetime.h"
#include "http/http.h"

#define QUERY_TEXT_MAX 200 /* characters in a text parameter */

/* The declaration of name in decl ("from:date to:date area limit"): its kind
 * after the colon ("" for text) in kind; 1 when declared. */
static int declared(const char *decl, const char *name, char *kind, size_t kindlen)
{
	size_t nlen = strlen(name);
	for (const char *p = decl; p && *p;) {
		while (*p == ' ')
			p++;
		size_t len = strcspn(p, " ");
		size_t namelen = strcspn(p, ": ");
		if (len && namelen == nlen && strncmp(p, name, nlen) == 0) {
			size_t klen = p[namelen] == ':' ? len - namelen - 1 : 0;
			if (klen >= kindlen)
				klen = kindlen - 1;
			memcpy(kind, p + namelen + 1, klen);
			kind[klen] = '\0';
			/* limit and offset are the pagination policy's whatever is written */
			if (!klen && (strcmp(name, "limit") == 0 || strcmp(name, "offset") == 0))
				snprintf(kind, kindlen, "%s", name);
			return 1;
		}
		p += len;
	}
	return 0;
}

static int whole(const char *s, int64_t max, int64_t *out)
{
	if (!*s || strlen(s) > 18)
		return -1;
	int64_t v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	if (v > max)
		return -1;
	*out = v;
	return 0;
}

/* Checks one value against its kind; writes why not into why. */
static int value_ok(const char *kind, const char *v, char *why, size_t whylen)
{
	int64_t n;
	if (strcmp(kind, "limit") == 0) {
		if (whole(v, HTTP_PAGE_MAX, &n) || n < 1) {
			snprintf(why, whylen, "a whole number from 1 to %d", HTTP_PAGE_MAX);
			return 0;
		}
	} else if (strcmp(kind, "offset") == 0) {
		if (whole(v, HTTP_OFFSET_MAX, &n)) {
			snprintf(why, whylen, "a whole number from 0 to %d", HTTP_OFFSET_MAX);
			return 0;
		}
	} else if (strcmp(kind, "int") == 0) {
		if (whole(v, INT64_MAX / 10, &n)) {
			snprintf(why, whylen, "a whole number");
			return 0;
		}
	} else if (strcmp(kind, "id") == 0) {
		if (whole(v, INT64_MAX / 10, &n) || n < 1) {
			snprintf(why, whylen, "the id of a record (a whole number from 1)");
			return 0;
		}
	} else if (strcmp(kind, "date") == 0) {
		if (*v && dt_parse_date(v, &n)) {
			snprintf(why, whylen, "a date as YYYY-MM-DD, like 2026-03-02");
			return 0;
		}
	} else if (strcmp(kind, "bool") == 0) {
		if (strcmp(v, "0") && strcmp(v, "1") && strcmp(v, "true") && strcmp(v, "false") && *v) {
			snprintf(why, whylen, "true or false");
			return 0;
		}
	} else if (strlen(v) > QUERY_TEXT_MAX) {
		snprintf(why, whylen, "at most %d characters", QUERY_TEXT_MAX);
		return 0;
	}
	return 1;
}

struct check {
	const char *decl;
	char bad[64];
	char why[96];
	int unknown;
};

static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	struct check *c = cls;
	char k[16];
	if (!declared(c->decl, key, k, sizeof k)) {
		snprintf(c->bad, sizeof c->bad, "%.60s", key);
		c->unknown = 1;
		return MHD_NO;
	}
	if (!value_ok(k, value ? value : "", c->why, sizeof c->why)) {
		snprintf(c->bad, sizeof c->bad, "%.60s", key);
		return MHD_NO;
	}
	return MHD_YES;
}

int http_query_check_or_respond(struct http_req *req, struct http_resp *resp)
{
	if (!req->route || !req->route->query)
		return 0; /* not declared yet: the handler checks what it reads */
	struct check c = { req->route->query, "", "", 0 };
	MHD_get_connection_values(req->conn, MHD_GET_ARGUMENT_KIND, check_arg, &c);
	if (!c.bad[0])
		return 0;
	struct field_errors *fe = malloc(sizeof *fe);
	if (!fe) {
		http_problem(resp, 503, "Service unavailable", "The server is out of memory; try again.");
		return 1;
	}
	fielderr_init(fe);
	if (c.unknown)
		fielderr_add(fe, c.bad, "%s is not a query parameter of this address", c.bad);
	else
		fielderr_add(fe, c.bad, "Give %s as %s", c.bad, c.why);
	http_problem_fields(resp, 400, c.unknown ? "Unknown query parameter" : "Bad query parameter", fe);
	free(fe);
	return 1;
}

int64_t http_query_int(const struct http_req *req, const char *name, int64_t def)
{
	const char *s = http_query(req, name);
	int64_t v;
	return s && !whole(s, INT64_MAX / 10, &v) ? v : def;
}

void http_page_of(const struct http_req *req, int64_t *limit, int64_t *offset)
{
	*limit = http_query_int(req, "limit", HTTP_PAGE_DEFAULT);
	if (*limit < 1 || *limit > HTTP_PAGE_MAX)
		*limit = HTTP_PAGE_DEFAULT;
	*offset = http_query_int(req, "offset", 0);
	if (*offset > HTTP_OFFSET_MAX)
		*offset = 0;
}
