/* Story reads: rows of the stories and case_studies tables as struct story_view. */
#include "store/story.h"

struct story_cb {
	story_fn fn;
	void *ctx;
	int found;
};

static int story_row(void *ctx, const struct store_row *r)
{
	struct story_cb *cb = ctx;
	struct story_view s = { .source = store_row_text(r, 0),
				.id = store_row_int(r, 1),
				.kind = store_row_text(r, 2),
				.referral_id = store_row_int(r, 3),
				.story = store_row_text(r, 4),
				.unexpected_outcomes = store_row_text(r, 5),
				.status = store_row_text(r, 6),
				.anonymised = store_row_text(r, 7),
				.at = store_row_int(r, 8),
				.by_user_id = store_row_int(r, 9),
				.reference = store_row_text(r, 10) };
	cb->found = 1;
	return cb->fn ? cb->fn(cb->ctx, &s) : 0;
}

int story_list(struct store *st, int all, int64_t user_id, story_fn fn, void *ctx)
{
	struct story_cb cb = { fn, ctx, 0 };
	return store_exec(st, STMT_STORY_LIST, story_row, &cb, "iii", (int64_t)!!all, user_id, (int64_t)!!all) < 0 ? -1 : 0;
}

int story_get(struct store *st, int case_study, int64_t id, story_fn fn, void *ctx)
{
	struct story_cb cb = { fn, ctx, 0 };
	if (store_exec(st, case_study ? STMT_STORY_CASE_STUDY_GET : STMT_STORY_GET, story_row, &cb, "i", id) < 0)
		return -1;
	return cb.found;
}

struct onward_cb {
	int (*fn)(void *ctx, const struct story_onward *o);
	void *ctx;
};

static int onward_row(void *ctx, const struct store_row *r)
{
	struct onward_cb *cb = ctx;
	struct story_onward o = { store_row_int(r, 0), store_row_int(r, 5), store_row_text(r, 1), store_row_text(r, 2),
				  store_row_text(r, 3), store_row_text(r, 4) };
	return cb->fn(cb->ctx, &o);
}

int story_provider_onward(struct store *st, int64_t org_id, int (*fn)(void *ctx, const struct story_onward *o),
			  void *ctx)
{
	struct onward_cb cb = { fn, ctx };
	return store_exec(st, STMT_STORY_PROVIDER_ONWARD, onward_row, &cb, "i", org_id) < 0 ? -1 : 0;
}

struct text_cb {
	int (*fn)(void *ctx, const char *text);
	void *ctx;
};

static int text_row(void *ctx, const struct store_row *r)
{
	struct text_cb *cb = ctx;
	return cb->fn(cb->ctx, store_row_text(r, 0));
}

int story_approved_in(struct store *st, const char *area, int64_t from_utc, int64_t to_utc,
		      int (*fn)(void *ctx, const char *text), void *ctx)
{
	struct text_cb cb = { fn, ctx };
	return store_exec(st, STMT_STORY_APPROVED_IN, text_row, &cb, "ssiissii", area, area, from_utc, to_utc, area, area,
			  from_utc, to_utc) < 0
		       ? -1
		       : 0;
}
