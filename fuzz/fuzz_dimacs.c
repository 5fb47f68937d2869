/* Fuzzes the DIMACS min-cost-flow reader (through fmemopen). An accepted
 * network is within the solver's limits, writes back to DIMACS that reads
 * to the same problem, and, when small, solves to a result that
 * mcf_verify() proves optimal. A rejected one says why. */
#include "core/mcf.h"
#include "core/mcf_dimacs.h"
#include "fuzz.h"

#define SOLVE_ARCS_MAX 4096

static int same_problem(const struct mcf_problem *a, const struct mcf_problem *b)
{
	if (a->n_tasks != b->n_tasks || a->n_vols != b->n_vols || a->n_arcs != b->n_arcs)
		return 0;
	for (int32_t v = 0; v < a->n_vols; v++)
		if (a->capacity[v] != b->capacity[v])
			return 0;
	for (int32_t t = 0; t < a->n_tasks; t++)
		if (a->penalty[t] != b->penalty[t])
			return 0;
	for (int64_t i = 0; i < a->n_arcs; i++)
		if (a->arcs[i].task != b->arcs[i].task || a->arcs[i].vol != b->arcs[i].vol ||
		    a->arcs[i].cost != b->arcs[i].cost)
			return 0;
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0) /* fmemopen refuses an empty buffer */
		return 0;
	FILE *f = fmemopen((void *)data, size, "r");
	if (!f)
		return 0;
	struct mcf_problem p;
	char err[128];
	memset(err, 'x', sizeof err);
	int rc = mcf_dimacs_read(f, &p, err, sizeof err);
	fclose(f);
	FUZZ_CHECK(rc == 0 || rc == -1);
	FUZZ_CHECK(memchr(err, '\0', sizeof err) != NULL);
	if (rc != 0) {
		FUZZ_CHECK(err[0] != '\0');
		FUZZ_CHECK(p.capacity == NULL && p.penalty == NULL && p.arcs == NULL);
		mcf_problem_free(&p);
		return 0;
	}
	FUZZ_CHECK(p.n_tasks >= 0 && p.n_tasks <= MCF_TASKS_MAX && p.n_vols >= 0 && p.n_vols <= MCF_VOLS_MAX);
	FUZZ_CHECK(p.n_arcs >= 0 && p.n_arcs <= MCF_ARCS_MAX);
	for (int32_t v = 0; v < p.n_vols; v++)
		FUZZ_CHECK(p.capacity[v] >= 0);
	for (int64_t i = 0; i < p.n_arcs; i++) {
		FUZZ_CHECK(p.arcs[i].task >= 0 && p.arcs[i].task < p.n_tasks);
		FUZZ_CHECK(p.arcs[i].vol >= 0 && p.arcs[i].vol < p.n_vols);
		FUZZ_CHECK(p.arcs[i].cost >= -MCF_COST_MAX && p.arcs[i].cost <= MCF_COST_MAX);
	}

	/* Write and read back. */
	char *buf = NULL;
	size_t len = 0;
	FILE *w = open_memstream(&buf, &len);
	if (w) {
		int wrc = mcf_dimacs_write(w, &p, "fuzz\nround trip");
		fclose(w);
		if (wrc == 0 && len > 0) {
			FILE *r = fmemopen(buf, len, "r");
			if (r) {
				struct mcf_problem q;
				char err2[128];
				int rrc = mcf_dimacs_read(r, &q, err2, sizeof err2);
				fclose(r);
				if (rrc != 0)
					fprintf(stderr, "re-read failed: %s\n", err2);
				FUZZ_CHECK(rrc == 0 && same_problem(&p, &q));
				mcf_problem_free(&q);
			}
		}
		free(buf);
	}

	if (p.n_arcs + p.n_tasks + p.n_vols <= SOLVE_ARCS_MAX) {
		struct mcf_result res;
		/* The reader promises to accept only what the solver can solve. */
		FUZZ_CHECK(mcf_solve(&p, &res) == 0);
		FUZZ_CHECK(mcf_verify(&p, &res) == 0);
		FUZZ_CHECK(res.n_assigned >= 0 && res.n_assigned <= p.n_tasks);
		mcf_result_free(&res);
	}
	mcf_problem_free(&p);
	return 0;
}
