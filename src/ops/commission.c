/* Commissioning use cases of a round: opening it, expressions of interest before the deadline, scores, the proposal and the awards. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datetime.h"
#include "core/lots.h"
#include "core/money.h"
#include "ops/commission_int.h"

/* GLPK keeps state per environment; one solve at a time is cheap insurance (they take milliseconds). */
static pthread_mutex_t glpk_lock = PTHREAD_MUTEX_INITIALIZER;

static void solve_locked(const struct lots_instance *in, struct lots_solution *sol)
{
	pthread_mutex_lock(&glpk_lock);
	lots_solve(in, sol);
	pthread_mutex_unlock(&glpk_lock);
}

static json_t *proposal_locked(const struct lots_instance *in, const struct lots_solution *sol)
{
	pthread_mutex_lock(&glpk_lock);
	json_t *o = lots_proposal_json(in, sol);
	pthread_mutex_unlock(&glpk_lock);
	return o;
}

struct names {
	size_t n;
	char v[LOTS_MAX_CLUSTERS][LOTS_ID_LEN];
};

static int name_row(void *ctx, const struct store_row *r)
{
	struct names *n = ctx;
	if (n->n < LOTS_MAX_CLUSTERS)
		snprintf(n->v[n->n++], LOTS_ID_LEN, "%s", store_row_text(r, 0));
	return 0;
}

static int names_has(const struct names *n, const char *s)
{
	for (size_t i = 0; i < n->n; i++)
		if (strcmp(n->v[i], s) == 0)
			return 1;
	return 0;
}

/* Reads a list of names at key (JSON array, or one string); each must be in allowed. */
static json_t *name_list(json_t *in, const char *key, const struct names *allowed, int required, struct field_errors *fe)
{
	json_t *v = json_object_get(in, key), *out = json_array();
	if (json_is_string(v) && json_string_length(v)) {
		json_t *a = json_array();
		json_array_append(a, v);
		v = a;
	} else if (json_is_array(v)) {
		json_incref(v);
	} else if (v && !json_is_null(v) && !json_is_string(v)) {
		fielderr_add(fe, key, "must be a list of GP cluster names");
		json_decref(out);
		return NULL;
	} else {
		v = NULL;
	}
	size_t i;
	json_t *x;
	json_array_foreach(v, i, x) {
		char path[64];
		snprintf(path, sizeof path, "%s[%zu]", key, i);
		if (!json_is_string(x) || !names_has(allowed, json_string_value(x))) {
			fielderr_add(fe, path, "is not one of this round's GP clusters");
			continue;
		}
		int dup = 0;
		size_t j;
		json_t *y;
		json_array_foreach(out, j, y) dup |= json_equal(x, y);
		if (!dup)
			json_array_append(out, x);
	}
	json_decref(v);
	if (required && json_array_size(out) == 0 && !fielderr_for(fe, key))
		fielderr_add(fe, key, "Choose at least one GP cluster");
	return out;
}

enum ops_result ops_comm_round_create(const struct ops_ctx *c, json_t *in, struct field_errors *fe, int64_t *id)
{
	const char *title = cj_text(in, "title", 200, 1, fe);
	const char *lv = cj_text(in, "lot_value", 20, 1, fe);
	const char *dl = cj_text(in, "eoi_deadline", 40, 1, fe);
	int64_t pence = 0, deadline = 0;
	if (lv && money_parse(lv, &pence))
		fielderr_add(fe, "lot_value", "must be an amount in pounds, like 14000.00");
	if (dl && dt_parse_iso8601(dl, &deadline))
		fielderr_add(fe, "eoi_deadline", "must be a date and time, like 2018-02-26T09:00:00Z");
	json_t *areas = json_object_get(in, "areas"), *ms = json_object_get(in, "milestones");
	if (!json_is_array(areas) || json_array_size(areas) == 0 || json_array_size(areas) > LOTS_MAX_AREAS)
		fielderr_add(fe, "areas", "Give 1 to %d areas, each with its number of Lots", LOTS_MAX_AREAS);
	if (ms && !json_is_null(ms) && (!json_is_array(ms) || json_array_size(ms) > 20))
		fielderr_add(fe, "milestones", "must be a list of at most 20 {label, at}");
	/* check every area before writing anything */
	struct area_in {
		const char *code;
		int64_t lots;
		char *clusters;
	} ai[LOTS_MAX_AREAS];
	size_t na = 0, i;
	json_t *a;
	if (json_is_array(areas) && json_array_size(areas) <= LOTS_MAX_AREAS)
		json_array_foreach(areas, i, a) {
			char kc[48], kl[48], kk[48];
			snprintf(kc, sizeof kc, "areas[%zu].area", i);
			snprintf(kl, sizeof kl, "areas[%zu].lots", i);
			snprintf(kk, sizeof kk, "areas[%zu].clusters", i);
			if (!json_is_object(a)) {
				fielderr_add(fe, kc, "must be an object {area, lots, clusters}");
				continue;
			}
			const char *code = json_string_value(json_object_get(a, "area"));
			struct names cl = { 0 };
			if (!code || comm_exec(c->db, STMT_COMM_AREA_CLUSTERS, name_row, &cl, "s", code) || cl.n == 0) {
				fielderr_add(fe, kc, "is not an area with GP clusters");
				continue;
			}
			for (size_t k = 0; k < na; k++)
				if (strcmp(ai[k].code, code) == 0)
					fielderr_add(fe, kc, "is given twice");
			int64_t lots;
			json_t *lj = json_object_get(a, "lots");
			if (!json_is_integer(lj) || (lots = json_integer_value(lj)) < 0 || lots > LOTS_MAX_PER_AREA) {
				fielderr_add(fe, kl, "must be a whole number from 0 to %d", LOTS_MAX_PER_AREA);
				continue;
			}
			json_t *given = json_object_get(a, "clusters");
			json_t *list;
			if (!given || json_is_null(given)) {
				list = json_array();
				for (size_t k = 0; k < cl.n; k++)
					json_array_append_new(list, json_string(cl.v[k]));
			} else {
				struct field_errors *sub = ops_fielderr_new();
				json_t *wrap = json_pack("{s:O}", kk, given);
				list = sub && wrap ? name_list(wrap, kk, &cl, 1, sub) : NULL;
				for (size_t k = 0; sub && k < sub->n; k++)
					fielderr_add(fe, sub->e[k].field, "%s", sub->e[k].message);
				json_decref(wrap);
				free(sub);
			}
			if (!list)
				continue;
			ai[na].code = code;
			ai[na].lots = lots;
			ai[na].clusters = json_dumps(list, JSON_COMPACT);
			json_decref(list);
			na++;
		}
	json_t *m;
	if (json_is_array(ms))
		json_array_foreach(ms, i, m) {
			char kl[48], ka[48];
			snprintf(kl, sizeof kl, "milestones[%zu].label", i);
			snprintf(ka, sizeof ka, "milestones[%zu].at", i);
			const char *l = json_string_value(json_object_get(m, "label"));
			const char *at = json_string_value(json_object_get(m, "at"));
			int64_t t;
			if (!l || !*l || strlen(l) > 200)
				fielderr_add(fe, kl, "Enter what happens, at most 200 characters");
			if (!at || dt_parse_iso8601(at, &t))
				fielderr_add(fe, ka, "must be a date and time, like 2018-03-26T09:00:00Z");
		}
	enum ops_result r = OPS_INVALID;
	if (fe->n == 0 && (r = ops_begin(c)) == OPS_OK) {
		if (store_get_int(c->db, STMT_COMM_ROUND_INSERT, id, "sii" "iI", title, pence, deadline, c->now,
				  c->user_id ? c->user_id : INT64_MIN) != 1)
			r = ops_fail(c, OPS_ERROR);
		for (size_t k = 0; r == OPS_OK && k < na; k++)
			if (comm_exec(c->db, STMT_COMM_ROUND_AREA_INSERT, NULL, NULL, "isis", *id, ai[k].code, ai[k].lots,
				       ai[k].clusters))
				r = ops_fail(c, OPS_ERROR);
		if (json_is_array(ms))
			json_array_foreach(ms, i, m) {
				int64_t t = 0;
				dt_parse_iso8601(json_string_value(json_object_get(m, "at")), &t);
				if (r == OPS_OK && comm_exec(c->db, STMT_COMM_MILESTONE_INSERT, NULL, NULL, "isi", *id,
							      json_string_value(json_object_get(m, "label")), t))
					r = ops_fail(c, OPS_ERROR);
			}
		if (r == OPS_OK)
			r = ops_commit_audited(c, AUDIT_COMMISSION_ROUND_CREATE, "comm_round", *id, 0, title);
	}
	for (size_t k = 0; k < na; k++)
		free(ai[k].clusters);
	return r;
}

struct round_row {
	int found;
	int64_t deadline;
	char status[16];
	int64_t lot_value;
};

static int round_row_cb(void *ctx, const struct store_row *r)
{
	struct round_row *o = ctx;
	o->found = 1;
	o->lot_value = store_row_int(r, 2);
	o->deadline = store_row_int(r, 3);
	snprintf(o->status, sizeof o->status, "%s", store_row_text(r, 4));
	return 0;
}

static int area_clusters_cb(void *ctx, const struct store_row *r)
{
	struct names *n = ctx;
	json_t *l = json_loads(store_row_text(r, 2), 0, NULL);
	size_t i;
	json_t *x;
	json_array_foreach(l, i, x) if (n->n < LOTS_MAX_CLUSTERS) snprintf(n->v[n->n++], LOTS_ID_LEN, "%s", json_string_value(x));
	json_decref(l);
	return 0;
}

enum ops_result ops_comm_eoi_submit(const struct ops_ctx *c, int64_t round_id, json_t *in, struct field_errors *fe, int64_t *id)
{
	struct round_row rr = { 0 };
	struct names cl = { 0 };
	if (comm_exec(c->db, STMT_COMM_ROUND_GET, round_row_cb, &rr, "i", round_id)
	    || comm_exec(c->db, STMT_COMM_ROUND_AREAS, area_clusters_cb, &cl, "i", round_id))
		return OPS_ERROR;
	if (!rr.found)
		return OPS_NOT_FOUND;
	if (c->now >= rr.deadline) {
		char when[DT_UTC_LEN];
		dt_format_utc(rr.deadline, when);
		fielderr_add(fe, "eoi_deadline", "The deadline for expressions of interest (%s) has passed", when);
		return OPS_CONFLICT;
	}
	int64_t mn = 0, mx = 0;
	cj_int(in, "min_lots", 1, LOTS_MAX_PER_AREA, 1, 0, &mn, fe);
	if (cj_int(in, "max_lots", 1, LOTS_MAX_PER_AREA, 1, 0, &mx, fe) == 0 && mn && mx < mn)
		fielderr_add(fe, "max_lots", "must be no less than the minimum number of Lots");
	json_t *clusters = name_list(in, "clusters", &cl, 1, fe);
	const char *spec = cj_text(in, "specialisms", COMM_TEXT_MAX, 1, fe);
	const char *exp = cj_text(in, "experience", COMM_TEXT_MAX, 1, fe);
	const char *track = cj_text(in, "track_record", COMM_TEXT_MAX, 1, fe);
	char *ctext = clusters ? json_dumps(clusters, JSON_COMPACT) : NULL;
	json_decref(clusters);
	enum ops_result r = OPS_INVALID;
	if (fe->n == 0 && ctext && (r = ops_begin(c)) == OPS_OK) {
		int n = store_get_int(c->db, STMT_COMM_EOI_INSERT, id, "iiiissssiI", round_id, c->org_id, mn, mx, ctext, spec, exp,
				      track, c->now, c->user_id ? c->user_id : INT64_MIN);
		if (n != 1) {
			if (store_errcode(c->db) == STORE_CONSTRAINT) {
				fielderr_add(fe, "round", "Your organisation has already sent an expression of interest for this round");
				r = ops_fail(c, OPS_CONFLICT);
			} else {
				r = ops_fail(c, OPS_ERROR);
			}
		} else {
			r = ops_commit_audited(c, AUDIT_COMMISSION_EOI_SUBMIT, "comm_eoi", *id, 0, "");
		}
	}
	free(ctext);
	return r;
}

enum ops_result ops_comm_score(const struct ops_ctx *c, int64_t round_id, json_t *in, struct field_errors *fe)
{
	const struct commission_data *cd = ops_comm_data();
	if (!cd)
		return OPS_ERROR;
	int64_t eoi = 0, eround = 0;
	if (cj_int(in, "eoi", 1, INT64_MAX / 2, 1, 0, &eoi, fe))
		return OPS_INVALID;
	int n = store_get_int(c->db, STMT_COMM_EOI_ROUND, &eround, "i", eoi);
	if (n < 0)
		return OPS_ERROR;
	if (n == 0 || eround != round_id) {
		fielderr_add(fe, "eoi", "is not an expression of interest in this round");
		return OPS_INVALID;
	}
	json_t *sl = json_object_get(in, "shortlisted");
	int shortlisted = 1;
	if (json_is_boolean(sl))
		shortlisted = json_is_true(sl);
	else if (json_is_string(sl) && (!strcmp(json_string_value(sl), "yes") || !strcmp(json_string_value(sl), "no")))
		shortlisted = !strcmp(json_string_value(sl), "yes");
	else if (sl && !json_is_null(sl))
		fielderr_add(fe, "shortlisted", "must be true or false");
	json_t *scores = json_object_get(in, "scores");
	int sc[CD_MAX_ITEMS];
	if (scores && !json_is_object(scores))
		fielderr_add(fe, "scores", "must be an object of criterion: score");
	const char *k;
	json_t *v;
	json_object_foreach(scores, k, v) if (commission_selection_index(cd, k) < 0)
		fielderr_add(fe, "scores", "'%.40s' is not a selection criterion", k);
	int complete = 1;
	for (size_t i = 0; i < cd->n_selection; i++) {
		char key[64];
		snprintf(key, sizeof key, "scores.%s", cd->selection[i].code);
		json_t *s = json_object_get(scores, cd->selection[i].code);
		int64_t x;
		json_t *wrap = json_pack("{s:O?}", key, s);
		if (!s || json_is_null(s))
			complete = 0, sc[i] = -1;
		else if (cj_int(wrap, key, 0, cd->score_max, 1, 0, &x, fe) == 0)
			sc[i] = (int)x;
		json_decref(wrap);
	}
	if (shortlisted && !complete)
		fielderr_add(fe, "scores", "Score every selection criterion (0 to %d) for a shortlisted provider", cd->score_max);
	if (fe->n)
		return OPS_INVALID;
	int64_t weighted = complete ? commission_weighted_score(cd, sc) : INT64_MIN;
	enum ops_result r = ops_begin(c);
	if (r != OPS_OK)
		return r;
	for (size_t i = 0; i < cd->n_selection; i++)
		if (sc[i] >= 0 && comm_exec(c->db, STMT_COMM_SCORE_PUT, NULL, NULL, "isiiI", eoi, cd->selection[i].code, (int64_t)sc[i],
					     c->now, c->user_id ? c->user_id : INT64_MIN))
			return ops_fail(c, OPS_ERROR);
	if (comm_exec(c->db, STMT_COMM_EOI_SCORE_SET, NULL, NULL, "iIi", (int64_t)shortlisted, weighted, eoi))
		return ops_fail(c, OPS_ERROR);
	char detail[64];
	snprintf(detail, sizeof detail, "shortlisted=%d score=%lld", shortlisted, (long long)(complete ? weighted : -1));
	return ops_commit_audited(c, AUDIT_COMMISSION_SCORE, "comm_eoi", eoi, 0, detail);
}

/* The round as an optimiser instance: shortlisted, scored EOIs as providers (id: the organisation's name). */
struct inst_build {
	struct lots_instance *in;
	int64_t eoi_id[LOTS_MAX_PROVIDERS], org_id[LOTS_MAX_PROVIDERS];
	int overflow;
};

static int inst_area_cb(void *ctx, const struct store_row *r)
{
	struct inst_build *b = ctx;
	struct lots_instance *in = b->in;
	if (in->n_areas >= LOTS_MAX_AREAS)
		return b->overflow = 1, 0;
	size_t a = in->n_areas++;
	snprintf(in->areas[a].code, LOTS_ID_LEN, "%s", store_row_text(r, 0));
	in->areas[a].lots = (int)store_row_int(r, 1);
	json_t *l = json_loads(store_row_text(r, 2), 0, NULL);
	size_t i;
	json_t *x;
	json_array_foreach(l, i, x) {
		if (in->n_clusters >= LOTS_MAX_CLUSTERS) {
			b->overflow = 1;
			break;
		}
		snprintf(in->clusters[in->n_clusters].name, LOTS_ID_LEN, "%s", json_string_value(x));
		in->clusters[in->n_clusters++].area = (int)a;
	}
	json_decref(l);
	return 0;
}

static int inst_eoi_cb(void *ctx, const struct store_row *r)
{
	struct inst_build *b = ctx;
	struct lots_instance *in = b->in;
	if (!store_row_int(r, 9) || store_row_int(r, 10) < 0)
		return 0; /* not shortlisted, or not scored */
	if (in->n_providers >= LOTS_MAX_PROVIDERS)
		return b->overflow = 1, 0;
	size_t p = in->n_providers++;
	struct lots_provider *pr = &in->providers[p];
	b->eoi_id[p] = store_row_int(r, 0);
	b->org_id[p] = store_row_int(r, 1);
	snprintf(pr->id, LOTS_ID_LEN, "%s", store_row_text(r, 2));
	pr->min = (int)store_row_int(r, 3);
	pr->max = (int)store_row_int(r, 4);
	pr->score = store_row_int(r, 10);
	pr->require = -1;
	json_t *l = json_loads(store_row_text(r, 5), 0, NULL);
	size_t i;
	json_t *x;
	json_array_foreach(l, i, x) {
		for (size_t c = 0; c < in->n_clusters; c++)
			if (!strcmp(in->clusters[c].name, json_string_value(x)))
				pr->covers |= 1u << c;
	}
	json_decref(l);
	return 0;
}

/* Builds and solves; overrides (may be NULL) require or exclude providers. Lapsed providers are excluded unless the
 * setting lets them receive work. Fills reasons[p] with the override's reason. */
static enum ops_result solve_round(const struct ops_ctx *c, int64_t round_id, json_t *overrides, struct inst_build *b,
				   struct lots_solution *sol, const char **reasons, int *lapsed, struct field_errors *fe)
{
	memset(b->in, 0, sizeof *b->in);
	struct round_row rr = { 0 };
	if (comm_exec(c->db, STMT_COMM_ROUND_GET, round_row_cb, &rr, "i", round_id))
		return OPS_ERROR;
	if (!rr.found)
		return OPS_NOT_FOUND;
	if (comm_exec(c->db, STMT_COMM_ROUND_AREAS, inst_area_cb, b, "i", round_id)
	    || comm_exec(c->db, STMT_COMM_EOIS, inst_eoi_cb, b, "iii", round_id, (int64_t)0, (int64_t)0))
		return OPS_ERROR;
	if (b->overflow) {
		fielderr_add(fe, "round", "has more areas, clusters or shortlisted providers than the optimiser takes");
		return OPS_INVALID;
	}
	int may = comm_lapsed_may_receive(c);
	for (size_t p = 0; p < b->in->n_providers; p++) {
		char crit[CD_LABEL_LEN];
		reasons[p] = NULL;
		int l = comm_org_lapsed(c, b->org_id[p], crit, sizeof crit);
		if (l < 0)
			return OPS_ERROR;
		lapsed[p] = l;
		if (l && !may)
			b->in->providers[p].require = 0;
	}
	if (overrides && !json_is_null(overrides) && !json_is_array(overrides))
		return fielderr_add(fe, "overrides", "must be a list of {eoi, award, reason}"), OPS_INVALID;
	size_t i;
	json_t *o;
	json_array_foreach(overrides, i, o) {
		char ke[48], ka[48], kr[48];
		snprintf(ke, sizeof ke, "overrides[%zu].eoi", i);
		snprintf(ka, sizeof ka, "overrides[%zu].award", i);
		snprintf(kr, sizeof kr, "overrides[%zu].reason", i);
		json_t *e = json_object_get(o, "eoi"), *aw = json_object_get(o, "award");
		const char *reason = json_string_value(json_object_get(o, "reason"));
		int found = -1;
		for (size_t p = 0; json_is_integer(e) && p < b->in->n_providers; p++)
			if (b->eoi_id[p] == json_integer_value(e))
				found = (int)p;
		if (found < 0) {
			fielderr_add(fe, ke, "is not a shortlisted, scored expression of interest in this round");
			continue;
		}
		if (!json_is_boolean(aw)) {
			fielderr_add(fe, ka, "must be true (award at least its minimum) or false (award nothing)");
			continue;
		}
		if (!reason || !*reason || strlen(reason) > 1000) {
			fielderr_add(fe, kr, "Give the panel's reason for the override (at most 1000 characters)");
			continue;
		}
		if (json_is_true(aw) && lapsed[found] && !may) {
			fielderr_add(fe, ka, "%s has a lapsed minimum criterion and may not receive new work", b->in->providers[found].id);
			continue;
		}
		b->in->providers[found].require = json_is_true(aw);
		reasons[found] = reason;
	}
	if (fe->n)
		return OPS_INVALID;
	solve_locked(b->in, sol);
	return OPS_OK;
}

static void annotate(json_t *prop, const struct inst_build *b, const char **reasons, const int *lapsed)
{
	json_t *provs = json_object_get(prop, "providers"), *awards = json_object_get(prop, "awards");
	size_t i;
	json_t *x;
	json_array_foreach(provs, i, x) {
		json_object_set_new(x, "eoi", json_integer(b->eoi_id[i]));
		json_object_set_new(x, "org_id", json_integer(b->org_id[i]));
		json_object_set_new(x, "lapsed", json_boolean(lapsed[i]));
		json_object_set_new(x, "override_reason", reasons[i] ? json_string(reasons[i]) : json_null());
	}
	json_array_foreach(awards, i, x) {
		const char *name = json_string_value(json_object_get(x, "provider"));
		for (size_t p = 0; p < b->in->n_providers; p++)
			if (!strcmp(name, b->in->providers[p].id)) {
				json_object_set_new(x, "org_id", json_integer(b->org_id[p]));
				json_object_set_new(x, "lapsed", json_boolean(lapsed[p]));
			}
	}
}

json_t *ops_comm_proposal(const struct ops_ctx *c, int64_t round_id, json_t *overrides, struct field_errors *fe,
			  enum ops_result *r)
{
	struct inst_build *b = calloc(1, sizeof *b);
	struct lots_instance *in = malloc(sizeof *in);
	struct lots_solution *sol = malloc(sizeof *sol);
	const char *reasons[LOTS_MAX_PROVIDERS];
	int lapsed[LOTS_MAX_PROVIDERS];
	json_t *out = NULL;
	*r = OPS_ERROR;
	if (b && in && sol) {
		b->in = in;
		*r = solve_round(c, round_id, overrides, b, sol, reasons, lapsed, fe);
		if (*r == OPS_OK) {
			out = proposal_locked(in, sol);
			annotate(out, b, reasons, lapsed);
		}
	}
	free(b), free(in), free(sol);
	return out;
}

enum ops_result ops_comm_award(const struct ops_ctx *c, int64_t round_id, json_t *in, struct field_errors *fe)
{
	struct round_row rr = { 0 };
	if (comm_exec(c->db, STMT_COMM_ROUND_GET, round_row_cb, &rr, "i", round_id))
		return OPS_ERROR;
	if (!rr.found)
		return OPS_NOT_FOUND;
	if (strcmp(rr.status, "open") != 0) {
		fielderr_add(fe, "round", "The Lots of this round have already been awarded");
		return OPS_CONFLICT;
	}
	if (c->now < rr.deadline) {
		fielderr_add(fe, "round", "Lots can be awarded only after the deadline for expressions of interest");
		return OPS_CONFLICT;
	}
	struct inst_build *b = calloc(1, sizeof *b);
	struct lots_instance *li = malloc(sizeof *li);
	struct lots_solution *sol = malloc(sizeof *sol);
	const char *reasons[LOTS_MAX_PROVIDERS];
	int lapsed[LOTS_MAX_PROVIDERS];
	json_t *prop = NULL;
	enum ops_result r = OPS_ERROR;
	if (!b || !li || !sol)
		goto done;
	b->in = li;
	r = solve_round(c, round_id, json_object_get(in, "overrides"), b, sol, reasons, lapsed, fe);
	if (r != OPS_OK)
		goto done;
	if (sol->status != LOTS_OPTIMAL) {
		fielderr_add(fe, "round", sol->status == LOTS_INFEASIBLE
			     ? "No allocation gives every area exactly its Lots within the shortlisted providers' minimums and maximums"
			     : "The optimiser failed");
		r = sol->status == LOTS_INFEASIBLE ? OPS_CONFLICT : OPS_ERROR;
		goto done;
	}
	prop = proposal_locked(li, sol);
	if ((r = ops_begin(c)) != OPS_OK)
		goto done;
	size_t i;
	json_t *a;
	json_array_foreach(json_object_get(prop, "awards"), i, a) {
		const char *name = json_string_value(json_object_get(a, "provider"));
		size_t p = 0;
		while (p < li->n_providers && strcmp(li->providers[p].id, name))
			p++;
		if (comm_exec(c->db, STMT_COMM_AWARD_INSERT, NULL, NULL, "iississsi", round_id, b->org_id[p],
			       json_string_value(json_object_get(a, "area")), json_string_value(json_object_get(a, "cluster")),
			       (int64_t)json_integer_value(json_object_get(a, "lots")), json_string_value(json_object_get(a, "reason")),
			       json_string_value(json_object_get(a, "runner_up")), reasons[p], c->now)) {
			r = ops_fail(c, OPS_ERROR);
			goto done;
		}
	}
	if (comm_exec(c->db, STMT_COMM_ROUND_STATUS, NULL, NULL, "si", "awarded", round_id)) {
		r = ops_fail(c, OPS_ERROR);
		goto done;
	}
	char detail[200];
	size_t len = (size_t)snprintf(detail, sizeof detail, "score=%lld", (long long)sol->score);
	for (size_t p = 0; p < li->n_providers && len < sizeof detail; p++)
		if (reasons[p])
			len += (size_t)snprintf(detail + len, sizeof detail - len, " override eoi %lld", (long long)b->eoi_id[p]);
	r = ops_commit_audited(c, AUDIT_COMMISSION_AWARD, "comm_round", round_id, 0, detail);
done:
	json_decref(prop);
	free(b), free(li), free(sol);
	return r;
}
