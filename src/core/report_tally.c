/* A report's table: facts tallied into rows by a dimension's key and a total, small numbers withheld for
 * commissioners (primary and secondary, per column against the total), and each figure as shown. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/report.h"

void report_table_init(struct report_table *t, enum report_id r, int dim, int64_t org_only)
{
	memset(t, 0, sizeof *t);
	t->report = r;
	t->dim = dim;
	t->org_only = org_only;
	t->nm = report_measures_of(r, t->m, REPORT_MEASURES_MAX);
	strcpy(t->total.key, "total");
}

void report_table_free(struct report_table *t)
{
	free(t->rows);
	t->rows = NULL;
	t->nrows = t->cap = 0;
}

static struct report_row *row_for(struct report_table *t, const char *key)
{
	for (size_t i = t->nrows; i-- > 0;)
		if (strcmp(t->rows[i].key, key) == 0)
			return &t->rows[i];
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		struct report_row *r = realloc(t->rows, cap * sizeof *r);
		if (!r)
			return NULL;
		t->rows = r;
		t->cap = cap;
	}
	struct report_row *r = &t->rows[t->nrows++];
	memset(r, 0, sizeof *r);
	snprintf(r->key, sizeof r->key, "%s", key);
	return r;
}

int report_table_add_cell(struct report_table *t, size_t j, const char *key, int64_t n, int64_t sum)
{
	struct report_row *r = row_for(t, key);
	if (!r)
		return -1;
	r->c[j].n += n;
	r->c[j].sum += sum;
	t->total.c[j].n += n;
	t->total.c[j].sum += sum;
	return 0;
}

int report_table_area_ok(const struct report_table *t, const char *area, const struct report_ref *ref)
{
	if (!t->area_only[0])
		return 1;
	if (!area || !*area)
		return 0;
	if (!t->area_is_board)
		return strcmp(area, t->area_only) == 0;
	const char *board = report_ref_get(ref, "place_board", area);
	return board && strcmp(board, t->area_only) == 0;
}

int report_table_add(struct report_table *t, const struct report_fact *f, const struct report_period *p,
		     const struct report_ref *ref)
{
	if ((t->org_only && f->org_id != t->org_only) || !report_table_area_ok(t, f->area, ref))
		return 0;
	for (size_t j = 0; j < t->nm; j++) {
		const struct report_measure *m = &report_measures[t->m[j]];
		int64_t at = REPORT_NONE, v = 0;
		if (m->kind != f->kind || !m->fn(f, p, &at, &v))
			continue;
		char key[REPORT_KEY_MAX];
		report_dim_key(t->dim, f, at, ref, key);
		if (report_table_add_cell(t, j, key, 1, v))
			return -1;
	}
	return 0;
}

static int row_cmp(const void *a, const void *b)
{
	return strcmp(((const struct report_row *)a)->key, ((const struct report_row *)b)->key);
}

void report_table_sort(struct report_table *t)
{
	if (t->nrows > 1)
		qsort(t->rows, t->nrows, sizeof *t->rows, row_cmp);
}

/* 1 when a count in 1..threshold could point at a person. */
static int small(int64_t n, int threshold)
{
	return threshold > 0 && n >= 1 && n <= threshold;
}

void report_suppress(struct report_table *t, int threshold)
{
	t->rounded = threshold > 0;
	for (size_t j = 0; j < t->nm; j++) {
		enum report_agg agg = report_measures[t->m[j]].agg;
		if (threshold <= 0) {
			for (size_t i = 0; i < t->nrows; i++)
				t->rows[i].withheld[j] = 0;
			t->total.withheld[j] = 0;
			continue;
		}
		if (agg == RA_COUNT) {
			struct sup_cell *cells = calloc(t->nrows ? t->nrows : 1, sizeof *cells);
			int64_t *exact = calloc(t->nrows ? t->nrows : 1, sizeof *exact);
			if (!cells || !exact) { /* withhold everything rather than show too much */
				free(cells);
				free(exact);
				for (size_t i = 0; i < t->nrows; i++)
					t->rows[i].withheld[j] = 1;
				t->total.withheld[j] = 1;
				continue;
			}
			for (size_t i = 0; i < t->nrows; i++)
				exact[i] = t->rows[i].c[j].n;
			suppress_group(cells, exact, t->nrows, &t->total.s[j], threshold);
			for (size_t i = 0; i < t->nrows; i++) {
				t->rows[i].s[j] = cells[i];
				t->rows[i].withheld[j] = cells[i].withheld;
			}
			t->total.withheld[j] = t->total.s[j].withheld;
			free(cells);
			free(exact);
			continue;
		}
		if (agg == RA_FTE) /* staff time, not people served: shown as it is */
			continue;
		for (size_t i = 0; i <= t->nrows; i++) {
			struct report_row *r = i < t->nrows ? &t->rows[i] : &t->total;
			int w = small(r->c[j].n, threshold);
			if (agg == RA_PERCENT)
				w = w || small(r->c[j].sum, threshold) || small(r->c[j].n - r->c[j].sum, threshold);
			r->withheld[j] = w;
		}
	}
}

int report_value(const struct report_table *t, const struct report_row *row, size_t j, double *v, int *is_int)
{
	const struct report_measure *m = &report_measures[t->m[j]];
	const struct report_cell *c = &row->c[j];
	*is_int = 0;
	if (row->withheld[j])
		return 0;
	switch (m->agg) {
	case RA_COUNT:
		*is_int = 1;
		*v = (double)(t->rounded ? row->s[j].shown : c->n);
		return 1;
	case RA_MEAN:
		if (!c->n)
			return 0;
		*v = (double)c->sum / (double)c->n;
		return 1;
	case RA_MEAN100:
		if (!c->n)
			return 0;
		*v = (double)c->sum / (double)c->n / 100.0;
		return 1;
	case RA_PERCENT:
		if (!c->n)
			return 0;
		*v = 100.0 * (double)c->sum / (double)c->n;
		return 1;
	case RA_HOURS:
		*v = (double)c->sum / 60.0;
		return 1;
	case RA_FTE:
		*v = (double)c->sum / 100.0;
		return 1;
	}
	return 0;
}
