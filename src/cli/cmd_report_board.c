/* `waymark report board`: the board pack of an area for a period as an XLSX workbook (placeholder until the
 * workbook writer lands). */
#include <stdio.h>
#include "cli/cli.h"

int cmd_report_board(int argc, char **argv, struct cli_opt *opts)
{
	(void)argc;
	(void)argv;
	(void)opts;
	fprintf(stderr, "waymark report board: not built yet\n");
	return 1;
}
