/* Online backup of a SQLite database with the sqlite3_backup API, under one
 * read transaction so the copy is a single consistent snapshot while the
 * server goes on writing (WAL); also used to restore a backup file. */
#include <sqlite3.h>
#include <stdio.h>
#include "store/backup.h"
#include "store/backup_util.h"

#define PAGES_PER_STEP 256

static int fail_db(sqlite3 *db, const char *what, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s: %s", what, db ? sqlite3_errmsg(db) : "out of memory");
	return -1;
}

int backup_sqlite(const char *src, const char *dest, backup_progress_fn progress, void *ctx,
		  char *err, size_t errlen)
{
	char partial[4096];
	if (backup_partial_path(dest, partial, sizeof partial, err, errlen))
		return -1;
	sqlite3 *s = NULL, *d = NULL;
	sqlite3_backup *b = NULL;
	int r = -1;
	if (sqlite3_open_v2(src, &s, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		fail_db(s, src, err, errlen);
		goto done;
	}
	sqlite3_busy_timeout(s, 10000);
	/* The snapshot: a read transaction started by the first read and held
	 * until the copy is done. Without it, a write by the server between two
	 * steps would restart the copy from the first page. */
	if (sqlite3_exec(s, "BEGIN; SELECT COUNT(*) FROM schema_version;", NULL, NULL, NULL) != SQLITE_OK) {
		fail_db(s, "cannot read the database", err, errlen);
		goto done;
	}
	if (sqlite3_open_v2(partial, &d, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		fail_db(d, partial, err, errlen);
		goto done;
	}
	b = sqlite3_backup_init(d, "main", s, "main");
	if (!b) {
		fail_db(d, "cannot start the backup", err, errlen);
		goto done;
	}
	int rc;
	do {
		rc = sqlite3_backup_step(b, PAGES_PER_STEP);
		if (progress) {
			int total = sqlite3_backup_pagecount(b);
			progress(ctx, "pages", total - sqlite3_backup_remaining(b), total);
		}
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		snprintf(err, errlen, "backup failed: %s", sqlite3_errstr(rc));
		goto done;
	}
	/* One self-contained file, no -wal beside it, readable read-only (the
	 * server switches it back to WAL when it opens it). */
	if (sqlite3_exec(d, "PRAGMA journal_mode = DELETE;", NULL, NULL, NULL) != SQLITE_OK) {
		fail_db(d, "cannot finish the copy", err, errlen);
		goto done;
	}
	r = 0;
done:
	sqlite3_exec(s, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(s);
	if (sqlite3_close(d) != SQLITE_OK && r == 0) {
		snprintf(err, errlen, "cannot close %s", partial);
		r = -1;
	}
	return backup_finish(partial, dest, r, err, errlen);
}

int backup_summarise(const char *file, struct backup_summary *out, char *err, size_t errlen)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *q = NULL;
	int r = -1;
	if (sqlite3_open_v2(file, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT (SELECT MAX(version) FROM schema_version), (SELECT COUNT(*) FROM people), "
				   "(SELECT COUNT(*) FROM referrals), (SELECT COUNT(*) FROM audit_events)", -1, &q, NULL) != SQLITE_OK ||
	    sqlite3_step(q) != SQLITE_ROW) {
		fail_db(db, file, err, errlen);
	} else {
		out->schema_version = sqlite3_column_int(q, 0);
		out->people = sqlite3_column_int64(q, 1);
		out->referrals = sqlite3_column_int64(q, 2);
		out->audit_events = sqlite3_column_int64(q, 3);
		r = 0;
	}
	sqlite3_finalize(q);
	sqlite3_close(db);
	return r;
}
