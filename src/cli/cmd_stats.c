/* `waymark stats paired FILE`: the paired outcome statistics of core/stats for
 * pairs read from FILE (or - for standard input), printed as JSON, so that an
 * independent implementation can check them (tests/api/stats_scipy.test.mjs). */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "core/stats.h"

/* A number, or null when it could not be computed. */
static void stats_print_num(const char *key, double v, int last)
{
	if (isnan(v) || isinf(v))
		printf("\"%s\":null%s", key, last ? "" : ",");
	else
		printf("\"%s\":%.17g%s", key, v, last ? "" : ",");
}

static const char *stats_method_name(enum stats_wilcoxon_method m)
{
	return m == STATS_WILCOXON_EXACT ? "exact" : m == STATS_WILCOXON_NORMAL ? "normal" : "none";
}

int cmd_stats_paired(int argc, char **argv, struct cli_opt *opts)
{
	(void)opts;
	if (argc != 1) {
		fprintf(stderr, "waymark stats paired: give one FILE of lines \"BASELINE FOLLOWUP\" in hundredths of a point\n");
		return 2;
	}
	FILE *in = strcmp(argv[0], "-") == 0 ? stdin : fopen(argv[0], "r");
	if (!in) {
		perror(argv[0]);
		return 1;
	}
	size_t n = 0, cap = 1024;
	int64_t *b = malloc(cap * sizeof *b), *f = malloc(cap * sizeof *f);
	int64_t x, y;
	int rc = 0, got;
	while (b && f && (got = fscanf(in, "%" SCNd64 " %" SCNd64, &x, &y)) == 2) {
		if (n == cap) {
			cap *= 2;
			int64_t *nb = realloc(b, cap * sizeof *b), *nf = nb ? realloc(f, cap * sizeof *f) : NULL;
			if (nb)
				b = nb;
			if (nf)
				f = nf;
			if (!nb || !nf) {
				rc = 1;
				break;
			}
		}
		b[n] = x;
		f[n++] = y;
	}
	if (!rc && (!b || !f || !feof(in))) {
		fprintf(stderr, "waymark stats paired: line %zu is not two whole numbers\n", n + 1);
		rc = 1;
	}
	if (in != stdin)
		fclose(in);
	void *scratch = rc ? NULL : malloc(stats_scratch_bytes(n));
	struct stats_paired s;
	if (!rc && (!scratch || stats_paired(b, f, n, scratch, &s) != 0)) {
		fprintf(stderr, "waymark stats paired: a score is out of range\n");
		rc = 1;
	}
	if (!rc) {
		printf("{\"n_paired\":%zu,", s.n);
		stats_print_num("baseline_mean", s.baseline_mean, 0);
		stats_print_num("baseline_sd", s.baseline_sd, 0);
		stats_print_num("followup_mean", s.followup_mean, 0);
		stats_print_num("followup_sd", s.followup_sd, 0);
		stats_print_num("mean_change", s.mean_change, 0);
		stats_print_num("sd_change", s.sd_change, 0);
		stats_print_num("ci95_low", s.ci95_low, 0);
		stats_print_num("ci95_high", s.ci95_high, 0);
		stats_print_num("median_change", s.median_change, 0);
		stats_print_num("wilcoxon_w", s.wilcoxon_w, 0);
		stats_print_num("wilcoxon_p", s.wilcoxon_p, 0);
		stats_print_num("wilcoxon_z", s.wilcoxon_z, 0);
		printf("\"wilcoxon_n\":%zu,\"wilcoxon_method\":\"%s\",", s.wilcoxon_n, stats_method_name(s.wilcoxon_method));
		stats_print_num("effect_size", s.effect_size, 1);
		printf("}\n");
	}
	free(scratch);
	free(b);
	free(f);
	return rc;
}
