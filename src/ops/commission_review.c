/* The quarterly performance review: its figures computed from the provider's own cases for the quarter, then rated and recorded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/kpi.h"
#include "core/londontime.h"
#include "core/review.h"
#include "ops/commission_int.h"
#include "store/calendar.h"

/* Everything a review counted, for one SLA (or one post) and one quarter. */
struct review_scan {
	struct review_counts n;
	int64_t outcome
	    [6]; /* closed, dropouts, onward_referrals, onward_attended, wellbeing_followups, wellbeing_improved */
	/* distinct people: ids seen, sorted at the end */
	int64_t *people;
	size_t np, cap;
	struct kpi_referral *refs;
	size_t nr, rcap;
	int oom;
};

static const char *const outcome_keys[6] = {
	"closed", "dropouts", "onward_referrals", "onward_attended", "wellbeing_followups", "wellbeing_improved"
};
static const enum stmt outcome_stmts[6] = { STMT_COMM_REVIEW_CLOSED,    STMT_COMM_REVIEW_DROPOUTS,
					    STMT_COMM_REVIEW_ONWARD,    STMT_COMM_REVIEW_ATTENDED,
					    STMT_COMM_REVIEW_WELLBEING, STMT_COMM_REVIEW_IMPROVED };

static int case_row(void *ctx, const struct store_row *r)
{
	struct review_scan *s = ctx;
	if (s->np == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		int64_t *p = realloc(s->people, cap * sizeof *p);
		if (!p) {
			s->oom = 1;
			return 1;
		}
		s->people = p;
		s->cap = cap;
	}
	s->people[s->np++] = store_row_int(r, 1);
	review_fields_mask m = 0;
	for (int f = 0; f < REVIEW_FIELDS; f++)
		if (store_row_int(r, 2 + f))
			m |= 1u << f;
	s->n.cases++;
	s->n.fields_filled += review_fields_filled(m);
	return 0;
}

static int ref_row(void *ctx, const struct store_row *r)
{
	struct review_scan *s = ctx;
	if (s->nr == s->rcap) {
		size_t cap = s->rcap ? s->rcap * 2 : 64;
		struct kpi_referral *p = realloc(s->refs, cap * sizeof *p);
		if (!p) {
			s->oom = 1;
			return 1;
		}
		s->refs = p;
		s->rcap = cap;
	}
	s->refs[s->nr++] = (struct kpi_referral){ store_row_int(r, 0), store_row_int(r, 1),
						  store_row_isnull(r, 2) ? KPI_NONE : store_row_int(r, 2) };
	return 0;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Counts the SLA's organisation's (or one worker's) cases for from_day..to_day; 0 or -1. */
static int review_scan(const struct ops_ctx *c, int64_t org, int64_t worker, int64_t from_day, int64_t to_day,
		       struct review_scan *s)
{
	int64_t t0 = london_midnight_utc(from_day), t1 = london_midnight_utc(to_day + 1);
	if (comm_exec(c->db, STMT_COMM_REVIEW_CASES, case_row, s, "iiiii", org, worker, worker, t0, t1) ||
	    comm_exec(c->db, STMT_COMM_REVIEW_FOLLOWUP, ref_row, s, "iiiii", org, worker, worker, t0, t1) || s->oom)
		return -1;
	for (int k = 0; k < 6; k++)
		if (store_get_int(c->db, outcome_stmts[k], &s->outcome[k], "iiiii", org, worker, worker, t0, t1) != 1)
			return -1;
	if (s->np)
		qsort(s->people, s->np, sizeof *s->people, cmp_id);
	for (size_t i = 0; i < s->np; i++)
		s->n.clients += i == 0 || s->people[i] != s->people[i - 1];
	struct kpi_followup k;
	const struct calendar *cal = calendar_app_ensure(c->db);
	if (!cal || kpi_followup(&cal->wc, s->refs, s->nr, c->now, &k))
		return -1;
	s->n.followup_due = k.due;
	s->n.followup_within = k.contacted_within;
	return 0;
}

enum ops_result ops_comm_review(const struct ops_ctx *c, int64_t sla_id, json_t *in, struct field_errors *fe,
				int64_t *id)
{
	const struct commission_data *cd = ops_comm_data();
	struct comm_sla s;
	enum ops_result r = cd ? comm_sla_load(c, sla_id, &s) : OPS_ERROR;
	if (r != OPS_OK)
		return r;
	static const char *const typed[] = { "clients", "completeness", "followup" };
	for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++)
		if (json_object_get(in, typed[i]))
			fielderr_add(fe, typed[i],
				     "is computed from the provider's cases; record an override of the rating instead");
	int64_t q = 0, post = 0, worker = 0;
	cj_int(in, "quarter", 1, 40, 1, 0, &q, fe);
	cj_int(in, "post", 1, INT64_MAX / 2, 0, 0, &post, fe);
	const char *outcomes = cj_text(in, "outcomes", COMM_TEXT_MAX, 0, fe);
	const char *notes = cj_text(in, "notes", COMM_TEXT_MAX, 1, fe);
	const char *actions = cj_text(in, "actions", COMM_TEXT_MAX, 0, fe);
	const char *ov = cj_text(in, "rag_override", 10, 0, fe);
	enum rag override = RAG_GREEN;
	if (ov && rag_parse(ov, &override))
		fielderr_add(fe, "rag_override", "must be green, amber or red");
	const char *ov_reason = cj_text(in, "override_reason", 1000, 0, fe);
	if (ov && !ov_reason && !fielderr_for(fe, "override_reason"))
		fielderr_add(fe, "override_reason", "Enter the reason for overriding the computed rating");
	if (ov_reason && !ov && !fielderr_for(fe, "rag_override"))
		fielderr_add(fe, "rag_override",
			     "Choose the rating that overrides the computed one, or leave the reason empty");
	int posts = 1;
	if (post) {
		int n = store_get_int(c->db, STMT_COMM_POST_WORKER, &worker, "ii", post, sla_id);
		if (n < 0)
			return OPS_ERROR;
		if (n == 0)
			fielderr_add(fe, "post", "is not a post of this SLA");
	} else {
		int64_t np = 0;
		if (store_get_int(c->db, STMT_COMM_POSTS_COUNT, &np, "i", sla_id) != 1)
			return OPS_ERROR;
		posts = (int)np;
	}
	int64_t from = 0, to = 0;
	if (q && perf_quarter(s.start, (int)q, &from, &to))
		fielderr_add(fe, "quarter", "is out of range");
	if (fe->n)
		return OPS_INVALID;
	int64_t mob = s.mob_end == COMM_NO_DAY ? PERF_NO_DATE : s.mob_end;
	int64_t target = perf_target_x100(cd->clients_per_year, posts, from, to, mob, (int)s.mob_pct);
	struct review_scan sc = { 0 };
	struct review_figures f;
	/* a post with nobody in it has supported nobody: worker -1 matches no case */
	int bad =
	    review_scan(c, s.org, post ? worker : 0, from, to, &sc) || review_figures(&cd->rag, &sc.n, target, &f);
	free(sc.people);
	free(sc.refs);
	if (bad)
		return OPS_ERROR;
	json_t *oc = json_object();
	for (int k = 0; k < 6; k++)
		json_object_set_new(oc, outcome_keys[k], json_integer(sc.outcome[k]));
	char *oc_text = json_dumps(oc, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(oc);
	if (!oc_text)
		return OPS_ERROR;
	enum rag rag = ov ? override : f.rag;
	if ((r = ops_begin(c)) != OPS_OK) {
		free(oc_text);
		return r;
	}
	int n = store_get_int(c->db, STMT_COMM_REVIEW_INSERT, id, "iIiiiiiiissssiIiiiiisss", sla_id,
			      post ? post : INT64_MIN, q, from, to, sc.n.clients, target, f.completeness_x100,
			      f.followup_x100, outcomes ? outcomes : "", rag_name(rag), notes, actions ? actions : "",
			      c->now, c->user_id ? c->user_id : INT64_MIN, sc.n.cases, sc.n.fields_filled,
			      sc.n.cases * REVIEW_FIELDS, sc.n.followup_due, sc.n.followup_within, oc_text,
			      rag_name(f.rag), ov ? ov_reason : NULL);
	free(oc_text);
	if (n != 1)
		return ops_fail(c, OPS_ERROR);
	char detail[64];
	snprintf(detail, sizeof detail, "quarter %lld: %s%s%s", (long long)q, rag_name(rag), ov ? " overriding " : "",
		 ov ? rag_name(f.rag) : "");
	return ops_commit_audited(c, AUDIT_COMMISSION_REVIEW, "comm_sla", sla_id, 0, detail);
}
