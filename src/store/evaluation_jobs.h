/* The evaluation extract jobs as the programme lead's page lists them. */
#ifndef WAYMARK_STORE_EVALUATION_JOBS_H
#define WAYMARK_STORE_EVALUATION_JOBS_H
#include <stdint.h>
#include "store/store.h"

struct eval_job {
	int64_t id, from_day, to_day, requested_at, finished_at;
	char status[16];
	char dir[1200];
	long long referrals; /* -1 until done */
	char message[600];
};

/* Calls fn for the latest 20 extracts, newest first. Returns the count or -1. */
int evaluation_jobs_list(struct store *st, int (*fn)(void *ctx, const struct eval_job *j), void *ctx);

/* One extract's status and directory: 1 found, 0 not, -1 error. */
int evaluation_job_get(struct store *st, int64_t id, struct eval_job *out);
#endif
