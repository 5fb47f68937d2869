/* Generates a random Norfolk-and-Waveney-shaped matching instance with a fixed seed and writes its flow network as DIMACS (and the instance as JSON). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/datetime.h"
#include "core/match.h"
#include "core/match_instance.h"
#include "core/mcf_dimacs.h"

/*
 * People and volunteers live around the same towns, so tasks compete for
 * the same volunteers the way they do in practice. The region shrinks with
 * the number of volunteers (coordinates scale by sqrt(vols / 5000)) so every
 * size keeps the same density and about 100 eligible volunteers per task.
 */
struct town {
	double lat, lon, weight, sigma_m;
};

static const struct town towns[] = {
	{52.6309, 1.2974, 0.30, 4500},	/* Norwich */
	{52.6083, 1.7305, 0.09, 3000},	/* Great Yarmouth */
	{52.4750, 1.7500, 0.09, 3000},	/* Lowestoft */
	{52.7543, 0.3976, 0.09, 3000},	/* King's Lynn */
	{52.4130, 0.7500, 0.05, 2500},	/* Thetford */
	{52.6810, 0.9400, 0.05, 2500},	/* Dereham */
	{52.9310, 1.3020, 0.04, 2000},	/* Cromer */
	{52.5700, 1.1160, 0.04, 2000},	/* Wymondham */
	{52.4580, 1.5630, 0.04, 2000},	/* Beccles */
	{52.3760, 1.1090, 0.04, 2000},	/* Diss */
	{52.8280, 1.3870, 0.03, 2000},	/* North Walsham */
	{52.5880, 0.8300, 0.03, 2000},	/* Watton */
};
#define N_TOWNS (sizeof(towns) / sizeof(towns[0]))
/* The rest of the weight is rural, spread over the county's bounding box. */
#define RURAL_WEIGHT 0.11
#define CENTRE_LAT 52.62
#define CENTRE_LON 1.10
#define BOX_LAT 0.32
#define BOX_LON 0.80
#define M_PER_DEG 111195.08

static uint64_t rng_state;

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static double rng_unit(void)
{
	return (double)(rng_next() >> 11) * (1.0 / 9007199254740992.0);
}

static int64_t rng_range(int64_t lo, int64_t hi)
{
	return lo + (int64_t)(rng_next() % (uint64_t)(hi - lo + 1));
}

static double rng_normal(void)
{
	double u = rng_unit(), v = rng_unit();

	return sqrt(-2.0 * log(u + 1e-300)) * cos(2.0 * M_PI * v);
}

/* Rounded to a micro-degree (about 0.1 m) so the JSON text gives back exactly these doubles. */
static double round6(double x)
{
	return round(x * 1e6) / 1e6;
}

static void place(double scale, double *lat, double *lon)
{
	double r = rng_unit();
	double dlat, dlon;

	if (r < RURAL_WEIGHT) {
		dlat = (rng_unit() * 2 - 1) * BOX_LAT;
		dlon = (rng_unit() * 2 - 1) * BOX_LON;
	} else {
		const struct town *t = &towns[N_TOWNS - 1];

		r -= RURAL_WEIGHT;
		for (size_t i = 0; i < N_TOWNS; i++) {
			if (r < towns[i].weight) {
				t = &towns[i];
				break;
			}
			r -= towns[i].weight;
		}
		dlat = t->lat - CENTRE_LAT + rng_normal() * t->sigma_m / M_PER_DEG;
		dlon = t->lon - CENTRE_LON + rng_normal() * t->sigma_m / (M_PER_DEG * cos(CENTRE_LAT * M_PI / 180));
	}
	*lat = round6(CENTRE_LAT + dlat * scale);
	*lon = round6(CENTRE_LON + dlon * scale);
}

/* Skill demand weights, in enum order: shopping and prescriptions dominate the crisis service's tasks. */
static const double skill_weight[MATCH_SKILL__MAX] = {0.26, 0.20, 0.10, 0.10, 0.08, 0.05, 0.05, 0.04, 0.04, 0.04, 0.04};

static void make_volunteer(struct match_volunteer *v, int64_t id, double scale, int64_t now, double radius_scale)
{
	memset(v, 0, sizeof(*v));
	v->id = id;
	place(scale, &v->lat, &v->lon);
	for (int s = 0; s < MATCH_SKILL__MAX; s++)
		if (rng_unit() < 0.55)
			v->skills |= 1u << s;
	if (!v->skills)
		v->skills = 1u << MATCH_SKILL_SHOPPING;
	v->car = rng_unit() < 0.65;
	v->radius_m = (int32_t)((v->car ? rng_range(5000, 15000) : rng_range(1500, 4000)) * radius_scale);
	{
		double r = rng_unit();

		if (r < 0.70)
			v->dbs_enhanced_valid_until = now + rng_range(1, 3 * 365) * 86400;
		else if (r < 0.85)
			v->dbs_enhanced_valid_until = now - rng_range(1, 365) * 86400;
	}
	v->n_avail = (int)rng_range(3, 8);
	for (int i = 0; i < v->n_avail; i++) {
		int64_t day = rng_range(0, 6), start = rng_range(16, 36) * 1800, len = rng_range(4, 10) * 1800;

		v->avail[i].start = (int32_t)(day * 86400 + start);
		v->avail[i].end = (int32_t)(day * 86400 + start + len);
	}
	v->capacity = (int)rng_range(1, 3);
}

static void make_task(struct match_task *t, int64_t id, double scale, int64_t week0, int64_t n_vols)
{
	double r = rng_unit();
	int skill = MATCH_SKILL__MAX - 1;
	static const double prio_weight[5] = {0.30, 0.30, 0.20, 0.10, 0.10};

	memset(t, 0, sizeof(*t));
	t->id = id;
	place(scale, &t->lat, &t->lon);
	for (int s = 0; s < MATCH_SKILL__MAX; s++) {
		if (r < skill_weight[s]) {
			skill = s;
			break;
		}
		r -= skill_weight[s];
	}
	t->skills = 1u << skill;
	t->home_visit = skill == MATCH_SKILL_BEFRIENDING_VISITS || skill == MATCH_SKILL_HOME_CHECK ||
			skill == MATCH_SKILL_GARDENING || rng_unit() < 0.10;
	r = rng_unit();
	t->priority = 5;
	for (int p = 0; p < 5; p++) {
		if (r < prio_weight[p]) {
			t->priority = p + 1;
			break;
		}
		r -= prio_weight[p];
	}
	/* A quarter can happen any time this week; the rest have a window of 2 to 8 hours on one day. */
	if (rng_unit() < 0.25) {
		t->window_start = week0;
		t->window_end = week0 + 7 * 86400;
	} else {
		t->window_start = week0 + rng_range(0, 6) * 86400 + rng_range(14, 34) * 1800 - 3600;
		t->window_end = t->window_start + rng_range(4, 16) * 1800;
	}
	t->duration = rng_range(1, 4) * 1800;
	t->person_id = 100000 + id;
	if (rng_unit() < 0.30)
		t->previous_volunteer_id = rng_range(1, n_vols);
	if (rng_unit() < 0.05)
		t->declined[t->n_declined++] = rng_range(1, n_vols);
}

static void usage(void)
{
	fprintf(stderr, "usage: match_gen [-t TASKS] [-v VOLUNTEERS] [-s SEED] [-r RADIUS_SCALE] [-j OUT.json] OUT.dimacs\n");
	exit(2);
}

int main(int argc, char **argv)
{
	long n_tasks = 10000, n_vols = 5000;
	unsigned long long seed = 20240506;
	double radius_scale = 1.0;
	const char *json_path = NULL;
	struct match_instance inst = {0};
	struct mcf_problem net;
	char comment[256];
	int64_t week0 = dt_days_from_civil(2024, 5, 6) * 86400 - 3600;	/* Monday 6 May 2024 00:00 BST */
	double scale;
	FILE *f;
	int c;

	while ((c = getopt(argc, argv, "t:v:s:r:j:")) != -1) {
		switch (c) {
		case 't': n_tasks = atol(optarg); break;
		case 'v': n_vols = atol(optarg); break;
		case 's': seed = strtoull(optarg, NULL, 10); break;
		case 'r': radius_scale = atof(optarg); break;
		case 'j': json_path = optarg; break;
		default: usage();
		}
	}
	if (optind != argc - 1 || n_tasks < 1 || n_vols < 1 || radius_scale <= 0)
		usage();
	rng_state = seed;
	scale = sqrt((double)n_vols / 5000.0);

	match_params_default(&inst.params, week0 - 86400);
	inst.n_tasks = (size_t)n_tasks;
	inst.n_vols = (size_t)n_vols;
	inst.tasks = calloc(inst.n_tasks, sizeof(*inst.tasks));
	inst.vols = calloc(inst.n_vols, sizeof(*inst.vols));
	if (!inst.tasks || !inst.vols) {
		perror("match_gen");
		return 1;
	}
	for (long i = 0; i < n_vols; i++)
		make_volunteer(&inst.vols[i], i + 1, scale, inst.params.now, radius_scale);
	for (long i = 0; i < n_tasks; i++)
		make_task(&inst.tasks[i], i + 1, scale, week0, n_vols);

	if (match_network_build(inst.tasks, inst.n_tasks, inst.vols, inst.n_vols, &inst.params, &net) < 0) {
		perror("match_gen: building the network");
		return 1;
	}
	{
		long long cap = 0;

		for (long v = 0; v < n_vols; v++)
			cap += net.capacity[v];
		fprintf(stderr, "match_gen: %ld tasks, %ld volunteers (capacity %lld), %lld arcs, %.1f eligible per task\n",
			n_tasks, n_vols, cap, (long long)net.n_arcs, (double)net.n_arcs / (double)n_tasks);
	}
	snprintf(comment, sizeof(comment), "bench/match_gen -t %ld -v %ld -s %llu -r %g", n_tasks, n_vols, seed,
		 radius_scale);
	f = fopen(argv[optind], "w");
	if (!f || mcf_dimacs_write(f, &net, comment) < 0 || fclose(f) != 0) {
		perror(argv[optind]);
		return 1;
	}
	if (json_path) {
		char *text = match_instance_to_json(&inst);

		f = fopen(json_path, "w");
		if (!text || !f || fputs(text, f) == EOF || fclose(f) != 0) {
			perror(json_path);
			return 1;
		}
		free(text);
	}
	mcf_problem_free(&net);
	match_instance_free(&inst);
	return 0;
}
