/* The settings' one write (page, API and `waymark settings set`): all values checked first, then the
 * changed ones stored with their history and an audit event each naming the old and new value. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ops/settings.h"
#include "store/calendar.h"
#include "store/settings.h"

#define SETTINGS_MAX_CHANGES 64

enum ops_result ops_settings_set(const struct ops_ctx *c, const struct ops_setting_change *in, size_t n,
				 size_t *changed, struct field_errors *fe)
{
	if (changed)
		*changed = 0;
	if (c->user_id && !authz_allows(c->role, PERM_ADMIN_SETTINGS))
		return OPS_FORBIDDEN;
	if (n == 0) {
		fielderr_add(fe, "settings", "Give at least one setting to change");
		return OPS_INVALID;
	}
	if (n > SETTINGS_MAX_CHANGES) {
		fielderr_add(fe, "settings", "Change at most %d settings at once", SETTINGS_MAX_CHANGES);
		return OPS_INVALID;
	}
	char (*norm)[SETTING_VALUE_MAX] = calloc(n, sizeof *norm);
	if (!norm)
		return OPS_ERROR;
	for (size_t i = 0; i < n; i++) {
		const struct setting_def *d = setting_find(in[i].key);
		if (!d) {
			fielderr_add(fe, in[i].key && strlen(in[i].key) < 60 ? in[i].key : "settings",
				     "There is no setting called %.60s", in[i].key ? in[i].key : "");
			continue;
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(in[j].key, d->key) == 0)
				fielderr_add(fe, d->key, "%s is given twice", d->key);
		setting_check(d, in[i].value, norm[i], fe);
	}
	enum ops_result r = OPS_INVALID;
	if (fe->n)
		goto done;
	if ((r = ops_begin(c)) != OPS_OK)
		goto done;
	size_t done_n = 0;
	int clock = 0;
	for (size_t i = 0; i < n; i++) {
		char old[SETTING_VALUE_MAX], detail[2 * SETTING_VALUE_MAX + 80];
		if (settings_get(c->db, in[i].key, old)) {
			r = ops_fail(c, OPS_ERROR);
			goto done;
		}
		if (strcmp(old, norm[i]) == 0)
			continue;
		snprintf(detail, sizeof detail, "%s: \"%s\" -> \"%s\"", in[i].key, old, norm[i]);
		if (settings_put(c->db, in[i].key, norm[i], c->user_id, c->now) ||
		    ops_audit(c, AUDIT_SETTING_CHANGE, "setting", 0, 0, detail)) {
			r = ops_fail(c, OPS_ERROR);
			goto done;
		}
		clock |= strcmp(in[i].key, "sla_bank_holidays") == 0 || strcmp(in[i].key, "followup_counts_weekends") == 0;
		done_n++;
	}
	r = store_commit(c->db) ? ops_fail(c, OPS_ERROR) : OPS_OK;
	if (r == OPS_OK && clock)
		calendar_app_refresh(c->db);
	if (r == OPS_OK && changed)
		*changed = done_n;
done:
	free(norm);
	return r;
}
