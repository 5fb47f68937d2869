/* Volunteer recruitment campaigns over JSON (volunteer coordinators and
 * provider managers, their organisation's): list with applicants, add. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/api.h"
#include "api/post.h"
#include "http/ops_reply.h"
#include "ops/campaigns.h"
#include "store/campaign.h"

static const char *const keys[] = { "name", "area", "channel", "start_date", "end_date", NULL };

static json_t *row_json(const struct campaign_row *c)
{
	char link[64];
	snprintf(link, sizeof link, "/volunteer-application?campaign=%lld", (long long)c->id);
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:I,s:I,s:s}", "id", (json_int_t)c->id, "name", c->name, "area",
			 c->area, "area_name", c->area_name, "channel", c->channel, "start_date", c->start_date,
			 "end_date", c->end_date, "applicants", (json_int_t)c->applicants, "active",
			 (json_int_t)c->active, "link", link);
}

static int list_get(struct http_req *req, struct http_resp *resp)
{
	struct campaign_list l;
	if (campaign_list_load(req->db, req->auth.org_id, &l))
		return http_store_failed(req, resp);
	json_t *a = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(a, row_json(&l.c[i]));
	campaign_list_free(&l);
	return http_reply_json(resp, 200, json_pack("{s:o}", "campaigns", a));
}

static int add_post(struct http_req *req, struct http_resp *resp)
{
	struct api_post p;
	int go = api_post_begin(&p, req, resp, 0, NULL, NULL);
	if (go <= 0)
		return go;
	const char *v[5] = { 0 };
	const char *key;
	json_t *val;
	json_object_foreach(p.body, key, val) {
		int k = 0;
		while (keys[k] && strcmp(keys[k], key) != 0)
			k++;
		if (!keys[k])
			fielderr_add(p.fe, key, "%.40s is not a field of a campaign (give name, area, channel, start_date, end_date)",
				     key);
		else if (!json_is_string(val))
			fielderr_add(p.fe, key, "%s must be text (a JSON string)", key);
		else
			v[k] = json_string_value(val);
	}
	struct campaign_input in = { v[0], v[1], v[2], v[3], v[4] };
	int64_t id = 0;
	enum ops_result r = OPS_INVALID;
	if (!p.fe->n)
		r = ops_campaign_add(&p.c, &in, p.fe, &id);
	else
		campaign_validate(&in, &(int64_t){ 0 }, &(int64_t){ 0 }, p.fe);
	int rc;
	if (r != OPS_OK) {
		rc = http_ops_reply(req, resp, r, "The campaign cannot be added", p.fe);
	} else {
		struct campaign_list l;
		rc = -1;
		if (campaign_list_load(req->db, req->auth.org_id, &l))
			rc = http_store_failed(req, resp);
		for (size_t i = 0; rc < 0 && i < l.n; i++)
			if (l.c[i].id == id)
				rc = http_reply_json(resp, 201, row_json(&l.c[i]));
		if (rc < 0)
			rc = http_store_failed(req, resp);
		campaign_list_free(&l);
	}
	return api_post_end(&p, rc);
}

const struct route api_campaign_routes[] = {
	{ "GET", "/api/v1/campaigns", list_get, PERM_VOLUNTEER_MANAGE,
	  "Your organisation's volunteer recruitment campaigns, newest first -> 200 {campaigns[{id, name, area, area_name, "
	  "channel, start_date, end_date, applicants, active, link}]}" },
	{ "POST", "/api/v1/campaigns", add_post, PERM_VOLUNTEER_MANAGE,
	  "Add a recruitment campaign for your organisation {name, area, channel: social_media|poster|event|website|"
	  "partner|other, start_date, end_date} -> 201 the campaign" },
	{ 0 },
};
