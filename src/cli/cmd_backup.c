/* `waymark backup FILE` and `waymark restore FILE`: an online backup of the
 * database (SQLite or PostgreSQL) into a SQLite file while the server goes
 * on writing, and putting one back, with progress on standard error. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "store/backup.h"

/* Copies smaller than this many pages or rows finish too fast to report. */
#define PROGRESS_MIN 20000

struct progress {
	const char *cmd;
	int tty, last;
};

static void show_progress(void *ctx, const char *unit, int64_t done, int64_t total)
{
	struct progress *p = ctx;
	if (total < PROGRESS_MIN && !p->tty)
		return;
	int pct = total > 0 ? (int)(done * 100 / total) : 100;
	if (pct == p->last || (!p->tty && pct / 10 == p->last / 10 && pct != 100))
		return;
	p->last = pct;
	fprintf(stderr, "%swaymark %s: %3d%% (%lld of %lld %s)%s", p->tty ? "\r" : "", p->cmd, pct, (long long)done,
		(long long)total, unit, p->tty && pct < 100 ? "" : "\n");
}

static void summary(const char *cmd, const char *verb, const char *file, const char *where)
{
	struct backup_summary s;
	char err[512];
	if (backup_summarise(file, &s, err, sizeof err) == 0)
		printf("%s %s %s: schema version %d, %lld people, %lld referrals, %lld audit events.\n", verb, file, where,
		       s.schema_version, (long long)s.people, (long long)s.referrals, (long long)s.audit_events);
	else
		fprintf(stderr, "waymark %s: %s\n", cmd, err);
}

int cmd_backup(int argc, char **argv, struct cli_opt *opts)
{
	if (argc != 1) {
		fprintf(stderr, "waymark backup: give one FILE to write the backup to (see --help)\n");
		return 2;
	}
	struct store *st = cli_open_db(opts, 1);
	if (!st)
		return 1;
	enum store_kind kind = store_kind(st);
	store_close(st);
	const char *url = cli_db_url(opts);
	struct progress p = { "backup", !cli_get(opts, "quiet") && isatty(2), -1 };
	backup_progress_fn fn = cli_get(opts, "quiet") ? NULL : show_progress;
	char err[512] = "";
	int r = kind == STORE_SQLITE ? backup_sqlite(url, argv[0], fn, &p, err, sizeof err)
				     : backup_pg(url, argv[0], fn, &p, err, sizeof err);
	if (r) {
		fprintf(stderr, "waymark backup: %s\n", err);
		return 1;
	}
	summary("backup", "Backup", argv[0], kind == STORE_SQLITE ? "written (one snapshot)"
								 : "written (one REPEATABLE READ snapshot of PostgreSQL)");
	return 0;
}

int cmd_restore(int argc, char **argv, struct cli_opt *opts)
{
	if (argc != 1) {
		fprintf(stderr, "waymark restore: give the backup FILE to restore (see --help)\n");
		return 2;
	}
	if (!cli_db_arg) {
		fprintf(stderr, "waymark restore: give the database to restore into with --db\n");
		return 2;
	}
	char err[512] = "";
	if (access(argv[0], R_OK) != 0) {
		fprintf(stderr, "waymark restore: cannot read %s\n", argv[0]);
		return 1;
	}
	/* The backup must be a Waymark database of this build's schema. */
	struct store *b = store_open(argv[0], err, sizeof err);
	if (!b || store_check_schema(b, err, sizeof err)) {
		fprintf(stderr, "waymark restore: %s: %s\n", argv[0], err);
		if (b)
			store_close(b);
		return 1;
	}
	store_close(b);
	const char *url = cli_db_url(opts);
	struct progress p = { "restore", !cli_get(opts, "quiet") && isatty(2), -1 };
	backup_progress_fn fn = cli_get(opts, "quiet") ? NULL : show_progress;
	int pg = strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0;
	/* A SQLite target must be a new file (backup_sqlite refuses one that exists). */
	int r = pg ? restore_pg(argv[0], url, fn, &p, err, sizeof err) : backup_sqlite(argv[0], url, fn, &p, err, sizeof err);
	if (r) {
		fprintf(stderr, "waymark restore: %s\n", err);
		return 1;
	}
	summary("restore", "Restored", argv[0], pg ? "into PostgreSQL" : "into a new SQLite file");
	return 0;
}
