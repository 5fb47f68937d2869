/* Stories for evaluation: submission by referrers and providers, approval by the programme lead. */
#include "ops/stories.h"

#include <string.h>

static size_t story_chars(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static void story_text(struct field_errors *fe, const char *field, const char *v, int required)
{
	if (required && (!v || !*v))
		fielderr_add(fe, field, "Write the %s", strcmp(field, "anonymised_text") == 0 ? "anonymised text" : "story");
	else if (story_chars(v) > STORY_TEXT_MAX)
		fielderr_add(fe, field, "At most %d characters", STORY_TEXT_MAX);
}

enum ops_result ops_story_submit(const struct ops_ctx *c, const struct story_in *in, struct field_errors *fe, int64_t *id)
{
	const char *kind = c->role == ROLE_REFERRER ? "referrer" : c->role == ROLE_PROVIDER_MANAGER ? "provider" : NULL;
	if (!kind)
		return OPS_FORBIDDEN;
	story_text(fe, "story", in->story, 1);
	story_text(fe, "unexpected_outcomes", in->unexpected_outcomes, 0);
	if (in->consent != 1)
		fielderr_add(fe, "consent", "Record the person's consent to their story being used (consent: true)");
	if (c->role == ROLE_REFERRER && in->referral_id <= 0)
		fielderr_add(fe, "referral_id", "Give the id of a referral you made");
	if (c->role == ROLE_PROVIDER_MANAGER && in->onward_referral_id <= 0)
		fielderr_add(fe, "onward_referral_id", "Give the id of an onward referral to your service");
	if (fe->n)
		return OPS_INVALID;
	int64_t referral = 0;
	int found = c->role == ROLE_REFERRER
			    ? store_get_int(c->db, STMT_STORY_REFERRAL_OF_REFERRER, &referral, "iii", in->referral_id, c->user_id,
					    c->user_id)
			    : store_get_int(c->db, STMT_STORY_ONWARD_OF_PROVIDER, &referral, "ii", in->onward_referral_id, c->org_id);
	if (found < 0)
		return OPS_ERROR;
	if (found == 0)
		return OPS_NOT_FOUND;
	if (ops_begin(c) != OPS_OK)
		return OPS_ERROR;
	if (store_get_int(c->db, STMT_STORY_INSERT, id, "siIssiIi", kind, referral,
			  c->role == ROLE_PROVIDER_MANAGER ? in->onward_referral_id : INT64_MIN, in->story,
			  in->unexpected_outcomes ? in->unexpected_outcomes : "", c->user_id, c->org_id ? c->org_id : INT64_MIN,
			  c->now) != 1)
		return ops_fail(c, OPS_ERROR);
	return ops_commit_audited(c, AUDIT_STORY_SUBMIT, "story", *id, 0, kind);
}

enum ops_result ops_story_approve(const struct ops_ctx *c, const char *source, int64_t id, const char *anonymised,
				  struct field_errors *fe)
{
	int is_story = source && strcmp(source, "story") == 0, is_cs = source && strcmp(source, "case_study") == 0;
	if (!is_story && !is_cs)
		fielderr_add(fe, "source", "Say which: story (a referrer's or provider's) or case_study (a link worker's)");
	if (id <= 0)
		fielderr_add(fe, "id", "Give the draft's id");
	story_text(fe, "anonymised_text", anonymised, 1);
	if (fe->n)
		return OPS_INVALID;
	if (ops_begin(c) != OPS_OK)
		return OPS_ERROR;
	int n = store_exec(c->db, is_story ? STMT_STORY_APPROVE : STMT_STORY_CASE_STUDY_APPROVE, NULL, NULL, "siii", anonymised,
			   c->user_id, c->now, id);
	if (n < 0)
		return ops_fail(c, OPS_ERROR);
	if (n == 0)
		return ops_fail(c, OPS_NOT_FOUND);
	return ops_commit_audited(c, AUDIT_STORY_APPROVE, is_story ? "story" : "case_study", id, 0, "approved for publication");
}
