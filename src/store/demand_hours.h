/* The operating-hours report's figures from the database: referrals
 * received and first contacts made, by London weekday and hour. */
#ifndef WAYMARK_STORE_DEMAND_HOURS_H
#define WAYMARK_STORE_DEMAND_HOURS_H
#include "core/demand_hours.h"
#include "store/store.h"

/* Fills received and contacts (zeroed first) for [from_utc, to_utc). 0 or -1. */
int demand_hours_load(struct store *st, int64_t from_utc, int64_t to_utc, struct demand_grid *received,
		      struct demand_grid *contacts);
#endif
