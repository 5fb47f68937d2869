/* The case's writes, each once (sessions, goals and progress, the assessment,
 * onward referrals and their status, unmet needs, safeguarding, consents,
 * case studies, measures, closure, drop-out): the API and the pages read
 * their input into a struct ops_case_in and call ops_case_write. */
#ifndef WAYMARK_OPS_CASEWORK_H
#define WAYMARK_OPS_CASEWORK_H
#include "core/instrument.h"
#include "model/case.h"
#include "ops/ops.h"
#include "store/casework.h"

enum ops_case_op {
	OPS_CASE_SESSION,
	OPS_CASE_GOAL,
	OPS_CASE_PROGRESS,
	OPS_CASE_ASSESSMENT,
	OPS_CASE_ONWARD,
	OPS_CASE_ONWARD_STATUS,
	OPS_CASE_UNMET,
	OPS_CASE_CONCERN,
	OPS_CASE_CONSENT,
	OPS_CASE_STUDY,
	OPS_CASE_MEASURE,
	OPS_CASE_CLOSE,
	OPS_CASE_DROPOUT,
	OPS_CASE__MAX
};

/* The record an operation takes (model/case.def), CR__MAX for none (measure, drop-out). */
extern const enum case_rec ops_case_rec[OPS_CASE__MAX];

/* What a channel read: the record's values by running index (CASE_I), and
 * what is not a plain field. */
struct ops_case_in {
	struct case_value v[CASE_FIELDS_MAX];
	int64_t record_id; /* the goal (progress), the onward referral (its status) */
	struct case_value needs[CASEWORK_NEEDS_MAX][CASE_FIELDS_MAX]; /* the assessment's, by CASE_I(NEED, ...) */
	size_t nneeds;
	const char *instrument, *phase; /* a measure's */
	int answers[INSTRUMENT_ITEMS_MAX];
	size_t nanswers;
	struct case_value at;
	char text[256]; /* room for a value the adapter looked up (a directory service's name) */
};

struct ops_case_out {
	int64_t id;              /* the record made (the case for close and drop-out; the referral for its status) */
	int64_t person_id;       /* the case's person */
	int version;             /* the assessment's */
	int attempts;            /* a drop-out's */
	struct instrument_score score; /* a measure's */
	int64_t at;              /* when a session or measure was (blank: now) */
	char detail[160];        /* the audit event's detail */
};

/* The field a conflict's message is given under (409: the field errors' first). */
#define OPS_CASE_CONFLICT_FIELD "case"

/*
 * Runs op on case_id for c's user, in one transaction with its audit event:
 * OPS_NOT_FOUND unless c's organisation holds the case (or the record is
 * not the case's), OPS_INVALID (fe), OPS_CONFLICT (closed, already
 * recorded, not enough attempts: fe's first entry says why, under "phase"
 * or "status" when it is about that field, else OPS_CASE_CONFLICT_FIELD),
 * OPS_ERROR, or OPS_OK with out filled. in's TIME values become now when blank.
 */
enum ops_result ops_case_write(const struct ops_ctx *c, int64_t case_id, enum ops_case_op op, struct ops_case_in *in,
			       struct ops_case_out *out, struct field_errors *fe);

/* 1 when op is refused on a closed case (a measure: only its baseline is). */
int ops_case_open_only(enum ops_case_op op);

/* 1 when c's organisation holds case case_id, 0 when not (or no such case), -1 on error. */
int ops_case_held(const struct ops_ctx *c, int64_t case_id);
#endif
