/* Writes a handler hands to the group commit writer: the connection is
 * suspended (its worker thread serves others) and the response is sent only
 * once the shared commit is on disk. */
#ifndef WAYMARK_HTTP_DEFER_H
#define WAYMARK_HTTP_DEFER_H
#include "core/audit_action.h"
#include "http/http.h"
#include "store/gcommit.h"

/* Called on the request's worker thread when the write's outcome is final:
 * ok is 1 when committed, 0 when nothing was stored (job->err says why).
 * Fills resp (which still holds what the handler put there). */
typedef int (*http_defer_finish_fn)(struct http_req *req, struct http_resp *resp, const struct gc_job *job,
				    void *ctx);

/* Defers the rest of the request: run(ctx) goes to the writer (see
 * gcommit.h), finish follows it, then free_ctx(ctx). The handler returns 0
 * right after this; it must not have begun a transaction. Returns 0, or -1
 * when out of memory (nothing deferred, free_ctx not called). */
int http_defer(struct http_req *req, int (*run)(struct store *st, void *ctx), http_defer_finish_fn finish, void *ctx,
	       void (*free_ctx)(void *ctx));

/* The audit event of a read, appended by the writer; the response the
 * handler has built is sent once the event is on disk, or replaced by a
 * 503/500 when it cannot be stored (no read goes unaudited). */
int http_audit_deferred(struct http_req *req, enum audit_action action, const char *entity, int64_t entity_id,
			int64_t person_id, const char *detail);

/* The same, naming the people a list read showed (copied). */
int http_audit_deferred_people(struct http_req *req, enum audit_action action, const char *entity, int64_t entity_id,
			       int64_t person_id, const int64_t *people, size_t npeople, const char *detail);

/* Answers a write that was not stored: 503 when busy or the disk is full, 500 otherwise. */
int http_defer_failed(struct http_req *req, struct http_resp *resp, const struct gc_job *job);

/* For the server (server.c): after the handler, suspends the connection and
 * submits the job when one was deferred (returns 1), else returns 0. */
int http_defer_start(struct http_req *req);
/* 1 once the outcome is in; then http_defer_finish fills resp. */
int http_defer_ready(const struct http_req *req);
void http_defer_finish(struct http_req *req, struct http_resp *resp);
/* Frees what is left (a connection that ended). */
void http_defer_free(struct http_req *req);
#endif
