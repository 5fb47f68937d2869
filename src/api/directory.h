/* Directory operations shared by the JSON API and the pages: reading a
 * search from the query string, saving a service (one transaction with its
 * audit event), and a service as JSON. */
#ifndef WAYMARK_API_DIRECTORY_H
#define WAYMARK_API_DIRECTORY_H
#include <jansson.h>
#include "http/http.h"
#include "store/directory.h"

enum dir_result {
	DIR_OK = 0,
	DIR_INVALID,   /* fe says what (422) */
	DIR_NOT_FOUND, /* no such service (404) */
	DIR_ERROR,     /* store error, rolled back (500/503) */
};

/* The vocabularies a service is checked against (malloc'd; free it), or
 * NULL after answering 500/503. */
struct directory_refs_buf *directory_refs_or_respond(struct http_req *req, struct http_resp *resp);

/* Reads ?category, area, capacity, q, limit, offset, include_inactive into q
 * (strings borrowed from the request) and checks them against refs; each
 * problem goes to fe under the parameter's name. */
void directory_query_read(struct http_req *req, const struct directory_refs *refs, struct directory_query *q,
			  struct field_errors *fe);

/* Checks in and stores it: creates (id 0) or replaces service id; audited
 * as service.create / service.update. *out_id gets the id. */
enum dir_result directory_save(struct http_req *req, int64_t id, const struct service_input *in,
			       const struct directory_refs *refs, struct field_errors *fe, int64_t *out_id);

/* The input that would save rec unchanged (borrows rec's strings). */
void directory_input_from(const struct service_record *rec, struct service_input *in);

/* A service as the API shows it (Open Referral UK names). New reference. */
json_t *directory_service_json(const struct directory_service *s, const struct directory_refs *refs);
#endif
