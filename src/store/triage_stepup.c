/* Step up in the database: the community support case of a referral takes
 * a worker's tier, keeping the referral's history and follow-up clock. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/report_sum.h"
#include "store/step_up.h"
#include "core/referral_validate.h"
#include "store/triage_int.h"
#include "util/text.h"

#define NO_USER(id) ((id) > 0 ? (id) : INT64_MIN)

static void copy(char *dst, size_t n, const char *src)
{
	size_t len = src ? strlen(src) : 0;
	if (len >= n) {
		len = n - 1;
		/* never cut a UTF-8 sequence in two */
		while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
			len--;
	}
	if (len)
		memcpy(dst, src, len);
	dst[len] = '\0';
}

static enum triage_result check(const struct step_up_request *rq, int *tier, struct field_errors *fe)
{
	*tier = triage_tier_from_code(rq->tier ? rq->tier : "");
	if (*tier != TRIAGE_TIER_SOCIAL_PRESCRIBING && *tier != TRIAGE_TIER_COMPLEX_SUPPORT)
		fielderr_add(fe, "tier", "Choose the tier to step up to: social_prescribing or complex_support");
	if (text_blank(rq->reason))
		fielderr_add(fe, "reason", "Give the reason: what the person needs that a volunteer should not meet");
	else if (referral_text_chars(rq->reason, strlen(rq->reason), 1) < 0)
		fielderr_add(fe, "reason", "The reason must be plain text (no control characters)");
	else if (text_utf8_len(rq->reason) > TRIAGE_TEXT_MAX)
		fielderr_add(fe, "reason", "The reason must be %d characters or fewer", TRIAGE_TEXT_MAX);
	return fe->n ? TRIAGE_INVALID : TRIAGE_OK;
}

static enum triage_result event(struct store *st, int64_t id, const char *kind, const char *detail, int64_t user_id,
				int64_t now)
{
	char d[128];
	copy(d, sizeof d, detail);
	return store_exec(st, STMT_REFERRAL_EVENT_INSERT, NULL, NULL, "iiIssss", id, now, NO_USER(user_id), kind, NULL, NULL,
			  d) < 0
		       ? TRIAGE_ERROR
		       : TRIAGE_OK;
}

static enum triage_result apply(struct store *st, const struct step_up_request *rq, struct triage_subject *s,
				struct triage_decision_view *d, struct triage_case *c, struct step_up_result *out,
				struct field_errors *fe)
{
	struct triage_outcome *o = &out->o;
	int n = triage_subject_get(st, rq->referral_id, rq->now, s);
	if (n <= 0)
		return n == 0 ? TRIAGE_NOT_FOUND : TRIAGE_ERROR;
	o->person_id = s->person_id;
	copy(o->status, sizeof o->status, s->status);
	int has_case = triage_case_get(st, s->id, c);
	if (has_case < 0 || triage_decision_get(st, s->id, d) < 0)
		return TRIAGE_ERROR;
	if (rq->own_org_only && (!has_case || c->org_id != rq->org_id))
		return TRIAGE_NOT_FOUND;
	int tier;
	if (check(rq, &tier, fe) != TRIAGE_OK)
		return TRIAGE_INVALID;
	int open = has_case && strcmp(c->status, "open") == 0 && strcmp(c->tier, "community_support") == 0 &&
		   (strcmp(s->status, "allocated") == 0 || strcmp(s->status, "in_progress") == 0);
	if (!open)
		return TRIAGE_CONFLICT;
	copy(out->from_tier, sizeof out->from_tier, c->tier);
	copy(o->tier, sizeof o->tier, triage_tier_code(tier));
	o->case_id = c->id;
	copy(o->outcome, sizeof o->outcome, "overridden");
	char why[TRIAGE_TEXT_MAX * 4 + 16];
	snprintf(why, sizeof why, "step up: %s", rq->reason);
	if (store_exec(st, STMT_TRIAGE_DECISION_INSERT, store_row_first_int, &o->decision_id, "iisssisssssIi", s->id,
		       d->rule_version, d->rule_name[0] ? d->rule_name : "step up",
		       d->suggested_tier[0] ? d->suggested_tier : "community_support", d->suggestion_reason,
		       (int64_t)d->home_check, o->tier, "overridden", why, NULL, NULL, NO_USER(rq->user_id), rq->now) != 1)
		return TRIAGE_ERROR;
	int cancelled = store_exec(st, STMT_VTASK_CANCEL_FOR_REFERRAL, NULL, NULL, "siii", "stepped up to a worker", rq->now,
				   rq->now, s->id);
	if (cancelled < 0)
		return TRIAGE_ERROR;
	out->tasks_cancelled = cancelled;
	if (triage_choose_worker(st, s, (enum triage_tier)tier, rq->now, o))
		return TRIAGE_ERROR;
	int found = o->alloc.status == ALLOCATE_OK;
	int home_check = tier == TRIAGE_TIER_COMPLEX_SUPPORT && (d->home_check || s->home_check_needed);
	if (!found) {
		/* The case stays with its organisation until the hub gives it to a worker. */
		o->org_id = c->org_id;
		copy(o->org_name, sizeof o->org_name, c->org_name);
	}
	char reason[ALLOCATE_REASON_MAX + 64];
	snprintf(reason, sizeof reason, "stepped up from community support: %s", o->alloc.reason);
	struct report_sum_acc *b;
	if (rptcase_before(st, s->id, &b))
		return TRIAGE_ERROR;
	if (store_exec(st, STMT_CASE_STEP_UP, NULL, NULL, "siIsiii", o->tier, o->org_id, found ? o->worker_id : INT64_MIN,
		       reason, (int64_t)(found && o->alloc.overflowed), (int64_t)home_check, c->id) != 1) {
		rptcase_abandon(st, b);
		return TRIAGE_ERROR;
	}
	if (rptcase_after(st, s->id, b))
		return TRIAGE_ERROR;
	if (store_exec(st, STMT_STEP_UP_INSERT, store_row_first_int, &out->id, "iissisiIi", s->id, c->id, out->from_tier,
		       o->tier, c->org_id, rq->reason, (int64_t)cancelled, NO_USER(rq->user_id), rq->now) != 1)
		return TRIAGE_ERROR;
	char detail[256];
	if (found)
		snprintf(detail, sizeof detail, "to %s: %.80s (%.80s)", o->tier, o->worker_name, o->org_name);
	else
		snprintf(detail, sizeof detail, "to %s: no worker free", o->tier);
	enum triage_result r = event(st, s->id, "stepped_up", detail, rq->user_id, rq->now);
	if (r == TRIAGE_OK && !found)
		r = event(st, s->id, "allocation_pending", o->alloc.reason, rq->user_id, rq->now);
	return r;
}

enum triage_result triage_step_up(struct store *st, const struct step_up_request *rq, struct step_up_result *out,
				  struct field_errors *fe)
{
	memset(out, 0, sizeof *out);
	out->o.alloc.status = ALLOCATE_NOT_NEEDED;
	struct triage_subject *s = malloc(sizeof *s);
	struct triage_decision_view *d = malloc(sizeof *d);
	struct triage_case *c = malloc(sizeof *c);
	enum triage_result r = TRIAGE_ERROR;
	if (!s || !d || !c)
		store_set_error(st, STORE_ERROR, "out of memory");
	else
		r = apply(st, rq, s, d, c, out, fe);
	free(s);
	free(d);
	free(c);
	return r;
}
