/* A referral's submitted contact details applied to its person, with history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/postcode.h"
#include "core/referral_contact.h"
#include "ops/people.h"
#include "ops/referrals_access.h"
#include "store/kpisum.h"
#include "store/report_sum.h"
#include "store/referral.h"

/* Writes the changed fields: the person's row (and its area, when the
 * postcode moves it), one history row each. 0 or -1. */
static int apply(const struct ops_ctx *c, const struct referral_view *v, unsigned bits, char *fields, size_t len)
{
	const char *val[REFERRAL_CONTACT_N];
	for (int i = 0; i < REFERRAL_CONTACT_N; i++) {
		const struct referral_value *now = &v->rec.v[referral_contact_field[i]];
		val[i] = bits & (1u << i) ? v->submitted[referral_contact_field[i]].s : now->set ? now->s : NULL;
	}
	char outcode[POSTCODE_OUTCODE_LEN];
	const char *area = v->rec.area;
	if (postcode_outcode(val[0], outcode) == 0) {
		const struct referral_refs *refs = referral_refs_app(c->db);
		if (!refs)
			return -1;
		area = referral_refs_area(refs, outcode);
	} else {
		snprintf(outcode, sizeof outcode, "%s", v->rec.outcode ? v->rec.outcode : "");
	}
	int moved = 0;
	/* the case-side summaries also hold the postcode district (rurality) */
	if (kpisum_person_leave(c->db, v->person_id, area, &moved) || (moved && rptsum_person(c->db, v->person_id, -1)) ||
	    rptcase_person(c->db, v->person_id, -1) ||
	    store_exec(c->db, STMT_PERSON_CONTACT_SET, NULL, NULL, "sssssssii", val[0], val[1], val[2], val[3], val[4],
		       outcode, area, c->now, v->person_id) < 0 ||
	    (moved && kpisum_person(c->db, v->person_id, 1)) || (moved && rptsum_person(c->db, v->person_id, 1)) ||
	    rptcase_person(c->db, v->person_id, 1))
		return -1;
	fields[0] = '\0';
	for (int i = 0; i < REFERRAL_CONTACT_N; i++) {
		if (!(bits & (1u << i)))
			continue;
		int f = referral_contact_field[i];
		const struct referral_value *old = &v->rec.v[f];
		if (store_exec(c->db, STMT_PERSON_HISTORY_ADD, NULL, NULL, "isssIii", v->person_id, referral_fields[f].column,
			       old->set ? old->s : NULL, val[i], c->user_id > 0 ? c->user_id : INT64_MIN, c->now, v->id) < 0)
			return -1;
		size_t used = strlen(fields);
		snprintf(fields + used, len - used, "%s%s", used ? "," : "", referral_fields[f].column);
	}
	return 0;
}

enum ops_result ops_person_apply_contact(const struct ops_ctx *c, int64_t referral_id, unsigned *changed)
{
	*changed = 0;
	int access = ops_referral_access(c, referral_id);
	if (access != OPS_REFERRAL_FULL)
		return access < 0 ? OPS_ERROR : access == OPS_REFERRAL_STATUS ? OPS_FORBIDDEN : OPS_NOT_FOUND;
	struct referral_view *v = malloc(sizeof *v);
	if (!v || ops_begin(c) != OPS_OK) {
		free(v);
		return OPS_ERROR;
	}
	enum ops_result r = OPS_ERROR;
	int n = referral_store_get(c->db, referral_id, v);
	unsigned bits = n == 1 ? referral_contact_diff(v->rec.v, v->submitted) : 0;
	char fields[96], detail[160];
	if (n != 1 || !bits) {
		r = ops_fail(c, n < 0 ? OPS_ERROR : n == 0 ? OPS_NOT_FOUND : OPS_OK);
	} else if (apply(c, v, bits, fields, sizeof fields)) {
		r = ops_fail(c, OPS_ERROR);
	} else {
		snprintf(detail, sizeof detail, "referral=%s fields=%s", v->reference, fields);
		r = ops_commit_audited(c, AUDIT_PERSON_UPDATE, "person", v->person_id, v->person_id, detail);
		*changed = r == OPS_OK ? bits : 0;
	}
	free(v);
	return r;
}
