/* Audit events for the current request. */
#include "http/audit_req.h"

int http_audit_on(struct store *st, const struct http_req *req, enum audit_action action, const char *entity,
		  int64_t entity_id, int64_t person_id, const char *detail)
{
	struct audit_event ev = {
		.at = req->now,
		.user_id = req->auth.user_id,
		.role = role_code[req->auth.role],
		.org_id = req->auth.org_id,
		.action = audit_action_code[action],
		.entity = entity,
		.entity_id = entity_id,
		.person_id = person_id,
		.addr = req->remote_addr,
		.request_id = req->request_id,
		.detail = detail,
	};
	return audit_append(st, &ev);
}

int http_audit_people(struct http_req *req, enum audit_action action, const char *entity, const int64_t *people,
		      size_t npeople, const char *detail)
{
	struct audit_event ev = {
		.at = req->now,
		.user_id = req->auth.user_id,
		.role = role_code[req->auth.role],
		.org_id = req->auth.org_id,
		.action = audit_action_code[action],
		.entity = entity,
		.addr = req->remote_addr,
		.request_id = req->request_id,
		.detail = detail,
		.people = people,
		.npeople = npeople,
	};
	return audit_append(req->db, &ev);
}

int http_audit(struct http_req *req, enum audit_action action, const char *entity, int64_t entity_id,
	       int64_t person_id, const char *detail)
{
	return http_audit_on(req->db, req, action, entity, entity_id, person_id, detail);
}
