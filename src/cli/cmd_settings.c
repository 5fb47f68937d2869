/* `waymark settings list` and `waymark settings set KEY VALUE`: the settings of core/settings.def from the
 * command line, through the same write (and audit) as the page and the API. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli/cli.h"
#include "ops/settings.h"
#include "store/settings.h"

int cmd_settings_list(int argc, char **argv, struct cli_opt *opts)
{
	(void)argv;
	if (argc > 0) {
		fprintf(stderr, "waymark settings list: unexpected argument '%s'\n", argv[0]);
		return 2;
	}
	struct store *st = cli_open_db(opts, 1);
	if (!st)
		return 1;
	int rc = 0;
	for (size_t i = 0; i < setting_count; i++) {
		char v[SETTING_VALUE_MAX];
		if (settings_get(st, setting_defs[i].key, v)) {
			fprintf(stderr, "waymark settings list: %s\n", store_errmsg(st));
			rc = 1;
			break;
		}
		printf("%s\t%s\n", setting_defs[i].key, v);
	}
	store_close(st);
	return rc;
}

int cmd_settings_set(int argc, char **argv, struct cli_opt *opts)
{
	if (argc != 2) {
		fprintf(stderr, "waymark settings set: give KEY VALUE (see `waymark settings list` for the keys)\n");
		return 2;
	}
	struct store *st = cli_open_db(opts, 1);
	if (!st)
		return 1;
	struct field_errors *fe = ops_fielderr_new();
	if (!fe) {
		store_close(st);
		return 1;
	}
	struct ops_ctx c = { .db = st, .role = ROLE_NONE, .now = (int64_t)time(NULL), .addr = "", .request_id = "" };
	struct ops_setting_change in = { argv[0], argv[1] };
	size_t changed = 0;
	enum ops_result r = ops_settings_set(&c, &in, 1, &changed, fe);
	int rc = 0;
	if (r == OPS_OK) {
		char v[SETTING_VALUE_MAX];
		settings_get(st, argv[0], v);
		printf("%s\t%s%s\n", argv[0], v, changed ? "" : " (unchanged)");
	} else if (r == OPS_INVALID) {
		for (size_t i = 0; i < fe->n; i++)
			fprintf(stderr, "waymark settings set: %s: %s\n", fe->e[i].field, fe->e[i].message);
		rc = 1;
	} else {
		fprintf(stderr, "waymark settings set: %s\n", store_errmsg(st));
		rc = 1;
	}
	free(fe);
	store_close(st);
	return rc;
}
