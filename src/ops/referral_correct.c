/* A referrer's correction of what they sent, while it is unread: the referral is checked again by the intake rules
 * (core/referral_validate) with the corrected values, then its submitted contact details and its own words change. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datetime.h"
#include "core/referral_validate.h"
#include "ops/referral_correct.h"
#include "ops/referrals_access.h"

const int referral_correct_fields[REFERRAL_CORRECT_N] = {
	RF_PERSON_PHONE, RF_PERSON_EMAIL, RF_PERSON_ADDRESS, RF_PERSON_PREFERRED_CONTACT, RF_DETAILS, RF_URGENCY,
};

struct count_ctx {
	int64_t n;
};

static int count_row(void *ctx, const struct store_row *r)
{
	((struct count_ctx *)ctx)->n = store_row_int(r, 0);
	return 0;
}

int ops_referral_correctable(const struct ops_ctx *c, const struct referral_view *v)
{
	if (v->referrer_user_id <= 0 || v->referrer_user_id != c->user_id || strcmp(v->status, "received") != 0)
		return 0;
	struct count_ctx n = { 0 };
	if (store_exec(c->db, STMT_REFERRAL_READ_BY_OTHERS, count_row, &n, "iiiii", v->person_id, v->person_id,
		       v->person_id, v->id, c->user_id) < 0)
		return -1;
	return n.n == 0;
}

/* The stored referral as the raw input intake checks, with the corrections over it. */
struct raw_work {
	struct referral_raw raw;
	char text[RF__MAX][24];
};

static void raw_of(const struct referral_view *v, const char *const *values, struct raw_work *w)
{
	memset(w, 0, sizeof *w);
	for (int f = 0; f < RF__MAX; f++) {
		const struct referral_field_desc *d = &referral_fields[f];
		const struct referral_value *val = d->where == W_PS && v->submitted[f].set ? &v->submitted[f] : &v->rec.v[f];
		if (!(d->channels & CH_FORM) || !val->set || d->kind == K_VOCABS)
			continue;
		if (d->kind == K_DOB || d->kind == K_DAY) {
			char iso[DT_DATE_LEN];
			dt_format_date(val->i, iso);
			snprintf(w->text[f], sizeof w->text[f], "%s", iso);
			w->raw.v[f] = w->text[f];
		} else if (d->kind == K_BOOL) {
			w->raw.v[f] = val->i ? "yes" : "no";
		} else if (d->kind != K_INSTANT) {
			w->raw.v[f] = val->s;
		}
	}
	for (size_t i = 0; i < v->rec.nreasons && i < REFERRAL_REASONS_MAX; i++)
		w->raw.list[w->raw.nlist++] = v->rec.reasons[i];
	w->raw.has_list = 1;
	for (int i = 0; i < REFERRAL_CORRECT_N; i++)
		w->raw.v[referral_correct_fields[i]] = values[i] && *values[i] ? values[i] : NULL;
}

static const char *text_of(const struct referral_rec *rec, int f)
{
	return rec->v[f].set && rec->v[f].s && rec->v[f].s[0] ? rec->v[f].s : NULL;
}

enum ops_result ops_referral_correct(const struct ops_ctx *c, int64_t id, const char *const *values,
				     struct field_errors *fe)
{
	struct referral_view *v = malloc(sizeof *v);
	struct raw_work *w = malloc(sizeof *w);
	struct referral_rec *rec = malloc(sizeof *rec);
	enum ops_result r = OPS_ERROR;
	if (!v || !w || !rec)
		goto done;
	if ((r = ops_begin(c)) != OPS_OK)
		goto done;
	int n = referral_store_get(c->db, id, v), access = n > 0 ? ops_referral_access(c, id) : 0;
	if (n <= 0 || access <= OPS_REFERRAL_NONE) {
		r = ops_fail(c, n < 0 || access < 0 ? OPS_ERROR : OPS_NOT_FOUND);
		goto done;
	}
	if (v->referrer_user_id != c->user_id) {
		fielderr_add(fe, "status", "Only the person who sent a referral can correct it");
		r = ops_fail(c, OPS_CONFLICT);
		goto done;
	}
	int may = ops_referral_correctable(c, v);
	if (may <= 0) {
		if (may == 0)
			fielderr_add(fe, "status", "The hub has already read this referral, so it cannot be changed now. Call "
						   "the hub if something in it is wrong");
		r = ops_fail(c, may < 0 ? OPS_ERROR : OPS_CONFLICT);
		goto done;
	}
	raw_of(v, values, w);
	const struct referral_refs *refs = referral_refs_app(c->db);
	struct referral_check chk = { refs, c->now, CH_FORM, 0 };
	if (!refs || referral_validate(&chk, &w->raw, rec, fe) || fe->n) {
		r = ops_fail(c, refs ? OPS_INVALID : OPS_ERROR);
		goto done;
	}
	int changed = store_exec(c->db, STMT_REFERRAL_CORRECT, NULL, NULL, "ssssssiii", text_of(rec, RF_PERSON_PHONE),
				 text_of(rec, RF_PERSON_EMAIL), text_of(rec, RF_PERSON_ADDRESS),
				 text_of(rec, RF_PERSON_PREFERRED_CONTACT), text_of(rec, RF_DETAILS), text_of(rec, RF_URGENCY),
				 c->now, id, c->user_id);
	if (changed != 1) {
		r = ops_fail(c, changed < 0 ? OPS_ERROR : OPS_CONFLICT);
		goto done;
	}
	r = ops_commit_audited(c, AUDIT_REFERRAL_CORRECT, "referral", id, v->person_id, "contact details and details");
done:
	free(v);
	free(w);
	free(rec);
	return r;
}
