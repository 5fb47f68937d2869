/* The `waymark` subcommands: one table, one option parser, one --help. */
#ifndef WAYMARK_CLI_CLI_H
#define WAYMARK_CLI_CLI_H
#include "store/store.h"

struct cli_opt {
	const char *name;     /* long option without "--" */
	const char *arg;      /* argument name shown in help, NULL for a flag */
	const char *help;
	const char *value;    /* filled: the argument, or "1" for a given flag */
};

struct cli_cmd {
	const char *name;     /* "init", "user add", ... (words separated by one space) */
	int (*run)(int argc, char **argv, struct cli_opt *opts);
	const char *summary;
	struct cli_opt *opts; /* ends with a NULL name; --db is added when has_db */
	int has_db;
	const char *usage;    /* positional arguments, or NULL */
};

extern const struct cli_cmd cli_cmds[];

/* Value of an option by name (borrowed), or NULL / def. */
const char *cli_get(const struct cli_opt *opts, const char *name);
const char *cli_get_or(const struct cli_opt *opts, const char *name, const char *def);
/* 0 when no argument is left after the options; otherwise says "waymark CMD:
 * unexpected argument 'X' (see --help)" and returns 2 (the exit status). */
int cli_no_args(const char *cmd, int argc, char **argv);
/* The --db argument given on the command line (set by main), or NULL. */
extern const char *cli_db_arg;
/* The database to use: --db, else WAYMARK_DB, else waymark.db. */
const char *cli_db_url(const struct cli_opt *opts);
/* Ends a command that created a record: prints its id, or the error
 * (constraint_msg for a uniqueness/foreign-key clash); closes st; returns
 * the exit status. */
int cli_report_created(struct store *st, const char *cmd, int r, int64_t id, const char *constraint_msg);
/* Opens --db (after initialising libsodium) and checks its schema; prints
 * the error and returns NULL. */
struct store *cli_open_db(const struct cli_opt *opts, int check_schema);
/* The subcommands (one file each, cli/cmd_*.c), listed in cli/commands.c. */
int cmd_init(int argc, char **argv, struct cli_opt *opts);
int cmd_serve(int argc, char **argv, struct cli_opt *opts);
int cmd_version(int argc, char **argv, struct cli_opt *opts);
int cmd_demo(int argc, char **argv, struct cli_opt *opts);
int cmd_sla_due(int argc, char **argv, struct cli_opt *opts);
int cmd_import_referrals(int argc, char **argv, struct cli_opt *opts);
int cmd_org_add(int argc, char **argv, struct cli_opt *opts);
int cmd_user_add(int argc, char **argv, struct cli_opt *opts);
int cmd_user_passwd(int argc, char **argv, struct cli_opt *opts);
int cmd_token_create(int argc, char **argv, struct cli_opt *opts);
int cmd_token_list(int argc, char **argv, struct cli_opt *opts);
int cmd_token_revoke(int argc, char **argv, struct cli_opt *opts);
int cmd_audit_verify(int argc, char **argv, struct cli_opt *opts);
int cmd_backup(int argc, char **argv, struct cli_opt *opts);
int cmd_restore(int argc, char **argv, struct cli_opt *opts);
int cmd_routes(int argc, char **argv, struct cli_opt *opts);
int cmd_score(int argc, char **argv, struct cli_opt *opts);
int cmd_match(int argc, char **argv, struct cli_opt *opts);
int cmd_gen(int argc, char **argv, struct cli_opt *opts);
int cmd_kpi_followup(int argc, char **argv, struct cli_opt *opts);
int cmd_referrals_search(int argc, char **argv, struct cli_opt *opts);
int cmd_kpi_check(int argc, char **argv, struct cli_opt *opts);
int cmd_kpi_rebuild(int argc, char **argv, struct cli_opt *opts);
int cmd_settings_list(int argc, char **argv, struct cli_opt *opts);
int cmd_settings_set(int argc, char **argv, struct cli_opt *opts);
int cmd_worker_add(int argc, char **argv, struct cli_opt *opts);
int cmd_worker_edit(int argc, char **argv, struct cli_opt *opts);
int cmd_worker_list(int argc, char **argv, struct cli_opt *opts);
int cmd_report_show(int argc, char **argv, struct cli_opt *opts);
int cmd_report_check(int argc, char **argv, struct cli_opt *opts);
int cmd_report_rebuild(int argc, char **argv, struct cli_opt *opts);
int cmd_report_board(int argc, char **argv, struct cli_opt *opts);
int cmd_report_doc(int argc, char **argv, struct cli_opt *opts);
/* The period of --from/--to for a report command (default: the 30 days to today). 0, or 2 after a message. */
int cli_report_period(const char *cmd, const struct cli_opt *opts, int64_t *from_day, int64_t *to_day);
int cmd_stats_paired(int argc, char **argv, struct cli_opt *opts);
int cmd_export_evaluation(int argc, char **argv, struct cli_opt *opts);
int cmd_export_linkage(int argc, char **argv, struct cli_opt *opts);
int cmd_consent_withdraw(int argc, char **argv, struct cli_opt *opts);
int cmd_payments_schedule(int argc, char **argv, struct cli_opt *opts);
int cmd_lots_propose(int argc, char **argv, struct cli_opt *opts);
#endif
