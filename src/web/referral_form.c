/* The professional referral form (GET /referrals/new, POST /referrals), its
 * confirmation and the list of referrals, and the form renderer shared with
 * the self-referral page: every field comes from the model. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datetime.h"
#include "core/londontime.h"
#include "http/audit_req.h"
#include "core/referral_match.h"
#include "core/titlecase.h"
#include "web/form.h"
#include "web/form_date.h"
#include "web/referral_form.h"
#include "web/web.h"
#include "http/ops_reply.h"
#include "ops/referrals.h"
#include "ops/referrals_access.h"
#include "util/idlist.h"
#include "http/list_query.h"
#include "web/layout.h"
#include "web/list_controls.h"

#define RADIOS_MAX 6 /* vocabularies longer than this are a select */

static const char *const section_title_pro[S__MAX] = {
	"The person you are referring", "How to contact them", "About them", "The referral",
	"Hospital or community bed discharge", "About you, the referrer", "Consent", "Other",
};
static const char *const section_title_self[S__MAX] = {
	"About you", "How we can contact you", "More about you", "What you would like help with",
	"", "", "Your agreement", "",
};

static const char *const date_parts[] = { "day", "month", "year" };

/* The posted value of name, to show again (NULL when none; "" when it is
 * not UTF-8, which a page must not echo). */
static const char *posted(struct http_req *req, const char *name)
{
	const char *v = strcmp(req->method, "POST") == 0 ? http_form(req, name) : NULL;
	return v && !referral_utf8_ok(v) ? "" : v;
}

const char *referral_form_value(struct http_req *req, const char *name)
{
	return posted(req, name);
}

/* The words a form shows for a field: the self-referral form speaks to the
 * person ("you"), and every optional question says so. */
static const struct {
	enum referral_field f;
	const char *label, *hint;
} self_words[] = {
	{ RF_PERSON_NHS_NUMBER, "NHS number", "10 digits, like 943 476 5919. It is on letters from the NHS and in the NHS App" },
	{ RF_PERSON_ADDRESS, "Your address", "House number or name, street and town" },
	{ RF_PERSON_PRACTICE, "Your GP practice", NULL },
	{ RF_PERSON_PREFERRED_CONTACT, "How would you like us to contact you?", NULL },
	{ RF_PERSON_ETHNICITY, "Your ethnic group", NULL },
	{ RF_PERSON_DISABILITY, "Do you have a disability or long-term condition?", NULL },
	{ RF_PERSON_EMPLOYMENT, "Are you working?", NULL },
	{ RF_PERSON_HOUSING, "Your home", NULL },
	{ RF_PERSON_MONEY_WORRIES, "Do you have worries about money or income?", NULL },
	{ RF_PERSON_LIVES_ALONE, "Do you live alone?", NULL },
	{ RF_REASONS, "What would you like help with?", "Select all that apply" },
	{ RF_DETAILS, "Tell us more", "What is happening, and what would help you" },
};

static const struct {
	enum referral_field f;
	const char *label;
} pro_words[] = {
	{ RF_PERSON_NHS_NUMBER, "NHS number" },
};

void referral_form_words(unsigned channel, int f, char *label, size_t len, const char **hint)
{
	const struct referral_field_desc *d = &referral_fields[f];
	const char *l = d->label;
	*hint = d->hint;
	if (channel == CH_SELF) {
		for (size_t i = 0; i < sizeof self_words / sizeof self_words[0]; i++)
			if ((int)self_words[i].f == f) {
				l = self_words[i].label;
				*hint = self_words[i].hint;
			}
	} else {
		for (size_t i = 0; i < sizeof pro_words / sizeof pro_words[0]; i++)
			if ((int)pro_words[i].f == f)
				l = pro_words[i].label;
	}
	/* A phone number or an email address is needed (one of the two): neither is marked optional. */
	int one_of = f == RF_PERSON_PHONE || f == RF_PERSON_EMAIL;
	snprintf(label, len, "%s%s", l, d->rule == Q_OPT && !one_of ? " (optional)" : "");
}

static void date_input(struct html *h, struct http_req *req, const struct referral_field_desc *d, const char *err,
		       int self, const char *label, const char *hint_text)
{
	const char *given[3];
	for (int i = 0; i < 3; i++) {
		char name[96];
		snprintf(name, sizeof name, "%s.%s", d->path, date_parts[i]);
		given[i] = posted(req, name);
		if (!given[i])
			given[i] = "";
	}
	form_date_boxes(h, d->path, label, hint_text, err, given, 1, self && strcmp(d->autocomplete, "bday") == 0 ? "bday" : NULL);
}

static int by_name(const void *a, const void *b)
{
	const struct referral_practice *const *x = a, *const *y = b;
	return strcmp((*x)->name, (*y)->name);
}

static void practice_select(struct html *h, struct http_req *req, const struct referral_refs *refs,
			    const struct form_field *ff)
{
	size_t n = refs->npractices;
	const struct referral_practice **sorted = malloc((n ? n : 1) * sizeof *sorted);
	struct form_option *opts = calloc(n + 2, sizeof *opts);
	if (!sorted || !opts) {
		free(sorted);
		free(opts);
		form_input(h, ff);
		return;
	}
	for (size_t i = 0; i < n; i++)
		sorted[i] = &refs->practices[i];
	qsort(sorted, n, sizeof *sorted, by_name);
	char(*names)[128] = calloc(n ? n : 1, sizeof *names);
	if (!names) {
		free(sorted);
		free(opts);
		form_input(h, ff);
		return;
	}
	opts[0] = (struct form_option){ "", "Not known or not listed" };
	for (size_t i = 0; i < n; i++) {
		titlecase(sorted[i]->name, names[i], sizeof names[i]);
		opts[i + 1] = (struct form_option){ sorted[i]->code, names[i] };
	}
	/* A practice typed by name elsewhere (the API) shows as its code here. */
	struct form_field f = *ff;
	const struct referral_practice *p = f.value ? referral_refs_practice(refs, f.value) : NULL;
	if (p)
		f.value = p->code;
	(void)req;
	/* waymark.js turns this select into a type-ahead over the names; without
	 * JavaScript it stays a select. */
	html_open(h, "div", "data-waymark-typeahead", "", NULL);
	form_select(h, &f, opts);
	html_close(h);
	free(names);
	free(sorted);
	free(opts);
}

/* Gender in plain words for people describing themselves: the data
 * standard's "Not known" is what "Prefer not to say" records, and its
 * "Indeterminate" is a clinical classification nobody picks for themselves. */
static const struct form_option self_genders[] = {
	{ "2", "Female" }, { "1", "Male" }, { "X", "Prefer not to say" }, { NULL, NULL },
};

static void vocab_field(struct html *h, const struct referral_refs *refs, const struct referral_field_desc *d,
			const struct form_field *ff, int self)
{
	if (self && d->vocab == RV_GENDERS) {
		form_radios(h, ff, self_genders);
		return;
	}
	const struct referral_vocab_list *l = &refs->vocab[d->vocab];
	struct form_option *opts = calloc(l->n + 2, sizeof *opts);
	if (!opts)
		return;
	size_t k = 0;
	int radios = l->n <= RADIOS_MAX;
	if (!radios)
		opts[k++] = (struct form_option){ "", "Choose one" };
	for (size_t i = 0; i < l->n; i++)
		opts[k++] = (struct form_option){ l->e[i].code, l->e[i].label };
	if (radios)
		form_radios(h, ff, opts);
	else
		form_select(h, ff, opts);
	free(opts);
}

static void reasons_field(struct html *h, struct http_req *req, const struct referral_refs *refs,
			  const struct referral_field_desc *d, const struct form_field *ff)
{
	const struct referral_vocab_list *l = &refs->vocab[d->vocab];
	int post = strcmp(req->method, "POST") == 0;
	if (post)
		http_form(req, d->path); /* parses the form, so nform is known */
	struct form_option *opts = calloc(l->n + 1, sizeof *opts);
	const char **checked = calloc((size_t)(req->nform > 0 ? req->nform : 0) + 1, sizeof *checked);
	if (!opts || !checked) {
		free(opts);
		free(checked);
		return;
	}
	for (size_t i = 0; i < l->n; i++)
		opts[i] = (struct form_option){ l->e[i].code, l->e[i].label };
	size_t nc = 0;
	if (post) {
		for (int i = 0; i < req->nform; i++)
			if (strcmp(req->form[i].name, d->path) == 0)
				checked[nc++] = req->form[i].value;
	}
	form_checkboxes(h, ff, opts, checked);
	free(opts);
	free(checked);
}

static const char *width_for(enum referral_kind k)
{
	switch (k) {
	case K_NHSNUM:
	case K_POSTCODE:
		return "nhsuk-input--width-10";
	case K_PHONE:
		return "nhsuk-input--width-20";
	default:
		return NULL;
	}
}

static void one_field(struct html *h, struct http_req *req, unsigned channel, const struct referral_refs *refs,
		      int f, const struct field_errors *fe, const struct referral_form_defaults *dflt)
{
	const struct referral_field_desc *d = &referral_fields[f];
	int self = channel == CH_SELF;
	const char *err = fe ? fielderr_for(fe, d->path) : NULL;
	char label[160];
	const char *hint;
	referral_form_words(channel, f, label, sizeof label, &hint);
	const char *value = posted(req, d->path);
	if (!value && dflt && strcmp(req->method, "POST") != 0)
		value = dflt->v[f];
	struct form_field ff = {
		.name = d->path,
		.label = label,
		.hint = hint,
		.value = value,
		.autocomplete = self ? d->autocomplete : "off",
		.width = width_for(d->kind),
		.errors = fe,
		.required = d->rule != Q_OPT,
	};
	static const struct form_option yes_no[] = { { "yes", "Yes" }, { "no", "No" }, { NULL, NULL } };
	switch (d->kind) {
	case K_DOB:
	case K_DAY:
		date_input(h, req, d, err, self, label, hint);
		break;
	case K_LONGTEXT:
		form_textarea(h, &ff, 5);
		break;
	case K_EMAIL:
		ff.type = "email";
		form_input(h, &ff);
		break;
	case K_PHONE:
		ff.type = "tel";
		form_input(h, &ff);
		break;
	case K_PRACTICE:
		practice_select(h, req, refs, &ff);
		break;
	case K_VOCAB:
		vocab_field(h, refs, d, &ff, self);
		break;
	case K_VOCABS:
		reasons_field(h, req, refs, d, &ff);
		break;
	case K_BOOL:
		if (d->rule == Q_TRUE) {
			/* One box to tick, worded for who is filling in the form. */
			const char *text = d->hint;
			ff.label = d->label;
			if (self)
				ff.label = f == RF_CONSENT_REFERRAL ? "Being referred" : "Sharing your information";
			if (self)
				text = f == RF_CONSENT_REFERRAL
					       ? "I agree to be referred for support"
					       : "I agree that my information can be shared with the organisations that support me";
			struct form_option one[] = { { "yes", text }, { NULL, NULL } };
			const char *checked[] = { ff.value, NULL };
			ff.hint = NULL;
			form_checkboxes(h, &ff, one, ff.value ? checked : NULL);
		} else {
			form_radios(h, &ff, yes_no);
		}
		break;
	default:
		form_input(h, &ff);
		break;
	}
}

const char *referral_form_section_title(unsigned channel, int section)
{
	return channel == CH_SELF ? section_title_self[section] : section_title_pro[section];
}

int referral_form_section_has(unsigned channel, int section)
{
	for (int f = 0; f < RF__MAX; f++)
		if (referral_fields[f].section == (enum referral_section)section && (referral_fields[f].channels & channel))
			return 1;
	return 0;
}

void referral_form_section(struct html *h, struct http_req *req, unsigned channel, const struct referral_refs *refs,
			   const struct field_errors *fe, int s, const struct referral_form_defaults *dflt)
{
	if (s == S_REFERRER && channel == CH_FORM)
		html_elem(h, "p", "Leave these empty to use the details of your account.", "class", "nhsuk-body", NULL);
	if (s == S_CONTACT)
		html_elem(h, "p", channel == CH_SELF ? "Give us a phone number, an email address or both."
						     : "Give a phone number, an email address or both.",
			  "class", "nhsuk-body", NULL);
	for (int f = 0; f < RF__MAX; f++)
		if (referral_fields[f].section == (enum referral_section)s && (referral_fields[f].channels & channel))
			one_field(h, req, channel, refs, f, fe, dflt);
}

void referral_form_fields(struct html *h, struct http_req *req, unsigned channel, const struct referral_refs *refs,
			  const struct field_errors *fe)
{
	for (int s = 0; s < S__MAX; s++) {
		if (!referral_form_section_has(channel, s))
			continue;
		html_elem(h, "h2", referral_form_section_title(channel, s), "class", "nhsuk-heading-m", NULL);
		referral_form_section(h, req, channel, refs, fe, s, NULL);
	}
}

void referral_form_carry(struct html *h, struct http_req *req, unsigned channel, unsigned sections,
			 const struct referral_form_defaults *dflt)
{
	int post = strcmp(req->method, "POST") == 0;
	if (post)
		http_form(req, "csrf_token"); /* parses the form, so nform is known */
	for (int f = 0; f < RF__MAX; f++) {
		const struct referral_field_desc *d = &referral_fields[f];
		if (!(d->channels & channel) || !(sections & (1u << d->section)))
			continue;
		if (d->kind == K_DOB || d->kind == K_DAY) {
			for (int i = 0; i < 3; i++) {
				char name[96];
				snprintf(name, sizeof name, "%s.%s", d->path, date_parts[i]);
				const char *v = posted(req, name);
				if (v && *v)
					html_void(h, "input", "type", "hidden", "name", name, "value", v, NULL);
			}
		} else if (d->kind == K_VOCABS) {
			for (int i = 0; post && i < req->nform; i++)
				if (strcmp(req->form[i].name, d->path) == 0 && referral_utf8_ok(req->form[i].value))
					html_void(h, "input", "type", "hidden", "name", d->path, "value", req->form[i].value, NULL);
		} else {
			const char *v = posted(req, d->path);
			if (!v && !post && dflt)
				v = dflt->v[f];
			if (v && *v)
				html_void(h, "input", "type", "hidden", "name", d->path, "value", v, NULL);
		}
	}
}

static int all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

static const char *trimmed(const char *s, char *buf, size_t len)
{
	while (*s == ' ')
		s++;
	snprintf(buf, len, "%s", s);
	size_t n = strlen(buf);
	while (n && buf[n - 1] == ' ')
		buf[--n] = '\0';
	return buf;
}

/* Reads the posted form into raw (values borrowed from req and dates). */
static void form_read(struct http_req *req, unsigned channel, struct referral_raw *raw,
		      struct referral_form_dates *dates, struct field_errors *fe)
{
	memset(raw, 0, sizeof *raw);
	http_form(req, "csrf_token"); /* parses the form */
	for (int f = 0; f < RF__MAX; f++) {
		const struct referral_field_desc *d = &referral_fields[f];
		if (!(d->channels & channel))
			continue;
		if (d->kind == K_VOCABS) {
			raw->has_list = 1;
			for (int i = 0; i < req->nform && raw->nlist < REFERRAL_REASONS_MAX; i++)
				if (strcmp(req->form[i].name, d->path) == 0)
					raw->list[raw->nlist++] = req->form[i].value;
			continue;
		}
		if (d->kind != K_DOB && d->kind != K_DAY) {
			raw->v[f] = http_form(req, d->path);
			continue;
		}
		char part[3][8];
		int given = 0, numeric = 1;
		for (int i = 0; i < 3; i++) {
			char name[96];
			snprintf(name, sizeof name, "%s.%s", d->path, date_parts[i]);
			const char *v = http_form(req, name);
			trimmed(v ? v : "", part[i], sizeof part[i]);
			given += part[i][0] != '\0';
			numeric &= all_digits(part[i]) && strlen(part[i]) <= (i == 2 ? 4u : 2u);
		}
		if (given == 0)
			continue;
		if (given < 3) {
			raw->bad[f] = 1;
			fielderr_add(fe, d->path, "%s must include a day, a month and a year", d->label);
		} else if (!numeric || strlen(part[2]) != 4) {
			raw->bad[f] = 1;
			fielderr_add(fe, d->path, "%s must be a real date, with the year in four digits, like 15 3 1984",
				     d->label);
		} else {
			snprintf(dates->text[f], sizeof dates->text[f], "%s-%02d-%02d", part[2], atoi(part[1]), atoi(part[0]));
			raw->v[f] = dates->text[f];
		}
	}
}

void referral_form_confirmation(struct html *h, const char *reference, int64_t sla_due_at, int self)
{
	char due[LONDON_FORMAT_LEN];
	london_format(sla_due_at, due);
	html_open(h, "div", "class", "nhsuk-grid-row", NULL);
	html_open(h, "div", "class", "nhsuk-grid-column-two-thirds", NULL);
	html_open(h, "div", "class", "nhsuk-panel", NULL);
	html_elem(h, "h1", self ? "Request sent" : "Referral sent", "class", "nhsuk-panel__title", NULL);
	html_open(h, "div", "class", "nhsuk-panel__body", NULL);
	html_text(h, self ? "Your reference number" : "Reference number");
	html_void(h, "br", NULL);
	html_elem(h, "strong", reference, "class", "waymark-reference", NULL);
	html_close(h);
	html_close(h);
	html_elem(h, "h2", "What happens next", "class", "nhsuk-heading-m", NULL);
	html_open(h, "p", NULL);
	if (self)
		html_textf(h, "Someone from the hub will contact you by %s (UK time). Weekends and bank holidays are not "
			      "counted. Quote your reference number if you call us.", due);
	else
		html_textf(h, "The hub will contact the person by %s (UK time); weekends and bank holidays are not counted. "
			      "You can follow the referral's progress under Referrals.", due);
	html_close(h);
	html_elem(h, "p", "If someone is in immediate danger, call 999.", NULL);
	html_close(h);
	html_close(h);
}

/* ---- professional pages ---- */

int referral_form_submit(struct http_req *req, struct http_resp *resp, unsigned channel, referral_form_page_fn page,
			 int (*done)(struct http_req *req, struct http_resp *resp, int64_t id))
{
	struct field_errors *fe = ops_fielderr_new();
	struct referral_form_dates *dates = malloc(sizeof *dates);
	struct referral_raw *raw = malloc(sizeof *raw);
	int rc = -1;
	if (fe && dates && raw) {
		form_read(req, channel, raw, dates, fe);
		struct referral_created made;
		struct ops_ctx c = http_ops_ctx(req);
		enum ops_result r = ops_referral_submit(&c, raw, channel, fe, &made);
		rc = r == OPS_ERROR ? http_store_failed(req, resp) : r == OPS_INVALID ? page(req, resp, fe, 422)
										      : done(req, resp, made.id);
	}
	free(fe);
	free(dates);
	free(raw);
	return rc;
}

enum ops_result referral_form_check(struct http_req *req, unsigned channel, struct field_errors *fe)
{
	struct referral_form_dates *dates = malloc(sizeof *dates);
	struct referral_raw *raw = malloc(sizeof *raw);
	enum ops_result r = OPS_ERROR;
	if (dates && raw) {
		form_read(req, channel, raw, dates, fe);
		struct ops_referral *p = NULL;
		struct ops_ctx c = http_ops_ctx(req);
		r = ops_referral_prepare(&c, raw, channel, fe, &p);
		if (r == OPS_OK && (fe->n || fe->dropped))
			r = OPS_INVALID;
		ops_referral_free(p);
	}
	free(dates);
	free(raw);
	return r;
}

static int referral_sent(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	struct ops_ctx c = http_ops_ctx(req);
	int access = ops_referral_access(&c, id);
	if (access < 0)
		return http_store_failed(req, resp);
	struct referral_status s;
	if (access == OPS_REFERRAL_NONE || referral_store_status(req->db, id, &s) != 1)
		return http_problem(resp, 404, "Not found", "There is no referral with that id.");
	struct web_page pg;
	web_begin(&pg, req, resp, "Referral sent");
	referral_form_confirmation(&pg.h, s.reference, s.sla_due_at, 0);
	return web_end(&pg, resp, 200);
}

static const char *status_label(const char *status)
{
	static const char *const map[][2] = {
		{ "received", "Received" },   { "triaged", "Triaged" }, { "allocated", "Allocated" },
		{ "in_progress", "In progress" }, { "closed", "Closed" }, { "rejected", "Not accepted" },
		{ "withdrawn", "Withdrawn" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(map[i][0], status) == 0)
			return map[i][1];
	return status;
}

struct list_page {
	struct html *h;
	int hub;
	int n;
	int64_t last;
	struct idlist people;
};

static void list_row(void *ctx, const struct referral_summary *s)
{
	struct list_page *lp = ctx;
	struct html *h = lp->h;
	if (s->has_person)
		idlist_add(&lp->people, s->person_id);
	char when[LONDON_FORMAT_LEN], due[LONDON_FORMAT_LEN];
	london_format(s->received_at, when);
	london_format(s->sla_due_at, due);
	html_open(h, "tr", "class", "nhsuk-table__row", NULL);
	html_open(h, "td", "class", "nhsuk-table__cell waymark-nowrap", NULL);
	char href[48];
	snprintf(href, sizeof href, lp->hub ? "/triage/%lld" : "/referrals/%lld", (long long)s->id);
	html_elem(h, "a", s->reference, "href", href, NULL);
	html_close(h);
	{
		html_open(h, "td", "class", "nhsuk-table__cell", NULL);
		html_textf(h, "%s %s", s->given_name, s->family_name);
		html_close(h);
	}
	html_open(h, "td", "class", "nhsuk-table__cell", NULL);
	html_elem(h, "strong", status_label(s->status), "class", "nhsuk-tag nhsuk-tag--blue waymark-nowrap", NULL);
	html_close(h);
	html_elem(h, "td", when, "class", "nhsuk-table__cell", NULL);
	html_elem(h, "td", due, "class", "nhsuk-table__cell", NULL);
	html_open(h, "td", "class", "nhsuk-table__cell", NULL);
	if (referral_status_is_open(s->status)) {
		snprintf(href, sizeof href, "/referrals/%lld/withdraw", (long long)s->id);
		html_open(h, "a", "href", href, NULL);
		html_text(h, "Withdraw");
		html_open(h, "span", "class", "nhsuk-u-visually-hidden", NULL);
		html_textf(h, " referral %s", s->reference);
		html_close(h);
		html_close(h);
	}
	html_close(h);
	html_close(h);
	lp->n++;
	lp->last = s->id;
}

static const char *const referral_page_sorts[] = { "newest", "oldest", NULL };
static const struct form_option referral_sort_opts[] = { { "newest", "Newest first" }, { "oldest", "Oldest first" },
							 { NULL, NULL } };

static void skip_row(void *ctx, const struct referral_summary *s)
{
	*(int64_t *)ctx = s->id;
}

/* Moves q's cursor to the start of page (2, 3, ...): reads the ids of the
 * pages before it, PAGE_LIMIT_MAX at a time. 0, or -1 on a store error. */
static int referral_page_start(struct http_req *req, struct referral_list_query *q, int page)
{
	int64_t skip = (int64_t)(page - 1) * q->limit;
	int limit = q->limit;
	while (skip > 0) {
		int64_t last = 0;
		q->limit = skip < PAGE_LIMIT_MAX ? (int)skip : PAGE_LIMIT_MAX;
		int n = referral_store_list(req->db, q, skip_row, &last);
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		if (q->oldest)
			q->after_id = last;
		else
			q->before_id = last;
		skip -= n;
		if (n < q->limit)
			break;
	}
	q->limit = limit;
	return 0;
}

static int referral_list_page(struct http_req *req, struct http_resp *resp)
{
	struct ops_ctx ctx = http_ops_ctx(req);
	int hub = ops_is_hub(&ctx);
	struct referral_list_query q = { INT64_MAX, "", "", PAGE_LIMIT_DEFAULT, hub ? 0 : req->auth.user_id };
	struct field_errors *fe = ops_fielderr_new();
	if (!fe)
		return http_store_failed(req, resp);
	struct http_list l;
	http_list_page(req, referral_page_sorts, &l, fe);
	q.oldest = l.sort == 1;
	q.search = &l.search;
	/* Pages are numbered (?page), read by keyset: the first id of the page
	 * is found by skipping whole pages' ids in the index. */
	if (l.page > 1 && referral_page_start(req, &q, l.page) < 0) {
		free(fe);
		return http_store_failed(req, resp);
	}
	struct web_page pg;
	web_begin(&pg, req, resp, hub ? "Referrals" : "Your referrals");
	struct html *h = &pg.h;
	html_elem(h, "h1", hub ? "Referrals" : "Your referrals", NULL);
	if (!hub)
		html_elem(h, "p", "The referrals you have made and where each has got to.", NULL);
	html_open(h, "p", NULL);
	html_elem(h, "a", "Make a referral", "href", "/referrals/new", "class", "nhsuk-button nhsuk-button--secondary",
		  NULL);
	html_close(h);
	if (fe->n)
		layout_error_summary(h, fe);
	list_search_form(h, "/referrals", "Search referrals", l.q, "A name, an NHS number or a reference", referral_sort_opts,
			 l.sort_name, fe);
	free(fe);
	int depth = h->depth;
	html_open(h, "table", "class", "nhsuk-table-responsive", NULL);
	html_elem(h, "caption", hub ? "Referrals" : "Your referrals", "class",
		  "nhsuk-table__caption", NULL);
	static const struct list_column cols[] = { { "Reference", NULL, NULL, 0 }, { "Person", NULL, NULL, 0 },
						   { "Status", NULL, NULL, 0 },	   { "Received", "oldest", "newest", 1 },
						   { "Contact due by", NULL, NULL, 0 }, { "Action", NULL, NULL, 0 } };
	const char *head_params[] = { "q", l.q, NULL };
	list_table_head(h, "/referrals", head_params, cols, sizeof cols / sizeof cols[0], l.sort_name);
	html_open(h, "tbody", "class", "nhsuk-table__body", NULL);
	struct list_page lp = { h, hub, 0, 0, { 0 } };
	if (referral_store_list(req->db, &q, list_row, &lp) < 0) {
		idlist_free(&lp.people);
		return http_store_failed(req, resp);
	}
	html_close_to(h, depth);
	if (lp.n == 0)
		html_elem(h, "p", "There are no referrals to show.", NULL);
	const char *params[] = { "q", l.q, "sort", l.sort ? l.sort_name : "", NULL };
	list_pager(h, "/referrals", params, l.page, lp.n == q.limit);
	if (hub && lp.n) {
		char detail[32];
		snprintf(detail, sizeof detail, "listed=%d", lp.n);
		http_audit_people(req, AUDIT_REFERRAL_LIST, "referral", lp.people.v, lp.people.n, detail);
	}
	idlist_free(&lp.people);
	return web_end(&pg, resp, 200);
}

const struct route web_referral_routes[] = {
	{ "GET", "/referrals/new", referral_steps_new, PERM_REFERRAL_CREATE, "The referral form's first step (works without JavaScript)" },
	{ "POST", "/referrals", referral_steps_post, PERM_REFERRAL_CREATE, "Send a referral (form): its next step, the answers to check, the reference, or the step with its errors" },
	{ "GET", "/referrals/{id}/sent", referral_sent, PERM_REFERRAL_READ, "Confirmation of a referral with its reference", "referral" },
	{ "GET", "/referrals", referral_list_page, PERM_REFERRAL_READ, "Referrals: the referrer's own with their status; all for the hub" },
	{ 0 },
};
