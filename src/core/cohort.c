/* Outcome cohorts: grouping paired scores by a dimension, their statistics and the small-number rule. */
#include "core/datehuman.h"
#include "core/cohort.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datetime.h"

static const char *const cohort_dim_codes[COHORT_DIM__MAX] = {
	[COHORT_DIM_HWP_AREA] = "hwp_area",     [COHORT_DIM_PLACE_BOARD] = "place_board",
	[COHORT_DIM_GP_CLUSTER] = "gp_cluster", [COHORT_DIM_PRACTICE] = "practice",
	[COHORT_DIM_PROVIDER] = "provider",     [COHORT_DIM_AGE_BAND] = "age_band",
	[COHORT_DIM_GENDER] = "gender",         [COHORT_DIM_ETHNICITY] = "ethnicity",
	[COHORT_DIM_DISABILITY] = "disability",
};

static const char *const cohort_dim_labels[COHORT_DIM__MAX] = {
	[COHORT_DIM_HWP_AREA] = "HWP area",     [COHORT_DIM_PLACE_BOARD] = "Place board",
	[COHORT_DIM_GP_CLUSTER] = "GP cluster", [COHORT_DIM_PRACTICE] = "GP practice",
	[COHORT_DIM_PROVIDER] = "Provider organisation", [COHORT_DIM_AGE_BAND] = "Age band",
	[COHORT_DIM_GENDER] = "Gender",         [COHORT_DIM_ETHNICITY] = "Ethnic group",
	[COHORT_DIM_DISABILITY] = "Disability",
};

static const char *const cohort_count_codes[COHORT_COUNT__MAX] = {
	[COHORT_N_PAIRED] = "n_paired", [COHORT_IMPROVED] = "improved",       [COHORT_UNCHANGED] = "unchanged",
	[COHORT_WORSENED] = "worsened", [COHORT_NO_FOLLOWUP] = "no_followup",
};

void cohort_period(const char *from, const char *to, int64_t today, int64_t *from_day, int64_t *to_day,
		   struct field_errors *fe)
{
	size_t before = fe->n;
	*to_day = today;
	if (to && *to && dh_parse_date(to, to_day))
		fielderr_add(fe, "to", "Give the last day as a date, like 31/3/2026 or 31 Mar 2026");
	*from_day = *to_day - 364;
	if (from && *from && dh_parse_date(from, from_day))
		fielderr_add(fe, "from", "Give the first day as a date, like 1/1/2026 or 1 Jan 2026");
	if (fe->n == before && *from_day > *to_day)
		fielderr_add(fe, "from", "The first day cannot be after the last day");
	if (fe->n == before && *to_day - *from_day >= COHORT_PERIOD_MAX_DAYS)
		fielderr_add(fe, "from", "The period can be at most %d days", COHORT_PERIOD_MAX_DAYS);
}

const char *cohort_dim_code(enum cohort_dim d)
{
	return (int)d >= 0 && d < COHORT_DIM__MAX ? cohort_dim_codes[d] : NULL;
}

const char *cohort_dim_label(enum cohort_dim d)
{
	return (int)d >= 0 && d < COHORT_DIM__MAX ? cohort_dim_labels[d] : NULL;
}

int cohort_dim_parse(const char *code)
{
	if (!code || !*code)
		return COHORT_DIM_NONE;
	for (int i = 0; i < COHORT_DIM__MAX; i++)
		if (strcmp(code, cohort_dim_codes[i]) == 0)
			return i;
	return -2;
}

const char *cohort_count_code(enum cohort_count c)
{
	return (int)c >= 0 && c < COHORT_COUNT__MAX ? cohort_count_codes[c] : NULL;
}

const char *cohort_age_band(int age)
{
	static const struct {
		int from;
		const char *band;
	} bands[] = {
		{ 0, "0-17" },	{ 18, "18-24" }, { 25, "25-34" }, { 35, "35-44" }, { 45, "45-54" },
		{ 55, "55-64" }, { 65, "65-74" }, { 75, "75-84" }, { 85, "85+" },
	};
	if (age < 0)
		return "unknown";
	const char *b = bands[0].band;
	for (size_t i = 0; i < sizeof bands / sizeof bands[0]; i++)
		if (age >= bands[i].from)
			b = bands[i].band;
	return b;
}

static void group_init(struct cohort_group *g, const char *key, const char *label)
{
	memset(g, 0, sizeof *g);
	snprintf(g->key, sizeof g->key, "%s", key ? key : "");
	snprintf(g->label, sizeof g->label, "%s", label ? label : "");
}

static void group_free(struct cohort_group *g)
{
	free(g->baseline_x100);
	free(g->followup_x100);
	g->baseline_x100 = g->followup_x100 = NULL;
}

void cohort_init(struct cohort *c, const struct outcome_measure *m, const struct outcome_thresholds *t)
{
	memset(c, 0, sizeof *c);
	c->measure = *m;
	c->thresholds = *t;
	group_init(&c->total, "total", "All");
}

void cohort_free(struct cohort *c)
{
	group_free(&c->total);
	for (size_t i = 0; i < c->ngroups; i++)
		group_free(&c->groups[i]);
	free(c->groups);
	c->groups = NULL;
	c->ngroups = c->capgroups = 0;
}

static int group_add(struct cohort_group *g, const struct cohort *c, int b, int has_f, int f)
{
	if (!has_f) {
		g->count[COHORT_NO_FOLLOWUP]++;
		return 0;
	}
	if (g->n == g->cap) {
		size_t cap = g->cap ? 2 * g->cap : 16;
		int64_t *nb = realloc(g->baseline_x100, cap * sizeof *nb);
		if (!nb)
			return -1;
		g->baseline_x100 = nb;
		int64_t *nf = realloc(g->followup_x100, cap * sizeof *nf);
		if (!nf)
			return -1;
		g->followup_x100 = nf;
		g->cap = cap;
	}
	g->baseline_x100[g->n] = b;
	g->followup_x100[g->n++] = f;
	g->count[COHORT_N_PAIRED]++;
	enum instrument_direction d = outcome_direction(&c->measure, &c->thresholds, b, f);
	g->count[d == INSTRUMENT_BETTER ? COHORT_IMPROVED : d == INSTRUMENT_WORSE ? COHORT_WORSENED : COHORT_UNCHANGED]++;
	return 0;
}

int cohort_add(struct cohort *c, const char *key, const char *label, int baseline_x100, int has_followup,
	       int followup_x100)
{
	if (group_add(&c->total, c, baseline_x100, has_followup, followup_x100))
		return -1;
	if (!key)
		return 0;
	struct cohort_group *g = NULL;
	for (size_t i = c->ngroups; i-- > 0;)
		if (strcmp(c->groups[i].key, key) == 0) {
			g = &c->groups[i];
			break;
		}
	if (!g) {
		if (c->ngroups == COHORT_GROUPS_MAX)
			return -1;
		if (c->ngroups == c->capgroups) {
			size_t cap = c->capgroups ? 2 * c->capgroups : 16;
			struct cohort_group *ng = realloc(c->groups, cap * sizeof *ng);
			if (!ng)
				return -1;
			c->groups = ng;
			c->capgroups = cap;
		}
		g = &c->groups[c->ngroups++];
		group_init(g, key, label);
	}
	return group_add(g, c, baseline_x100, has_followup, followup_x100);
}

static int group_finish(struct cohort_group *g)
{
	void *scratch = malloc(stats_scratch_bytes(g->n));
	if (!scratch)
		return -1;
	int r = stats_paired(g->baseline_x100, g->followup_x100, g->n, scratch, &g->stats);
	free(scratch);
	for (int k = 0; k < COHORT_COUNT__MAX; k++)
		g->cell[k] = (struct sup_cell){ g->count[k], g->count[k], 0 };
	return r;
}

static int cohort_cmp_key(const void *a, const void *b)
{
	return strcmp(((const struct cohort_group *)a)->key, ((const struct cohort_group *)b)->key);
}

int cohort_finish(struct cohort *c)
{
	if (group_finish(&c->total))
		return -1;
	for (size_t i = 0; i < c->ngroups; i++)
		if (group_finish(&c->groups[i]))
			return -1;
	if (c->ngroups > 1)
		qsort(c->groups, c->ngroups, sizeof c->groups[0], cohort_cmp_key);
	return 0;
}

/* Secondary suppression down one column (a count across the groups against the total's). */
static void cohort_suppress_column(struct cohort *c, enum cohort_count k, int threshold)
{
	size_t n = c->ngroups;
	if (n == 0)
		return;
	int64_t *exact = malloc(n * sizeof *exact);
	struct sup_cell *cells = malloc(n * sizeof *cells);
	if (!exact || !cells) {
		/* Without memory, withhold the column rather than risk showing it. */
		for (size_t i = 0; i < n; i++)
			c->groups[i].cell[k].withheld = 1;
		free(exact);
		free(cells);
		return;
	}
	for (size_t i = 0; i < n; i++)
		exact[i] = c->groups[i].count[k];
	struct sup_cell total;
	suppress_group(cells, exact, n, &total, threshold);
	for (size_t i = 0; i < n; i++)
		if (cells[i].withheld)
			c->groups[i].cell[k].withheld = 1;
	if (total.withheld)
		c->total.cell[k].withheld = 1;
	free(exact);
	free(cells);
}

/* Primary suppression of a group's counts and secondary across improved/unchanged/worsened. */
static void cohort_suppress_group(struct cohort_group *g, int threshold)
{
	int64_t parts[3] = { g->count[COHORT_IMPROVED], g->count[COHORT_UNCHANGED], g->count[COHORT_WORSENED] };
	struct sup_cell cells[3], total;
	suppress_group(cells, parts, 3, &total, threshold);
	g->cell[COHORT_N_PAIRED] = total;
	g->cell[COHORT_IMPROVED] = cells[0];
	g->cell[COHORT_UNCHANGED] = cells[1];
	g->cell[COHORT_WORSENED] = cells[2];
	suppress_cell(&g->cell[COHORT_NO_FOLLOWUP], g->count[COHORT_NO_FOLLOWUP], threshold);
}

void cohort_suppress(struct cohort *c, int threshold)
{
	cohort_suppress_group(&c->total, threshold);
	for (size_t i = 0; i < c->ngroups; i++)
		cohort_suppress_group(&c->groups[i], threshold);
	cohort_suppress_column(c, COHORT_N_PAIRED, threshold);
	cohort_suppress_column(c, COHORT_NO_FOLLOWUP, threshold);
	/* A withheld n_paired takes the statistics and the three directions with it. */
	struct cohort_group *all[1] = { &c->total };
	for (size_t i = 0; i <= c->ngroups; i++) {
		struct cohort_group *g = i == c->ngroups ? all[0] : &c->groups[i];
		if (g->cell[COHORT_N_PAIRED].withheld) {
			g->stats_withheld = 1;
			g->cell[COHORT_IMPROVED].withheld = g->cell[COHORT_UNCHANGED].withheld =
				g->cell[COHORT_WORSENED].withheld = 1;
		}
	}
}
