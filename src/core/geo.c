/* Haversine distance on a spherical Earth and a nearest-point search built on it. */
#include "core/geo.h"

#include <math.h>

/* Spelled out: M_PI is not in ISO C and needs a feature macro. */
#define GEO_PI 3.14159265358979323846

static int geo_valid(double lat, double lon)
{
	/* The comparisons are false for NaN, so NaN fails here too. */
	return lat >= -90.0 && lat <= 90.0 && lon >= -180.0 && lon <= 180.0;
}

int64_t geo_haversine_m(double lat1, double lon1, double lat2, double lon2)
{
	const double rad = GEO_PI / 180.0;
	double p1, p2, sdlat, sdlon, h;

	if (!geo_valid(lat1, lon1) || !geo_valid(lat2, lon2))
		return -1;
	p1 = lat1 * rad;
	p2 = lat2 * rad;
	sdlat = sin((p2 - p1) / 2.0);
	sdlon = sin((lon2 - lon1) * rad / 2.0);
	h = sdlat * sdlat + cos(p1) * cos(p2) * sdlon * sdlon;
	/* Rounding can push h just past 1 for antipodal points, where asin would give NaN. */
	if (h > 1.0)
		h = 1.0;
	return (int64_t)llround(2.0 * GEO_EARTH_RADIUS_M * asin(sqrt(h)));
}

int geo_nearest(double lat, double lon, const struct geo_point *pts, size_t n, size_t *index, int64_t *dist_m)
{
	int64_t best = -1;
	size_t best_i = 0;

	if (!geo_valid(lat, lon))
		return -1;
	for (size_t i = 0; i < n; i++) {
		int64_t d = geo_haversine_m(lat, lon, pts[i].lat, pts[i].lon);

		if (d < 0)
			continue;
		/* Strictly less: an equal distance later in the list never displaces an earlier one. */
		if (best < 0 || d < best) {
			best = d;
			best_i = i;
		}
	}
	if (best < 0)
		return -1;
	*index = best_i;
	if (dist_m != NULL)
		*dist_m = best;
	return 0;
}
