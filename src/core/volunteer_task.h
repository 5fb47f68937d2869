/* The rules of a community support task as a coordinator plans it and as a
 * volunteer logs it: its details, the hours written as text, the outcome. */
#ifndef WAYMARK_CORE_VOLUNTEER_TASK_H
#define WAYMARK_CORE_VOLUNTEER_TASK_H
#include <stddef.h>
#include <stdint.h>
#include "core/fielderr.h"

#define SUPPORT_DAYS 14 /* community support stops after this unless extended */
#define TASK_DETAILS_MAX 500
#define TASK_NOTE_MAX 2000
#define TASK_WEEKS_MAX 4
#define TASK_EXTEND_MAX_SECONDS (90 * 86400) /* support is extended up to 90 days at a time */

/* A task's details as planned. */
struct task_new {
	int64_t referral_id, case_id;
	const char *type;           /* a volunteer_skills code */
	uint32_t extra_skills;
	const char *postcode;
	int64_t window_from, window_to;
	int duration_minutes, priority, home_visit;
	const char *details;        /* may be NULL */
};

/*
 * Checks n's details against the rules, adding a problem per wrong field to
 * fe under the API's keys: type (a skill code), home_visit (a home check is
 * one), window_end (after the start, 31 days or shorter, in the future: now),
 * duration_minutes (0 to 1440, fits the window), priority (1 to 5), details.
 * Windows already refused (windows_ok 0) are not compared.
 */
void volunteer_task_check(const struct task_new *n, int windows_ok, int64_t now, struct field_errors *fe);

/* The skill (enum match_skill) of a code ("shopping"), or -1. */
int volunteer_skill_of(const char *code);
/* Reads skill codes into *mask (bit i: enum match_skill i); one that is not
 * a skill code (NULL counts) is a problem of "skills". */
void volunteer_skills_read(const char *const *codes, size_t n, uint32_t *mask, struct field_errors *fe);

/* Reads hours as "1.5", "1:30", "2", "45 min" into minutes (0..1440). 0 or -1. */
int volunteer_parse_hours(const char *s, int *minutes);

/* Checks a volunteer's log of a task: outcome "done" or "missed", hours
 * (needed when done), what happened (needed when missed). Fills *done and
 * *minutes; adds problems to fe (outcome, hours, note). */
void volunteer_log_check(const char *outcome, const char *hours, const char *note, int *done, int *minutes,
			 struct field_errors *fe);
/* A task cannot be logged as done before its window starts (window_from,
 * UTC seconds, after now): a problem of "outcome" saying when it starts. 0 or -1. */
int volunteer_log_when_check(int done, int64_t window_from, int64_t now, struct field_errors *fe);

/* A reason a coordinator gives to cancel or take back a task: required, up
 * to TASK_NOTE_MAX characters (fe "reason"). 0 or -1. */
int volunteer_reason_check(const char *reason, struct field_errors *fe);

/* An extension of community support: the last day ("2026-12-24", fe
 * "until") into *until_day (left alone when it is not one), and why (fe "reason"). 0 or -1. */
int volunteer_extension_check(const char *until, const char *reason, int64_t *until_day, struct field_errors *fe);
#endif
