/* The evaluation extract (CSV, XLSX, data dictionary, manifest), the linkage table, consent withdrawal and extract jobs. */
#include "core/datehuman.h"
#include "ops/evaluation_extract.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include "core/datetime.h"
#include "core/extract.h"
#include "core/londontime.h"
#include "store/account.h"
#include "store/evaluation.h"
#include "store/evaluation_extract.h"
#include "ops/sheet_pipe.h"
#include "util/csv_cell.h"

const char *const extract_file_names[EXTRACT_FILES] = { "evaluation.csv", "evaluation.xlsx", "dictionary.csv",
							"manifest.json" };

struct writer {
	const struct pseudonym_key *key;
	FILE *csv;
	lxw_worksheet *ws;
	struct sheet_pipe *pipe;
	size_t ncols;
	const struct extract_col *cols;
	uint32_t xrow;
	struct extract_result *out;
	int64_t *excluded; /* person ids left out (sorted and counted at the end) */
	size_t nexcl, capexcl;
	int failed;
};

static int write_row(void *ctx, const struct extract_source *src, struct extract_row *row)
{
	struct writer *w = ctx;
	if (!src->consent) {
		w->out->excluded_referrals++;
		if (w->nexcl == w->capexcl) {
			size_t cap = w->capexcl ? 2 * w->capexcl : 256;
			int64_t *n = realloc(w->excluded, cap * sizeof *n);
			if (!n) {
				w->failed = 1;
				return 1;
			}
			w->excluded = n;
			w->capexcl = cap;
		}
		w->excluded[w->nexcl++] = src->person_id;
		return 0;
	}
	row->key_from_nhs = src->nhs_number[0] != '\0';
	pseudonym_of(w->key, row->key_from_nhs ? src->nhs_number : src->match_key, row->person_key);
	w->out->referrals++;
	w->out->cases += row->has_case;
	w->out->keys_from_match_key += !row->key_from_nhs;
	char cell[EXTRACT_CODES_LEN];
	for (size_t i = 0; i < w->ncols; i++) {
		int number;
		double value;
		extract_cell(row, i, cell, sizeof cell, &number, &value);
		if (i)
			fputc_unlocked(',', w->csv);
		if (number || !cell[0] || w->cols[i].type == EXTRACT_TEXT)
			fputs(cell, w->csv); /* numbers, empty cells and hex keys need no quoting */
		else
			csv_cell_write(w->csv, cell);
		if (sheet_pipe_cell(w->pipe, cell, number, value))
			w->failed = 1;
	}
	fputs("\r\n", w->csv);
	if (sheet_pipe_row_end(w->pipe))
		w->failed = 1;
	w->xrow++;
	return ferror(w->csv) ? (w->failed = 1) : 0;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* SHA-256 of a file as hex; 0 or -1. */
static int file_sha256(const char *path, char out[65])
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	crypto_hash_sha256_state s;
	crypto_hash_sha256_init(&s);
	unsigned char buf[1 << 16];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		crypto_hash_sha256_update(&s, buf, n);
	int bad = ferror(f);
	fclose(f);
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&s, h);
	sodium_bin2hex(out, 65, h, sizeof h);
	return bad ? -1 : 0;
}

/* The CSV's stream: what is written is hashed on the way (the manifest's SHA-256), so the hundreds of megabytes of
 * a large extract are not read back to be hashed after it. */
struct hashed_file {
	int fd;
	crypto_hash_sha256_state s;
};

static ssize_t hashed_write(void *cookie, const char *buf, size_t n)
{
	struct hashed_file *h = cookie;
	crypto_hash_sha256_update(&h->s, (const unsigned char *)buf, n);
	for (size_t done = 0; done < n;) {
		ssize_t w = write(h->fd, buf + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		done += (size_t)w;
	}
	return (ssize_t)n;
}

static int hashed_close(void *cookie)
{
	return close(((struct hashed_file *)cookie)->fd);
}

/* A new file in dir, owner-only. */
static FILE *create_in(const char *dir, const char *name, char *path, size_t len)
{
	snprintf(path, len, "%s/%s", dir, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	return fd < 0 ? NULL : fdopen(fd, "w");
}

static int write_dictionary(const char *dir, const struct extract_col *cols, size_t n, lxw_workbook *wb)
{
	char path[4096];
	FILE *f = create_in(dir, extract_file_names[2], path, sizeof path);
	if (!f)
		return -1;
	lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, "dictionary") : NULL;
	static const char *const head[] = { "column", "type", "meaning", "codes and source" };
	fputs("column,type,meaning,codes and source\r\n", f);
	for (int j = 0; ws && j < 4; j++)
		worksheet_write_string(ws, 0, (lxw_col_t)j, head[j], NULL);
	for (size_t i = 0; i < n; i++) {
		const char *v[4] = { cols[i].name, extract_type_name(cols[i].type), cols[i].meaning, cols[i].codes };
		for (int j = 0; j < 4; j++) {
			if (j)
				fputc(',', f);
			csv_cell_write(f, v[j]);
			if (ws)
				worksheet_write_string(ws, (lxw_row_t)(i + 1), (lxw_col_t)j, v[j], NULL);
		}
		fputs("\r\n", f);
	}
	int bad = ferror(f);
	return fclose(f) || bad ? -1 : 0;
}

static int write_manifest(const char *dir, int64_t from_day, int64_t to_day, int64_t now,
			  const struct pseudonym_key *key, const struct extract_result *r, size_t ncols)
{
	char f[DT_DATE_LEN], t[DT_DATE_LEN], at[DT_UTC_LEN], kid[17], path[4096];
	dt_format_date(from_day, f);
	dt_format_date(to_day, t);
	dt_format_utc(now, at);
	pseudonym_key_id(key, kid);
	json_t *files = json_array();
	for (int i = 0; i < EXTRACT_FILES - 1; i++)
		json_array_append_new(files, json_pack("{s:s,s:s}", "name", extract_file_names[i], "sha256", r->sha256[i]));
	json_t *m = json_pack("{s:s,s:{s:s,s:s,s:s},s:s,s:s,s:{s:I,s:I,s:I,s:I},s:{s:I,s:I,s:s},s:I,s:o}",
			      "extract", "Waymark evaluation extract", "period", "from", f, "to", t, "basis",
			      "referrals received in the period (London days, both included)", "generated_at", at,
			      "key_id", kid, "rows", "referrals", (json_int_t)r->referrals, "cases", (json_int_t)r->cases,
			      "keys_from_match_key", (json_int_t)r->keys_from_match_key, "columns", (json_int_t)ncols,
			      "left_out", "people_without_data_sharing_consent", (json_int_t)r->excluded_people, "referrals",
			      (json_int_t)r->excluded_referrals, "why",
			      "no consent to share their data for evaluation (withdrawn after referral)",
			      "files_count", (json_int_t)(EXTRACT_FILES - 1), "files", files);
	if (!m)
		return -1;
	FILE *out = create_in(dir, extract_file_names[3], path, sizeof path);
	int rc = out && json_dumpf(m, out, JSON_INDENT(2)) == 0 ? 0 : -1;
	if (out) {
		fputc('\n', out);
		if (fclose(out))
			rc = -1;
	}
	json_decref(m);
	return rc;
}

enum ops_result ops_evaluation_extract(const struct ops_ctx *c, int64_t from_day, int64_t to_day,
				       const struct pseudonym_key *key, const char *dir, struct extract_result *out,
				       char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		snprintf(err, errlen, "cannot create %s: %s", dir, strerror(errno));
		return OPS_ERROR;
	}
	struct writer w = { .key = key, .out = out };
	w.cols = extract_cols(&w.ncols);
	char csv_path[4096], xlsx_path[4096];
	snprintf(csv_path, sizeof csv_path, "%s/%s", dir, extract_file_names[0]);
	struct hashed_file csv_hash = { open(csv_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600) };
	crypto_hash_sha256_init(&csv_hash.s);
	w.csv = csv_hash.fd < 0 ? NULL
				: fopencookie(&csv_hash, "w", (cookie_io_functions_t){ .write = hashed_write, .close = hashed_close });
	if (!w.csv && csv_hash.fd >= 0)
		close(csv_hash.fd);
	snprintf(xlsx_path, sizeof xlsx_path, "%s/%s", dir, extract_file_names[1]);
	lxw_workbook_options wo = { .constant_memory = LXW_TRUE, .tmpdir = (char *)dir };
	lxw_workbook *wb = w.csv ? workbook_new_opt(xlsx_path, &wo) : NULL;
	w.ws = wb ? workbook_add_worksheet(wb, "extract") : NULL;
	if (!w.csv || !wb || !w.ws) {
		snprintf(err, errlen, "cannot create the files in %s: %s", dir, strerror(errno));
		if (w.csv)
			fclose(w.csv);
		if (wb)
			workbook_close(wb);
		return OPS_ERROR;
	}
	setvbuf(w.csv, NULL, _IOFBF, 1 << 20);
	for (size_t i = 0; i < w.ncols; i++) {
		fputs(w.cols[i].name, w.csv);
		fputs(i + 1 < w.ncols ? "," : "\r\n", w.csv);
		worksheet_write_string(w.ws, 0, (lxw_col_t)i, w.cols[i].name, NULL);
	}
	w.xrow = 1;
	long long rows = -1;
	w.pipe = sheet_pipe_start(w.ws, w.ncols, 1);
	if (w.pipe && store_begin_read(c->db) == 0) {
		rows = extract_read(c->db, london_midnight_utc(from_day), london_midnight_utc(to_day + 1), c->now, write_row, &w);
		store_end_read(c->db);
	}
	if (w.pipe && sheet_pipe_finish(w.pipe))
		w.failed = 1;
	int bad = rows < 0 || w.failed;
	if (fclose(w.csv))
		bad = 1;
	if (!bad && write_dictionary(dir, w.cols, w.ncols, wb))
		bad = 1;
	if (workbook_close(wb) != LXW_NO_ERROR)
		bad = 1;
	if (bad) {
		free(w.excluded);
		snprintf(err, errlen, "the extract failed: %s", rows < 0 ? store_errmsg(c->db) : "a file could not be written");
		return OPS_ERROR;
	}
	chmod(xlsx_path, 0600);
	if (w.nexcl) /* qsort's array may not be NULL, even for no elements */
		qsort(w.excluded, w.nexcl, sizeof *w.excluded, cmp_id);
	for (size_t i = 0; i < w.nexcl; i++)
		out->excluded_people += i == 0 || w.excluded[i] != w.excluded[i - 1];
	free(w.excluded);
	char path[4096];
	unsigned char csv_sum[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&csv_hash.s, csv_sum);
	sodium_bin2hex(out->sha256[0], sizeof out->sha256[0], csv_sum, sizeof csv_sum);
	for (int i = 1; i < EXTRACT_FILES - 1; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, extract_file_names[i]);
		if (file_sha256(path, out->sha256[i])) {
			snprintf(err, errlen, "cannot read back %s", path);
			return OPS_ERROR;
		}
	}
	if (write_manifest(dir, from_day, to_day, c->now, key, out, w.ncols)) {
		snprintf(err, errlen, "cannot write the manifest in %s", dir);
		return OPS_ERROR;
	}
	char detail[200], f[DT_DATE_LEN], t[DT_DATE_LEN];
	dt_format_date(from_day, f);
	dt_format_date(to_day, t);
	snprintf(detail, sizeof detail, "period %s..%s, %lld referrals, %lld people left out", f, t, out->referrals,
		 out->excluded_people);
	if (ops_begin(c) != OPS_OK || ops_commit_audited(c, AUDIT_EVALUATION_EXTRACT, "evaluation", 0, 0, detail) != OPS_OK) {
		snprintf(err, errlen, "the extract was written but could not be audited: %s", store_errmsg(c->db));
		return OPS_ERROR;
	}
	return OPS_OK;
}

struct linkage {
	const struct pseudonym_key *key;
	FILE *f;
	long long rows;
};

static int linkage_row(void *ctx, const struct store_row *r)
{
	struct linkage *l = ctx;
	char k[PSEUDONYM_HEX];
	const char *nhs = store_row_text(r, 0);
	pseudonym_of(l->key, nhs, k);
	fprintf(l->f, "%s,%s\r\n", nhs, k);
	l->rows++;
	return 0;
}

enum ops_result ops_evaluation_linkage(const struct ops_ctx *c, const struct pseudonym_key *key, const char *path,
				       long long *rows, char *err, size_t errlen)
{
	*rows = 0;
	if (!authz_allows(c->role, PERM_EVALUATION_LINKAGE)) {
		snprintf(err, errlen, "a %s may not export the linkage table", role_code[c->role]);
		return OPS_FORBIDDEN;
	}
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	FILE *f = fd < 0 ? NULL : fdopen(fd, "w");
	if (!f) {
		snprintf(err, errlen, "cannot create %s (it must not exist): %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return OPS_ERROR;
	}
	struct linkage l = { key, f, 0 };
	fputs("nhs_number,person_key\r\n", f);
	int r = store_exec(c->db, STMT_EVAL_X_LINKAGE, linkage_row, &l, "");
	int bad = r < 0 || ferror(f);
	if (fclose(f))
		bad = 1;
	if (bad) {
		unlink(path);
		snprintf(err, errlen, "the linkage table failed: %s", r < 0 ? store_errmsg(c->db) : "cannot write");
		return OPS_ERROR;
	}
	*rows = l.rows;
	char detail[120];
	snprintf(detail, sizeof detail, "%lld NHS numbers with their person keys", l.rows);
	if (ops_begin(c) != OPS_OK || ops_commit_audited(c, AUDIT_EVALUATION_LINKAGE, "evaluation", 0, 0, detail) != OPS_OK) {
		unlink(path);
		snprintf(err, errlen, "cannot audit the linkage export: %s", store_errmsg(c->db));
		return OPS_ERROR;
	}
	return OPS_OK;
}

enum ops_result ops_data_sharing_withdraw(const struct ops_ctx *c, const char *reference, const char *note)
{
	int64_t person = 0;
	int found = store_get_int(c->db, STMT_EVAL_REFERRAL_PERSON, &person, "s", reference ? reference : "");
	if (found < 0)
		return OPS_ERROR;
	if (found == 0)
		return OPS_NOT_FOUND;
	if (ops_begin(c) != OPS_OK)
		return OPS_ERROR;
	if (store_exec(c->db, STMT_EVAL_WITHDRAW, NULL, NULL, "iiIs", person, c->now, c->user_id ? c->user_id : INT64_MIN,
		       note ? note : "") < 0)
		return ops_fail(c, OPS_ERROR);
	return ops_commit_audited(c, AUDIT_PERSON_DATA_SHARING_WITHDRAW, "person", person, person, reference);
}

enum ops_result ops_evaluation_extract_request(const struct ops_ctx *c, const char *from, const char *to,
					       struct field_errors *fe, int64_t *id)
{
	int64_t f = 0, t = 0;
	if (!from || !*from || dh_parse_date(from, &f))
		fielderr_add(fe, "from", "Give the first day of the period as a date, like 1/4/2026 or 1 Apr 2026");
	if (!to || !*to || dh_parse_date(to, &t))
		fielderr_add(fe, "to", "Give the last day of the period as a date, like 31/3/2027 or 31 Mar 2027");
	if (!fe->n && f > t)
		fielderr_add(fe, "from", "The first day cannot be after the last day");
	if (fe->n)
		return OPS_INVALID;
	if (ops_begin(c) != OPS_OK)
		return OPS_ERROR;
	if (store_get_int(c->db, STMT_EVAL_JOB_INSERT, id, "iiIi", f, t, c->user_id ? c->user_id : INT64_MIN, c->now) != 1)
		return ops_fail(c, OPS_ERROR);
	char detail[64];
	snprintf(detail, sizeof detail, "%s..%s", from, to);
	return ops_commit_audited(c, AUDIT_EVALUATION_EXTRACT_REQUEST, "evaluation_extract", *id, 0, detail);
}

struct job {
	int64_t id, from_day, to_day, user_id;
};

static int job_row(void *ctx, const struct store_row *r)
{
	struct job *j = ctx;
	*j = (struct job){ store_row_int(r, 0), store_row_int(r, 1), store_row_int(r, 2), store_row_int(r, 3) };
	return 1;
}

static int job_finish(struct store *st, int64_t id, int ok, int64_t now, const char *dir, long long rows,
		      const char *msg)
{
	if (store_begin(st))
		return -1;
	if (store_exec(st, STMT_EVAL_JOB_FINISH, NULL, NULL, "sisIsi", ok ? "done" : "failed", now, dir,
		       ok ? (int64_t)rows : INT64_MIN, msg, id) < 0) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st);
}

int ops_evaluation_extract_run_next(struct store *st, int64_t now)
{
	struct job j = { 0 };
	if (store_exec(st, STMT_EVAL_JOB_NEXT, job_row, &j, "") < 0)
		return -1;
	if (!j.id)
		return 0;
	if (store_begin(st))
		return -1;
	int started = store_exec(st, STMT_EVAL_JOB_START, NULL, NULL, "i", j.id);
	if (started < 0 || store_commit(st)) {
		store_rollback(st);
		return -1;
	}
	if (started == 0)
		return 1; /* another thread took it */
	struct account_listed who;
	memset(&who, 0, sizeof who);
	if (j.user_id && account_user_get(st, j.user_id, &who) != 1)
		memset(&who, 0, sizeof who);
	struct ops_ctx c = { st, j.user_id, who.u.org_id, who.u.role, now, "", "" };
	char dir_setting[1024] = "", key_file[1024] = "", dir[1200], err[600];
	evaluation_setting_text(st, "evaluation_extract_dir", dir_setting, sizeof dir_setting);
	evaluation_setting_text(st, "evaluation_key_file", key_file, sizeof key_file);
	if (!dir_setting[0] || !key_file[0])
		return job_finish(st, j.id, 0, now, "", 0,
				  "Set evaluation_extract_dir and evaluation_key_file first (an administrator's settings).")
			       ? -1 : 1;
	snprintf(dir, sizeof dir, "%s/extract-%" PRId64, dir_setting, j.id);
	struct pseudonym_key key;
	if (pseudonym_key_load(key_file, &key, err, sizeof err))
		return job_finish(st, j.id, 0, now, "", 0, err) ? -1 : 1;
	struct extract_result res;
	enum ops_result r = ops_evaluation_extract(&c, j.from_day, j.to_day, &key, dir, &res, err, sizeof err);
	pseudonym_key_wipe(&key);
	char msg[200];
	if (r == OPS_OK)
		snprintf(msg, sizeof msg, "%lld referrals (%lld with a case); %lld people left out for lack of consent",
			 res.referrals, res.cases, res.excluded_people);
	return job_finish(st, j.id, r == OPS_OK, now, r == OPS_OK ? dir : "", res.referrals, r == OPS_OK ? msg : err) ? -1
														      : 1;
}
