/* Commissioning JSON API: rounds, EOIs, scores, the Lot proposal and awards, SLAs, posts, reviews, payments, evidence, exports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include "api/api.h"
#include "http/audit_req.h"
#include "http/ops_reply.h"
#include "ops/commission.h"
#include "util/csv_cell.h"

typedef enum ops_result (*id_write)(const struct ops_ctx *c, int64_t id, json_t *in, struct field_errors *fe);

/* A write on {id} that answers the record as read afterwards. */
static int id_write_reply(struct http_req *req, struct http_resp *resp, id_write fn, const char *title, int is_round)
{
	int64_t id;
	json_t *body = http_id_body_or_respond(req, resp, &id);
	if (!body)
		return 0;
	struct field_errors *fe = ops_fielderr_new();
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r = fe ? fn(&c, id, body, fe) : OPS_ERROR;
	json_decref(body);
	int rc;
	if (r != OPS_OK) {
		rc = http_ops_reply(req, resp, r, title, fe);
	} else {
		json_t *o = is_round ? ops_comm_round(&c, id, &r) : ops_comm_sla(&c, id, &r);
		rc = o ? http_reply_json(resp, 200, o) : http_ops_reply(req, resp, r, title, NULL);
	}
	free(fe);
	return rc;
}

static int reply_read(struct http_req *req, struct http_resp *resp, json_t *o, enum ops_result r)
{
	return o ? http_reply_json(resp, 200, o) : http_ops_reply(req, resp, r, "Not found", NULL);
}

static int rounds_get(struct http_req *req, struct http_resp *resp)
{
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r;
	json_t *o = ops_comm_rounds(&c, &r);
	return reply_read(req, resp, o, r);
}

static int round_get(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r;
	json_t *o = ops_comm_round(&c, id, &r);
	return reply_read(req, resp, o, r);
}

static int round_post(struct http_req *req, struct http_resp *resp)
{
	json_t *body = http_json_body_or_respond(req, resp);
	if (!body)
		return 0;
	struct field_errors *fe = ops_fielderr_new();
	struct ops_ctx c = http_ops_ctx(req);
	int64_t id = 0;
	enum ops_result r = fe ? ops_comm_round_create(&c, body, fe, &id) : OPS_ERROR;
	json_decref(body);
	int rc;
	if (r == OPS_OK) {
		json_t *o = ops_comm_round(&c, id, &r);
		rc = o ? http_reply_json(resp, 201, o) : http_ops_reply(req, resp, r, "The round", NULL);
	} else {
		rc = http_ops_reply(req, resp, r, "The round needs correcting", fe);
	}
	free(fe);
	return rc;
}

static int eoi_post(struct http_req *req, struct http_resp *resp)
{
	int64_t id;
	json_t *body = http_id_body_or_respond(req, resp, &id);
	if (!body)
		return 0;
	struct field_errors *fe = ops_fielderr_new();
	struct ops_ctx c = http_ops_ctx(req);
	int64_t eoi = 0;
	enum ops_result r = fe ? ops_comm_eoi_submit(&c, id, body, fe, &eoi) : OPS_ERROR;
	json_decref(body);
	int rc = r == OPS_OK ? http_reply_json(resp, 201, json_pack("{s:I,s:I}", "id", (json_int_t)eoi, "round", (json_int_t)id))
			     : http_ops_reply(req, resp, r, r == OPS_CONFLICT ? "The expression of interest cannot be taken"
									     : "The expression of interest needs correcting", fe);
	free(fe);
	return rc;
}

static int scores_post(struct http_req *req, struct http_resp *resp)
{
	return id_write_reply(req, resp, ops_comm_score, "The scores need correcting", 1);
}

static int proposal_get(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	struct field_errors *fe = ops_fielderr_new();
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r = OPS_ERROR;
	json_t *o = fe ? ops_comm_proposal(&c, id, NULL, fe, &r) : NULL;
	int rc = o ? http_reply_json(resp, 200, o) : http_ops_reply(req, resp, r, "No proposal can be made", fe);
	free(fe);
	return rc;
}

static int awards_post(struct http_req *req, struct http_resp *resp)
{
	return id_write_reply(req, resp, ops_comm_award, "The Lots cannot be awarded", 1);
}

static int slas_issue(struct http_req *req, struct http_resp *resp)
{
	return id_write_reply(req, resp, ops_comm_sla_issue, "The SLAs cannot be issued", 1);
}

static int slas_get(struct http_req *req, struct http_resp *resp)
{
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r;
	json_t *o = ops_comm_slas(&c, &r);
	return reply_read(req, resp, o, r);
}

static int sla_get(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r;
	json_t *o = ops_comm_sla(&c, id, &r);
	return reply_read(req, resp, o, r);
}

static int in_place_post(struct http_req *req, struct http_resp *resp)
{
	return id_write_reply(req, resp, ops_comm_in_place, "The post cannot be filled", 0);
}

static int extension_post(struct http_req *req, struct http_resp *resp)
{
	return id_write_reply(req, resp, ops_comm_extend, "The SLA cannot be extended", 0);
}

static int payment_post(struct http_req *req, struct http_resp *resp)
{
	return id_write_reply(req, resp, ops_comm_payment, "The payment cannot be changed", 0);
}

static int review_post(struct http_req *req, struct http_resp *resp)
{
	int64_t id;
	json_t *body = http_id_body_or_respond(req, resp, &id);
	if (!body)
		return 0;
	struct field_errors *fe = ops_fielderr_new();
	struct ops_ctx c = http_ops_ctx(req);
	int64_t rid = 0;
	enum ops_result r = fe ? ops_comm_review(&c, id, body, fe, &rid) : OPS_ERROR;
	json_decref(body);
	int rc;
	if (r == OPS_OK) {
		json_t *o = ops_comm_sla(&c, id, &r);
		if (o)
			json_object_set_new(o, "review_id", json_integer(rid));
		rc = o ? http_reply_json(resp, 201, o) : http_ops_reply(req, resp, r, "The review", NULL);
	} else {
		rc = http_ops_reply(req, resp, r, "The review needs correcting", fe);
	}
	free(fe);
	return rc;
}

static int criteria_get(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r;
	json_t *o = ops_comm_criteria(&c, id, &r);
	return reply_read(req, resp, o, r);
}

static int criteria_reply(struct http_req *req, struct http_resp *resp, int64_t org, unsigned status, int64_t ev)
{
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r;
	json_t *o = ops_comm_criteria(&c, org, &r);
	if (o && ev)
		json_object_set_new(o, "evidence_id", json_integer(ev));
	return o ? http_reply_json(resp, status, o) : http_ops_reply(req, resp, r, "Not found", NULL);
}

static int evidence_post(struct http_req *req, struct http_resp *resp)
{
	int64_t id;
	json_t *body = http_id_body_or_respond(req, resp, &id);
	if (!body)
		return 0;
	struct field_errors *fe = ops_fielderr_new();
	struct ops_ctx c = http_ops_ctx(req);
	int64_t ev = 0;
	enum ops_result r = fe ? ops_comm_evidence_add(&c, id, body, fe, &ev) : OPS_ERROR;
	json_decref(body);
	int rc = r == OPS_OK ? criteria_reply(req, resp, id, 201, ev) : http_ops_reply(req, resp, r, "The evidence needs correcting", fe);
	free(fe);
	return rc;
}

static int evidence_check_post(struct http_req *req, struct http_resp *resp)
{
	int64_t id;
	json_t *body = http_id_body_or_respond(req, resp, &id);
	if (!body)
		return 0;
	struct field_errors *fe = ops_fielderr_new();
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r = fe ? ops_comm_evidence_check(&c, id, body, fe) : OPS_ERROR;
	json_decref(body);
	int rc = r == OPS_OK ? criteria_reply(req, resp, id, 200, 0) : http_ops_reply(req, resp, r, "The evidence cannot be checked", fe);
	free(fe);
	return rc;
}

static const char *const export_cols[] = { "payment", "sla", "provider", "stage", "label", "amount", "pence", "due", "state",
					    "hold_reason", "paid_on", "finance_ref", NULL };

static const char *cell_text(json_t *v, char *buf, size_t len)
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(buf, len, "%lld", (long long)json_integer_value(v));
		return buf;
	}
	return "";
}

static int payments_csv(struct http_req *req, struct http_resp *resp)
{
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r;
	json_t *rows = ops_comm_payment_rows(&c, &r);
	if (!rows)
		return http_ops_reply(req, resp, r, "The payments", NULL);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f) {
		json_decref(rows);
		return http_store_failed(req, resp);
	}
	for (int k = 0; export_cols[k]; k++)
		fprintf(f, "%s%s", k ? "," : "", export_cols[k]);
	fputs("\r\n", f);
	size_t i;
	json_t *row;
	json_array_foreach(rows, i, row) {
		for (int k = 0; export_cols[k]; k++) {
			char b[32];
			if (k)
				fputc(',', f);
			csv_cell_write(f, cell_text(json_object_get(row, export_cols[k]), b, sizeof b));
		}
		fputs("\r\n", f);
	}
	fclose(f);
	json_decref(rows);
	resp->status = 200;
	resp->content_type = "text/csv; charset=utf-8";
	http_header_add(resp, "Content-Disposition", "attachment; filename=\"payments.csv\"");
	buf_reset(&resp->body);
	buf_append(&resp->body, text, len);
	free(text);
	return 0;
}

/* The payments (rows, a JSON array) as a workbook at path: 0 or -1. */
static int write_payments(void *ctx, const char *path)
{
	json_t *rows = ctx;
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, "Payments") : NULL;
	lxw_format *money = wb ? workbook_add_format(wb) : NULL;
	lxw_format *bold = wb ? workbook_add_format(wb) : NULL;
	int ok = ws && money && bold;
	if (ok) {
		format_set_num_format(money, "\xc2\xa3#,##0.00");
		format_set_bold(bold);
		for (int k = 0; export_cols[k]; k++)
			worksheet_write_string(ws, 0, (lxw_col_t)k, export_cols[k], bold);
		size_t i;
		json_t *row;
		json_array_foreach(rows, i, row) {
			for (int k = 0; export_cols[k]; k++) {
				json_t *v = json_object_get(row, export_cols[k]);
				lxw_row_t rr = (lxw_row_t)(i + 1);
				if (!strcmp(export_cols[k], "amount"))
					worksheet_write_number(ws, rr, (lxw_col_t)k,
							       (double)json_integer_value(json_object_get(row, "pence")) / 100.0, money);
				else if (json_is_integer(v))
					worksheet_write_number(ws, rr, (lxw_col_t)k, (double)json_integer_value(v), NULL);
				else if (json_is_string(v))
					worksheet_write_string(ws, rr, (lxw_col_t)k, json_string_value(v), NULL);
			}
		}
	}
	ok = wb && workbook_close(wb) == LXW_NO_ERROR && ok;
	return ok ? 0 : -1;
}

static int payments_xlsx(struct http_req *req, struct http_resp *resp)
{
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r;
	json_t *rows = ops_comm_payment_rows(&c, &r);
	if (!rows)
		return http_ops_reply(req, resp, r, "The payments", NULL);
	int rc = http_reply_xlsx(req, resp, "payments.xlsx", write_payments, rows);
	json_decref(rows);
	return rc;
}

const struct route api_commission_routes[] = {
	{ "GET", "/api/v1/commissioning/rounds", rounds_get, PERM_COMMISSION_READ, "Commissioning rounds, newest first" },
	{ "POST", "/api/v1/commissioning/rounds", round_post, PERM_COMMISSION_MANAGE,
	  "Open a round: title, lot_value, eoi_deadline, areas [{area, lots, clusters}], milestones [{label, at}]" },
	{ "GET", "/api/v1/commissioning/rounds/{id}", round_get, PERM_COMMISSION_READ,
	  "A round with its areas, milestones, EOIs (a provider manager's own only) and awards", "round" },
	{ "POST", "/api/v1/commissioning/rounds/{id}/eois", eoi_post, PERM_COMMISSION_EOI,
	  "Submit the organisation's expression of interest before the deadline (409 after it)", "round" },
	{ "POST", "/api/v1/commissioning/rounds/{id}/scores", scores_post, PERM_COMMISSION_MANAGE,
	  "Shortlist an EOI and record its interview scores against the selection criteria", "round" },
	{ "GET", "/api/v1/commissioning/rounds/{id}/proposal", proposal_get, PERM_COMMISSION_MANAGE,
	  "The optimiser's proposed Lot allocation with reasons and runners-up", "round" },
	{ "POST", "/api/v1/commissioning/rounds/{id}/awards", awards_post, PERM_COMMISSION_MANAGE,
	  "Accept the proposal, with panel overrides [{eoi, award, reason}]", "round" },
	{ "POST", "/api/v1/commissioning/rounds/{id}/slas", slas_issue, PERM_COMMISSION_MANAGE,
	  "Issue the round's SLAs (signed, mobilisation_end, mobilisation_pct) with posts and payment schedules", "round" },
	{ "GET", "/api/v1/commissioning/slas", slas_get, PERM_COMMISSION_READ, "SLAs (a provider manager's own only)" },
	{ "GET", "/api/v1/commissioning/slas/{id}", sla_get, PERM_COMMISSION_READ,
	  "An SLA with its posts, payments, reviews and extensions", "sla" },
	{ "POST", "/api/v1/commissioning/slas/{id}/in-place", in_place_post, PERM_COMMISSION_PROVIDER,
	  "Record a post's Living Well Worker in place (post, worker, in_place); dates the payments", "sla" },
	{ "POST", "/api/v1/commissioning/slas/{id}/extensions", extension_post, PERM_COMMISSION_MANAGE,
	  "Extend an SLA (end, reason)", "sla" },
	{ "POST", "/api/v1/commissioning/slas/{id}/reviews", review_post, PERM_COMMISSION_MANAGE,
	  "Record a quarterly review (quarter, post, clients, completeness, followup, outcomes, notes, actions) rated RAG", "sla" },
	{ "POST", "/api/v1/commissioning/slas/{id}/payments", payment_post, PERM_COMMISSION_MANAGE,
	  "Move a payment: due, approved, held (reason, review) or paid (paid_on, finance_ref)", "sla" },
	{ "GET", "/api/v1/commissioning/providers/{id}/criteria", criteria_get, PERM_COMMISSION_READ,
	  "A provider's Appendix B criteria: evidence, review dates and status", "provider" },
	{ "POST", "/api/v1/commissioning/providers/{id}/evidence", evidence_post, PERM_COMMISSION_PROVIDER,
	  "Add evidence for an Appendix B criterion with its file (base64, at most 512 KB)", "provider" },
	{ "POST", "/api/v1/commissioning/providers/{id}/evidence/check", evidence_check_post, PERM_COMMISSION_MANAGE,
	  "Record that the lead provider checked a piece of evidence", "provider" },
	{ "GET", "/api/v1/commissioning/payments.csv", payments_csv, PERM_COMMISSION_READ, "Payments for finance as CSV" },
	{ "GET", "/api/v1/commissioning/payments.xlsx", payments_xlsx, PERM_COMMISSION_READ, "Payments for finance as XLSX" },
	{ 0 },
};
