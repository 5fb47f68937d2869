/* The background jobs thread: every minute (setting watch_interval_seconds)
 * it scans for referrals at risk of missing the 24-hour follow-up or past
 * it, and keeps the latest result for the coordinators' pages. */
#ifndef WAYMARK_JOBS_JOBS_H
#define WAYMARK_JOBS_JOBS_H
#include "store/store.h"
#include "store/triage.h"

#define JOBS_WATCH_INTERVAL 60 /* seconds between scans unless the setting says otherwise */

/*
 * Starts the thread, which opens its own connection to db_url. st is the
 * caller's connection, used once to read the settings and to store the
 * built-in triage rules if none are stored yet. Returns 0 or -1 (message
 * on stderr). Signals are blocked in the thread (the server waits for
 * them in its main thread).
 */
int jobs_start(struct store *st, const char *db_url);
/* Asks the thread to stop, waits for it and frees its state. Safe to call
 * when it was never started. */
void jobs_stop(void);

/* Asks for a scan now (after a triage or a contact), without waiting for it. */
void jobs_wake(void);

/* Copies the latest breach-watch scan into out. Returns 0, or -1 if there
 * has been none yet (the thread is not running or has not finished its
 * first scan). */
int jobs_watch_get(struct triage_watch *out);
/* Completed scans since start (for tests and /metrics). */
unsigned long jobs_watch_scans(void);
#endif
