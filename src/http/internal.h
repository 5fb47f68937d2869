/* Pieces of the HTTP layer shared between its own files. */
#ifndef WAYMARK_HTTP_INTERNAL_H
#define WAYMARK_HTTP_INTERNAL_H
#include "http/http.h"

int http_static_open(const char *dir);
void http_static(struct http_req *req, struct http_resp *resp);
void http_metrics_record(int route_index, unsigned status, double seconds);
void http_metrics_write(struct buf *out);
void http_form_free(struct http_req *req);
/* 1 when the body is application/x-www-form-urlencoded. */
int http_is_form(const struct http_req *req);

/* Loads the session or bearer token into req->auth; replies 401 and returns
 * 1 when credentials were given but are not valid. */
int http_authenticate_or_respond(struct http_req *req, struct http_resp *resp);
/* Replies to a request the matrix refuses: 401 (or the sign-in page) when
 * signed out, 403 otherwise; the denial is audited. */
void http_deny(struct http_req *req, struct http_resp *resp);
/* Refuses (404, audited) a request whose {id} names a record the user has
 * no relationship with (ops/relations.c); returns 1 when it answered. */
int http_relation_or_respond(struct http_req *req, struct http_resp *resp);
/* Refuses a cookie-authenticated state change without the right token (403). */
int http_csrf_or_respond(struct http_req *req, struct http_resp *resp);

/* Multipart bodies of upload routes (http/upload.c): begin once the headers
 * have arrived (0, or -1 out of memory or no temporary file), feed each
 * piece (0; 1 over limit; -1 a write failed), end when the body is whole
 * (its fields become the form), free with the request. */
int http_upload_begin(struct http_req *req);
int http_upload_feed(struct http_req *req, const char *data, size_t len, size_t limit);
void http_upload_end(struct http_req *req);
void http_upload_free(struct http_req *req);
/* 1 when the body is multipart/form-data. */
int http_is_multipart(const struct http_req *req);

#define HTTP_FORM_TOKEN_MAX_AGE (4 * 3600)

/* The cookies this server sets: the session, and the pre-session cookie that
 * binds a signed-out form's token to the browser it was shown to. */
enum http_cookie_kind { HTTP_COOKIE_SESSION, HTTP_COOKIE_PRE };
/* The cookie's name: "__Host-" prefixed behind TLS. */
const char *http_cookie_name(enum http_cookie_kind k);
/* Sets it HttpOnly, SameSite=Strict, Path=/ (and Secure behind TLS). */
void http_cookie_set(struct http_resp *resp, enum http_cookie_kind k, const char *value, int64_t max_age);

/* Settings read once at start-up (read-only afterwards). */
struct http_settings {
	int64_t session_idle; /* seconds of inactivity before a session ends */
	int64_t session_max;  /* absolute session lifetime */
	int behind_tls;       /* --behind-tls or the setting behind_tls: Secure cookies, HSTS */
	/* The self-referral form's limits, from WAYMARK_SELF_REFERRAL_LIMIT and
	 * WAYMARK_SELF_REFERRAL_MIN_SECONDS (for tests, and deployments where
	 * many people share one address). */
	long self_referral_limit;       /* submissions per address per hour */
	long self_referral_min_seconds; /* a person takes longer than this */
};
extern struct http_settings http_settings;

/* Application start-up and shutdown around the daemon (jobs thread, caches). */
int http_app_start(struct store *st);
void http_app_stop(void);
#endif
