/* Per-request allocation faults in the fault build: a request with the header
 * X-Fault-Alloc: N has its Nth allocation fail, and the answer says how many
 * allocations it made (X-Fault-Allocs) and whether the armed one failed
 * (X-Fault-Fired). In any other build these do nothing. */
#ifndef WAYMARK_HTTP_FAULT_REQ_H
#define WAYMARK_HTTP_FAULT_REQ_H
#include "http/http.h"

#ifdef WAYMARK_FAULT
#include <stdio.h>
#include <stdlib.h>
#include "util/fault.h"

static inline void fault_request_begin(struct http_req *req)
{
	const char *n = http_header(req, "X-Fault-Alloc");
	if (n)
		fault_arm(strtol(n, NULL, 10));
}

static inline void fault_request_end(struct http_req *req, struct http_resp *resp)
{
	if (!http_header(req, "X-Fault-Alloc"))
		return;
	int fired = 0;
	char v[24];
	snprintf(v, sizeof v, "%ld", fault_disarm(&fired));
	http_header_add(resp, "X-Fault-Allocs", v);
	http_header_add(resp, "X-Fault-Fired", fired ? "1" : "0");
}
#else
static inline void fault_request_begin(struct http_req *req)
{
	(void)req;
}

static inline void fault_request_end(struct http_req *req, struct http_resp *resp)
{
	(void)req;
	(void)resp;
}
#endif
#endif
