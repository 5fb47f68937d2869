/* The reports' summaries in memory: what referral and triage fact rows add to each (grain, period, measure,
 * area, source, channel, tier) cell, and what case-side fact rows (cases, sessions, onward referrals, unmet needs,
 * outcome pairs, volunteer tasks) add to each (grain, period, measure, area, dimension, key) cell, kept as a table
 * of counts and sums to write, compare or read. */
#ifndef WAYMARK_CORE_REPORT_SUM_H
#define WAYMARK_CORE_REPORT_SUM_H
#include <stdint.h>
#include "core/report.h"

#define REPORT_SUM_TEXT 48

struct report_sum_row {
	int table;      /* 0: report_sums (referrals, triage decisions); 1: report_dim_sums (case-side facts) */
	int grain;      /* 0: a London day (period = day number); 1: a month (core/kpisum.h month number) */
	int64_t period;
	char measure[REPORT_SUM_TEXT], area[REPORT_SUM_TEXT], source[REPORT_SUM_TEXT], channel[REPORT_SUM_TEXT],
		tier[REPORT_SUM_TEXT]; /* table 0 */
	char dim[REPORT_SUM_TEXT], key[REPORT_KEY_MAX]; /* table 1 (area too) */
	int64_t n, sum;
};

/* 1 when facts of this kind are kept in the summaries (referrals and triage decisions). */
int report_sum_kind(enum report_fact_kind k);
/* 1 when a report's figures by dimension d (-2: totals) can be read from the summaries. */
int report_sum_fits(enum report_id r, int d);
/* 1 when a report's figures of fact kind k by dimension d (-2: totals) can be read from the summaries (report_sums
 * for referrals and triage decisions, report_dim_sums for the case-side kinds). */
int report_sum_fits_kind(enum report_id r, int d, enum report_fact_kind k);

/* 1 when facts of this kind are kept in report_dim_sums (cases, sessions, onward, unmet, outcomes, tasks). */
int report_dsum_kind(enum report_fact_kind k);
/* The stored dimension report_dim_sums rows of kind k are read from for a table by dimension d (-2: totals):
 * "" (the area's total: areas, boards, months), "practice" (PCN, cluster), "outcode" (rurality) or d's own key. */
const char *report_dsum_stored_dim(int d, enum report_fact_kind k);
/* 1 for a measure kept as +1 / -1 deltas summed from the beginning to the period's end (the open caseload). */
int report_sum_cumulative(const struct report_measure *m);

struct report_sum_acc;
struct report_sum_acc *report_sum_acc_new(void);
void report_sum_acc_free(struct report_sum_acc *a);
/* Forgets every row, keeping the memory for the next (a recount flushed to the store). */
void report_sum_acc_clear(struct report_sum_acc *a);
/* Keeps only rows whose period % mod is part from now on (a recount in slices: mod 1 keeps every row). */
void report_sum_acc_part(struct report_sum_acc *a, int mod, int part);
/* Rows held. */
size_t report_sum_acc_size(const struct report_sum_acc *a);
/* Adds (sign 1) or takes away (-1) what a fact adds to every measure summarised. 0 or -1 (out of memory). */
int report_sum_add_fact(struct report_sum_acc *a, const struct report_fact *f, int sign);
/* The case-side part of report_sum_add_fact (core/report_dsum.c). 0 or -1. */
int report_dsum_add_fact(struct report_sum_acc *a, const struct report_fact *f, int sign);
/* Adds a stored row as it is, times sign. 0 or -1. */
int report_sum_add_row(struct report_sum_acc *a, const struct report_sum_row *r, int sign);
/* Each row whose n or sum is not 0; fn returns non-zero to stop. Returns rows passed, or the stop value. */
long report_sum_each(const struct report_sum_acc *a, int (*fn)(void *ctx, const struct report_sum_row *r), void *ctx);

/* Adds a summary row to a table being tallied (the row's measure and keys stand for its facts). 0 or -1. */
int report_table_add_sum(struct report_table *t, const struct report_sum_row *r, const struct report_ref *ref);
/* Adds a report_dim_sums row (table 1) to a table: only to measures whose kind is read from the row's stored
 * dimension; cumulative measures only when cumulative is 1 (then keyed as at the period's end, end_utc), the
 * others only when it is 0. 0 or -1. */
int report_table_add_dsum(struct report_table *t, const struct report_sum_row *r, const struct report_ref *ref,
			  int cumulative, int64_t end_utc);
#endif
