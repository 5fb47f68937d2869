/* Unit tests for great-circle distance and nearest-point search (src/core/geo.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>

#include "core/geo.h"

#define PI 3.14159265358979323846

/* |got - want| <= want * permille / 1000, with the numbers in the failure message. */
static void assert_within_permille(int64_t got, double want, double permille)
{
	if (fabs((double)got - want) > want * permille / 1000.0)
		fail_msg("distance %lld m, expected %.0f m within %.1f per mille", (long long)got, want, permille);
}

/* On the sphere some distances are exact fractions of the circumference. */
static void test_exact_on_sphere(void **state)
{
	(void)state;
	assert_int_equal(geo_haversine_m(52.6, 1.3, 52.6, 1.3), 0);
	assert_int_equal(geo_haversine_m(0, 0, 1, 0), llround(GEO_EARTH_RADIUS_M * PI / 180.0));
	assert_int_equal(geo_haversine_m(0, 0, 1, 0), 111195);
	assert_int_equal(geo_haversine_m(0, 0, 0, 90), llround(GEO_EARTH_RADIUS_M * PI / 2.0));
	assert_int_equal(geo_haversine_m(0, 0, 90, 0), llround(GEO_EARTH_RADIUS_M * PI / 2.0));
	/* Antipodes: the case where rounding can push the haversine past 1. */
	assert_int_equal(geo_haversine_m(0, 0, 0, 180), llround(GEO_EARTH_RADIUS_M * PI));
	assert_int_equal(geo_haversine_m(90, 0, -90, 0), llround(GEO_EARTH_RADIUS_M * PI));
	assert_int_equal(geo_haversine_m(51.5, -0.1, -51.5, 179.9), llround(GEO_EARTH_RADIUS_M * PI));
	/* Across the antimeridian is the short way round. */
	assert_int_equal(geo_haversine_m(0, 179.5, 0, -179.5), 111195);
}

static void test_symmetric(void **state)
{
	(void)state;
	assert_int_equal(geo_haversine_m(52.6309, 1.2974, 52.7543, 0.3976),
			 geo_haversine_m(52.7543, 0.3976, 52.6309, 1.2974));
	assert_int_equal(geo_haversine_m(-33.9, 151.2, 40.7, -74.0), geo_haversine_m(40.7, -74.0, -33.9, 151.2));
}

/*
 * Known distances. The expected values are WGS84 ellipsoid geodesics worked
 * out separately (Vincenty's inverse formula); the sphere must agree to 0.5%.
 */
static void test_known_distances(void **state)
{
	(void)state;
	/* Norwich (52.6309 N, 1.2974 E) to King's Lynn (52.7543 N, 0.3976 E): about 62 km. */
	assert_within_permille(geo_haversine_m(52.6309, 1.2974, 52.7543, 0.3976), 62368, 5);
	assert_within_permille(geo_haversine_m(52.6309, 1.2974, 52.7543, 0.3976), 62000, 5);
	/* Norwich to Great Yarmouth (52.6083 N, 1.7305 E). */
	assert_within_permille(geo_haversine_m(52.6309, 1.2974, 52.6083, 1.7305), 29440, 5);
	/* Land's End (50.0657 N, 5.7132 W) to John o' Groats (58.6373 N, 3.0689 W). */
	assert_within_permille(geo_haversine_m(50.0657, -5.7132, 58.6373, -3.0689), 969284, 5);
	/* London (51.5074 N, 0.1278 W) to Paris (48.8566 N, 2.3522 E). */
	assert_within_permille(geo_haversine_m(51.5074, -0.1278, 48.8566, 2.3522), 343923, 5);
	/* Short distances keep metre resolution: 0.001 degree of latitude is about 111 m. */
	assert_int_equal(geo_haversine_m(52.000, 1.0, 52.001, 1.0), 111);
}

static void test_invalid_coordinates(void **state)
{
	(void)state;
	assert_int_equal(geo_haversine_m(90.0001, 0, 0, 0), -1);
	assert_int_equal(geo_haversine_m(0, 0, -90.5, 0), -1);
	assert_int_equal(geo_haversine_m(0, 180.5, 0, 0), -1);
	assert_int_equal(geo_haversine_m(0, 0, 0, -181), -1);
	assert_int_equal(geo_haversine_m(NAN, 0, 0, 0), -1);
	assert_int_equal(geo_haversine_m(0, 0, 0, INFINITY), -1);
	assert_int_equal(geo_haversine_m(90, 180, -90, -180), llround(GEO_EARTH_RADIUS_M * PI));
}

static void test_nearest(void **state)
{
	/* Norwich, King's Lynn, Great Yarmouth, Cromer. */
	const struct geo_point towns[] = {
		{ 52.6309, 1.2974 }, { 52.7543, 0.3976 }, { 52.6083, 1.7305 }, { 52.9316, 1.3019 },
	};
	size_t i = 99;
	int64_t d = -5;

	(void)state;
	/* Wymondham is nearest Norwich. */
	assert_int_equal(geo_nearest(52.5700, 1.1160, towns, 4, &i, &d), 0);
	assert_int_equal(i, 0);
	assert_int_equal(d, geo_haversine_m(52.5700, 1.1160, 52.6309, 1.2974));
	/* Downham Market is nearest King's Lynn. */
	assert_int_equal(geo_nearest(52.6020, 0.3830, towns, 4, &i, NULL), 0);
	assert_int_equal(i, 1);
	/* Sheringham is nearest Cromer. */
	assert_int_equal(geo_nearest(52.9440, 1.2090, towns, 4, &i, NULL), 0);
	assert_int_equal(i, 3);
	/* Standing on a point: distance 0. */
	assert_int_equal(geo_nearest(52.6083, 1.7305, towns, 4, &i, &d), 0);
	assert_int_equal(i, 2);
	assert_int_equal(d, 0);
}

static void test_nearest_ties_and_edges(void **state)
{
	/* Two identical points, and two mirrored either side of the origin's meridian. */
	const struct geo_point same[] = { { 10, 10 }, { 0, 1 }, { 0, 1 } };
	const struct geo_point mirror[] = { { 0, 1 }, { 0, -1 } };
	const struct geo_point mirror_rev[] = { { 0, -1 }, { 0, 1 } };
	const struct geo_point bad_first[] = { { NAN, 0 }, { 95, 0 }, { 1, 1 }, { 2, 2 } };
	const struct geo_point all_bad[] = { { NAN, NAN }, { 0, 200 } };
	size_t i = 99;

	(void)state;
	assert_int_equal(geo_nearest(0, 0, same, 3, &i, NULL), 0);
	assert_int_equal(i, 1);
	assert_int_equal(geo_nearest(0, 0, mirror, 2, &i, NULL), 0);
	assert_int_equal(i, 0);
	assert_int_equal(geo_nearest(0, 0, mirror_rev, 2, &i, NULL), 0);
	assert_int_equal(i, 0);
	/* Invalid points are skipped, even in first place. */
	assert_int_equal(geo_nearest(0, 0, bad_first, 4, &i, NULL), 0);
	assert_int_equal(i, 2);
	/* Nothing to choose from: -1 and *index untouched. */
	i = 99;
	assert_int_equal(geo_nearest(0, 0, all_bad, 2, &i, NULL), -1);
	assert_int_equal(geo_nearest(0, 0, NULL, 0, &i, NULL), -1);
	assert_int_equal(geo_nearest(NAN, 0, same, 3, &i, NULL), -1);
	assert_int_equal(i, 99);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact_on_sphere),
		cmocka_unit_test(test_symmetric),
		cmocka_unit_test(test_known_distances),
		cmocka_unit_test(test_invalid_coordinates),
		cmocka_unit_test(test_nearest),
		cmocka_unit_test(test_nearest_ties_and_edges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
