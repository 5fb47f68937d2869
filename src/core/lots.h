/* The Lot allocation optimiser: an exact integer programme (GLPK) giving each area's Lots to shortlisted providers. */
#ifndef WAYMARK_CORE_LOTS_H
#define WAYMARK_CORE_LOTS_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#define LOTS_MAX_AREAS 8
#define LOTS_MAX_CLUSTERS 32
#define LOTS_MAX_PROVIDERS 64
#define LOTS_MAX_PER_AREA 200
#define LOTS_MAX_SCORE 1000000
#define LOTS_ID_LEN 64

struct lots_area {
	char code[LOTS_ID_LEN];
	int lots;
};

struct lots_cluster {
	char name[LOTS_ID_LEN];
	int area;              /* index into areas */
};

struct lots_provider {
	char id[LOTS_ID_LEN];
	int min, max;          /* awarded 0 or min..max Lots in all */
	int64_t score;         /* the panel's weighted score, 0..LOTS_MAX_SCORE */
	uint32_t covers;       /* bit c: will cover cluster c */
	int require;           /* -1 free, 0 must get nothing, 1 must get at least min */
};

struct lots_instance {
	size_t n_areas, n_clusters, n_providers;
	struct lots_area areas[LOTS_MAX_AREAS];
	struct lots_cluster clusters[LOTS_MAX_CLUSTERS];
	struct lots_provider providers[LOTS_MAX_PROVIDERS];
};

enum lots_status { LOTS_OPTIMAL, LOTS_INFEASIBLE, LOTS_ERROR };

struct lots_solution {
	enum lots_status status;
	int x[LOTS_MAX_PROVIDERS][LOTS_MAX_CLUSTERS]; /* Lots of provider p in cluster c */
	int covered;                                   /* clusters with at least one Lot */
	int64_t score;                                 /* sum over Lots of their provider's score */
};

/*
 * Solves exactly: each area's Lot count met exactly, each provider 0 or
 * min..max Lots, only in clusters it covers; first as many clusters covered
 * as possible, then the largest total score (sum of score x Lots). Returns
 * the status (also in out->status).
 */
enum lots_status lots_solve(const struct lots_instance *in, struct lots_solution *out);

/* Reads an instance (docs/COMMISSIONING.md, "Lot allocation instances"). Returns 0, or -1 with err naming the field. */
int lots_instance_parse(const char *text, size_t len, struct lots_instance *in, char *err, size_t errlen);
/* The same from a parsed JSON value. */
int lots_instance_from_json(json_t *root, struct lots_instance *in, char *err, size_t errlen);

/*
 * The proposal as JSON: status, clusters covered, total score, each award
 * (provider, area, cluster, lots) with its reason and the runner-up (the
 * best other provider covering that cluster who was not given it), and each
 * provider's total with a reason (for one that missed out, what awarding it
 * its minimum would have cost, found by solving again). New reference.
 */
json_t *lots_proposal_json(const struct lots_instance *in, const struct lots_solution *sol);
#endif
