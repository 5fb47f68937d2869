/* Plumbing the case pages share: finding a case the signed-in user's
 * organisation holds (404 otherwise), vocabularies as options and labels,
 * dates, flags, and the answer to a failed write. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/triage.h"
#include "core/datetime.h"
#include "core/datehuman.h"
#include "core/londontime.h"
#include "http/internal.h"
#include "web/case_web.h"
#include "web/widgets.h"
#include "http/ops_reply.h"

int64_t case_page_id(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0) {
		/* The NHS.UK page for a browser instead of problem+json. */
		buf_reset(&resp->body);
		http_not_found(req, resp);
	}
	return id;
}

int case_page_access(struct http_req *req, struct http_resp *resp, int64_t id)
{
	int64_t org = 0;
	int r = casework_case_org(req->db, id, &org);
	if (r < 0) {
		http_store_failed(req, resp);
		return 0;
	}
	if (r == 0 || org != req->auth.org_id) {
		http_not_found(req, resp);
		return 0;
	}
	return 1;
}

int case_page_summary(struct http_req *req, struct http_resp *resp, struct casework_summary *s)
{
	int64_t id = case_page_id(req, resp);
	if (id < 0 || !case_page_access(req, resp, id))
		return 0;
	int r = casework_summary_get(req->db, id, req->now, s);
	if (r <= 0) {
		if (r < 0)
			http_store_failed(req, resp);
		else
			http_not_found(req, resp);
		return 0;
	}
	return 1;
}

static int vocab_row(void *ctx, const char *code, const char *label, const char *extra)
{
	struct case_vocab *v = ctx;
	if (v->n >= CASE_VOCAB_MAX)
		return 1;
	snprintf(v->code[v->n], sizeof v->code[0], "%s", code);
	snprintf(v->label[v->n], sizeof v->label[0], "%s", label);
	snprintf(v->extra[v->n], sizeof v->extra[0], "%s", extra);
	v->n++;
	return 0;
}

/* Fills v's options: an optional "" prompt, then every code. */
static void vocab_options(struct case_vocab *v, const char *prompt)
{
	size_t k = 0;
	if (prompt)
		v->opts[k++] = (struct form_option){ "", prompt };
	for (int i = 0; i < v->n; i++)
		v->opts[k++] = (struct form_option){ v->code[i], v->label[i] };
	v->opts[k] = (struct form_option){ NULL, NULL };
}

int case_vocab_load(struct store *st, const char *name, const char *prompt, struct case_vocab *v)
{
	v->n = 0;
	int r = casework_vocab(st, name, vocab_row, v);
	vocab_options(v, prompt);
	return r;
}

const char *case_vocab_label(const struct case_vocab *v, const char *code)
{
	for (int i = 0; i < v->n; i++)
		if (strcmp(v->code[i], code) == 0)
			return v->label[i];
	return code;
}

const char *case_vocab_extra(const struct case_vocab *v, const char *code)
{
	for (int i = 0; i < v->n; i++)
		if (strcmp(v->code[i], code) == 0)
			return v->extra[i];
	return "";
}

struct case_vocab *case_vocab_new(struct store *st, const char *name, const char *prompt)
{
	struct case_vocab *v = malloc(sizeof *v);
	if (v && case_vocab_load(st, name, prompt, v)) {
		free(v);
		return NULL;
	}
	return v;
}

static void area_opt(void *ctx, const char *code, const char *name)
{
	struct case_vocab *v = ctx;
	if (v->n >= CASE_VOCAB_MAX)
		return;
	snprintf(v->code[v->n], sizeof v->code[0], "%s", code);
	snprintf(v->label[v->n], sizeof v->label[0], "%s", name);
	v->extra[v->n][0] = '\0';
	v->n++;
}

struct case_vocab *case_areas_new(struct store *st, const char *prompt)
{
	struct case_vocab *v = calloc(1, sizeof *v);
	if (!v || triage_areas(st, area_opt, v) < 0) {
		free(v);
		return NULL;
	}
	vocab_options(v, prompt);
	return v;
}

void case_date(int64_t utc, char *out, size_t n)
{
	char t[LONDON_FORMAT_LEN];
	london_format(utc, t);
	char *sp = strrchr(t, ' ');
	if (sp && strchr(sp, ':'))
		*sp = '\0';
	snprintf(out, n, "%s", t);
}

int case_parse_date(const char *s, int64_t now, int64_t *out)
{
	int64_t day;
	if (!s || !*s) {
		*out = now;
		return 0;
	}
	if (dh_parse_date(s, &day))
		return -1;
	/* Today is now; another day is its local noon (a day in the future
	 * stays in the future, for the store to refuse). */
	*out = day == london_local_days(now) ? now : london_midnight_utc(day) + 12 * 3600;
	return 0;
}

void case_today(int64_t now, char out[DT_DATE_LEN])
{
	dt_format_date(london_local_days(now), out);
}

void case_flags(struct html *h, const struct casework_summary *s)
{
	const char *sep = "";
	if (s->flags.safeguarding) {
		widget_tag(h, "Safeguarding", "red");
		sep = " ";
	}
	if (s->flags.discharge) {
		html_text(h, sep);
		widget_tag(h, "Discharge", "blue");
		sep = " ";
	}
	if (!s->closed_at && !s->last_contact_at) {
		html_text(h, sep);
		widget_tag(h, "No contact yet", "yellow");
		sep = " ";
	}
	if (s->flags.overdue) {
		html_text(h, sep);
		widget_tag(h, "Overdue", "orange");
	}
}


struct case_choice *case_choice_new(size_t cap)
{
	struct case_choice *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->values = calloc(cap + 1, sizeof *c->values);
	c->opts = calloc(cap + 1, sizeof *c->opts);
	if (!c->values || !c->opts) {
		case_choice_free(c);
		return NULL;
	}
	c->cap = cap;
	return c;
}

void case_choice_add(struct case_choice *c, int64_t id, const char *label)
{
	if (c->n >= c->cap)
		return;
	snprintf(c->values[c->n], sizeof c->values[0], "%lld", (long long)id);
	c->opts[c->n] = (struct form_option){ c->values[c->n], label };
	c->n++;
	c->opts[c->n] = (struct form_option){ NULL, NULL };
}

void case_choice_free(struct case_choice *c)
{
	if (!c)
		return;
	free(c->values);
	free(c->opts);
	free(c);
}

struct casework_case *case_full_load(struct http_req *req, int64_t id)
{
	struct casework_case *c = calloc(1, sizeof *c);
	if (c && casework_case_get(req->db, id, req->now, c) != 1) {
		case_full_free(c);
		return NULL;
	}
	return c;
}

void case_full_free(struct casework_case *c)
{
	if (c)
		casework_case_free(c);
	free(c);
}

int case_section(struct html *h, const char *title, const char *id, size_t n, const char *empty)
{
	html_elem(h, "h2", title, "class", "nhsuk-heading-m", "id", id, NULL);
	if (!n)
		html_elem(h, "p", empty, "class", "nhsuk-body", NULL);
	return n > 0;
}
