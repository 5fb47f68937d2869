/* The referral model: one descriptor per field of a referral and of the
 * person referred, generated from model/referral.def. */
#ifndef WAYMARK_MODEL_REFERRAL_H
#define WAYMARK_MODEL_REFERRAL_H
#include <stddef.h>
#include "model/referral.def"

enum referral_field {
#define F(id, ...) RF_##id,
	REFERRAL_FIELDS(F)
#undef F
	RF__MAX
};

enum referral_vocab {
	RV_NONE = -1,
#define V(id, name) RV_##id,
	REFERRAL_VOCABS(V)
#undef V
	RV__MAX
};

/* Where a field is kept (see referral.def). */
enum referral_where { W_P, W_PS, W_R, W_X };
#define REFERRAL_WHERE_PERSON(w) ((w) == W_P || (w) == W_PS)
/* A column of referrals: its own, or a person's value as submitted. */
#define REFERRAL_WHERE_REFERRAL(w) ((w) == W_R || (w) == W_PS)

enum referral_kind {
	K_TEXT,      /* one line of text */
	K_LONGTEXT,  /* text that may hold line breaks and tabs */
	K_NHSNUM,    /* NHS number, stored as ten digits */
	K_POSTCODE,  /* UK postcode, stored normalised ("NR1 3SR") */
	K_PHONE,     /* phone number, stored as typed (trimmed) */
	K_EMAIL,     /* email address */
	K_DOB,       /* date of birth: a day number, not in the future, age 0-120 */
	K_DAY,       /* a date within a year either side of today: a day number */
	K_INSTANT,   /* ISO 8601 date and time, not in the future: UTC seconds */
	K_BOOL,      /* yes/no: 1 or 0 */
	K_VOCAB,     /* one code of a vocabulary */
	K_VOCABS,    /* one or more codes of a vocabulary */
	K_PRACTICE,  /* GP practice by code or name: stored as its code */
};

enum referral_rule { Q_OPT, Q_REQ, Q_TRUE };

enum referral_channel {
	CH_FORM = 1,
	CH_SELF = 2,
	CH_API = 4,
	CH_CSV = 8,
	CH_ALL = CH_FORM | CH_SELF | CH_API | CH_CSV,
};

enum referral_section { S_PERSON, S_CONTACT, S_ABOUT, S_REFERRAL, S_DISCHARGE, S_REFERRER, S_CONSENT, S_OTHER,
			S__MAX };

struct referral_field_desc {
	const char *path;
	enum referral_where where;
	const char *column;
	enum referral_kind kind;
	int max;
	enum referral_vocab vocab;
	enum referral_rule rule;
	unsigned channels;
	enum referral_section section;
	const char *autocomplete;
	const char *label;
	const char *hint; /* NULL when none */
};

extern const struct referral_field_desc referral_fields[RF__MAX];
extern const char *const referral_vocab_name[RV__MAX];
extern const char *const referral_section_title[S__MAX];

/* The field with this dotted path, or -1. */
int referral_field_by_path(const char *path);
/* 1 if the kind is stored as an integer (day, instant, boolean). */
int referral_kind_is_int(enum referral_kind kind);
#endif
