/* The reports' summaries in memory: referral and triage fact rows turned into (grain, period, measure, keys)
 * counts and sums through the measure functions themselves, and summary rows tallied into a report's table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/kpisum.h"
#include "core/londontime.h"
#include "core/report_sum.h"

int report_sum_kind(enum report_fact_kind k)
{
	return k == RF_REFERRAL || k == RF_TRIAGE;
}

int report_sum_fits_kind(enum report_id r, int d, enum report_fact_kind k)
{
	if (report_dsum_kind(k))
		return report_dsum_stored_dim(d, k) != NULL;
	return report_sum_kind(k) && report_sum_fits(r, d);
}

int report_sum_fits(enum report_id r, int d)
{
	static const char *const keys[] = { "hwp_area", "place_board", "waveney", "source", "channel",
					    "tier",	"month",       "quarter", "financial_year" };
	unsigned kinds = report_kinds_of(r);
	for (int k = 0; k < RF__N; k++)
		if ((kinds & (1u << k)) && !report_sum_kind((enum report_fact_kind)k))
			return 0;
	/* referral and triage measures only (report_sums) */
	if (d == -2)
		return 1;
	if (d < 0)
		return 0;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcmp(report_dims[d].key, keys[i]) == 0)
			return 1;
	return 0;
}

/* Rows kept densely in the order first seen, found through an open-addressing table of row numbers (0: empty)
 * whose hashes are kept, so growing the table moves four-byte slots, never rows or strings. */
struct report_sum_acc {
	struct report_sum_row *rows;
	char **keys;
	uint64_t *hashes;
	uint32_t *slots;
	size_t n, row_cap, cap;
	int mod, part;
};

void report_sum_acc_part(struct report_sum_acc *a, int mod, int part)
{
	a->mod = mod > 1 ? mod : 1;
	a->part = part;
}

size_t report_sum_acc_size(const struct report_sum_acc *a)
{
	return a->n;
}

struct report_sum_acc *report_sum_acc_new(void)
{
	struct report_sum_acc *a = calloc(1, sizeof *a);
	if (!a)
		return NULL;
	a->cap = 64;
	a->mod = 1;
	a->slots = calloc(a->cap, sizeof *a->slots);
	if (!a->slots) {
		free(a);
		return NULL;
	}
	return a;
}

void report_sum_acc_clear(struct report_sum_acc *a)
{
	for (size_t i = 0; i < a->n; i++)
		free(a->keys[i]);
	a->n = 0;
	memset(a->slots, 0, a->cap * sizeof *a->slots);
}

void report_sum_acc_free(struct report_sum_acc *a)
{
	if (!a)
		return;
	report_sum_acc_clear(a);
	free(a->keys);
	free(a->hashes);
	free(a->rows);
	free(a->slots);
	free(a);
}

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h ^ (h >> 29);
}

/* The slot holding key (hash h), or the empty slot where it would go. */
static size_t find(const struct report_sum_acc *a, uint64_t h, const char *key)
{
	size_t i = h & (a->cap - 1);
	for (uint32_t s; (s = a->slots[i]) != 0; i = (i + 1) & (a->cap - 1))
		if (a->hashes[s - 1] == h && strcmp(a->keys[s - 1], key) == 0)
			break;
	return i;
}

static int grow_slots(struct report_sum_acc *a)
{
	size_t cap = a->cap * 2;
	uint32_t *slots = calloc(cap, sizeof *slots);
	if (!slots)
		return -1;
	for (size_t r = 0; r < a->n; r++) {
		size_t i = a->hashes[r] & (cap - 1);
		while (slots[i])
			i = (i + 1) & (cap - 1);
		slots[i] = (uint32_t)(r + 1);
	}
	free(a->slots);
	a->slots = slots;
	a->cap = cap;
	return 0;
}

static int grow_rows(struct report_sum_acc *a)
{
	size_t cap = a->row_cap ? a->row_cap * 2 : 16;
	struct report_sum_row *rows = realloc(a->rows, cap * sizeof *rows);
	if (rows)
		a->rows = rows;
	char **keys = realloc(a->keys, cap * sizeof *keys);
	if (keys)
		a->keys = keys;
	uint64_t *hashes = realloc(a->hashes, cap * sizeof *hashes);
	if (hashes)
		a->hashes = hashes;
	if (!rows || !keys || !hashes)
		return -1;
	a->row_cap = cap;
	return 0;
}

/* Appends s and a '|' at *p, within end. */
static char *put(char *p, const char *end, const char *s)
{
	while (*s && p < end - 1)
		*p++ = *s++;
	*p++ = '|';
	return p;
}

static char *put_int(char *p, long long v)
{
	char tmp[24];
	int n = 0;
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
	do
		tmp[n++] = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*p++ = '-';
	while (n)
		*p++ = tmp[--n];
	*p++ = '|';
	return p;
}

int report_sum_add_row(struct report_sum_acc *a, const struct report_sum_row *r, int sign)
{
	if (a->mod > 1 && ((r->period % a->mod) + a->mod) % a->mod != a->part)
		return 0;
	char key[8 * REPORT_SUM_TEXT + REPORT_KEY_MAX + 64];
	const char *end = key + sizeof key;
	char *p = put_int(put_int(put_int(key, r->table), r->grain), r->period);
	const char *const parts[] = { r->measure, r->area, r->source, r->channel, r->tier, r->dim, r->key };
	for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++)
		p = put(p, end, parts[k]);
	p[-1] = '\0';
	if ((a->n + 1) * 2 > a->cap && grow_slots(a))
		return -1;
	uint64_t h = hash(key);
	size_t i = find(a, h, key);
	if (!a->slots[i]) {
		if (a->n == a->row_cap && grow_rows(a))
			return -1;
		char *k = strdup(key);
		if (!k)
			return -1;
		a->keys[a->n] = k;
		a->hashes[a->n] = h;
		a->rows[a->n] = *r;
		a->rows[a->n].n = a->rows[a->n].sum = 0;
		a->slots[i] = (uint32_t)++a->n;
	}
	struct report_sum_row *row = &a->rows[a->slots[i] - 1];
	row->n += sign * r->n;
	row->sum += sign * r->sum;
	return 0;
}

static void text(char out[REPORT_SUM_TEXT], const char *s)
{
	snprintf(out, REPORT_SUM_TEXT, "%s", s ? s : "");
}

int report_sum_add_fact(struct report_sum_acc *a, const struct report_fact *f, int sign)
{
	if (report_dsum_kind(f->kind))
		return report_dsum_add_fact(a, f, sign);
	if (!report_sum_kind(f->kind))
		return 0;
	struct report_period all = { 0, 0, INT64_MIN / 2, INT64_MAX / 2, 0 };
	for (size_t i = 0; i < report_measure_count; i++) {
		const struct report_measure *m = &report_measures[i];
		int64_t at = REPORT_NONE, v = 0;
		if (m->kind != f->kind || !m->fn(f, &all, &at, &v))
			continue;
		struct report_sum_row r = { 0 };
		text(r.measure, m->key);
		text(r.area, f->area);
		text(r.source, f->source);
		text(r.channel, f->channel);
		text(r.tier, f->tier);
		r.n = 1;
		r.sum = v;
		int64_t day = london_local_days(at);
		r.grain = 0;
		r.period = day;
		if (report_sum_add_row(a, &r, sign))
			return -1;
		r.grain = 1;
		r.period = kpisum_month_of(day);
		if (report_sum_add_row(a, &r, sign))
			return -1;
	}
	return 0;
}

long report_sum_each(const struct report_sum_acc *a, int (*fn)(void *ctx, const struct report_sum_row *r), void *ctx)
{
	long n = 0;
	for (size_t i = 0; i < a->n; i++) {
		if (a->rows[i].n == 0 && a->rows[i].sum == 0)
			continue;
		int rc = fn(ctx, &a->rows[i]);
		if (rc)
			return rc;
		n++;
	}
	return n;
}

int report_table_add_sum(struct report_table *t, const struct report_sum_row *r, const struct report_ref *ref)
{
	if (!report_table_area_ok(t, r->area, ref))
		return 0;
	for (size_t j = 0; j < t->nm; j++) {
		const struct report_measure *m = &report_measures[t->m[j]];
		if (strcmp(m->key, r->measure) != 0)
			continue;
		struct report_fact f = { .kind = m->kind, .area = r->area, .source = r->source, .channel = r->channel,
					 .tier = r->tier, .outcode = "", .practice = "", .hospital = "", .gender = "",
					 .ethnicity = "", .disability = "", .d1 = "", .d2 = "", .d3 = "" };
		int64_t day = r->grain == 0 ? r->period : kpisum_month_first_day(r->period);
		int64_t at = london_midnight_utc(day) + 12 * 3600;
		char key[REPORT_KEY_MAX];
		report_dim_key(t->dim, &f, at, ref, key);
		if (report_table_add_cell(t, j, key, r->n, r->sum))
			return -1;
	}
	return 0;
}
