/* Commissioning use cases of an agreement: issuing SLAs from the awards, posts filled, extensions and payments. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datetime.h"
#include "core/payments.h"
#include "ops/commission_int.h"

struct award_rows {
	size_t n;
	struct {
		int64_t org;
		char name[200], area[64], cluster[64];
		int lots;
	} a[256];
};

static int award_cb(void *ctx, const struct store_row *r)
{
	struct award_rows *w = ctx;
	if (w->n >= 256)
		return 0;
	w->a[w->n].org = store_row_int(r, 0);
	snprintf(w->a[w->n].name, sizeof w->a[w->n].name, "%s", store_row_text(r, 1));
	snprintf(w->a[w->n].area, sizeof w->a[w->n].area, "%s", store_row_text(r, 2));
	snprintf(w->a[w->n].cluster, sizeof w->a[w->n].cluster, "%s", store_row_text(r, 3));
	w->a[w->n].lots = (int)store_row_int(r, 4);
	w->n++;
	return 0;
}

struct round_info {
	int found;
	int64_t lot_value;
	char status[16];
};

static int round_cb(void *ctx, const struct store_row *r)
{
	struct round_info *o = ctx;
	o->found = 1;
	o->lot_value = store_row_int(r, 2);
	snprintf(o->status, sizeof o->status, "%s", store_row_text(r, 4));
	return 0;
}

enum ops_result ops_comm_sla_issue(const struct ops_ctx *c, int64_t round_id, json_t *in, struct field_errors *fe)
{
	struct round_info ri = { 0 };
	if (comm_exec(c->db, STMT_COMM_ROUND_GET, round_cb, &ri, "i", round_id))
		return OPS_ERROR;
	if (!ri.found)
		return OPS_NOT_FOUND;
	if (strcmp(ri.status, "awarded") != 0) {
		fielderr_add(fe, "round", strcmp(ri.status, "open") == 0 ? "Award the Lots before issuing SLAs"
									  : "The SLAs of this round have already been issued");
		return OPS_CONFLICT;
	}
	int64_t signed_day, mob_end, pct;
	cj_date(in, "signed", 1, &signed_day, fe);
	cj_date(in, "mobilisation_end", 0, &mob_end, fe);
	cj_int(in, "mobilisation_pct", 0, 100, 0, 50, &pct, fe);
	if (signed_day != COMM_NO_DAY && mob_end != COMM_NO_DAY && mob_end < signed_day)
		fielderr_add(fe, "mobilisation_end", "must be on or after the day the SLA is signed");
	if (fe->n)
		return OPS_INVALID;
	struct award_rows *w = calloc(1, sizeof *w);
	if (!w)
		return OPS_ERROR;
	enum ops_result r = OPS_ERROR;
	if (comm_exec(c->db, STMT_COMM_AWARDS, award_cb, w, "iii", round_id, (int64_t)0, (int64_t)0))
		goto done;
	int may = comm_lapsed_may_receive(c);
	for (size_t i = 0; i < w->n; i++) {
		char crit[CD_LABEL_LEN];
		int l = comm_org_lapsed(c, w->a[i].org, crit, sizeof crit);
		if (l < 0)
			goto done;
		if (l && !may) {
			fielderr_add(fe, "round", "%s may not receive new work: '%s' has lapsed", w->a[i].name, crit);
			r = OPS_CONFLICT;
			goto done;
		}
	}
	int64_t end = pay_add_months(signed_day, 12);
	if (end == PAY_NO_DATE) {
		fielderr_add(fe, "signed", "is too late a date");
		r = OPS_INVALID;
		goto done;
	}
	if ((r = ops_begin(c)) != OPS_OK)
		goto done;
	int64_t today = comm_today(c);
	for (size_t i = 0; i < w->n; i++) {
		size_t first = 0;
		while (w->a[first].org != w->a[i].org)
			first++;
		if (first != i)
			continue; /* one SLA per organisation */
		int lots = 0;
		for (size_t j = i; j < w->n; j++)
			if (w->a[j].org == w->a[i].org)
				lots += w->a[j].lots;
		int64_t total = ri.lot_value * lots, sla = 0, mob = mob_end == COMM_NO_DAY ? INT64_MIN : mob_end;
		struct pay_stage st[PAY_STAGES];
		if (pay_schedule(total, signed_day, PAY_NO_DATE, st)
		    || store_get_int(c->db, STMT_COMM_SLA_INSERT, &sla, "iiiiiiiIii", round_id, w->a[i].org, (int64_t)lots, total,
				     signed_day, signed_day, end - 1, mob, pct, c->now) != 1) {
			r = ops_fail(c, OPS_ERROR);
			goto done;
		}
		for (size_t j = i; j < w->n; j++)
			for (int k = 0; w->a[j].org == w->a[i].org && k < w->a[j].lots; k++)
				if (comm_exec(c->db, STMT_COMM_POST_INSERT, NULL, NULL, "iss", sla, w->a[j].area, w->a[j].cluster)) {
					r = ops_fail(c, OPS_ERROR);
					goto done;
				}
		for (int s = 0; s < PAY_STAGES; s++)
			if (comm_exec(c->db, STMT_COMM_PAYMENT_INSERT, NULL, NULL, "iisiIsi", sla, (int64_t)s, st[s].label, st[s].pence,
				       st[s].due_day == PAY_NO_DATE ? INT64_MIN : st[s].due_day,
				       s == 0 && signed_day <= today ? "due" : "scheduled", c->now)) {
				r = ops_fail(c, OPS_ERROR);
				goto done;
			}
		if (ops_audit(c, AUDIT_COMMISSION_SLA_ISSUE, "comm_sla", sla, 0, w->a[i].name)) {
			r = ops_fail(c, OPS_ERROR);
			goto done;
		}
	}
	if (comm_exec(c->db, STMT_COMM_ROUND_STATUS, NULL, NULL, "si", "contracted", round_id)) {
		r = ops_fail(c, OPS_ERROR);
		goto done;
	}
	r = ops_commit_audited(c, AUDIT_COMMISSION_SLA_ISSUE, "comm_round", round_id, 0, "issued");
done:
	free(w);
	return r;
}

static int sla_cb(void *ctx, const struct store_row *r)
{
	struct comm_sla *s = ctx;
	s->found = 1;
	s->org = store_row_int(r, 3);
	s->lots = store_row_int(r, 5);
	s->total = store_row_int(r, 6);
	s->signed_day = store_row_int(r, 7);
	s->start = store_row_int(r, 8);
	s->end = store_row_int(r, 9);
	s->mob_end = store_row_int(r, 10);
	s->mob_pct = store_row_int(r, 11);
	return 0;
}

enum ops_result comm_sla_load(const struct ops_ctx *c, int64_t id, struct comm_sla *s)
{
	memset(s, 0, sizeof *s);
	if (comm_exec(c->db, STMT_COMM_SLA_GET, sla_cb, s, "i", id))
		return OPS_ERROR;
	if (!s->found || (!comm_sees_all(c) && s->org != c->org_id))
		return OPS_NOT_FOUND;
	return OPS_OK;
}

enum ops_result ops_comm_in_place(const struct ops_ctx *c, int64_t sla_id, json_t *in, struct field_errors *fe)
{
	struct comm_sla s;
	enum ops_result r = comm_sla_load(c, sla_id, &s);
	if (r != OPS_OK)
		return r;
	int64_t post = 0, worker = 0, day, post_sla = 0, worker_org = 0;
	cj_int(in, "post", 1, INT64_MAX / 2, 1, 0, &post, fe);
	cj_int(in, "worker", 1, INT64_MAX / 2, 1, 0, &worker, fe);
	cj_date(in, "in_place", 1, &day, fe);
	if (fe->n)
		return OPS_INVALID;
	int n = store_get_int(c->db, STMT_COMM_POST_GET, &post_sla, "i", post);
	if (n < 0)
		return OPS_ERROR;
	if (n == 0 || post_sla != sla_id)
		fielderr_add(fe, "post", "is not a post of this SLA");
	n = store_get_int(c->db, STMT_COMM_WORKER_ORG, &worker_org, "i", worker);
	if (n < 0)
		return OPS_ERROR;
	if (n == 0 || worker_org != s.org)
		fielderr_add(fe, "worker", "is not a Living Well Worker of the provider");
	if (day < s.signed_day)
		fielderr_add(fe, "in_place", "cannot be before the SLA was signed");
	if (day > comm_today(c))
		fielderr_add(fe, "in_place", "cannot be in the future");
	if (fe->n)
		return OPS_INVALID;
	if ((r = ops_begin(c)) != OPS_OK)
		return r;
	int64_t first = COMM_NO_DAY;
	if (comm_exec(c->db, STMT_COMM_POST_FILL, NULL, NULL, "iii", worker, day, post)
	    || store_get_int(c->db, STMT_COMM_FIRST_IN_PLACE, &first, "i", sla_id) != 1)
		return ops_fail(c, OPS_ERROR);
	struct pay_stage st[PAY_STAGES];
	if (pay_schedule(s.total, s.signed_day, first, st)) {
		fielderr_add(fe, "in_place", "gives payment dates out of range");
		return ops_fail(c, OPS_INVALID);
	}
	for (int k = 1; k < PAY_STAGES; k++)
		if (comm_exec(c->db, STMT_COMM_PAYMENT_DUE_SET, NULL, NULL, "iiii", st[k].due_day, c->now, sla_id, (int64_t)k))
			return ops_fail(c, OPS_ERROR);
	char detail[64];
	dt_format_date(day, detail);
	return ops_commit_audited(c, AUDIT_COMMISSION_POST_IN_PLACE, "comm_post", post, 0, detail);
}

enum ops_result ops_comm_extend(const struct ops_ctx *c, int64_t sla_id, json_t *in, struct field_errors *fe)
{
	struct comm_sla s;
	enum ops_result r = comm_sla_load(c, sla_id, &s);
	if (r != OPS_OK)
		return r;
	int64_t end;
	cj_date(in, "end", 1, &end, fe);
	const char *reason = cj_text(in, "reason", 1000, 1, fe);
	if (end != COMM_NO_DAY && end <= s.end)
		fielderr_add(fe, "end", "must be after the SLA's current end");
	if (fe->n)
		return OPS_INVALID;
	if ((r = ops_begin(c)) != OPS_OK)
		return r;
	if (comm_exec(c->db, STMT_COMM_EXTENSION_INSERT, NULL, NULL, "iiisiI", sla_id, s.end, end, reason, c->now,
		       c->user_id ? c->user_id : INT64_MIN)
	    || comm_exec(c->db, STMT_COMM_SLA_END_SET, NULL, NULL, "ii", end, sla_id))
		return ops_fail(c, OPS_ERROR);
	return ops_commit_audited(c, AUDIT_COMMISSION_SLA_EXTEND, "comm_sla", sla_id, 0, reason);
}

struct pay_row {
	int found;
	int64_t sla, due_day;
	char state[16];
};

static int pay_cb(void *ctx, const struct store_row *r)
{
	struct pay_row *p = ctx;
	p->found = 1;
	p->sla = store_row_int(r, 1);
	p->due_day = store_row_int(r, 5);
	snprintf(p->state, sizeof p->state, "%s", store_row_text(r, 6));
	return 0;
}

enum ops_result ops_comm_payment(const struct ops_ctx *c, int64_t sla_id, json_t *in, struct field_errors *fe)
{
	struct comm_sla s;
	enum ops_result r = comm_sla_load(c, sla_id, &s);
	if (r != OPS_OK)
		return r;
	int64_t pay = 0, review = 0, paid = COMM_NO_DAY, rsla = 0;
	cj_int(in, "payment", 1, INT64_MAX / 2, 1, 0, &pay, fe);
	const char *to_s = cj_text(in, "state", 20, 1, fe);
	int to = to_s ? pay_state_parse(to_s) : -1;
	if (to_s && to < 0)
		fielderr_add(fe, "state", "must be due, approved, held or paid");
	if (fe->n)
		return OPS_INVALID;
	struct pay_row p = { 0 };
	if (comm_exec(c->db, STMT_COMM_PAYMENT_GET, pay_cb, &p, "i", pay))
		return OPS_ERROR;
	if (!p.found || p.sla != sla_id)
		return fielderr_add(fe, "payment", "is not a payment of this SLA"), OPS_INVALID;
	const char *reason = NULL, *note = NULL, *ref = NULL;
	if (to == PAY_HELD) {
		reason = cj_text(in, "reason", 20, 1, fe);
		if (reason && !pay_hold_reason_ok(reason))
			fielderr_add(fe, "reason", "must be performance, missing_data or other");
		note = cj_text(in, "note", 1000, 0, fe);
		if (cj_int(in, "review", 1, INT64_MAX / 2, 0, 0, &review, fe) == 0) {
			int n = review ? store_get_int(c->db, STMT_COMM_REVIEW_SLA, &rsla, "i", review) : 0;
			if (n < 0)
				return OPS_ERROR;
			if (!review)
				fielderr_add(fe, "review", "Choose the quarterly review that justifies holding the payment");
			else if (n == 0 || rsla != sla_id)
				fielderr_add(fe, "review", "is not a review of this SLA");
		}
	} else if (to == PAY_PAID) {
		cj_date(in, "paid_on", 1, &paid, fe);
		ref = cj_text(in, "finance_ref", 100, 1, fe);
	}
	if (fe->n)
		return OPS_INVALID;
	enum pay_state from = (enum pay_state)pay_state_parse(p.state);
	if (!pay_transition_ok(from, (enum pay_state)to)) {
		fielderr_add(fe, "state", "A %s payment cannot be made %s", p.state, to_s);
		return OPS_CONFLICT;
	}
	if (to == PAY_DUE && (p.due_day == COMM_NO_DAY || p.due_day > comm_today(c))) {
		fielderr_add(fe, "state", "The payment is not due yet");
		return OPS_CONFLICT;
	}
	if ((r = ops_begin(c)) != OPS_OK)
		return r;
	if (comm_exec(c->db, STMT_COMM_PAYMENT_SET, NULL, NULL, "sssIIsiis", to_s, reason, note, review ? review : INT64_MIN,
		       paid == COMM_NO_DAY ? INT64_MIN : paid, ref, c->now, pay, p.state))
		return ops_fail(c, OPS_ERROR);
	char detail[160];
	snprintf(detail, sizeof detail, "%s -> %s%s%s", p.state, to_s, reason ? ": " : "", reason ? reason : "");
	return ops_commit_audited(c, AUDIT_COMMISSION_PAYMENT, "comm_payment", pay, 0, detail);
}
