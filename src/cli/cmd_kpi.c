/* `waymark kpi followup|check|rebuild`: the follow-up KPI from its summaries (or from raw rows), and the summaries checked against or rebuilt from a recount. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "cli/cli.h"
#include "core/datetime.h"
#include "core/londontime.h"
#include "store/calendar.h"
#include "store/kpisum.h"

static double ms_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static int parse_day(const char *opt, const char *v, int64_t *day)
{
	if (v && dt_parse_date(v, day)) {
		fprintf(stderr, "waymark kpi followup: --%s '%s' is not a date; write it like 2026-03-31\n", opt, v);
		return -1;
	}
	return 0;
}

static void print_hundredths(const char *key, int v)
{
	if (v < 0)
		printf(",\"%s\":null", key);
	else
		printf(",\"%s\":%d.%02d", key, v / 100, v % 100);
}

int cmd_kpi_followup(int argc, char **argv, struct cli_opt *opts)
{
	if (cli_no_args("kpi followup", argc, argv))
		return 2;
	int64_t now = (int64_t)time(NULL);
	const char *at = cli_get(opts, "at");
	if (at && dt_parse_iso8601(at, &now)) {
		fprintf(stderr, "waymark kpi followup: --at '%s' is not an ISO 8601 time\n", at);
		return 2;
	}
	int64_t to_day = london_local_days(now), from_day;
	if (parse_day("to", cli_get(opts, "to"), &to_day))
		return 2;
	from_day = to_day - 29;
	if (parse_day("from", cli_get(opts, "from"), &from_day))
		return 2;
	if (from_day > to_day) {
		fprintf(stderr, "waymark kpi followup: --from is after --to\n");
		return 2;
	}
	int repeat = atoi(cli_get_or(opts, "repeat", "1"));
	if (repeat < 1 || repeat > 100000) {
		fprintf(stderr, "waymark kpi followup: --repeat must be 1 to 100000\n");
		return 2;
	}
	const char *area = cli_get(opts, "area");
	int raw = cli_get(opts, "raw") != NULL;
	struct store *st = cli_open_db(opts, 1);
	if (!st)
		return 1;
	struct calendar cal;
	if (calendar_load(st, &cal)) {
		fprintf(stderr, "waymark kpi followup: cannot read the calendar: %s\n", store_errmsg(st));
		store_close(st);
		return 1;
	}
	struct triage_kpi k;
	double best = -1, total = 0;
	int rc = 0;
	for (int i = 0; i < repeat && rc == 0; i++) {
		struct timespec t0;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		rc = raw ? triage_kpi_followup(st, &cal.wc, london_midnight_utc(from_day), london_midnight_utc(to_day + 1),
					       area, now, &k)
			 : kpisum_followup(st, &cal.wc, from_day, to_day, area, now, &k);
		double ms = ms_since(&t0);
		total += ms;
		if (best < 0 || ms < best)
			best = ms;
	}
	if (rc) {
		fprintf(stderr, "waymark kpi followup: %s\n", store_errmsg(st));
	} else {
		char f[DT_DATE_LEN], t[DT_DATE_LEN];
		dt_format_date(from_day, f);
		dt_format_date(to_day, t);
		const struct kpi_followup *x = &k.f;
		printf("{\"from\":\"%s\",\"to\":\"%s\",\"area\":\"%s\",\"from_summaries\":%s,\"received\":%" PRId64
		       ",\"contacted\":%" PRId64 ",\"contacted_within_allowance\":%" PRId64 ",\"contacted_late\":%" PRId64
		       ",\"overdue\":%" PRId64 ",\"breaches\":%" PRId64 ",\"at_risk\":%" PRId64 ",\"pending\":%" PRId64,
		       f, t, area ? area : "", raw ? "false" : "true", x->received, x->contacted, x->contacted_within,
		       x->contacted_late, x->overdue, x->breaches, x->at_risk, x->pending);
		print_hundredths("percentage", x->pct_within_x100);
		print_hundredths("median_counted_hours_to_first_contact", x->median_hours_x100);
		printf(",\"median_counted_seconds_to_first_contact\":%" PRId64 ",\"attempts\":%" PRId64
		       ",\"excluded\":%" PRId64 ",\"ms_best\":%.3f,\"ms_mean\":%.3f}\n",
		       x->median_seconds, k.attempts, k.excluded, best, total / repeat);
	}
	calendar_free(&cal);
	store_close(st);
	return rc ? 1 : 0;
}

static void print_line(void *ctx, const char *line)
{
	long *n = ctx;
	if ((*n)++ < 50)
		fprintf(stderr, "%s\n", line);
}

int cmd_kpi_check(int argc, char **argv, struct cli_opt *opts)
{
	(void)argv;
	if (argc > 0) {
		fprintf(stderr, "waymark kpi check: no arguments expected\n");
		return 2;
	}
	struct store *st = cli_open_db(opts, 1);
	if (!st)
		return 1;
	struct calendar cal;
	long shown = 0, diffs = -1;
	if (calendar_load(st, &cal) == 0) {
		diffs = kpisum_check(st, &cal.wc, print_line, &shown);
		calendar_free(&cal);
	}
	if (diffs < 0)
		fprintf(stderr, "waymark kpi check: %s\n", store_errmsg(st));
	else if (diffs)
		fprintf(stderr, "waymark kpi check: %ld differences between the summaries and a recount\n", diffs);
	else
		printf("the follow-up KPI summaries equal a recount from raw rows\n");
	store_close(st);
	return diffs ? 1 : 0;
}

int cmd_kpi_rebuild(int argc, char **argv, struct cli_opt *opts)
{
	(void)argv;
	if (argc > 0) {
		fprintf(stderr, "waymark kpi rebuild: no arguments expected\n");
		return 2;
	}
	struct store *st = cli_open_db(opts, 1);
	if (!st)
		return 1;
	struct calendar cal;
	int rc = -1;
	if (calendar_load(st, &cal) == 0) {
		if (store_begin(st) == 0) {
			rc = kpisum_rebuild(st, &cal.wc);
			rc = rc == 0 ? store_commit(st) : (store_rollback(st), -1);
		}
		calendar_free(&cal);
	}
	if (rc)
		fprintf(stderr, "waymark kpi rebuild: %s\n", store_errmsg(st));
	store_close(st);
	return rc ? 1 : 0;
}
