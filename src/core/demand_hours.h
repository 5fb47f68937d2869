/* Demand by hour of day and day of week in London time (the operating-hours
 * report): counting instants into a week grid, and the shortest run of
 * hours that holds a given share of a day's demand. Pure. */
#ifndef WAYMARK_CORE_DEMAND_HOURS_H
#define WAYMARK_CORE_DEMAND_HOURS_H
#include <stdint.h>

/* n[d][h]: d 0 Monday .. 6 Sunday, h 0..23, London local time. */
struct demand_grid {
	int64_t n[7][24];
};

/* The London weekday (0 Monday .. 6 Sunday) and hour of utc. */
void demand_hours_slot(int64_t utc, int *dow, int *hour);
/* Counts utc in g. */
void demand_hours_add(struct demand_grid *g, int64_t utc);
/* The sum over a day (dow 0..6), over an hour of every day (dow -1), or all (dow -1, hour -1). */
int64_t demand_hours_total(const struct demand_grid *g, int dow, int hour);

/*
 * The shortest run of whole hours [*from, *to) within a day (dow 0..6, or
 * -1 for every day together) that holds at least pct percent (1..100) of
 * that day's demand; the earliest such run when several are as short.
 * Returns the count the run holds, or 0 (from = to = 0) when the day has
 * none.
 */
int64_t demand_hours_window(const struct demand_grid *g, int dow, int pct, int *from, int *to);
#endif
