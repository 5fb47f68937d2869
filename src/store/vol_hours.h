/* Volunteer hours totals: the hours an organisation's volunteers gave on
 * tasks done in a period, by volunteer, by the organisation whose case the
 * task was for, by the person's area, or by month (London time). */
#ifndef WAYMARK_STORE_VOL_HOURS_H
#define WAYMARK_STORE_VOL_HOURS_H
#include <stddef.h>
#include <stdint.h>
#include "store/store.h"

#define VOL_HOURS_GROUPS_MAX 2000

enum vol_hours_by { VOL_HOURS_VOLUNTEER, VOL_HOURS_ORGANISATION, VOL_HOURS_AREA, VOL_HOURS_MONTH };

/* The grouping named by code ("volunteer", "organisation", "area", "month"), or -1. */
int vol_hours_by_of(const char *code);
const char *vol_hours_by_code(enum vol_hours_by by);

struct vol_hours_group {
	char key[32];    /* the volunteer's or organisation's id, the area code, or YYYY-MM */
	char label[404]; /* a name to show */
	int64_t tasks, minutes;
};

struct vol_hours {
	struct vol_hours_group *g; /* sorted by label, then key */
	size_t n;
	int64_t tasks, minutes;    /* over every group */
};

/* Totals for org_id's volunteers' tasks closed in [from_utc, to_utc). 0 or
 * -1 (the store's error; out is then empty). Free with vol_hours_free. */
int vol_hours_load(struct store *st, int64_t org_id, int64_t from_utc, int64_t to_utc, enum vol_hours_by by,
		   struct vol_hours *out);
void vol_hours_free(struct vol_hours *h);
/* A volunteer's tasks done and minutes given, ever. 0 or -1. */
int vol_hours_lifetime(struct store *st, int64_t volunteer_id, int64_t *tasks, int64_t *minutes);
#endif
