/* Choosing who takes a triaged referral: a Living Well Worker in the person's GP cluster (overflowing to the nearest cluster) or a support worker covering their area, least loaded against capacity. */
#ifndef WAYMARK_CORE_ALLOCATE_H
#define WAYMARK_CORE_ALLOCATE_H
#include <stddef.h>
#include <stdint.h>
#include "core/triage_rules.h"

#define ALLOCATE_REASON_MAX 256

enum allocate_kind {
	ALLOCATE_LINK_WORKER,    /* Living Well Worker: social prescribing, attached to GP clusters */
	ALLOCATE_SUPPORT_WORKER, /* skilled staff for complex and discharge support, covering areas */
};

/* A period away, [from_utc, to_utc): leave, sickness, training. */
struct allocate_absence {
	int64_t from_utc, to_utc;
};

/* One worker as the allocation sees them; every pointer is borrowed. */
struct allocate_worker {
	int64_t id;              /* > 0; ties in load go to the lowest id */
	enum allocate_kind kind;
	int64_t provider_id;     /* the employing organisation, passed through to the result */
	const int64_t *clusters; /* GP clusters a link worker is attached to */
	size_t n_clusters;
	const int64_t *areas;    /* areas a support worker covers (their provider's coverage) */
	size_t n_areas;
	int fte_hundredths;      /* 50 = 0.5 FTE */
	int open_caseload;       /* open cases now: shown to people, not used to choose */
	int allocated_12m;       /* referrals allocated to them in the 12 months before now */
	const struct allocate_absence *absences;
	size_t n_absences;
};

/* A GP cluster of the prospectus (Appendix C) with its centroid. */
struct allocate_cluster {
	int64_t id;
	const char *name;        /* borrowed */
	double lat, lon;         /* decimal degrees (WGS84) */
};

struct allocate_policy {
	int link_clients_per_fte_year;    /* yearly capacity per 1.0 FTE: 200, so 0.5 FTE is 100 */
	int support_clients_per_fte_year; /* the same for support workers */
	int64_t absence_lookahead;        /* seconds: also treat as absent someone away within this
					     time from now (0: only someone away now) */
};

#define ALLOCATE_POLICY_DEFAULT { .link_clients_per_fte_year = 200, .support_clients_per_fte_year = 200, \
				  .absence_lookahead = 0 }

struct allocate_request {
	enum triage_tier tier;
	int64_t cluster_id;      /* the person's GP cluster; 0 if unknown (practice not in Appendix C) */
	int64_t area_id;         /* the person's area; 0 if unknown */
	const char *area_name;   /* for the reason text (borrowed; may be NULL) */
	int64_t now_utc;
};

enum allocate_status {
	ALLOCATE_OK,          /* a worker was chosen (perhaps by overflow) */
	ALLOCATE_NOT_NEEDED,  /* the tier has no worker: community support goes to volunteer matching,
				 signpost and decline close */
	ALLOCATE_NO_CLUSTER,  /* social prescribing for someone without a known GP cluster */
	ALLOCATE_NO_AREA,     /* complex support for someone without a known area */
	ALLOCATE_NO_WORKER,   /* nobody suitable is available anywhere: the hub allocates by hand */
	ALLOCATE_EINVAL,      /* the input is inconsistent (see the reason) */
	ALLOCATE__MAX
};

struct allocate_result {
	enum allocate_status status;
	size_t worker_index;     /* index into the workers array (ALLOCATE_OK only) */
	int64_t worker_id;       /* 0 unless ALLOCATE_OK */
	int64_t provider_id;
	int64_t cluster_id;      /* social prescribing: the cluster the worker was taken from */
	int overflowed;          /* 1 if that is not the person's own cluster */
	int64_t distance_m;      /* overflow: centroid to centroid, whole metres; else 0 */
	int load;                /* the chosen worker's allocations in the last 12 months (before this one) */
	int capacity;            /* and their yearly capacity */
	char reason[ALLOCATE_REASON_MAX]; /* e.g. "Breckland cluster, 41 of 100 this year" */
};

/* A short English name of the status ("no worker available"), never NULL. */
const char *allocate_strerror(enum allocate_status status);

/* Yearly capacity of a worker under the policy: FTE x clients per FTE year, rounded down. */
int allocate_capacity(const struct allocate_policy *policy, const struct allocate_worker *w);

/* 1 if any absence of w overlaps [now_utc, now_utc + lookahead]. */
int allocate_is_absent(const struct allocate_worker *w, int64_t now_utc, int64_t lookahead);

/*
 * Chooses a worker for a confirmed triage.
 *
 * social_prescribing: among the link workers attached to the person's
 * cluster who are neither absent nor at or over capacity, the one with the
 * lowest load ratio (allocated_12m / capacity, compared exactly; ties to the
 * lowest id). If there is none, the other clusters are tried in order of the
 * distance between cluster centroids (ties to the earlier cluster in the
 * array), and the first with an available link worker gives the least loaded
 * of them (overflowed = 1).
 *
 * complex_support: the least loaded available support worker whose areas
 * include the person's area; there is no overflow (a provider must cover the
 * area). Other tiers: ALLOCATE_NOT_NEEDED.
 *
 * Writes *out completely (reason included) whatever the status, and returns
 * out->status.
 */
enum allocate_status allocate_choose(const struct allocate_policy *policy, const struct allocate_request *req,
				     const struct allocate_worker *workers, size_t n_workers,
				     const struct allocate_cluster *clusters, size_t n_clusters,
				     struct allocate_result *out);
#endif
