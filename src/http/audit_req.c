/* Audit events for the current request, with the refusals of signed-out
 * requests limited to one event per address and action a minute (a flood
 * of them would otherwise grow the chained trail without bound). */
#include <arpa/inet.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "http/audit_req.h"

static struct audit_event event_of(const struct http_req *req, enum audit_action action, const char *entity,
				   const char *detail)
{
	return (struct audit_event){
		.at = req->now,
		.user_id = req->auth.user_id,
		.role = role_code[req->auth.role],
		.org_id = req->auth.org_id,
		.action = audit_action_code[action],
		.entity = entity,
		.addr = req->remote_addr,
		.request_id = req->request_id,
		.detail = detail,
	};
}

int http_audit_on(struct store *st, const struct http_req *req, enum audit_action action, const char *entity,
		  int64_t entity_id, int64_t person_id, const char *detail)
{
	struct audit_event ev = event_of(req, action, entity, detail);
	ev.entity_id = entity_id;
	ev.person_id = person_id;
	return audit_append(st, &ev);
}

int http_audit_people(struct http_req *req, enum audit_action action, const char *entity, const int64_t *people,
		      size_t npeople, const char *detail)
{
	return http_audit_people_on(req->db, req, action, entity, people, npeople, detail);
}

int http_audit_people_on(struct store *st, const struct http_req *req, enum audit_action action, const char *entity,
			 const int64_t *people, size_t npeople, const char *detail)
{
	struct audit_event ev = event_of(req, action, entity, detail);
	ev.people = people;
	ev.npeople = npeople;
	return audit_append(st, &ev);
}

#define LIMIT_SLOTS 4096
#define LIMIT_PROBES 8
#define LIMIT_SECONDS 60

struct limit_slot {
	char key[64];     /* the address (an IPv6 one by its /64) */
	int action;
	int64_t since;    /* when the last event was written */
	unsigned skipped; /* events left out since then */
};
static struct limit_slot limit_slots[LIMIT_SLOTS];
static struct limit_slot limit_crowd; /* when every probed slot is busy: all such addresses */
static pthread_mutex_t limit_mu = PTHREAD_MUTEX_INITIALIZER;

/* 1 to write the event, with *skipped the events left out before it. */
static int limit_admit(const char *addr, int action, int64_t now, unsigned *skipped)
{
	char key[64];
	unsigned char a6[16];
	snprintf(key, sizeof key, "%s", addr);
	if (inet_pton(AF_INET6, addr, a6) == 1) {
		memset(a6 + 8, 0, 8);
		inet_ntop(AF_INET6, a6, key, sizeof key);
	}
	uint32_t h = 2166136261u ^ (uint32_t)action;
	for (const char *p = key; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	pthread_mutex_lock(&limit_mu);
	struct limit_slot *s = NULL, *spare = NULL;
	for (unsigned i = 0; i < LIMIT_PROBES && !s; i++) {
		struct limit_slot *p = &limit_slots[(h + i) % LIMIT_SLOTS];
		if (p->action == action && strcmp(p->key, key) == 0)
			s = p;
		else if (!spare && (!p->key[0] || now - p->since >= LIMIT_SECONDS))
			spare = p;
	}
	if (!s && spare) {
		s = spare;
		snprintf(s->key, sizeof s->key, "%s", key);
		s->action = action;
		s->since = INT64_MIN / 2;
		s->skipped = 0;
	}
	if (!s)
		s = &limit_crowd;
	int write = now - s->since >= LIMIT_SECONDS;
	if (write) {
		*skipped = s->skipped;
		s->skipped = 0;
		s->since = now;
	} else {
		s->skipped++;
	}
	pthread_mutex_unlock(&limit_mu);
	return write;
}

int http_audit(struct http_req *req, enum audit_action action, const char *entity, int64_t entity_id,
	       int64_t person_id, const char *detail)
{
	int refusal = action == AUDIT_DENY || action == AUDIT_DENY_CSRF || action == AUDIT_AUTH_TOKEN_INVALID ||
		      action == AUDIT_LOGIN_FAIL || action == AUDIT_LOGIN_THROTTLED;
	unsigned skipped = 0;
	if (refusal && !req->auth.user_id && !limit_admit(req->remote_addr, (int)action, req->now, &skipped))
		return 0;
	char more[640];
	if (skipped) {
		snprintf(more, sizeof more, "%s%s%u more from this address not recorded", detail, *detail ? "; " : "",
			 skipped);
		detail = more;
	}
	return http_audit_on(req->db, req, action, entity, entity_id, person_id, detail);
}
