/* `waymark score INSTRUMENT ANSWER...`: scores a paper form with the same
 * core function the server uses; bad answers exit non-zero with the reason. */
#include <stdio.h>
#include <stdlib.h>
#include "cli/cli.h"
#include "core/instrument.h"

int cmd_score(int argc, char **argv, struct cli_opt *opts)
{
	(void)opts;
	if (argc < 1) {
		fprintf(stderr, "waymark score: give the instrument (swemwbs, ons4, gse, eqvas) and its answers\n");
		return 2;
	}
	enum instrument_id id = instrument_lookup(argv[0]);
	if (id == INSTRUMENT_UNKNOWN) {
		fprintf(stderr, "waymark score: unknown instrument '%s'; use swemwbs, ons4, gse or eqvas\n", argv[0]);
		return 2;
	}
	int answers[32];
	size_t n = 0;
	for (int i = 1; i < argc; i++) {
		char *end;
		long v = strtol(argv[i], &end, 10);
		if (*end || end == argv[i] || n >= sizeof answers / sizeof answers[0]) {
			fprintf(stderr, "waymark score: answer %d ('%s') is not a whole number\n", i, argv[i]);
			return 2;
		}
		answers[n++] = (int)v;
	}
	struct instrument_score s;
	char err[256];
	if (instrument_score(id, answers, n, &s, err, sizeof err)) {
		fprintf(stderr, "waymark score: %s\n", err);
		return 1;
	}
	const struct instrument_def *def = instrument_get(id);
	if (id == INSTRUMENT_ONS4) {
		printf("%s:", def->label);
		for (int i = 0; i < INSTRUMENT_ONS4__MAX; i++)
			printf(" %s=%d (%s)", i == 0 ? "life_satisfaction" : i == 1 ? "worthwhile" : i == 2 ? "happiness" : "anxiety",
			       s.ons4[i], instrument_band_name(instrument_ons4_band((enum instrument_ons4_item)i, s.ons4[i])));
		printf("\n");
	} else if (id == INSTRUMENT_SWEMWBS) {
		printf("%s: raw %d, metric score %d.%02d\n", def->label, s.raw, s.score_x100 / 100, s.score_x100 % 100);
	} else {
		printf("%s: %d\n", def->label, s.raw);
	}
	return 0;
}
