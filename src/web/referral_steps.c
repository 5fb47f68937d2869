/* The professional referral form in steps, one section a page, then a page to check the answers (NHS.UK transactional pattern); the answers travel in hidden fields, so no JavaScript is needed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/org.h"
#include "core/titlecase.h"
#include "http/ops_reply.h"
#include "ops/referrals.h"
#include "store/account.h"
#include "store/org.h"
#include "web/form.h"
#include "web/referral_form.h"
#include "web/web.h"

/* The steps, in order; the discharge step only when the source is a discharge team. */
static const int steps[] = { S_PERSON, S_CONTACT, S_ABOUT, S_REFERRAL, S_DISCHARGE, S_REFERRER, S_CONSENT };
#define NSTEPS ((int)(sizeof steps / sizeof steps[0]))
#define CHECK_PAGE (-1) /* "step" of the check-your-answers page */

static const char *const months[] = { "January", "February", "March",     "April",   "May",      "June",
				      "July",    "August",   "September", "October", "November", "December" };

static int step_index(int section)
{
	for (int i = 0; i < NSTEPS; i++)
		if (steps[i] == section)
			return i;
	return -1;
}

/* The form's answer for field name: posted, or before any post the default. */
static const char *answer(struct http_req *req, const struct referral_form_defaults *dflt, int f)
{
	if (strcmp(req->method, "POST") == 0)
		return referral_form_value(req, referral_fields[f].path);
	return dflt ? dflt->v[f] : NULL;
}

static int applies(struct http_req *req, const struct referral_refs *refs, const struct referral_form_defaults *dflt,
		   int section)
{
	if (section != S_DISCHARGE)
		return 1;
	const char *src = answer(req, dflt, RF_SOURCE);
	const struct referral_vocab_entry *e = src && *src ? referral_refs_vocab(refs, RV_REFERRAL_SOURCES, src) : NULL;
	return e && strcmp(e->extra, "1") == 0;
}

/* The next (dir 1) or previous (dir -1) step from index i that applies; i itself when none. */
static int step_move(struct http_req *req, const struct referral_refs *refs, int i, int dir)
{
	for (int j = i + dir; j >= 0 && j < NSTEPS; j += dir)
		if (applies(req, refs, NULL, steps[j]))
			return j;
	return i;
}

static int field_section(const char *path)
{
	for (int f = 0; f < RF__MAX; f++)
		if (strcmp(referral_fields[f].path, path) == 0)
			return referral_fields[f].section;
	return -1;
}

/* A GP signed in at a practice refers as that practice: the source and the
 * practice are chosen for them; someone of an organisation whose referrals
 * come from one source (a hospital discharge team) has that source chosen
 * (they can change any of them). */
static void defaults_for(struct http_req *req, const struct referral_refs *refs, struct referral_form_defaults *d)
{
	memset(d, 0, sizeof *d);
	struct account_listed *me = calloc(1, sizeof *me);
	struct org_view *org = calloc(1, sizeof *org);
	if (me && org && req->auth.user_id > 0 && account_user_get(req->db, req->auth.user_id, me) == 1) {
		const struct referral_practice *p = referral_refs_practice(refs, me->org_name);
		if (p) {
			d->v[RF_SOURCE] = "gp_practice";
			d->v[RF_PERSON_PRACTICE] = p->code;
		} else if (org_record_get(req->db, me->u.org_id, org) == 1 && org->v[ORG_F_REFERRAL_SOURCE][0]) {
			int k = 0;
			while (org_source_vocab[k] && strcmp(org_source_vocab[k], org->v[ORG_F_REFERRAL_SOURCE]))
				k += 2;
			d->v[RF_SOURCE] = org_source_vocab[k]; /* static text; NULL when not a known code */
		}
	}
	free(me);
	free(org);
}

static unsigned all_but(int section)
{
	unsigned m = 0;
	for (int i = 0; i < NSTEPS; i++)
		if (steps[i] != section)
			m |= 1u << steps[i];
	return m;
}

/* The answers of the steps that apply (a discharge step left behind by a
 * change of source is dropped), as hidden fields, except those of skip. */
static void carry(struct html *h, struct http_req *req, const struct referral_refs *refs,
		  const struct referral_form_defaults *dflt, int skip)
{
	unsigned m = all_but(skip);
	if (!applies(req, refs, dflt, S_DISCHARGE))
		m &= ~(1u << S_DISCHARGE);
	referral_form_carry(h, req, CH_FORM, m, dflt);
}

static void nav_button(struct html *h, const char *label, const char *value, int secondary)
{
	html_elem(h, "button", label, "class", secondary ? "nhsuk-button nhsuk-button--secondary" : "nhsuk-button",
		  "type", "submit", "name", "_nav", "value", value, "data-module", "nhsuk-button", NULL);
}

static void page_start(struct web_page *pg, struct http_req *req, struct http_resp *resp, const char *title,
		       const struct field_errors *fe)
{
	web_begin_errors(pg, req, resp, title, fe);
	html_open(&pg->h, "div", "class", "nhsuk-grid-row", NULL);
	html_open(&pg->h, "div", "class", "nhsuk-grid-column-two-thirds", NULL);
}

/* One step's page: its fields (with fe's errors), the other answers hidden. */
static int step_page(struct http_req *req, struct http_resp *resp, int i, const struct field_errors *fe,
		     unsigned status, int back_to_check, const struct referral_form_defaults *dflt)
{
	const struct referral_refs *refs = referral_refs_app(req->db);
	if (!refs)
		return http_store_failed(req, resp);
	int section = steps[i];
	const char *title = referral_form_section_title(CH_FORM, section);
	struct web_page pg;
	page_start(&pg, req, resp, title, fe);
	struct html *h = &pg.h;
	int n = 0, at = 0;
	for (int j = 0; j < NSTEPS; j++)
		if (applies(req, refs, dflt, steps[j])) {
			n++;
			if (j <= i)
				at++;
		}
	html_open(h, "h1", NULL);
	html_open(h, "span", "class", "nhsuk-caption-l", NULL);
	html_textf(h, "Make a referral: step %d of %d", at, n);
	html_elem(h, "span", " - ", "class", "nhsuk-u-visually-hidden", NULL);
	html_close(h);
	html_text(h, title);
	html_close(h);
	if (i == 0)
		html_elem(h, "p", "For social prescribing with a Living Well Worker, and for community crisis and discharge "
				  "support. The hub reads every referral and contacts the person within 24 hours, not "
				  "counting weekends and bank holidays.",
			  "class", "nhsuk-body", NULL);
	if (section == S_DISCHARGE)
		html_elem(h, "p", "You said the referral comes from a hospital or community bed discharge team.", "class",
			  "nhsuk-body", NULL);
	form_begin(h, "/referrals", req->auth.csrf[0] ? req->auth.csrf : NULL);
	char stepv[16];
	snprintf(stepv, sizeof stepv, "%d", section);
	html_void(h, "input", "type", "hidden", "name", "_step", "value", stepv, NULL);
	if (back_to_check)
		html_void(h, "input", "type", "hidden", "name", "_return", "value", "check", NULL);
	carry(h, req, refs, dflt, section);
	referral_form_section(h, req, CH_FORM, refs, fe, section, dflt);
	/* Continue comes first, so Enter in a field goes forward. */
	nav_button(h, "Continue", "next", 0);
	if (i > 0 && !back_to_check)
		nav_button(h, "Back", "back", 1);
	form_end(h);
	html_close(h);
	html_close(h);
	return web_end(&pg, resp, status);
}

/* What the check page shows for field f ("" when not given). */
static void show_answer(struct html *h, struct http_req *req, const struct referral_refs *refs, int f)
{
	const struct referral_field_desc *d = &referral_fields[f];
	const char *v = referral_form_value(req, d->path);
	switch (d->kind) {
	case K_DOB:
	case K_DAY: {
		const char *p[3];
		static const char *const part[] = { "day", "month", "year" };
		for (int k = 0; k < 3; k++) {
			char name[96];
			snprintf(name, sizeof name, "%s.%s", d->path, part[k]);
			p[k] = referral_form_value(req, name);
		}
		int m = p[1] ? atoi(p[1]) : 0;
		if (p[0] && *p[0] && m >= 1 && m <= 12 && p[2] && *p[2])
			html_textf(h, "%d %s %s", atoi(p[0]), months[m - 1], p[2]);
		else if (p[0] || p[1] || p[2])
			html_textf(h, "%s %s %s", p[0] ? p[0] : "", p[1] ? p[1] : "", p[2] ? p[2] : "");
		return;
	}
	case K_VOCABS: {
		html_open(h, "ul", "class", "nhsuk-list", NULL);
		for (int i = 0; i < req->nform; i++)
			if (strcmp(req->form[i].name, d->path) == 0) {
				const struct referral_vocab_entry *e = referral_refs_vocab(refs, d->vocab, req->form[i].value);
				html_elem(h, "li", e ? e->label : req->form[i].value, NULL);
			}
		html_close(h);
		return;
	}
	case K_VOCAB: {
		const struct referral_vocab_entry *e = v && *v ? referral_refs_vocab(refs, d->vocab, v) : NULL;
		html_text(h, e ? e->label : v);
		return;
	}
	case K_PRACTICE: {
		const struct referral_practice *p = v && *v ? referral_refs_practice(refs, v) : NULL;
		char name[160];
		if (p)
			titlecase(p->name, name, sizeof name);
		html_text(h, p ? name : v);
		return;
	}
	case K_BOOL:
		if (v && *v)
			html_text(h, referral_parse_bool(v) == 1 ? "Yes" : referral_parse_bool(v) == 0 ? "No" : v);
		return;
	default:
		html_text(h, v);
	}
}

static int check_page(struct http_req *req, struct http_resp *resp, const struct field_errors *fe, unsigned status)
{
	const struct referral_refs *refs = referral_refs_app(req->db);
	if (!refs)
		return http_store_failed(req, resp);
	struct web_page pg;
	page_start(&pg, req, resp, "Check your answers before sending the referral", fe);
	struct html *h = &pg.h;
	html_elem(h, "h1", "Check your answers before sending the referral", NULL);
	form_begin(h, "/referrals", req->auth.csrf[0] ? req->auth.csrf : NULL);
	html_void(h, "input", "type", "hidden", "name", "_step", "value", "check", NULL);
	carry(h, req, refs, NULL, -1);
	for (int i = 0; i < NSTEPS; i++) {
		int s = steps[i];
		if (!applies(req, refs, NULL, s))
			continue;
		html_elem(h, "h2", referral_form_section_title(CH_FORM, s), "class", "nhsuk-heading-m", NULL);
		if (s == S_REFERRER)
			html_elem(h, "p", "Anything left empty is taken from your account.", "class", "nhsuk-body", NULL);
		html_open(h, "dl", "class", "nhsuk-summary-list", NULL);
		char go[24];
		snprintf(go, sizeof go, "change-%d", s);
		for (int f = 0; f < RF__MAX; f++) {
			const struct referral_field_desc *d = &referral_fields[f];
			if ((int)d->section != s || !(d->channels & CH_FORM))
				continue;
			char label[160];
			const char *hint;
			referral_form_words(CH_FORM, f, label, sizeof label, &hint);
			html_open(h, "div", "class", "nhsuk-summary-list__row", NULL);
			html_elem(h, "dt", d->rule == Q_TRUE ? d->hint : label, "class", "nhsuk-summary-list__key", NULL);
			html_open(h, "dd", "class", "nhsuk-summary-list__value", NULL);
			show_answer(h, req, refs, f);
			html_close(h);
			html_open(h, "dd", "class", "nhsuk-summary-list__actions", NULL);
			html_open(h, "button", "class", "waymark-link-button", "type", "submit", "name", "_nav", "value", go,
				  NULL);
			html_text(h, "Change");
			html_open(h, "span", "class", "nhsuk-u-visually-hidden", NULL);
			html_textf(h, " %s", d->rule == Q_TRUE ? d->label : label);
			html_close(h);
			html_close(h);
			html_close(h);
			html_close(h);
		}
		html_close(h);
	}
	html_elem(h, "h2", "Now send the referral", "class", "nhsuk-heading-m", NULL);
	html_elem(h, "p", "The hub will read it and contact the person within 24 hours, not counting weekends and bank "
			  "holidays.",
		  NULL);
	nav_button(h, "Send referral", "send", 0);
	form_end(h);
	html_close(h);
	html_close(h);
	return web_end(&pg, resp, status);
}

/* The page a failed send goes back to: the step of the first problem. */
static int send_failed(struct http_req *req, struct http_resp *resp, const struct field_errors *fe, unsigned status)
{
	int i = -1;
	for (size_t k = 0; k < fe->n && i < 0; k++)
		i = step_index(field_section(fe->e[k].field));
	if (i < 0)
		return check_page(req, resp, fe, status);
	struct field_errors *mine = ops_fielderr_new();
	if (!mine)
		return -1;
	for (size_t k = 0; k < fe->n; k++)
		if (field_section(fe->e[k].field) == steps[i])
			mine->e[mine->n++] = fe->e[k];
	int rc = step_page(req, resp, i, mine, status, 0, NULL);
	free(mine);
	return rc;
}

static int sent(struct http_req *req, struct http_resp *resp, int64_t id)
{
	(void)req;
	char loc[64];
	snprintf(loc, sizeof loc, "/referrals/%lld/sent", (long long)id);
	return http_redirect(resp, loc);
}

int referral_steps_new(struct http_req *req, struct http_resp *resp)
{
	const struct referral_refs *refs = referral_refs_app(req->db);
	if (!refs)
		return http_store_failed(req, resp);
	struct referral_form_defaults d;
	defaults_for(req, refs, &d);
	return step_page(req, resp, 0, NULL, 200, 0, &d);
}

/* Continue: the step's own problems keep it on screen; otherwise the next
 * step that applies, or the answers to check after the last one (or straight
 * back to them after a change). */
static int step_next(struct http_req *req, struct http_resp *resp, const struct referral_refs *refs, int i,
		     int back_to_check)
{
	struct field_errors *fe = ops_fielderr_new(), *mine = ops_fielderr_new();
	int rc = -1;
	if (!fe || !mine)
		goto out;
	enum ops_result r = referral_form_check(req, CH_FORM, fe);
	if (r == OPS_ERROR) {
		rc = http_store_failed(req, resp);
		goto out;
	}
	for (size_t k = 0; k < fe->n; k++)
		if (field_section(fe->e[k].field) == steps[i])
			mine->e[mine->n++] = fe->e[k];
	if (mine->n)
		rc = step_page(req, resp, i, mine, 422, back_to_check, NULL);
	else if (back_to_check || step_move(req, refs, i, 1) == i)
		rc = check_page(req, resp, NULL, 200);
	else
		rc = step_page(req, resp, step_move(req, refs, i, 1), NULL, 200, 0, NULL);
out:
	free(fe);
	free(mine);
	return rc;
}

int referral_steps_post(struct http_req *req, struct http_resp *resp)
{
	const char *step = http_form(req, "_step");
	const char *nav = http_form(req, "_nav");
	/* A whole form posted at once (no steps): sent as it is. */
	if (!step || (nav && strcmp(nav, "send") == 0))
		return referral_form_submit(req, resp, CH_FORM, send_failed, sent);
	const struct referral_refs *refs = referral_refs_app(req->db);
	if (!refs)
		return http_store_failed(req, resp);
	if (nav && strncmp(nav, "change-", 7) == 0) {
		int i = step_index(atoi(nav + 7));
		if (i >= 0 && applies(req, refs, NULL, steps[i]))
			return step_page(req, resp, i, NULL, 200, 1, NULL);
		return check_page(req, resp, NULL, 200);
	}
	int i = strcmp(step, "check") == 0 ? CHECK_PAGE : step_index(atoi(step));
	if (i == CHECK_PAGE)
		return check_page(req, resp, NULL, 200);
	if (i < 0)
		return step_page(req, resp, 0, NULL, 200, 0, NULL);
	if (nav && strcmp(nav, "back") == 0)
		return step_page(req, resp, step_move(req, refs, i, -1), NULL, 200, 0, NULL);
	const char *ret = http_form(req, "_return");
	return step_next(req, resp, refs, i, ret && strcmp(ret, "check") == 0);
}
