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

static const char *blank_null(const char *s)
{
	return s && *s ? s : NULL;
}

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
	struct case_vocab *domains = case_vocab_new(req->db, "need_domains", "Not given");
	if (!domains)
		return -1;
	if (case_directory_exists()) {
		char href[64];
		snprintf(href, sizeof href, "/directory?case=%lld", (long long)s->id);
		html_open(h, "p", "class", "nhsuk-body", NULL);
		html_text(h, "To refer to a service in the community directory, ");
		html_elem(h, "a", "search the directory", "href", href, NULL);
		html_text(h, ". For any other service, give its name here.");
		html_close(h);
	}
	form_input(h, &(struct form_field){ .name = "service_name", .label = "Service or organisation",
					    .value = http_form(req, "service_name"), .errors = fe });
	form_select(h, &(struct form_field){ .name = "domain", .label = "Need it meets (optional)",
					     .value = http_form(req, "domain"), .errors = fe },
		    domains->opts);
	free(domains);
	form_textarea(h, &(struct form_field){ .name = "note", .label = "Note (optional)", .value = http_form(req, "note"),
					       .errors = fe },
		      3);
	return 0;
}

static enum casework_result onward_save(struct http_req *req, const struct casework_who *w, struct field_errors *fe,
					struct casework_conflict *cf, struct case_saved *out)
{
	struct casework_onward_rq rq = { .service_name = http_form(req, "service_name"),
					 .domain = blank_null(http_form(req, "domain")), .note = http_form(req, "note") };
	const char *sid = http_form(req, "service_id");
	struct directory_service *svc = NULL;
	if (sid && *sid) {
		/* From the directory: the service's own name. */
		char *end;
		long long v = strtoll(sid, &end, 10);
		svc = malloc(sizeof *svc);
		if (!svc)
			return CASEWORK_ERROR;
		int r = *end || v <= 0 ? 0 : directory_service_get(req->db, v, svc);
		if (r < 0) {
			free(svc);
			return CASEWORK_ERROR;
		}
		if (r == 0) {
			fielderr_add(fe, "service_name", "That service is not in the directory; give the service's name");
		} else {
			rq.service_id = v;
			rq.service_name = svc->rec.v[SF_NAME];
		}
	}
	enum casework_result r;
	int64_t id = 0;
	CASE_STORE_WRITE(r, fe, casework_onward_add(req->db, w, &rq, &id, sfe, cf));
	free(svc);
	snprintf(out->detail, sizeof out->detail, "onward referral %lld", (long long)id);
	return r;
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
				case_choice_add(choice, c->onward[i].id, c->onward[i].service_name);
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
		widget_summary_row(h, "Service", o->service_name);
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

static enum casework_result status_save(struct http_req *req, const struct casework_who *w, struct field_errors *fe,
					struct casework_conflict *cf, struct case_saved *out)
{
	int64_t id = onward_id_of(req);
	const char *status = http_form(req, "status");
	if (id <= 0) {
		fielderr_add(fe, "onward_id", "Choose the referral");
		if (!status || !*status)
			fielderr_add(fe, "status", "Choose the new status");
		return CASEWORK_INVALID;
	}
	enum casework_result r;
	CASE_STORE_WRITE(r, fe, casework_onward_status(req->db, w, id, status, http_form(req, "note"), sfe, cf));
	snprintf(out->detail, sizeof out->detail, "onward referral %lld %.40s", (long long)id, status ? status : "");
	return r;
}

/* ---- Unmet need ---- */

static int unmet_fields(struct html *h, struct http_req *req, const struct casework_summary *s,
			const struct field_errors *fe)
{
	(void)s;
	struct case_vocab *domains = case_vocab_new(req->db, "need_domains", "Not given");
	struct case_vocab *areas = case_areas_new(req->db, "The person's area");
	int rc = -1;
	if (!domains || !areas)
		goto done;
	form_input(h, &(struct form_field){ .name = "need", .label = "What could not be met",
					    .hint = "For example, no befriending group within reach",
					    .value = http_form(req, "need"), .errors = fe });
	form_select(h, &(struct form_field){ .name = "domain", .label = "Area of need (optional)",
					     .value = http_form(req, "domain"), .errors = fe },
		    domains->opts);
	form_select(h, &(struct form_field){ .name = "area", .label = "Where", .value = http_form(req, "area"), .errors = fe },
		    areas->opts);
	form_textarea(h, &(struct form_field){ .name = "note", .label = "Note (optional)", .value = http_form(req, "note"),
					       .errors = fe },
		      3);
	rc = 0;
done:
	free(domains);
	free(areas);
	return rc;
}

static enum casework_result unmet_save(struct http_req *req, const struct casework_who *w, struct field_errors *fe,
				       struct casework_conflict *cf, struct case_saved *out)
{
	struct casework_unmet_rq rq = { http_form(req, "need"), blank_null(http_form(req, "domain")),
					blank_null(http_form(req, "area")), http_form(req, "note") };
	enum casework_result r;
	int64_t id = 0;
	CASE_STORE_WRITE(r, fe, casework_unmet_add(req->db, w, &rq, &id, sfe, cf));
	snprintf(out->detail, sizeof out->detail, "unmet need %lld", (long long)id);
	return r;
}

/* ---- Safeguarding concern ---- */

static int concern_fields(struct html *h, struct http_req *req, const struct casework_summary *s,
			  const struct field_errors *fe)
{
	(void)s;
	struct case_vocab *cats = case_vocab_new(req->db, "safeguarding_categories", "Choose a category");
	if (!cats)
		return -1;
	html_open(h, "div", "class", "nhsuk-warning-callout", NULL);
	html_open(h, "h2", "class", "nhsuk-warning-callout__label", NULL);
	html_elem(h, "span", "Important: ", "class", "nhsuk-u-visually-hidden", NULL);
	html_text(h, "A concern cannot be changed or deleted");
	html_close(h);
	html_elem(h, "p", "Once saved, the concern stays on the case for good. If something was wrong, record another "
			  "concern that says so. Follow your organisation's safeguarding procedure as well.",
		  NULL);
	html_close(h);
	form_select(h, &(struct form_field){ .name = "category", .label = "Category", .value = http_form(req, "category"),
					     .errors = fe },
		    cats->opts);
	free(cats);
	form_textarea(h, &(struct form_field){ .name = "concern", .label = "What was seen or said",
					       .value = http_form(req, "concern"), .errors = fe },
		      4);
	form_textarea(h, &(struct form_field){ .name = "action", .label = "What was done",
					       .value = http_form(req, "action"), .errors = fe },
		      3);
	form_input(h, &(struct form_field){ .name = "escalated_to", .label = "Escalated to",
					    .hint = "Who it was reported to, if anyone, for example adult social care",
					    .value = http_form(req, "escalated_to"), .errors = fe });
	case_date_field(h, req, "raised_at", "Date of the concern", fe);
	return 0;
}

static enum casework_result concern_save(struct http_req *req, const struct casework_who *w, struct field_errors *fe,
					 struct casework_conflict *cf, struct case_saved *out)
{
	struct casework_concern_rq rq = { http_form(req, "category"), http_form(req, "concern"), http_form(req, "action"),
					  http_form(req, "escalated_to"), 0 };
	case_date_posted(req, "raised_at", fe, &rq.raised_at);
	enum casework_result r;
	int64_t id = 0;
	CASE_STORE_WRITE(r, fe, casework_concern_add(req->db, w, &rq, &id, sfe, cf));
	snprintf(out->detail, sizeof out->detail, "safeguarding concern %lld %.40s", (long long)id,
		 rq.category ? rq.category : "");
	return r;
}

/* ---- Consent to represent ---- */

static int consent_fields(struct html *h, struct http_req *req, const struct casework_summary *s,
			  const struct field_errors *fe)
{
	(void)s;
	form_input(h, &(struct form_field){ .name = "third_party", .label = "Who you may speak to for the person",
					    .hint = "For example, their housing association or the Department for Work and Pensions",
					    .value = http_form(req, "third_party"), .errors = fe });
	form_input(h, &(struct form_field){ .name = "purpose", .label = "What for", .value = http_form(req, "purpose"),
					    .errors = fe });
	case_date_field(h, req, "given_at", "Date the person gave consent", fe);
	return 0;
}

static enum casework_result consent_save(struct http_req *req, const struct casework_who *w, struct field_errors *fe,
					 struct casework_conflict *cf, struct case_saved *out)
{
	struct casework_consent_rq rq = { http_form(req, "third_party"), http_form(req, "purpose"), 0 };
	case_date_posted(req, "given_at", fe, &rq.given_at);
	enum casework_result r;
	int64_t id = 0;
	CASE_STORE_WRITE(r, fe, casework_consent_add(req->db, w, &rq, &id, sfe, cf));
	snprintf(out->detail, sizeof out->detail, "consent %lld", (long long)id);
	return r;
}

/* ---- Case study ---- */

static int study_fields(struct html *h, struct http_req *req, const struct casework_summary *s,
			const struct field_errors *fe)
{
	(void)s;
	form_textarea(h, &(struct form_field){ .name = "story", .label = "The story",
					       .hint = "What happened for the person, without details that would identify them",
					       .value = http_form(req, "story"), .errors = fe },
		      6);
	form_textarea(h, &(struct form_field){ .name = "unexpected_outcomes", .label = "Unexpected outcomes (optional)",
					       .value = http_form(req, "unexpected_outcomes"), .errors = fe },
		      3);
	static const struct form_option yes[] = { { "yes", "The person agrees to their story being used as a case study" },
						  { NULL, NULL } };
	const char *c = http_form(req, "consent");
	const char *checked[] = { c, NULL };
	form_checkboxes(h, &(struct form_field){ .name = "consent", .label = "Consent", .errors = fe }, yes,
			c ? checked : NULL);
	return 0;
}

static enum casework_result study_save(struct http_req *req, const struct casework_who *w, struct field_errors *fe,
				       struct casework_conflict *cf, struct case_saved *out)
{
	const char *c = http_form(req, "consent");
	struct casework_study_rq rq = { http_form(req, "story"), http_form(req, "unexpected_outcomes"),
					c && strcmp(c, "yes") == 0 };
	enum casework_result r;
	int64_t id = 0;
	CASE_STORE_WRITE(r, fe, casework_study_add(req->db, w, &rq, &id, sfe, cf));
	snprintf(out->detail, sizeof out->detail, "case study %lld", (long long)id);
	return r;
}

/* ---- Closure and drop-out ---- */

static const struct form_option yes_no[] = { { "yes", "Yes" }, { "no", "No" }, { NULL, NULL } };

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
	form_radios(h, &(struct form_field){ .name = "continuing_support", .label = "Is continuing support arranged?",
					     .hint = "Such as a group, a service or a volunteer the person will keep seeing",
					     .value = http_form(req, "continuing_support"), .errors = fe },
		    yes_no);
	form_textarea(h, &(struct form_field){ .name = "note", .label = "Note (optional)", .value = http_form(req, "note"),
					       .errors = fe },
		      3);
	return 0;
}

static enum casework_result close_save(struct http_req *req, const struct casework_who *w, struct field_errors *fe,
				       struct casework_conflict *cf, struct case_saved *out)
{
	const char *cs = http_form(req, "continuing_support");
	struct casework_close_rq rq = { http_form(req, "reason"),
					!cs ? -1 : strcmp(cs, "yes") == 0 ? 1 : strcmp(cs, "no") == 0 ? 0 : -1,
					http_form(req, "note") };
	enum casework_result r;
	CASE_STORE_WRITE(r, fe, casework_close(req->db, w, &rq, sfe, cf));
	snprintf(out->detail, sizeof out->detail, "closed %.40s", rq.reason ? rq.reason : "");
	out->anchor = NULL;
	return r;
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

static enum casework_result dropout_save(struct http_req *req, const struct casework_who *w, struct field_errors *fe,
					 struct casework_conflict *cf, struct case_saved *out)
{
	(void)fe;
	int attempts = 0;
	enum casework_result r = casework_dropout(req->db, w, &attempts, cf);
	snprintf(out->detail, sizeof out->detail, "drop-out after %d attempts", attempts);
	out->anchor = NULL;
	return r;
}

const struct case_form case_form_onward = { "onward", "Refer on", "Save onward referral", "onward", AUDIT_CASE_ONWARD,
					    0, NULL, onward_fields, onward_save, NULL };
const struct case_form case_form_onward_status = { "onward-status", "Update an onward referral", "Save status", "onward",
						   AUDIT_CASE_ONWARD_STATUS, 1, "status", status_fields, status_save,
						   status_pre };
const struct case_form case_form_unmet = { "unmet-need", "Record an unmet need", "Save unmet need", "unmet",
					   AUDIT_CASE_UNMET_NEED, 1, NULL, unmet_fields, unmet_save, NULL };
const struct case_form case_form_safeguarding = { "safeguarding", "Record a safeguarding concern", "Save concern",
						  "safeguarding", AUDIT_CASE_SAFEGUARDING, 1, NULL, concern_fields,
						  concern_save, NULL };
const struct case_form case_form_consent = { "consent", "Record consent to represent", "Save consent", "consents",
					     AUDIT_CASE_CONSENT, 0, NULL, consent_fields, consent_save, NULL };
const struct case_form case_form_study = { "case-study", "Add a case study", "Save case study", "case-studies",
					   AUDIT_CASE_CASE_STUDY, 1, NULL, study_fields, study_save, NULL };
const struct case_form case_form_close = { "close", "Close the case", "Close case", NULL, AUDIT_CASE_CLOSE, 0, NULL,
					   close_fields, close_save, NULL };
const struct case_form case_form_dropout = { "drop-out", "Close as unable to contact", "Close as unable to contact",
					     NULL, AUDIT_CASE_DROPOUT, 0, NULL, dropout_fields, dropout_save, NULL };
