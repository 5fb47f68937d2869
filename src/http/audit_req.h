/* Audit events for the current request: who, role, organisation, address and
 * request id come from the request. */
#ifndef WAYMARK_HTTP_AUDIT_REQ_H
#define WAYMARK_HTTP_AUDIT_REQ_H
#include "http/http.h"
#include "core/audit_action.h"
#include "store/audit.h"

/* Appends an event for req (inside the current transaction if one is open).
 * person_id is the person whose record is touched (0 if none). Returns 0/-1. */
int http_audit(struct http_req *req, enum audit_action action, const char *entity, int64_t entity_id,
	       int64_t person_id, const char *detail);
/* The event of a list read, naming every person the list showed (at most
 * AUDIT_PEOPLE_MAX), so "who has looked at this person" finds it. */
int http_audit_people(struct http_req *req, enum audit_action action, const char *entity, const int64_t *people,
		      size_t npeople, const char *detail);
int http_audit_people_on(struct store *st, const struct http_req *req, enum audit_action action, const char *entity,
			 const int64_t *people, size_t npeople, const char *detail);
/* The same event appended on st (the group commit writer's connection,
 * inside its transaction). */
int http_audit_on(struct store *st, const struct http_req *req, enum audit_action action, const char *entity,
		  int64_t entity_id, int64_t person_id, const char *detail);
#endif
