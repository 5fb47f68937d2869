/* Small-number suppression for figures commissioners see: counts from 1 to
 * the threshold (7 by default, a setting) are withheld, the rest rounded to
 * the nearest 5 (the NHS Digital convention for sub-national figures), and
 * secondary suppression so that no withheld count can be worked out from a
 * total and the other counts shown. */
#ifndef WAYMARK_CORE_SUPPRESS_H
#define WAYMARK_CORE_SUPPRESS_H
#include <stddef.h>
#include <stdint.h>

#define SUPPRESS_THRESHOLD_DEFAULT 7

/* One figure: its exact value, and once suppressed, what may be shown. */
struct sup_cell {
	int64_t exact;
	int64_t shown;  /* rounded to the nearest 5; meaningless when withheld */
	int withheld;   /* 1 when not to be shown (null in the API) */
};

/* The nearest multiple of 5 (halves go up: 2.5 -> 5, 12.5 -> 15). */
int64_t suppress_round5(int64_t v);

/* Primary suppression of one count: withheld when 1..threshold. */
void suppress_cell(struct sup_cell *c, int64_t exact, int threshold);

/*
 * A group of counts that add up to total (a table row across its columns, or
 * a column down its rows): primary suppression of each and of the total,
 * then secondary: when exactly one count of the group is withheld and the
 * total is shown, the smallest other non-zero count is withheld too (so the
 * difference gives nothing away), or the total when every other count is 0.
 * cells[0..n) and total are filled. Returns how many counts the secondary
 * rule withheld (0 or 1).
 */
size_t suppress_group(struct sup_cell *cells, const int64_t *exact, size_t n, struct sup_cell *total,
		      int threshold);

/*
 * A percentage num/den as hundredths of a percent (12.34% is 1234), from
 * figures that may be withheld: withheld when either is, or den is 0.
 * Computed from the exact figures (a rounded count would mislead), and
 * returned through *x100.
 */
int suppress_percent(const struct sup_cell *num, const struct sup_cell *den, int64_t *x100);
#endif
