/* Group commit: one writer thread runs many callers' write jobs inside one
 * transaction, each in its own savepoint, and commits once for all of them. */
#ifndef WAYMARK_STORE_GCOMMIT_H
#define WAYMARK_STORE_GCOMMIT_H
#include "store/store.h"

struct gc_job {
	/* Runs on the writer's connection inside a savepoint (never begins or
	 * commits itself). 0: keep its work; -1: its savepoint is rolled back
	 * and only this job fails. */
	int (*run)(struct store *st, void *ctx);
	/* Called on the writer thread once the outcome is final (after the
	 * shared commit is on disk, or after failure); the job must not be
	 * touched by the writer afterwards, so done may free or hand it on. */
	void (*done)(struct gc_job *job);
	void *ctx;
	/* Set before done: 0 committed; -1 not stored (err says why). */
	int result;
	enum store_err err;
	char errmsg[200];
	struct gc_job *next; /* queue link (the writer's) */
};

/* Opens the writer's own connection to db_url and starts its thread.
 * Returns 0 or -1 (message on stderr). */
int gcommit_start(const char *db_url);
/* Runs every job already queued, then stops the thread; jobs submitted
 * afterwards fail at once. */
void gcommit_stop(void);
/* Queues job; done is called exactly once, from the writer thread, or from
 * this call when the writer is not running (result -1, STORE_BUSY). */
void gcommit_submit(struct gc_job *job);
#endif
