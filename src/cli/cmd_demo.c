/* `waymark demo`: believable demo data for trying Waymark out. Grows with
 * each capability; refuses to run twice on the same database. */
#include <stdio.h>
#include "cli/cli.h"

int cmd_demo(int argc, char **argv, struct cli_opt *opts)
{
	(void)argc;
	(void)argv;
	struct store *st = cli_open_db(opts, 1);
	if (!st)
		return 1;
	int64_t done = 0;
	store_get_int(st, STMT_SETTING_GET, &done, "s", "demo_loaded");
	if (done) {
		printf("Demo data is already loaded in %s.\n", cli_db_url(opts));
		store_close(st);
		return 0;
	}
	int r = store_exec(st, STMT_SETTING_PUT, NULL, NULL, "ss", "demo_loaded", "1") < 0;
	if (r)
		fprintf(stderr, "waymark demo: %s\n", store_errmsg(st));
	else
		printf("Demo data loaded into %s.\n", cli_db_url(opts));
	store_close(st);
	return r;
}
