/* Great-circle distances between WGS84 coordinates, for travel cost in matching and proximity search. */
#ifndef WAYMARK_CORE_GEO_H
#define WAYMARK_CORE_GEO_H
#include <stddef.h>
#include <stdint.h>

/*
 * Mean Earth radius (IUGG R1). On this sphere distances are within about 0.5%
 * of the WGS84 ellipsoid, far closer than road distance is to either.
 */
#define GEO_EARTH_RADIUS_M 6371008.8

/* A position in decimal degrees: lat -90..90 (north positive), lon -180..180 (east positive). */
struct geo_point {
	double lat, lon;
};

/*
 * Returns the haversine (straight-line, over the surface) distance in whole
 * metres, rounded to nearest, or -1 if a coordinate is not a finite number in
 * range.
 */
int64_t geo_haversine_m(double lat1, double lon1, double lat2, double lon2);

/*
 * Finds which of the n points (borrowed) is nearest to (lat, lon) and stores
 * its index in *index and, if dist_m is not NULL, its distance in metres.
 * Distances are compared in whole metres and ties go to the lowest index, so
 * the answer does not depend on floating-point noise. Points with invalid
 * coordinates are skipped. Returns 0, or -1 if (lat, lon) is invalid or no
 * point is valid (n == 0 included); *index is then untouched.
 */
int geo_nearest(double lat, double lon, const struct geo_point *pts, size_t n, size_t *index, int64_t *dist_m);
#endif
