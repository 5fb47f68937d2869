/* The reports' reads over raw rows: each kind's fact statement bound to the period and read into a
 * report_fact, the reference maps, the population estimates and the threshold setting. */
#include <stdio.h>
#include <stdlib.h>
#include "store/report.h"

struct facts_ctx {
	enum report_fact_kind kind;
	report_fact_fn fn;
	void *ctx;
};

static int64_t int_or_none(const struct store_row *r, int col)
{
	return store_row_isnull(r, col) ? REPORT_NONE : store_row_int(r, col);
}

static const char *text(const struct store_row *r, int col)
{
	const char *s = store_row_isnull(r, col) ? NULL : store_row_text(r, col);
	return s ? s : "";
}

static int fact_row(void *vctx, const struct store_row *r)
{
	struct facts_ctx *c = vctx;
	struct report_fact f = { .kind = c->kind };
	f.at = int_or_none(r, 0);
	f.t2 = int_or_none(r, 1);
	f.t3 = int_or_none(r, 2);
	f.t4 = int_or_none(r, 3);
	f.org_id = store_row_isnull(r, 4) ? 0 : store_row_int(r, 4);
	f.dob = int_or_none(r, 5);
	f.value = int_or_none(r, 6);
	f.flag = int_or_none(r, 7);
	f.area = text(r, 8);
	f.outcode = text(r, 9);
	f.practice = text(r, 10);
	f.hospital = text(r, 11);
	f.gender = text(r, 12);
	f.ethnicity = text(r, 13);
	f.disability = text(r, 14);
	f.source = text(r, 15);
	f.channel = text(r, 16);
	f.tier = text(r, 17);
	f.d1 = text(r, 18);
	f.d2 = text(r, 19);
	f.d3 = text(r, 20);
	return c->fn(c->ctx, &f);
}

int report_store_facts(struct store *st, enum report_fact_kind kind, const struct report_period *p, report_fact_fn fn,
		       void *ctx)
{
	struct facts_ctx c = { kind, fn, ctx };
	int rc = -1;
	switch (kind) {
	case RF_REFERRAL:
		rc = store_exec(st, STMT_REPORT_FACT_REFERRAL, fact_row, &c, "ii", p->from_utc, p->to_utc);
		break;
	case RF_TRIAGE:
		rc = store_exec(st, STMT_REPORT_FACT_TRIAGE, fact_row, &c, "ii", p->from_utc, p->to_utc);
		break;
	case RF_CASE:
		rc = store_exec(st, STMT_REPORT_FACT_CASE, fact_row, &c, "ii", p->to_utc, p->from_utc);
		break;
	case RF_SESSION:
		rc = store_exec(st, STMT_REPORT_FACT_SESSION, fact_row, &c, "ii", p->from_utc, p->to_utc);
		break;
	case RF_ONWARD:
		rc = store_exec(st, STMT_REPORT_FACT_ONWARD, fact_row, &c, "ii", p->from_utc, p->to_utc);
		break;
	case RF_UNMET:
		rc = store_exec(st, STMT_REPORT_FACT_UNMET, fact_row, &c, "ii", p->from_utc, p->to_utc);
		break;
	case RF_OUTCOME:
		rc = store_exec(st, STMT_REPORT_FACT_OUTCOME, fact_row, &c, "ii", p->from_utc, p->to_utc);
		break;
	case RF_TASK:
		rc = store_exec(st, STMT_REPORT_FACT_TASK, fact_row, &c, "ii", p->from_utc, p->to_utc);
		break;
	case RF_VOLUNTEER:
		rc = store_exec(st, STMT_REPORT_FACT_VOLUNTEER, fact_row, &c, "i", INT64_MAX);
		break;
	case RF_WORKER:
		rc = store_exec(st, STMT_REPORT_FACT_WORKER, fact_row, &c, "i", INT64_MAX);
		break;
	case RF__N:
		break;
	}
	return rc < 0 ? -1 : 0;
}

int report_store_facts_by(struct store *st, enum report_fact_kind kind, enum stmt id, int nparams, int64_t a, int64_t b,
			  report_fact_fn fn, void *ctx)
{
	struct facts_ctx c = { kind, fn, ctx };
	int rc = nparams == 0	? store_exec(st, id, fact_row, &c, "")
		 : nparams == 1 ? store_exec(st, id, fact_row, &c, "i", a)
				: store_exec(st, id, fact_row, &c, "ii", a, b);
	return rc < 0 ? -1 : 0;
}

static int ref_row(void *ctx, const struct store_row *r)
{
	return report_ref_put(ctx, text(r, 0), text(r, 1), text(r, 2));
}

int report_store_ref(struct store *st, struct report_ref *ref)
{
	return store_exec(st, STMT_REPORT_REF_ALL, ref_row, ref, "") < 0 ? -1 : 0;
}

struct area_ctx {
	int kind;
	char *name;
	size_t len;
};

static int area_name_row(void *vctx, const struct store_row *r)
{
	struct area_ctx *a = vctx;
	if (a->kind >= 0)
		return 0;
	a->kind = (int)store_row_int(r, 0);
	if (a->name)
		snprintf(a->name, a->len, "%s", text(r, 1));
	return 0;
}

int report_area_name(struct store *st, const char *code, char *name, size_t namelen)
{
	struct area_ctx a = { -1, name, namelen };
	if (name && namelen)
		name[0] = '\0';
	if (!code || !*code)
		return -2;
	if (store_exec(st, STMT_REPORT_AREA_NAME, area_name_row, &a, "ss", code, code) < 0)
		return -1;
	return a.kind < 0 ? -2 : a.kind;
}

struct areas_ctx {
	void (*fn)(void *ctx, int kind, const char *code, const char *name);
	void *ctx;
};

static int areas_row(void *vctx, const struct store_row *r)
{
	struct areas_ctx *a = vctx;
	a->fn(a->ctx, (int)store_row_int(r, 0), text(r, 1), text(r, 2));
	return 0;
}

int report_store_areas(struct store *st, void (*fn)(void *ctx, int kind, const char *code, const char *name), void *ctx)
{
	struct areas_ctx a = { fn, ctx };
	return store_exec(st, STMT_REPORT_AREAS_BOARDS, areas_row, &a, "") < 0 ? -1 : 0;
}

static int threshold_row(void *ctx, const struct store_row *r)
{
	long v = strtol(text(r, 0), NULL, 10);
	if (v >= 1 && v <= 99)
		*(int *)ctx = (int)v;
	return 0;
}

int report_store_threshold(struct store *st)
{
	int t = SUPPRESS_THRESHOLD_DEFAULT;
	if (store_exec(st, STMT_REPORT_THRESHOLD, threshold_row, &t, "") < 0)
		return SUPPRESS_THRESHOLD_DEFAULT;
	return t;
}

struct pop_ctx {
	void (*fn)(void *ctx, const char *area, int64_t population);
	void *ctx;
};

static int pop_row(void *vctx, const struct store_row *r)
{
	struct pop_ctx *c = vctx;
	c->fn(c->ctx, text(r, 0), store_row_int(r, 1));
	return 0;
}

int report_store_population(struct store *st, void (*fn)(void *ctx, const char *area, int64_t population), void *ctx)
{
	struct pop_ctx c = { fn, ctx };
	return store_exec(st, STMT_REPORT_POPULATION, pop_row, &c, "") < 0 ? -1 : 0;
}
