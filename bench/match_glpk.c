/* Benchmark anchor: solves a DIMACS min-cost-flow network with GLPK's out-of-kilter algorithm (glp_mincost_okalg) and prints the best time of N runs and the cost. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <glpk.h>

/* GLPK keeps per-vertex and per-arc user data at offsets we choose. */
struct vdata {
	double rhs;
};

struct adata {
	double low, cap, cost, x;
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
	glp_graph *g;
	double best = 1e30, sol = 0;
	int reps;

	if (argc != 3) {
		fprintf(stderr, "usage: match_glpk FILE.dimacs REPS\n");
		return 2;
	}
	reps = atoi(argv[2]);
	glp_term_out(GLP_OFF);
	g = glp_create_graph(sizeof(struct vdata), sizeof(struct adata));
	/* GLPK's own DIMACS reader, so this anchor shares no parsing code with ours. */
	if (glp_read_mincost(g, offsetof(struct vdata, rhs), offsetof(struct adata, low), offsetof(struct adata, cap),
			     offsetof(struct adata, cost), argv[1]) != 0) {
		fprintf(stderr, "match_glpk: cannot read %s\n", argv[1]);
		return 1;
	}
	for (int i = 0; i < (reps > 0 ? reps : 1); i++) {
		double t0 = now_s();
		int rc = glp_mincost_okalg(g, offsetof(struct vdata, rhs), offsetof(struct adata, low),
					   offsetof(struct adata, cap), offsetof(struct adata, cost), &sol,
					   offsetof(struct adata, x), -1);

		t0 = now_s() - t0;
		if (rc != 0) {
			fprintf(stderr, "match_glpk: glp_mincost_okalg returned %d\n", rc);
			return 1;
		}
		if (t0 < best)
			best = t0;
	}
	fprintf(stderr, "match_glpk: %d nodes, %d arcs\n", g->nv, g->na);
	printf("%.6f %.0f\n", best, sol);
	glp_delete_graph(g);
	return 0;
}
