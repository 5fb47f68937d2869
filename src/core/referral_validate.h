/* Checking a referral: raw text from any channel (JSON, form, CSV) in, typed
 * and normalised values or {field, message} problems out. Pure: the clock
 * and the reference data come in as arguments. */
#ifndef WAYMARK_CORE_REFERRAL_VALIDATE_H
#define WAYMARK_CORE_REFERRAL_VALIDATE_H
#include <stddef.h>
#include <stdint.h>
#include "core/fielderr.h"
#include "core/referral_refs.h"
#include "model/referral.h"

#define REFERRAL_REASONS_MAX 32      /* reason values accepted in one referral */
#define REFERRAL_SCRATCH 32768       /* room for every normalised text at its longest */
#define REFERRAL_RECEIVED_SKEW 300   /* seconds a given received_at may run ahead of our clock */
#define REFERRAL_DAY_RANGE 366       /* an expected discharge date is within this many days of today */
#define REFERRAL_AGE_MAX 120

/* The input as given. NULL or blank means "not given". Borrowed throughout. */
struct referral_raw {
	const char *v[RF__MAX];
	/* The adapter already reported a problem with this field (e.g. a JSON
	 * number where text was expected): the validator says nothing more. */
	unsigned char bad[RF__MAX];
	/* Reasons as separate values (JSON array, form checkboxes). When
	 * has_list is 0, v[RF_REASONS] is split at ';' instead (CSV). */
	const char *list[REFERRAL_REASONS_MAX];
	size_t nlist;
	int has_list;
};

struct referral_value {
	const char *s;  /* text (normalised); NULL for integer kinds or when not set */
	int64_t i;      /* day number, UTC seconds, or 0/1 */
	unsigned char set;
};

/* A checked referral. Texts point into scratch or into the reference data. */
struct referral_rec {
	struct referral_value v[RF__MAX];
	const char *reasons[REFERRAL_REASONS_MAX]; /* canonical codes, no repeats, in the order given */
	size_t nreasons;
	const char *outcode;                       /* "NR1" */
	const char *area;                          /* area code of the outcode, NULL when not ours */
	const struct referral_practice *practice;  /* NULL when not given */
	const char *match_key;                     /* see core/referral_match.h */
	int is_discharge;                          /* the source is a discharge team */
	int age;                                   /* whole years today */
	size_t used;
	char scratch[REFERRAL_SCRATCH];
};

struct referral_check {
	const struct referral_refs *refs;  /* borrowed */
	int64_t now;                       /* UTC seconds */
	unsigned channel;                  /* the CH_* the input came through */
	int may_set_received_at;           /* the hub may back-date receipt */
};

/*
 * Checks raw and fills rec. Every problem is added to fe (field path and a
 * message that names the field and says how to put it right); rec is only
 * meaningful when the result is 0. Returns 0 when there were no problems,
 * otherwise -1. Defaults: urgency "routine"; safeguarding and the home check
 * "no".
 */
int referral_validate(const struct referral_check *chk, const struct referral_raw *raw, struct referral_rec *rec,
		      struct field_errors *fe);

/* Parses yes/no answers: yes, no, true, false, y, n, 1, 0 in any case.
 * Returns 1 or 0, or -1 for anything else. */
int referral_parse_bool(const char *s);

/* 1 if s is well-formed UTF-8 (what a page may echo back), else 0. */
int referral_utf8_ok(const char *s);

/* "Enter first name": the label with a lower-case first letter unless it
 * starts an abbreviation ("NHS number"). Writes into out. */
void referral_label_lower(const char *label, char *out, size_t outlen);
/* The checks the referral's fields use, for other records (the directory):
 * characters in s[0..n) as UTF-8 text (-1 bad UTF-8, -2 a control
 * character; tab and line breaks allowed when multiline), and 1 when a
 * phone number (10 to 15 digits) or an email address is well formed. */
long referral_text_chars(const char *s, size_t n, int multiline);
int referral_phone_ok(const char *s);
int referral_email_ok(const char *s);
#endif
