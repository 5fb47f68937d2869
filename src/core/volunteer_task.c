/* Checking a community support task's details, a volunteer's log of it and a coordinator's reasons. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "core/londontime.h"
#include "core/match.h"
#include "core/volunteer.h"
#include "core/volunteer_task.h"

int volunteer_skill_of(const char *code)
{
	for (int s = 0; code && s < MATCH_SKILL__MAX; s++)
		if (strcmp(code, match_skill_code((enum match_skill)s)) == 0)
			return s;
	return -1;
}


void volunteer_skills_read(const char *const *codes, size_t n, uint32_t *mask, struct field_errors *fe)
{
	*mask = 0;
	for (size_t i = 0; i < n; i++) {
		int k = volunteer_skill_of(codes[i]);
		if (k < 0) {
			fielderr_add(fe, "skills", "Choose the skills from the list");
			return;
		}
		*mask |= 1u << k;
	}
}

void volunteer_task_check(const struct task_new *n, int windows_ok, int64_t now, struct field_errors *fe)
{
	if (volunteer_skill_of(n->type) < 0)
		fielderr_add(fe, "type", "Choose the main activity");
	/* A home check (before discharge) is always a home visit, so matching and offers need a valid enhanced DBS. */
	if (!n->home_visit && ((n->type && strcmp(n->type, "home_check") == 0) ||
			       (n->extra_skills & (1u << MATCH_SKILL_HOME_CHECK))))
		fielderr_add(fe, "home_visit", "A home check is a home visit: set home_visit to true (the volunteer then "
					       "needs a valid enhanced DBS check)");
	if (windows_ok) {
		if (n->window_to <= n->window_from)
			fielderr_add(fe, "window_end", "The end of the time window must be after its start");
		else if (n->window_to - n->window_from > MATCH_WINDOW_MAX_SECONDS)
			fielderr_add(fe, "window_end", "The time window must be 31 days or shorter");
		else if (n->window_to <= now)
			fielderr_add(fe, "window_end", "The time window must end in the future");
	}
	if (n->duration_minutes < 0 || n->duration_minutes > 1440)
		fielderr_add(fe, "duration_minutes", "Duration must be a whole number of minutes, 0 to 1440");
	else if (windows_ok && n->window_to > n->window_from &&
		 (int64_t)n->duration_minutes * 60 > n->window_to - n->window_from)
		fielderr_add(fe, "duration_minutes", "The task must fit in its time window");
	if (n->priority < 1 || n->priority > 5)
		fielderr_add(fe, "priority", "Priority must be a whole number from 1 (least urgent) to 5 (most)");
	if (n->details && strlen(n->details) > TASK_DETAILS_MAX)
		fielderr_add(fe, "details", "Details must be %d characters or fewer", TASK_DETAILS_MAX);
}

int volunteer_parse_hours(const char *s, int *minutes)
{
	char t[24];
	if (!s)
		return -1;
	while (isspace((unsigned char)*s))
		s++;
	snprintf(t, sizeof t, "%s", s);
	size_t len = strlen(t);
	while (len && isspace((unsigned char)t[len - 1]))
		t[--len] = '\0';
	if (!len || len >= sizeof t - 1)
		return -1;
	long h = 0, m = 0;
	const char *p = t;
	int digits = 0;
	for (; isdigit((unsigned char)*p) && digits < 4; p++, digits++)
		h = h * 10 + (*p - '0');
	if (!digits)
		return -1;
	while (*p == ' ')
		p++;
	if (strcmp(p, "min") == 0 || strcmp(p, "mins") == 0 || strcmp(p, "minutes") == 0) {
		m = h;
		h = 0;
	} else if (*p == ':') {
		if (!isdigit((unsigned char)p[1]) || !isdigit((unsigned char)p[2]) || p[3])
			return -1;
		m = (p[1] - '0') * 10 + (p[2] - '0');
		if (m > 59)
			return -1;
	} else if (*p == '.') {
		/* Decimal hours to the nearest minute: up to two places. */
		p++;
		int places = 0;
		long frac = 0;
		for (; isdigit((unsigned char)*p) && places < 2; p++, places++)
			frac = frac * 10 + (*p - '0');
		if (!places || *p)
			return -1;
		m = places == 1 ? frac * 6 : (frac * 60 + 50) / 100;
	} else if (*p && strcmp(p, "h") != 0 && strcmp(p, "hours") != 0 && strcmp(p, "hour") != 0) {
		return -1;
	}
	long total = h * 60 + m;
	if (total < 0 || total > 1440)
		return -1;
	*minutes = (int)total;
	return 0;
}

void volunteer_log_check(const char *outcome, const char *hours, const char *note, int *done, int *minutes,
			 struct field_errors *fe)
{
	*done = outcome && strcmp(outcome, "done") == 0;
	int missed = outcome && strcmp(outcome, "missed") == 0;
	*minutes = 0;
	if (!*done && !missed)
		fielderr_add(fe, "outcome", "Choose whether the task was done or missed");
	if (*done && volunteer_parse_hours(hours, minutes))
		fielderr_add(fe, "hours", "Enter the time it took in hours, like 1.5 or 1:30 (up to 24)");
	else if (missed && hours && *hours && volunteer_parse_hours(hours, minutes))
		fielderr_add(fe, "hours", "Enter the time spent in hours, like 0.5, or leave it blank");
	if (note && strlen(note) > TASK_NOTE_MAX)
		fielderr_add(fe, "note", "What happened must be %d characters or fewer", TASK_NOTE_MAX);
	if (missed && (!note || !*note))
		fielderr_add(fe, "note", "Say what happened, so the coordinator can arrange help another way");
}

int volunteer_log_when_check(int done, int64_t window_from, int64_t now, struct field_errors *fe)
{
	if (!done || window_from <= now)
		return 0;
	char when[LONDON_FORMAT_LEN];
	london_format(window_from, when);
	return fielderr_add(fe, "outcome", "You cannot log this task as done before it starts (%s). Choose \"It did not "
				      "happen\" if it will not go ahead", when);
}

int volunteer_reason_check(const char *reason, struct field_errors *fe)
{
	if (!reason || !*reason)
		return fielderr_add(fe, "reason", "Say why, in a few words");
	if (strlen(reason) > TASK_NOTE_MAX)
		return fielderr_add(fe, "reason", "The reason must be %d characters or fewer", TASK_NOTE_MAX);
	return 0;
}

int volunteer_extension_check(const char *until, const char *reason, int64_t *until_day, struct field_errors *fe)
{
	size_t before = fe->n;
	int64_t day;
	if (!until || volunteer_parse_date(until, &day))
		fielderr_add(fe, "until", "Give the last day of support as a date, for example 24 12 2026");
	else
		*until_day = day;
	if (!reason || !*reason || strlen(reason) > TASK_NOTE_MAX)
		fielderr_add(fe, "reason", "Say why support continues past %d days (up to %d characters)", SUPPORT_DAYS,
			     TASK_NOTE_MAX);
	return fe->n > before ? -1 : 0;
}
