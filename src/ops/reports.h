/* The reports as the API, the pages and the CLI ask for them: the report, period and breakdown checked, the
 * facts tallied for the acting user (a provider manager sees their organisation only; a commissioner sees small
 * numbers withheld, the setting report_suppression_threshold; the hub and the programme lead see exact figures). */
#ifndef WAYMARK_OPS_REPORTS_H
#define WAYMARK_OPS_REPORTS_H
#include "core/report.h"
#include "ops/ops.h"

struct ops_report {
	struct report_table t;
	struct report_period p;
	struct report_ref *ref;
	int threshold;      /* 0: exact figures */
	int from_summaries; /* 1 when read from the summaries (store/report_sum.c), 0 from raw rows */
	/* Population of each row's key when the dimension is one of areas (hwp_area, place_board, waveney): the
	 * latest mid-year estimates of data/population.csv, summed; npop 0 otherwise. */
	struct {
		char key[REPORT_KEY_MAX];
		int64_t population;
	} pop[16];
	size_t npop;
};

/* The population of a row key (0 when unknown). */
int64_t ops_report_population(const struct ops_report *o, const char *key);

/* Reads report (a name such as "activity") for from..to (YYYY-MM-DD; NULL or "": the 30 days to today) broken
 * down by `by` (NULL or "": totals only). Field errors name "report", "from", "to" or "by" (OPS_INVALID).
 * Free with ops_report_free whatever the result. */
enum ops_result ops_report_read(const struct ops_ctx *c, const char *report, const char *from, const char *to,
				const char *by, struct ops_report *out, struct field_errors *fe);
/* The same for days already checked (the board pack, the CLI); raw 1 counts from raw rows even where the
 * summaries could answer. */
enum ops_result ops_report_days(const struct ops_ctx *c, enum report_id r, int dim, int64_t from_day, int64_t to_day,
				int raw, struct ops_report *out);
/* The same limited to the facts of one HWP area or Place Board (area: a code of either; HWP areas first). */
enum ops_result ops_report_area_days(const struct ops_ctx *c, enum report_id r, int dim, const char *area,
				     int64_t from_day, int64_t to_day, struct ops_report *out);
void ops_report_free(struct ops_report *o);
#endif
