/* Prometheus metrics: requests by route and status, a latency histogram and
 * database errors, kept in lock-free counters. */
#include <stdatomic.h>
#include <stdio.h>
#include "http/internal.h"

#define METRIC_ROUTES 256
static const unsigned metric_status[] = { 200, 201, 204, 303, 304, 400, 401, 403, 404, 405, 409,
					   413, 415, 422, 429, 431, 500, 503 };
#define METRIC_STATUS (sizeof metric_status / sizeof metric_status[0] + 1)
static const double metric_le[] = { 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5 };
#define METRIC_BUCKETS (sizeof metric_le / sizeof metric_le[0])

static atomic_uint_fast64_t requests[METRIC_ROUTES + 2][METRIC_STATUS];
static atomic_uint_fast64_t latency[METRIC_BUCKETS + 1];
static atomic_uint_fast64_t latency_sum_us;

static unsigned status_slot(unsigned status)
{
	for (unsigned i = 0; i < METRIC_STATUS - 1; i++)
		if (metric_status[i] == status)
			return i;
	return METRIC_STATUS - 1;
}

void http_metrics_record(int route_index, unsigned status, double seconds)
{
	int total = http_route_total();
	int slot = route_index < 0 ? METRIC_ROUTES + 1
		   : route_index >= total ? METRIC_ROUTES
		   : route_index < METRIC_ROUTES ? route_index : METRIC_ROUTES - 1;
	atomic_fetch_add(&requests[slot][status_slot(status)], 1);
	unsigned b = 0;
	while (b < METRIC_BUCKETS && seconds > metric_le[b])
		b++;
	atomic_fetch_add(&latency[b], 1);
	atomic_fetch_add(&latency_sum_us, (uint_fast64_t)(seconds * 1e6));
}

static void metrics_route_label(int slot, char *out, size_t n)
{
	if (slot == METRIC_ROUTES) {
		snprintf(out, n, "static");
		return;
	}
	if (slot == METRIC_ROUTES + 1) {
		snprintf(out, n, "unmatched");
		return;
	}
	int i = 0;
	for (const struct route *const *t = http_route_tables; *t; t++)
		for (const struct route *r = *t; r->method; r++, i++)
			if (i == slot) {
				snprintf(out, n, "%s %s", r->method, r->pattern);
				return;
			}
	snprintf(out, n, "unknown");
}

/* Writes the metrics in the Prometheus text format. */
void http_metrics_write(struct buf *out)
{
	buf_puts(out, "# HELP waymark_http_requests_total HTTP requests by route and status.\n"
		      "# TYPE waymark_http_requests_total counter\n");
	for (int slot = 0; slot < METRIC_ROUTES + 2; slot++)
		for (unsigned s = 0; s < METRIC_STATUS; s++) {
			uint64_t v = atomic_load(&requests[slot][s]);
			if (!v)
				continue;
			char label[160];
			metrics_route_label(slot, label, sizeof label);
			if (s < METRIC_STATUS - 1)
				buf_printf(out, "waymark_http_requests_total{route=\"%s\",status=\"%u\"} %llu\n", label,
					   metric_status[s], (unsigned long long)v);
			else
				buf_printf(out, "waymark_http_requests_total{route=\"%s\",status=\"other\"} %llu\n",
					   label, (unsigned long long)v);
		}
	buf_puts(out, "# HELP waymark_http_request_duration_seconds Time to answer a request.\n"
		      "# TYPE waymark_http_request_duration_seconds histogram\n");
	uint64_t cum = 0;
	for (unsigned b = 0; b < METRIC_BUCKETS; b++) {
		cum += atomic_load(&latency[b]);
		buf_printf(out, "waymark_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n", metric_le[b],
			   (unsigned long long)cum);
	}
	cum += atomic_load(&latency[METRIC_BUCKETS]);
	buf_printf(out, "waymark_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n", (unsigned long long)cum);
	buf_printf(out, "waymark_http_request_duration_seconds_sum %.6f\n",
		   (double)atomic_load(&latency_sum_us) / 1e6);
	buf_printf(out, "waymark_http_request_duration_seconds_count %llu\n", (unsigned long long)cum);
	buf_printf(out, "# HELP waymark_db_errors_total Database errors.\n# TYPE waymark_db_errors_total counter\n"
			"waymark_db_errors_total %llu\n", (unsigned long long)store_error_count());
}
