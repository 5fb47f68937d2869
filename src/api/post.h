/* A JSON post to the API: the body read (and the path's {id}), keys outside the operation's list refused
 * naming each, text fields read with their type checked, the operation's context, and the cleaning up; and the
 * small JSON values the answers share. */
#ifndef WAYMARK_API_POST_H
#define WAYMARK_API_POST_H
#include <jansson.h>
#include "http/http.h"
#include "ops/ops.h"

struct api_post {
	struct http_req *req;
	struct http_resp *resp;
	int64_t id; /* the path's {id} (when asked for) */
	json_t *body;
	struct field_errors *fe; /* allocated: problems found so far */
	struct ops_ctx c;        /* the request's context for ops */
};

/* Reads the body (an object) and, when with_id, the path's id. allowed: the keys the operation takes, space
 * separated; any other is a problem "KEY is not a field of WHAT" (NULL: no such check). Returns 1 to go on, 0 when the request was
 * answered (a bad id or body; the handler returns 0), -1 out of memory. */
int api_post_begin(struct api_post *p, struct http_req *req, struct http_resp *resp, int with_id, const char *allowed,
		   const char *what);
/* The text at key, or NULL when it is absent (or JSON null, when nullable); a value of another type is a
 * problem "KEY must be text (a JSON string)" and NULL. */
const char *api_post_text(struct api_post *p, const char *key, int nullable);
/* Answers a result other than OPS_OK (http_ops_reply with p's problems). Returns 0. */
int api_post_failed(struct api_post *p, enum ops_result r, const char *title);
/* A time (UTC seconds) as ISO 8601 UTC text, or null when there is none (0 or less). */
json_t *api_utc_or_null(int64_t t);
/* {"id", "name"} of a record, or null when there is none (id 0 or less). */
json_t *api_id_name(int64_t id, const char *name);
/* A comma-separated list of codes ("a,b") as a JSON array of strings. */
json_t *api_codes_json(const char *list);
/* Frees the body and the problems; returns rc. */
int api_post_end(struct api_post *p, int rc);
#endif
