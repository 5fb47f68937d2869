/* A JSON post to the API read once: body, path id, allowed keys and text fields (api/post.h). */
#include <stdlib.h>
#include <string.h>
#include "api/post.h"
#include "core/datetime.h"
#include "http/ops_reply.h"

/* 1 when key is one of the space-separated words of allowed. */
static int allowed_key(const char *allowed, const char *key)
{
	size_t n = strlen(key);
	for (const char *p = allowed; *p;) {
		size_t w = strcspn(p, " ");
		if (w == n && n && strncmp(p, key, n) == 0)
			return 1;
		p += w;
		p += strspn(p, " ");
	}
	return 0;
}

int api_post_begin(struct api_post *p, struct http_req *req, struct http_resp *resp, int with_id, const char *allowed,
		   const char *what)
{
	*p = (struct api_post){ .req = req, .resp = resp };
	/* allowed NULL: the operation names the keys it does not take itself */
	p->body = with_id ? http_id_body_or_respond(req, resp, &p->id) : http_json_body_or_respond(req, resp);
	if (!p->body)
		return 0;
	p->fe = ops_fielderr_new();
	if (!p->fe) {
		json_decref(p->body);
		p->body = NULL;
		return -1;
	}
	p->c = http_ops_ctx(req);
	const char *key;
	json_t *v;
	json_object_foreach(p->body, key, v)
		if (allowed && !allowed_key(allowed, key))
			fielderr_add(p->fe, key, "%.40s is not a field of %s", key, what);
	return 1;
}

const char *api_post_text(struct api_post *p, const char *key, int nullable)
{
	json_t *v = json_object_get(p->body, key);
	if (!v || (nullable && json_is_null(v)))
		return NULL;
	if (!json_is_string(v)) {
		fielderr_add(p->fe, key, "%s must be text (a JSON string)", key);
		return NULL;
	}
	return json_string_value(v);
}

int api_post_failed(struct api_post *p, enum ops_result r, const char *title)
{
	return http_ops_reply(p->req, p->resp, r, title, p->fe);
}

int api_post_end(struct api_post *p, int rc)
{
	json_decref(p->body);
	free(p->fe);
	p->body = NULL;
	p->fe = NULL;
	return rc;
}

json_t *api_codes_json(const char *list)
{
	json_t *a = json_array();
	for (const char *p = list; *p;) {
		size_t n = strcspn(p, ",");
		json_array_append_new(a, json_stringn(p, n));
		p += n;
		if (*p == ',')
			p++;
	}
	return a;
}

json_t *api_utc_or_null(int64_t t)
{
	if (t <= 0)
		return json_null();
	char s[DT_UTC_LEN];
	dt_format_utc(t, s);
	return json_string(s);
}

json_t *api_id_name(int64_t id, const char *name)
{
	return id > 0 ? json_pack("{s:I,s:s}", "id", (json_int_t)id, "name", name) : json_null();
}
