/* `waymark report show|check|rebuild`: a report as JSON from the summaries (or --raw rows) with the time taken,
 * and the report summaries checked against or rebuilt from a recount of raw rows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli/cli.h"
#include "core/datetime.h"
#include "core/londontime.h"
#include "ops/reports.h"
#include "store/report_sum.h"

static double ms_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* The period of --from/--to (default: the 30 days to today). 0, or 2 after a message. */
int cli_report_period(const char *cmd, const struct cli_opt *opts, int64_t *from_day, int64_t *to_day)
{
	*to_day = london_local_days((int64_t)time(NULL));
	const char *to = cli_get(opts, "to"), *from = cli_get(opts, "from");
	if (to && dt_parse_date(to, to_day)) {
		fprintf(stderr, "waymark %s: --to '%s' is not a date; write it like 2026-03-31\n", cmd, to);
		return 2;
	}
	*from_day = *to_day - 29;
	if (from && dt_parse_date(from, from_day)) {
		fprintf(stderr, "waymark %s: --from '%s' is not a date; write it like 2026-03-01\n", cmd, from);
		return 2;
	}
	if (*from_day > *to_day) {
		fprintf(stderr, "waymark %s: --from is after --to\n", cmd);
		return 2;
	}
	return 0;
}

static void print_row(const struct ops_report *o, const struct report_row *row)
{
	printf("{\"key\":\"%s\",\"values\":{", row->key);
	for (size_t j = 0; j < o->t.nm; j++) {
		double v;
		int is_int;
		printf("%s\"%s\":", j ? "," : "", report_measures[o->t.m[j]].key);
		if (!report_value(&o->t, row, j, &v, &is_int))
			printf("null");
		else if (is_int)
			printf("%lld", (long long)v);
		else
			printf("%.2f", v);
	}
	printf("}}");
}

int cmd_report_show(int argc, char **argv, struct cli_opt *opts)
{
	if (argc != 1) {
		fprintf(stderr, "waymark report show: give one report name, like activity\n");
		return 2;
	}
	int r = report_by_name(argv[0]);
	int d = report_dim_by_name(cli_get(opts, "by"));
	if (r < 0 || d == -1 || !report_dim_fits((enum report_id)r, d)) {
		fprintf(stderr, "waymark report show: no report '%s' by '%s'\n", argv[0], cli_get_or(opts, "by", ""));
		return 2;
	}
	int64_t from_day, to_day;
	if (cli_report_period("report show", opts, &from_day, &to_day))
		return 2;
	int repeat = atoi(cli_get_or(opts, "repeat", "1"));
	if (repeat < 1 || repeat > 100000) {
		fprintf(stderr, "waymark report show: --repeat must be 1 to 100000\n");
		return 2;
	}
	struct store *st = cli_open_db(opts, 1);
	if (!st)
		return 1;
	struct ops_ctx c = { .db = st, .role = ROLE_PROGRAMME_LEAD, .now = (int64_t)time(NULL), .addr = "", .request_id = "" };
	struct ops_report o;
	double best = -1, total = 0;
	enum ops_result res = OPS_OK;
	for (int i = 0; i < repeat && res == OPS_OK; i++) {
		struct timespec t0;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		res = ops_report_days(&c, (enum report_id)r, d, from_day, to_day, cli_get(opts, "raw") != NULL, &o);
		double ms = ms_since(&t0);
		total += ms;
		if (best < 0 || ms < best)
			best = ms;
		if (i + 1 < repeat || res != OPS_OK)
			ops_report_free(&o);
	}
	if (res != OPS_OK) {
		fprintf(stderr, "waymark report show: %s\n", store_errmsg(st));
		store_close(st);
		return 1;
	}
	char f[DT_DATE_LEN], t[DT_DATE_LEN];
	dt_format_date(from_day, f);
	dt_format_date(to_day, t);
	printf("{\"report\":\"%s\",\"from\":\"%s\",\"to\":\"%s\",\"by\":\"%s\",\"from_summaries\":%s,\"rows\":[", argv[0], f,
	       t, d >= 0 ? report_dims[d].key : "", o.from_summaries ? "true" : "false");
	for (size_t i = 0; i < o.t.nrows; i++) {
		if (i)
			putchar(',');
		print_row(&o, &o.t.rows[i]);
	}
	printf("],\"total\":");
	print_row(&o, &o.t.total);
	printf(",\"ms_best\":%.3f,\"ms_mean\":%.3f}\n", best, total / repeat);
	ops_report_free(&o);
	store_close(st);
	return 0;
}

static void print_line(void *ctx, const char *line)
{
	long *n = ctx;
	if ((*n)++ < 50)
		fprintf(stderr, "%s\n", line);
}

int cmd_report_check(int argc, char **argv, struct cli_opt *opts)
{
	(void)argv;
	if (argc > 0) {
		fprintf(stderr, "waymark report check: no arguments expected\n");
		return 2;
	}
	struct store *st = cli_open_db(opts, 1);
	if (!st)
		return 1;
	long shown = 0;
	long diffs = rptsum_check(st, print_line, &shown);
	if (diffs < 0)
		fprintf(stderr, "waymark report check: %s\n", store_errmsg(st));
	else if (diffs)
		fprintf(stderr, "waymark report check: %ld differences between the summaries and a recount\n", diffs);
	else
		printf("the report summaries equal a recount from raw rows\n");
	store_close(st);
	return diffs ? 1 : 0;
}

int cmd_report_rebuild(int argc, char **argv, struct cli_opt *opts)
{
	(void)argv;
	if (argc > 0) {
		fprintf(stderr, "waymark report rebuild: no arguments expected\n");
		return 2;
	}
	struct store *st = cli_open_db(opts, 1);
	if (!st)
		return 1;
	int rc = -1;
	if (store_begin(st) == 0) {
		rc = rptsum_rebuild(st);
		rc = rc == 0 ? store_commit(st) : (store_rollback(st), -1);
	}
	if (rc)
		fprintf(stderr, "waymark report rebuild: %s\n", store_errmsg(st));
	store_close(st);
	return rc ? 1 : 0;
}

int cmd_report_doc(int argc, char **argv, struct cli_opt *opts)
{
	(void)argv;
	(void)opts;
	if (argc > 0) {
		fprintf(stderr, "waymark report doc: no arguments expected\n");
		return 2;
	}
	printf("<!-- generated by `waymark report doc` from src/core/report_measures.def and report_dims.def -->\n\n");
	printf("## Measures\n\n");
	for (int r = 0; r < REPORT__N; r++) {
		printf("### `%s`\n\n| measure | definition | the period is decided by |\n|---|---|---|\n", report_names[r]);
		for (size_t i = 0; i < report_measure_count; i++)
			if ((int)report_measures[i].report == r)
				printf("| `%s` | %s | %s |\n", report_measures[i].key, report_measures[i].definition,
				       report_measures[i].decided_by);
		printf("\n");
	}
	printf("## Dimensions\n\n| `by` | breakdown | source |\n|---|---|---|\n");
	for (size_t i = 0; i < report_dim_count; i++)
		printf("| `%s` | %s | %s |\n", report_dims[i].key, report_dims[i].label, report_dims[i].source);
	printf("\n<!-- end of generated section -->\n");
	return 0;
}
