/* The libmicrohttpd server: request limits, body collection, dispatch through
 * the route table with authentication and authorisation in one place,
 * security headers on every response, access log and metrics. */
#include <arpa/inet.h>
#include <malloc.h>
#include <ctype.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <sodium.h>
#include "http/http.h"
#include "http/deadline.h"
#include "http/defer.h"
#include "http/fault_req.h"
#include "http/internal.h"
#include "store/referral_defer.h"

const struct http_config *http_cfg;

struct conn_state {
	struct http_req req;
	struct http_resp resp;
	struct timespec t0;
	int started;
	int too_large;
	int close;       /* refused before the body was read: close after answering */
	int route_index;
	size_t limit;    /* the body's limit: --max-body, or an upload route's */
};

/* One database connection per worker thread, closed when the thread ends. */
static pthread_key_t db_key;

static void db_key_free(void *p)
{
	store_close(p);
}

struct store *http_thread_db(void)
{
	struct store *st = pthread_getspecific(db_key);
	if (st)
		return st;
	char err[256];
	st = store_open(http_cfg->db_url, err, sizeof err);
	if (!st) {
		fprintf(stderr, "{\"level\":\"error\",\"msg\":\"database: %s\"}\n", err);
		return NULL;
	}
	/* A worker's page cache is emptied whenever another connection commits
	 * (WAL), which the audit of reads does all the time: keep it small. */
	if (store_kind(st) == STORE_SQLITE)
		store_exec_script(st, "PRAGMA cache_size=-512");
	pthread_setspecific(db_key, st);
	return st;
}

static const char *const security_headers[][2] = {
	{ "Content-Security-Policy",
	  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
	  "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'" },
	{ "X-Content-Type-Options", "nosniff" },
	{ "X-Frame-Options", "DENY" },
	{ "Referrer-Policy", "no-referrer" },
	{ "Cross-Origin-Opener-Policy", "same-origin" },
	{ "Permissions-Policy", "camera=(), microphone=(), geolocation=()" },
};

static enum MHD_Result send_resp(struct MHD_Connection *conn, struct conn_state *cs)
{
	struct http_resp *resp = &cs->resp;
	struct MHD_Response *r;
	if (resp->fd >= 0) {
		r = MHD_create_response_from_fd((uint64_t)resp->fd_size, resp->fd);
		resp->fd = -1; /* MHD closes it */
	} else {
		size_t len = resp->body.len;
		char *data = buf_take(&resp->body);
		r = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
		if (!r)
			free(data);
	}
	if (!r)
		return MHD_NO;
	for (size_t i = 0; i < sizeof security_headers / sizeof security_headers[0]; i++)
		MHD_add_response_header(r, security_headers[i][0], security_headers[i][1]);
	if (resp->content_type)
		MHD_add_response_header(r, "Content-Type", resp->content_type);
	if (!resp->cacheable)
		MHD_add_response_header(r, "Cache-Control", "no-store");
	MHD_add_response_header(r, "X-Request-Id", cs->req.request_id);
	for (int i = 0; i < resp->nheaders; i++)
		MHD_add_response_header(r, resp->headers[i].name, resp->headers[i].value);
	if (http_settings.behind_tls)
		MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
	if (cs->close)
		MHD_add_response_header(r, "Connection", "close");
	enum MHD_Result ret = MHD_queue_response(conn, resp->status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result count_header(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	size_t *worst = cls;
	size_t len = strlen(key) + (value ? strlen(value) : 0);
	if (len > *worst)
		*worst = len;
	return MHD_YES;
}

/* Request ids from a per-thread pool of random bytes, refilled 32 ids at a
 * time: one getrandom system call per 32 requests instead of one each. */
static void request_id_bytes(unsigned char out[8])
{
	static _Thread_local unsigned char pool[256];
	static _Thread_local size_t used = sizeof pool;
	if (used == sizeof pool) {
		randombytes_buf(pool, sizeof pool);
		used = 0;
	}
	memcpy(out, pool + used, 8);
	used += 8;
}

static int addr_text(const char *s, char *out, size_t len)
{
	unsigned char a[16];
	int af = strchr(s, ':') ? AF_INET6 : AF_INET;
	return inet_pton(af, s, a) == 1 && inet_ntop(af, a, out, (socklen_t)len) ? 0 : -1;
}

static int trusted_proxy(const char *addr)
{
	const char *p = http_cfg->trusted_proxies;
	while (p && *p) {
		char one[64], norm[64];
		snprintf(one, sizeof one, "%.*s", (int)strcspn(p, ","), p);
		if (addr_text(one, norm, sizeof norm) == 0 && strcmp(norm, addr) == 0)
			return 1;
		p += strcspn(p, ",");
		p += *p == ',';
	}
	return 0;
}

/* The client's address: the peer's, or, when the peer is a trusted proxy,
 * the last address in X-Forwarded-For that is not one of the proxies. */
static void client_addr(struct http_req *req, const struct sockaddr *sa)
{
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, req->remote_addr, sizeof req->remote_addr);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, req->remote_addr, sizeof req->remote_addr);
	const char *xff = http_header(req, "X-Forwarded-For");
	if (!xff || !trusted_proxy(req->remote_addr))
		return;
	char list[512];
	snprintf(list, sizeof list, "%s", xff);
	for (char *comma; *list;) {
		comma = strrchr(list, ',');
		char *one = comma ? comma + 1 : list;
		one += strspn(one, " \t");
		one[strcspn(one, " \t")] = '\0';
		char norm[64];
		if (addr_text(one, norm, sizeof norm))
			return; /* not an address: keep the proxy's */
		snprintf(req->remote_addr, sizeof req->remote_addr, "%s", norm);
		if (!comma || !trusted_proxy(norm))
			return;
		*comma = '\0';
	}
}

static void state_init(struct conn_state *cs, struct MHD_Connection *conn, const char *url, const char *method)
{
	clock_gettime(CLOCK_MONOTONIC, &cs->t0);
	cs->route_index = -1;
	struct http_req *req = &cs->req;
	req->conn = conn;
	req->path = url;
	req->method = strcmp(method, "HEAD") == 0 ? "GET" : method;
	req->now = (int64_t)time(NULL);
	buf_init(&req->body, http_cfg->max_body + 1);
	buf_init(&cs->resp.body, BUF_MAX_JSON);
	cs->resp.fd = -1;
	unsigned char rid[8];
	request_id_bytes(rid);
	sodium_bin2hex(req->request_id, sizeof req->request_id, rid, sizeof rid);
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci && ci->client_addr)
		client_addr(req, ci->client_addr);
}

/* The route a multipart POST is for, when that route takes uploads. */
static const struct route *upload_route(struct http_req *req)
{
	if (strcmp(req->method, "POST") != 0 || !http_is_multipart(req))
		return NULL;
	char scratch[1024];
	const char *params[HTTP_MAX_PARAMS];
	int n = 0, mismatch = 0;
	const struct route *rt = http_route_match(req->method, req->path, params, &n, &mismatch, scratch, sizeof scratch);
	return rt && rt->upload_max ? rt : NULL;
}

/* An upload is let in only from someone allowed to make it, before a byte
 * of the file is written; the CSRF token, a field of the body, is checked
 * when the body is whole (dispatch). Replies and returns 1 when refused. */
static int upload_admit(struct conn_state *cs, const struct route *rt)
{
	struct http_req *req = &cs->req;
	req->route = rt;
	req->db = http_thread_db();
	if (!req->db) {
		http_problem(&cs->resp, 503, "Service unavailable", "The database cannot be reached; try again shortly.");
		return 1;
	}
	if (http_authenticate_or_respond(req, &cs->resp))
		return 1;
	if (!authz_allows(req->auth.role, rt->perm)) {
		http_deny(req, &cs->resp);
		return 1;
	}
	if (http_upload_begin(req)) {
		http_problem(&cs->resp, 503, "Service unavailable", "The server cannot take a file just now; try again.");
		return 1;
	}
	return 0;
}

static int too_large(struct conn_state *cs)
{
	if (!cs->req.upload)
		return http_problem(&cs->resp, 413, "Content too large", "The request body is larger than this server accepts.");
	char detail[160];
	snprintf(detail, sizeof detail, "The file is larger than the %zu MiB this page takes: split it into smaller files.",
		 cs->limit / (1024 * 1024));
	return http_problem(&cs->resp, 413, "The file is too large", detail);
}

/* Checks limits that are known once the headers have arrived; replies and
 * returns 1 when the request is refused. */
static int early_limits(struct conn_state *cs)
{
	struct MHD_Connection *conn = cs->req.conn;
	size_t worst = 0;
	int n = MHD_get_connection_values(conn, MHD_HEADER_KIND, count_header, &worst);
	if (n < 0 || (unsigned)n > http_cfg->max_headers) {
		http_problem(&cs->resp, 431, "Request header fields too large", "Too many header fields.");
		return 1;
	}
	if (worst > 8192) {
		http_problem(&cs->resp, 431, "Request header fields too large", "A header field is longer than 8 KiB.");
		return 1;
	}
	const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (cl && MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING)) {
		/* RFC 9112 6.1: which of the two frames the body is ambiguous
		 * (request smuggling through a proxy that reads the other). */
		http_problem(&cs->resp, 400, "Bad request", "A request may not have both Content-Length and Transfer-Encoding.");
		return 1;
	}
	const struct route *up = upload_route(&cs->req);
	cs->limit = up ? up->upload_max : http_cfg->max_body;
	if (up && upload_admit(cs, up))
		return 1;
	if (cl && strtoull(cl, NULL, 10) > cs->limit) {
		too_large(cs);
		return 1;
	}
	return 0;
}

static void dispatch(struct conn_state *cs)
{
	struct http_req *req = &cs->req;
	struct http_resp *resp = &cs->resp;
	if (strncmp(req->path, "/static/", 8) == 0 && strcmp(req->method, "GET") == 0) {
		cs->route_index = http_route_total(); /* "static" */
		http_static(req, resp);
		return;
	}
	char scratch[1024];
	int mismatch = 0;
	const struct route *rt = http_route_match(req->method, req->path, req->params, &req->nparams,
						  &mismatch, scratch, sizeof scratch);
	if (!rt) {
		if (mismatch)
			http_problem(resp, 405, "Method not allowed", "This address does not accept that method.");
		else
			http_not_found(req, resp);
		return;
	}
	req->route = rt;
	cs->route_index = http_route_index(rt);
	req->db = http_thread_db();
	if (!req->db) {
		http_problem(resp, 503, "Service unavailable", "The database cannot be reached; try again shortly.");
		return;
	}
	if (http_authenticate_or_respond(req, resp))
		return;
	if (!authz_allows(req->auth.role, rt->perm)) {
		http_deny(req, resp);
		return;
	}
	if (http_csrf_or_respond(req, resp))
		return;
	if (http_query_check_or_respond(req, resp))
		return;
	if (http_relation_or_respond(req, resp))
		return;
	int rc = rt->handler(req, resp);
	if (req->defer)
		return; /* the response is completed after the group commit */
	if (rc != 0 && resp->status == 0)
		http_problem(resp, 500, "Internal server error", "Something went wrong; the request was not completed.");
	if (resp->status == 0)
		http_problem(resp, 500, "Internal server error", "The handler produced no response.");
}

static enum MHD_Result access_handler(void *cls, struct MHD_Connection *conn, const char *url,
				      const char *method, const char *version, const char *upload_data,
				      size_t *upload_data_size, void **con_cls)
{
	(void)cls;
	(void)version;
	struct conn_state *cs = *con_cls;
	if (!cs) {
		cs = calloc(1, sizeof *cs);
		if (!cs)
			return MHD_NO;
		*con_cls = cs;
		state_init(cs, conn, url, method);
		if (early_limits(cs)) {
			cs->started = cs->close = 1;
			http_deadline_mark(conn, 0);
			return send_resp(conn, cs);
		}
		return MHD_YES;
	}
	if (cs->started) {
		if (http_defer_ready(&cs->req)) { /* resumed after the group commit */
			http_defer_finish(&cs->req, &cs->resp);
			return send_resp(conn, cs);
		}
		return MHD_YES; /* response already queued (limits); discard the rest */
	}
	if (*upload_data_size) {
		if (cs->too_large)
			; /* discarded */
		else if (cs->req.upload)
			cs->too_large = http_upload_feed(&cs->req, upload_data, *upload_data_size, cs->limit) != 0;
		else if (buf_append(&cs->req.body, upload_data, *upload_data_size))
			cs->too_large = 1;
		*upload_data_size = 0;
		return MHD_YES;
	}
	cs->started = 1;
	http_deadline_mark(conn, 0);
	cs->close = cs->too_large;
	if (cs->req.upload)
		http_upload_end(&cs->req);
	if (cs->too_large)
		too_large(cs);
	else if (cs->req.upload && cs->req.upload->malformed)
		http_problem(&cs->resp, 400, "Bad request", "The form's file could not be read: the multipart/form-data body is malformed.");
	else {
		fault_request_begin(&cs->req);
		dispatch(cs);
		fault_request_end(&cs->req, &cs->resp);
	}
	if (http_defer_start(&cs->req))
		return MHD_YES; /* suspended until the write is on disk */
	return send_resp(conn, cs);
}

static void request_done(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	struct conn_state *cs = *con_cls;
	if (!cs)
		return;
	http_deadline_mark(conn, 1); /* the next request on this connection */
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - cs->t0.tv_sec) + (double)(t1.tv_nsec - cs->t0.tv_nsec) / 1e9;
	unsigned status = cs->resp.status ? cs->resp.status : 500;
	http_metrics_record(cs->route_index, status, secs);
	if (http_cfg->access_log) {
		char line[1024];
		json_t *j = json_pack("{s:I,s:s,s:s,s:s,s:s,s:i,s:f,s:s,s:b}", "ts", (json_int_t)cs->req.now,
				      "rid", cs->req.request_id, "method", cs->req.method, "path", cs->req.path,
				      "route", cs->req.route ? cs->req.route->pattern : "", "status", (int)status,
				      "ms", (double)(int64_t)(secs * 1e6) / 1000.0, "addr", cs->req.remote_addr,
				      "complete", toe == MHD_REQUEST_TERMINATED_COMPLETED_OK);
		size_t n = j ? json_dumpb(j, line, sizeof line - 1, JSON_COMPACT) : 0;
		if (n > 0 && n < sizeof line - 1) {
			line[n] = '\n';
			fwrite(line, 1, n + 1, stderr);
		}
		json_decref(j);
	}
	if (cs->resp.fd >= 0)
		close(cs->resp.fd);
	http_defer_free(&cs->req);
	http_upload_free(&cs->req);
	buf_free(&cs->resp.body);
	buf_free(&cs->req.body);
	http_form_free(&cs->req);
	free(cs);
	*con_cls = NULL;
}

/* Decodes %XX in the path and query like libmicrohttpd's own unescaping, but
 * leaves an encoded NUL as the three characters "%00": decoded, it would cut
 * the string short, so "/x/1%00junk" would reach the route for "/x/1". */
static size_t unescape_keep_nul(void *cls, struct MHD_Connection *conn, char *s)
{
	(void)cls;
	(void)conn;
	if (!strstr(s, "%00"))
		return MHD_http_unescape(s);
	size_t r = 0, w = 0;
	while (s[r]) {
		char hex[3] = { s[r + 1], s[r + 1] ? s[r + 2] : 0, 0 };
		long v = s[r] == '%' && isxdigit((unsigned char)hex[0]) && isxdigit((unsigned char)hex[1])
				 ? strtol(hex, NULL, 16)
				 : -1;
		if (v > 0) {
			s[w++] = (char)v;
			r += 3;
		} else {
			s[w++] = s[r++];
		}
	}
	s[w] = '\0';
	return w;
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	char msg[512];
	vsnprintf(msg, sizeof msg, fmt, ap);
	size_t n = strlen(msg);
	while (n && msg[n - 1] == '\n')
		msg[--n] = '\0';
	json_t *j = json_pack("{s:s,s:s}", "level", "warn", "msg", msg);
	char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
	if (s)
		fprintf(stderr, "%s\n", s);
	free(s);
	json_decref(j);
}

int http_serve(const struct http_config *cfg)
{
	http_cfg = cfg;
	const struct route *bad = http_routes_check();
	if (bad) {
		fprintf(stderr, "waymark: route %s %s declares no permission (or no rel for its {id}); refusing to start\n", bad->method,
			bad->pattern);
		return -1;
	}
	if (sodium_init() < 0) {
		fprintf(stderr, "waymark: libsodium failed to initialise\n");
		return -1;
	}
	pthread_key_create(&db_key, db_key_free);
	char err[512];
	struct store *st = store_open(cfg->db_url, err, sizeof err);
	if (!st) {
		fprintf(stderr, "waymark: %s\n", err);
		return -1;
	}
	if (store_check_schema(st, err, sizeof err)) {
		fprintf(stderr, "waymark: %s\n", err);
		store_close(st);
		return -1;
	}
	if (referral_indexes_ensure(st)) {
		if (store_errcode(st) != STORE_BUSY) {
			fprintf(stderr, "waymark: cannot build the indexes an import deferred: %s\n", store_errmsg(st));
			store_close(st);
			return -1;
		}
		/* An import still writing held the database past the busy timeout: it makes them itself at its end
		 * (stopped before, the next start or `waymark init` does); the server serves meanwhile. */
		fprintf(stderr, "waymark: the indexes an import deferred are left to it (%s)\n", store_errmsg(st));
	}
	if (http_static_open(cfg->static_dir)) {
		store_close(st);
		return -1;
	}
	if (http_app_start(st)) {
		store_close(st);
		return -1;
	}
	struct sockaddr_in sa;
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)cfg->port);
	if (inet_pton(AF_INET, cfg->bind, &sa.sin_addr) != 1) {
		fprintf(stderr, "waymark: --bind %s is not an IPv4 address\n", cfg->bind);
		store_close(st);
		return -1;
	}
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	/* Thousands of keep-alive connections need as many descriptors: take
	 * the hard limit (a shell's soft limit is often 1024). */
	struct rlimit nofile;
	if (getrlimit(RLIMIT_NOFILE, &nofile) == 0 && nofile.rlim_cur < nofile.rlim_max) {
		nofile.rlim_cur = nofile.rlim_max;
		setrlimit(RLIMIT_NOFILE, &nofile);
	}
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME;
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, 0, NULL, NULL, access_handler, NULL,
		MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
		MHD_OPTION_UNESCAPE_CALLBACK, unescape_keep_nul, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)(cfg->threads ? cfg->threads : 1),
		MHD_OPTION_NOTIFY_COMPLETED, request_done, NULL,
		MHD_OPTION_NOTIFY_CONNECTION, http_deadline_notify, NULL,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->conns_per_addr,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)30,
		/* Per connection, held while it is open: room for 8 KiB header
		 * fields (larger ones are refused with 431 anyway). */
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),
		MHD_OPTION_CONNECTION_LIMIT, (unsigned int)4000,
		MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned int)1024,
		MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "waymark: cannot listen on %s:%u (in use?)\n", cfg->bind, cfg->port);
		http_app_stop();
		store_close(st);
		return -1;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	printf("Waymark listening on http://%s:%u/ (database: %s)\n", cfg->bind,
	       di ? di->port : cfg->port, store_kind_name(st));
	fflush(stdout);
	int sig = 0;
	/* While waiting for the signal to stop: each second, shut connections
	 * past the deadline for their request; every few seconds, hand memory
	 * the threads freed back to the system (an idle server stays small). */
	const struct timespec second = { 1, 0 };
	for (unsigned tick = 1; (sig = sigtimedwait(&sigs, NULL, &second)) < 0; tick++) {
		http_deadline_sweep(cfg->request_deadline);
		if (tick % 5 == 0)
			malloc_trim(0);
	}
	fprintf(stderr, "{\"level\":\"info\",\"msg\":\"stopping on signal %d\"}\n", sig);
	gcommit_stop(); /* answers every suspended write first: MHD may not stop with them */
	MHD_stop_daemon(d);
	http_app_stop();
	store_close(st);
	return 0;
}
