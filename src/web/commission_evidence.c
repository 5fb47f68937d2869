/* Commissioning pages for Appendix B: a provider's criteria and evidence with download links, a form to upload new
 * evidence (multipart, through the same use case as the API), and the evidence reminders list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "core/authz.h"
#include "core/datehuman.h"
#include "core/datetime.h"
#include "http/ops_reply.h"
#include "ops/ops.h"
#include "ops/commission.h"
#include "web/commission_web.h"
#include "web/form_date.h"
#include "web/post.h"
#include "web/web.h"

static const char *status_tag(const char *st)
{
	return !strcmp(st, "met")          ? "nhsuk-tag nhsuk-tag--green"
	       : !strcmp(st, "review_due") ? "nhsuk-tag nhsuk-tag--orange"
	       : !strcmp(st, "lapsed")     ? "nhsuk-tag nhsuk-tag--red"
					   : "nhsuk-tag nhsuk-tag--grey";
}

int web_comm_reminders(struct html *h, struct http_req *req)
{
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r;
	json_t *o = ops_comm_reminders(&c, &r);
	if (!o)
		return -1;
	json_t *list = json_object_get(o, "reminders");
	html_elem(h, "h2", "Appendix B evidence reminders", NULL);
	if (!json_array_size(list)) {
		html_open(h, "p", NULL);
		html_textf(h, "No evidence is due for review in the next %lld days, and none has lapsed.",
			   (long long)json_integer_value(json_object_get(o, "reminder_days")));
		html_close(h);
		json_decref(o);
		return 0;
	}
	static const char *const cols[] = { "Provider", "Criterion", "Evidence", "Review date", "Status", NULL };
	char caption[120];
	snprintf(caption, sizeof caption, "Evidence due for review within %lld days, or lapsed",
		 (long long)json_integer_value(json_object_get(o, "reminder_days")));
	cw_table_head(h, caption, cols);
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x)
	{
		json_t *org = json_object_get(x, "organisation");
		char href[80], when[64];
		snprintf(href, sizeof href, "/commissioning/providers/%lld/evidence",
			 (long long)json_integer_value(json_object_get(org, "id")));
		long long left = (long long)json_integer_value(json_object_get(x, "days_left"));
		int lapsed = !strcmp(cw_js(x, "kind"), "lapsed");
		if (lapsed)
			snprintf(when, sizeof when, "Lapsed %lld day%s ago", -left, left == -1 ? "" : "s");
		else
			snprintf(when, sizeof when, left ? "Due in %lld day%s" : "Due today", left,
				 left == 1 ? "" : "s");
		html_open(h, "tr", "class", "nhsuk-table__row", NULL);
		html_open(h, "td", "class", "nhsuk-table__cell", NULL);
		html_elem(h, "a", cw_js(org, "name"), "href", href, NULL);
		html_close(h);
		cw_cell(h, cw_js(x, "criterion_label"));
		cw_cell(h, cw_js(x, "title"));
		char when_day[CW_DATE_LEN];
		cw_cell(h, cw_date(x, "review_date", when_day));
		html_open(h, "td", "class", "nhsuk-table__cell", NULL);
		html_elem(h, "strong", when, "class",
			  lapsed ? "nhsuk-tag nhsuk-tag--red" : "nhsuk-tag nhsuk-tag--orange", NULL);
		html_close(h);
		html_close(h);
	}
	cw_table_end(h);
	json_decref(o);
	return 0;
}

#define EVIDENCE_UPLOAD_MAX (768 * 1024) /* the 512 KB file (ops/commission_evidence.c) and the form's fields */

/* The upload form, for those who may add evidence (a provider's managers,
 * the programme lead), showing what was sent when fe has problems. */
static void upload_form(struct html *h, struct http_req *req, int64_t org_id, json_t *o, const struct field_errors *fe)
{
	html_elem(h, "h2", "Add evidence", NULL);
	char action[96];
	snprintf(action, sizeof action, "/commissioning/providers/%lld/evidence", (long long)org_id);
	form_begin_upload(h, action, req->auth.csrf[0] ? req->auth.csrf : NULL);
	struct form_option opts[32];
	size_t n = 0, i;
	json_t *x;
	opts[n++] = (struct form_option){ "", "Choose a criterion" };
	json_array_foreach(json_object_get(o, "criteria"), i, x)
	{
		if (n + 1 < sizeof opts / sizeof opts[0])
			opts[n++] = (struct form_option){ cw_js(x, "code"), cw_js(x, "label") };
	}
	opts[n] = (struct form_option){ NULL, NULL };
	form_select(h, &(struct form_field){ .name = "criterion", .label = "Criterion", .value = http_form(req, "criterion"), .errors = fe },
		    opts);
	form_input(h, &(struct form_field){ .name = "title", .label = "Document title", .value = http_form(req, "title"),
					    .hint = "For example Safeguarding policy", .errors = fe });
	form_input(h, &(struct form_field){ .name = "reference", .label = "Reference or version", .value = http_form(req, "reference"),
					    .hint = "For example v3, approved by the trustees in March", .errors = fe });
	form_date(h, req,
		  &(struct form_field){ .name = "review_date", .label = "Review or expiry date",
					.hint = "When it must be reviewed or renewed, for example 31 3 2027", .errors = fe },
		  DT_DAYS_MIN - 1, 0); /* empty until sent */
	form_file(h,
		  &(struct form_field){ .name = "file", .label = "File",
					.hint = "A PDF, Word (.docx), PNG, JPEG or plain text file of at most 512 KB", .errors = fe },
		  ".pdf,.docx,.png,.jpg,.jpeg,.txt,application/pdf,image/png,image/jpeg,text/plain");
	form_button(h, "Upload evidence");
	form_end(h);
}

static int evidence_render(struct http_req *req, struct http_resp *resp, int64_t id, const struct field_errors *fe)
{
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r;
	json_t *o = ops_comm_criteria(&c, id, &r);
	if (!o)
		return web_ops_reply(req, resp, r, "Appendix B evidence", NULL);
	struct web_page pg;
	web_begin(&pg, req, resp, fe && fe->n ? "Error: Appendix B evidence" : "Appendix B evidence");
	struct html *h = &pg.h;
	html_open(h, "p", NULL);
	html_elem(h, "a", "Back to commissioning", "href", "/commissioning", NULL);
	html_close(h);
	if (fe && fe->n)
		layout_error_summary(h, fe);
	else
		web_done_banner(h, req);
	html_elem(h, "h1", "Appendix B evidence", NULL);
	html_elem(
	    h, "p",
	    "The minimum organisation criteria, the latest evidence of each and its review date. Download a file to check it.",
	    NULL);
	static const char *const cols[] = { "Criterion", "Status", "Evidence", "Review date", "File", NULL };
	cw_table_head(h, "Minimum organisation criteria", cols);
	size_t i, k;
	json_t *x, *e;
	json_array_foreach(json_object_get(o, "criteria"), i, x)
	{
		json_t *ev = json_object_get(x, "evidence");
		size_t n = json_array_size(ev);
		html_open(h, "tr", "class", "nhsuk-table__row", NULL);
		cw_cell(h, cw_js(x, "label"));
		html_open(h, "td", "class", "nhsuk-table__cell", NULL);
		html_elem(h, "strong", cw_js(x, "status"), "class", status_tag(cw_js(x, "status")), NULL);
		html_close(h);
		if (!n) {
			cw_cell(h, "None yet");
			cw_cell(h, "");
			cw_cell(h, "");
		}
		json_array_foreach(ev, k, e)
		{
			if (k) {
				html_close(h);
				html_open(h, "tr", "class", "nhsuk-table__row", NULL);
				cw_cell(h, "");
				cw_cell(h, "earlier evidence");
			}
			char title[420], href[96], link[260];
			snprintf(title, sizeof title, "%s (%s)%s", cw_js(e, "title"), cw_js(e, "reference"),
				 json_is_null(json_object_get(e, "checked_by")) ? "" : ", checked");
			cw_cell(h, title);
			char day[CW_DATE_LEN];
			cw_cell(h, cw_date(e, "review_date", day));
			snprintf(href, sizeof href, "/api/v1/commissioning/evidence/%lld/file",
				 (long long)json_integer_value(json_object_get(e, "id")));
			snprintf(link, sizeof link, "Download %s", cw_js(e, "file_name"));
			html_open(h, "td", "class", "nhsuk-table__cell", NULL);
			html_elem(h, "a", link, "href", href, "download", "", NULL);
			html_close(h);
		}
		html_close(h);
	}
	cw_table_end(h);
	if (authz_allows(req->auth.role, PERM_COMMISSION_PROVIDER))
		upload_form(h, req, id, o, fe);
	json_decref(o);
	return web_end(&pg, resp, fe && fe->n ? 422 : 200);
}

static int evidence_page(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	return id < 0 ? 0 : evidence_render(req, resp, id, NULL);
}

/* The upload as the API's JSON (file in base64), so the one use case checks
 * and stores it; its problems with the file are shown under the file. */
static json_t *upload_json(struct http_req *req, struct field_errors *fe)
{
	json_t *in = json_object();
	static const char *const texts[] = { "criterion", "title", "reference", NULL };
	for (const char *const *k = texts; *k; k++)
		json_object_set_new(in, *k, json_string(http_form(req, *k) ? http_form(req, *k) : ""));
	char iso[DT_DATE_LEN];
	if (form_date_iso(req, "review_date", "review or expiry date", 1, iso, fe) == 0)
		json_object_set_new(in, "review_date", json_string(iso));
	const struct http_upload *u = http_upload_file(req);
	size_t len = 0;
	const char *data = http_upload_data(req, &len);
	if (!u || !u->file_name[0] || !data || !len) {
		fielderr_add(fe, "file", "Choose the file to upload");
		return in;
	}
	json_object_set_new(in, "file_name", json_string(u->file_name));
	json_object_set_new(in, "content_type", json_string(u->content_type[0] ? u->content_type : "application/octet-stream"));
	size_t blen = sodium_base64_encoded_len(len, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = len <= EVIDENCE_UPLOAD_MAX ? malloc(blen) : NULL;
	if (!b64) {
		fielderr_add(fe, "file", "The file must be at most 512 KB");
		return in;
	}
	sodium_bin2base64(b64, blen, (const unsigned char *)data, len, sodium_base64_VARIANT_ORIGINAL);
	json_object_set_new(in, "file_base64", json_string(b64));
	free(b64);
	return in;
}

static int evidence_post(struct http_req *req, struct http_resp *resp)
{
	struct web_post p;
	if (!web_post_id(&p, req, resp))
		return p.rc;
	json_t *in = upload_json(req, p.fe);
	int rc;
	if (p.fe->n) {
		rc = evidence_render(req, resp, p.id, p.fe);
	} else {
		int64_t ev = 0;
		enum ops_result r = ops_comm_evidence_add(&p.c, p.id, in, p.fe, &ev);
		/* The use case names the file's parts as the API sends them. */
		for (size_t i = 0; i < p.fe->n; i++)
			if (!strcmp(p.fe->e[i].field, "file_base64") || !strcmp(p.fe->e[i].field, "content_type") ||
			    !strcmp(p.fe->e[i].field, "file_name"))
				snprintf(p.fe->e[i].field, sizeof p.fe->e[i].field, "file");
		if (r == OPS_INVALID) {
			rc = evidence_render(req, resp, p.id, p.fe);
		} else if (r != OPS_OK) {
			rc = web_ops_reply(req, resp, r, "Appendix B evidence", NULL);
		} else {
			char to[112];
			snprintf(to, sizeof to, "/commissioning/providers/%lld/evidence?done=evidence", (long long)p.id);
			rc = http_redirect(resp, to);
		}
	}
	json_decref(in);
	return web_post_end(&p, rc);
}

const struct route web_commission_evidence_routes[] = {
	{ "GET", "/commissioning/providers/{id}/evidence", evidence_page, PERM_COMMISSION_READ,
	  "A provider's Appendix B criteria and evidence, with the files to download", "provider" },
	{ "POST", "/commissioning/providers/{id}/evidence", evidence_post, PERM_COMMISSION_PROVIDER,
	  "Upload evidence for an Appendix B criterion (a file of at most 512 KB)", "provider", NULL, EVIDENCE_UPLOAD_MAX },
	{ 0 },
};
