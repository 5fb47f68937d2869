/* Where to recruit, from the database: demand (tasks of the last 8 weeks) and
 * supply (compliant active volunteers) per Health and Wellbeing Partnership
 * area and per GP cluster, with core/recruit's queueing figures. */
#ifndef WAYMARK_STORE_RECRUIT_H
#define WAYMARK_STORE_RECRUIT_H
#include "core/recruit.h"
#include "store/store.h"

#define RECRUIT_GROUPS_MAX 64
#define RECRUIT_CLUSTER_RADIUS_M 20000 /* a place without a practice belongs to the nearest cluster this close */

struct recruit_line {
	char code[40];     /* area code, cluster name, or "" for "not in a cluster" */
	char name[120];    /* shown name */
	char parent[120];  /* a cluster's area name */
	struct recruit_group g;
};

struct recruit_report {
	struct recruit_params params;
	int64_t from, to;  /* the demand period, UTC seconds */
	struct recruit_line areas[RECRUIT_GROUPS_MAX];
	size_t n_areas;
	struct recruit_line clusters[RECRUIT_GROUPS_MAX + 1]; /* the last: not in a cluster */
	size_t n_clusters;
	struct recruit_line total;
	size_t area_order[RECRUIT_GROUPS_MAX], cluster_order[RECRUIT_GROUPS_MAX + 1]; /* ranked */
};

/* Fills r for the 8 weeks to now. 0, or -1 with the store's error. */
int recruit_report_load(struct store *st, int64_t now, struct recruit_report *r);
#endif
