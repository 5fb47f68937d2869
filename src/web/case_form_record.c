/* The recording forms of a case: onward referrals and their closed-loop
 * status, unmet needs, safeguarding concerns (added, never changed or
 * deleted), consent to represent, case studies, closure and drop-out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/internal.h"
#include "store/directory.h"
#include "web/case_forms.h"
#include "web/widgets.h"

/* ---- Onward referral ---- */

int case_directory_exists(void)
{
	const char *params[HTTP_MAX_PARAMS];
	int np, mismatch;
	char scratch[64];
	return http_route_match("GET", "/directory", params, &np, &mismatch, scratch, sizeof scratch) != NULL;
}

static int onward_fields(struct html *h, struct http_req *req, const struct casework_summary *s,
			 const struct field_errors *fe)
{
	/* Chosen in the directory: this page asks first, naming the service, before anything is saved. */
	const char *sid = http_query(req, "service_id");
	if (!sid)
		sid = http_form(req, "service_id");
	char *end;
	long long svc_id = sid && *sid ? strtoll(sid, &end, 10) : 0;
	if (svc_id > 0 && !*end) {
		struct directory_service *svc = malloc(sizeof *svc);
		int r = svc ? directory_service_get(req->db, svc_id, svc) : -1;
		if (r < 0) {
			free(svc);
			return -1;
		}
		if (r > 0) {
			char idtext[24];
			snprintf(idtext, sizeof idtext, "%lld", svc_id);
			html_open(h, "div", "class", "nhsuk-inset-text", "id", "refer-on-to", NULL);
			html_open(h, "p", NULL);
			html_text(h, "Refer on to ");
			html_elem(h, "strong", svc->rec.v[SF_NAME], NULL);
			html_text(h, "? Check the details, then save to make the referral.");
			html_close(h);
			html_close(h);
			html_void(h, "input", "type", "hidden", "name", "service_id", "value", idtext, NULL);
			free(svc);
			return case_form_out(h, req, CR_ONWARD, fe, NULL, 1u << (CASE_I(ONWARD, service_name)));
		}
		free(svc);
	}
	if (case_directory_exists()) {
		char href[64];
		snprintf(href, sizeof href, "/directory?case=%lld", (long long)s->id);
		html_open(h, "p", "class", "nhsuk-body", NULL);
		html_text(h, "To refer to a service in the community directory, ");
		html_elem(h, "a", "search the directory", "href", href, NULL);
		html_text(h, ". For any other service, give its name here.");
		html_close(h);
	}
	return case_form_out(h, req, CR_ONWARD, fe, NULL, 0);
}

/* A service from the directory is named by its id: the service's own name. */
static int onward_read(struct http_req *req, struct ops_case_in *in, struct field_errors *fe)
{
	struct case_value *id = &in->v[CASE_I(ONWARD, service_id)];
	if (!id->given)
		return 0;
	struct directory_service *svc = malloc(sizeof *svc);
	if (!svc)
		return -1;
	int r = id->n <= 0 ? 0 : directory_service_get(req->db, id->n, svc);
	if (r == 0)
		fielderr_add(fe, "service_name", "That service is not in the directory; give the service's name");
	else if (r > 0)
		in->v[CASE_I(ONWARD, service_name)] =
			(struct case_value){ strncpy(in->text, svc->rec.v[SF_NAME], sizeof in->text - 1), 0, 1 };
	free(svc);
	return r < 0 ? -1 : r == 0;
}

static int64_t onward_id_of(struct http_req *req)
{
	return case_record_id(req, "onward_id", "onward");
}

/* The onward referral of the request in c, or NULL. */
static const struct casework_onward *onward_in(const struct casework_case *c, int64_t id)
{
	for (size_t i = 0; i < c->nonward; i++)
		if (c->onward[i].id == id)
			return &c->onward[i];
	return NULL;
}

static int has_onward(const struct casework_case *c, int64_t id)
{
	return onward_in(c, id) != NULL;
}

static int status_pre(struct http_req *req, struct http_resp *resp, const struct casework_summary *s, int *rc)
{
	return case_pre_record(req, resp, s, rc, onward_id_of(req), has_onward);
}

static int status_fields(struct html *h, struct http_req *req, const struct casework_summary *s,
			 const struct field_errors *fe)
{
	struct casework_case *c = case_full_load(req, s->id);
	struct case_vocab *st = case_vocab_new(req->db, "onward_referral_statuses", NULL);
	int rc = -1;
	if (!c || !st)
		goto done;
	const struct casework_onward *o = onward_in(c, onward_id_of(req));
	struct form_option next[CASE_VOCAB_MAX + 1];
	size_t n = 0;
	if (!o) {
		/* None named: ask which open one, and offer every status (the store checks the move). */
		struct case_choice *choice = case_choice_new(c->nonward);
		if (!choice)
			goto done;
		for (size_t i = 0; i < c->nonward; i++)
			if (case_vocab_extra(st, c->onward[i].status)[0])
				case_choice_add(choice, c->onward[i].id, c->onward[i].v[CASE_I(ONWARD, service_name)].s);
		if (!choice->n) {
			html_elem(h, "p", "There are no onward referrals waiting for news on this case.", "class", "nhsuk-body",
				  NULL);
			case_choice_free(choice);
			rc = 1;
			goto done;
		}
		form_radios(h, &(struct form_field){ .name = "onward_id", .label = "Which referral?",
						     .value = http_form(req, "onward_id"), .errors = fe },
			    choice->opts);
		case_choice_free(choice);
		for (int i = 0; i < st->n; i++)
			if (strcmp(st->code[i], "made") != 0)
				next[n++] = (struct form_option){ st->code[i], st->label[i] };
		next[n] = (struct form_option){ NULL, NULL };
	} else {
		char v[24], made[48];
		snprintf(v, sizeof v, "%lld", (long long)o->id);
		html_void(h, "input", "type", "hidden", "name", "onward_id", "value", v, NULL);
		html_open(h, "dl", "class", "nhsuk-summary-list", NULL);
		widget_summary_row(h, "Service", o->v[CASE_I(ONWARD, service_name)].s);
		case_date(o->made_at, made, sizeof made);
		widget_summary_row(h, "Referred", made);
		widget_summary_row(h, "Status now", case_vocab_label(st, o->status));
		html_close(h);
		/* Only the moves the vocabulary allows from here (its extra column). */
		char allowed[160];
		snprintf(allowed, sizeof allowed, " %s ", case_vocab_extra(st, o->status));
		for (int i = 0; i < st->n && n < CASE_VOCAB_MAX; i++) {
			char code[48];
			snprintf(code, sizeof code, " %s ", st->code[i]);
			if (strstr(allowed, code))
				next[n++] = (struct form_option){ st->code[i], st->label[i] };
		}
		next[n] = (struct form_option){ NULL, NULL };
		if (!n) {
			html_elem(h, "p", "This referral's status is final: the loop is closed.", "class", "nhsuk-body", NULL);
			rc = 1;
			goto done;
		}
	}
	form_radios(h, &(struct form_field){ .name = "status", .label = "New status", .value = http_form(req, "status"),
					     .errors = fe },
		    next);
	form_textarea(h, &(struct form_field){ .name = "note", .label = "Note (optional)", .value = http_form(req, "note"),
					       .errors = fe },
		      3);
	rc = 0;
done:
	case_full_free(c);
	free(st);
	return rc;
}

static int status_read(struct http_req *req, struct ops_case_in *in, struct field_errors *fe)
{
	in->record_id = onward_id_of(req);
	if (in->record_id > 0)
		return 0;
	fielderr_add(fe, "onward_id", "Choose the referral");
	if (!in->v[CASE_I(ONWARD_STATUS, status)].given)
		fielderr_add(fe, "status", "Choose the new status");
	return 1;
}

/* ---- Unmet need ---- */

/* ---- Safeguarding concern ---- */

static int concern_fields(struct html *h, struct http_req *req, const struct casework_summary *s,
			  const struct field_errors *fe)
{
	(void)s;
	html_open(h, "div", "class", "nhsuk-warning-callout", NULL);
	html_open(h, "h2", "class", "nhsuk-warning-callout__label", NULL);
	html_elem(h, "span", "Important: ", "class", "nhsuk-u-visually-hidden", NULL);
	html_text(h, "A concern cannot be changed or deleted");
	html_close(h);
	html_elem(h, "p", "Once saved, the concern stays on the case for good. If something was wrong, record another "
			  "concern that says so. Follow your organisation's safeguarding procedure as well.",
		  NULL);
	html_close(h);
	return case_form_out(h, req, CR_CONCERN, fe, NULL, 0);
}

/* ---- Consent to represent ---- */

/* ---- Closure and drop-out ---- */

static int close_fields(struct html *h, struct http_req *req, const struct casework_summary *s,
			const struct field_errors *fe)
{
	struct case_vocab *reasons = case_vocab_new(req->db, "closure_reasons", NULL);
	if (!reasons)
		return -1;
	if (!s->has_follow_up)
		widget_inset(h, "No follow-up measure has been recorded. Record one before closing if you can, so that the "
				"change can be seen.");
	/* Unable to contact is the drop-out's own form. */
	size_t k = 0;
	for (int i = 0; reasons->opts[i].value; i++)
		if (strcmp(reasons->opts[i].value, "unable_to_contact") != 0)
			reasons->opts[k++] = reasons->opts[i];
	reasons->opts[k] = (struct form_option){ NULL, NULL };
	form_radios(h, &(struct form_field){ .name = "reason", .label = "Why is the case closing?",
					     .value = http_form(req, "reason"), .errors = fe },
		    reasons->opts);
	free(reasons);
	return case_form_out(h, req, CR_CLOSE, fe, NULL, 1u << CASE_I(CLOSE, reason));
}

static int dropout_fields(struct html *h, struct http_req *req, const struct casework_summary *s,
			  const struct field_errors *fe)
{
	(void)fe;
	int needed = casework_dropout_attempts(req->db);
	html_open(h, "p", "class", "nhsuk-body", NULL);
	html_textf(h, "%d unsuccessful contact attempt%s since the last contact or session; a case can be closed as "
		      "unable to contact after %d.",
		   s->attempts_since_contact, s->attempts_since_contact == 1 ? " has been recorded" : "s have been recorded",
		   needed);
	html_close(h);
	if (s->attempts_since_contact < needed) {
		html_elem(h, "p", "Keep trying: record each attempt on the referral's contacts.", "class", "nhsuk-body", NULL);
		return 1;
	}
	html_elem(h, "p", "The case will be closed as unable to contact and counted as a drop-out.", "class", "nhsuk-body",
		  NULL);
	return 0;
}

const struct case_form case_form_onward = { "onward", "Refer on", "Save onward referral", "onward", OPS_CASE_ONWARD,
					    onward_fields, onward_read, NULL };
const struct case_form case_form_onward_status = { "onward-status", "Update an onward referral", "Save status", "onward",
						   OPS_CASE_ONWARD_STATUS, status_fields, status_read, status_pre };
const struct case_form case_form_unmet = { "unmet-need", "Record an unmet need", "Save unmet need", "unmet",
					   OPS_CASE_UNMET, NULL, NULL, NULL };
const struct case_form case_form_safeguarding = { "safeguarding", "Record a safeguarding concern", "Save concern",
						  "safeguarding", OPS_CASE_CONCERN, concern_fields, NULL, NULL };
const struct case_form case_form_consent = { "consent", "Record consent to represent", "Save consent", "consents",
					     OPS_CASE_CONSENT, NULL, NULL, NULL };
const struct case_form case_form_study = { "case-study", "Add a case study", "Save case study", "case-studies",
					   OPS_CASE_STUDY, NULL, NULL, NULL };
const struct case_form case_form_close = { "close", "Close the case", "Close case", NULL, OPS_CASE_CLOSE, close_fields,
					   NULL, NULL };
const struct case_form case_form_dropout = { "drop-out", "Close as unable to contact", "Close as unable to contact",
					     NULL, OPS_CASE_DROPOUT, dropout_fields, NULL, NULL };
