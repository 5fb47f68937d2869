/* An in-memory tally of follow-up KPI summary rows (sums and histograms), added to one referral's contribution at a time. */
#include <stdlib.h>
#include <string.h>
#include "core/kpisum_acc.h"

struct slot {
	int used;
	struct kpisum_row row; /* row.area points into the interned areas */
};

struct kpisum_acc {
	struct slot *slots;
	size_t cap, n;
	char **areas;
	size_t nareas;
};

struct kpisum_acc *kpisum_acc_new(void)
{
	struct kpisum_acc *a = calloc(1, sizeof *a);
	if (!a)
		return NULL;
	a->cap = 1024;
	if (!(a->slots = calloc(a->cap, sizeof *a->slots))) {
		free(a);
		return NULL;
	}
	return a;
}

void kpisum_acc_free(struct kpisum_acc *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < a->nareas; i++)
		free(a->areas[i]);
	free(a->areas);
	free(a->slots);
	free(a);
}

static const char *intern(struct kpisum_acc *a, const char *area)
{
	for (size_t i = 0; i < a->nareas; i++)
		if (strcmp(a->areas[i], area) == 0)
			return a->areas[i];
	char **p = realloc(a->areas, (a->nareas + 1) * sizeof *p);
	if (!p)
		return NULL;
	a->areas = p;
	if (!(p[a->nareas] = strdup(area)))
		return NULL;
	return p[a->nareas++];
}

/* Interned areas compare by pointer. */
static uint64_t hash_key(int kind, int grain, int64_t period, int64_t value, const char *area)
{
	uint64_t h = 1469598103934665603ULL;
	uint64_t parts[5] = { (uint64_t)kind, (uint64_t)grain, (uint64_t)period, (uint64_t)value, (uint64_t)(uintptr_t)area };
	for (int i = 0; i < 5; i++) {
		h ^= parts[i];
		h *= 1099511628211ULL;
		h ^= h >> 29;
	}
	return h;
}

static int same_key(const struct kpisum_row *r, int kind, int grain, int64_t period, int64_t value, const char *area)
{
	return (int)r->kind == kind && r->grain == grain && r->period == period && r->value == value && r->area == area;
}

static int grow(struct kpisum_acc *a)
{
	size_t cap = a->cap * 2;
	struct slot *s = calloc(cap, sizeof *s);
	if (!s)
		return -1;
	for (size_t i = 0; i < a->cap; i++) {
		if (!a->slots[i].used)
			continue;
		const struct kpisum_row *r = &a->slots[i].row;
		size_t j = hash_key(r->kind, r->grain, r->period, r->value, r->area) & (cap - 1);
		while (s[j].used)
			j = (j + 1) & (cap - 1);
		s[j] = a->slots[i];
	}
	free(a->slots);
	a->slots = s;
	a->cap = cap;
	return 0;
}

/* The row for the key, created with zeros; NULL when out of memory. */
static struct kpisum_row *row_for(struct kpisum_acc *a, int kind, int grain, int64_t period, int64_t value,
				  const char *area_text)
{
	const char *area = intern(a, area_text);
	if (!area)
		return NULL;
	if ((a->n + 1) * 2 > a->cap && grow(a))
		return NULL;
	size_t j = hash_key(kind, grain, period, value, area) & (a->cap - 1);
	while (a->slots[j].used) {
		if (same_key(&a->slots[j].row, kind, grain, period, value, area))
			return &a->slots[j].row;
		j = (j + 1) & (a->cap - 1);
	}
	a->slots[j].used = 1;
	a->n++;
	struct kpisum_row *r = &a->slots[j].row;
	memset(r, 0, sizeof *r);
	r->kind = (enum kpisum_kind)kind;
	r->grain = grain;
	r->period = period;
	r->value = value;
	r->area = area;
	return r;
}

int kpisum_acc_add(struct kpisum_acc *a, const struct kpisum_contrib *c, int sign)
{
	const int64_t periods[2] = { c->day, c->month };
	for (int g = KPISUM_DAY; g <= KPISUM_MONTH; g++) {
		struct kpisum_row *r = row_for(a, KPISUM_SUMS, g, periods[g], 0, c->area);
		if (!r)
			return -1;
		r->v[KPISUM_COUNTED] += sign * c->counted;
		r->v[KPISUM_LEFT_OUT] += sign * c->left_out;
		r->v[KPISUM_WITHIN] += sign * c->within;
		r->v[KPISUM_LATE] += sign * c->late;
		r->v[KPISUM_ATTEMPTS] += sign * c->attempts;
		if (sign > 0 && c->contact_at > r->v[KPISUM_LAST_CONTACT])
			r->v[KPISUM_LAST_CONTACT] = c->contact_at;
		if (c->due_hour > 0) {
			if (!(r = row_for(a, KPISUM_HIST_DUE, g, periods[g], c->due_hour, c->area)))
				return -1;
			r->v[KPISUM_N] += sign;
		}
		if (c->elapsed < 0)
			continue;
		if (!(r = row_for(a, KPISUM_HIST_HOURS, g, periods[g], c->elapsed / 3600, c->area)))
			return -1;
		r->v[KPISUM_N] += sign;
		if (g == KPISUM_MONTH) {
			if (!(r = row_for(a, KPISUM_HIST_MINUTES, g, periods[g], c->elapsed / 60, c->area)))
				return -1;
			r->v[KPISUM_N] += sign;
		}
	}
	return 0;
}

int kpisum_acc_add_row(struct kpisum_acc *a, const struct kpisum_row *in)
{
	struct kpisum_row *r = row_for(a, in->kind, in->grain, in->period, in->value, in->area);
	if (!r)
		return -1;
	for (int i = 0; i < KPISUM_NCOL; i++)
		r->v[i] += in->v[i];
	return 0;
}

int kpisum_row_key_cmp(const struct kpisum_row *a, const struct kpisum_row *b)
{
	if (a->kind != b->kind)
		return (int)a->kind < (int)b->kind ? -1 : 1;
	if (a->grain != b->grain)
		return a->grain < b->grain ? -1 : 1;
	if (a->period != b->period)
		return a->period < b->period ? -1 : 1;
	if (a->value != b->value)
		return a->value < b->value ? -1 : 1;
	return strcmp(a->area, b->area);
}

static int cmp_row(const void *x, const void *y)
{
	return kpisum_row_key_cmp(*(const struct kpisum_row *const *)x, *(const struct kpisum_row *const *)y);
}

static int all_zero(const struct kpisum_row *r)
{
	for (int i = 0; i < KPISUM_NCOL; i++)
		if (i != KPISUM_LAST_CONTACT && r->v[i])
			return 0;
	return 1;
}

long kpisum_acc_each(const struct kpisum_acc *a, int (*fn)(void *ctx, const struct kpisum_row *r), void *ctx)
{
	const struct kpisum_row **rows = malloc((a->n ? a->n : 1) * sizeof *rows);
	if (!rows)
		return -1;
	size_t n = 0;
	for (size_t i = 0; i < a->cap; i++)
		if (a->slots[i].used && !all_zero(&a->slots[i].row))
			rows[n++] = &a->slots[i].row;
	qsort(rows, n, sizeof *rows, cmp_row);
	long seen = 0;
	for (size_t i = 0; i < n; i++) {
		seen++;
		if (fn(ctx, rows[i]))
			break;
	}
	free(rows);
	return seen;
}
