/* The stories API: case studies and unexpected outcomes from referrers and
 * providers (drafts), the programme lead's approval with an anonymised text,
 * and the list (the lead: all; commissioners: approved anonymised texts for
 * board packs; submitters: their own). */
#include <stdlib.h>
#include <string.h>
#include "api/api.h"
#include "api/post.h"
#include "http/ops_reply.h"
#include "ops/stories.h"
#include "store/story.h"

static int64_t member_id(json_t *body, const char *key, struct field_errors *fe)
{
	json_t *v = json_object_get(body, key);
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) <= 0) {
		fielderr_add(fe, key, "%s must be a record id (a positive whole number)", key);
		return 0;
	}
	return (int64_t)json_integer_value(v);
}

static int story_create(struct http_req *req, struct http_resp *resp)
{
	struct api_post p;
	int go = api_post_begin(&p, req, resp, 0, NULL, NULL);
	if (go <= 0)
		return go;
	json_t *consent = json_object_get(p.body, "consent");
	struct story_in in = { member_id(p.body, "referral_id", p.fe), member_id(p.body, "onward_referral_id", p.fe),
			       api_post_text(&p, "story", 1), api_post_text(&p, "unexpected_outcomes", 1),
			       json_is_true(consent) };
	int64_t id = 0;
	enum ops_result r = p.fe->n ? OPS_INVALID : ops_story_submit(&p.c, &in, p.fe, &id);
	int rc = r == OPS_OK ? http_reply_json(resp, 201, json_pack("{s:I,s:s}", "id", (json_int_t)id, "status", "draft"))
		 : r == OPS_INVALID ? http_problem_fields(resp, 400, "The story cannot be recorded", p.fe)
				    : http_ops_reply(req, resp, r, "The story cannot be recorded", p.fe);
	return api_post_end(&p, rc);
}

static int story_approve(struct http_req *req, struct http_resp *resp)
{
	struct api_post p;
	int go = api_post_begin(&p, req, resp, 0, NULL, NULL);
	if (go <= 0)
		return go;
	const char *source = api_post_text(&p, "source", 1), *text = api_post_text(&p, "anonymised_text", 1);
	int64_t id = member_id(p.body, "id", p.fe);
	enum ops_result r = p.fe->n ? OPS_INVALID : ops_story_approve(&p.c, source, id, text, p.fe);
	int rc = r == OPS_OK ? http_reply_json(resp, 200, json_pack("{s:s,s:I,s:s}", "source", source, "id", (json_int_t)id,
								      "status", "approved"))
		 : r == OPS_INVALID ? http_problem_fields(resp, 400, "The story cannot be approved", p.fe)
		 : r == OPS_NOT_FOUND ? http_problem(resp, 404, "Not found", "There is no such draft.")
				      : http_ops_reply(req, resp, r, "The story cannot be approved", p.fe);
	return api_post_end(&p, rc);
}

struct list {
	json_t *arr;
	enum role role;
};

static int story_item(void *ctx, const struct story_view *s)
{
	struct list *l = ctx;
	if (l->role == ROLE_COMMISSIONER && strcmp(s->status, "approved") != 0)
		return 0;
	json_t *o = json_pack("{s:s,s:I,s:s,s:s,s:s}", "source", s->source, "id", (json_int_t)s->id, "kind", s->kind,
			      "status", s->status, "anonymised_text", s->anonymised);
	if (l->role != ROLE_COMMISSIONER) {
		json_object_set_new(o, "referral_id", json_integer(s->referral_id));
		json_object_set_new(o, "story", json_string(s->story));
		json_object_set_new(o, "unexpected_outcomes", json_string(s->unexpected_outcomes));
	}
	json_array_append_new(l->arr, o);
	return 0;
}

static int story_index(struct http_req *req, struct http_resp *resp)
{
	enum role role = req->auth.role;
	struct list l = { json_array(), role };
	if (story_list(req->db, role == ROLE_PROGRAMME_LEAD || role == ROLE_COMMISSIONER, req->auth.user_id, story_item,
		       &l) < 0) {
		json_decref(l.arr);
		return http_store_failed(req, resp);
	}
	return http_reply_json(resp, 200, json_pack("{s:o}", "stories", l.arr));
}

const struct route api_stories_routes[] = {
	{ "POST", "/api/v1/stories", story_create, PERM_STORY_SUBMIT,
	  "Submit a case study or unexpected outcome as a draft, with the person's consent: {referral_id (referrers) or "
	  "onward_referral_id (provider managers), story, unexpected_outcomes, consent: true}" },
	{ "GET", "/api/v1/stories", story_index, PERM_STORY_READ,
	  "Stories: all for the programme lead, approved anonymised texts for commissioners, one's own for submitters" },
	{ "POST", "/api/v1/stories/approve", story_approve, PERM_STORY_APPROVE,
	  "Approve a draft for publication with its anonymised text: {source: story or case_study, id, anonymised_text}" },
	{ 0 },
};
