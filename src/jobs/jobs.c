/* The jobs thread: a breach-watch scan and the evidence reminders every interval, stoppable at once for shutdown. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "jobs/jobs.h"
#include "ops/commission.h"
#include "ops/import.h"
#include "ops/evaluation_extract.h"
#include "store/calendar.h"

static struct {
	pthread_mutex_t lock;      /* guards everything below */
	pthread_cond_t wake;
	pthread_t thread;
	int running, stop, rescan;
	char *db_url;
	int64_t interval;
	struct triage_watch *watch; /* latest scan; NULL until the first */
} jobs = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER };

static atomic_ulong scans;

unsigned long jobs_watch_scans(void)
{
	return atomic_load(&scans);
}

int jobs_watch_get(struct triage_watch *out)
{
	int rc = -1;
	pthread_mutex_lock(&jobs.lock);
	if (jobs.watch) {
		*out = *jobs.watch;
		rc = 0;
	}
	pthread_mutex_unlock(&jobs.lock);
	return rc;
}

static void log_error(const char *what, const char *msg)
{
	json_t *j = json_pack("{s:s,s:s,s:s}", "level", "error", "msg", what, "detail", msg ? msg : "");
	char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
	if (s)
		fprintf(stderr, "%s\n", s);
	free(s);
	json_decref(j);
}

/* One scan into a fresh snapshot, swapped in under the lock. */
static void watch_once(struct store *st)
{
	struct triage_watch *w = malloc(sizeof *w);
	if (!w)
		return;
	int64_t now = (int64_t)time(NULL);
	if (triage_watch_scan(st, &calendar_app()->wc, now, w)) {
		log_error("breach watch scan failed", store_errmsg(st));
		free(w);
		return;
	}
	pthread_mutex_lock(&jobs.lock);
	struct triage_watch *old = jobs.watch;
	jobs.watch = w;
	pthread_mutex_unlock(&jobs.lock);
	free(old);
	atomic_fetch_add(&scans, 1);
}

static void *jobs_main(void *arg)
{
	(void)arg;
	char err[512];
	struct store *st = NULL;
	pthread_mutex_lock(&jobs.lock);
	while (!jobs.stop) {
		pthread_mutex_unlock(&jobs.lock);
		if (!st) {
			st = store_open(jobs.db_url, err, sizeof err);
			if (!st)
				log_error("jobs thread cannot open the database", err);
		}
		if (st)
			watch_once(st);
		/* Appendix B evidence reminders, each raised and audited once (docs/COMMISSIONING.md) */
		if (st && ops_comm_reminders_job(st, (int64_t)time(NULL)))
			log_error("evidence reminders failed", store_errmsg(st));
		/* Confirmed referral imports from the hub's page, one after another. */
		while (st && ops_import_run_next(st) == 1)
			;
		while (st && ops_evaluation_extract_run_next(st, (int64_t)time(NULL)) > 0)
			; /* the evaluation extracts asked for, oldest first */
		pthread_mutex_lock(&jobs.lock);
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += jobs.interval;
		while (!jobs.stop && !jobs.rescan) {
			int rc = pthread_cond_timedwait(&jobs.wake, &jobs.lock, &until);
			if (rc == ETIMEDOUT)
				break;
		}
		jobs.rescan = 0;
	}
	pthread_mutex_unlock(&jobs.lock);
	store_close(st);
	return NULL;
}

int jobs_start(struct store *st, const char *db_url)
{
	int64_t interval = JOBS_WATCH_INTERVAL;
	if (store_get_int(st, STMT_SETTING_GET, &interval, "s", "watch_interval_seconds") != 1 || interval < 1 ||
	    interval > 86400)
		interval = JOBS_WATCH_INTERVAL;
	/* The rules in force are stored, so every triage names a stored version. */
	if (store_begin(st) || triage_rules_ensure(st, (int64_t)time(NULL)) || store_commit(st)) {
		store_rollback(st);
		log_error("cannot store the built-in triage rules", store_errmsg(st));
	}
	pthread_mutex_lock(&jobs.lock);
	if (jobs.running) {
		pthread_mutex_unlock(&jobs.lock);
		return 0;
	}
	jobs.db_url = strdup(db_url ? db_url : "");
	jobs.interval = interval;
	jobs.stop = 0;
	if (!jobs.db_url) {
		pthread_mutex_unlock(&jobs.lock);
		return -1;
	}
	/* The server takes SIGINT/SIGTERM with sigwait in its main thread, so
	 * this thread must never be the one they are delivered to. */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	int rc = pthread_create(&jobs.thread, NULL, jobs_main, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc) {
		free(jobs.db_url);
		jobs.db_url = NULL;
		pthread_mutex_unlock(&jobs.lock);
		fprintf(stderr, "waymark: cannot start the jobs thread: %s\n", strerror(rc));
		return -1;
	}
	jobs.running = 1;
	pthread_mutex_unlock(&jobs.lock);
	return 0;
}

void jobs_wake(void)
{
	pthread_mutex_lock(&jobs.lock);
	if (jobs.running) {
		jobs.rescan = 1;
		pthread_cond_broadcast(&jobs.wake);
	}
	pthread_mutex_unlock(&jobs.lock);
}

void jobs_stop(void)
{
	pthread_mutex_lock(&jobs.lock);
	if (!jobs.running) {
		pthread_mutex_unlock(&jobs.lock);
		return;
	}
	jobs.stop = 1;
	pthread_cond_broadcast(&jobs.wake);
	pthread_mutex_unlock(&jobs.lock);
	pthread_join(jobs.thread, NULL);
	pthread_mutex_lock(&jobs.lock);
	jobs.running = 0;
	free(jobs.db_url);
	jobs.db_url = NULL;
	free(jobs.watch);
	jobs.watch = NULL;
	pthread_mutex_unlock(&jobs.lock);
}
