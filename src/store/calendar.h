/* The follow-up clock's calendar read from the database: bank holidays and
 * the bank-holiday setting, for core/workclock. */
#ifndef WAYMARK_STORE_CALENDAR_H
#define WAYMARK_STORE_CALENDAR_H
#include "core/workclock.h"
#include "store/store.h"

#define CALENDAR_ALLOWANCE_SECONDS (24 * 3600)

struct calendar {
	struct workclock wc;
	int64_t *days; /* owned */
};

/* Loads holidays and the settings sla_bank_holidays (default on) and followup_counts_weekends (default
 * off). 0 / -1. */
int calendar_load(struct store *st, struct calendar *cal);
void calendar_free(struct calendar *cal);
/* sla_due_at for a referral received at received_utc. */
int64_t calendar_due(const struct calendar *cal, int64_t received_utc);

/* The server's calendar, loaded once at start (read-only afterwards). */
const struct calendar *calendar_app(void);
int calendar_app_load(struct store *st);
/* Follows a change of the clock's settings (no effect before the calendar is loaded). 0 / -1. */
int calendar_app_refresh(struct store *st);
/* The server's calendar, loaded from st on first use by a process that did
 * not load it at start (the command-line tools); NULL if it cannot be read. */
const struct calendar *calendar_app_ensure(struct store *st);
void calendar_app_free(void);
#endif
