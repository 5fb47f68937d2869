/* A referral's own page (/referrals/{id}) for the referrer who sent it: what they sent, its status with dates,
 * who holds it (organisation and the worker's first name), the first contact and the outcome in closed-loop
 * words; never case notes. The hub and the case holder are sent on to their own pages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datehuman.h"
#include "core/londontime.h"
#include "core/referral_match.h"
#include "core/referral_outcome.h"
#include "http/audit_req.h"
#include "http/ops_reply.h"
#include "model/referral.h"
#include "ops/referral_correct.h"
#include "ops/referrals_access.h"
#include "store/casework.h"
#include "store/triage.h"
#include "web/case_web.h"
#include "web/form.h"
#include "web/referral_card.h"
#include "web/post.h"
#include "web/web.h"
#include "web/widgets.h"

/* A status as a referrer reads it. */
static const char *status_words(const char *status)
{
	static const char *const map[][2] = {
		{ "received", "Received" },       { "triaged", "Accepted" }, { "allocated", "Given to a worker" },
		{ "in_progress", "Being supported" }, { "closed", "Closed" },   { "rejected", "Not accepted" },
		{ "withdrawn", "Withdrawn" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (status && strcmp(map[i][0], status) == 0)
			return map[i][1];
	return "Updated";
}

static const char *label_of(struct store *st, enum referral_vocab vocab, const char *code)
{
	const struct referral_refs *refs = referral_refs_app(st);
	const struct referral_vocab_entry *e = refs && code ? referral_refs_vocab(refs, vocab, code) : NULL;
	return e ? e->label : code ? code : "";
}

/* What the referrer sent: the person's details as this referral gave them
 * (never the stored person's, which may come from elsewhere) and the referral's own. */
static void what_was_sent(struct html *h, struct store *st, const struct referral_view *v)
{
	char buf[1200];
	html_elem(h, "h2", "What you sent", "class", "nhsuk-heading-m", "id", "what-you-sent", NULL);
	html_open(h, "dl", "class", "nhsuk-summary-list", "id", "sent-list", NULL);
	for (int f = 0; f < RF__MAX; f++) {
		const struct referral_field_desc *d = &referral_fields[f];
		const struct referral_value *val = d->where == W_PS ? &v->submitted[f] : d->where == W_R ? &v->rec.v[f] : NULL;
		if (!val || !val->set || f == RF_DISCHARGE_HOME_CHECK_NEEDED)
			continue;
		if (d->kind == K_BOOL)
			snprintf(buf, sizeof buf, "%s", val->i ? "Yes" : "No");
		else if (d->kind == K_DAY)
			dh_format_date(val->i, buf);
		else if (d->kind == K_VOCAB)
			snprintf(buf, sizeof buf, "%s", label_of(st, d->vocab, val->s));
		else
			snprintf(buf, sizeof buf, "%s", val->s ? val->s : "");
		if (!buf[0])
			continue;
		widget_summary_row(h, d->label, buf);
	}
	buf[0] = '\0';
	for (size_t i = 0; i < v->rec.nreasons; i++) {
		size_t used = strlen(buf);
		snprintf(buf + used, sizeof buf - used, "%s%s", i ? "; " : "", label_of(st, RV_REFERRAL_REASONS, v->rec.reasons[i]));
	}
	widget_summary_row(h, "Reasons for the referral", buf);
	html_close(h);
}

struct events_page {
	struct html *h;
	int n;
};

static void event_row(void *ctx, const struct referral_event *e)
{
	struct events_page *p = ctx;
	if (!e->to_status[0] || (e->from_status[0] && strcmp(e->from_status, e->to_status) == 0))
		return;
	char when[LONDON_FORMAT_LEN];
	london_format(e->at, when);
	html_open(p->h, "tr", "class", "nhsuk-table__row", NULL);
	widget_cell(p->h, status_words(e->to_status));
	widget_cell(p->h, when);
	html_close(p->h);
	p->n++;
}

static int referrer_page(struct http_req *req, struct http_resp *resp, int64_t id)
{
	int found, rc = -1;
	struct referral_view *v = referral_card_load(req->db, id, &found);
	struct triage_subject *s = malloc(sizeof *s);
	struct triage_decision_view *d = malloc(sizeof *d);
	struct casework_case *cc = calloc(1, sizeof *cc);
	struct case_vocab *reject = case_vocab_new(req->db, "rejection_reasons", NULL);
	struct case_vocab *closure = case_vocab_new(req->db, "closure_reasons", NULL);
	if (!v || !s || !d || !cc || !reject || !closure) {
		rc = found == 0 ? (http_not_found(req, resp), 0) : http_store_failed(req, resp);
		goto done;
	}
	int64_t case_id = 0;
	int nd = triage_decision_get(req->db, id, d), ns = triage_subject_get(req->db, id, req->now, s);
	int nc = casework_case_of_referral(req->db, id, &case_id);
	int got_case = nc > 0 && case_id ? casework_case_get(req->db, case_id, req->now, cc) : 0;
	if (nd < 0 || ns <= 0 || nc < 0 || got_case < 0) {
		rc = http_store_failed(req, resp);
		goto done;
	}
	char title[64];
	snprintf(title, sizeof title, "Referral %s", v->reference);
	struct web_page pg;
	web_begin(&pg, req, resp, title);
	struct html *h = &pg.h;
	html_elem(h, "a", "Back to your referrals", "class", "nhsuk-back-link", "href", "/referrals", NULL);
	html_open(h, "h1", NULL);
	html_elem(h, "span", v->reference, "class", "nhsuk-caption-l", NULL);
	html_textf(h, "%s %s", v->submitted[RF_PERSON_GIVEN_NAME].set ? v->submitted[RF_PERSON_GIVEN_NAME].s : "",
		   v->submitted[RF_PERSON_FAMILY_NAME].set ? v->submitted[RF_PERSON_FAMILY_NAME].s : "");
	html_close(h);

	/* Where it stands. */
	struct referral_outcome_in in = { .status = v->status, .tier = nd > 0 ? d->tier : "",
					  .rejection = nd > 0 && d->rejection_reason[0]
							       ? case_vocab_label(reject, d->rejection_reason)
							       : "",
					  .contacted = s->first_contact_at != KPI_NONE && s->first_contact_at > 0,
					  .case_closed = got_case > 0 && cc->s.closed_at != 0,
					  .dropout = got_case > 0 && cc->s.dropout,
					  .closure = got_case > 0 && cc->s.closure_reason[0]
							     ? case_vocab_label(closure, cc->s.closure_reason)
							     : "" };
	for (size_t i = 0; got_case > 0 && i < cc->nonward && in.nonward < OUTCOME_ONWARD_MAX; i++)
		if (cc->onward[i].v[CASE_I(ONWARD, service_name)].given)
			in.onward[in.nonward++] = cc->onward[i].v[CASE_I(ONWARD, service_name)].s;
	char outcome[OUTCOME_LEN], buf[400], when[LONDON_FORMAT_LEN];
	referral_outcome_text(&in, outcome, sizeof outcome);
	html_elem(h, "h2", "Where it has got to", "class", "nhsuk-heading-m", "id", "status", NULL);
	html_open(h, "dl", "class", "nhsuk-summary-list", "id", "status-list", NULL);
	widget_summary_open(h, "Status");
	widget_tag(h, status_words(v->status), referral_status_is_open(v->status) ? "blue" : "grey");
	html_close(h);
	html_close(h);
	widget_summary_row(h, "Outcome", outcome);
	london_format(v->received_at, when);
	widget_summary_row(h, "Received", when);
	if (got_case > 0) {
		char first[128] = "";
		snprintf(first, sizeof first, "%s", cc->s.worker_name);
		char *sp = strchr(first, ' ');
		if (sp)
			*sp = '\0';
		snprintf(buf, sizeof buf, "%s%s%s", cc->s.org_name, first[0] ? " (worker: " : "", first);
		if (first[0])
			strncat(buf, ")", sizeof buf - strlen(buf) - 1);
		widget_summary_row(h, "Held by", buf);
	} else {
		widget_summary_row(h, "Held by", strcmp(v->status, "received") == 0 ? "The hub (not yet triaged)" : "The hub");
	}
	if (in.contacted) {
		london_format(s->first_contact_at, when);
		widget_summary_row(h, "First contact with the person", when);
	} else {
		london_format(v->sla_due_at, when);
		snprintf(buf, sizeof buf, "Not yet (due by %s)", when);
		widget_summary_row(h, "First contact with the person", referral_status_is_open(v->status) ? buf : "None");
	}
	html_close(h);

	html_elem(h, "h2", "What has happened", "class", "nhsuk-heading-m", NULL);
	static const char *const cols[] = { "Status", "When" };
	widget_table_open(h, "Changes of status, oldest first", cols, 2);
	struct events_page ep = { h, 0 };
	if (referral_store_events(req->db, id, event_row, &ep) < 0) {
		layout_end(h);
		rc = http_store_failed(req, resp);
		goto done;
	}
	widget_table_close(h);

	what_was_sent(h, req->db, v);
	struct ops_ctx oc = http_ops_ctx(req);
	int may = ops_referral_correctable(&oc, v);
	if (may < 0) {
		layout_end(h);
		rc = http_store_failed(req, resp);
		goto done;
	}
	if (may) {
		char href[64];
		snprintf(href, sizeof href, "/referrals/%lld/correct", (long long)id);
		html_open(h, "p", NULL);
		html_elem(h, "a", "Correct what you sent", "href", href, NULL);
		html_text(h, " (until the hub reads it)");
		html_close(h);
	}
	if (referral_status_is_open(v->status)) {
		char href[64];
		snprintf(href, sizeof href, "/referrals/%lld/withdraw", (long long)id);
		html_open(h, "p", NULL);
		html_elem(h, "a", "Withdraw this referral", "href", href, NULL);
		html_close(h);
	}
	if (req->auth.role == ROLE_REFERRER && authz_allows(req->auth.role, PERM_STORY_SUBMIT)) {
		char href[64];
		snprintf(href, sizeof href, "/stories/new?referral=%lld", (long long)id);
		html_open(h, "p", NULL);
		html_elem(h, "a", "Add a case study or unexpected outcome", "href", href, NULL);
		html_text(h, " (with the person's consent)");
		html_close(h);
	}
	http_audit(req, AUDIT_REFERRAL_READ, "referral", id, 0, "referrer page");
	rc = web_end(&pg, resp, 200);
done:
	free(v);
	free(s);
	free(d);
	if (cc)
		casework_case_free(cc);
	free(cc);
	free(reject);
	free(closure);
	return rc;
}

static int referral_page(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	struct ops_ctx c = http_ops_ctx(req);
	int access = ops_referral_access(&c, id);
	if (access < 0)
		return http_store_failed(req, resp);
	if (access == OPS_REFERRAL_NONE) {
		http_not_found(req, resp);
		return 0;
	}
	if (access == OPS_REFERRAL_FULL) {
		/* The hub triages it; the organisation holding the case works on it. */
		char loc[64];
		int64_t case_id = 0;
		if (ops_is_hub(&c)) {
			snprintf(loc, sizeof loc, "/triage/%lld", (long long)id);
		} else {
			if (casework_case_of_referral(req->db, id, &case_id) < 0)
				return http_store_failed(req, resp);
			snprintf(loc, sizeof loc, "/cases/%lld", (long long)case_id);
		}
		return http_redirect(resp, loc);
	}
	return referrer_page(req, resp, id);
}

/* ---- Correcting what was sent, while it is unread ---- */

/* A vocabulary as form options (after a "" prompt); labels and codes borrowed from the reference data. */
static void vocab_options(struct store *st, enum referral_vocab vocab, const char *prompt, struct form_option *o, size_t max)
{
	const struct referral_refs *refs = referral_refs_app(st);
	size_t n = 0;
	o[n++] = (struct form_option){ "", prompt };
	for (size_t i = 0; refs && i < refs->vocab[vocab].n && n + 1 < max; i++)
		o[n++] = (struct form_option){ refs->vocab[vocab].e[i].code, refs->vocab[vocab].e[i].label };
	o[n] = (struct form_option){ NULL, NULL };
}

static int correct_form(struct http_req *req, struct http_resp *resp, int64_t id, const struct field_errors *fe,
			unsigned status)
{
	int found;
	struct referral_view *v = referral_card_load(req->db, id, &found);
	if (!v)
		return found == 0 ? (http_not_found(req, resp), 0) : http_store_failed(req, resp);
	struct ops_ctx c = http_ops_ctx(req);
	if (v->referrer_user_id != req->auth.user_id) {
		/* Staff with the referral see it on their own pages. */
		free(v);
		char loc[48];
		snprintf(loc, sizeof loc, "/referrals/%lld", (long long)id);
		return http_redirect(resp, loc);
	}
	int may = ops_referral_correctable(&c, v);
	if (may < 0) {
		free(v);
		return http_store_failed(req, resp);
	}
	char title[80], back[48], action[64];
	snprintf(title, sizeof title, "Correct referral %s", v->reference);
	snprintf(back, sizeof back, "/referrals/%lld", (long long)id);
	snprintf(action, sizeof action, "/referrals/%lld/correct", (long long)id);
	struct web_page pg;
	web_begin_errors(&pg, req, resp, title, fe);
	struct html *h = &pg.h;
	html_elem(h, "a", "Back to the referral", "class", "nhsuk-back-link", "href", back, NULL);
	html_elem(h, "h1", title, NULL);
	if (!may) {
		html_elem(h, "p", "The hub has already read this referral, so it cannot be changed here. Call the hub if "
				  "something in it is wrong.", "id", "status", NULL);
		free(v);
		return web_end(&pg, resp, fe ? status : 409);
	}
	html_elem(h, "p", "You can correct these until the hub reads the referral. The person's name, date of birth and "
			  "the reasons stay as sent.", NULL);
	form_begin(h, action, req->auth.csrf[0] ? req->auth.csrf : NULL);
	struct form_option opts[48];
	for (int i = 0; i < REFERRAL_CORRECT_N; i++) {
		int f = referral_correct_fields[i];
		const struct referral_field_desc *d = &referral_fields[f];
		const struct referral_value *val = d->where == W_PS && v->submitted[f].set ? &v->submitted[f] : &v->rec.v[f];
		const char *posted = fe ? http_form(req, d->path) : NULL;
		struct form_field ff = { .name = d->path, .label = d->label, .hint = d->hint,
					 .value = posted ? posted : val->set && val->s ? val->s : "", .errors = fe };
		if (d->kind == K_VOCAB) {
			vocab_options(req->db, d->vocab, "Not given", opts, sizeof opts / sizeof opts[0]);
			form_select(h, &ff, opts);
		} else if (d->kind == K_LONGTEXT) {
			form_textarea(h, &ff, 5);
		} else {
			ff.type = d->kind == K_EMAIL ? "email" : d->kind == K_PHONE ? "tel" : NULL;
			form_input(h, &ff);
		}
	}
	form_button(h, "Save the correction");
	form_end(h);
	http_audit(req, AUDIT_REFERRAL_READ, "referral", id, 0, "referrer correction");
	free(v);
	return web_end(&pg, resp, status);
}

static int correct_get(struct http_req *req, struct http_resp *resp)
{
	return web_id_show(req, resp, correct_form);
}

static int correct_post(struct http_req *req, struct http_resp *resp)
{
	struct web_post p;
	if (!web_post_id(&p, req, resp))
		return p.rc;
	const char *values[REFERRAL_CORRECT_N];
	for (int i = 0; i < REFERRAL_CORRECT_N; i++)
		values[i] = http_form(req, referral_fields[referral_correct_fields[i]].path);
	return web_post_done(&p, req, resp, ops_referral_correct(&p.c, p.id, values, p.fe),
			     "/referrals/%lld?done=corrected", correct_form, "The referral was not corrected");
}

const struct route web_referral_page_routes[] = {
	{ "GET", "/referrals/{id}", referral_page, PERM_REFERRAL_READ,
	  "A referral's page: for its referrer what they sent, status with dates, holder, first contact, outcome", "referral" },
	{ "GET", "/referrals/{id}/correct", correct_get, PERM_REFERRAL_READ,
	  "Correct what was sent (contact details, details, urgency) while the hub has not read it", "referral" },
	{ "POST", "/referrals/{id}/correct", correct_post, PERM_REFERRAL_READ,
	  "Save a referrer's correction (checked as at intake; audited)", "referral" },
	{ 0 },
};
