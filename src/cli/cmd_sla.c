/* `waymark sla due`: the follow-up due time for a receipt time, from the same calendar, settings
 * (sla_bank_holidays, followup_counts_weekends) and function the server uses for a referral received now. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "core/datetime.h"
#include "store/calendar.h"

static int is_postgres_url(const char *url)
{
	return strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0;
}

int cmd_sla_due(int argc, char **argv, struct cli_opt *opts)
{
	if (cli_no_args("sla due", argc, argv))
		return 2;
	const char *received = cli_get(opts, "received");
	if (!received) {
		fprintf(stderr, "waymark sla due: --received is required, e.g. --received 2026-12-24T16:00:00Z\n");
		return 2;
	}
	int64_t t;
	if (dt_parse_iso8601(received, &t)) {
		fprintf(stderr, "waymark sla due: --received '%s' is not an ISO 8601 time; write it like "
			"2026-12-24T16:00:00Z or 2026-06-24T17:00:00+01:00\n", received);
		return 2;
	}
	/* Opening a SQLite path that does not exist would create an empty
	 * database file; say what is wrong instead. */
	const char *url = cli_db_url(opts);
	if (!is_postgres_url(url) && strcmp(url, ":memory:") != 0 && access(url, F_OK) != 0) {
		fprintf(stderr, "waymark sla due: there is no database at %s; run `waymark init --db %s` first\n", url, url);
		return 1;
	}
	struct store *st = cli_open_db(opts, 1);
	if (!st)
		return 1;
	struct calendar cal;
	if (calendar_load(st, &cal)) {
		fprintf(stderr, "waymark sla due: cannot read the bank holidays and settings: %s\n", store_errmsg(st));
		store_close(st);
		return 1;
	}
	store_close(st);
	if (cli_get(opts, "no-bank-holidays"))
		cal.wc.use_holidays = 0;
	int64_t due = calendar_due(&cal, t);
	calendar_free(&cal);
	if (due > DT_SECONDS_MAX) {
		fprintf(stderr, "waymark sla due: the due time would be after 9999-12-31\n");
		return 1;
	}
	char out[DT_UTC_LEN];
	dt_format_utc(due, out);
	printf("%s\n", out);
	return 0;
}
