/* Requests, responses and routes of the HTTP layer (libmicrohttpd). Handlers
 * see a parsed request with validated inputs and fill a response. */
#ifndef WAYMARK_HTTP_HTTP_H
#define WAYMARK_HTTP_HTTP_H
#include <stdint.h>
#include <sys/types.h>
#include <jansson.h>
#include "core/authz.h"
#include "core/fielderr.h"
#include "store/store.h"
#include "util/buf.h"

#define HTTP_MAX_PARAMS 4
#define HTTP_MAX_HEADERS 12
#define HTTP_MAX_FORM_FIELDS 256
#define HTTP_MAX_FIELD_LEN (64u * 1024)

struct MHD_Connection;
struct MHD_PostProcessor;
struct http_upload_parse;
struct http_req;
struct http_resp;
struct http_defer;

/* Who is making the request (filled by the session/token layer). */
struct http_auth {
	int64_t user_id;        /* 0 when signed out */
	int64_t org_id;
	enum role role;
	char name[128];
	char email[256];
	char csrf[65];          /* the session's CSRF token ("" for bearer tokens) */
	int via_cookie;         /* 1 when authenticated by session cookie */
	int64_t session_id;
	int64_t token_id;
};

struct http_form_field {
	char *name;
	char *value;
};

/* A file sent in a multipart/form-data body to a route that takes uploads
 * (route.upload_max): streamed to an unlinked temporary file as it arrives,
 * never held in memory whole (http/upload.c). */
struct http_upload {
	int fd;                 /* the temporary file; -1 none */
	uint64_t size;          /* bytes of the file part */
	char file_name[256];    /* as the browser named it ("" when no file was chosen) */
	char content_type[128]; /* as the browser said ("" when it said nothing) */
	int files;              /* file parts seen (only the first is kept) */
	int malformed;          /* the body was not valid multipart */
	uint64_t received;      /* body bytes so far */
	/* The reading of the body (http/upload.c). */
	struct MHD_PostProcessor *pp;
	struct http_upload_parse *parse;
	char *map;              /* http_upload_data's mapping (size + 1 bytes) */
};

struct http_req {
	const char *method;        /* "GET", "POST", ... (HEAD is served as GET) */
	const char *path;          /* decoded path, borrowed from MHD */
	struct MHD_Connection *conn;
	struct buf body;
	const char *params[HTTP_MAX_PARAMS]; /* path parameters in pattern order */
	int nparams;
	const struct route *route;
	struct store *db;          /* this thread's connection */
	char request_id[17];
	char remote_addr[64];
	int64_t now;               /* UTC seconds at arrival */
	struct http_auth auth;
	/* url-encoded form body, parsed on demand */
	struct http_form_field *form;
	int nform;
	int form_parsed;
	struct http_defer *defer;  /* a write handed to the group commit writer (http/defer.h) */
	struct http_upload *upload; /* a multipart body to an upload route; NULL otherwise */
};

struct http_header {
	char name[48];
	char value[512];
};

struct http_resp {
	unsigned status;
	const char *content_type;  /* literal */
	struct buf body;
	struct http_header headers[HTTP_MAX_HEADERS];
	int nheaders;
	int fd;                    /* >= 0: send this file instead of body */
	off_t fd_size;
	int cacheable;             /* static assets: do not add no-store */
};

typedef int (*http_handler)(struct http_req *req, struct http_resp *resp);

struct route {
	const char *method;
	const char *pattern;       /* "/api/v1/referrals/{id}" */
	http_handler handler;
	enum perm perm;
	const char *summary;       /* one line for docs and the route test */
	const char *rel;           /* what {id} names ("user", "referral", ...): the
				      route test builds own/other-organisation cases
				      from it; required when the pattern has {id} */
	const char *query;         /* the query parameters it takes, by name
				      ("from to area"): any other is a 400 before
				      the handler (http/query_decl.c); an API
				      route without it takes none */
	size_t upload_max;         /* > 0: the route also takes multipart/form-data
				      bodies up to this many bytes (instead of
				      the server's --max-body), the file streamed
				      to a temporary file (http_upload_file) and
				      the other fields read by http_form */
};

/* Each module's routes end with an entry whose method is NULL. */
extern const struct route *const http_route_tables[];

/* Finds the route for method and path; fills params. Returns NULL and sets
 * *method_mismatch when the path exists for another method. */
const struct route *http_route_match(const char *method, const char *path, const char **params,
				     int *nparams, int *method_mismatch, char *scratch, size_t scratchlen);
/* Checks every route declares a permission (and what its {id} names);
 * returns the first bad one. */
const struct route *http_routes_check(void);
/* Position of a route across all tables (for metrics); -1 if unknown. */
int http_route_index(const struct route *r);
int http_route_total(void);

/* Response helpers: each sets status, type and body; they return 0. */
int http_reply_json(struct http_resp *resp, unsigned status, json_t *doc); /* steals doc */
/* A JSON answer streamed into the body (util/jsonw.h) instead of built:
 * begin, write the members, then end (0; or a 500 problem when the writer
 * failed, -1). */
struct jsonw;
void http_reply_stream_begin(struct http_resp *resp, struct jsonw *w);
int http_reply_stream_end(struct http_resp *resp, unsigned status, struct jsonw *w);
int http_reply_text(struct http_resp *resp, unsigned status, const char *type, const char *text);
int http_problem(struct http_resp *resp, unsigned status, const char *title, const char *detail);
int http_problem_fields(struct http_resp *resp, unsigned status, const char *title,
			const struct field_errors *fe);
/* Ends the checks of a request's input and frees fe (allocated): 1 when it held problems and the request was
 * answered 422 titled title (the handler returns 0), else 0. */
int http_input_checked(struct http_resp *resp, struct field_errors *fe, const char *title);
/* 404: the pages' "page not found" for browsers (Accept: text/html, not
 * under /api/), problem+json otherwise. */
void http_not_found(struct http_req *req, struct http_resp *resp);
/* Pages the HTTP layer shows browsers, given by the page module (http/routes.c). */
struct http_pages {
	void (*not_found)(struct http_req *req, struct http_resp *resp);
	void (*forbidden)(struct http_req *req, struct http_resp *resp); /* 403 for a signed-in browser */
};
extern const struct http_pages http_pages;
int http_redirect(struct http_resp *resp, const char *location); /* 303 See Other */
void http_header_add(struct http_resp *resp, const char *name, const char *value);

/* Request helpers. Return borrowed values or NULL. */
const char *http_header(const struct http_req *req, const char *name);
const char *http_query(const struct http_req *req, const char *name);
const char *http_cookie(const struct http_req *req, const char *name);
/* Form field from an application/x-www-form-urlencoded body, or from a
 * multipart/form-data body sent to an upload route. */
const char *http_form(struct http_req *req, const char *name);
/* The file of a multipart body sent to an upload route: NULL when the body
 * was not multipart; upload->size 0 when no file was chosen. */
const struct http_upload *http_upload_file(const struct http_req *req);
/* The uploaded file's bytes, read-only and followed by a NUL byte (mapped,
 * not copied; freed with the request): NULL when there is no file or it
 * cannot be mapped. *len is the file's size. */
const char *http_upload_data(struct http_req *req, size_t *len);
/* The token a page's form carries: the session's CSRF token when signed in
 * by cookie; otherwise a time-stamped one bound to this browser's
 * pre-session cookie, which is set (or refreshed) on resp. Returns out. */
const char *http_form_token(struct http_req *req, struct http_resp *resp, char *out, size_t len);
/* Parses the body as a JSON object; on failure replies 400/422 and returns NULL. */
json_t *http_json_body_or_respond(struct http_req *req, struct http_resp *resp);
const char *http_param(const struct http_req *req, int i);
/* Checks the query against the route's declaration: an undeclared
 * parameter is answered 400 naming it (returns 1). */
int http_query_check_or_respond(struct http_req *req, struct http_resp *resp);
/* Parses path parameter i as a positive id, or replies 404 and returns -1. */
int64_t http_param_id_or_respond(const struct http_req *req, struct http_resp *resp, int i);
/* The record id in the path ({id}, into *id) and the JSON object body of a
 * write: the body (a new reference), or NULL after answering 404 or 400/422. */
json_t *http_id_body_or_respond(struct http_req *req, struct http_resp *resp, int64_t *id);

/* Server */
struct http_config {
	const char *db_url;
	const char *bind;
	unsigned port;
	unsigned threads;
	const char *static_dir;
	size_t max_body;
	unsigned max_headers;
	int access_log;
	int behind_tls;              /* Secure and __Host- cookies, Strict-Transport-Security */
	const char *trusted_proxies; /* "ADDR[,ADDR]": their X-Forwarded-For names the client */
	unsigned conns_per_addr;     /* open connections per client address (0: no limit) */
	unsigned request_deadline;   /* seconds to receive a whole request, however slowly sent */
};

/* Runs until SIGINT/SIGTERM. Returns 0 or -1 with a message on stderr. */
int http_serve(const struct http_config *cfg);
/* This thread's database connection (opened on first use), or NULL. */
struct store *http_thread_db(void);

/* Set by the server from its configuration; read-only afterwards. */
extern const struct http_config *http_cfg;
#endif
