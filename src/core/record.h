/* Fields of an entity described once as an X-macro list (model/org.def, model/worker.def): one shape for
 * every field (key, kind, limits, vocabulary, label, hint, column), and the checks generic code runs on a
 * value given as text, whatever channel it came by (JSON, a form, the command line). */
#ifndef WAYMARK_CORE_RECORD_H
#define WAYMARK_CORE_RECORD_H
#include <stddef.h>
#include "core/fielderr.h"

enum rec_kind {
	RK_TEXT,     /* one line, trimmed, at most max characters */
	RK_LONGTEXT, /* several lines, at most max characters */
	RK_PHONE,    /* a telephone number */
	RK_EMAIL,    /* an email address */
	RK_DATE,     /* a date as core/datehuman reads it ("2027-04-01", "1/4/2027", "1 Apr 2027"), stored YYYY-MM-DD */
	RK_CODE,     /* one code of vocab */
	RK_CODES,    /* codes of vocab (all codes when vocab is NULL: checked by the caller), comma-separated */
	RK_BOOL,     /* "1" or "0" (also yes/no, true/false, on/off) */
	RK_FTE,      /* a fraction of full time, 0.01 to 1, stored in hundredths */
};

struct rec_field {
	const char *key;          /* JSON key, form field name, error path */
	enum rec_kind kind;
	int max;                  /* characters (text) */
	int required;
	const char *label;
	const char *hint;         /* may be NULL */
	const char *const *vocab; /* codes then labels: { code, label, code, label, ..., NULL } */
	const char *column;       /* the table column ("" when kept elsewhere) */
};

#define REC_VALUE_MAX 2048

/* Checks given (NULL or blank: not given) for f and writes the stored form to out: text trimmed, a date as
 * YYYY-MM-DD, codes comma-separated without spaces or repeats, booleans "1"/"0", an FTE in hundredths
 * ("50"); "" when not given. A problem is added under f->key; returns -1 then, else 0. */
int rec_check(const struct rec_field *f, const char *given, char out[REC_VALUE_MAX], struct field_errors *fe);
/* The label of code in a vocab list, or code itself. */
const char *rec_vocab_label(const char *const *vocab, const char *code);
/* 1 when s is a telephone number (3 to 15 digits, spaces, + ( ) -), else 0. */
int rec_phone_ok(const char *s);
/* 1 when s looks like an email address (one @, a dot in the domain, no spaces), else 0. */
int rec_email_ok(const char *s);
/* An FTE in hundredths ("50") as a fraction ("0.5", "1.0"). */
void rec_fte_text(const char *hundredths, char *out, size_t len);
#endif
