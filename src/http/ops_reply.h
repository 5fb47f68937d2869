/* The HTTP side of an operation: its context from the request, and its
 * result as problem+json (RFC 9457). */
#ifndef WAYMARK_HTTP_OPS_REPLY_H
#define WAYMARK_HTTP_OPS_REPLY_H
#include "http/http.h"
#include "ops/ops.h"

/* The context of the request's user, connection and arrival time. */
struct ops_ctx http_ops_ctx(struct http_req *req);

/* 1 for the hub (hub coordinators and the programme lead): ops_is_hub. */
int http_is_hub(const struct http_req *req);

/* Answers a result other than OPS_OK: 422 (title, fe), 404, 409 (title, fe),
 * 403, or the store failure (http_store_failed). fe may be NULL. Returns 0. */
int http_ops_reply(struct http_req *req, struct http_resp *resp, enum ops_result r, const char *title,
		   const struct field_errors *fe);

/* A store failure: rolls back, logs the store's message with the request id,
 * and answers 503 (busy, or storage full) or 500. Returns 0 for the handler. */
int http_store_failed(struct http_req *req, struct http_resp *resp);
/* Sends the workbook write(ctx, path) makes in a temporary file as a download
 * named filename (the file is removed). 0, or -1 after a 500. */
int http_reply_xlsx(struct http_req *req, struct http_resp *resp, const char *filename,
		    int (*write)(void *ctx, const char *path), void *ctx);
#endif
