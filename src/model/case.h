/* The case's records as data (model/case.def): the field table, values by
 * running index within a record, and the generic check every channel shares. */
#ifndef WAYMARK_MODEL_CASE_H
#define WAYMARK_MODEL_CASE_H
#include <stddef.h>
#include <stdint.h>
#include "core/fielderr.h"

enum case_kind { CK_TEXT, CK_CODE, CK_INT, CK_TIME, CK_BOOL, CK_ID, CK_SAME };

#include "model/case.def"

#define CASE_REC_(R) CR_##R,
enum case_rec { CASE_RECORDS(CASE_REC_) CR__MAX };

/* Every field, records in turn; CF_<R>__BEGIN is the record's first. */
#define CASE_FIELD_(R, name, ...) CF_##R##_##name,
#define CASE_FIELDS_(R) CF_##R##__BEGIN, CF_##R##__B = CF_##R##__BEGIN - 1, CASE_##R(CASE_FIELD_)
enum case_field { CASE_RECORDS(CASE_FIELDS_) CF__MAX };
/* The running index of field name within record R (an index into struct case_value[]). */
#define CASE_I(R, name) (CF_##R##_##name - CF_##R##__BEGIN)
#define CASE_FIELDS_MAX 6 /* the most fields of one record */
#define CASE_TIME_SKEW 300 /* seconds a recorded time may run ahead of our clock */

struct case_field_def {
	enum case_rec rec;
	const char *name;
	enum case_kind kind;
	int required;
	int64_t lo, hi;
	const char *vocab, *what, *label, *hint;
	int rows;
};
extern const struct case_field_def case_fields[CF__MAX];

/* The fields of record r: *first (an enum case_field) and the count. */
size_t case_record_fields(enum case_rec r, int *first);
/* The field that says what f is (f itself, or the one a SAME field names). */
const struct case_field_def *case_field_base(int f);

/* One value as a channel read it: text (TEXT, CODE), or n (INT, TIME, BOOL,
 * ID); given 0 when absent, null or blank. */
struct case_value {
	const char *s;
	int64_t n;
	int given;
};

/* Answers whether code is one of vocab: 1, 0 (codes gets the choices, for
 * the message), or -1 when it could not tell. */
typedef int (*case_vocab_fn)(void *ctx, const char *vocab, const char *code, char *codes, size_t n);

/*
 * Checks the values of record r (v indexed by running index) against the
 * description: required, length, range, vocabulary, not in the future (a
 * blank TIME becomes now). Problems go to fe named prefix + name, except for
 * fields fe already names. Returns 0, or -1 when vocab failed.
 */
int case_check(enum case_rec r, struct case_value *v, const char *prefix, int64_t now, struct field_errors *fe,
	       case_vocab_fn vocab, void *ctx);
#endif
