/* Small-number suppression: primary, secondary across a group, percentages. */
#include "core/suppress.h"

int64_t suppress_round5(int64_t v)
{
	if (v < 0)
		return -suppress_round5(-v);
	return (v + 2) / 5 * 5; /* counts are whole: no value sits half way */
}

void suppress_cell(struct sup_cell *c, int64_t exact, int threshold)
{
	c->exact = exact;
	c->withheld = exact >= 1 && exact <= threshold;
	c->shown = c->withheld ? 0 : suppress_round5(exact);
}

size_t suppress_group(struct sup_cell *cells, const int64_t *exact, size_t n, struct sup_cell *total,
		      int threshold)
{
	int64_t sum = 0;
	for (size_t i = 0; i < n; i++) {
		suppress_cell(&cells[i], exact[i], threshold);
		sum += exact[i];
	}
	suppress_cell(total, sum, threshold);
	size_t withheld = 0;
	for (size_t i = 0; i < n; i++)
		withheld += (size_t)cells[i].withheld;
	if (withheld != 1 || total->withheld)
		return 0; /* none, or two or more: no one count can be worked out */
	/* The smallest shown non-zero count goes too. */
	size_t pick = n;
	for (size_t i = 0; i < n; i++)
		if (!cells[i].withheld && cells[i].exact != 0 && (pick == n || cells[i].exact < cells[pick].exact))
			pick = i;
	if (pick == n) {
		/* Every other count is 0: the total would be the withheld count. */
		total->withheld = 1;
		return 0;
	}
	cells[pick].withheld = 1;
	return 1;
}

int suppress_percent(const struct sup_cell *num, const struct sup_cell *den, int64_t *x100)
{
	if (num->withheld || den->withheld || den->exact == 0)
		return -1;
	/* Rounded half up to a hundredth of a percent. */
	*x100 = (num->exact * 20000 + den->exact) / (2 * den->exact);
	return 0;
}
