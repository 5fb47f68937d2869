/* Operation results as HTTP answers, and a request's operation context. */
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include "http/ops_reply.h"

struct ops_ctx http_ops_ctx(struct http_req *req)
{
	return (struct ops_ctx){
		.db = req->db,
		.user_id = req->auth.user_id,
		.org_id = req->auth.org_id,
		.role = req->auth.role,
		.now = req->now,
		.addr = req->remote_addr,
		.request_id = req->request_id,
	};
}

int http_is_hub(const struct http_req *req)
{
	struct ops_ctx c = { .role = req->auth.role };
	return ops_is_hub(&c);
}

int http_store_failed(struct http_req *req, struct http_resp *resp)
{
	store_rollback(req->db);
	enum store_err code = store_errcode(req->db);
	json_t *j = json_pack("{s:s,s:s,s:s,s:s}", "level", "error", "msg", "database", "detail", store_errmsg(req->db),
			      "request_id", req->request_id);
	char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
	if (s)
		fprintf(stderr, "%s\n", s);
	free(s);
	json_decref(j);
	if (code == STORE_FULL)
		return http_problem(resp, 503, "Storage full",
				    "The server's storage is full; nothing was stored. Try again later.");
	if (code == STORE_BUSY)
		return http_problem(resp, 503, "Service busy", "The database is busy; try again.");
	return http_problem(resp, 500, "Internal server error", "Something went wrong; nothing was changed.");
}

int http_ops_reply(struct http_req *req, struct http_resp *resp, enum ops_result r, const char *title,
		   const struct field_errors *fe)
{
	switch (r) {
	case OPS_INVALID:
		if (fe)
			return http_problem_fields(resp, 422, title, fe);
		return http_problem(resp, 422, title, "The request has a problem.");
	case OPS_NOT_FOUND:
		return http_problem(resp, 404, "Not found", "There is no such record.");
	case OPS_CONFLICT:
		if (fe && fe->n)
			return http_problem_fields(resp, 409, title, fe);
		return http_problem(resp, 409, title, "The record is not in a state that allows this.");
	case OPS_FORBIDDEN:
		return http_problem(resp, 403, "Forbidden", "Your role may not do this.");
	case OPS_OK:
	case OPS_ERROR:
		break;
	}
	return http_store_failed(req, resp);
}

int http_reply_xlsx(struct http_req *req, struct http_resp *resp, const char *filename,
		    int (*write)(void *ctx, const char *path), void *ctx)
{
	char path[] = "/tmp/waymark-xlsx-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return http_store_failed(req, resp);
	close(fd);
	int rc = write(ctx, path);
	FILE *f = rc ? NULL : fopen(path, "rb");
	if (!f) {
		unlink(path);
		return http_store_failed(req, resp);
	}
	buf_reset(&resp->body);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&resp->body, chunk, n);
	fclose(f);
	unlink(path);
	if (resp->body.failed)
		return http_store_failed(req, resp);
	resp->status = 200;
	resp->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	char disp[200];
	snprintf(disp, sizeof disp, "attachment; filename=\"%s\"", filename);
	http_header_add(resp, "Content-Disposition", disp);
	return 0;
}
