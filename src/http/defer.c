/* Deferred writes: the glue between a suspended libmicrohttpd connection and
 * the group commit writer (store/gcommit.c), and the deferred audit of reads. */
#include <microhttpd.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/audit_req.h"
#include "http/defer.h"

struct http_defer {
	struct gc_job job;
	struct http_req *req;
	http_defer_finish_fn finish;
	void *ctx;
	void (*free_ctx)(void *ctx);
	atomic_int ready;
};

/* On the writer thread: the outcome is final; wake the connection. Nothing
 * of d is touched after the resume, since its worker may free it at once. */
static void defer_done(struct gc_job *job)
{
	struct http_defer *d = (struct http_defer *)job;
	struct MHD_Connection *conn = d->req->conn;
	atomic_store(&d->ready, 1);
	MHD_resume_connection(conn);
}

int http_defer(struct http_req *req, int (*run)(struct store *st, void *ctx), http_defer_finish_fn finish, void *ctx,
	       void (*free_ctx)(void *ctx))
{
	if (req->defer)
		return -1; /* one deferred write a request */
	struct http_defer *d = calloc(1, sizeof *d);
	if (!d)
		return -1;
	d->job.run = run;
	d->job.done = defer_done;
	d->job.ctx = ctx;
	d->req = req;
	d->finish = finish;
	d->ctx = ctx;
	d->free_ctx = free_ctx;
	req->defer = d;
	return 0;
}

int http_defer_start(struct http_req *req)
{
	if (!req->defer)
		return 0;
	/* Suspended before it is queued, so the writer's resume always finds
	 * a suspended connection. */
	MHD_suspend_connection(req->conn);
	gcommit_submit(&req->defer->job);
	return 1;
}

int http_defer_ready(const struct http_req *req)
{
	return req->defer && atomic_load(&req->defer->ready);
}

void http_defer_free(struct http_req *req)
{
	struct http_defer *d = req->defer;
	if (!d)
		return;
	if (d->free_ctx)
		d->free_ctx(d->ctx);
	free(d);
	req->defer = NULL;
}

void http_defer_finish(struct http_req *req, struct http_resp *resp)
{
	struct http_defer *d = req->defer;
	if (d->finish(req, resp, &d->job, d->ctx) != 0 && resp->status == 0)
		http_problem(resp, 500, "Internal server error", "Something went wrong; the request was not completed.");
	http_defer_free(req);
}

int http_defer_failed(struct http_req *req, struct http_resp *resp, const struct gc_job *job)
{
	json_t *j = json_pack("{s:s,s:s,s:s,s:s}", "level", "error", "msg", "database", "detail", job->errmsg,
			      "request_id", req->request_id);
	char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
	if (s)
		fprintf(stderr, "%s\n", s);
	free(s);
	json_decref(j);
	buf_reset(&resp->body);
	if (job->err == STORE_BUSY || job->err == STORE_FULL)
		return http_problem(resp, 503, "Service unavailable",
				    "The database cannot take this now; nothing was stored. Try again shortly.");
	return http_problem(resp, 500, "Internal server error", "Something went wrong; nothing was changed.");
}

/* ---- the deferred audit of a read ---- */

struct audit_job {
	int64_t entity_id, person_id;
	const struct http_req *req;
	enum audit_action action;
	char entity[32];
	int64_t *people; /* the people a list read showed (owned), or NULL */
	size_t npeople;
	char detail[]; /* whole, however long */
};

static int audit_run(struct store *st, void *ctx)
{
	struct audit_job *a = ctx;
	if (a->npeople)
		return http_audit_people_on(st, a->req, a->action, a->entity, a->people, a->npeople, a->detail);
	return http_audit_on(st, a->req, a->action, a->entity, a->entity_id, a->person_id, a->detail);
}

static void audit_job_free(void *ctx)
{
	struct audit_job *a = ctx;
	free(a->people);
	free(a);
}

static int audit_finish(struct http_req *req, struct http_resp *resp, const struct gc_job *job, void *ctx)
{
	(void)ctx;
	return job->result == 0 ? 0 : http_defer_failed(req, resp, job);
}

int http_audit_deferred(struct http_req *req, enum audit_action action, const char *entity, int64_t entity_id,
			int64_t person_id, const char *detail)
{
	return http_audit_deferred_people(req, action, entity, entity_id, person_id, NULL, 0, detail);
}

int http_audit_deferred_people(struct http_req *req, enum audit_action action, const char *entity, int64_t entity_id,
			       int64_t person_id, const int64_t *people, size_t npeople, const char *detail)
{
	size_t dlen = detail ? strlen(detail) : 0;
	struct audit_job *a = malloc(sizeof *a + dlen + 1);
	if (!a)
		return -1;
	a->people = NULL;
	a->npeople = 0;
	if (npeople) {
		a->people = malloc(npeople * sizeof *people);
		if (!a->people) {
			free(a);
			return -1;
		}
		memcpy(a->people, people, npeople * sizeof *people);
		a->npeople = npeople;
	}
	a->req = req;
	a->entity_id = entity_id;
	a->person_id = person_id;
	a->action = action;
	snprintf(a->entity, sizeof a->entity, "%s", entity ? entity : "");
	memcpy(a->detail, detail ? detail : "", dlen + 1);
	if (http_defer(req, audit_run, audit_finish, a, audit_job_free)) {
		audit_job_free(a);
		return -1;
	}
	return 0;
}
