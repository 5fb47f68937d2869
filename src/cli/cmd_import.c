/* `waymark import referrals FILE.csv`: streams a CSV of referrals (columns
 * named by the model's dotted paths) into the database, each row all or
 * nothing, reporting every bad row's line and field. One thread reads and
 * checks rows while another stores them (cli/import_pipe.h). */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cli/cli.h"
#include "cli/import_pipe.h"
#include "core/datetime.h"
#include "core/keyfilter.h"
#include "core/keytab.h"
#include "core/referral_pack.h"
#include "core/referral_validate.h"
#include "store/audit.h"
#include "store/calendar.h"
#include "store/kpisum.h"
#include "store/report_sum.h"
#include "store/referral.h"
#include "store/referral_defer.h"
#include "store/referral_group.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/csv_cell.h"

#define IMPORT_BATCH_DEFAULT 100000 /* good rows per transaction (one fsync each) */
#define IMPORT_BATCH_MAX 100000
#define IMPORT_COLUMNS_MAX 256
#define IMPORT_MAP_MAX 256
#define IMPORT_ROWBUF_MAX (64u * 1024 * 1024) /* the batch's rows are kept for a replay; commit early past this */
#define IMPORT_KEYTAB_MAX (4u * 1024 * 1024) /* people in the table of match keys (at most 64 MiB) */

enum { IMPORT_OK = 0, IMPORT_FATAL = 1, IMPORT_USAGE = 2, IMPORT_REJECTED = 3 };

struct colmap {
	char from[128];
	char to[128]; /* "-" ignores the column */
};

/* What checking a row needs; the reader has one, the storer another (for a replay). */
struct checker {
	struct referral_raw raw;
	struct referral_rec rec;
	struct field_errors fe;
};

struct importer {
	struct store *st;
	const struct referral_refs *refs;
	struct calendar cal;
	const char *file;
	FILE *fp;
	off_t size;
	int dry_run, quiet, progress;
	FILE *errors;            /* --errors FILE, or NULL (then stderr) */
	long batch_max;
	int col_field[IMPORT_COLUMNS_MAX]; /* field of each column, -1 ignored */
	size_t ncols;
	struct colmap map[IMPORT_MAP_MAX];
	size_t nmap;
	/* progress through the run */
	int64_t now;
	unsigned long rows, good, bad, new_people, duplicates, problems;
	unsigned long refused;   /* rows the database refused (counted by the storer) */
	long in_batch;
	unsigned long batch_first_line, batch_last_line;
	int64_t batch_first_id, batch_last_id;
	unsigned long batch_new_people, batch_duplicates;
	struct referral_seq seq;
	struct referral_ids ids;
	struct keyfilter *known; /* who exists: asked and added to by the reader, for referral_ids.maybe */
	int filter_off;          /* the storer saw another connection commit: the filter's answers are stale */
	int rollback_journal;    /* switched from WAL for the deferral (store/referral_defer.h) */
	struct keytab *by_key_next; /* every person's match key, for deferring two indexes at the first batch */
	struct referral_group *group; /* rows held back for multi-row INSERTs (referral_ids.group) */
	int replaying;           /* a row at a time, each in its own savepoint */
	int64_t data_version;    /* SQLite's, when the filter was filled */
	struct kpisum_acc *kpi_acc; /* the open batch's follow-up KPI summaries, written with it */
	struct buf rowbuf;       /* the batch's good rows, in case it must be replayed */
	struct timespec t0, last_progress;
	struct checker rd, wr;   /* the reader's and the storer's */
	pthread_mutex_t report_mu;
	struct import_pipe pipe;
	struct import_chunk *chunk; /* being filled by the reader */
	pthread_t storer;
	int storer_started, storer_rc, abandon;
};

static double elapsed(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void report(struct importer *im, unsigned long line, const char *field, const char *message)
{
	pthread_mutex_lock(&im->report_mu);
	im->problems++;
	if (im->errors) {
		fprintf(im->errors, "%lu,", line);
		csv_cell_write(im->errors, field);
		fputc(',', im->errors);
		csv_cell_write(im->errors, message);
		fputc('\n', im->errors);
	} else {
		if (im->progress)
			fputs("\r\033[K", stderr);
		fprintf(stderr, "line %lu: %s: %s\n", line, field, message);
	}
	pthread_mutex_unlock(&im->report_mu);
}

static void progress(struct importer *im, int final)
{
	if (!im->progress)
		return;
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	if (!final && elapsed(&im->last_progress, &t) < 0.2)
		return;
	im->last_progress = t;
	double frac = 1.0;
	if (im->size > 0 && !final) {
		off_t pos = ftello(im->fp);
		frac = pos > 0 ? (double)pos / (double)im->size : 0;
		if (frac > 1)
			frac = 1;
	}
	char bar[31];
	int fill = (int)(frac * 30);
	for (int i = 0; i < 30; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[30] = '\0';
	double secs = elapsed(&im->t0, &t);
	fprintf(stderr, "\r[%s] %3d%%  %lu rows  %lu bad  %.0f rows/s%s", bar, (int)(frac * 100), im->rows, im->bad,
		secs > 0 ? (double)im->rows / secs : 0.0, final ? "\n" : "");
	fflush(stderr);
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		s[--n] = '\0';
	return s;
}

/* --map FILE: lines "their column,our path" (a header row "from,to" is
 * allowed); "-" as our path ignores their column. */
static int load_map(struct importer *im, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "waymark import: cannot open --map %s: %s\n", path, strerror(errno));
		return -1;
	}
	struct csv_reader *r = csv_open_file(f);
	const struct csv_record *rec;
	enum csv_status s;
	int rc = 0;
	while (r && (s = csv_next(r, &rec)) != CSV_END) {
		if (s != CSV_RECORD || rec->nfields != 2) {
			fprintf(stderr, "waymark import: --map %s line %lu: want two columns, their name and ours\n", path,
				s == CSV_RECORD ? rec->line : rec->line);
			rc = -1;
			break;
		}
		char from[128], to[128];
		snprintf(from, sizeof from, "%s", rec->fields[0].str);
		snprintf(to, sizeof to, "%s", rec->fields[1].str);
		if (rec->line == 1 && strcmp(trim(from), "from") == 0 && strcmp(trim(to), "to") == 0)
			continue;
		if (im->nmap == IMPORT_MAP_MAX) {
			fprintf(stderr, "waymark import: --map %s has more than %d lines\n", path, IMPORT_MAP_MAX);
			rc = -1;
			break;
		}
		snprintf(im->map[im->nmap].from, sizeof im->map[im->nmap].from, "%s", trim(from));
		snprintf(im->map[im->nmap].to, sizeof im->map[im->nmap].to, "%s", trim(to));
		if (strcmp(im->map[im->nmap].to, "-") != 0 && referral_field_by_path(im->map[im->nmap].to) < 0) {
			fprintf(stderr, "waymark import: --map %s line %lu: \"%s\" is not a referral field\n", path,
				rec->line, im->map[im->nmap].to);
			rc = -1;
			break;
		}
		im->nmap++;
	}
	if (!r) {
		fprintf(stderr, "waymark import: out of memory\n");
		rc = -1;
	}
	csv_free(r);
	fclose(f);
	return rc;
}

static int read_header(struct importer *im, const struct csv_record *rec)
{
	int seen[RF__MAX];
	int rc = 0;
	for (int f = 0; f < RF__MAX; f++)
		seen[f] = -1;
	if (rec->nfields > IMPORT_COLUMNS_MAX) {
		fprintf(stderr, "waymark import: %s: the header has %zu columns; at most %d are read\n", im->file,
			rec->nfields, IMPORT_COLUMNS_MAX);
		return -1;
	}
	im->ncols = rec->nfields;
	for (size_t c = 0; c < rec->nfields; c++) {
		char name[128];
		snprintf(name, sizeof name, "%s", rec->fields[c].str);
		const char *col = trim(name);
		for (size_t m = 0; m < im->nmap; m++)
			if (strcmp(im->map[m].from, col) == 0) {
				col = im->map[m].to;
				break;
			}
		im->col_field[c] = -1;
		if (strcmp(col, "-") == 0)
			continue;
		int f = referral_field_by_path(col);
		if (f < 0 || !(referral_fields[f].channels & CH_CSV)) {
			fprintf(stderr, "waymark import: %s line 1, column %zu: \"%s\" is not a referral field "
				"(rename it with --map, or map it to - to skip it)\n", im->file, c + 1, col);
			rc = -1;
			continue;
		}
		if (seen[f] >= 0) {
			fprintf(stderr, "waymark import: %s line 1: columns %d and %zu are both %s\n", im->file, seen[f] + 1,
				c + 1, referral_fields[f].path);
			rc = -1;
			continue;
		}
		seen[f] = (int)c;
		im->col_field[c] = f;
	}
	for (int f = 0; f < RF__MAX; f++)
		if (referral_fields[f].rule != Q_OPT && (referral_fields[f].channels & CH_CSV) && seen[f] < 0) {
			fprintf(stderr, "waymark import: %s: no column for %s, which every referral needs\n", im->file,
				referral_fields[f].path);
			rc = -1;
		}
	return rc;
}

/* 1 while no other connection has committed since the filter of who exists
 * was filled (then it still holds everyone); 0 otherwise. */
static int filter_still_true(struct importer *im)
{
	int64_t v = -1;
	return store_get_int(im->st, STMT_REFERRAL_DATA_VERSION, &v, "") == 1 && v == im->data_version;
}

/*
 * On SQLite, when the database holds few people for the size of the file (a
 * first import, or a large one), fills a filter of the people's keys so that
 * the many new people are not looked for one by one. Scanning the people
 * costs about as much as a few lookups each, so not for a small file into a
 * large database. Without it (or on failure) every person is looked up.
 */
static void filter_start(struct importer *im)
{
	int64_t people = 0;
	if (store_kind(im->st) != STORE_SQLITE || im->dry_run || im->size <= 0 ||
	    store_get_int(im->st, STMT_REFERRAL_MAX_PERSON_ID, &people, "") != 1 || people > im->size / 64)
		return;
	if (!(im->known = keyfilter_new()))
		return;
	/* Then also the indexes of random keys wait for the end (store/referral_defer.h). */
	if (people < IMPORT_KEYTAB_MAX / 2)
		im->by_key_next = keytab_new(IMPORT_KEYTAB_MAX, (size_t)people + (size_t)im->size / 512);
	if (store_get_int(im->st, STMT_REFERRAL_DATA_VERSION, &im->data_version, "") != 1 ||
	    referral_people_keys_load(im->st, im->known, im->by_key_next)) {
		keyfilter_free(im->known);
		im->known = NULL;
		keytab_free(im->by_key_next);
		im->by_key_next = NULL;
	}
}

/* The reader's part of the filter, for a good row in file order: what the
 * filter says of its keys (for the storer, referral_ids.maybe), then the
 * keys are added (the row's person exists from here on). */
static unsigned filter_ask(struct importer *im, const struct referral_rec *rec)
{
	if (!im->known)
		return 0;
	const char *nhs = rec->v[RF_PERSON_NHS_NUMBER].set ? rec->v[RF_PERSON_NHS_NUMBER].s : NULL;
	unsigned maybe = keyfilter_maybe(im->known, 'k', rec->match_key) ? REFERRAL_MAYBE_KEY : 0;
	if (nhs && keyfilter_maybe(im->known, 'n', nhs))
		maybe |= REFERRAL_MAYBE_NHS;
	if (nhs)
		keyfilter_add(im->known, 'n', nhs);
	keyfilter_add(im->known, 'k', rec->match_key);
	return maybe;
}

/* Ends the deferral, if on, in the open transaction: the two indexes are
 * built. 0 or -1. */
static int indexes_back(struct importer *im)
{
	if (!im->ids.by_key || referral_indexes_restore(im->st, &im->ids) == 0)
		return 0;
	fprintf(stderr, "waymark import: cannot build the deferred indexes: %s\n", store_errmsg(im->st));
	return -1;
}

static int batch_begin(struct importer *im, unsigned long line)
{
	if (im->st->in_tx)
		return 0;
	if (store_begin(im->st)) {
		fprintf(stderr, "waymark import: %s\n", store_errmsg(im->st));
		return -1;
	}
	referral_seq_reset(&im->seq);
	im->ids.active = 0;
	kpisum_acc_free(im->kpi_acc);
	if (!(im->kpi_acc = kpisum_acc_new())) {
		fprintf(stderr, "waymark import: out of memory\n");
		store_rollback(im->st);
		return -1;
	}
	if (store_kind(im->st) == STORE_SQLITE && referral_ids_start(im->st, &im->ids)) {
		fprintf(stderr, "waymark import: %s\n", store_errmsg(im->st));
		return -1;
	}
	if (im->known && !im->filter_off && !filter_still_true(im))
		im->filter_off = 1;
	im->ids.hinted = im->known && !im->filter_off && !im->replaying;
	im->ids.group = im->replaying ? NULL : im->group;
	/* Someone else wrote (their people are not in the table), or a replay
	 * (rolled back people may be): the deferral ends here. */
	if (!im->ids.hinted) {
		keytab_free(im->by_key_next);
		im->by_key_next = NULL;
		if (indexes_back(im))
			return -1;
	}
	if (im->by_key_next) {
		if (referral_indexes_defer(im->st, &im->ids, im->by_key_next)) {
			fprintf(stderr, "waymark import: %s\n", store_errmsg(im->st));
			return -1;
		}
		im->by_key_next = NULL;
	}
	im->in_batch = 0;
	im->batch_new_people = im->batch_duplicates = 0;
	im->batch_first_line = line;
	im->batch_first_id = 0;
	buf_reset(&im->rowbuf);
	return 0;
}

static int batch_commit(struct importer *im)
{
	if (!im->st || !im->st->in_tx)
		return 0;
	if (referral_group_flush(im->st, im->ids.group))
		goto fail;
	if (im->in_batch) {
		char detail[256];
		snprintf(detail, sizeof detail, "file=%s lines=%lu-%lu referrals=%ld ids=%lld-%lld", im->file,
			 im->batch_first_line, im->batch_last_line, im->in_batch, (long long)im->batch_first_id,
			 (long long)im->batch_last_id);
		struct audit_event ev = {
			.at = im->now, .role = "cli", .action = audit_action_code[AUDIT_REFERRAL_IMPORT], .entity = "referral",
			.entity_id = im->batch_first_id, .addr = "cli", .request_id = "", .detail = detail,
		};
		if ((im->ids.active && referral_store_received_events(im->st, im->batch_first_id, im->batch_last_id)) ||
		    kpisum_acc_write(im->st, im->kpi_acc) || rptsum_ids(im->st, im->batch_first_id, im->batch_last_id) ||
		    audit_append(im->st, &ev))
			goto fail;
	}
	if (store_commit(im->st))
		goto fail;
	im->good += (unsigned long)im->in_batch;
	im->new_people += im->batch_new_people;
	im->duplicates += im->batch_duplicates;
	im->in_batch = 0;
	buf_reset(&im->rowbuf);
	return 0;
fail:
	fprintf(stderr, "waymark import: cannot commit lines %lu-%lu: %s\n", im->batch_first_line, im->batch_last_line,
		store_errmsg(im->st));
	store_rollback(im->st);
	return -1;
}

static int64_t received_of(const struct importer *im, const struct referral_rec *rec)
{
	return rec->v[RF_RECEIVED_AT].set ? rec->v[RF_RECEIVED_AT].i : im->now;
}

/* Stores the checked row in im->rec. With savepoint set, the row gets one,
 * so a database refusal costs that row alone. due: the row's follow-up due
 * time when the reader worked it out, else 0. 1 stored, 0 refused (a
 * constraint), -1 other failure. */
static int store_row(struct importer *im, const struct referral_rec *rec, unsigned long line, int savepoint,
		     int64_t due)
{
	int64_t received = received_of(im, rec);
	struct referral_meta m = {
		.channel = "import",
		.now = im->now,
		.received_at = received,
		.sla_due_at = due ? due : calendar_due(&im->cal, received),
		.kpi_acc = im->kpi_acc,
		.events_later = im->ids.active,
	};
	struct referral_created out;
	if (savepoint && store_exec(im->st, STMT_REFERRAL_SAVEPOINT, NULL, NULL, "") < 0)
		return -1;
	if (referral_store_create(im->st, rec, &m, &im->seq, im->batch_max, &im->ids, &out) == 0) {
		if (savepoint && store_exec(im->st, STMT_REFERRAL_SAVEPOINT_RELEASE, NULL, NULL, "") < 0)
			return -1;
		if (!im->batch_first_id)
			im->batch_first_id = out.id;
		im->batch_last_id = out.id;
		im->batch_last_line = line;
		im->in_batch++;
		im->batch_new_people += (unsigned long)out.new_person;
		im->batch_duplicates += out.duplicate_of != 0;
		return 1;
	}
	if (store_errcode(im->st) != STORE_CONSTRAINT || !savepoint)
		return -1;
	char msg[600];
	snprintf(msg, sizeof msg, "the database refused the row: %s", store_errmsg(im->st));
	if (store_exec(im->st, STMT_REFERRAL_SAVEPOINT_ROLLBACK, NULL, NULL, "") < 0 ||
	    store_exec(im->st, STMT_REFERRAL_SAVEPOINT_RELEASE, NULL, NULL, "") < 0)
		return -1;
	/* The rollback may have returned numbers and ids this row took: take
	 * them afresh for the next row. */
	referral_seq_reset(&im->seq);
	if (im->ids.active && referral_ids_start(im->st, &im->ids))
		return -1;
	report(im, line, "(row)", msg);
	return 0;
}

/* Appends a good row's fields to b, as kept for a possible replay of its batch. */
static int pack_raw(struct buf *b, const struct csv_record *rec)
{
	buf_append(b, &rec->line, sizeof rec->line);
	buf_append(b, &rec->nfields, sizeof rec->nfields);
	for (size_t c = 0; c < rec->nfields; c++) {
		buf_append(b, &rec->fields[c].len, sizeof rec->fields[c].len);
		buf_append(b, rec->fields[c].str, rec->fields[c].len + 1);
	}
	return b->failed ? -1 : 0;
}

static int check_row(struct importer *im, struct checker *ck, const struct csv_field *fields, size_t nfields,
		     unsigned long line, int quiet);
static int flush_rows(struct importer *im);

/*
 * The database refused a row that checking passed (which should not happen:
 * checking covers every constraint). The batch is rolled back, so replay it
 * from the kept rows with a savepoint per row: the refused row is reported
 * and every other row of the batch is stored.
 */
static int replay_batch(struct importer *im)
{
	store_rollback(im->st);
	im->replaying = 1;
	struct buf kept = im->rowbuf;
	buf_init(&im->rowbuf, IMPORT_ROWBUF_MAX + CSV_RECORD_MAX * 2);
	if (store_kind(im->st) == STORE_SQLITE)
		store_exec(im->st, STMT_REFERRAL_IMPORT_SQLITE_TEMP, NULL, NULL, "");
	const char *p = kept.data, *end = kept.data + kept.len;
	struct csv_field *fields = calloc(im->ncols ? im->ncols : 1, sizeof *fields);
	int rc = fields ? 0 : -1;
	int began = 0;
	while (rc == 0 && p < end) {
		unsigned long line;
		size_t nfields;
		memcpy(&line, p, sizeof line);
		p += sizeof line;
		memcpy(&nfields, p, sizeof nfields);
		p += sizeof nfields;
		for (size_t c = 0; c < nfields; c++) {
			memcpy(&fields[c].len, p, sizeof fields[c].len);
			p += sizeof fields[c].len;
			fields[c].str = p;
			p += fields[c].len + 1;
		}
		if (!began) {
			if (batch_begin(im, line))
				rc = -1;
			began = 1;
		}
		if (rc == 0 && check_row(im, &im->wr, fields, nfields, line, 1) == 0) {
			int r = store_row(im, &im->wr.rec, line, 1, 0);
			if (r < 0)
				rc = -1;
			else if (r == 0)
				im->refused++;
		}
	}
	free(fields);
	buf_free(&kept);
	if (rc == 0)
		rc = batch_commit(im);
	else
		fprintf(stderr, "waymark import: %s\n", store_errmsg(im->st));
	im->replaying = 0;
	return rc;
}

/* Maps and checks one row into ck->rec. 0 good; 1 bad (reported unless quiet). */
static int check_row(struct importer *im, struct checker *ck, const struct csv_field *fields, size_t nfields,
		     unsigned long line, int quiet)
{
	memset(&ck->raw, 0, sizeof ck->raw);
	fielderr_init(&ck->fe);
	for (size_t c = 0; c < nfields; c++) {
		int f = im->col_field[c];
		if (f < 0)
			continue;
		ck->raw.v[f] = fields[c].str;
		if (strlen(fields[c].str) != fields[c].len) {
			ck->raw.bad[f] = 1;
			fielderr_add(&ck->fe, referral_fields[f].path, "%s must not contain NUL bytes", referral_fields[f].label);
		}
	}
	struct referral_check chk = { im->refs, im->now, CH_CSV, 1 };
	if (referral_validate(&chk, &ck->raw, &ck->rec, &ck->fe) == 0 && ck->fe.n == 0)
		return 0;
	for (size_t i = 0; !quiet && i < ck->fe.n; i++)
		report(im, line, ck->fe.e[i].field, ck->fe.e[i].message);
	return 1;
}

/* The storer's part for one row: into the open batch (kept for a replay),
 * committed when the batch is full. 0, or -1 to stop. */
static int store_checked(struct importer *im, const struct referral_rec *rec, const char *raw, size_t raw_len,
			 unsigned long line, unsigned maybe, uint32_t key_tag, int64_t due)
{
	if (batch_begin(im, line))
		return -1;
	im->ids.maybe = maybe;
	im->ids.key_tag = key_tag;
	if (im->ids.by_key)
		keytab_prefetch(im->ids.by_key, key_tag);
	if (buf_append(&im->rowbuf, raw, raw_len)) {
		fprintf(stderr, "waymark import: out of memory\n");
		return -1;
	}
	int r = store_row(im, rec, line, 0, due);
	if (r < 0) {
		if (store_errcode(im->st) != STORE_CONSTRAINT) {
			fprintf(stderr, "waymark import: line %lu: %s\n", line, store_errmsg(im->st));
			return -1;
		}
		return replay_batch(im);
	}
	if (im->in_batch >= im->batch_max || im->rowbuf.len >= IMPORT_ROWBUF_MAX)
		return flush_rows(im) ? -1 : batch_commit(im);
	return 0;
}

/* Stores the rows held back for multi-row INSERTs (their texts live in the
 * chunk about to be handed back); a refusal replays the batch. 0 or -1. */
static int flush_rows(struct importer *im)
{
	if (!im->st->in_tx || referral_group_flush(im->st, im->ids.group) == 0)
		return 0;
	if (store_errcode(im->st) != STORE_CONSTRAINT) {
		fprintf(stderr, "waymark import: %s\n", store_errmsg(im->st));
		return -1;
	}
	return replay_batch(im);
}

/* The storing thread: stores every chunk the reader hands over, then commits
 * the last batch (unless the reader gave up). */
static void *storer_main(void *arg)
{
	struct importer *im = arg;
	struct import_chunk *c;
	int rc = 0;
	while (rc == 0 && (c = import_pipe_get(&im->pipe))) {
		for (size_t i = 0; rc == 0 && i < c->n; i++) {
			const struct import_row *row = &c->rows[i];
			rc = store_checked(im, (const struct referral_rec *)(c->data.data + row->rec_off),
					   c->data.data + row->raw_off, row->raw_len, row->line, row->maybe, row->key_tag,
					   row->sla_due_at);
		}
		if (rc == 0)
			rc = flush_rows(im);
		import_pipe_done(&im->pipe, c);
	}
	if (rc == 0 && !im->abandon && im->ids.by_key && !im->st->in_tx && store_begin(im->st)) {
		fprintf(stderr, "waymark import: %s\n", store_errmsg(im->st));
		rc = -1;
	}
	if (rc == 0 && !im->abandon)
		rc = indexes_back(im) ? -1 : batch_commit(im);
	if (rc)
		import_pipe_stop(&im->pipe);
	im->storer_rc = rc;
	return NULL;
}

/* Hands the chunk being filled to the storer. 0, or -1 when it stopped. */
static int hand_over(struct importer *im)
{
	struct import_chunk *c = im->chunk;
	im->chunk = NULL;
	if (!c || c->n == 0) {
		if (c)
			import_pipe_done(&im->pipe, c);
		return 0;
	}
	return import_pipe_put(&im->pipe, c);
}

/* The reader's part for a checked row: its raw fields and packed record go
 * into the chunk being filled. 0, or -1 to stop. */
static int queue_checked(struct importer *im, const struct csv_record *rec)
{
	size_t raw_len = sizeof rec->line + sizeof rec->nfields;
	for (size_t f = 0; f < rec->nfields; f++)
		raw_len += sizeof rec->fields[f].len + rec->fields[f].len + 1;
	size_t need = raw_len + REFERRAL_PACK_ALIGN + referral_packed_size(&im->rd.rec) + 1;
	if (im->chunk && im->chunk->data.cap - im->chunk->data.len < need && hand_over(im))
		return -1;
	if (!im->chunk && !(im->chunk = import_pipe_chunk(&im->pipe)))
		goto oom;
	struct import_chunk *c = im->chunk;
	const char *base = c->data.data;
	struct import_row *row = &c->rows[c->n];
	row->line = rec->line;
	row->maybe = filter_ask(im, &im->rd.rec);
	row->key_tag = im->known ? keytab_tag(im->rd.rec.match_key) : 0;
	row->sla_due_at = calendar_due(&im->cal, received_of(im, &im->rd.rec));
	row->raw_off = c->data.len;
	if (pack_raw(&c->data, rec))
		goto oom;
	row->raw_len = c->data.len - row->raw_off;
	static const char pad[REFERRAL_PACK_ALIGN];
	size_t misalign = c->data.len % REFERRAL_PACK_ALIGN;
	if (misalign && buf_append(&c->data, pad, REFERRAL_PACK_ALIGN - misalign))
		goto oom;
	row->rec_off = c->data.len;
	/* Room for the packed record (its bytes copied, then packed in place:
	 * its texts must point into the chunk). */
	size_t used = offsetof(struct referral_rec, scratch) + im->rd.rec.used;
	size_t n = referral_packed_size(&im->rd.rec);
	if (buf_append(&c->data, &im->rd.rec, used) || buf_append(&c->data, pad, n - used))
		goto oom;
	if (c->data.data != base) {
		fprintf(stderr, "waymark import: internal error: a chunk's data moved\n");
		return -1;
	}
	referral_pack(c->data.data + row->rec_off, &im->rd.rec);
	if (++c->n == IMPORT_CHUNK_ROWS)
		return hand_over(im);
	return 0;
oom:
	fprintf(stderr, "waymark import: out of memory\n");
	return -1;
}

static int start_storer(struct importer *im)
{
	if (pthread_create(&im->storer, NULL, storer_main, im)) {
		fprintf(stderr, "waymark import: cannot start the storing thread\n");
		return -1;
	}
	im->storer_started = 1;
	return 0;
}

/* Waits for the storer to finish (abandon: without committing what it has). 0, or -1 when it failed. */
static int finish_storer(struct importer *im, int abandon)
{
	if (!im->storer_started)
		return 0;
	if (!abandon && hand_over(im))
		abandon = 1;
	im->abandon = abandon;
	import_pipe_close(&im->pipe);
	pthread_join(im->storer, NULL);
	im->storer_started = 0;
	im->bad += im->refused;
	im->refused = 0;
	return im->storer_rc;
}

static int import_row(struct importer *im, const struct csv_record *rec)
{
	im->rows++;
	if (rec->nfields != im->ncols) {
		char msg[128];
		snprintf(msg, sizeof msg, "the row has %zu fields but the header has %zu", rec->nfields, im->ncols);
		report(im, rec->line, "(row)", msg);
		im->bad++;
		return 0;
	}
	if (check_row(im, &im->rd, rec->fields, rec->nfields, rec->line, 0)) {
		im->bad++;
		return 0;
	}
	if (im->dry_run) {
		im->good++;
		return 0;
	}
	return queue_checked(im, rec);
}

int cmd_import_referrals(int argc, char **argv, struct cli_opt *opts)
{
	if (argc != 1) {
		fprintf(stderr, "Usage: waymark import referrals [OPTIONS] FILE.csv (see --help)\n");
		return IMPORT_USAGE;
	}
	struct importer *im = calloc(1, sizeof *im);
	if (!im) {
		fprintf(stderr, "waymark import: out of memory\n");
		return IMPORT_FATAL;
	}
	int rc = IMPORT_FATAL;
	struct csv_reader *r = NULL;
	pthread_mutex_init(&im->report_mu, NULL);
	import_pipe_init(&im->pipe);
	im->file = argv[0];
	buf_init(&im->rowbuf, IMPORT_ROWBUF_MAX + CSV_RECORD_MAX * 2);
	im->dry_run = cli_get(opts, "dry-run") != NULL;
	im->quiet = cli_get(opts, "quiet") != NULL;
	im->batch_max = strtol(cli_get_or(opts, "batch", "0"), NULL, 10);
	if (im->batch_max <= 0)
		im->batch_max = IMPORT_BATCH_DEFAULT;
	if (im->batch_max > IMPORT_BATCH_MAX)
		im->batch_max = IMPORT_BATCH_MAX;
	const char *map = cli_get(opts, "map");
	if (map && load_map(im, map)) {
		free(im);
		return IMPORT_USAGE;
	}
	im->fp = strcmp(im->file, "-") == 0 ? stdin : fopen(im->file, "rb");
	if (!im->fp) {
		fprintf(stderr, "waymark import: cannot open %s: %s\n", im->file, strerror(errno));
		free(im);
		return IMPORT_FATAL;
	}
	struct stat sb;
	if (fstat(fileno(im->fp), &sb) == 0 && S_ISREG(sb.st_mode))
		im->size = sb.st_size;
	im->progress = !im->quiet && isatty(STDERR_FILENO);
	const char *errpath = cli_get(opts, "errors");
	if (errpath) {
		im->errors = fopen(errpath, "w");
		if (!im->errors) {
			fprintf(stderr, "waymark import: cannot write %s: %s\n", errpath, strerror(errno));
			goto out;
		}
		fputs("line,field,message\n", im->errors);
	}
	im->st = cli_open_db(opts, 1);
	if (!im->st)
		goto out;
	struct referral_refs *refs = calloc(1, sizeof *refs);
	if (!refs)
		goto out;
	referral_refs_init(refs);
	im->refs = refs;
	if (referral_refs_load(im->st, refs) || calendar_load(im->st, &im->cal)) {
		fprintf(stderr, "waymark import: cannot read reference data: %s\n", store_errmsg(im->st));
		goto out;
	}
	if (store_kind(im->st) == STORE_SQLITE)
	{
		/* Fewer checkpoints: hot index pages are then copied once per
		 * checkpoint rather than once per batch. */
		store_exec(im->st, STMT_REFERRAL_IMPORT_SQLITE_CHECKPOINT, NULL, NULL, "");
		store_exec(im->st, STMT_REFERRAL_IMPORT_SQLITE_NO_FK, NULL, NULL, "");
	}
	/* An import that was stopped while deferring left two indexes out. */
	if (referral_indexes_ensure(im->st)) {
		fprintf(stderr, "waymark import: cannot build the indexes an earlier import deferred: %s\n",
			store_errmsg(im->st));
		goto out;
	}
	filter_start(im);
	if (im->by_key_next)
		im->rollback_journal = referral_journal_rollback(im->st);
	/* A page cache that holds a batch's dirty pages with the random index
	 * pages it touches; while deferring, a batch's pages are new ones,
	 * written once, so a smaller one does (and takes fewer faults to fill). */
	if (store_kind(im->st) == STORE_SQLITE)
		store_exec(im->st, im->by_key_next ? STMT_REFERRAL_IMPORT_SQLITE_CACHE_DEFERRING
						   : STMT_REFERRAL_IMPORT_SQLITE_CACHE, NULL, NULL, "");
	if (store_kind(im->st) == STORE_SQLITE && !im->dry_run && !(im->group = referral_group_new())) {
		fprintf(stderr, "waymark import: out of memory\n");
		goto out;
	}
	im->now = (int64_t)time(NULL);
	clock_gettime(CLOCK_MONOTONIC, &im->t0);
	r = csv_open_file(im->fp);
	if (!r) {
		fprintf(stderr, "waymark import: out of memory\n");
		goto out;
	}
	const struct csv_record *rec;
	enum csv_status s = csv_next(r, &rec);
	if (s != CSV_RECORD) {
		fprintf(stderr, "waymark import: %s: %s\n", im->file,
			s == CSV_END ? "the file is empty; it needs a header row of field names" : csv_strerror(s));
		goto out;
	}
	if (read_header(im, rec)) {
		rc = IMPORT_USAGE;
		goto out;
	}
	if (!im->dry_run && start_storer(im))
		goto out;
	while ((s = csv_next(r, &rec)) != CSV_END) {
		if (s == CSV_EIO) {
			fprintf(stderr, "waymark import: reading %s: %s\n", im->file, strerror(errno));
			goto out;
		}
		if (s != CSV_RECORD) {
			im->rows++;
			im->bad++;
			const char *col = "(row)";
			for (size_t c = 0; c < im->ncols; c++)
				if (c == rec->err_field && im->col_field[c] >= 0)
					col = referral_fields[im->col_field[c]].path;
			report(im, rec->line, col, csv_strerror(s));
			continue;
		}
		if (import_row(im, rec))
			goto out;
		if ((im->rows & 1023) == 0)
			progress(im, 0);
	}
	if (finish_storer(im, 0))
		goto out;
	progress(im, 1);
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = elapsed(&im->t0, &t1);
	printf("%s %lu rows from %s in %.2f s (%.0f rows/s): %lu %s, %lu rejected (%lu problems)",
	       im->dry_run ? "Checked" : "Read", im->rows, im->file, secs, secs > 0 ? (double)im->rows / secs : 0.0,
	       im->good, im->dry_run ? "would be imported" : "imported", im->bad, im->problems);
	if (!im->dry_run)
		printf("; %lu new people, %lu possible duplicates", im->new_people, im->duplicates);
	printf(".\n");
	rc = im->bad ? IMPORT_REJECTED : IMPORT_OK;
out:
	finish_storer(im, 1);
	if (im->st && im->st->in_tx) {
		store_rollback(im->st);
		if (!im->dry_run)
			fprintf(stderr, "waymark import: stopped; the rows of the unfinished batch (from line %lu) were "
				"not stored, %lu earlier rows were\n", im->batch_first_line, im->good);
	}
	/* Stopped while deferring: what was committed lacks the two indexes. */
	if (im->ids.by_key && (store_begin(im->st) || indexes_back(im) || store_commit(im->st)))
		store_rollback(im->st);
	if (im->rollback_journal && referral_journal_wal(im->st))
		fprintf(stderr, "waymark import: the database stays in rollback-journal mode until a waymark command "
			"next opens it (another connection kept it from WAL): %s\n", store_errmsg(im->st));
	csv_free(r);
	buf_free(&im->rowbuf);
	if (im->chunk)
		import_pipe_done(&im->pipe, im->chunk);
	import_pipe_free(&im->pipe);
	kpisum_acc_free(im->kpi_acc);
	keyfilter_free(im->known);
	keytab_free(im->by_key_next);
	keytab_free(im->ids.by_key);
	referral_group_free(im->group);
	pthread_mutex_destroy(&im->report_mu);
	if (im->fp && im->fp != stdin)
		fclose(im->fp);
	if (im->errors)
		fclose(im->errors);
	if (im->refs) {
		referral_refs_free((struct referral_refs *)im->refs);
		free((void *)im->refs);
	}
	calendar_free(&im->cal);
	store_close(im->st);
	free(im);
	return rc;
}
