/* Organisations: their fields (model/org.def), framework status, and the rule that shares community support
 * among the active providers serving an area by their open load against their volunteer capacity. */
#ifndef WAYMARK_CORE_ORG_H
#define WAYMARK_CORE_ORG_H
#include <stddef.h>
#include <stdint.h>
#include "core/record.h"

extern const char *const org_kind_vocab[];
extern const char *const org_status_vocab[];
extern const char *const org_source_vocab[];

enum org_field {
#define F(ID, key, kind, max, req, label, hint, vocab, col) ORG_F_##ID,
#include "model/org.def"
	ORG_FIELDS(F)
#undef F
	ORG_F__COUNT
};
extern const struct rec_field org_fields[ORG_F__COUNT];

#define ORG_REASON_MAX 300

/* Checks a change of framework status: status one of org_status_vocab, a reason (required for suspended and
 * exited, at most ORG_REASON_MAX characters). Problems under "status" and "reason". 0 or -1. */
int org_status_check(const char *status, const char *reason, struct field_errors *fe);

/* A provider that may hold community support for an area. */
struct org_share_candidate {
	int64_t id;
	const char *name;
	int64_t open_load;  /* open community support cases it holds */
	int64_t capacity;   /* tasks a week its active volunteers offer */
};

/* Chooses the candidate with the lowest open load per unit of volunteer capacity (a provider with no
 * capacity after every one with some; ties: the lower load, then the lower id) and writes why to reason
 * (area_name names the area). Returns the index, or -1 when n is 0. */
long org_share_pick(const struct org_share_candidate *c, size_t n, const char *area_name, char *reason, size_t reason_len);
#endif
