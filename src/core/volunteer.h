/* A volunteer's record as entered (by a coordinator's form or the JSON API):
 * checking every field and naming the ones that are wrong, weekly
 * availability written as text ("10:00-12:00, 14:00-16:30"), and dates. */
#ifndef WAYMARK_CORE_VOLUNTEER_H
#define WAYMARK_CORE_VOLUNTEER_H
#include <stddef.h>
#include <stdint.h>
#include "core/compliance.h"
#include "core/fielderr.h"
#include "core/match.h"
#include "core/postcode.h"
#include "model/volunteer.def"

#define VOLUNTEER_NAME_MAX 120          /* characters */
#define VOLUNTEER_EMAIL_MAX 254
#define VOLUNTEER_PHONE_MAX 32
#define VOLUNTEER_NOTES_MAX 2000
#define VOLUNTEER_MODULE_MAX 120
#define VOLUNTEER_SLOTS_PER_DAY 4
#define VOLUNTEER_SLOTS_MAX MATCH_AVAIL_MAX /* 4 a day for 7 days */
#define VOLUNTEER_TRAINING_MAX 20
#define VOLUNTEER_DAYS_OFF_MAX 60
#define VOLUNTEER_SKILLS_MAX 32          /* values accepted before refusing (the vocabulary has 11) */
#define VOLUNTEER_RADIUS_MIN_M 500
#define VOLUNTEER_RADIUS_MAX_M 100000
#define VOLUNTEER_TASKS_WEEK_MAX 20
#define VOLUNTEER_DAY_TEXT_MAX 64        /* "10:00-12:00, 14:00-16:30, ..." with the NUL */

enum volunteer_status { VOLUNTEER_APPLICANT, VOLUNTEER_ACTIVE, VOLUNTEER_PAUSED, VOLUNTEER_LEFT, VOLUNTEER__STATUS_MAX };

const char *volunteer_status_code(enum volunteer_status s);  /* "active" */
const char *volunteer_status_label(enum volunteer_status s); /* "Active" */
int volunteer_status_from_code(const char *code);            /* -1 if unknown */

/* "mon".."sun" and "Monday".."Sunday" for weekday 0..6 (Monday first). */
extern const char *const volunteer_day_code[7];
extern const char *const volunteer_day_name[7];

struct volunteer_slot {
	int weekday;      /* 0 = Monday */
	int start_minute; /* 0..1439, London local time */
	int end_minute;   /* start+1..1440 */
};

struct volunteer_training {
	char module[VOLUNTEER_MODULE_MAX * 4 + 1];
	int64_t completed_day;
};

struct volunteer_rec {
	char name[VOLUNTEER_NAME_MAX * 4 + 1];
	char email[VOLUNTEER_EMAIL_MAX + 1];      /* "" when not given */
	char phone[VOLUNTEER_PHONE_MAX + 1];
	char postcode[POSTCODE_LEN];
	char outcode[POSTCODE_OUTCODE_LEN];
	int travel_radius_m;
	int has_car;
	int max_tasks_per_week;
	int consent_to_share;
	enum volunteer_status status;
	struct dbs_check dbs;
	uint32_t skills;                          /* bit i: enum match_skill i */
	struct volunteer_slot slots[VOLUNTEER_SLOTS_MAX];
	int n_slots;                              /* sorted by weekday, then start */
	int64_t days_off[VOLUNTEER_DAYS_OFF_MAX]; /* sorted, distinct */
	int n_days_off;
	struct volunteer_training training[VOLUNTEER_TRAINING_MAX];
	int n_training;
	char account_email[VOLUNTEER_EMAIL_MAX + 1]; /* the volunteer's own sign-in, "" if none */
	char notes[VOLUNTEER_NOTES_MAX * 4 + 1];
};

/* How a field of model/volunteer.def is read, checked, stored and shown. */
enum volunteer_kind {
	VK_TEXT,      /* one line of text (char[] member) */
	VK_EMAIL,     /* an email address, may be blank */
	VK_PHONE,     /* a UK phone number, may be blank */
	VK_POSTCODE,  /* a full UK postcode; its outcode is kept too */
	VK_ACCOUNT,   /* the email of the volunteer's own account (no column: user_id) */
	VK_NOTES,     /* text with line breaks */
	VK_STATUS,    /* enum volunteer_status; blank is applicant */
	VK_BOOL,      /* int 0/1 from yes/no; blank is no */
	VK_KM,        /* int metres from kilometres with one decimal place */
	VK_COUNT,     /* int, a whole number lo..hi */
	VK_DBS_LEVEL, /* enum dbs_level; blank is none */
	VK_DATE,      /* int64_t day number, COMPLIANCE_NO_DAY when blank */
};

/* The sections of the coordinator's form. */
enum volunteer_section { VS_ABOUT, VS_DOES, VS_FREE, VS_DBS, VS_TRAINING, VS_NOTES, VS__MAX };

#define VOLUNTEER_FIELD_ENUM(ID, ...) VF_##ID,
enum volunteer_field { VOLUNTEER_FIELDS(VOLUNTEER_FIELD_ENUM) VF__MAX };
#undef VOLUNTEER_FIELD_ENUM

struct volunteer_field_desc {
	const char *key;
	int column; /* 1 when it has a column of its own (where VC) */
	enum volunteer_kind kind;
	size_t offset, size; /* of the member in struct volunteer_rec */
	long lo, hi;
	int required;
	enum volunteer_section section;
	const char *label, *hint, *what, *bad;
};
extern const struct volunteer_field_desc volunteer_fields[VF__MAX];

/*
 * The record as typed, every value text (NULL when absent): the form gives
 * it as posted; the API turns JSON numbers and booleans into text first.
 * The fields are model/volunteer.def's (f[VF_NAME]...); the lists besides
 * them are skills, availability.mon .. availability.sun, days_off and
 * training[i].module, training[i].completed (docs/VOLUNTEERS.md).
 */
struct volunteer_input {
	const char *f[VF__MAX];
	const char *availability[7];
	const char *skills[VOLUNTEER_SKILLS_MAX + 1];
	size_t n_skills;                          /* may be VOLUNTEER_SKILLS_MAX + 1: too many */
	const char *days_off;                     /* dates separated by commas, semicolons or line breaks */
	struct {
		const char *module, *completed;
	} training[VOLUNTEER_TRAINING_MAX + 1];
	size_t n_training;                        /* rows with both blank are skipped */
};

/*
 * Reads one (name, value) of a volunteer as typed into in (value is
 * borrowed): a field of model/volunteer.def by its key, "availability.mon"
 * .. "availability.sun", "days_off", "skills" (once per skill), or
 * "training[i].module" / "training[i].completed". 1 when name is one of
 * them, 0 when it is not.
 */
int volunteer_input_add(struct volunteer_input *in, const char *name, const char *value);

/* Field f of r as it is typed ("7.5", "yes", "2027-03-15"; "" when blank). */
void volunteer_field_text(const struct volunteer_rec *r, enum volunteer_field f, char *out, size_t n);

/* Field f of r as stored: 0 NULL, 1 a number (*i), 2 text (*s). */
int volunteer_field_stored(const struct volunteer_rec *r, enum volunteer_field f, int64_t *i, const char **s);
/* Sets field f of r from its column (text, or the number i; is_null for NULL). */
void volunteer_field_load(struct volunteer_rec *r, enum volunteer_field f, int is_null, int64_t i, const char *text);

/*
 * Checks every field of in against the rules (today is the London local day,
 * for "not in the future"), fills *out and returns 0; or adds a problem per
 * wrong field to fe and returns -1. The postcode is checked for form only:
 * whether it is in a district we know is the store's question.
 */
int volunteer_validate(const struct volunteer_input *in, int64_t today, struct volunteer_rec *out,
		       struct field_errors *fe);

/*
 * Parses one day's availability: "" or "none" for not available, "all day",
 * or ranges separated by commas ("9-12, 2pm-4:30pm", "10:00 to 12:00").
 * Times are H, HH:MM, H.MM, optionally am/pm; 24:00 ends a day. Ranges must
 * not overlap. Writes up to VOLUNTEER_SLOTS_PER_DAY slots, sorted. Returns
 * the number, or -1 with a message for the person who typed it in msg.
 */
int volunteer_parse_day(const char *text, int weekday, struct volunteer_slot *out, char *msg, size_t msglen);

/* Writes the slots of weekday in r as text volunteer_parse_day reads back
 * ("10:00-12:00, 14:00-16:30"; "" when none). */
void volunteer_format_day(const struct volunteer_rec *r, int weekday, char out[VOLUNTEER_DAY_TEXT_MAX]);

/* Reads a date as people type it (core/datehuman: "2027-01-31", "31/1/2027", "31 1 2027", "31 Jan 2027"). 0
 * with *day, or -1. */
int volunteer_parse_date(const char *s, int64_t *day);

/* The weekly availability as match.h wants it (seconds since Monday 00:00
 * local). Returns the number of intervals written (at most VOLUNTEER_SLOTS_MAX). */
int volunteer_match_avail(const struct volunteer_rec *r, struct match_interval out[VOLUNTEER_SLOTS_MAX]);

/* The days off between from_day and to_day inclusive (London local day
 * numbers), for match.h's days_off. Returns how many were written (<= max). */
int volunteer_match_days_off(const struct volunteer_rec *r, int64_t from_day, int64_t to_day, int64_t *out, int max);
#endif
