/* Reading the evaluation extract jobs. */
#include "store/evaluation_jobs.h"

#include <stdio.h>
#include <string.h>

struct jobs_ctx {
	int (*fn)(void *ctx, const struct eval_job *j);
	void *ctx;
	struct eval_job *one;
};

static int job_row(void *ctx, const struct store_row *r)
{
	struct jobs_ctx *c = ctx;
	struct eval_job j;
	memset(&j, 0, sizeof j);
	j.id = store_row_int(r, 0);
	j.from_day = store_row_int(r, 1);
	j.to_day = store_row_int(r, 2);
	snprintf(j.status, sizeof j.status, "%s", store_row_text(r, 3));
	j.requested_at = store_row_int(r, 4);
	j.finished_at = store_row_int(r, 5);
	snprintf(j.dir, sizeof j.dir, "%s", store_row_text(r, 6));
	j.referrals = store_row_int(r, 7);
	snprintf(j.message, sizeof j.message, "%s", store_row_text(r, 8));
	return c->fn(c->ctx, &j);
}

int evaluation_jobs_list(struct store *st, int (*fn)(void *ctx, const struct eval_job *j), void *ctx)
{
	struct jobs_ctx c = { fn, ctx, NULL };
	return store_exec(st, STMT_EVAL_JOB_LIST, job_row, &c, "");
}

static int get_row(void *ctx, const struct store_row *r)
{
	struct eval_job *j = ctx;
	snprintf(j->status, sizeof j->status, "%s", store_row_text(r, 0));
	snprintf(j->dir, sizeof j->dir, "%s", store_row_text(r, 1));
	return 1;
}

int evaluation_job_get(struct store *st, int64_t id, struct eval_job *out)
{
	memset(out, 0, sizeof *out);
	out->id = id;
	int n = store_exec(st, STMT_EVAL_JOB_GET, get_row, out, "i", id);
	return n < 0 ? -1 : n > 0;
}
