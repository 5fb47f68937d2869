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
#include "core/safe_name.h"
#include "util/csv_cell.h"

/* What a write answers with once it has succeeded. */
enum reply_with {
	WITH_ROUND,      /* the round named by {id} */
	WITH_MADE_ROUND, /* the round the write made */
	WITH_EOI,        /* {id: the EOI made, round: {id}} */
	WITH_SLA,        /* the SLA named by {id} */
	WITH_CRITERIA,   /* the provider's criteria ({id}) */
};

/* One POST: the operation (exactly one of the three shapes), its reply and its problem titles. */
struct write_spec {
	enum ops_result (*on_id)(const struct ops_ctx *c, int64_t id, json_t *in, struct field_errors *fe);
	enum ops_result (*on_id_made)(const struct ops_ctx *c, int64_t id, json_t *in, struct field_errors *fe, int64_t *made);
	enum ops_result (*make)(const struct ops_ctx *c, json_t *in, struct field_errors *fe, int64_t *made);
	enum reply_with with;
	unsigned status;      /* on success */
	const char *made_key; /* adds the id made to the reply under this key (NULL: not) */
	const char *title;    /* the problem's title */
	const char *conflict; /* the title of a 409, when it differs */
};

static json_t *written(const struct ops_ctx *c, enum reply_with with, int64_t id, int64_t made, enum ops_result *r)
{
	switch (with) {
	case WITH_ROUND:
		return ops_comm_round(c, id, r);
	case WITH_MADE_ROUND:
		return ops_comm_round(c, made, r);
	case WITH_EOI:
		return json_pack("{s:I,s:I}", "id", (json_int_t)made, "round", (json_int_t)id);
	case WITH_SLA:
		return ops_comm_sla(c, id, r);
	case WITH_CRITERIA:
		return ops_comm_criteria(c, id, r);
	}
	*r = OPS_ERROR;
	return NULL;
}

/* Reads the body (and {id}), runs the write, and answers the record as read afterwards or the problem. */
static int write_reply(struct http_req *req, struct http_resp *resp, const struct write_spec *w)
{
	int64_t id = 0, made = 0;
	json_t *body = w->make ? http_json_body_or_respond(req, resp) : http_id_body_or_respond(req, resp, &id);
	if (!body)
		return 0;
	struct field_errors *fe = ops_fielderr_new();
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r = !fe		 ? OPS_ERROR
			    : w->make	 ? w->make(&c, body, fe, &made)
			    : w->on_id_made ? w->on_id_made(&c, id, body, fe, &made)
					    : w->on_id(&c, id, body, fe);
	json_decref(body);
	int rc;
	if (r != OPS_OK) {
		rc = http_ops_reply(req, resp, r, r == OPS_CONFLICT && w->conflict ? w->conflict : w->title, fe);
	} else {
		json_t *o = written(&c, w->with, id, made, &r);
		if (o && w->made_key)
			json_object_set_new(o, w->made_key, json_integer(made));
		rc = o ? http_reply_json(resp, w->status, o) : http_ops_reply(req, resp, r, w->title, NULL);
	}
	free(fe);
	return rc;
}

/* A read of a list (no {id}) or of the record {id} names. */
static int read_reply(struct http_req *req, struct http_resp *resp, json_t *(*all)(const struct ops_ctx *c, enum ops_result *r),
		      json_t *(*one)(const struct ops_ctx *c, int64_t id, enum ops_result *r))
{
	int64_t id = one ? http_param_id_or_respond(req, resp, 0) : 0;
	if (id < 0)
		return 0;
	struct ops_ctx c = http_ops_ctx(req);
	enum ops_result r = OPS_ERROR;
	json_t *o = one ? one(&c, id, &r) : all(&c, &r);
	return o ? http_reply_json(resp, 200, o) : http_ops_reply(req, resp, r, "Not found", NULL);
}

static int rounds_get(struct http_req *req, struct http_resp *resp)
{
	return read_reply(req, resp, ops_comm_rounds, NULL);
}

static int round_get(struct http_req *req, struct http_resp *resp)
{
	return read_reply(req, resp, NULL, ops_comm_round);
}

static int round_post(struct http_req *req, struct http_resp *resp)
{
	static const struct write_spec w = { .make = ops_comm_round_create, .with = WITH_MADE_ROUND, .status = 201,
					     .title = "The round needs correcting" };
	return write_reply(req, resp, &w);
}

static int eoi_post(struct http_req *req, struct http_resp *resp)
{
	static const struct write_spec w = { .on_id_made = ops_comm_eoi_submit, .with = WITH_EOI, .status = 201,
					     .title = "The expression of interest needs correcting",
					     .conflict = "The expression of interest cannot be taken" };
	return write_reply(req, resp, &w);
}

static int scores_post(struct http_req *req, struct http_resp *resp)
{
	static const struct write_spec w = { .on_id = ops_comm_score, .with = WITH_ROUND, .status = 200,
					     .title = "The scores need correcting" };
	return write_reply(req, resp, &w);
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
	static const struct write_spec w = { .on_id = ops_comm_award, .with = WITH_ROUND, .status = 200,
					     .title = "The Lots cannot be awarded" };
	return write_reply(req, resp, &w);
}

static int slas_issue(struct http_req *req, struct http_resp *resp)
{
	static const struct write_spec w = { .on_id = ops_comm_sla_issue, .with = WITH_ROUND, .status = 200,
					     .title = "The SLAs cannot be issued" };
	return write_reply(req, resp, &w);
}

static int slas_get(struct http_req *req, struct http_resp *resp)
{
	return read_reply(req, resp, ops_comm_slas, NULL);
}

static int sla_get(struct http_req *req, struct http_resp *resp)
{
	return read_reply(req, resp, NULL, ops_comm_sla);
}

static int in_place_post(struct http_req *req, struct http_resp *resp)
{
	static const struct write_spec w = { .on_id = ops_comm_in_place, .with = WITH_SLA, .status = 200,
					     .title = "The post cannot be filled" };
	return write_reply(req, resp, &w);
}

static int extension_post(struct http_req *req, struct http_resp *resp)
{
	static const struct write_spec w = { .on_id = ops_comm_extend, .with = WITH_SLA, .status = 200,
					     .title = "The SLA cannot be extended" };
	return write_reply(req, resp, &w);
}

static int payment_post(struct http_req *req, struct http_resp *resp)
{
	static const struct write_spec w = { .on_id = ops_comm_payment, .with = WITH_SLA, .status = 200,
					     .title = "The payment cannot be changed" };
	return write_reply(req, resp, &w);
}

static int review_post(struct http_req *req, struct http_resp *resp)
{
	static const struct write_spec w = { .on_id_made = ops_comm_review, .with = WITH_SLA, .status = 201, .made_key = "review_id",
					     .title = "The review needs correcting" };
	return write_reply(req, resp, &w);
}

static int criteria_get(struct http_req *req, struct http_resp *resp)
{
	return read_reply(req, resp, NULL, ops_comm_criteria);
}

static int evidence_post(struct http_req *req, struct http_resp *resp)
{
	static const struct write_spec w = { .on_id_made = ops_comm_evidence_add, .with = WITH_CRITERIA, .status = 201,
					     .made_key = "evidence_id", .title = "The evidence needs correcting" };
	return write_reply(req, resp, &w);
}

static int evidence_check_post(struct http_req *req, struct http_resp *resp)
{
	static const struct write_spec w = { .on_id = ops_comm_evidence_check, .with = WITH_CRITERIA, .status = 200,
					     .title = "The evidence cannot be checked" };
	return write_reply(req, resp, &w);
}

static int reminders_get(struct http_req *req, struct http_resp *resp)
{
	return read_reply(req, resp, ops_comm_reminders, NULL);
}

/* The stored file itself, as an attachment under a safe name (the read is audited). */
static int evidence_file_get(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	struct ops_ctx c = http_ops_ctx(req);
	struct comm_file f;
	enum ops_result r = ops_comm_evidence_file(&c, id, &f);
	if (r != OPS_OK)
		return http_ops_reply(req, resp, r, "Not found", NULL);
	char name[120], disp[160];
	safe_name(f.name, "evidence", name, sizeof name);
	snprintf(disp, sizeof disp, "attachment; filename=\"%s\"", name);
	resp->status = 200;
	resp->content_type = f.type;
	http_header_add(resp, "Content-Disposition", disp);
	buf_reset(&resp->body);
	buf_append(&resp->body, (const char *)f.data, f.len);
	free(f.data);
	return 0;
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
	  "Record a quarterly review (quarter, post, outcomes, notes, actions, rag_override, override_reason): figures computed from the provider's cases, rated RAG", "sla" },
	{ "POST", "/api/v1/commissioning/slas/{id}/payments", payment_post, PERM_COMMISSION_MANAGE,
	  "Move a payment: due, approved, held (reason, review) or paid (paid_on, finance_ref)", "sla" },
	{ "GET", "/api/v1/commissioning/providers/{id}/criteria", criteria_get, PERM_COMMISSION_READ,
	  "A provider's Appendix B criteria: evidence, review dates and status", "provider" },
	{ "POST", "/api/v1/commissioning/providers/{id}/evidence", evidence_post, PERM_COMMISSION_PROVIDER,
	  "Add evidence for an Appendix B criterion with its file (base64, at most 512 KB)", "provider" },
	{ "POST", "/api/v1/commissioning/providers/{id}/evidence/check", evidence_check_post, PERM_COMMISSION_MANAGE,
	  "Record that the lead provider checked a piece of evidence", "provider" },
	{ "GET", "/api/v1/commissioning/evidence/{id}/file", evidence_file_get, PERM_COMMISSION_EVIDENCE_FILE,
	  "Download a piece of Appendix B evidence: the stored file as an attachment (audited)", "evidence" },
	{ "GET", "/api/v1/commissioning/reminders", reminders_get, PERM_COMMISSION_READ,
	  "Appendix B evidence expiring within commission_evidence_reminder_days, and lapsed (a provider manager's own)" },
	{ "GET", "/api/v1/commissioning/payments.csv", payments_csv, PERM_COMMISSION_READ, "Payments for finance as CSV" },
	{ "GET", "/api/v1/commissioning/payments.xlsx", payments_xlsx, PERM_COMMISSION_READ, "Payments for finance as XLSX" },
	{ 0 },
};
