/* The use cases' shared shape: who is acting and when (a plain context, never
 * the HTTP request), the one result every operation returns, and the
 * transaction and audit helpers. Only code in src/ops/ opens a write
 * transaction; the API, the pages, the CLI and the jobs thread call it. */
#ifndef WAYMARK_OPS_OPS_H
#define WAYMARK_OPS_OPS_H
#include <stdint.h>
#include "core/audit_action.h"
#include "core/authz.h"
#include "core/fielderr.h"
#include "store/store.h"

struct ops_ctx {
	struct store *db;
	int64_t user_id;        /* 0 for the command line and the jobs thread */
	int64_t org_id;
	enum role role;
	int64_t now;            /* UTC seconds */
	const char *addr;       /* client address ("" when none) */
	const char *request_id; /* ("" when none) */
};

/* What an operation came to. Each adapter maps it once: http_ops_reply
 * (problem+json) and web_ops_reply (pages). */
enum ops_result {
	OPS_OK = 0,
	OPS_INVALID,   /* the field errors say what (422) */
	OPS_NOT_FOUND, /* no such record, or not one this user may see (404) */
	OPS_CONFLICT,  /* the record's state does not allow it; the field errors say why (409) */
	OPS_FORBIDDEN, /* the user may see it but not do this (403) */
	OPS_ERROR,     /* the store failed; rolled back (500, or 503 when busy or full) */
};

/* 1 for the hub: hub coordinators and the programme lead. */
int ops_is_hub(const struct ops_ctx *c);

/* Appends an audit event by c's user (inside the open transaction, if any).
 * person_id is the person whose record is touched (0 if none). 0 or -1. */
int ops_audit(const struct ops_ctx *c, enum audit_action action, const char *entity, int64_t entity_id,
	      int64_t person_id, const char *detail);

/* Opens the write transaction: OPS_OK or OPS_ERROR. */
enum ops_result ops_begin(const struct ops_ctx *c);
/* Appends the audit event and commits: OPS_OK, or OPS_ERROR (rolled back). */
enum ops_result ops_commit_audited(const struct ops_ctx *c, enum audit_action action, const char *entity,
				   int64_t entity_id, int64_t person_id, const char *detail);
/* Rolls back the open transaction and returns r (for `return ops_fail(c, r)`). */
enum ops_result ops_fail(const struct ops_ctx *c, enum ops_result r);

/* A field_errors list on the heap (about 36 KB: never on the stack);
 * NULL when out of memory. Free with free(). */
struct field_errors *ops_fielderr_new(void);
/* The same holding one problem, message under field; NULL when out of memory. */
struct field_errors *ops_fielderr_one(const char *field, const char *message);
#endif
