/* Group commit writer: takes every job queued while the previous commit was
 * being flushed, runs each in a savepoint of one transaction (a failing job
 * rolls back to its own savepoint only), commits once, and only then reports
 * each job's outcome. A job is never reported stored unless the commit that
 * holds it returned, so nothing is answered before it is on disk; a failed
 * commit fails every job in it, so nothing is half-stored. */
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include "store/audit.h"
#include "store/gcommit.h"

#define GC_BATCH_MAX 512

static struct {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	struct gc_job *head, *tail;
	int running, stopping;
	pthread_t thread;
	struct store *st;
	int64_t people_upto; /* the audit events the person index holds, as last seen */
} gc = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, NULL, 0, 0, 0, NULL, 0 };

static void job_fail(struct gc_job *j, enum store_err err, const char *msg)
{
	j->result = -1;
	j->err = err == STORE_OK ? STORE_ERROR : err;
	snprintf(j->errmsg, sizeof j->errmsg, "%s", msg);
}

static void log_error(const char *what, const char *msg)
{
	fprintf(stderr, "{\"level\":\"error\",\"msg\":\"group commit: %s\",\"detail\":\"%s\"}\n", what, msg);
}

/* Indexes at most max_runs runs of the audit trail's people (store/audit.h);
 * a failure is logged and left for the next time. */
static void index_people(struct store *st, int max_runs)
{
	if (audit_index_people(st, max_runs, &gc.people_upto) < 0)
		log_error("the audit person index was not extended", store_errmsg(st));
}

/* Runs one batch (a list linked by next) and reports every job. */
static void run_batch(struct store *st, struct gc_job *batch)
{
	int tx_lost = 0;
	enum store_err lost_err = STORE_OK;
	char lost_msg[200] = "";
	if (store_begin(st)) {
		tx_lost = 1;
		lost_err = store_errcode(st);
		snprintf(lost_msg, sizeof lost_msg, "%s", store_errmsg(st));
	}
	/* Only the batch's first audit event reads the chain's head. */
	struct audit_memo memo = { 0 };
	st->audit_memo = &memo;
	for (struct gc_job *j = batch; j; j = j->next) {
		if (tx_lost) {
			job_fail(j, lost_err, lost_msg);
			continue;
		}
		j->result = 0;
		struct audit_memo before = memo;
		if (store_exec_script(st, "SAVEPOINT gc_job")) {
			tx_lost = 1;
		} else if (j->run(st, j->ctx) == 0) {
			if (store_exec_script(st, "RELEASE SAVEPOINT gc_job"))
				tx_lost = 1;
			continue;
		} else {
			memo = before; /* the head goes back with the savepoint */
			job_fail(j, store_errcode(st), store_errmsg(st));
			/* Some failures (a full disk, I/O) end the whole transaction
			 * in SQLite; then the savepoint is gone with it. */
			if (store_exec_script(st, "ROLLBACK TO SAVEPOINT gc_job") == 0 &&
			    store_exec_script(st, "RELEASE SAVEPOINT gc_job") == 0)
				continue;
			tx_lost = 1;
			lost_err = j->err;
			snprintf(lost_msg, sizeof lost_msg, "%s", j->errmsg);
		}
		if (lost_err == STORE_OK) {
			lost_err = store_errcode(st);
			snprintf(lost_msg, sizeof lost_msg, "%s", store_errmsg(st));
		}
		/* The transaction is gone: every job in it so far fails too. */
		for (struct gc_job *k = batch; k != j->next; k = k->next)
			if (k->result == 0)
				job_fail(k, lost_err, lost_msg);
	}
	/* The chain's head row, written once for the batch's events. */
	if (!tx_lost && (audit_memo_flush(st, &memo) || store_commit(st))) {
		tx_lost = 1;
		lost_err = store_errcode(st);
		snprintf(lost_msg, sizeof lost_msg, "%s", store_errmsg(st));
		for (struct gc_job *k = batch; k; k = k->next)
			if (k->result == 0)
				job_fail(k, lost_err, lost_msg);
	}
	st->audit_memo = NULL;
	if (tx_lost) {
		log_error("a batch was not stored", lost_msg);
		store_rollback(st);
	}
	for (struct gc_job *j = batch, *next; j; j = next) {
		next = j->next;
		j->done(j); /* may free j */
	}
	/* Once the batch is answered, the person index takes its events when
	 * they fill a run. */
	if (!tx_lost && memo.valid && memo.id >= gc.people_upto + AUDIT_RUN)
		index_people(st, 1);
}

static void *writer_main(void *arg)
{
	(void)arg;
	pthread_setname_np(pthread_self(), "waymark-writer");
	pthread_mutex_lock(&gc.lock);
	for (;;) {
		while (!gc.head && !gc.stopping)
			pthread_cond_wait(&gc.wake, &gc.lock);
		if (!gc.head)
			break;
		struct gc_job *batch = gc.head, *last = batch;
		for (int n = 1; n < GC_BATCH_MAX && last->next; n++)
			last = last->next;
		gc.head = last->next;
		if (!gc.head)
			gc.tail = NULL;
		last->next = NULL;
		pthread_mutex_unlock(&gc.lock);
		run_batch(gc.st, batch);
		pthread_mutex_lock(&gc.lock);
	}
	pthread_mutex_unlock(&gc.lock);
	return NULL;
}

int gcommit_start(const char *db_url)
{
	char err[256];
	struct store *st = store_open(db_url, err, sizeof err);
	if (!st) {
		fprintf(stderr, "waymark: group commit writer: %s\n", err);
		return -1;
	}
	/* Savepoints keep the pages each job changed in a sub-journal: in
	 * memory, not a temporary file written with every job. */
	if (store_kind(st) == STORE_SQLITE && store_exec_script(st, "PRAGMA temp_store=MEMORY")) {
		fprintf(stderr, "waymark: group commit writer: %s\n", store_errmsg(st));
		store_close(st);
		return -1;
	}
	index_people(st, INT_MAX); /* what the command line appended while no server ran */
	pthread_mutex_lock(&gc.lock);
	gc.st = st;
	gc.stopping = 0;
	/* Signals are taken by the main thread's sigwait, never this one. */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	int rc = pthread_create(&gc.thread, NULL, writer_main, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	gc.running = rc == 0;
	pthread_mutex_unlock(&gc.lock);
	if (rc) {
		fprintf(stderr, "waymark: cannot start the group commit writer\n");
		store_close(st);
		gc.st = NULL;
		return -1;
	}
	return 0;
}

void gcommit_stop(void)
{
	pthread_mutex_lock(&gc.lock);
	if (!gc.running) {
		pthread_mutex_unlock(&gc.lock);
		return;
	}
	gc.stopping = 1;
	pthread_cond_signal(&gc.wake);
	pthread_mutex_unlock(&gc.lock);
	pthread_join(gc.thread, NULL);
	pthread_mutex_lock(&gc.lock);
	gc.running = 0;
	pthread_mutex_unlock(&gc.lock);
	store_close(gc.st);
	gc.st = NULL;
}

void gcommit_submit(struct gc_job *job)
{
	job->next = NULL;
	pthread_mutex_lock(&gc.lock);
	if (!gc.running || gc.stopping) {
		pthread_mutex_unlock(&gc.lock);
		job_fail(job, STORE_BUSY, "the server is stopping");
		job->done(job);
		return;
	}
	if (gc.tail)
		gc.tail->next = job;
	else
		gc.head = job;
	gc.tail = job;
	pthread_cond_signal(&gc.wake);
	pthread_mutex_unlock(&gc.lock);
}
