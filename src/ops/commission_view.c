/* Commissioning reads as JSON for the API and the pages: rounds, SLAs with posts, payments and reviews, criteria, exports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datetime.h"
#include "core/money.h"
#include "ops/commission_int.h"

static json_t *day_json(int64_t d)
{
	if (d == COMM_NO_DAY)
		return json_null();
	char s[DT_DATE_LEN];
	dt_format_date(d, s);
	return json_string(s);
}

static json_t *utc_json(int64_t t)
{
	char s[DT_UTC_LEN];
	dt_format_utc(t, s);
	return json_string(s);
}

static void money_set(json_t *o, const char *key, int64_t pence)
{
	char k[64], m[MONEY_LEN];
	snprintf(k, sizeof k, "%s_pence", key);
	json_object_set_new(o, k, json_integer(pence));
	money_format(pence, m);
	snprintf(k, sizeof k, "%s_display", key);
	json_object_set_new(o, k, json_string(m));
}

struct view {
	const struct ops_ctx *c;
	json_t *arr;
};

static int round_cb(void *ctx, const struct store_row *r)
{
	struct view *v = ctx;
	json_t *o = json_pack("{s:I,s:s,s:s}", "id", (json_int_t)store_row_int(r, 0), "title", store_row_text(r, 1), "status",
			      store_row_text(r, 4));
	money_set(o, "lot_value", store_row_int(r, 2));
	json_object_set_new(o, "eoi_deadline", utc_json(store_row_int(r, 3)));
	json_object_set_new(o, "eoi_open", json_boolean(v->c->now < store_row_int(r, 3)));
	json_array_append_new(v->arr, o);
	return 0;
}

json_t *ops_comm_rounds(const struct ops_ctx *c, enum ops_result *r)
{
	struct view v = { c, json_array() };
	*r = comm_exec(c->db, STMT_COMM_ROUND_LIST, round_cb, &v, "") ? OPS_ERROR : OPS_OK;
	if (*r != OPS_OK) {
		json_decref(v.arr);
		return NULL;
	}
	return json_pack("{s:o}", "rounds", v.arr);
}

static int area_cb(void *ctx, const struct store_row *r)
{
	struct view *v = ctx;
	json_t *cl = json_loads(store_row_text(r, 2), 0, NULL);
	json_array_append_new(v->arr, json_pack("{s:s,s:I,s:o}", "area", store_row_text(r, 0), "lots",
						(json_int_t)store_row_int(r, 1), "clusters", cl ? cl : json_array()));
	return 0;
}

static int milestone_cb(void *ctx, const struct store_row *r)
{
	struct view *v = ctx;
	json_array_append_new(v->arr, json_pack("{s:s,s:o}", "label", store_row_text(r, 0), "at", utc_json(store_row_int(r, 1))));
	return 0;
}

static int score_cb(void *ctx, const struct store_row *r)
{
	json_object_set_new(ctx, store_row_text(r, 0), json_integer(store_row_int(r, 1)));
	return 0;
}

static int eoi_cb(void *ctx, const struct store_row *r)
{
	struct view *v = ctx;
	json_t *cl = json_loads(store_row_text(r, 5), 0, NULL);
	json_t *o = json_pack("{s:I,s:{s:I,s:s},s:I,s:I,s:o,s:s,s:s,s:s,s:b}", "id", (json_int_t)store_row_int(r, 0), "organisation",
			      "id", (json_int_t)store_row_int(r, 1), "name", store_row_text(r, 2), "min_lots",
			      (json_int_t)store_row_int(r, 3), "max_lots", (json_int_t)store_row_int(r, 4), "clusters",
			      cl ? cl : json_array(), "specialisms", store_row_text(r, 6), "experience", store_row_text(r, 7),
			      "track_record", store_row_text(r, 8), "shortlisted", (int)store_row_int(r, 9));
	int64_t s = store_row_int(r, 10);
	json_object_set_new(o, "score_x100", s < 0 ? json_null() : json_integer(s));
	json_object_set_new(o, "submitted_at", utc_json(store_row_int(r, 11)));
	json_array_append_new(v->arr, o);
	return 0;
}

static int award_cb(void *ctx, const struct store_row *r)
{
	struct view *v = ctx;
	json_t *o = json_pack("{s:{s:I,s:s},s:s,s:s,s:I,s:s}", "organisation", "id", (json_int_t)store_row_int(r, 0), "name",
			      store_row_text(r, 1), "area", store_row_text(r, 2), "cluster", store_row_text(r, 3), "lots",
			      (json_int_t)store_row_int(r, 4), "reason", store_row_text(r, 5));
	json_object_set_new(o, "runner_up", store_row_isnull(r, 6) ? json_null() : json_string(store_row_text(r, 6)));
	json_object_set_new(o, "override_reason", store_row_isnull(r, 7) ? json_null() : json_string(store_row_text(r, 7)));
	json_array_append_new(v->arr, o);
	return 0;
}

json_t *ops_comm_round(const struct ops_ctx *c, int64_t round_id, enum ops_result *r)
{
	struct view v = { c, json_array() };
	*r = OPS_ERROR;
	if (comm_exec(c->db, STMT_COMM_ROUND_GET, round_cb, &v, "i", round_id))
		goto fail;
	if (json_array_size(v.arr) == 0) {
		*r = OPS_NOT_FOUND;
		goto fail;
	}
	json_t *o = json_incref(json_array_get(v.arr, 0));
	json_decref(v.arr);
	int64_t org = comm_org_filter(c);
	struct view a = { c, json_array() }, m = { c, json_array() }, e = { c, json_array() }, w = { c, json_array() };
	json_object_set_new(o, "areas", a.arr);
	json_object_set_new(o, "milestones", m.arr);
	json_object_set_new(o, "eois", e.arr);
	json_object_set_new(o, "awards", w.arr);
	if (comm_exec(c->db, STMT_COMM_ROUND_AREAS, area_cb, &a, "i", round_id)
	    || comm_exec(c->db, STMT_COMM_MILESTONES, milestone_cb, &m, "i", round_id)
	    || comm_exec(c->db, STMT_COMM_EOIS, eoi_cb, &e, "iii", round_id, org, org)
	    || comm_exec(c->db, STMT_COMM_AWARDS, award_cb, &w, "iii", round_id, org, org)) {
		json_decref(o);
		return NULL;
	}
	size_t i;
	json_t *x;
	json_array_foreach(e.arr, i, x) {
		json_t *sc = json_object();
		json_object_set_new(x, "scores", sc);
		if (comm_sees_all(c) && comm_exec(c->db, STMT_COMM_SCORES, score_cb, sc, "i",
						   (int64_t)json_integer_value(json_object_get(x, "id")))) {
			json_decref(o);
			return NULL;
		}
	}
	*r = OPS_OK;
	return o;
fail:
	json_decref(v.arr);
	return NULL;
}

static void lapsed_set(const struct ops_ctx *c, json_t *o, int64_t org)
{
	char crit[CD_LABEL_LEN] = "";
	int l = comm_org_lapsed(c, org, crit, sizeof crit);
	json_object_set_new(o, "lapsed_criterion", l == 1 ? json_string(crit) : json_null());
}

static int sla_cb(void *ctx, const struct store_row *r)
{
	struct view *v = ctx;
	json_t *o = json_pack("{s:I,s:{s:I,s:s},s:{s:I,s:s},s:I}", "id", (json_int_t)store_row_int(r, 0), "round", "id",
			      (json_int_t)store_row_int(r, 1), "title", store_row_text(r, 2), "organisation", "id",
			      (json_int_t)store_row_int(r, 3), "name", store_row_text(r, 4), "lots", (json_int_t)store_row_int(r, 5));
	money_set(o, "total", store_row_int(r, 6));
	json_object_set_new(o, "signed", day_json(store_row_int(r, 7)));
	json_object_set_new(o, "start", day_json(store_row_int(r, 8)));
	json_object_set_new(o, "end", day_json(store_row_int(r, 9)));
	json_object_set_new(o, "mobilisation_end", day_json(store_row_int(r, 10)));
	json_object_set_new(o, "mobilisation_pct", json_integer(store_row_int(r, 11)));
	lapsed_set(v->c, o, store_row_int(r, 3));
	json_array_append_new(v->arr, o);
	return 0;
}

json_t *ops_comm_slas(const struct ops_ctx *c, enum ops_result *r)
{
	struct view v = { c, json_array() };
	int64_t org = comm_org_filter(c);
	*r = comm_exec(c->db, STMT_COMM_SLA_LIST, sla_cb, &v, "ii", org, org) ? OPS_ERROR : OPS_OK;
	if (*r != OPS_OK) {
		json_decref(v.arr);
		return NULL;
	}
	return json_pack("{s:o}", "slas", v.arr);
}

static int post_cb(void *ctx, const struct store_row *r)
{
	struct view *v = ctx;
	json_t *o = json_pack("{s:I,s:s,s:s,s:I}", "id", (json_int_t)store_row_int(r, 0), "area", store_row_text(r, 1), "cluster",
			      store_row_text(r, 2), "fte_hundredths", (json_int_t)store_row_int(r, 3));
	int64_t w = store_row_int(r, 4);
	json_object_set_new(o, "worker", w ? json_pack("{s:I,s:s}", "id", (json_int_t)w, "name", store_row_text(r, 5)) : json_null());
	json_object_set_new(o, "in_place", day_json(store_row_int(r, 6)));
	json_array_append_new(v->arr, o);
	return 0;
}

static int payment_cb(void *ctx, const struct store_row *r)
{
	struct view *v = ctx;
	json_t *o = json_pack("{s:I,s:I,s:s,s:s}", "id", (json_int_t)store_row_int(r, 0), "stage", (json_int_t)store_row_int(r, 2),
			      "label", store_row_text(r, 3), "state", store_row_text(r, 6));
	money_set(o, "amount", store_row_int(r, 4));
	json_object_set_new(o, "due", day_json(store_row_int(r, 5)));
	const char *hr = store_row_text(r, 7);
	json_object_set_new(o, "hold_reason", *hr ? json_string(hr) : json_null());
	const char *hn = store_row_text(r, 8);
	json_object_set_new(o, "hold_note", *hn ? json_string(hn) : json_null());
	int64_t rv = store_row_int(r, 9);
	json_object_set_new(o, "review", rv ? json_integer(rv) : json_null());
	json_object_set_new(o, "paid_on", day_json(store_row_int(r, 10)));
	const char *fr = store_row_text(r, 11);
	json_object_set_new(o, "finance_ref", *fr ? json_string(fr) : json_null());
	json_array_append_new(v->arr, o);
	return 0;
}

static int review_cb(void *ctx, const struct store_row *r)
{
	struct view *v = ctx;
	int64_t post = store_row_int(r, 1);
	json_t *o = json_pack("{s:I,s:I,s:I}", "id", (json_int_t)store_row_int(r, 0), "quarter", (json_int_t)store_row_int(r, 2),
			      "clients", (json_int_t)store_row_int(r, 5));
	json_object_set_new(o, "post", post ? json_integer(post) : json_null());
	json_object_set_new(o, "from", day_json(store_row_int(r, 3)));
	json_object_set_new(o, "to", day_json(store_row_int(r, 4)));
	json_object_set_new(o, "target", json_real((double)store_row_int(r, 6) / 100.0));
	/* -1: nothing to measure (no cases, no referral due), so not rated */
	for (int k = 7; k <= 8; k++)
		json_object_set_new(o, k == 7 ? "completeness" : "followup",
				    store_row_int(r, k) < 0 ? json_null() : json_real((double)store_row_int(r, k) / 100.0));
	json_object_set_new(o, "outcomes", json_string(store_row_text(r, 9)));
	json_object_set_new(o, "rag", json_string(store_row_text(r, 10)));
	json_object_set_new(o, "notes", json_string(store_row_text(r, 11)));
	json_object_set_new(o, "actions", json_string(store_row_text(r, 12)));
	json_object_set_new(o, "created_at", utc_json(store_row_int(r, 13)));
	int computed = store_row_int(r, 14) != 0;
	json_object_set_new(o, "computed", json_boolean(computed));
	if (computed) {
		json_object_set_new(o, "counts", json_pack("{s:I,s:I,s:I,s:I,s:I}", "cases", (json_int_t)store_row_int(r, 15),
							   "fields_filled", (json_int_t)store_row_int(r, 16), "fields_total",
							   (json_int_t)store_row_int(r, 17), "followup_due",
							   (json_int_t)store_row_int(r, 18), "followup_within",
							   (json_int_t)store_row_int(r, 19)));
		json_t *oc = json_loads(store_row_text(r, 20), 0, NULL);
		json_object_set_new(o, "outcome_counts", oc ? oc : json_null());
	}
	json_object_set_new(o, "computed_rag", json_string(store_row_text(r, 21)));
	json_object_set_new(o, "override_reason", store_row_isnull(r, 22) ? json_null() : json_string(store_row_text(r, 22)));
	json_array_append_new(v->arr, o);
	return 0;
}

static int ext_cb(void *ctx, const struct store_row *r)
{
	struct view *v = ctx;
	json_t *o = json_object();
	json_object_set_new(o, "from_end", day_json(store_row_int(r, 0)));
	json_object_set_new(o, "to_end", day_json(store_row_int(r, 1)));
	json_object_set_new(o, "reason", json_string(store_row_text(r, 2)));
	json_object_set_new(o, "created_at", utc_json(store_row_int(r, 3)));
	json_array_append_new(v->arr, o);
	return 0;
}

json_t *ops_comm_sla(const struct ops_ctx *c, int64_t sla_id, enum ops_result *r)
{
	struct view v = { c, json_array() };
	*r = OPS_ERROR;
	if (comm_exec(c->db, STMT_COMM_SLA_GET, sla_cb, &v, "i", sla_id)) {
		json_decref(v.arr);
		return NULL;
	}
	json_t *o = json_incref(json_array_get(v.arr, 0));
	json_decref(v.arr);
	if (!o || (!comm_sees_all(c) && json_integer_value(json_object_get(json_object_get(o, "organisation"), "id")) != c->org_id)) {
		json_decref(o);
		*r = OPS_NOT_FOUND;
		return NULL;
	}
	struct view p = { c, json_array() }, pay = { c, json_array() }, rv = { c, json_array() }, ex = { c, json_array() };
	json_object_set_new(o, "posts", p.arr);
	json_object_set_new(o, "payments", pay.arr);
	json_object_set_new(o, "reviews", rv.arr);
	json_object_set_new(o, "extensions", ex.arr);
	if (comm_exec(c->db, STMT_COMM_POSTS, post_cb, &p, "i", sla_id) || comm_exec(c->db, STMT_COMM_PAYMENTS, payment_cb, &pay, "i", sla_id)
	    || comm_exec(c->db, STMT_COMM_REVIEWS, review_cb, &rv, "i", sla_id)
	    || comm_exec(c->db, STMT_COMM_EXTENSIONS, ext_cb, &ex, "i", sla_id)) {
		json_decref(o);
		return NULL;
	}
	size_t n = json_array_size(rv.arr);
	json_object_set(o, "rag", n ? json_object_get(json_array_get(rv.arr, n - 1), "rag") : json_null());
	*r = OPS_OK;
	return o;
}

struct crit_view {
	const struct ops_ctx *c;
	const struct commission_data *cd;
	json_t *items[CD_MAX_ITEMS];
	int64_t latest[CD_MAX_ITEMS];
	int checked[CD_MAX_ITEMS];
};

static int evidence_cb(void *ctx, const struct store_row *r)
{
	struct crit_view *v = ctx;
	int i = commission_criterion_index(v->cd, store_row_text(r, 1));
	if (i < 0)
		return 0;
	json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:I}", "id", (json_int_t)store_row_int(r, 0), "title", store_row_text(r, 2),
			      "reference", store_row_text(r, 3), "file_name", store_row_text(r, 5), "content_type",
			      store_row_text(r, 6), "file_size", (json_int_t)store_row_int(r, 7));
	json_object_set_new(o, "review_date", day_json(store_row_int(r, 4)));
	int64_t by = store_row_int(r, 8);
	json_object_set_new(o, "checked_by", by ? json_integer(by) : json_null());
	json_object_set_new(o, "checked_at", by ? utc_json(store_row_int(r, 9)) : json_null());
	json_object_set_new(o, "uploaded_at", utc_json(store_row_int(r, 10)));
	json_array_append_new(json_object_get(v->items[i], "evidence"), o);
	if (store_row_int(r, 4) > v->latest[i]) {
		v->latest[i] = store_row_int(r, 4);
		v->checked[i] = by != 0;
	}
	return 0;
}

json_t *ops_comm_criteria(const struct ops_ctx *c, int64_t org_id, enum ops_result *r)
{
	struct crit_view v = { c, ops_comm_data() };
	*r = OPS_ERROR;
	if (!v.cd)
		return NULL;
	if (!comm_sees_all(c) && org_id != c->org_id) {
		*r = OPS_NOT_FOUND;
		return NULL;
	}
	for (size_t i = 0; i < v.cd->n_criteria; i++) {
		v.items[i] = json_pack("{s:s,s:s,s:[]}", "code", v.cd->criteria[i].code, "label", v.cd->criteria[i].label, "evidence");
		v.latest[i] = COMM_NO_DAY;
	}
	int remind = comm_reminder_days(c);
	json_t *list = json_array();
	int fail = comm_exec(c->db, STMT_COMM_EVIDENCE_LIST, evidence_cb, &v, "i", org_id);
	int64_t today = comm_today(c);
	int lapsed = 0;
	for (size_t i = 0; i < v.cd->n_criteria; i++) {
		const char *st = v.latest[i] == COMM_NO_DAY ? "missing"
				 : v.latest[i] < today		 ? "lapsed"
				 : v.latest[i] <= today + remind ? "review_due"
				 : v.checked[i]			 ? "met"
								 : "unchecked";
		lapsed |= v.latest[i] != COMM_NO_DAY && v.latest[i] < today;
		json_object_set_new(v.items[i], "status", json_string(st));
		json_object_set_new(v.items[i], "review_date", day_json(v.latest[i]));
		json_array_append_new(list, v.items[i]);
	}
	if (fail) {
		json_decref(list);
		return NULL;
	}
	*r = OPS_OK;
	return json_pack("{s:I,s:b,s:o}", "organisation", (json_int_t)org_id, "lapsed", lapsed, "criteria", list);
}

static int pay_row_cb(void *ctx, const struct store_row *r)
{
	struct view *v = ctx;
	json_t *o = json_pack("{s:I,s:I,s:s,s:I,s:s,s:I,s:s,s:s,s:s}", "payment", (json_int_t)store_row_int(r, 0), "sla",
			      (json_int_t)store_row_int(r, 1), "provider", store_row_text(r, 2), "stage", (json_int_t)store_row_int(r, 3),
			      "label", store_row_text(r, 4), "pence", (json_int_t)store_row_int(r, 5), "state", store_row_text(r, 7),
			      "hold_reason", store_row_text(r, 8), "finance_ref", store_row_text(r, 10));
	char m[MONEY_LEN];
	money_format_plain(store_row_int(r, 5), m);
	json_object_set_new(o, "amount", json_string(m));
	json_object_set_new(o, "due", day_json(store_row_int(r, 6)));
	json_object_set_new(o, "paid_on", day_json(store_row_int(r, 9)));
	json_array_append_new(v->arr, o);
	return 0;
}

json_t *ops_comm_payment_rows(const struct ops_ctx *c, enum ops_result *r)
{
	struct view v = { c, json_array() };
	int64_t org = comm_org_filter(c);
	if (comm_exec(c->db, STMT_COMM_PAYMENTS_ALL, pay_row_cb, &v, "ii", org, org)) {
		*r = OPS_ERROR;
		json_decref(v.arr);
		return NULL;
	}
	*r = ops_audit(c, AUDIT_COMMISSION_EXPORT, "comm_payments", 0, 0, "") ? OPS_ERROR : OPS_OK;
	return v.arr;
}

static int worker_cb(void *ctx, const struct store_row *r)
{
	struct view *v = ctx;
	json_array_append_new(v->arr, json_pack("{s:I,s:s}", "id", (json_int_t)store_row_int(r, 0), "name", store_row_text(r, 1)));
	return 0;
}

json_t *ops_comm_sla_workers(const struct ops_ctx *c, int64_t sla_id, enum ops_result *r)
{
	int64_t org = 0;
	int n = store_get_int(c->db, STMT_COMM_SLA_ORG, &org, "i", sla_id);
	if (n <= 0 || (!comm_sees_all(c) && org != c->org_id)) {
		*r = n < 0 ? OPS_ERROR : OPS_NOT_FOUND;
		return NULL;
	}
	struct view v = { c, json_array() };
	if (comm_exec(c->db, STMT_COMM_ORG_LINK_WORKERS, worker_cb, &v, "i", org)) {
		json_decref(v.arr);
		*r = OPS_ERROR;
		return NULL;
	}
	*r = OPS_OK;
	return v.arr;
}
