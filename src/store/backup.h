/* Online backups and restores. A backup is always a SQLite Waymark database
 * that `waymark serve` can run on: a page copy of a SQLite database, or a
 * REPEATABLE READ snapshot of a PostgreSQL one copied table by table. */
#ifndef WAYMARK_STORE_BACKUP_H
#define WAYMARK_STORE_BACKUP_H
#include <stddef.h>
#include <stdint.h>

/* Told how far a copy has got: done of total units (pages or rows). */
typedef void (*backup_progress_fn)(void *ctx, const char *unit, int64_t done, int64_t total);

/* Copies the SQLite database src into a new file dest (which must not
 * exist) while other connections go on writing: one read transaction held
 * for the whole copy makes it a consistent snapshot. The copy is written
 * to dest.partial and renamed when complete and synced. 0 or -1 with err. */
int backup_sqlite(const char *src, const char *dest, backup_progress_fn progress, void *ctx,
		  char *err, size_t errlen);

/* Copies every table of the PostgreSQL database at url, as one REPEATABLE
 * READ snapshot, into a new SQLite database dest with this build's schema
 * (the source must be at this build's schema version). */
int backup_pg(const char *url, const char *dest, backup_progress_fn progress, void *ctx,
	      char *err, size_t errlen);

/* Restores the SQLite backup file into the PostgreSQL database at url,
 * which must hold no Waymark schema yet: creates the schema, copies every
 * table in one transaction and moves the id sequences past the copied ids. */
int restore_pg(const char *file, const char *url, backup_progress_fn progress, void *ctx,
	       char *err, size_t errlen);

/* What a backup holds, for the summary the commands print. */
struct backup_summary {
	int schema_version;
	int64_t people, referrals, audit_events;
};

/* Reads the summary of the SQLite file. 0 or -1 with err. */
int backup_summarise(const char *file, struct backup_summary *out, char *err, size_t errlen);
#endif
