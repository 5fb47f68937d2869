/* Helpers shared by subcommands: option lookup and opening the database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "cli/cli.h"

const char *cli_get(const struct cli_opt *opts, const char *name)
{
	for (const struct cli_opt *o = opts; o && o->name; o++)
		if (strcmp(o->name, name) == 0)
			return o->value;
	return NULL;
}

const char *cli_get_or(const struct cli_opt *opts, const char *name, const char *def)
{
	const char *v = cli_get(opts, name);
	return v ? v : def;
}

int cli_no_args(const char *cmd, int argc, char **argv)
{
	if (argc <= 0)
		return 0;
	fprintf(stderr, "waymark %s: unexpected argument '%s' (see --help)\n", cmd, argv[0]);
	return 2;
}

struct store *cli_open_db(const struct cli_opt *opts, int check_schema)
{
	char err[512];
	if (sodium_init() < 0) {
		fprintf(stderr, "waymark: libsodium failed to initialise\n");
		return NULL;
	}
	const char *url = cli_db_url(opts);
	struct store *st = store_open(url, err, sizeof err);
	if (!st) {
		fprintf(stderr, "waymark: %s\n", err);
		return NULL;
	}
	if (check_schema && store_check_schema(st, err, sizeof err)) {
		fprintf(stderr, "waymark: %s\n", err);
		store_close(st);
		return NULL;
	}
	return st;
}

const char *cli_db_arg;

const char *cli_db_url(const struct cli_opt *opts)
{
	(void)opts;
	if (cli_db_arg)
		return cli_db_arg;
	const char *env = getenv("WAYMARK_DB");
	return env && *env ? env : "waymark.db";
}

int cli_report_created(struct store *st, const char *cmd, int r, int64_t id, const char *constraint_msg)
{
	if (r)
		fprintf(stderr, "waymark %s: %s\n", cmd,
			store_errcode(st) == STORE_CONSTRAINT ? constraint_msg : store_errmsg(st));
	else
		printf("%lld\n", (long long)id);
	store_close(st);
	return r ? 1 : 0;
}
