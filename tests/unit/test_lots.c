/* Unit tests for core/lots: the GLPK allocation against an exhaustive search on random small instances and the prospectus shape. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/lots.h"

/*
 * Exhaustive search: every provider in turn, every way of spreading 0 or
 * min..max Lots over the clusters it covers, remembering per state (Lots
 * used per area, clusters covered) only the best score. The state space is
 * small, so this visits every allocation's equivalence class.
 */
#define EX_MAX_STATES (1 << 22)
struct ex {
	const struct lots_instance *in;
	int64_t *best; /* per state, -1 unreached */
	int64_t *next;
	int dims[LOTS_MAX_AREAS];
	int64_t stride[LOTS_MAX_AREAS + 1];
	int64_t n_states;
};

static int64_t state_of(const struct ex *e, const int *used, uint32_t mask)
{
	int64_t s = 0;
	for (size_t a = 0; a < e->in->n_areas; a++)
		s += used[a] * e->stride[a];
	return s + (int64_t)mask * e->stride[e->in->n_areas];
}

static void decode(const struct ex *e, int64_t s, int *used, uint32_t *mask)
{
	for (size_t a = 0; a < e->in->n_areas; a++)
		used[a] = (int)(s / e->stride[a] % e->dims[a]);
	*mask = (uint32_t)(s / e->stride[e->in->n_areas]);
}

/* Spreads k more Lots of provider p over its clusters from index c on. */
static void spread(struct ex *e, size_t p, size_t c, int k, int *used, uint32_t mask, int64_t score)
{
	const struct lots_instance *in = e->in;
	if (k == 0) {
		int64_t s = state_of(e, used, mask);
		if (score > e->next[s])
			e->next[s] = score;
		return;
	}
	if (c >= in->n_clusters)
		return;
	spread(e, p, c + 1, k, used, mask, score);
	if (!(in->providers[p].covers >> c & 1))
		return;
	int a = in->clusters[c].area;
	for (int t = 1; t <= k && used[a] + t <= in->areas[a].lots; t++) {
		used[a] += t;
		spread(e, p, c + 1, k - t, used, mask | 1u << c, score + (int64_t)t * in->providers[p].score);
		used[a] -= t;
	}
}

/* Best (covered, score) by exhaustive search; returns 0 if infeasible. */
static int exhaustive(const struct lots_instance *in, int *covered, int64_t *score)
{
	struct ex e = { .in = in };
	e.stride[0] = 1;
	for (size_t a = 0; a < in->n_areas; a++) {
		e.dims[a] = in->areas[a].lots + 1;
		e.stride[a + 1] = e.stride[a] * e.dims[a];
	}
	e.n_states = e.stride[in->n_areas] << in->n_clusters;
	assert_true(e.n_states <= EX_MAX_STATES);
	e.best = malloc((size_t)e.n_states * sizeof *e.best);
	e.next = malloc((size_t)e.n_states * sizeof *e.next);
	for (int64_t s = 0; s < e.n_states; s++)
		e.best[s] = -1;
	e.best[0] = 0;
	for (size_t p = 0; p < in->n_providers; p++) {
		memcpy(e.next, e.best, (size_t)e.n_states * sizeof *e.best); /* 0 Lots */
		const struct lots_provider *pr = &in->providers[p];
		if (pr->require == 1)
			for (int64_t s = 0; s < e.n_states; s++)
				e.next[s] = -1;
		if (pr->require != 0)
			for (int64_t s = 0; s < e.n_states; s++) {
				if (e.best[s] < 0)
					continue;
				int used[LOTS_MAX_AREAS];
				uint32_t mask;
				decode(&e, s, used, &mask);
				for (int k = pr->min; k <= pr->max; k++)
					spread(&e, p, 0, k, used, mask, e.best[s]);
			}
		int64_t *t = e.best;
		e.best = e.next;
		e.next = t;
	}
	int found = 0;
	int full[LOTS_MAX_AREAS];
	for (size_t a = 0; a < in->n_areas; a++)
		full[a] = in->areas[a].lots;
	for (uint32_t m = 0; m < (1u << in->n_clusters); m++) {
		int64_t s = state_of(&e, full, m);
		if (e.best[s] < 0)
			continue;
		int cov = __builtin_popcount(m);
		if (!found || cov > *covered || (cov == *covered && e.best[s] > *score))
			*covered = cov, *score = e.best[s], found = 1;
	}
	free(e.best);
	free(e.next);
	return found;
}

/* Checks a solution obeys every rule and its figures are right. */
static void check_valid(const struct lots_instance *in, const struct lots_solution *s)
{
	int used[LOTS_MAX_AREAS] = { 0 }, covered = 0;
	int64_t score = 0;
	for (size_t p = 0; p < in->n_providers; p++) {
		int t = 0;
		for (size_t c = 0; c < in->n_clusters; c++) {
			assert_true(s->x[p][c] >= 0);
			if (s->x[p][c] > 0)
				assert_true(in->providers[p].covers >> c & 1);
			t += s->x[p][c];
			used[in->clusters[c].area] += s->x[p][c];
			score += (int64_t)s->x[p][c] * in->providers[p].score;
		}
		assert_true(t == 0 || (t >= in->providers[p].min && t <= in->providers[p].max));
		if (in->providers[p].require == 0)
			assert_int_equal(t, 0);
		if (in->providers[p].require == 1)
			assert_true(t > 0);
	}
	for (size_t a = 0; a < in->n_areas; a++)
		assert_int_equal(used[a], in->areas[a].lots);
	for (size_t c = 0; c < in->n_clusters; c++) {
		int any = 0;
		for (size_t p = 0; p < in->n_providers; p++)
			any |= s->x[p][c] > 0;
		covered += any;
	}
	assert_int_equal(covered, s->covered);
	assert_int_equal(score, s->score);
}

static uint64_t rng = 0x9e3779b97f4a7c15ULL;
static int rnd(int n)
{
	rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
	return (int)(rng % (uint64_t)n);
}

static void random_instance(struct lots_instance *in, int areas, int clusters_per_area_max, int providers, int lots_max,
			    int max_max)
{
	memset(in, 0, sizeof *in);
	in->n_areas = (size_t)areas;
	for (int a = 0; a < areas; a++) {
		snprintf(in->areas[a].code, LOTS_ID_LEN, "a%d", a);
		in->areas[a].lots = 1 + rnd(lots_max);
		int nc = 1 + rnd(clusters_per_area_max);
		for (int c = 0; c < nc; c++) {
			snprintf(in->clusters[in->n_clusters].name, LOTS_ID_LEN, "c%zu", in->n_clusters);
			in->clusters[in->n_clusters++].area = a;
		}
	}
	in->n_providers = (size_t)providers;
	for (int p = 0; p < providers; p++) {
		struct lots_provider *pr = &in->providers[p];
		snprintf(pr->id, LOTS_ID_LEN, "p%d", p);
		pr->min = 1 + rnd(2);
		pr->max = pr->min + rnd(max_max);
		pr->score = rnd(5) == 0 ? 5000 : rnd(10001); /* some ties */
		pr->require = rnd(12) == 0 ? rnd(2) : -1;
		for (size_t c = 0; c < in->n_clusters; c++)
			if (rnd(2))
				pr->covers |= 1u << c;
	}
}

static void test_random_small(void **state)
{
	(void)state;
	static struct lots_instance in;
	static struct lots_solution s;
	int infeasible = 0;
	rng = 20261207;
	for (int i = 0; i < 400; i++) {
		random_instance(&in, 1 + rnd(2), 3, 2 + rnd(4), 4, 3);
		int cov = 0;
		int64_t sc = 0;
		int ok = exhaustive(&in, &cov, &sc);
		enum lots_status st = lots_solve(&in, &s);
		if (!ok) {
			assert_int_equal(st, LOTS_INFEASIBLE);
			infeasible++;
			continue;
		}
		assert_int_equal(st, LOTS_OPTIMAL);
		check_valid(&in, &s);
		assert_int_equal(s.covered, cov);
		assert_int_equal(s.score, sc);
	}
	/* the generator gives both kinds */
	assert_true(infeasible > 10 && infeasible < 300);
}

/* The prospectus: six Lots in Breckland (four clusters) and six in West Norfolk (three), 5 to 15 providers. */
static void prospectus_instance(struct lots_instance *in, int providers)
{
	static const char *const bk[] = { "Breckland", "Ketts Oak", "Mid Norfolk", "Swaffham" };
	static const char *const wn[] = { "Coastal", "Fens", "Kings Lynn" };
	memset(in, 0, sizeof *in);
	in->n_areas = 2;
	snprintf(in->areas[0].code, LOTS_ID_LEN, "breckland");
	snprintf(in->areas[1].code, LOTS_ID_LEN, "west_norfolk");
	in->areas[0].lots = in->areas[1].lots = 6;
	for (int c = 0; c < 4; c++)
		snprintf(in->clusters[in->n_clusters].name, LOTS_ID_LEN, "%s", bk[c]), in->clusters[in->n_clusters++].area = 0;
	for (int c = 0; c < 3; c++)
		snprintf(in->clusters[in->n_clusters].name, LOTS_ID_LEN, "%s", wn[c]), in->clusters[in->n_clusters++].area = 1;
	in->n_providers = (size_t)providers;
	for (int p = 0; p < providers; p++) {
		struct lots_provider *pr = &in->providers[p];
		snprintf(pr->id, LOTS_ID_LEN, "provider-%d", p + 1);
		pr->min = 1 + rnd(2);
		pr->max = pr->min + rnd(3);
		pr->score = 4000 + rnd(6001);
		pr->require = -1;
		/* most work in one area, a few in both */
		int home = rnd(2), both = rnd(5) == 0;
		for (size_t c = 0; c < in->n_clusters; c++)
			if ((in->clusters[c].area == home || both) && rnd(3))
				pr->covers |= 1u << c;
	}
}

static void test_prospectus_shape(void **state)
{
	(void)state;
	static struct lots_instance in;
	static struct lots_solution s;
	rng = 2018;
	int solved = 0;
	for (int n = 5; n <= 15; n++)
		for (int rep = 0; rep < 3; rep++) {
			prospectus_instance(&in, n);
			int cov = 0;
			int64_t sc = 0;
			int ok = exhaustive(&in, &cov, &sc);
			enum lots_status st = lots_solve(&in, &s);
			if (!ok) {
				assert_int_equal(st, LOTS_INFEASIBLE);
				continue;
			}
			solved++;
			assert_int_equal(st, LOTS_OPTIMAL);
			check_valid(&in, &s);
			assert_int_equal(s.covered, cov);
			assert_int_equal(s.score, sc);
		}
	assert_true(solved >= 20);
}

static void test_parse_and_json(void **state)
{
	(void)state;
	static struct lots_instance in;
	static struct lots_solution s;
	const char *text = "{\"areas\":[{\"code\":\"breckland\",\"lots\":3,\"clusters\":[\"Swaffham\",\"Breckland\"]}],"
			   "\"providers\":[{\"id\":\"A\",\"min_lots\":1,\"max_lots\":2,\"score\":9000,\"clusters\":[\"Swaffham\"]},"
			   "{\"id\":\"B\",\"min_lots\":1,\"max_lots\":3,\"score\":7000,\"clusters\":[\"Swaffham\",\"Breckland\"]},"
			   "{\"id\":\"C\",\"min_lots\":2,\"max_lots\":2,\"score\":6000,\"clusters\":[\"Breckland\"]}]}";
	char err[256];
	assert_int_equal(lots_instance_parse(text, strlen(text), &in, err, sizeof err), 0);
	assert_int_equal(lots_solve(&in, &s), LOTS_OPTIMAL);
	/* A takes 2 in Swaffham, B 1 in Breckland: both clusters, score 25000 */
	assert_int_equal(s.covered, 2);
	assert_int_equal(s.score, 25000);
	assert_int_equal(s.x[0][0], 2);
	assert_int_equal(s.x[1][1], 1);
	json_t *j = lots_proposal_json(&in, &s);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "optimal");
	json_t *provs = json_object_get(j, "providers");
	assert_int_equal(json_array_size(provs), 3);
	json_t *c = json_array_get(provs, 2);
	assert_int_equal(json_integer_value(json_object_get(c, "lots")), 0);
	/* C missed out: giving it its 2 costs 25000 - (9000 + 12000) = 4000 */
	assert_non_null(strstr(json_string_value(json_object_get(c, "reason")), "lower the total score by 4000"));
	json_t *awards = json_object_get(j, "awards");
	assert_int_equal(json_array_size(awards), 2);
	json_t *a1 = json_array_get(awards, 1);
	assert_string_equal(json_string_value(json_object_get(a1, "cluster")), "Breckland");
	assert_string_equal(json_string_value(json_object_get(a1, "runner_up")), "C");
	json_decref(j);
	/* the panel overrides: C required */
	in.providers[2].require = 1;
	assert_int_equal(lots_solve(&in, &s), LOTS_OPTIMAL);
	assert_int_equal(s.x[2][1], 2);
	assert_int_equal(s.score, 21000);
	/* bad instances name the field */
	const char *bad[][2] = {
		{ "{\"areas\":[]}", "areas" },
		{ "{\"areas\":[{\"code\":\"a\",\"lots\":-1,\"clusters\":[\"x\"]}],\"providers\":[]}", "areas[0].lots" },
		{ "{\"areas\":[{\"code\":\"a\",\"lots\":1,\"clusters\":[\"x\",\"x\"]}],\"providers\":[]}", "areas[0].clusters[1]" },
		{ "{\"areas\":[{\"code\":\"a\",\"lots\":1,\"clusters\":[\"x\"]}],\"providers\":[{\"id\":\"p\",\"min_lots\":2,"
		  "\"max_lots\":1,\"score\":1,\"clusters\":[]}]}", "providers[0].max_lots" },
		{ "{\"areas\":[{\"code\":\"a\",\"lots\":1,\"clusters\":[\"x\"]}],\"providers\":[{\"id\":\"p\",\"min_lots\":1,"
		  "\"max_lots\":1,\"score\":1,\"clusters\":[\"y\"]}]}", "providers[0].clusters[0]" },
		{ "{\"areas\":[{\"code\":\"a\",\"lots\":1,\"clusters\":[\"x\"]}],\"providers\":[{\"id\":\"p\",\"min_lots\":1,"
		  "\"max_lots\":1,\"score\":1.5,\"clusters\":[\"x\"]}]}", "providers[0].score" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(lots_instance_parse(bad[i][0], strlen(bad[i][0]), &in, err, sizeof err), -1);
		assert_non_null(strstr(err, bad[i][1]));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_and_json),
		cmocka_unit_test(test_random_small),
		cmocka_unit_test(test_prospectus_shape),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
