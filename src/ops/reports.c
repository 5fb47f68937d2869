/* Reads a report for the acting user: checks the report, period and breakdown, tallies the facts of the kinds
 * the report reads for the period, then withholds small numbers from commissioners. */
#include <stdio.h>
#include <string.h>
#include "core/londontime.h"
#include "core/triage_check.h"
#include "ops/reports.h"
#include "store/report.h"
#include "store/report_sum.h"

struct add_ctx {
	struct report_table *t;
	const struct report_period *p;
	const struct report_ref *ref;
};

static int add_fact(void *vctx, const struct report_fact *f)
{
	struct add_ctx *a = vctx;
	return report_table_add(a->t, f, a->p, a->ref);
}

static int add_sum(void *vctx, const struct report_sum_row *r)
{
	struct add_ctx *a = vctx;
	return report_table_add_sum(a->t, r, a->ref);
}

struct pop_ctx {
	struct ops_report *o;
	int dim;
};

static void pop_add(void *vctx, const char *area, int64_t population)
{
	struct pop_ctx *c = vctx;
	struct report_fact f = { .kind = RF_REFERRAL, .area = area, .outcode = "", .practice = "" };
	char key[REPORT_KEY_MAX];
	report_dim_key(c->dim, &f, c->o->p.from_utc, c->o->ref, key);
	size_t i = 0;
	while (i < c->o->npop && strcmp(c->o->pop[i].key, key) != 0)
		i++;
	if (i == c->o->npop) {
		if (i == sizeof c->o->pop / sizeof c->o->pop[0])
			return;
		snprintf(c->o->pop[i].key, sizeof c->o->pop[i].key, "%s", key);
		c->o->pop[i].population = 0;
		c->o->npop++;
	}
	c->o->pop[i].population += population;
}

int64_t ops_report_population(const struct ops_report *o, const char *key)
{
	for (size_t i = 0; i < o->npop; i++)
		if (strcmp(o->pop[i].key, key) == 0)
			return o->pop[i].population;
	return 0;
}

static int add_dsum(void *vctx, const struct report_sum_row *r)
{
	struct add_ctx *a = vctx;
	return report_table_add_dsum(a->t, r, a->ref, 0, 0);
}

static int add_dsum_cumulative(void *vctx, const struct report_sum_row *r)
{
	struct add_ctx *a = vctx;
	return report_table_add_dsum(a->t, r, a->ref, 1, a->p->to_utc - 1);
}

/* The cumulative measure of the table (the open caseload), or NULL. */
static const char *cumulative_of(const struct report_table *t)
{
	for (size_t j = 0; j < t->nm; j++)
		if (report_sum_cumulative(&report_measures[t->m[j]]))
			return report_measures[t->m[j]].key;
	return NULL;
}

/* Tallies each fact kind the report reads: from the summaries where they hold it by this breakdown (not for a
 * reader limited to an organisation, nor when raw), else from raw rows. 0 or -1. */
static int read_facts(const struct ops_ctx *c, enum report_id r, int dim, int raw, struct ops_report *out)
{
	unsigned kinds = report_kinds_of(r);
	struct add_ctx a = { &out->t, &out->p, out->ref };
	int summed = !raw && !out->t.org_only, all = 1, sums_read = 0;
	const char *dims_read[RF__N];
	size_t ndims = 0;
	const char *cum = cumulative_of(&out->t);
	for (int k = 0; k < RF__N; k++) {
		if (!(kinds & (1u << k)))
			continue;
		enum report_fact_kind kind = (enum report_fact_kind)k;
		if (!summed || !report_sum_fits_kind(r, dim, kind)) {
			all = 0;
			if (report_store_facts(c->db, kind, &out->p, add_fact, &a))
				return -1;
		} else if (!report_dsum_kind(kind)) {
			if (!sums_read++ && rptsum_read(c->db, out->p.from_day, out->p.to_day, add_sum, &a))
				return -1;
		} else {
			/* one read per stored dimension: the rows of every kind read from it */
			const char *sd = report_dsum_stored_dim(dim, kind);
			size_t i = 0;
			while (i < ndims && strcmp(dims_read[i], sd) != 0)
				i++;
			if (i < ndims)
				continue;
			dims_read[ndims++] = sd;
			if (rptdsum_read(c->db, sd, out->p.from_day, out->p.to_day, cum ? cum : "", 0, add_dsum, &a) ||
			    (cum && rptdsum_read(c->db, sd, 0, out->p.to_day, cum, 1, add_dsum_cumulative, &a)))
				return -1;
		}
	}
	out->from_summaries = summed && all;
	return 0;
}

void ops_report_free(struct ops_report *o)
{
	report_table_free(&o->t);
	report_ref_free(o->ref);
	o->ref = NULL;
}

static enum ops_result report_days(const struct ops_ctx *c, enum report_id r, int dim, const char *area, int is_board,
				   int64_t from_day, int64_t to_day, int raw, struct ops_report *out)
{
	memset(out, 0, sizeof *out);
	report_period_make(from_day, to_day, london_local_days(c->now), &out->p);
	report_table_init(&out->t, r, dim, c->role == ROLE_PROVIDER_MANAGER ? c->org_id : 0);
	if (area) {
		snprintf(out->t.area_only, sizeof out->t.area_only, "%s", area);
		out->t.area_is_board = is_board;
	}
	out->threshold = c->role == ROLE_COMMISSIONER ? report_store_threshold(c->db) : 0;
	out->ref = report_ref_new();
	if (!out->ref || report_store_ref(c->db, out->ref))
		return OPS_ERROR;
	if (read_facts(c, r, dim, raw, out))
		return OPS_ERROR;
	report_table_sort(&out->t);
	report_suppress(&out->t, out->threshold);
	if (dim >= 0 && (strcmp(report_dims[dim].key, "hwp_area") == 0 || strcmp(report_dims[dim].key, "place_board") == 0 ||
			 strcmp(report_dims[dim].key, "waveney") == 0)) {
		struct pop_ctx pc = { out, dim };
		if (report_store_population(c->db, pop_add, &pc))
			return OPS_ERROR;
	}
	return OPS_OK;
}

enum ops_result ops_report_days(const struct ops_ctx *c, enum report_id r, int dim, int64_t from_day, int64_t to_day,
				int raw, struct ops_report *out)
{
	return report_days(c, r, dim, NULL, 0, from_day, to_day, raw, out);
}

enum ops_result ops_report_area_days(const struct ops_ctx *c, enum report_id r, int dim, const char *area,
				     int64_t from_day, int64_t to_day, struct ops_report *out)
{
	int is_board = report_area_kind(c->db, area);
	if (is_board < 0) {
		memset(out, 0, sizeof *out);
		return is_board == -2 ? OPS_NOT_FOUND : OPS_ERROR;
	}
	return report_days(c, r, dim, area, is_board, from_day, to_day, 0, out);
}

enum ops_result ops_report_read(const struct ops_ctx *c, const char *report, const char *from, const char *to,
				const char *by, struct ops_report *out, struct field_errors *fe)
{
	memset(out, 0, sizeof *out);
	int r = report_by_name(report);
	if (r < 0)
		fielderr_add(fe, "report",
			     "Choose a report: activity, followup, casework, onward, unmet-needs, outcomes, discharge, "
			     "volunteers, workforce or hours");
	int d = report_dim_by_name(by);
	if (d == -1)
		fielderr_add(fe, "by", "Choose a breakdown such as hwp_area, place_board, pcn, month or source");
	else if (r >= 0 && !report_dim_fits((enum report_id)r, d))
		fielderr_add(fe, "by", "This report cannot be broken down that way");
	int64_t from_day = 0, to_day = 0;
	triage_check_period(from, to, london_local_days(c->now), &from_day, &to_day, fe);
	if (fe->n)
		return OPS_INVALID;
	return ops_report_days(c, (enum report_id)r, d, from_day, to_day, 0, out);
}
