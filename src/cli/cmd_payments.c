/* `waymark payments schedule`: the four staged payments of an agreement, from the core function the server uses. */
#include <stdio.h>
#include "cli/cli.h"
#include "core/datetime.h"
#include "core/money.h"
#include "core/payments.h"

int cmd_payments_schedule(int argc, char **argv, struct cli_opt *opts)
{
	if (cli_no_args("payments schedule", argc, argv))
		return 2;
	const char *total = cli_get(opts, "total"), *signed_on = cli_get(opts, "signed"), *in_place = cli_get(opts, "in-place");
	int64_t pence, sday, iday;
	if (!total || money_parse(total, &pence)) {
		fprintf(stderr, "waymark payments schedule: --total must be an amount in pounds, e.g. --total 28000.00\n");
		return 2;
	}
	if (!signed_on || dt_parse_date(signed_on, &sday)) {
		fprintf(stderr, "waymark payments schedule: --signed must be a date, YYYY-MM-DD\n");
		return 2;
	}
	if (!in_place || dt_parse_date(in_place, &iday)) {
		fprintf(stderr, "waymark payments schedule: --in-place must be a date, YYYY-MM-DD\n");
		return 2;
	}
	struct pay_stage st[PAY_STAGES];
	if (pay_schedule(pence, sday, iday, st)) {
		fprintf(stderr, "waymark payments schedule: the worker cannot be in place before the agreement is signed\n");
		return 2;
	}
	for (int i = 0; i < PAY_STAGES; i++) {
		char d[DT_DATE_LEN];
		dt_format_date(st[i].due_day, d);
		printf("%s %lld %s\n", d, (long long)st[i].pence, st[i].label);
	}
	return 0;
}
