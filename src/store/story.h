/* Reading stories (referrers' and providers' case studies) and link workers'
 * case studies for the pages and the API, the onward referrals a provider
 * may tell a story about, and approved texts for board packs. */
#ifndef WAYMARK_STORE_STORY_H
#define WAYMARK_STORE_STORY_H
#include <stdint.h>
#include "store/store.h"

/* One story (borrowed until the callback returns). source: "story" or "case_study"; kind: referrer, provider or
 * link_worker; status: draft or approved. */
struct story_view {
	const char *source, *kind, *story, *unexpected_outcomes, *status, *anonymised, *reference;
	int64_t id, referral_id, at, by_user_id;
};
typedef int (*story_fn)(void *ctx, const struct story_view *s);

/* Every story and case study when all, else the stories user_id submitted; newest first, at most 500. 0 or -1. */
int story_list(struct store *st, int all, int64_t user_id, story_fn fn, void *ctx);

/* One story (case_study 0) or case study (1) into fn (NULL: only whether it exists): 1 found, 0 not, -1 error. */
int story_get(struct store *st, int case_study, int64_t id, story_fn fn, void *ctx);

/* An onward referral to one of an organisation's services. */
struct story_onward {
	int64_t id, made_at;
	const char *reference, *service, *domain, *status;
};
/* The latest 200 onward referrals to services org_id runs. 0 or -1. */
int story_provider_onward(struct store *st, int64_t org_id, int (*fn)(void *ctx, const struct story_onward *o),
			  void *ctx);

/* The anonymised texts approved in [from_utc, to_utc) about people in area (an HWP area or Place Board code),
 * oldest first. 0 or -1. */
int story_approved_in(struct store *st, const char *area, int64_t from_utc, int64_t to_utc,
		      int (*fn)(void *ctx, const char *text), void *ctx);
#endif
