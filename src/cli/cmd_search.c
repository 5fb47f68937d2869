/* `waymark referrals search`: the referral list's search (?q) through the same store function as GET /api/v1/referrals, timed; prints counts and times only, no personal data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli/cli.h"
#include "core/page.h"
#include "core/search.h"
#include "store/referral.h"

static void count_row(void *ctx, const struct referral_summary *s)
{
	(void)s;
	(*(int *)ctx)++;
}

static double ms_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

int cmd_referrals_search(int argc, char **argv, struct cli_opt *opts)
{
	if (cli_no_args("referrals search", argc, argv))
		return 2;
	const char *q = cli_get(opts, "q");
	struct search_query s;
	if (!q || search_parse(q, &s)) {
		fprintf(stderr, "waymark referrals search: --q must be a name, an NHS number or a reference (at most %d characters)\n",
			PAGE_Q_MAX);
		return 2;
	}
	int repeat = atoi(cli_get_or(opts, "repeat", "1"));
	if (repeat < 1 || repeat > 100000) {
		fprintf(stderr, "waymark referrals search: --repeat must be 1 to 100000\n");
		return 2;
	}
	struct store *st = cli_open_db(opts, 1);
	if (!st)
		return 1;
	static const char *const kinds[] = { "all", "nhs_number", "reference", "name" };
	double best = -1, total = 0;
	int found = 0, rc = 0;
	for (int i = 0; i < repeat && rc >= 0; i++) {
		struct referral_list_query lq = { INT64_MAX, "", "", PAGE_LIMIT_DEFAULT, 0 };
		lq.search = &s;
		found = 0;
		struct timespec t0;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		rc = referral_store_list(st, &lq, count_row, &found);
		double ms = ms_since(&t0);
		total += ms;
		if (best < 0 || ms < best)
			best = ms;
	}
	if (rc < 0) {
		fprintf(stderr, "waymark referrals search: %s\n", store_errmsg(st));
		store_close(st);
		return 1;
	}
	printf("{\"kind\":\"%s\",\"found\":%d,\"limit\":%d,\"ms_best\":%.3f,\"ms_mean\":%.3f}\n", kinds[s.kind], found,
	       PAGE_LIMIT_DEFAULT, best, total / repeat);
	store_close(st);
	return 0;
}
