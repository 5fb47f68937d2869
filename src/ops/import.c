/* Referral imports from the hub's page: the dry run kept as a job, its
 * confirmation, and the jobs thread's storing of it in batches (ops/import.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "ops/access.h"
#include "ops/import.h"
#include "ops/referrals.h"
#include "util/csv.h"
#include "util/csv_cell.h"

#define IMPORT_COLUMNS 256

/* A CSV being walked: the header's fields, then each row as raw referral input. */
struct walk {
	struct csv_reader *r;
	int col_field[IMPORT_COLUMNS];
	size_t ncols;
	FILE *problems; /* NULL: not reported */
	int64_t nproblems;
};

static void problem(struct walk *w, unsigned long line, const char *field, const char *message)
{
	w->nproblems++;
	if (!w->problems)
		return;
	fprintf(w->problems, "%lu,", line);
	csv_cell_write(w->problems, field);
	fputc(',', w->problems);
	csv_cell_write(w->problems, message);
	fputc('\n', w->problems);
}

/* Opens csv and reads its header; problems with it go to fe under field. 0 or -1. */
static int walk_open(struct walk *w, const char *csv, size_t len, const char *field, struct field_errors *fe)
{
	w->r = csv_open_mem(csv, len);
	if (!w->r)
		return fielderr_add(fe, field, "Out of memory reading the file");
	const struct csv_record *rec;
	enum csv_status s = csv_next(w->r, &rec);
	if (s != CSV_RECORD)
		return fielderr_add(fe, field, "The file %s", s == CSV_END ? "is empty; it needs a header row of field names"
									  : csv_strerror(s));
	if (rec->nfields > IMPORT_COLUMNS)
		return fielderr_add(fe, field, "The header has %zu columns; at most %d are read", rec->nfields, IMPORT_COLUMNS);
	int seen[RF__MAX];
	for (int f = 0; f < RF__MAX; f++)
		seen[f] = -1;
	w->ncols = rec->nfields;
	for (size_t c = 0; c < rec->nfields; c++) {
		int f = referral_field_by_path(rec->fields[c].str);
		w->col_field[c] = f;
		if (f < 0 || !(referral_fields[f].channels & CH_CSV))
			fielderr_add(fe, field, "Line 1, column %zu: \"%.60s\" is not a referral field", c + 1, rec->fields[c].str);
		else if (seen[f] >= 0)
			fielderr_add(fe, field, "Line 1: columns %d and %zu are both %s", seen[f] + 1, c + 1, referral_fields[f].path);
		else
			seen[f] = (int)c;
	}
	for (int f = 0; f < RF__MAX; f++)
		if (referral_fields[f].rule != Q_OPT && (referral_fields[f].channels & CH_CSV) && seen[f] < 0)
			fielderr_add(fe, field, "There is no column for %s, which every referral needs", referral_fields[f].path);
	return fe->n ? -1 : 0;
}

/* The next row, checked: 1 with *p (free it), 0 a bad row (reported), -2 the end, -1 error. */
static int walk_next(struct walk *w, const struct ops_ctx *c, struct ops_referral **p, unsigned long *line)
{
	*p = NULL;
	const struct csv_record *rec;
	enum csv_status s = csv_next(w->r, &rec);
	if (s == CSV_END)
		return -2;
	*line = rec->line;
	if (s != CSV_RECORD) {
		problem(w, rec->line, "(row)", csv_strerror(s));
		return 0;
	}
	if (rec->nfields != w->ncols) {
		char msg[128];
		snprintf(msg, sizeof msg, "the row has %zu fields but the header has %zu", rec->nfields, w->ncols);
		problem(w, rec->line, "(row)", msg);
		return 0;
	}
	struct referral_raw raw;
	memset(&raw, 0, sizeof raw);
	struct field_errors *fe = ops_fielderr_new();
	if (!fe)
		return -1;
	for (size_t k = 0; k < rec->nfields; k++)
		if (w->col_field[k] >= 0) {
			raw.v[w->col_field[k]] = rec->fields[k].str;
			if (strlen(rec->fields[k].str) != rec->fields[k].len) {
				raw.bad[w->col_field[k]] = 1;
				fielderr_add(fe, referral_fields[w->col_field[k]].path, "must not contain NUL bytes");
			}
		}
	enum ops_result r = ops_referral_prepare(c, &raw, CH_CSV, fe, p);
	for (size_t i = 0; r == OPS_INVALID && i < fe->n; i++)
		problem(w, rec->line, fe->e[i].field, fe->e[i].message);
	free(fe);
	return r == OPS_OK ? 1 : r == OPS_INVALID ? 0 : -1;
}

enum ops_result ops_import_check(const struct ops_ctx *c, const char *file_name, const char *csv, size_t len,
				 const char *field, struct import_job *job, struct field_errors *fe)
{
	memset(job, 0, sizeof *job);
	if (!csv || !len || strspn(csv, " \t\r\n") == len)
		fielderr_add(fe, field, "Choose a CSV file of referrals, or paste its text");
	else if (len > IMPORT_PAGE_BYTES_MAX)
		fielderr_add(fe, field, "The file is over %u MiB; split it, or use waymark import referrals",
			     IMPORT_PAGE_BYTES_MAX / (1024 * 1024));
	if (fe->n)
		return OPS_INVALID;
	struct walk w = { 0 };
	char *report = NULL;
	size_t report_len = 0;
	w.problems = open_memstream(&report, &report_len);
	enum ops_result r = OPS_ERROR;
	if (!w.problems)
		goto done;
	fputs("line,field,message\n", w.problems);
	if (walk_open(&w, csv, len, field, fe)) {
		r = fe->n ? OPS_INVALID : OPS_ERROR;
		goto done;
	}
	int n;
	unsigned long line;
	struct ops_referral *p;
	while ((n = walk_next(&w, c, &p, &line)) != -2) {
		if (n < 0)
			goto done;
		job->rows_total++;
		if (n == 1)
			job->rows_good++;
		else
			job->rows_bad++;
		ops_referral_free(p);
	}
	fclose(w.problems);
	w.problems = NULL;
	job->problems_count = w.nproblems;
	snprintf(job->file_name, sizeof job->file_name, "%s", file_name ? file_name : "");
	if ((r = ops_begin(c)) != OPS_OK)
		goto done;
	if (store_exec(c->db, STMT_IMPORT_JOB_INSERT, store_row_first_int, &job->id, "iisssiiiisi", c->user_id, c->org_id,
		       role_code[c->role], job->file_name, csv, job->rows_total, job->rows_good, job->rows_bad,
		       job->problems_count, report, c->now) != 1) {
		r = ops_fail(c, OPS_ERROR);
		goto done;
	}
	char detail[96];
	snprintf(detail, sizeof detail, "%lld rows: %lld good, %lld with problems", (long long)job->rows_total,
		 (long long)job->rows_good, (long long)job->rows_bad);
	r = ops_commit_audited(c, AUDIT_REFERRAL_IMPORT_CHECK, "import", job->id, 0, detail);
	if (r == OPS_OK)
		snprintf(job->status, sizeof job->status, "checked");
done:
	if (w.problems)
		fclose(w.problems);
	free(report);
	csv_free(w.r);
	return r;
}

static int job_row(void *ctx, const struct store_row *r)
{
	struct import_job *j = ctx;
	j->id = store_row_int(r, 0);
	j->user_id = store_row_int(r, 1);
	j->org_id = store_row_int(r, 2);
	snprintf(j->role, sizeof j->role, "%s", store_row_text(r, 3));
	snprintf(j->file_name, sizeof j->file_name, "%s", store_row_text(r, 4));
	snprintf(j->status, sizeof j->status, "%s", store_row_text(r, 5));
	j->rows_total = store_row_int(r, 6);
	j->rows_good = store_row_int(r, 7);
	j->rows_bad = store_row_int(r, 8);
	j->problems_count = store_row_int(r, 9);
	j->rows_done = store_row_int(r, 10);
	j->rows_stored = store_row_int(r, 11);
	snprintf(j->error, sizeof j->error, "%s", store_row_text(r, 12));
	j->created_at = store_row_int(r, 13);
	j->started_at = store_row_int(r, 14);
	j->finished_at = store_row_int(r, 15);
	return 1;
}

int ops_import_get(const struct ops_ctx *c, int64_t id, struct import_job *job)
{
	memset(job, 0, sizeof *job);
	int n = store_exec(c->db, STMT_IMPORT_JOB_GET, job_row, job, "i", id);
	/* Imports are the hub's: every hub user sees every one, nobody else any. */
	return n == 1 && !ops_is_hub(c) ? 0 : n;
}

static int text_copy(void *ctx, const struct store_row *r)
{
	*(char **)ctx = strdup(store_row_text(r, 0));
	return 1;
}

char *ops_import_problems(const struct ops_ctx *c, int64_t id)
{
	char *out = NULL;
	if (!ops_is_hub(c) || store_exec(c->db, STMT_IMPORT_JOB_PROBLEMS, text_copy, &out, "i", id) != 1) {
		free(out);
		return NULL;
	}
	return out;
}

enum ops_result ops_import_confirm(const struct ops_ctx *c, int64_t id, struct field_errors *fe)
{
	struct import_job job;
	int n = ops_import_get(c, id, &job);
	if (n <= 0)
		return ops_may_see_result(n);
	if (strcmp(job.status, "checked") != 0) {
		fielderr_add(fe, "status", "This import is %s already; it can be confirmed once", job.status);
		return OPS_CONFLICT;
	}
	if (ops_begin(c) != OPS_OK)
		return OPS_ERROR;
	int u = store_exec(c->db, STMT_IMPORT_JOB_QUEUE, NULL, NULL, "i", id);
	if (u != 1) {
		if (u == 0)
			fielderr_add(fe, "status", "This import was confirmed already");
		return ops_fail(c, u == 0 ? OPS_CONFLICT : OPS_ERROR);
	}
	char detail[64];
	snprintf(detail, sizeof detail, "%lld good rows queued", (long long)job.rows_good);
	return ops_commit_audited(c, AUDIT_REFERRAL_IMPORT, "import", id, 0, detail);
}

/* Stores the good rows of job, IMPORT_PAGE_BATCH a transaction. 0, or -1 with the store's error. */
static int run(struct ops_ctx *c, const struct import_job *job, const char *csv, int64_t *done, int64_t *stored)
{
	struct field_errors *fe = ops_fielderr_new();
	struct walk w = { 0 };
	int rc = -1;
	if (!fe || walk_open(&w, csv, strlen(csv), "csv", fe))
		goto out;
	int n = 0, in_batch = 0;
	unsigned long line;
	struct ops_referral *p;
	while (n != -2) {
		c->now = (int64_t)time(NULL);
		if (!in_batch && ops_begin(c) != OPS_OK)
			goto out;
		n = walk_next(&w, c, &p, &line);
		if (n == -1)
			goto fail;
		if (n >= 0)
			++*done;
		if (n == 1) {
			struct referral_created made;
			int s = ops_referral_store(c, p, &made);
			ops_referral_free(p);
			if (s)
				goto fail;
			++*stored;
		}
		if (++in_batch >= IMPORT_PAGE_BATCH || n == -2) {
			if (store_exec(c->db, STMT_IMPORT_JOB_PROGRESS, NULL, NULL, "iii", *done, *stored, job->id) < 0 ||
			    store_commit(c->db))
				goto fail;
			in_batch = 0;
		}
	}
	rc = 0;
	goto out;
fail:
	store_rollback(c->db);
out:
	csv_free(w.r);
	free(fe);
	return rc;
}

int ops_import_run_next(struct store *st)
{
	int64_t id = 0;
	int n = store_exec(st, STMT_IMPORT_JOB_NEXT, store_row_first_int, &id, "");
	if (n <= 0)
		return n;
	struct ops_ctx c = { .db = st, .now = (int64_t)time(NULL), .addr = "", .request_id = "" };
	struct import_job job;
	if (store_exec(st, STMT_IMPORT_JOB_GET, job_row, &job, "i", id) != 1)
		return -1;
	c.user_id = job.user_id;
	c.org_id = job.org_id;
	c.role = role_from_code(job.role);
	if (store_begin(st) || store_exec(st, STMT_IMPORT_JOB_CLAIM, NULL, NULL, "ii", c.now, id) != 1 || store_commit(st)) {
		store_rollback(st);
		return -1;
	}
	char *csv = NULL;
	if (store_exec(st, STMT_IMPORT_JOB_CSV, text_copy, &csv, "i", id) != 1 || !csv) {
		free(csv);
		return -1;
	}
	int64_t done = 0, stored = 0;
	int rc = run(&c, &job, csv, &done, &stored);
	free(csv);
	char err[300] = "";
	if (rc)
		snprintf(err, sizeof err, "stopped after %lld rows: %s", (long long)done, store_errmsg(st));
	if (store_begin(st) || store_exec(st, STMT_IMPORT_JOB_FINISH, NULL, NULL, "siisii", rc ? "failed" : "done", done,
					  stored, err, (int64_t)time(NULL), id) != 1 || store_commit(st)) {
		store_rollback(st);
		return -1;
	}
	return 1;
}
