/* An in-memory tally of follow-up KPI summary rows (sums and histograms), added to one referral's contribution at a time. */
#ifndef WAYMARK_CORE_KPISUM_ACC_H
#define WAYMARK_CORE_KPISUM_ACC_H
#include <stddef.h>
#include <stdint.h>
#include "core/kpisum.h"

enum kpisum_kind {
	KPISUM_SUMS = 0,
	KPISUM_HIST_HOURS = KPISUM_HOURS,
	KPISUM_HIST_MINUTES = KPISUM_MINUTES,
	KPISUM_HIST_DUE = KPISUM_DUE
};

/* Columns of a sums row; a histogram row uses only KPISUM_N. */
enum { KPISUM_COUNTED, KPISUM_LEFT_OUT, KPISUM_WITHIN, KPISUM_LATE, KPISUM_ATTEMPTS, KPISUM_LAST_CONTACT, KPISUM_NCOL };
#define KPISUM_N 0

struct kpisum_row {
	enum kpisum_kind kind;
	int grain;
	int64_t period, value; /* value: 0 for sums; hours or minutes for histograms */
	const char *area;
	int64_t v[KPISUM_NCOL];
};

struct kpisum_acc;
struct kpisum_acc *kpisum_acc_new(void);
void kpisum_acc_free(struct kpisum_acc *acc);

/*
 * Adds (sign 1) or takes away (sign -1) a referral's contribution: a sums
 * row for its day and its month, an hours row for each, a minutes row for
 * the month (those two only when contacted), a due-hour row for each (only
 * when counted and not contacted). The last contact time is a
 * maximum and only grows. 0, or -1 when out of memory.
 */
int kpisum_acc_add(struct kpisum_acc *acc, const struct kpisum_contrib *c, int sign);
/* Adds a stored row as it is (for comparing with a recount). 0 or -1. */
int kpisum_acc_add_row(struct kpisum_acc *acc, const struct kpisum_row *r);

/* The rows in key order (kind, grain, period, value, area), rows of all zeros
 * (last contact aside) left out; fn returns non-zero to stop. Returns rows seen or -1 (out of memory). */
/* Orders rows by key: kind, grain, period, value, area. */
int kpisum_row_key_cmp(const struct kpisum_row *a, const struct kpisum_row *b);

long kpisum_acc_each(const struct kpisum_acc *acc, int (*fn)(void *ctx, const struct kpisum_row *r), void *ctx);
#endif
