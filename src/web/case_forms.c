/* The forms of a case, each its own page at /cases/{id}/<form> (GET shows
 * it, with a read audit event; POST saves it through ops/casework.c): one
 * table says each form's title, fields and operation; two handlers serve
 * them all. A problem shows the form again with an error summary. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/audit_req.h"
#include "http/internal.h"
#include "http/ops_reply.h"
#include "util/text.h"
#include "web/case_forms.h"
#include "web/widgets.h"

#define CASE_PATH_PREFIX "/cases/{id}/"

static const struct case_form *const case_forms[] = {
	&case_form_session, &case_form_measure, &case_form_assessment, &case_form_goal, &case_form_goal_progress,
	&case_form_onward, &case_form_onward_status, &case_form_unmet, &case_form_safeguarding, &case_form_consent,
	&case_form_study, &case_form_close, &case_form_dropout,
};

/* The form a route serves, by the end of its path. */
static const struct case_form *form_of(const struct http_req *req)
{
	const char *slug = req->route->pattern + strlen(CASE_PATH_PREFIX);
	for (size_t i = 0; i < sizeof case_forms / sizeof case_forms[0]; i++)
		if (strcmp(case_forms[i]->slug, slug) == 0)
			return case_forms[i];
	return NULL;
}

int64_t case_record_id(struct http_req *req, const char *field, const char *param)
{
	const char *v = http_form(req, field);
	if (!v)
		v = http_query(req, param);
	return v ? strtoll(v, NULL, 10) : 0;
}

int case_pre_record(struct http_req *req, struct http_resp *resp, const struct casework_summary *s, int *rc,
		    int64_t id, int (*has)(const struct casework_case *c, int64_t id))
{
	if (!id)
		return 0; /* the form asks which */
	struct casework_case *c = case_full_load(req, s->id);
	int found = c && has(c, id);
	*rc = 0;
	if (!c)
		*rc = http_store_failed(req, resp);
	else if (!found)
		http_not_found(req, resp);
	case_full_free(c);
	return !found;
}

/* The form's page, with fe's problems and an optional notice. */
static int form_page(struct http_req *req, struct http_resp *resp, const struct case_form *f,
		     const struct casework_summary *s, const struct field_errors *fe, unsigned status, const char *notice,
		     int with_form)
{
	char back[48], action[80];
	snprintf(back, sizeof back, "/cases/%lld", (long long)s->id);
	snprintf(action, sizeof action, "/cases/%lld/%s", (long long)s->id, f->slug);
	struct web_page pg;
	web_begin_errors(&pg, req, resp, f->title, fe);
	struct html *h = &pg.h;
	html_elem(h, "a", "Back to the case", "class", "nhsuk-back-link", "href", back, NULL);
	html_open(h, "h1", NULL);
	html_elem(h, "span", s->person_name, "class", "nhsuk-caption-l", NULL);
	html_text(h, f->title);
	html_close(h);
	if (notice)
		widget_inset(h, notice);
	int offered = 0;
	if (with_form) {
		form_begin(h, action, req->auth.csrf[0] ? req->auth.csrf : NULL);
		int r = f->fields ? f->fields(h, req, s, fe) : case_form_out(h, req, ops_case_rec[f->op], fe, NULL, 0);
		if (r < 0) {
			layout_end(h);
			return http_store_failed(req, resp);
		}
		offered = r == 0;
		if (offered)
			form_button(h, f->button);
		form_end(h);
	}
	html_open(h, "p", "class", "nhsuk-body", NULL);
	html_elem(h, "a", offered ? "Cancel and go back to the case" : "Go back to the case", "href", back, NULL);
	html_close(h);
	return web_end(&pg, resp, status);
}

static int closed_notice(const struct case_form *f, const struct casework_summary *s)
{
	return s->closed_at && ops_case_open_only(f->op);
}

static int case_form_get(struct http_req *req, struct http_resp *resp)
{
	const struct case_form *f = form_of(req);
	struct casework_summary *s = malloc(sizeof *s);
	if (!f || !s) {
		free(s);
		return -1;
	}
	int rc = 0;
	char detail[48];
	snprintf(detail, sizeof detail, "form %s", f->slug);
	if (case_page_summary(req, resp, s)) {
		if (!f->pre || !f->pre(req, resp, s, &rc))
			rc = form_page(req, resp, f, s, NULL, 200, closed_notice(f, s) ? "This case is closed." : NULL,
				       !closed_notice(f, s));
		/* A page shown is a read of the person's record (a record not the case's is not). */
		if (resp->status == 200 && http_audit(req, AUDIT_CASE_READ, "case", s->id, s->person_id, detail))
			rc = http_store_failed(req, resp);
	}
	free(s);
	return rc;
}

/* The store's names of fields the form names otherwise: answers[i] is question
 * answer_<i+1>; needs[i].level the radios of the need's domain. */
static void form_names(struct field_errors *fe, const struct ops_case_in *in)
{
	for (size_t i = 0; i < fe->n; i++) {
		char *f = fe->e[i].field, part[16] = "";
		unsigned k;
		if (sscanf(f, "answers[%u]", &k) == 1)
			snprintf(f, sizeof fe->e[i].field, "answer_%u", k + 1);
		else if (sscanf(f, "needs[%u].%15s", &k, part) == 2 && k < in->nneeds)
			snprintf(f, sizeof fe->e[i].field, "need_%.40s%s", in->needs[k][CASE_I(NEED, domain)].s,
				 strcmp(part, "note") == 0 ? "_note" : "");
	}
}

static int case_form_post(struct http_req *req, struct http_resp *resp)
{
	const struct case_form *f = form_of(req);
	struct casework_summary *s = malloc(sizeof *s);
	struct field_errors *fe = ops_fielderr_new();
	struct ops_case_in *in = calloc(1, sizeof *in);
	int rc = -1;
	if (!f || !s || !fe || !in)
		goto done;
	rc = 0;
	if (!case_page_summary(req, resp, s))
		goto done;
	if (closed_notice(f, s)) {
		rc = form_page(req, resp, f, s, NULL, 409, "This case is closed: nothing was saved.", 0);
		goto done;
	}
	if (ops_case_rec[f->op] != CR__MAX)
		case_form_in(req, ops_case_rec[f->op], in->v, fe);
	int stop = f->read ? f->read(req, in, fe) : 0;
	if (stop < 0) {
		rc = http_store_failed(req, resp);
		goto done;
	}
	struct ops_ctx c = http_ops_ctx(req);
	struct ops_case_out out;
	enum ops_result r = stop ? OPS_INVALID : ops_case_write(&c, s->id, f->op, in, &out, fe);
	if (r == OPS_OK) {
		/* On to the case, saying what was done (the form's slug names it: see web/banner.c). */
		char loc[128];
		const char *slug = strrchr(req->path, '/');
		snprintf(loc, sizeof loc, "/cases/%lld?done=%.24s%s%s", (long long)s->id, slug ? slug + 1 : "", f->anchor ? "#" : "",
			 f->anchor ? f->anchor : "");
		rc = http_redirect(resp, loc);
	} else if (r == OPS_INVALID || (r == OPS_CONFLICT && strcmp(fe->e[0].field, OPS_CASE_CONFLICT_FIELD) != 0)) {
		form_names(fe, in);
		rc = form_page(req, resp, f, s, fe, r == OPS_INVALID ? 422 : 409, NULL, 1);
	} else if (r == OPS_CONFLICT) {
		rc = form_page(req, resp, f, s, NULL, 409, fe->e[0].message, 1);
	} else {
		rc = web_ops_reply(req, resp, r, f->title, fe);
	}
done:
	free(s);
	free(fe);
	free(in);
	return rc;
}

const struct route web_case_form_routes[] = {
#define CASE_FORM_ROUTES(slug, what)                                                                                \
	{ "GET", CASE_PATH_PREFIX slug, case_form_get, PERM_CASE_WRITE, "Case form: " what, "case" },               \
	{ "POST", CASE_PATH_PREFIX slug, case_form_post, PERM_CASE_WRITE, "Case form, saved: " what, "case" },
	CASE_FORM_ROUTES("session", "add a session (date, mode, duration, notes, next step)")
	CASE_FORM_ROUTES("measure", "record an outcome measure (SWEMWBS, ONS4, GSE, EQ-VAS; baseline or follow-up)")
	CASE_FORM_ROUTES("assessment", "the holistic assessment (what matters, needs per domain, strengths)")
	CASE_FORM_ROUTES("goal", "add a goal")
	CASE_FORM_ROUTES("goal-progress", "record progress on a goal")
	CASE_FORM_ROUTES("onward", "refer on to a directory service or another service")
	CASE_FORM_ROUTES("onward-status", "update an onward referral's status (closing the loop)")
	CASE_FORM_ROUTES("unmet-need", "record a need that could not be met, and where")
	CASE_FORM_ROUTES("safeguarding", "record a safeguarding concern (never changed or deleted)")
	CASE_FORM_ROUTES("consent", "record consent to represent the person to a third party")
	CASE_FORM_ROUTES("case-study", "add a case study or unexpected outcome, with consent")
	CASE_FORM_ROUTES("close", "close the case with a reason and whether continuing support is arranged")
	CASE_FORM_ROUTES("drop-out", "close as unable to contact after repeated unsuccessful attempts")
#undef CASE_FORM_ROUTES
	{ 0 },
};
