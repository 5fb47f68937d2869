/* `waymark report board`: the board pack of an HWP area or Place Board for a period, as the XLSX workbook the
 * pages offer, for a scheduled job; a progress line on a terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include "cli/cli.h"
#include "ops/report_pack.h"

static void progress(int tty, const char *what)
{
	if (tty)
		fprintf(stderr, "\rwaymark report board: %-40s", what);
}

int cmd_report_board(int argc, char **argv, struct cli_opt *opts)
{
	if (cli_no_args("report board", argc, argv))
		return 2;
	const char *area = cli_get(opts, "area"), *out = cli_get(opts, "out");
	const char *from = cli_get(opts, "from"), *to = cli_get(opts, "to");
	if (!area || !out || !from || !to) {
		fprintf(stderr, "waymark report board: give --area, --from, --to and --out\n");
		return 2;
	}
	int tty = isatty(2) && !cli_get(opts, "quiet");
	struct store *st = cli_open_db(opts, 1);
	if (!st)
		return 1;
	struct field_errors *fe = ops_fielderr_new();
	static struct report_pack pack;
	struct ops_ctx c = { .db = st, .role = ROLE_PROGRAMME_LEAD, .now = (int64_t)time(NULL), .addr = "", .request_id = "" };
	int rc = 1;
	if (!fe)
		goto done;
	progress(tty, "reading the figures");
	enum ops_result r = ops_report_pack(&c, area, from, to, &pack, fe);
	if (r == OPS_INVALID) {
		if (tty)
			fputc('\n', stderr);
		for (size_t i = 0; i < fe->n; i++)
			fprintf(stderr, "waymark report board: --%s: %s\n", fe->e[i].field, fe->e[i].message);
		rc = 2;
		goto done;
	}
	if (r != OPS_OK) {
		fprintf(stderr, "\nwaymark report board: %s\n", store_errmsg(st));
		goto done;
	}
	progress(tty, "writing the workbook");
	if (report_pack_xlsx(&pack, out)) {
		fprintf(stderr, "\nwaymark report board: cannot write %s\n", out);
		goto done;
	}
	progress(tty, "done");
	if (tty)
		fputc('\n', stderr);
	printf("%s: board pack of %s, %zu sections\n", out, pack.area_name, pack.n);
	rc = 0;
done:
	ops_report_pack_free(&pack);
	free(fe);
	store_close(st);
	return rc;
}
