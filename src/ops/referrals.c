/* Referral intake: checks a referral from any channel and stores it with its
 * received and due times, its referrer and its audit event. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ops/referrals.h"
#include "store/calendar.h"
#include "util/text.h"

struct ops_referral {
	struct referral_rec rec;
	struct referral_meta meta;
	char user_email[256], user_name[256], org_name[256];
};

static int user_row(void *ctx, const struct store_row *row)
{
	struct ops_referral *p = ctx;
	snprintf(p->user_email, sizeof p->user_email, "%s", store_row_text(row, 1));
	snprintf(p->user_name, sizeof p->user_name, "%s", store_row_text(row, 2));
	snprintf(p->org_name, sizeof p->org_name, "%s", store_row_text(row, 5));
	return 1;
}

/* A referrer's own details stand in for referrer.* fields they left out. */
static int referrer_defaults(const struct ops_ctx *c, struct referral_raw *raw, struct ops_referral *p)
{
	const char *src = raw->v[RF_SOURCE];
	if (c->user_id <= 0 || ops_is_hub(c) || (src && (strcmp(src, "self") == 0 || strcmp(src, "family_carer") == 0)))
		return 0;
	static const enum referral_field fields[] = { RF_REFERRER_NAME, RF_REFERRER_EMAIL, RF_REFERRER_ORGANISATION };
	const char *mine[] = { p->user_name, p->user_email, p->org_name };
	int read = 0;
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		if (!text_blank(raw->v[fields[i]]) || raw->bad[fields[i]])
			continue;
		if (!read++ && store_exec(c->db, STMT_USER_GET, user_row, p, "i", c->user_id) < 0)
			return -1;
		if (mine[i][0])
			raw->v[fields[i]] = mine[i];
	}
	return 0;
}

enum ops_result ops_referral_prepare(const struct ops_ctx *c, struct referral_raw *raw, unsigned channel,
				     struct field_errors *fe, struct ops_referral **out)
{
	*out = NULL;
	const struct referral_refs *refs = referral_refs_app(c->db);
	struct ops_referral *p = refs ? calloc(1, sizeof *p) : NULL;
	if (!p) {
		if (refs)
			store_set_error(c->db, STORE_ERROR, "out of memory");
		return OPS_ERROR;
	}
	if (channel != CH_SELF && referrer_defaults(c, raw, p)) {
		free(p);
		return OPS_ERROR;
	}
	struct referral_check chk = { refs, c->now, channel, (channel == CH_API || channel == CH_CSV) && ops_is_hub(c) };
	if (referral_validate(&chk, raw, &p->rec, fe) || fe->n + fe->dropped) {
		free(p);
		return OPS_INVALID;
	}
	int64_t received = p->rec.v[RF_RECEIVED_AT].set ? p->rec.v[RF_RECEIVED_AT].i : c->now;
	const struct calendar *cal = calendar_app_ensure(c->db);
	if (!cal) {
		free(p);
		return OPS_ERROR;
	}
	int acting_for_self = c->user_id > 0 && !ops_is_hub(c) && channel != CH_SELF;
	p->meta = (struct referral_meta){
		.channel = channel == CH_SELF ? "self" : channel == CH_FORM ? "form" : channel == CH_CSV ? "import" : "api",
		.referrer_user_id = acting_for_self ? c->user_id : 0,
		.referrer_org_id = acting_for_self ? c->org_id : 0,
		.created_by_user_id = c->user_id > 0 ? c->user_id : 0,
		.now = c->now,
		.received_at = received,
		.sla_due_at = calendar_due(cal, received),
	};
	*out = p;
	return OPS_OK;
}

void ops_referral_free(struct ops_referral *p)
{
	free(p);
}

int ops_referral_store(const struct ops_ctx *c, const struct ops_referral *p, struct referral_created *out)
{
	struct referral_seq seq;
	referral_seq_reset(&seq);
	return referral_store_create(c->db, &p->rec, &p->meta, &seq, 1, NULL, out) ||
			       ops_audit(c, AUDIT_REFERRAL_CREATE, "referral", out->id, out->person_id, out->reference)
		       ? -1
		       : 0;
}

enum ops_result ops_referral_submit(const struct ops_ctx *c, struct referral_raw *raw, unsigned channel,
				    struct field_errors *fe, struct referral_created *out)
{
	struct ops_referral *p;
	enum ops_result r = ops_referral_prepare(c, raw, channel, fe, &p);
	if (r == OPS_OK && (r = ops_begin(c)) == OPS_OK)
		r = ops_referral_store(c, p, out) ? ops_fail(c, OPS_ERROR)
		    : store_commit(c->db)	  ? ops_fail(c, OPS_ERROR)
						  : OPS_OK;
	ops_referral_free(p);
	return r;
}

int ops_self_referral_attempt(const struct ops_ctx *c, long limit, int64_t window_seconds)
{
	int64_t since = c->now - window_seconds, n = 0;
	if (ops_begin(c) != OPS_OK)
		return -1;
	if (store_exec(c->db, STMT_SELF_REFERRAL_ATTEMPT_PRUNE, NULL, NULL, "i", since) < 0 ||
	    store_get_int(c->db, STMT_SELF_REFERRAL_ATTEMPTS, &n, "si", c->addr, since) < 0 ||
	    store_exec(c->db, STMT_SELF_REFERRAL_ATTEMPT_ADD, NULL, NULL, "si", c->addr, c->now) < 0 ||
	    store_commit(c->db)) {
		ops_fail(c, OPS_ERROR);
		return -1;
	}
	return n >= limit;
}
