/* Lot allocation as a mixed integer programme solved by GLPK, with reasons and runners-up for the panel. */
#include "core/lots.h"

#include <glpk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The weight of one covered cluster: more than any possible total score, so coverage comes first. */
static double cover_weight(const struct lots_instance *in)
{
	int64_t lots = 0, best = 0;
	for (size_t a = 0; a < in->n_areas; a++)
		lots += in->areas[a].lots;
	for (size_t p = 0; p < in->n_providers; p++)
		if (in->providers[p].score > best)
			best = in->providers[p].score;
	return (double)(lots * best + 1);
}

enum lots_status lots_solve(const struct lots_instance *in, struct lots_solution *out)
{
	memset(out, 0, sizeof *out);
	size_t np = in->n_providers, nc = in->n_clusters, na = in->n_areas;
	int xcol[LOTS_MAX_PROVIDERS][LOTS_MAX_CLUSTERS];
	glp_prob *lp = glp_create_prob();
	glp_set_obj_dir(lp, GLP_MAX);
	double M = cover_weight(in);
	/* columns: x[p][c] for covered clusters, y[p], z[c] */
	int ncols = 0;
	for (size_t p = 0; p < np; p++)
		for (size_t c = 0; c < nc; c++) {
			xcol[p][c] = 0;
			if (!(in->providers[p].covers >> c & 1) || in->providers[p].max <= 0)
				continue;
			xcol[p][c] = ++ncols;
		}
	int ycol0 = ncols, zcol0 = ncols + (int)np;
	ncols += (int)(np + nc);
	if (ncols > 0)
		glp_add_cols(lp, ncols);
	for (size_t p = 0; p < np; p++) {
		const struct lots_provider *pr = &in->providers[p];
		for (size_t c = 0; c < nc; c++)
			if (xcol[p][c]) {
				glp_set_col_kind(lp, xcol[p][c], GLP_IV);
				glp_set_col_bnds(lp, xcol[p][c], GLP_DB, 0, pr->max);
				glp_set_obj_coef(lp, xcol[p][c], (double)pr->score);
			}
		int y = ycol0 + (int)p + 1;
		glp_set_col_kind(lp, y, GLP_BV);
		if (pr->require == 0)
			glp_set_col_bnds(lp, y, GLP_FX, 0, 0);
		else if (pr->require == 1)
			glp_set_col_bnds(lp, y, GLP_FX, 1, 1);
	}
	for (size_t c = 0; c < nc; c++) {
		glp_set_col_kind(lp, zcol0 + (int)c + 1, GLP_BV);
		glp_set_obj_coef(lp, zcol0 + (int)c + 1, M);
	}
	/* rows: one per area (=), two per provider, one per cluster */
	int nrows = (int)(na + 2 * np + nc);
	glp_add_rows(lp, nrows);
	int cap = ncols * 4 + 16;
	int *ia = calloc((size_t)cap, sizeof *ia), *ja = calloc((size_t)cap, sizeof *ja);
	double *ar = calloc((size_t)cap, sizeof *ar);
	if (!ia || !ja || !ar) {
		free(ia), free(ja), free(ar);
		glp_delete_prob(lp);
		glp_free_env();
		return out->status = LOTS_ERROR;
	}
	int k = 0, row = 0;
	for (size_t a = 0; a < na; a++) {
		row++;
		glp_set_row_bnds(lp, row, GLP_FX, in->areas[a].lots, in->areas[a].lots);
		for (size_t p = 0; p < np; p++)
			for (size_t c = 0; c < nc; c++)
				if (xcol[p][c] && in->clusters[c].area == (int)a)
					++k, ia[k] = row, ja[k] = xcol[p][c], ar[k] = 1;
	}
	for (size_t p = 0; p < np; p++) {
		const struct lots_provider *pr = &in->providers[p];
		int y = ycol0 + (int)p + 1;
		/* sum x - max y <= 0 */
		row++;
		glp_set_row_bnds(lp, row, GLP_UP, 0, 0);
		for (size_t c = 0; c < nc; c++)
			if (xcol[p][c])
				++k, ia[k] = row, ja[k] = xcol[p][c], ar[k] = 1;
		++k, ia[k] = row, ja[k] = y, ar[k] = -pr->max;
		/* sum x - min y >= 0 */
		row++;
		glp_set_row_bnds(lp, row, GLP_LO, 0, 0);
		for (size_t c = 0; c < nc; c++)
			if (xcol[p][c])
				++k, ia[k] = row, ja[k] = xcol[p][c], ar[k] = 1;
		++k, ia[k] = row, ja[k] = y, ar[k] = -pr->min;
	}
	for (size_t c = 0; c < nc; c++) {
		/* z_c - sum_p x[p][c] <= 0 */
		row++;
		glp_set_row_bnds(lp, row, GLP_UP, 0, 0);
		++k, ia[k] = row, ja[k] = zcol0 + (int)c + 1, ar[k] = 1;
		for (size_t p = 0; p < np; p++)
			if (xcol[p][c])
				++k, ia[k] = row, ja[k] = xcol[p][c], ar[k] = -1;
	}
	glp_load_matrix(lp, k, ia, ja, ar);
	free(ia), free(ja), free(ar);
	glp_term_out(GLP_OFF);
	glp_iocp parm;
	glp_init_iocp(&parm);
	parm.presolve = GLP_ON;
	parm.msg_lev = GLP_MSG_OFF;
	parm.mip_gap = 0.0;
	int r = glp_intopt(lp, &parm);
	int st = glp_mip_status(lp);
	if ((r == GLP_ENOPFS || r == GLP_ENODFS || st == GLP_NOFEAS) && r != GLP_EFAIL) {
		out->status = LOTS_INFEASIBLE;
	} else if (r != 0 || st != GLP_OPT) {
		out->status = LOTS_ERROR;
	} else {
		out->status = LOTS_OPTIMAL;
		for (size_t p = 0; p < np; p++)
			for (size_t c = 0; c < nc; c++)
				if (xcol[p][c]) {
					double v = glp_mip_col_val(lp, xcol[p][c]);
					out->x[p][c] = (int)(v + 0.5);
				}
		/* recount exactly from the integer solution */
		for (size_t c = 0; c < nc; c++) {
			int any = 0;
			for (size_t p = 0; p < np; p++) {
				any |= out->x[p][c] > 0;
				out->score += (int64_t)out->x[p][c] * in->providers[p].score;
			}
			out->covered += any;
		}
	}
	glp_delete_prob(lp);
	/* GLPK keeps an environment per thread until told to free it; a server
	 * worker thread would otherwise hold it (and leak it at exit). */
	glp_free_env();
	return out->status;
}

static int provider_lots(const struct lots_instance *in, const struct lots_solution *s, size_t p)
{
	int t = 0;
	for (size_t c = 0; c < in->n_clusters; c++)
		t += s->x[p][c];
	return t;
}

/* "Swaffham, Fens" for the clusters in mask. */
static void cluster_list(const struct lots_instance *in, uint32_t mask, char *buf, size_t len)
{
	size_t o = 0;
	buf[0] = '\0';
	for (size_t c = 0; c < in->n_clusters && o < len; c++)
		if (mask >> c & 1)
			o += (size_t)snprintf(buf + o, len - o, "%s%s", o ? ", " : "", in->clusters[c].name);
}

static void score_text(int64_t s, char *buf, size_t len)
{
	snprintf(buf, len, "%lld", (long long)s);
}

/* Why provider p (no Lots in sol) missed out: what requiring its minimum would cost. */
static void missed_reason(const struct lots_instance *in, const struct lots_solution *sol, size_t p, char *buf, size_t len)
{
	const struct lots_provider *pr = &in->providers[p];
	if (pr->require == 0) {
		snprintf(buf, len, "Excluded by the panel.");
		return;
	}
	if (pr->covers == 0 || pr->max <= 0) {
		snprintf(buf, len, "It covers none of the round's clusters.");
		return;
	}
	static __thread struct lots_instance alt;
	static __thread struct lots_solution s2;
	alt = *in;
	alt.providers[p].require = 1;
	lots_solve(&alt, &s2);
	if (s2.status != LOTS_OPTIMAL) {
		snprintf(buf, len, "Its minimum of %d Lot%s cannot be met alongside each area's Lot count and the other providers' minimums.",
			 pr->min, pr->min == 1 ? "" : "s");
	} else if (s2.covered < sol->covered) {
		snprintf(buf, len, "Giving it its minimum of %d Lot%s would leave %d more cluster%s without a Living Well Worker.", pr->min,
			 pr->min == 1 ? "" : "s", sol->covered - s2.covered, sol->covered - s2.covered == 1 ? "" : "s");
	} else {
		char a[32], b[32];
		score_text(sol->score - s2.score, a, sizeof a);
		score_text(pr->score, b, sizeof b);
		snprintf(buf, len, "Outscored: its score of %s is lower than those awarded; giving it its minimum of %d Lot%s would lower the "
			 "total score by %s.", b, pr->min, pr->min == 1 ? "" : "s", a);
	}
}

json_t *lots_proposal_json(const struct lots_instance *in, const struct lots_solution *sol)
{
	json_t *o = json_object();
	const char *st = sol->status == LOTS_OPTIMAL ? "optimal" : sol->status == LOTS_INFEASIBLE ? "infeasible" : "error";
	json_object_set_new(o, "status", json_string(st));
	if (sol->status != LOTS_OPTIMAL) {
		json_object_set_new(o, "reason", json_string(sol->status == LOTS_INFEASIBLE
			? "No allocation gives every area exactly its Lots with each provider at 0 or between its minimum and maximum."
			: "The solver failed."));
		return o;
	}
	json_object_set_new(o, "clusters_covered", json_integer(sol->covered));
	json_object_set_new(o, "clusters_total", json_integer((json_int_t)in->n_clusters));
	json_object_set_new(o, "total_score", json_integer(sol->score));
	json_t *uncovered = json_array();
	for (size_t c = 0; c < in->n_clusters; c++) {
		int any = 0;
		for (size_t p = 0; p < in->n_providers; p++)
			any |= sol->x[p][c] > 0;
		if (!any)
			json_array_append_new(uncovered, json_string(in->clusters[c].name));
	}
	json_object_set_new(o, "uncovered", uncovered);
	json_t *awards = json_array();
	for (size_t p = 0; p < in->n_providers; p++)
		for (size_t c = 0; c < in->n_clusters; c++) {
			if (sol->x[p][c] <= 0)
				continue;
			const struct lots_provider *pr = &in->providers[p];
			/* runner-up: best-scoring other provider covering c with no Lot there */
			int ru = -1;
			for (size_t q = 0; q < in->n_providers; q++)
				if (q != p && (in->providers[q].covers >> c & 1) && sol->x[q][c] == 0
				    && in->providers[q].require != 0 && in->providers[q].max > 0
				    && (ru < 0 || in->providers[q].score > in->providers[ru].score))
					ru = (int)q;
			char reason[400], sc[32];
			score_text(pr->score, sc, sizeof sc);
			int tot = provider_lots(in, sol, p);
			snprintf(reason, sizeof reason, "Score %s; %d Lots in all (it asked for %d to %d); it covers %s.%s", sc, tot, pr->min, pr->max,
				 in->clusters[c].name, pr->require == 1 ? " Required by the panel." : "");
			if (ru >= 0) {
				size_t l = strlen(reason);
				char rs[32];
				score_text(in->providers[ru].score, rs, sizeof rs);
				snprintf(reason + l, sizeof reason - l, " Next best here: %s (score %s).", in->providers[ru].id, rs);
			}
			json_t *a = json_object();
			json_object_set_new(a, "provider", json_string(pr->id));
			json_object_set_new(a, "area", json_string(in->areas[in->clusters[c].area].code));
			json_object_set_new(a, "cluster", json_string(in->clusters[c].name));
			json_object_set_new(a, "lots", json_integer(sol->x[p][c]));
			json_object_set_new(a, "reason", json_string(reason));
			json_object_set_new(a, "runner_up", ru >= 0 ? json_string(in->providers[ru].id) : json_null());
			json_array_append_new(awards, a);
		}
	json_object_set_new(o, "awards", awards);
	json_t *provs = json_array();
	for (size_t p = 0; p < in->n_providers; p++) {
		const struct lots_provider *pr = &in->providers[p];
		int tot = provider_lots(in, sol, p);
		char reason[480], where[400];
		if (tot > 0) {
			uint32_t m = 0;
			for (size_t c = 0; c < in->n_clusters; c++)
				if (sol->x[p][c] > 0)
					m |= 1u << c;
			cluster_list(in, m, where, sizeof where);
			snprintf(reason, sizeof reason, "Awarded %d Lot%s (within its %d to %d) in %s.", tot, tot == 1 ? "" : "s", pr->min,
				 pr->max, where);
		} else {
			missed_reason(in, sol, p, reason, sizeof reason);
		}
		json_t *a = json_object();
		json_object_set_new(a, "provider", json_string(pr->id));
		json_object_set_new(a, "lots", json_integer(tot));
		json_object_set_new(a, "score", json_integer(pr->score));
		json_object_set_new(a, "reason", json_string(reason));
		json_array_append_new(provs, a);
	}
	json_object_set_new(o, "providers", provs);
	return o;
}

static int get_int(json_t *o, const char *k, int lo, int hi, int *v)
{
	json_t *j = json_object_get(o, k);
	if (!json_is_integer(j) || json_integer_value(j) < lo || json_integer_value(j) > hi)
		return -1;
	*v = (int)json_integer_value(j);
	return 0;
}

static int find_cluster(const struct lots_instance *in, const char *name)
{
	for (size_t c = 0; c < in->n_clusters; c++)
		if (strcmp(in->clusters[c].name, name) == 0)
			return (int)c;
	return -1;
}

int lots_instance_from_json(json_t *root, struct lots_instance *in, char *err, size_t errlen)
{
	memset(in, 0, sizeof *in);
	json_t *areas = json_object_get(root, "areas"), *provs = json_object_get(root, "providers");
	if (!json_is_array(areas) || json_array_size(areas) < 1 || json_array_size(areas) > LOTS_MAX_AREAS) {
		snprintf(err, errlen, "areas: a list of 1 to %d areas is needed", LOTS_MAX_AREAS);
		return -1;
	}
	size_t i, j;
	json_t *v, *w;
	json_array_foreach(areas, i, v) {
		const char *code = json_string_value(json_object_get(v, "code"));
		json_t *cl = json_object_get(v, "clusters");
		if (!code || !*code || strlen(code) >= LOTS_ID_LEN) {
			snprintf(err, errlen, "areas[%zu].code: a name of 1 to %d characters is needed", i, LOTS_ID_LEN - 1);
			return -1;
		}
		if (get_int(v, "lots", 0, LOTS_MAX_PER_AREA, &in->areas[i].lots)) {
			snprintf(err, errlen, "areas[%zu].lots: a whole number 0 to %d is needed", i, LOTS_MAX_PER_AREA);
			return -1;
		}
		snprintf(in->areas[i].code, LOTS_ID_LEN, "%s", code);
		if (!json_is_array(cl) || json_array_size(cl) < 1) {
			snprintf(err, errlen, "areas[%zu].clusters: a list of cluster names is needed", i);
			return -1;
		}
		json_array_foreach(cl, j, w) {
			const char *n = json_string_value(w);
			if (!n || !*n || strlen(n) >= LOTS_ID_LEN || find_cluster(in, n) >= 0
			    || in->n_clusters >= LOTS_MAX_CLUSTERS) {
				snprintf(err, errlen, "areas[%zu].clusters[%zu]: a new cluster name (at most %d clusters in all) is needed", i, j,
					 LOTS_MAX_CLUSTERS);
				return -1;
			}
			snprintf(in->clusters[in->n_clusters].name, LOTS_ID_LEN, "%s", n);
			in->clusters[in->n_clusters++].area = (int)i;
		}
		in->n_areas++;
	}
	if (!json_is_array(provs) || json_array_size(provs) > LOTS_MAX_PROVIDERS) {
		snprintf(err, errlen, "providers: a list of at most %d providers is needed", LOTS_MAX_PROVIDERS);
		return -1;
	}
	json_array_foreach(provs, i, v) {
		struct lots_provider *p = &in->providers[i];
		const char *id = json_string_value(json_object_get(v, "id"));
		if (!id || !*id || strlen(id) >= LOTS_ID_LEN) {
			snprintf(err, errlen, "providers[%zu].id: a name of 1 to %d characters is needed", i, LOTS_ID_LEN - 1);
			return -1;
		}
		for (size_t q = 0; q < i; q++)
			if (strcmp(in->providers[q].id, id) == 0) {
				snprintf(err, errlen, "providers[%zu].id: '%s' is used twice", i, id);
				return -1;
			}
		snprintf(p->id, LOTS_ID_LEN, "%s", id);
		if (get_int(v, "min_lots", 1, LOTS_MAX_PER_AREA * LOTS_MAX_AREAS, &p->min)) {
			snprintf(err, errlen, "providers[%zu].min_lots: a whole number of at least 1 is needed", i);
			return -1;
		}
		if (get_int(v, "max_lots", p->min, LOTS_MAX_PER_AREA * LOTS_MAX_AREAS, &p->max)) {
			snprintf(err, errlen, "providers[%zu].max_lots: a whole number no less than min_lots is needed", i);
			return -1;
		}
		int sc;
		if (get_int(v, "score", 0, LOTS_MAX_SCORE, &sc)) {
			snprintf(err, errlen, "providers[%zu].score: a whole number 0 to %d is needed", i, LOTS_MAX_SCORE);
			return -1;
		}
		p->score = sc;
		json_t *cl = json_object_get(v, "clusters");
		if (!json_is_array(cl)) {
			snprintf(err, errlen, "providers[%zu].clusters: a list of cluster names is needed", i);
			return -1;
		}
		json_array_foreach(cl, j, w) {
			int c = json_is_string(w) ? find_cluster(in, json_string_value(w)) : -1;
			if (c < 0) {
				snprintf(err, errlen, "providers[%zu].clusters[%zu]: not a cluster of any area", i, j);
				return -1;
			}
			p->covers |= 1u << c;
		}
		json_t *rq = json_object_get(v, "require");
		p->require = -1;
		if (rq && !json_is_null(rq)) {
			if (!json_is_boolean(rq)) {
				snprintf(err, errlen, "providers[%zu].require: true (award at least its minimum) or false (award nothing)", i);
				return -1;
			}
			p->require = json_is_true(rq);
		}
		in->n_providers++;
	}
	return 0;
}

int lots_instance_parse(const char *text, size_t len, struct lots_instance *in, char *err, size_t errlen)
{
	json_error_t je;
	json_t *root = json_loadb(text, len, 0, &je);
	if (!root) {
		snprintf(err, errlen, "line %d: %s", je.line, je.text);
		return -1;
	}
	int r = json_is_object(root) ? lots_instance_from_json(root, in, err, errlen) : -1;
	if (!json_is_object(root))
		snprintf(err, errlen, "the instance must be a JSON object");
	json_decref(root);
	return r;
}
