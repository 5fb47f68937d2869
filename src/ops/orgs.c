/* Organisations' writes: add, change (fields by model/org.def, areas checked against the reference data,
 * names unique) and framework status with its history; each one transaction with its audit event. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datetime.h"
#include "core/londontime.h"
#include "ops/orgs.h"
#include "store/org.h"

int ops_org_may_see(const struct ops_ctx *c, int64_t id)
{
	if (c->role == ROLE_ADMINISTRATOR || c->role == ROLE_PROGRAMME_LEAD || c->user_id == 0)
		return 1;
	return c->org_id == id;
}

static int may_manage(const struct ops_ctx *c)
{
	return c->user_id == 0 || authz_allows(c->role, PERM_ORG_MANAGE);
}

/* Checks every field into vals (the stored ones for fields not given when changing). */
static void check_fields(const struct ops_ctx *c, const struct org_view *old, const char *const given[ORG_F__COUNT],
			 char (*vals)[REC_VALUE_MAX], int64_t id, struct field_errors *fe)
{
	for (int f = 0; f < ORG_F__COUNT; f++) {
		const char *v = given[f];
		if (!v && old)
			v = old->v[f];
		rec_check(&org_fields[f], v, vals[f], fe);
	}
	/* every area a Health and Wellbeing Partnership area */
	const char *p = vals[ORG_F_AREAS];
	while (*p) {
		char code[80];
		size_t n = strcspn(p, ",");
		snprintf(code, sizeof code, "%.*s", (int)(n < 79 ? n : 79), p);
		int k = org_area_known(c->db, code);
		if (k == 0) {
			fielderr_add(fe, "areas", "Areas served: \"%.60s\" is not a Health and Wellbeing Partnership area", code);
			break;
		}
		p += n;
		if (*p == ',')
			p++;
	}
	if (vals[ORG_F_NAME][0] && !fielderr_for(fe, "name") && org_name_taken(c->db, vals[ORG_F_NAME], id) == 1)
		fielderr_add(fe, "name", "There is already an organisation called %s", vals[ORG_F_NAME]);
}

enum ops_result ops_org_save(const struct ops_ctx *c, int64_t id, const char *const given[ORG_F__COUNT],
			     const char *status, int64_t *out_id, struct field_errors *fe)
{
	if (out_id)
		*out_id = id;
	if (!may_manage(c))
		return OPS_FORBIDDEN;
	struct org_view *old = NULL;
	char (*vals)[REC_VALUE_MAX] = calloc(ORG_F__COUNT, sizeof *vals);
	enum ops_result r = OPS_ERROR;
	if (!vals)
		return OPS_ERROR;
	if (id) {
		old = malloc(sizeof *old);
		int f = old ? org_record_get(c->db, id, old) : -1;
		if (f <= 0) {
			r = f == 0 ? OPS_NOT_FOUND : OPS_ERROR;
			goto done;
		}
	} else if (!status || !status[0]) {
		status = "active";
	} else {
		org_status_check(status, "", fe);
	}
	check_fields(c, old, given, vals, id, fe);
	if (fe->n) {
		r = OPS_INVALID;
		goto done;
	}
	if ((r = ops_begin(c)) != OPS_OK)
		goto done;
	char detail[1024];
	snprintf(detail, sizeof detail, "%.800s (%.30s)", vals[ORG_F_NAME], vals[ORG_F_KIND]);
	if (!id) {
		int64_t nid = 0;
		if (org_record_insert(c->db, vals, status, london_local_days(c->now), "", c->user_id, c->now, &nid)) {
			r = ops_fail(c, store_errcode(c->db) == STORE_CONSTRAINT ? OPS_CONFLICT : OPS_ERROR);
			goto done;
		}
		if (out_id)
			*out_id = nid;
		r = ops_commit_audited(c, AUDIT_ORG_CREATE, "org", nid, 0, detail);
	} else {
		int ch = org_record_update(c->db, id, vals, c->now);
		if (ch <= 0) {
			r = ops_fail(c, ch == 0 ? OPS_NOT_FOUND : OPS_ERROR);
			goto done;
		}
		r = ops_commit_audited(c, AUDIT_ORG_UPDATE, "org", id, 0, detail);
	}
done:
	free(old);
	free(vals);
	return r;
}

enum ops_result ops_org_status(const struct ops_ctx *c, int64_t id, const char *status, const char *from,
			       const char *reason, struct field_errors *fe)
{
	if (!may_manage(c))
		return OPS_FORBIDDEN;
	struct org_view *o = malloc(sizeof *o);
	int found = o ? org_record_get(c->db, id, o) : -1;
	free(o);
	if (found <= 0)
		return found == 0 ? OPS_NOT_FOUND : OPS_ERROR;
	const struct rec_field df = { "from", RK_DATE, 0, 0, "Date it takes effect", NULL, NULL, "" };
	char day_text[REC_VALUE_MAX], why[REC_VALUE_MAX];
	const struct rec_field rf = { "reason", RK_TEXT, ORG_REASON_MAX, 0, "Reason", NULL, NULL, "" };
	org_status_check(status, reason, fe);
	rec_check(&df, from, day_text, fe);
	rec_check(&rf, reason, why, fe);
	if (fe->n)
		return OPS_INVALID;
	int64_t day = london_local_days(c->now);
	if (day_text[0])
		dt_parse_date(day_text, &day);
	enum ops_result r = ops_begin(c);
	if (r != OPS_OK)
		return r;
	int n = org_status_put(c->db, id, status, day, why, c->user_id, c->now);
	if (n <= 0)
		return ops_fail(c, n == 0 ? OPS_NOT_FOUND : OPS_ERROR);
	char detail[REC_VALUE_MAX * 3];
	snprintf(detail, sizeof detail, "%.20s from %.12s%s%.1200s", status, day_text[0] ? day_text : "today",
		 why[0] ? ": " : "", why);
	return ops_commit_audited(c, AUDIT_ORG_STATUS, "org", id, 0, detail);
}
