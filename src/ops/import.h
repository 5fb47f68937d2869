/* Referral imports from the hub's page: a CSV (columns named by the
 * referral model's dotted paths, as `waymark import referrals` takes) is
 * checked row by row with the referral checks of every channel (a dry run
 * whose problems, each with its line and field, are kept as a CSV report),
 * then confirmed and stored by the background jobs thread in batches, each
 * referral through the same store and audit event as the other channels. */
#ifndef WAYMARK_OPS_IMPORT_H
#define WAYMARK_OPS_IMPORT_H
#include <stddef.h>
#include "ops/ops.h"

#define IMPORT_PAGE_BYTES_MAX (50u * 1024 * 1024) /* the largest CSV the page takes */
#define IMPORT_PAGE_BATCH 200                    /* rows stored per transaction */

struct import_job {
	int64_t id, user_id, org_id, created_at, started_at, finished_at;
	int64_t rows_total, rows_good, rows_bad, problems_count, rows_done, rows_stored;
	char role[32], file_name[200], status[16], error[300];
};

/* Checks csv (len bytes, followed by a NUL byte) as a dry run and keeps it
 * as a new job (status checked), audited referral.import_check: *job is
 * filled. OPS_INVALID (fe under field, the form's name for the file) when
 * the file is empty, too large or its header is wrong. */
enum ops_result ops_import_check(const struct ops_ctx *c, const char *file_name, const char *csv, size_t len,
				 const char *field, struct import_job *job, struct field_errors *fe);
/* Reads job id (any hub user's): 1, 0 none, -1 error. */
int ops_import_get(const struct ops_ctx *c, int64_t id, struct import_job *job);
/* The job's problems as CSV (line,field,message; formula-safe): a new
 * string to free, or NULL when there is no such job or on error. */
char *ops_import_problems(const struct ops_ctx *c, int64_t id);
/* Confirms a checked job: it is queued for the jobs thread, audited
 * referral.import. OPS_CONFLICT (fe "status") when it is not checked. */
enum ops_result ops_import_confirm(const struct ops_ctx *c, int64_t id, struct field_errors *fe);
/* For the jobs thread: stores the oldest queued job's good rows, batch by
 * batch, as the user who confirmed it. 1 when a job ran, 0 none, -1 error. */
int ops_import_run_next(struct store *st);
#endif
