/* Where to recruit, from the database: tasks and volunteers grouped by area and GP cluster. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/compliance.h"
#include "core/geo.h"
#include "core/londontime.h"
#include "core/postcode.h"
#include "store/recruit.h"
#include "store/volunteer.h"

#define DISTRICTS_MAX 512

struct load {
	struct recruit_report *r;
	struct geo_point clusters[RECRUIT_GROUPS_MAX];
	int64_t now;
	char outcodes[DISTRICTS_MAX][POSTCODE_OUTCODE_LEN];
	struct geo_point districts[DISTRICTS_MAX];
	size_t n_districts;
	struct volunteer_rec rec; /* a volunteer row's described fields */
};

static int district_row(void *ctx, const struct store_row *row)
{
	struct load *l = ctx;
	if (l->n_districts == DISTRICTS_MAX)
		return 1;
	snprintf(l->outcodes[l->n_districts], POSTCODE_OUTCODE_LEN, "%s", store_row_text(row, 0));
	l->districts[l->n_districts++] = (struct geo_point){ (double)store_row_int(row, 1) / 1e6,
							     (double)store_row_int(row, 2) / 1e6 };
	return 0;
}

/* The centroid of a postcode's district; 0 when unknown (the position stays invalid). */
static int district_of(const struct load *l, const char *postcode, double *lat, double *lon)
{
	char out[POSTCODE_OUTCODE_LEN];
	if (postcode_outcode(postcode, out))
		return 0;
	for (size_t i = 0; i < l->n_districts; i++)
		if (strcmp(l->outcodes[i], out) == 0) {
			*lat = l->districts[i].lat;
			*lon = l->districts[i].lon;
			return 1;
		}
	return 0;
}

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

static int area_row(void *ctx, const struct store_row *row)
{
	struct load *l = ctx;
	struct recruit_report *r = l->r;
	if (r->n_areas == RECRUIT_GROUPS_MAX)
		return 1;
	struct recruit_line *a = &r->areas[r->n_areas++];
	copy(a->code, sizeof a->code, store_row_text(row, 0));
	copy(a->name, sizeof a->name, store_row_text(row, 1));
	return 0;
}

static int cluster_row(void *ctx, const struct store_row *row)
{
	struct load *l = ctx;
	struct recruit_report *r = l->r;
	if (r->n_clusters == RECRUIT_GROUPS_MAX)
		return 1;
	l->clusters[r->n_clusters] = (struct geo_point){ (double)store_row_int(row, 2) / 1e6,
							 (double)store_row_int(row, 3) / 1e6 };
	struct recruit_line *c = &r->clusters[r->n_clusters++];
	copy(c->code, sizeof c->code, store_row_text(row, 0));
	snprintf(c->name, sizeof c->name, "%s cluster", store_row_text(row, 0));
	copy(c->parent, sizeof c->parent, store_row_text(row, 1));
	return 0;
}

static struct recruit_group *area_of(struct recruit_report *r, const char *code)
{
	for (size_t i = 0; i < r->n_areas; i++)
		if (strcmp(r->areas[i].code, code) == 0)
			return &r->areas[i].g;
	return NULL;
}

/* The cluster: named (from the practice), else the nearest centroid within range, else "not in a cluster". */
static struct recruit_group *cluster_of(struct load *l, const char *name, double lat, double lon)
{
	struct recruit_report *r = l->r;
	for (size_t i = 0; name && *name && i < r->n_clusters; i++)
		if (strcmp(r->clusters[i].code, name) == 0)
			return &r->clusters[i].g;
	size_t idx;
	int64_t d;
	if (geo_nearest(lat, lon, l->clusters, r->n_clusters, &idx, &d) == 0 && d <= RECRUIT_CLUSTER_RADIUS_M)
		return &r->clusters[idx].g;
	return &r->clusters[r->n_clusters].g;
}

static int task_row(void *ctx, const struct store_row *row)
{
	struct load *l = ctx;
	struct recruit_report *r = l->r;
	int minutes = (int)store_row_int(row, 3), unmatched = (int)store_row_int(row, 4);
	double lat = 1000, lon = 1000;
	const char *cluster = store_row_text(row, 1);
	if (!*cluster)
		district_of(l, store_row_text(row, 2), &lat, &lon);
	struct recruit_group *groups[3] = { area_of(r, store_row_text(row, 0)), cluster_of(l, cluster, lat, lon),
					    &r->total.g };
	for (int i = 0; i < 3; i++)
		if (groups[i]) {
			groups[i]->tasks++;
			groups[i]->task_minutes += minutes;
			groups[i]->unmatched += unmatched;
		}
	return 0;
}

static int volunteer_row(void *ctx, const struct store_row *row)
{
	struct load *l = ctx;
	struct recruit_report *r = l->r;
	int c = 0;
	volunteer_row_fields(row, &c, &l->rec);
	/* A volunteer whose check has lapsed is not compliant until it is renewed,
	 * nor one missing a required training module until it is recorded. */
	if (compliance_stage_on(&l->rec.dbs, london_local_days(l->now)) == COMPLIANCE_LAPSED ||
	    store_row_int(row, c + 4) > 0)
		return 0;
	double lat = (double)store_row_int(row, c + 1) / 1e6, lon = (double)store_row_int(row, c + 2) / 1e6;
	struct recruit_group *groups[3] = { area_of(r, store_row_text(row, c)), cluster_of(l, NULL, lat, lon), &r->total.g };
	for (int i = 0; i < 3; i++)
		if (groups[i]) {
			groups[i]->volunteers++;
			groups[i]->capacity += l->rec.max_tasks_per_week;
			groups[i]->avail_minutes += store_row_int(row, c + 3);
		}
	return 0;
}

int recruit_report_load(struct store *st, int64_t now, struct recruit_report *r)
{
	memset(r, 0, sizeof *r);
	recruit_params_default(&r->params);
	r->to = now;
	r->from = now - (int64_t)r->params.weeks * 7 * 86400;
	struct load *l = calloc(1, sizeof *l);
	if (!l) {
		store_set_error(st, STORE_ERROR, "out of memory");
		return -1;
	}
	l->r = r;
	l->now = now;
	int rc = -1;
	if (store_exec(st, STMT_VOLUNTEER_DISTRICTS, district_row, l, "") < 0 ||
	    store_exec(st, STMT_RECRUIT_AREAS, area_row, l, "") < 0 ||
	    store_exec(st, STMT_RECRUIT_CLUSTERS, cluster_row, l, "") < 0)
		goto done;
	struct recruit_line *outside = &r->clusters[r->n_clusters];
	copy(outside->name, sizeof outside->name, "Not in a GP cluster");
	copy(r->total.name, sizeof r->total.name, "Norfolk and Waveney");
	if (store_exec(st, STMT_RECRUIT_TASKS, task_row, l, "iii", now, r->from, r->to) < 0 ||
	    store_exec(st, STMT_RECRUIT_VOLUNTEERS, volunteer_row, l, "") < 0)
		goto done;
	for (size_t i = 0; i < r->n_areas; i++)
		recruit_compute(&r->areas[i].g, &r->params);
	for (size_t i = 0; i <= r->n_clusters; i++)
		recruit_compute(&r->clusters[i].g, &r->params);
	recruit_compute(&r->total.g, &r->params);
	struct recruit_group ga[RECRUIT_GROUPS_MAX], gc[RECRUIT_GROUPS_MAX + 1];
	for (size_t i = 0; i < r->n_areas; i++)
		ga[i] = r->areas[i].g;
	for (size_t i = 0; i <= r->n_clusters; i++)
		gc[i] = r->clusters[i].g;
	recruit_rank(ga, r->n_areas, r->area_order);
	recruit_rank(gc, r->n_clusters + 1, r->cluster_order);
	rc = 0;
done:
	free(l);
	return rc;
}
