/* Case studies and unexpected outcomes for evaluation: referrers (on their
 * own referral) and provider managers (on an onward referral to their
 * service) submit them with the person's consent as drafts; the programme
 * lead approves them, and link workers' case studies, for publication with
 * an anonymised text for board packs. */
#ifndef WAYMARK_OPS_STORIES_H
#define WAYMARK_OPS_STORIES_H
#include "ops/ops.h"

#define STORY_TEXT_MAX 4000 /* characters */

struct story_in {
	int64_t referral_id;        /* referrers: a referral they made */
	int64_t onward_referral_id; /* provider managers: an onward referral to their service */
	const char *story, *unexpected_outcomes;
	int consent;                /* 1: the person agreed */
};

/* Records a draft: INVALID (fe: story, consent, referral_id or
 * onward_referral_id), NOT_FOUND (not theirs), FORBIDDEN (a role that
 * cannot), OK with *id. Audited story.submit. */
enum ops_result ops_story_submit(const struct ops_ctx *c, const struct story_in *in, struct field_errors *fe, int64_t *id);

/* Approves a draft for publication with its anonymised text (required):
 * source "story" or "case_study". INVALID (fe), NOT_FOUND (no such draft),
 * OK. Audited story.approve. */
enum ops_result ops_story_approve(const struct ops_ctx *c, const char *source, int64_t id, const char *anonymised,
				  struct field_errors *fe);
#endif
