/* Workers who take cases (Living Well Workers and support workers): their
 * clusters, areas and absences, and their loads as core/allocate sees them. */
#ifndef WAYMARK_STORE_WORKER_H
#define WAYMARK_STORE_WORKER_H
#include <stddef.h>
#include <stdint.h>
#include "core/allocate.h"
#include "store/store.h"

#define WORKER_YEAR_SECONDS (365 * 86400) /* "allocations in the last 12 months" */
#define WORKER_CLIENTS_PER_FTE_DEFAULT 200  /* setting worker_clients_per_fte */

/* "link_worker" / "support_worker"; kind_from_code returns -1 for others. */
const char *worker_kind_code(enum allocate_kind kind);
int worker_kind_from_code(const char *code);

/* Adds a worker (inside the caller's transaction). clusters (names of
 * data/clusters.csv) and areas (codes) are NULL-terminated lists, may be
 * NULL. Returns 0 with *id set, or -1 with the store's error. */
int worker_add(struct store *st, int64_t user_id, enum allocate_kind kind, int64_t org_id, int fte_hundredths,
	       int dbs_checked, const char *const *clusters, const char *const *areas, int64_t now, int64_t *id);
/* An absence on London local days from_day..to_day inclusive. 0 or -1. */
int worker_absence_add(struct store *st, int64_t worker_id, int64_t from_day, int64_t to_day, const char *reason,
		       int64_t now, int64_t *id);

/* What a worker's row says, for display and for checks. */
struct worker_info {
	int64_t id, org_id, user_id;
	enum allocate_kind kind;
	int active;
	char name[128];
	char org_name[200];
};
/* 1 found, 0 none, -1 error. active: employed at now (saved active, and before the end day). */
int worker_get(struct store *st, int64_t id, int64_t now, struct worker_info *w);

/*
 * Every active worker (of org_id only when org_id > 0) with their clusters,
 * areas, current and future absences and loads at now, laid out for
 * allocate_choose; and every GP cluster with its centroid. Cluster and area
 * ids in the allocate structs are positions in clusters[] / area_codes[]
 * plus one. Free with worker_pool_free.
 */
struct worker_pool {
	struct allocate_worker *w;       /* n */
	struct worker_info *info;        /* n, parallel to w */
	int *dbs_checked;                /* n */
	size_t n;
	struct allocate_cluster *clusters;
	size_t nclusters;
	char **area_codes, **area_names; /* nareas */
	size_t nareas;
	struct allocate_policy policy;
	/* owned storage the pointers above point into */
	int64_t *ids;
	struct allocate_absence *absences;
	char **strings;
	size_t nstrings;
};
int worker_pool_load(struct store *st, int64_t now, int64_t org_id, struct worker_pool *p);
void worker_pool_free(struct worker_pool *p);
/* The allocate id of a cluster name / area code, or 0 if unknown. */
int64_t worker_pool_cluster_id(const struct worker_pool *p, const char *name);
int64_t worker_pool_area_id(const struct worker_pool *p, const char *code);
/* Borrowed name of a cluster id, or "". */
const char *worker_pool_cluster_name(const struct worker_pool *p, int64_t id);
/* Index of worker id in the pool, or -1. */
long worker_pool_find(const struct worker_pool *p, int64_t worker_id);
#endif
