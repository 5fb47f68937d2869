/* System endpoints: health check (status and database kind only: no build
 * version for strangers) and Prometheus metrics (administrators, or a
 * scraper with an administrator's API token). */
#include "api/api.h"
#include "http/internal.h"

static int health(struct http_req *req, struct http_resp *resp)
{
	int64_t v = 0;
	int ok = store_get_int(req->db, STMT_SCHEMA_VERSION, &v, "") == 1;
	json_t *doc = json_pack("{s:s,s:s}", "status", ok ? "ok" : "degraded", "db", store_kind_name(req->db));
	return http_reply_json(resp, ok ? 200 : 503, doc);
}

static int metrics(struct http_req *req, struct http_resp *resp)
{
	(void)req;
	resp->status = 200;
	resp->content_type = "text/plain; version=0.0.4; charset=utf-8";
	http_metrics_write(&resp->body);
	return 0;
}

const struct route api_system_routes[] = {
	{ "GET", "/healthz", health, PERM_PUBLIC, "Health check: status and database kind" },
	{ "GET", "/metrics", metrics, PERM_METRICS_READ, "Prometheus metrics (administrators; a scraper sends an API token)" },
	{ 0 },
};
