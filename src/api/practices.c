/* GET /api/v1/practices: the GP practices a referral can name (Appendix C of
 * the social prescribing prospectus), with their cluster. */
#include <string.h>
#include <strings.h>
#include "api/api.h"
#include "api/referrals.h"
#include "api/triage.h"
#include "http/ops_reply.h"

static int practices_get(struct http_req *req, struct http_resp *resp)
{
	const struct referral_refs *refs = referral_refs_app(req->db);
	if (!refs)
		return http_store_failed(req, resp);
	const char *q = http_query(req, "q");
	json_t *a = json_array();
	for (size_t i = 0; i < refs->npractices; i++) {
		const struct referral_practice *p = &refs->practices[i];
		if (q && *q && !strcasestr(p->name, q) && strcasecmp(p->code, q) != 0)
			continue;
		json_array_append_new(a, json_pack("{s:s,s:s,s:s,s:s}", "code", p->code, "name", p->name, "postcode",
						   p->postcode, "cluster", p->cluster));
	}
	return http_reply_json(resp, 200, json_pack("{s:o}", "practices", a));
}

const struct route api_practices_routes[] = {
	{ "GET", "/api/v1/practices", practices_get, PERM_REFERENCE_READ,
	  "GP practices a referral may name (?q= part of a name, or a code), with their social prescribing cluster", NULL, "q" },
	{ 0 },
};
