/* The triage settings' writes: a new version of the rules (the programme
 * lead's) and a worker's absence (which allocation then works around). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/triage_check.h"
#include "ops/access.h"
#include "ops/triage.h"
#include "store/worker.h"

enum ops_result ops_triage_rules_save(const struct ops_ctx *c, const char *json, int *version, struct field_errors *fe)
{
	if (!json || !*json) {
		fielderr_add(fe, "json", "Enter the rules as a JSON document");
		return OPS_INVALID;
	}
	if (strlen(json) > TRIAGE_JSON_MAX) {
		fielderr_add(fe, "json", "The rules document is over %d KiB; keep it shorter", TRIAGE_JSON_MAX / 1024);
		return OPS_INVALID;
	}
	struct triage_rules *rules = malloc(sizeof *rules);
	if (!rules) {
		store_set_error(c->db, STORE_ERROR, "out of memory");
		return OPS_ERROR;
	}
	enum ops_result r = OPS_INVALID;
	if (triage_rules_parse(json, rules, fe) || (r = ops_begin(c)) != OPS_OK)
		goto done;
	int64_t current = triage_rules_current_version(c->db);
	if (current < 0) {
		r = ops_fail(c, OPS_ERROR);
		goto done;
	}
	/* The stored default counts as in use even before anything is stored. */
	if (rules->version <= current) {
		fielderr_add(fe, "version", "version must be greater than %lld, the version in use: make it %lld",
			     (long long)current, (long long)current + 1);
		r = ops_fail(c, OPS_INVALID);
		goto done;
	}
	if (triage_rules_ensure(c->db, c->now) || triage_rules_save(c->db, json, rules, c->user_id, c->now)) {
		r = ops_fail(c, OPS_ERROR);
		goto done;
	}
	char detail[32];
	snprintf(detail, sizeof detail, "version %d", rules->version);
	*version = rules->version;
	r = ops_commit_audited(c, AUDIT_TRIAGE_RULES_SAVE, "triage_rules", rules->version, 0, detail);
done:
	free(rules);
	return r;
}

enum ops_result ops_worker_absence(const struct ops_ctx *c, const struct ops_worker_absence *in,
				   struct ops_worker_absent *out, struct field_errors *fe)
{
	memset(out, 0, sizeof *out);
	enum ops_result r = ops_may_see_result(ops_worker_staff_may_see(c, in->worker_id));
	if (r != OPS_OK)
		return r;
	triage_check_absence(in->from, in->to, in->reason, &out->from_day, &out->to_day, fe);
	if (fe->n)
		return OPS_INVALID;
	if ((r = ops_begin(c)) != OPS_OK)
		return r;
	if (worker_absence_add(c->db, in->worker_id, out->from_day, out->to_day, in->reason, c->now, &out->id))
		return ops_fail(c, OPS_ERROR);
	char detail[64];
	snprintf(detail, sizeof detail, "worker %lld", (long long)in->worker_id);
	return ops_commit_audited(c, AUDIT_WORKER_ABSENCE, "worker", in->worker_id, 0, detail);
}
