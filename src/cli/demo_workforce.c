/* Demo data for workers' records: the demo Living Well Workers and support
 * workers (registered by the triage step with their clusters or areas) get
 * what a manager records on the workers page: start date, staff DBS (level,
 * certificate, Update Service check, renewal; one due soon), qualifications,
 * other training and own transport. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/demo.h"
#include "core/datetime.h"
#include "core/londontime.h"
#include "store/workforce.h"

#define NO_CHECK 100000 /* Update Service never checked */

static const struct demo_worker_record {
	const char *email;
	int started_ago, dbs_issued_ago, update_checked_ago, renew_in; /* days */
	const char *cert, *qualifications, *training, *transport;
} demo_worker_records[] = {
	{ "lww@demo.waymark.test", 730, 300, 30, 795, "001234567801", "level3_basic_skills,motivational_interviewing,coaching",
	  "Social prescribing link worker induction, 2024", "yes" },
	{ "lww2@demo.waymark.test", 380, 400, 60, 695, "001234567802", "level3_basic_skills,motivational_interviewing",
	  "Motivational interviewing (two days), 2025", "yes" },
	{ "lww3@demo.waymark.test", 1100, 1050, NO_CHECK, 45, "001234567803",
	  "level3_basic_skills,coaching,mental_health_first_aid", "", "no" },
	{ "support@demo.waymark.test", 700, 200, 20, 895, "001234567804", "level3_basic_skills,safeguarding_adults",
	  "Moving and handling refresher, 2025", "yes" },
	{ "support2@demo.waymark.test", 180, 150, NO_CHECK, 945, "001234567805",
	  "level3_basic_skills,safeguarding_adults,mental_health_first_aid", "", "yes" },
};

struct found {
	int64_t id[sizeof demo_worker_records / sizeof demo_worker_records[0]];
};

static int find_row(void *ctx, const struct worker_record *w)
{
	struct found *f = ctx;
	for (size_t i = 0; i < sizeof demo_worker_records / sizeof demo_worker_records[0]; i++)
		if (strcmp(w->email, demo_worker_records[i].email) == 0)
			f->id[i] = w->id;
	return 0;
}

static void day(int64_t today, int offset, char out[DT_DATE_LEN])
{
	dt_format_date(today + offset, out);
}

/* One worker's record: the given fields checked, the others (kind, FTE, clusters, areas) as stored. */
static int fill(struct store *st, const struct demo_worker_record *d, int64_t id, int64_t now)
{
	int64_t today = london_local_days(now);
	char start[DT_DATE_LEN], issued[DT_DATE_LEN], checked[DT_DATE_LEN], renew[DT_DATE_LEN];
	day(today, -d->started_ago, start);
	day(today, -d->dbs_issued_ago, issued);
	day(today, -d->update_checked_ago, checked);
	day(today, d->renew_in, renew);
	const char *given[WORKER_F__COUNT] = { 0 };
	given[WORKER_F_START_DATE] = start;
	given[WORKER_F_DBS_LEVEL] = "enhanced";
	given[WORKER_F_DBS_ISSUE_DATE] = issued;
	given[WORKER_F_DBS_CERTIFICATE_REF] = d->cert;
	given[WORKER_F_DBS_UPDATE_CHECK_DATE] = d->update_checked_ago == NO_CHECK ? "" : checked;
	given[WORKER_F_DBS_RENEWAL_DATE] = renew;
	given[WORKER_F_QUALIFICATIONS] = d->qualifications;
	given[WORKER_F_TRAINING] = d->training;
	given[WORKER_F_OWN_TRANSPORT] = d->transport;
	struct worker_record *w = malloc(sizeof *w);
	char (*vals)[REC_VALUE_MAX] = calloc(WORKER_F__COUNT, sizeof *vals);
	int rc = -1;
	if (!w || !vals || workforce_get(st, id, now, w) != 1)
		goto done;
	struct field_errors fe;
	fielderr_init(&fe);
	for (int f = 0; f < WORKER_F__COUNT; f++)
		if (given[f])
			rec_check(&worker_fields[f], given[f], vals[f], &fe);
		else
			memcpy(vals[f], w->v[f], REC_VALUE_MAX); /* the stored form (FTE in hundredths) */
	if (!fe.n)
		workforce_check(vals, &fe);
	if (fe.n) {
		store_set_error(st, STORE_ERROR, "demo worker %s: %s: %s", d->email, fe.e[0].field, fe.e[0].message);
		goto done;
	}
	rc = workforce_update(st, id, w->dbs_checked, w->active, vals, now) == 1 ? 0 : -1;
done:
	free(w);
	free(vals);
	return rc;
}

int demo_load_workforce(struct store *st, int64_t now)
{
	struct found f = { { 0 } };
	if (workforce_list(st, 0, now, find_row, &f))
		return -1;
	for (size_t i = 0; i < sizeof demo_worker_records / sizeof demo_worker_records[0]; i++) {
		if (!f.id[i]) {
			store_set_error(st, STORE_ERROR, "demo worker %s is not registered", demo_worker_records[i].email);
			return -1;
		}
		if (fill(st, &demo_worker_records[i], f.id[i], now))
			return -1;
	}
	return 0;
}
