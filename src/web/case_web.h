/* What the case-work pages (caseload, the case, its forms) share. */
#ifndef WAYMARK_WEB_CASE_WEB_H
#define WAYMARK_WEB_CASE_WEB_H
#include <stddef.h>
#include "core/datetime.h"
#include "core/instrument.h"
#include "store/casework.h"
#include "web/form.h"
#include "web/web.h"

/* The case id of the path, or -1 after answering 404. */
int64_t case_page_id(struct http_req *req, struct http_resp *resp);
/* The whole case (everything recorded), or NULL (no case, a store error, no memory). */
struct casework_case *case_full_load(struct http_req *req, int64_t id);
void case_full_free(struct casework_case *c); /* NULL is fine */
/* An h2 with id; when n is 0 the empty text after it. Returns n > 0 (go on to list them). */
int case_section(struct html *h, const char *title, const char *id, size_t n, const char *empty);
/* 1 when the user's organisation holds case id; 0 after answering (404 or a store error). */
int case_page_access(struct http_req *req, struct http_resp *resp, int64_t id);
/* The case of the path, read for a user of the organisation holding it: 1,
 * or 0 after answering (404 or a store error). */
int case_page_summary(struct http_req *req, struct http_resp *resp, struct casework_summary *s);

#define CASE_VOCAB_MAX 40
/* A vocabulary (data/vocab) as form options (after an optional "" prompt) and labels. */
struct case_vocab {
	int n;
	char code[CASE_VOCAB_MAX][40];
	char label[CASE_VOCAB_MAX][120];
	char extra[CASE_VOCAB_MAX][120];
	struct form_option opts[CASE_VOCAB_MAX + 2];
};
int case_vocab_load(struct store *st, const char *name, const char *prompt, struct case_vocab *v);
/* Allocated and loaded (free it), or NULL. */
struct case_vocab *case_vocab_new(struct store *st, const char *name, const char *prompt);
/* The Health and Wellbeing Partnership areas as a vocabulary (allocated, or NULL). */
struct case_vocab *case_areas_new(struct store *st, const char *prompt);
/* The label of code (or code itself); the extra column ("" when none). */
const char *case_vocab_label(const struct case_vocab *v, const char *code);
const char *case_vocab_extra(const struct case_vocab *v, const char *code);

/* Records to choose one of, as radios: values are ids, labels borrowed. */
struct case_choice {
	size_t n, cap;
	char (*values)[24];
	struct form_option *opts; /* NULL-terminated */
};
struct case_choice *case_choice_new(size_t cap);
void case_choice_add(struct case_choice *c, int64_t id, const char *label);
void case_choice_free(struct case_choice *c);

/* "24 Dec 2026" in London time. */
void case_date(int64_t utc, char *out, size_t n);
/* Today's London date as YYYY-MM-DD. */
void case_today(int64_t now, char out[DT_DATE_LEN]);
/* A YYYY-MM-DD date to a time (today: now; empty: now). 0, or -1 when not a date. */
int case_parse_date(const char *s, int64_t now, int64_t *out);
/* The case's flags as tags: safeguarding, discharge, no contact yet, overdue. */
void case_flags(struct html *h, const struct casework_summary *s);

/* v hundredths as "23.21"; with sign, "+3.96" and "-1.05". */
void case_fmt_x100(int v, int sign, char *out, size_t n);

/* The questionnaire of an instrument: its instructions and one required
 * question per item (radios with the answer labels, or a number box), named
 * answer_1..answer_n, filled from the posted form. */
void case_measure_fields(struct html *h, struct http_req *req, enum instrument_id id, const struct field_errors *fe);
/* Reads answer_1..answer_n into answers; each missing or out-of-range one
 * goes to fe naming its question. Returns 0 or -1. */
int case_measure_answers(struct http_req *req, enum instrument_id id, int *answers, struct field_errors *fe);

struct case_chart_row {
	const char *label;
	int baseline_x100, followup_x100;
};
/* An inline SVG bar chart (no script) of baseline against follow-up for each
 * row, on the instrument's scale, with a title and a description that says
 * the same in words; id prefixes the element ids. */
void case_change_chart(struct html *h, const char *id, enum instrument_id inst, const struct case_chart_row *rows,
		       size_t n);
/* 1 when this build has the community directory page (/directory). */
int case_directory_exists(void);
#endif
