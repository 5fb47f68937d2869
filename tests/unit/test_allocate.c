/* Unit tests for core/allocate: capacity, absence, least-loaded choice, overflow to the nearest cluster, support workers by area. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "core/allocate.h"

#define HOUR 3600
#define DAY 86400
#define NOW ((int64_t)1790000000) /* 2026-09-21, a Monday */

/* The clusters of data/clusters.csv. Centroid distances from Breckland
 * (computed independently): Ketts Oak 14849 m, Swaffham 18815 m,
 * Mid Norfolk 25378 m, Fens 35040 m, Kings Lynn 39393 m, Coastal 48278 m. */
enum { BRECKLAND = 101, COASTAL, FENS, KETTS_OAK, KINGS_LYNN, MID_NORFOLK, SWAFFHAM };
static const struct allocate_cluster clusters[] = {
	{ BRECKLAND, "Breckland", 52.4880, 0.7980 },
	{ COASTAL, "Coastal", 52.9000, 0.5720 },
	{ FENS, "Fens", 52.6500, 0.3533 },
	{ KETTS_OAK, "Ketts Oak", 52.4783, 1.0167 },
	{ KINGS_LYNN, "Kings Lynn", 52.7856, 0.4813 },
	{ MID_NORFOLK, "Mid Norfolk", 52.7080, 0.8980 },
	{ SWAFFHAM, "Swaffham", 52.6215, 0.6270 },
};
#define NC (sizeof clusters / sizeof clusters[0])

enum { AREA_BRECKLAND = 1, AREA_KLWN = 4 };

static const int64_t c_breck[] = { BRECKLAND };
static const int64_t c_ketts[] = { KETTS_OAK };
static const int64_t c_swaff[] = { SWAFFHAM };
static const int64_t c_mid[] = { MID_NORFOLK };
static const int64_t c_breck_swaff[] = { BRECKLAND, SWAFFHAM };
static const int64_t a_breck[] = { AREA_BRECKLAND };
static const int64_t a_both[] = { AREA_KLWN, AREA_BRECKLAND };

static const struct allocate_absence away_now[] = { { NOW - DAY, NOW + 7 * DAY } };
static const struct allocate_absence away_later[] = { { NOW + 12 * HOUR, NOW + 3 * DAY } };

static const struct allocate_policy policy = ALLOCATE_POLICY_DEFAULT;

static struct allocate_worker link(int64_t id, const int64_t *cl, size_t ncl, int fte, int alloc)
{
	struct allocate_worker w = {
		.id = id, .kind = ALLOCATE_LINK_WORKER, .provider_id = 1000 + id, .clusters = cl, .n_clusters = ncl,
		.fte_hundredths = fte, .allocated_12m = alloc, .open_caseload = alloc / 4,
	};
	return w;
}

static struct allocate_worker support(int64_t id, const int64_t *ar, size_t nar, int fte, int alloc)
{
	struct allocate_worker w = {
		.id = id, .kind = ALLOCATE_SUPPORT_WORKER, .provider_id = 2000 + id, .areas = ar, .n_areas = nar,
		.fte_hundredths = fte, .allocated_12m = alloc,
	};
	return w;
}

static struct allocate_worker absent(struct allocate_worker w)
{
	w.absences = away_now;
	w.n_absences = 1;
	return w;
}

static const struct allocate_request sp_breckland = {
	.tier = TRIAGE_TIER_SOCIAL_PRESCRIBING, .cluster_id = BRECKLAND, .area_id = AREA_BRECKLAND,
	.area_name = "Breckland", .now_utc = NOW,
};

static struct allocate_result res;

static enum allocate_status choose(const struct allocate_request *req, const struct allocate_worker *ws, size_t n)
{
	return allocate_choose(&policy, req, ws, n, clusters, NC, &res);
}

/* ---- capacity and absence ---- */

static void test_capacity(void **state)
{
	(void)state;
	struct allocate_worker w = link(1, c_breck, 1, 50, 0);
	assert_int_equal(allocate_capacity(&policy, &w), 100); /* 0.5 FTE is about 100 a year */
	w.fte_hundredths = 100;
	assert_int_equal(allocate_capacity(&policy, &w), 200);
	w.fte_hundredths = 33;
	assert_int_equal(allocate_capacity(&policy, &w), 66);
	w.fte_hundredths = 1;
	assert_int_equal(allocate_capacity(&policy, &w), 2);
	w.fte_hundredths = 0;
	assert_int_equal(allocate_capacity(&policy, &w), 0);
	w.fte_hundredths = -5;
	assert_int_equal(allocate_capacity(&policy, &w), 0);
	struct allocate_policy p = { .link_clients_per_fte_year = 150, .support_clients_per_fte_year = 40 };
	w.fte_hundredths = 50;
	assert_int_equal(allocate_capacity(&p, &w), 75);
	w.kind = ALLOCATE_SUPPORT_WORKER;
	assert_int_equal(allocate_capacity(&p, &w), 20);
	p.support_clients_per_fte_year = 0;
	assert_int_equal(allocate_capacity(&p, &w), 0);
	w.fte_hundredths = 2000000000;
	p.support_clients_per_fte_year = 2000000000;
	assert_int_equal(allocate_capacity(&p, &w), INT32_MAX);
}

static void test_absence(void **state)
{
	(void)state;
	struct allocate_absence a[] = { { NOW, NOW + DAY } };
	struct allocate_worker w = link(1, c_breck, 1, 50, 0);
	assert_false(allocate_is_absent(&w, NOW, 0));
	w.absences = a;
	w.n_absences = 1;
	assert_true(allocate_is_absent(&w, NOW, 0));           /* from is included */
	assert_true(allocate_is_absent(&w, NOW + DAY - 1, 0));
	assert_false(allocate_is_absent(&w, NOW + DAY, 0));    /* to is not */
	assert_false(allocate_is_absent(&w, NOW - 1, 0));
	assert_true(allocate_is_absent(&w, NOW - 1, 1));       /* starts within the lookahead */
	assert_false(allocate_is_absent(&w, NOW - 2, 1));
	assert_true(allocate_is_absent(&w, NOW - DAY, DAY));
	assert_false(allocate_is_absent(&w, INT64_MAX - 5, INT64_MAX)); /* no overflow */
	/* Several periods. */
	struct allocate_absence b[] = { { NOW - 10 * DAY, NOW - 5 * DAY }, { NOW + 5 * DAY, NOW + 6 * DAY } };
	w.absences = b;
	w.n_absences = 2;
	assert_false(allocate_is_absent(&w, NOW, 0));
	assert_true(allocate_is_absent(&w, NOW - 6 * DAY, 0));
	assert_true(allocate_is_absent(&w, NOW + 5 * DAY + 1, 0));
	assert_true(allocate_is_absent(&w, NOW, 5 * DAY));
	/* An empty period is never absent. */
	struct allocate_absence e[] = { { NOW, NOW } };
	w.absences = e;
	w.n_absences = 1;
	assert_false(allocate_is_absent(&w, NOW, 0));
}

/* ---- social prescribing in the home cluster ---- */

static void test_least_loaded_in_cluster(void **state)
{
	(void)state;
	struct allocate_worker ws[] = {
		link(3, c_breck, 1, 50, 41),    /* 0.41 */
		link(2, c_breck, 1, 100, 80),   /* 0.40 */
		link(9, c_swaff, 1, 50, 0),     /* another cluster: not considered */
		support(1, a_breck, 1, 100, 0), /* a support worker: not considered */
	};
	assert_int_equal(choose(&sp_breckland, ws, 4), ALLOCATE_OK);
	assert_int_equal(res.worker_id, 2);
	assert_int_equal(res.worker_index, 1);
	assert_int_equal(res.provider_id, 1002);
	assert_int_equal(res.cluster_id, BRECKLAND);
	assert_false(res.overflowed);
	assert_int_equal(res.distance_m, 0);
	assert_int_equal(res.load, 80);
	assert_int_equal(res.capacity, 200);
	assert_string_equal(res.reason, "Breckland cluster, 80 of 200 this year");

	ws[1].allocated_12m = 83; /* 0.415 */
	assert_int_equal(choose(&sp_breckland, ws, 4), ALLOCATE_OK);
	assert_int_equal(res.worker_id, 3);
	assert_string_equal(res.reason, "Breckland cluster, 41 of 100 this year");
}

static void test_ties_go_to_lowest_id(void **state)
{
	(void)state;
	struct allocate_worker ws[] = {
		link(7, c_breck, 1, 50, 41),
		link(5, c_breck, 1, 100, 82), /* exactly the same ratio */
		link(6, c_breck, 1, 50, 41),
	};
	assert_int_equal(choose(&sp_breckland, ws, 3), ALLOCATE_OK);
	assert_int_equal(res.worker_id, 5);
	/* Everyone new: still the lowest id, wherever it is in the array. */
	struct allocate_worker fresh[] = { link(30, c_breck, 1, 50, 0), link(10, c_breck, 1, 20, 0), link(20, c_breck, 1, 100, 0) };
	assert_int_equal(choose(&sp_breckland, fresh, 3), ALLOCATE_OK);
	assert_int_equal(res.worker_id, 10);
	assert_int_equal(res.worker_index, 1);
	assert_string_equal(res.reason, "Breckland cluster, 0 of 40 this year");
}

static void test_skips_absent_and_full(void **state)
{
	(void)state;
	struct allocate_worker ws[] = {
		absent(link(1, c_breck, 1, 50, 0)), /* least loaded but away */
		link(2, c_breck, 1, 50, 100),       /* at capacity */
		link(3, c_breck, 1, 50, 120),       /* over capacity */
		link(4, c_breck, 1, 0, 0),          /* no hours */
		link(5, c_breck, 1, 50, 99),        /* the one left */
	};
	assert_int_equal(choose(&sp_breckland, ws, 5), ALLOCATE_OK);
	assert_int_equal(res.worker_id, 5);
	assert_string_equal(res.reason, "Breckland cluster, 99 of 100 this year");
	/* Open caseload does not change the choice. */
	ws[4].open_caseload = 500;
	assert_int_equal(choose(&sp_breckland, ws, 5), ALLOCATE_OK);
	assert_int_equal(res.worker_id, 5);
}

static void test_absence_lookahead(void **state)
{
	(void)state;
	struct allocate_worker ws[] = { link(1, c_breck, 1, 50, 0), link(2, c_breck, 1, 50, 50) };
	ws[0].absences = away_later; /* away from 12 hours from now */
	ws[0].n_absences = 1;
	assert_int_equal(choose(&sp_breckland, ws, 2), ALLOCATE_OK);
	assert_int_equal(res.worker_id, 1);
	struct allocate_policy p = ALLOCATE_POLICY_DEFAULT;
	p.absence_lookahead = DAY;
	assert_int_equal(allocate_choose(&p, &sp_breckland, ws, 2, clusters, NC, &res), ALLOCATE_OK);
	assert_int_equal(res.worker_id, 2);
}

static void test_policy_capacity_applies(void **state)
{
	(void)state;
	struct allocate_worker ws[] = { link(1, c_breck, 1, 50, 90), link(2, c_breck, 1, 100, 170) };
	/* 90/100 vs 170/200: worker 2 (0.85). */
	assert_int_equal(choose(&sp_breckland, ws, 2), ALLOCATE_OK);
	assert_int_equal(res.worker_id, 2);
	/* At 180 a year per FTE: 90/90 is full, 170/180 left. */
	struct allocate_policy p = ALLOCATE_POLICY_DEFAULT;
	p.link_clients_per_fte_year = 180;
	assert_int_equal(allocate_choose(&p, &sp_breckland, ws, 2, clusters, NC, &res), ALLOCATE_OK);
	assert_int_equal(res.worker_id, 2);
	assert_string_equal(res.reason, "Breckland cluster, 170 of 180 this year");
	p.link_clients_per_fte_year = 170;
	assert_int_equal(allocate_choose(&p, &sp_breckland, ws, 2, clusters, NC, &res), ALLOCATE_NO_WORKER);
}

static void test_worker_in_two_clusters(void **state)
{
	(void)state;
	struct allocate_worker ws[] = { link(4, c_breck_swaff, 2, 50, 10), link(8, c_swaff, 1, 50, 0) };
	assert_int_equal(choose(&sp_breckland, ws, 2), ALLOCATE_OK);
	assert_int_equal(res.worker_id, 4);
	assert_false(res.overflowed);
	struct allocate_request r = sp_breckland;
	r.cluster_id = SWAFFHAM;
	assert_int_equal(choose(&r, ws, 2), ALLOCATE_OK);
	assert_int_equal(res.worker_id, 8);
	assert_string_equal(res.reason, "Swaffham cluster, 0 of 100 this year");
}

/* ---- overflow ---- */

static void test_overflow_nearest_cluster(void **state)
{
	(void)state;
	struct allocate_worker ws[] = {
		absent(link(1, c_breck, 1, 50, 10)),
		absent(link(2, c_breck, 1, 50, 20)),
		link(3, c_swaff, 1, 50, 60),
		link(4, c_ketts, 1, 50, 30),
		link(5, c_ketts, 1, 100, 40), /* 0.20: least loaded in Ketts Oak */
	};
	assert_int_equal(choose(&sp_breckland, ws, 5), ALLOCATE_OK);
	assert_int_equal(res.worker_id, 5);
	assert_true(res.overflowed);
	assert_int_equal(res.cluster_id, KETTS_OAK);
	assert_int_equal(res.distance_m, 14849);
	assert_int_equal(res.load, 40);
	assert_int_equal(res.capacity, 200);
	assert_string_equal(res.reason, "overflow: Breckland workers absent; nearest cluster Ketts Oak (15 km)");
}

static void test_overflow_further_out(void **state)
{
	(void)state;
	struct allocate_worker ws[] = {
		link(1, c_breck, 1, 50, 100),         /* full */
		link(2, c_ketts, 1, 50, 100),         /* Ketts Oak full */
		absent(link(3, c_swaff, 1, 50, 0)),   /* Swaffham away */
		link(4, c_mid, 1, 50, 70),            /* Mid Norfolk: free */
	};
	assert_int_equal(choose(&sp_breckland, ws, 4), ALLOCATE_OK);
	assert_int_equal(res.worker_id, 4);
	assert_true(res.overflowed);
	assert_int_equal(res.cluster_id, MID_NORFOLK);
	assert_int_equal(res.distance_m, 25378);
	assert_string_equal(res.reason,
			    "overflow: Breckland workers at capacity; nearest cluster with a free worker Mid Norfolk (25 km)");
	/* The nearest available is Swaffham once its worker is back. */
	ws[2].n_absences = 0;
	assert_int_equal(choose(&sp_breckland, ws, 4), ALLOCATE_OK);
	assert_int_equal(res.worker_id, 3);
	assert_string_equal(res.reason,
			    "overflow: Breckland workers at capacity; nearest cluster with a free worker Swaffham (19 km)");
}

static void test_overflow_reasons(void **state)
{
	(void)state;
	struct allocate_worker ws[] = {
		absent(link(1, c_breck, 1, 50, 10)),
		link(2, c_breck, 1, 50, 100),
		link(3, c_ketts, 1, 50, 1),
	};
	assert_int_equal(choose(&sp_breckland, ws, 3), ALLOCATE_OK);
	assert_string_equal(res.reason, "overflow: Breckland workers absent or at capacity; nearest cluster Ketts Oak (15 km)");
	/* Nobody attached at all. */
	assert_int_equal(choose(&sp_breckland, ws + 2, 1), ALLOCATE_OK);
	assert_string_equal(res.reason, "overflow: no link workers in Breckland; nearest cluster Ketts Oak (15 km)");
	/* From Kings Lynn the nearest is Coastal (14 km). */
	struct allocate_request r = sp_breckland;
	r.cluster_id = KINGS_LYNN;
	static const int64_t c_coastal[] = { COASTAL };
	struct allocate_worker far[] = { link(9, c_coastal, 1, 50, 0), link(8, c_ketts, 1, 50, 0) };
	assert_int_equal(choose(&r, far, 2), ALLOCATE_OK);
	assert_int_equal(res.worker_id, 9);
	assert_string_equal(res.reason, "overflow: no link workers in Kings Lynn; nearest cluster Coastal (14 km)");
}

static void test_no_worker_anywhere(void **state)
{
	(void)state;
	struct allocate_worker ws[] = {
		absent(link(1, c_breck, 1, 50, 10)),
		link(2, c_ketts, 1, 50, 100),
		support(3, a_breck, 1, 100, 0),
	};
	assert_int_equal(choose(&sp_breckland, ws, 3), ALLOCATE_NO_WORKER);
	assert_int_equal(res.status, ALLOCATE_NO_WORKER);
	assert_int_equal(res.worker_id, 0);
	assert_int_equal(res.cluster_id, 0);
	assert_false(res.overflowed);
	assert_string_equal(res.reason, "no link worker available: Breckland workers absent; no other cluster has a free worker");
	/* Nobody at all. */
	assert_int_equal(choose(&sp_breckland, NULL, 0), ALLOCATE_NO_WORKER);
	assert_string_equal(res.reason, "no link worker available: no link workers in Breckland; no other cluster has a free worker");
	/* Only one cluster known. */
	assert_int_equal(allocate_choose(&policy, &sp_breckland, ws, 1, clusters, 1, &res), ALLOCATE_NO_WORKER);
	assert_string_equal(res.reason, "no link worker available: Breckland workers absent; no other cluster to overflow to");
}

static void test_cluster_distance_ties_and_bad_centroids(void **state)
{
	(void)state;
	/* East and West of Home at the same distance: the earlier in the array wins. */
	const struct allocate_cluster cs[] = {
		{ 1, "Home", 52.0, 1.0 },
		{ 2, "Nowhere", NAN, 1.0 },  /* no centroid: never an overflow target */
		{ 3, "West", 52.0, 0.9 },
		{ 4, "East", 52.0, 1.1 },
		{ 5, "Far", 53.0, 1.0 },
	};
	static const int64_t c2[] = { 2 }, c3[] = { 3 }, c4[] = { 4 }, c5[] = { 5 };
	struct allocate_worker ws[] = { link(1, c4, 1, 50, 0), link(2, c3, 1, 50, 0), link(3, c2, 1, 50, 0),
					link(4, c5, 1, 50, 0) };
	struct allocate_request r = sp_breckland;
	r.cluster_id = 1;
	assert_int_equal(allocate_choose(&policy, &r, ws, 4, cs, 5, &res), ALLOCATE_OK);
	assert_int_equal(res.cluster_id, 3);
	assert_int_equal(res.worker_id, 2);
	assert_string_equal(res.reason, "overflow: no link workers in Home; nearest cluster West (7 km)");
	/* West full: East, the other at the same distance, is next. */
	ws[1].allocated_12m = 100;
	assert_int_equal(allocate_choose(&policy, &r, ws, 4, cs, 5, &res), ALLOCATE_OK);
	assert_int_equal(res.cluster_id, 4);
	assert_string_equal(res.reason, "overflow: no link workers in Home; nearest cluster with a free worker East (7 km)");
	/* Both full: Far; Nowhere is skipped. */
	ws[0].allocated_12m = 100;
	assert_int_equal(allocate_choose(&policy, &r, ws, 4, cs, 5, &res), ALLOCATE_OK);
	assert_int_equal(res.cluster_id, 5);
	assert_int_equal(res.worker_id, 4);
	ws[3].allocated_12m = 100;
	assert_int_equal(allocate_choose(&policy, &r, ws, 4, cs, 5, &res), ALLOCATE_NO_WORKER);
}

static void test_no_cluster(void **state)
{
	(void)state;
	struct allocate_worker ws[] = { link(1, c_breck, 1, 50, 0) };
	struct allocate_request r = sp_breckland;
	r.cluster_id = 0;
	assert_int_equal(choose(&r, ws, 1), ALLOCATE_NO_CLUSTER);
	assert_string_equal(res.reason, "the person's GP practice is not in a social prescribing cluster; allocate by hand");
	r.cluster_id = 999;
	assert_int_equal(choose(&r, ws, 1), ALLOCATE_NO_CLUSTER);
	assert_int_equal(res.worker_id, 0);
}

/* ---- complex support ---- */

static void test_complex_support(void **state)
{
	(void)state;
	struct allocate_request r = sp_breckland;
	r.tier = TRIAGE_TIER_COMPLEX_SUPPORT;
	struct allocate_worker ws[] = {
		link(1, c_breck, 1, 100, 0),            /* a link worker: never for complex support */
		support(2, a_both, 2, 100, 30),         /* 0.15 */
		support(3, a_breck, 1, 50, 10),         /* 0.10 */
		absent(support(4, a_breck, 1, 100, 0)), /* away */
	};
	assert_int_equal(choose(&r, ws, 4), ALLOCATE_OK);
	assert_int_equal(res.worker_id, 3);
	assert_int_equal(res.provider_id, 2003);
	assert_false(res.overflowed);
	assert_int_equal(res.cluster_id, 0);
	assert_string_equal(res.reason, "Breckland, 10 of 100 this year");
	ws[2].allocated_12m = 100;
	assert_int_equal(choose(&r, ws, 4), ALLOCATE_OK);
	assert_int_equal(res.worker_id, 2);
	ws[1].allocated_12m = 200;
	assert_int_equal(choose(&r, ws, 4), ALLOCATE_NO_WORKER);
	assert_string_equal(res.reason, "no support worker covering Breckland is available (1 absent, 2 at capacity)");
	/* No name given: the id. */
	r.area_name = NULL;
	r.area_id = 77;
	assert_int_equal(choose(&r, ws, 4), ALLOCATE_NO_WORKER);
	assert_string_equal(res.reason, "no support worker covers area 77");
	r.area_id = 0;
	assert_int_equal(choose(&r, ws, 4), ALLOCATE_NO_AREA);
	assert_string_equal(res.reason, "the person's area is not known; allocate by hand");
	/* Capacity per FTE for support workers is its own setting. */
	struct allocate_policy p = ALLOCATE_POLICY_DEFAULT;
	p.support_clients_per_fte_year = 40;
	struct allocate_worker s[] = { support(5, a_breck, 1, 100, 39) };
	r.area_id = AREA_BRECKLAND;
	r.area_name = "Breckland";
	assert_int_equal(allocate_choose(&p, &r, s, 1, clusters, NC, &res), ALLOCATE_OK);
	assert_string_equal(res.reason, "Breckland, 39 of 40 this year");
	s[0].allocated_12m = 40;
	assert_int_equal(allocate_choose(&p, &r, s, 1, clusters, NC, &res), ALLOCATE_NO_WORKER);
}

/* ---- other tiers, bad input ---- */

static void test_other_tiers(void **state)
{
	(void)state;
	struct allocate_worker ws[] = { link(1, c_breck, 1, 50, 0) };
	struct allocate_request r = sp_breckland;
	r.tier = TRIAGE_TIER_COMMUNITY_SUPPORT;
	assert_int_equal(choose(&r, ws, 1), ALLOCATE_NOT_NEEDED);
	assert_string_equal(res.reason, "community support: volunteer tasks go to matching, not to a worker");
	r.tier = TRIAGE_TIER_SIGNPOST;
	assert_int_equal(choose(&r, ws, 1), ALLOCATE_NOT_NEEDED);
	assert_string_equal(res.reason, "signpost: information only, no worker");
	r.tier = TRIAGE_TIER_DECLINE;
	assert_int_equal(choose(&r, ws, 1), ALLOCATE_NOT_NEEDED);
	assert_int_equal(res.worker_id, 0);
	r.tier = TRIAGE_TIER__MAX;
	assert_int_equal(choose(&r, ws, 1), ALLOCATE_EINVAL);
	assert_string_equal(res.reason, "unknown tier 5");
}

static void test_bad_input(void **state)
{
	(void)state;
	struct allocate_worker good = link(1, c_breck, 1, 50, 0);
	struct allocate_worker ws[1];
	const struct allocate_worker bad[] = {
		link(0, c_breck, 1, 50, 0),
		link(-1, c_breck, 1, 50, 0),
		link(1, c_breck, 1, -1, 0),
		link(1, c_breck, 1, 50, -1),
		link(1, NULL, 1, 50, 0),
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ws[0] = bad[i];
		assert_int_equal(choose(&sp_breckland, ws, 1), ALLOCATE_EINVAL);
		assert_non_null(strstr(res.reason, "worker 0"));
	}
	ws[0] = good;
	ws[0].kind = (enum allocate_kind)7;
	assert_int_equal(choose(&sp_breckland, ws, 1), ALLOCATE_EINVAL);
	ws[0] = good;
	ws[0].open_caseload = -1;
	assert_int_equal(choose(&sp_breckland, ws, 1), ALLOCATE_EINVAL);
	ws[0] = good;
	ws[0].n_absences = 1;
	assert_int_equal(choose(&sp_breckland, ws, 1), ALLOCATE_EINVAL);
	ws[0] = good;
	ws[0].n_areas = 2;
	assert_int_equal(choose(&sp_breckland, ws, 1), ALLOCATE_EINVAL);
	assert_int_equal(choose(&sp_breckland, NULL, 2), ALLOCATE_EINVAL);
	assert_int_equal(allocate_choose(&policy, &sp_breckland, &good, 1, NULL, 3, &res), ALLOCATE_EINVAL);
	struct allocate_policy p = ALLOCATE_POLICY_DEFAULT;
	p.link_clients_per_fte_year = 0;
	assert_int_equal(allocate_choose(&p, &sp_breckland, &good, 1, clusters, NC, &res), ALLOCATE_EINVAL);
	assert_non_null(strstr(res.reason, "policy"));
	p = (struct allocate_policy)ALLOCATE_POLICY_DEFAULT;
	p.absence_lookahead = -1;
	assert_int_equal(allocate_choose(&p, &sp_breckland, &good, 1, clusters, NC, &res), ALLOCATE_EINVAL);
	/* And the good one is fine. */
	assert_int_equal(choose(&sp_breckland, &good, 1), ALLOCATE_OK);
}

static void test_strerror(void **state)
{
	(void)state;
	for (int s = 0; s < ALLOCATE__MAX; s++) {
		assert_non_null(allocate_strerror((enum allocate_status)s));
		assert_string_not_equal(allocate_strerror((enum allocate_status)s), "unknown allocation status");
	}
	assert_string_equal(allocate_strerror(ALLOCATE_NO_WORKER), "no worker available");
	assert_string_equal(allocate_strerror(ALLOCATE__MAX), "unknown allocation status");
	assert_string_equal(allocate_strerror((enum allocate_status)-1), "unknown allocation status");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_capacity),
		cmocka_unit_test(test_absence),
		cmocka_unit_test(test_least_loaded_in_cluster),
		cmocka_unit_test(test_ties_go_to_lowest_id),
		cmocka_unit_test(test_skips_absent_and_full),
		cmocka_unit_test(test_absence_lookahead),
		cmocka_unit_test(test_policy_capacity_applies),
		cmocka_unit_test(test_worker_in_two_clusters),
		cmocka_unit_test(test_overflow_nearest_cluster),
		cmocka_unit_test(test_overflow_further_out),
		cmocka_unit_test(test_overflow_reasons),
		cmocka_unit_test(test_no_worker_anywhere),
		cmocka_unit_test(test_cluster_distance_ties_and_bad_centroids),
		cmocka_unit_test(test_no_cluster),
		cmocka_unit_test(test_complex_support),
		cmocka_unit_test(test_other_tiers),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_strerror),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
