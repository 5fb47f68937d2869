/* Workers' records' writes: every field checked by model/worker.def and core/workforce, clusters and areas
 * against the reference data, a manager only for their own organisation; one transaction with its audit
 * event each. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datetime.h"
#include "core/londontime.h"
#include "ops/access.h"
#include "ops/workforce.h"
#include "store/org.h"
#include "store/workforce.h"

static int may_manage(const struct ops_ctx *c)
{
	return c->user_id == 0 || authz_allows(c->role, PERM_WORKER_MANAGE);
}

/* Each item of a comma-separated list known to known(); the first unknown is a problem under key. */
static void check_list(const struct ops_ctx *c, const char *list, const char *key, const char *what,
		       int (*known)(struct store *, const char *), struct field_errors *fe)
{
	const char *p = list;
	while (*p) {
		char item[96];
		size_t n = strcspn(p, ",");
		snprintf(item, sizeof item, "%.*s", (int)(n < 95 ? n : 95), p);
		if (known(c->db, item) == 0) {
			fielderr_add(fe, key, "\"%.60s\" is not %s", item, what);
			return;
		}
		p += n;
		if (*p == ',')
			p++;
	}
}

static void check_all(const struct ops_ctx *c, const char *const given[WORKER_F__COUNT], char (*old)[REC_VALUE_MAX],
		      char (*vals)[REC_VALUE_MAX], struct field_errors *fe)
{
	for (int f = 0; f < WORKER_F__COUNT; f++) {
		const char *v = given[f];
		if (!v && old) {
			/* the stored form is already checked; FTE is kept in hundredths */
			memcpy(vals[f], old[f], REC_VALUE_MAX);
			continue;
		}
		rec_check(&worker_fields[f], v, vals[f], fe);
	}
	check_list(c, vals[WORKER_F_CLUSTERS], "clusters", "a GP cluster", workforce_cluster_known, fe);
	check_list(c, vals[WORKER_F_AREAS], "areas", "a Health and Wellbeing Partnership area", org_area_known, fe);
	if (!fe->n)
		workforce_check(vals, fe);
}

static int dbs_in_place(char (*vals)[REC_VALUE_MAX], int64_t today)
{
	int64_t renew;
	if (!vals[WORKER_F_DBS_LEVEL][0] || !vals[WORKER_F_DBS_ISSUE_DATE][0])
		return 0;
	return !vals[WORKER_F_DBS_RENEWAL_DATE][0] ||
	       (dt_parse_date(vals[WORKER_F_DBS_RENEWAL_DATE], &renew) == 0 && renew >= today);
}

static int employed(char (*vals)[REC_VALUE_MAX], int64_t today)
{
	int64_t end;
	return !vals[WORKER_F_END_DATE][0] || (dt_parse_date(vals[WORKER_F_END_DATE], &end) == 0 && end > today);
}

enum ops_result ops_worker_add(const struct ops_ctx *c, const char *user_email, int64_t user_id,
			       const char *const given[WORKER_F__COUNT], int64_t *id, struct field_errors *fe)
{
	*id = 0;
	if (!may_manage(c))
		return OPS_FORBIDDEN;
	const char *ukey = user_email ? "user_email" : "user_id";
	int64_t uid = 0, org = 0;
	char role[40] = "";
	if (!user_email && user_id <= 0) {
		fielderr_add(fe, "user_email", "Enter the email address of the worker's account");
	} else {
		int f = workforce_user_find(c->db, user_email, user_id, &uid, &org, role);
		if (f < 0)
			return OPS_ERROR;
		if (f == 0 || (c->user_id && c->role == ROLE_PROVIDER_MANAGER && org != c->org_id))
			fielderr_add(fe, ukey, "There is no account %s%s", user_email ? user_email : "with that id",
				     c->role == ROLE_PROVIDER_MANAGER ? " in your organisation" : "");
		else if (workforce_user_is_worker(c->db, uid) == 1)
			fielderr_add(fe, ukey, "That account is already registered as a worker");
	}
	char (*vals)[REC_VALUE_MAX] = calloc(WORKER_F__COUNT, sizeof *vals);
	if (!vals)
		return OPS_ERROR;
	check_all(c, given, NULL, vals, fe);
	enum ops_result r = OPS_INVALID;
	if (fe->n)
		goto done;
	if ((r = ops_begin(c)) != OPS_OK)
		goto done;
	int64_t today = london_local_days(c->now);
	if (workforce_insert(c->db, uid, org, dbs_in_place(vals, today), employed(vals, today), vals, c->now, id)) {
		r = ops_fail(c, store_errcode(c->db) == STORE_CONSTRAINT ? OPS_CONFLICT : OPS_ERROR);
		goto done;
	}
	char detail[160];
	snprintf(detail, sizeof detail, "user %lld, %s, fte %s/100", (long long)uid, vals[WORKER_F_KIND], vals[WORKER_F_FTE]);
	r = ops_commit_audited(c, AUDIT_WORKER_CREATE, "worker", *id, 0, detail);
done:
	free(vals);
	return r;
}

enum ops_result ops_worker_edit(const struct ops_ctx *c, int64_t id, const char *const given[WORKER_F__COUNT],
				struct field_errors *fe)
{
	if (!may_manage(c))
		return OPS_FORBIDDEN;
	enum ops_result r = c->user_id ? ops_may_see_result(ops_worker_staff_may_see(c, id)) : OPS_OK;
	if (r != OPS_OK)
		return r;
	struct worker_record *old = malloc(sizeof *old);
	char (*vals)[REC_VALUE_MAX] = calloc(WORKER_F__COUNT, sizeof *vals);
	r = OPS_ERROR;
	if (!old || !vals)
		goto done;
	int f = workforce_get(c->db, id, c->now, old);
	if (f <= 0) {
		r = f == 0 ? OPS_NOT_FOUND : OPS_ERROR;
		goto done;
	}
	check_all(c, given, old->v, vals, fe);
	if (fe->n) {
		r = OPS_INVALID;
		goto done;
	}
	if ((r = ops_begin(c)) != OPS_OK)
		goto done;
	int64_t today = london_local_days(c->now);
	int dbs = dbs_in_place(vals, today) || (old->dbs_checked && !given[WORKER_F_DBS_LEVEL] && !given[WORKER_F_DBS_ISSUE_DATE]);
	int ch = workforce_update(c->db, id, dbs, employed(vals, today), vals, c->now);
	if (ch <= 0) {
		r = ops_fail(c, ch == 0 ? OPS_NOT_FOUND : OPS_ERROR);
		goto done;
	}
	char detail[160];
	snprintf(detail, sizeof detail, "%s, fte %s/100%s%s", vals[WORKER_F_KIND], vals[WORKER_F_FTE],
		 vals[WORKER_F_END_DATE][0] ? ", ends " : "", vals[WORKER_F_END_DATE]);
	r = ops_commit_audited(c, AUDIT_WORKER_UPDATE, "worker", id, 0, detail);
done:
	free(old);
	free(vals);
	return r;
}

enum ops_result ops_worker_absence_remove(const struct ops_ctx *c, int64_t worker_id, int64_t absence_id)
{
	if (!may_manage(c))
		return OPS_FORBIDDEN;
	enum ops_result r = c->user_id ? ops_may_see_result(ops_worker_staff_may_see(c, worker_id)) : OPS_OK;
	if (r != OPS_OK || (r = ops_begin(c)) != OPS_OK)
		return r;
	int n = workforce_absence_remove(c->db, worker_id, absence_id);
	if (n <= 0)
		return ops_fail(c, n == 0 ? OPS_NOT_FOUND : OPS_ERROR);
	char detail[64];
	snprintf(detail, sizeof detail, "absence %lld", (long long)absence_id);
	return ops_commit_audited(c, AUDIT_WORKER_ABSENCE_REMOVE, "worker", worker_id, 0, detail);
}
