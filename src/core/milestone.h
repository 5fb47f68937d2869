/* Volunteers' hours milestones (data/volunteer_milestones.csv: hours,title):
 * reading the list, and which a number of minutes given has reached and
 * which comes next. Pure. */
#ifndef WAYMARK_CORE_MILESTONE_H
#define WAYMARK_CORE_MILESTONE_H
#include <stddef.h>
#include <stdint.h>

#define MILESTONES_MAX 16

struct milestone {
	int hours;
	char title[96];
};

struct milestones {
	struct milestone m[MILESTONES_MAX]; /* ascending hours */
	size_t n;
};

/* Reads the CSV text (a header "hours,title", then one line each, hours a
 * whole number 1..100000 ascending). 0, or -1 when a line is not like that. */
int milestones_parse(const char *text, size_t len, struct milestones *out);
/* The last milestone reached with minutes given (NULL when none) and the
 * next (NULL when every one is reached). */
const struct milestone *milestone_reached(const struct milestones *ms, int64_t minutes, const struct milestone **next);
#endif
