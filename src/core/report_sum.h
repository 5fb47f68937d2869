/* The reports' summaries in memory: what referral and triage fact rows add to each (grain, period, measure,
 * area, source, channel, tier) cell, kept as a table of counts and sums to write, compare or read. */
#ifndef WAYMARK_CORE_REPORT_SUM_H
#define WAYMARK_CORE_REPORT_SUM_H
#include <stdint.h>
#include "core/report.h"

#define REPORT_SUM_TEXT 48

struct report_sum_row {
	int grain;      /* 0: a London day (period = day number); 1: a month (core/kpisum.h month number) */
	int64_t period;
	char measure[REPORT_SUM_TEXT], area[REPORT_SUM_TEXT], source[REPORT_SUM_TEXT], channel[REPORT_SUM_TEXT],
		tier[REPORT_SUM_TEXT];
	int64_t n, sum;
};

/* 1 when facts of this kind are kept in the summaries (referrals and triage decisions). */
int report_sum_kind(enum report_fact_kind k);
/* 1 when a report's figures by dimension d (-2: totals) can be read from the summaries. */
int report_sum_fits(enum report_id r, int d);

struct report_sum_acc;
struct report_sum_acc *report_sum_acc_new(void);
void report_sum_acc_free(struct report_sum_acc *a);
/* Adds (sign 1) or takes away (-1) what a fact adds to every measure summarised. 0 or -1 (out of memory). */
int report_sum_add_fact(struct report_sum_acc *a, const struct report_fact *f, int sign);
/* Adds a stored row as it is, times sign. 0 or -1. */
int report_sum_add_row(struct report_sum_acc *a, const struct report_sum_row *r, int sign);
/* Each row whose n or sum is not 0; fn returns non-zero to stop. Returns rows passed, or the stop value. */
long report_sum_each(const struct report_sum_acc *a, int (*fn)(void *ctx, const struct report_sum_row *r), void *ctx);

/* Adds a summary row to a table being tallied (the row's measure and keys stand for its facts). 0 or -1. */
int report_table_add_sum(struct report_table *t, const struct report_sum_row *r, const struct report_ref *ref);
#endif
