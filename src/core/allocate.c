/* Allocation of a triaged referral to a worker: least loaded against capacity, with overflow to the nearest GP cluster. */
#include <stdio.h>
#include <string.h>
#include "core/allocate.h"
#include "core/geo.h"

static const char *const status_text[ALLOCATE__MAX] = {
	[ALLOCATE_OK] = "allocated",
	[ALLOCATE_NOT_NEEDED] = "no worker needed for this tier",
	[ALLOCATE_NO_CLUSTER] = "no GP cluster known for the person",
	[ALLOCATE_NO_AREA] = "no area known for the person",
	[ALLOCATE_NO_WORKER] = "no worker available",
	[ALLOCATE_EINVAL] = "invalid allocation input",
};

const char *allocate_strerror(enum allocate_status s)
{
	return (int)s >= 0 && s < ALLOCATE__MAX ? status_text[s] : "unknown allocation status";
}

int allocate_capacity(const struct allocate_policy *p, const struct allocate_worker *w)
{
	int per = w->kind == ALLOCATE_LINK_WORKER ? p->link_clients_per_fte_year : p->support_clients_per_fte_year;
	if (w->fte_hundredths <= 0 || per <= 0)
		return 0;
	int64_t cap = (int64_t)w->fte_hundredths * per / 100;
	return cap > INT32_MAX ? INT32_MAX : (int)cap;
}

int allocate_is_absent(const struct allocate_worker *w, int64_t now, int64_t lookahead)
{
	int64_t until = lookahead > 0 && now <= INT64_MAX - lookahead ? now + lookahead : now;
	for (size_t i = 0; i < w->n_absences; i++) {
		const struct allocate_absence *a = &w->absences[i];
		if (a->from_utc <= until && a->to_utc > now)
			return 1;
	}
	return 0;
}

static int has_id(const int64_t *ids, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == id)
			return 1;
	return 0;
}

/* Why the workers looked at were not available. */
struct tally {
	int seen, absent, full;
};

enum pool { POOL_CLUSTER, POOL_AREA };

/*
 * The least loaded available worker of kind in the pool (cluster or area
 * id), or -1; counts what it saw in *t. Loads are compared as fractions
 * a/c by cross-multiplying, so 41/100 and 82/200 tie exactly.
 */
static long best_worker(const struct allocate_policy *p, const struct allocate_request *req,
			const struct allocate_worker *ws, size_t n, enum allocate_kind kind, enum pool pool,
			int64_t pool_id, struct tally *t)
{
	long best = -1;
	int64_t best_a = 0, best_c = 1;
	memset(t, 0, sizeof *t);
	for (size_t i = 0; i < n; i++) {
		const struct allocate_worker *w = &ws[i];
		if (w->kind != kind)
			continue;
		if (pool == POOL_CLUSTER ? !has_id(w->clusters, w->n_clusters, pool_id)
					 : !has_id(w->areas, w->n_areas, pool_id))
			continue;
		t->seen++;
		if (allocate_is_absent(w, req->now_utc, p->absence_lookahead)) {
			t->absent++;
			continue;
		}
		int cap = allocate_capacity(p, w);
		if (cap <= 0 || w->allocated_12m >= cap) {
			t->full++;
			continue;
		}
		int64_t a = w->allocated_12m, c = cap;
		if (best < 0 || a * best_c < best_a * c || (a * best_c == best_a * c && w->id < ws[best].id)) {
			best = (long)i;
			best_a = a;
			best_c = c;
		}
	}
	return best;
}

/* "absent", "at capacity", ... for a pool in which nobody was available. */
static const char *why(const struct tally *t)
{
	if (t->absent == t->seen)
		return "absent";
	if (t->full == t->seen)
		return "at capacity";
	return "absent or at capacity";
}

static void chosen(struct allocate_result *out, const struct allocate_policy *p, const struct allocate_worker *ws,
		   long i)
{
	out->status = ALLOCATE_OK;
	out->worker_index = (size_t)i;
	out->worker_id = ws[i].id;
	out->provider_id = ws[i].provider_id;
	out->load = ws[i].allocated_12m;
	out->capacity = allocate_capacity(p, &ws[i]);
}

static enum allocate_status finish(struct allocate_result *out, enum allocate_status st)
{
	out->status = st;
	return st;
}

static int check_input(const struct allocate_policy *p, const struct allocate_worker *ws, size_t n,
		       const struct allocate_cluster *cs, size_t nc, struct allocate_result *out)
{
	if (p->link_clients_per_fte_year <= 0 || p->support_clients_per_fte_year <= 0 || p->absence_lookahead < 0) {
		snprintf(out->reason, sizeof out->reason, "policy: clients per FTE year must be positive and the lookahead not negative");
		return -1;
	}
	if ((n && !ws) || (nc && !cs)) {
		snprintf(out->reason, sizeof out->reason, "no workers or clusters array given");
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		const struct allocate_worker *w = &ws[i];
		if (w->id <= 0 || (w->kind != ALLOCATE_LINK_WORKER && w->kind != ALLOCATE_SUPPORT_WORKER) ||
		    w->fte_hundredths < 0 || w->allocated_12m < 0 || w->open_caseload < 0 ||
		    (w->n_clusters && !w->clusters) || (w->n_areas && !w->areas) || (w->n_absences && !w->absences)) {
			snprintf(out->reason, sizeof out->reason, "worker %zu (id %lld) is not valid", i, (long long)w->id);
			return -1;
		}
	}
	return 0;
}

static enum allocate_status social_prescribing(const struct allocate_policy *p, const struct allocate_request *req,
					       const struct allocate_worker *ws, size_t n,
					       const struct allocate_cluster *cs, size_t nc, struct allocate_result *out)
{
	long home = -1;
	for (size_t i = 0; i < nc; i++)
		if (req->cluster_id != 0 && cs[i].id == req->cluster_id) {
			home = (long)i;
			break;
		}
	if (home < 0) {
		snprintf(out->reason, sizeof out->reason,
			 "the person's GP practice is not in a social prescribing cluster; allocate by hand");
		return finish(out, ALLOCATE_NO_CLUSTER);
	}
	const char *home_name = cs[home].name ? cs[home].name : "home";
	struct tally t;
	long w = best_worker(p, req, ws, n, ALLOCATE_LINK_WORKER, POOL_CLUSTER, cs[home].id, &t);
	out->cluster_id = cs[home].id;
	if (w >= 0) {
		chosen(out, p, ws, w);
		snprintf(out->reason, sizeof out->reason, "%s cluster, %d of %d this year", home_name, out->load,
			 out->capacity);
		return out->status;
	}
	char home_why[128];
	if (t.seen == 0)
		snprintf(home_why, sizeof home_why, "no link workers in %s", home_name);
	else
		snprintf(home_why, sizeof home_why, "%s workers %s", home_name, why(&t));

	/* The other clusters from the nearest outwards: each step takes the
	 * smallest (distance, index) after the previous one, which needs no
	 * memory and is quick for the handful of clusters a region has. */
	int64_t prev_d = -1;
	long prev_i = -1;
	int step = 0;
	for (;;) {
		long next = -1;
		int64_t next_d = 0;
		for (size_t i = 0; i < nc; i++) {
			if ((long)i == home || cs[i].id == cs[home].id)
				continue;
			int64_t d = geo_haversine_m(cs[home].lat, cs[home].lon, cs[i].lat, cs[i].lon);
			if (d < 0)
				continue;
			int after_prev = prev_i < 0 || d > prev_d || (d == prev_d && (long)i > prev_i);
			if (after_prev && (next < 0 || d < next_d))
				next = (long)i, next_d = d;
		}
		if (next < 0)
			break;
		w = best_worker(p, req, ws, n, ALLOCATE_LINK_WORKER, POOL_CLUSTER, cs[next].id, &t);
		if (w >= 0) {
			chosen(out, p, ws, w);
			out->cluster_id = cs[next].id;
			out->overflowed = 1;
			out->distance_m = next_d;
			snprintf(out->reason, sizeof out->reason, "overflow: %s; %s %s (%lld km)", home_why,
				 step == 0 ? "nearest cluster" : "nearest cluster with a free worker",
				 cs[next].name ? cs[next].name : "?", (long long)((next_d + 500) / 1000));
			return out->status;
		}
		prev_d = next_d;
		prev_i = next;
		step++;
	}
	out->cluster_id = 0;
	snprintf(out->reason, sizeof out->reason, "no link worker available: %s; %s", home_why,
		 step ? "no other cluster has a free worker" : "no other cluster to overflow to");
	return finish(out, ALLOCATE_NO_WORKER);
}

static enum allocate_status complex_support(const struct allocate_policy *p, const struct allocate_request *req,
					    const struct allocate_worker *ws, size_t n, struct allocate_result *out)
{
	char area[96];
	if (req->area_name && *req->area_name)
		snprintf(area, sizeof area, "%s", req->area_name);
	else
		snprintf(area, sizeof area, "area %lld", (long long)req->area_id);
	if (req->area_id == 0) {
		snprintf(out->reason, sizeof out->reason, "the person's area is not known; allocate by hand");
		return finish(out, ALLOCATE_NO_AREA);
	}
	struct tally t;
	long w = best_worker(p, req, ws, n, ALLOCATE_SUPPORT_WORKER, POOL_AREA, req->area_id, &t);
	if (w >= 0) {
		chosen(out, p, ws, w);
		snprintf(out->reason, sizeof out->reason, "%s, %d of %d this year", area, out->load, out->capacity);
		return out->status;
	}
	if (t.seen == 0)
		snprintf(out->reason, sizeof out->reason, "no support worker covers %s", area);
	else
		snprintf(out->reason, sizeof out->reason, "no support worker covering %s is available (%d absent, %d at capacity)",
			 area, t.absent, t.full);
	return finish(out, ALLOCATE_NO_WORKER);
}

enum allocate_status allocate_choose(const struct allocate_policy *p, const struct allocate_request *req,
				     const struct allocate_worker *ws, size_t n,
				     const struct allocate_cluster *cs, size_t nc, struct allocate_result *out)
{
	memset(out, 0, sizeof *out);
	if (check_input(p, ws, n, cs, nc, out))
		return finish(out, ALLOCATE_EINVAL);
	switch (req->tier) {
	case TRIAGE_TIER_SOCIAL_PRESCRIBING:
		return social_prescribing(p, req, ws, n, cs, nc, out);
	case TRIAGE_TIER_COMPLEX_SUPPORT:
		return complex_support(p, req, ws, n, out);
	case TRIAGE_TIER_COMMUNITY_SUPPORT:
		snprintf(out->reason, sizeof out->reason, "community support: volunteer tasks go to matching, not to a worker");
		return finish(out, ALLOCATE_NOT_NEEDED);
	case TRIAGE_TIER_SIGNPOST:
		snprintf(out->reason, sizeof out->reason, "signpost: information only, no worker");
		return finish(out, ALLOCATE_NOT_NEEDED);
	case TRIAGE_TIER_DECLINE:
		snprintf(out->reason, sizeof out->reason, "declined: no worker");
		return finish(out, ALLOCATE_NOT_NEEDED);
	case TRIAGE_TIER__MAX:
		break;
	}
	snprintf(out->reason, sizeof out->reason, "unknown tier %d", (int)req->tier);
	return finish(out, ALLOCATE_EINVAL);
}
