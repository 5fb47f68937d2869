/* Community service directory pages: search (a GET form that works without
 * JavaScript), a service's page, the add and edit forms for editors (the
 * listing's owner and the hub; other editors suggest a change, which the
 * owner accepts or rejects on the edit page); with ?case=ID each service
 * gets a "Refer on" button for that case. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/directory_json.h"
#include "core/londontime.h"
#include "http/ops_reply.h"
#include "ops/directory.h"
#include "web/form.h"
#include "web/post.h"
#include "web/web.h"

static const char *query(void *req, const char *name)
{
	return http_query(req, name);
}

static void summary_row(struct html *h, const char *key, const char *value)
{
	html_open(h, "div", "class", "nhsuk-summary-list__row", NULL);
	html_elem(h, "dt", key, "class", "nhsuk-summary-list__key", NULL);
	html_elem(h, "dd", value && *value ? value : "Not given", "class", "nhsuk-summary-list__value", NULL);
	html_close(h);
}

static const char *capacity_colour(const char *code)
{
	return !strcmp(code, "open")	       ? "nhsuk-tag nhsuk-tag--green"
	       : !strcmp(code, "limited")      ? "nhsuk-tag nhsuk-tag--yellow"
	       : !strcmp(code, "waiting_list") ? "nhsuk-tag nhsuk-tag--orange"
					       : "nhsuk-tag nhsuk-tag--red";
}

static void capacity_tag(struct html *h, const struct directory_refs *refs, const struct service_record *r)
{
	const char *code = r->v[SF_CAPACITY_STATUS], *label = directory_vocab_label(&refs->capacity, code);
	html_elem(h, "strong", label ? label : code, "class", capacity_colour(code), NULL);
}

/* "Befriending, Social groups" from a list of codes. */
static void join_labels(const struct service_record *r, int which, const struct directory_vocab *v, char *out,
			size_t n)
{
	size_t len = 0;
	out[0] = '\0';
	for (size_t i = 0; i < r->nlist[which] && len < n; i++) {
		const char *l = directory_vocab_label(v, r->list[which][i]);
		len += (size_t)snprintf(out + len, n - len, "%s%s", i ? ", " : "", l ? l : r->list[which][i]);
	}
}

/* A summary list of r's fields as the model labels them: those named in
 * only (a suggestion's changes), or else the lists, who can use it and the
 * contact fields. */
static void field_rows(struct html *h, const struct directory_refs *refs, const struct service_record *r, json_t *only)
{
	char text[DIRECTORY_LIST_MAX * DIRECTORY_LABEL_MAX];
	html_open(h, "dl", "class", "nhsuk-summary-list", NULL);
	for (int f = 0; f < SF__MAX; f++) {
		if (only ? !json_object_get(only, service_fields[f].key)
			 : !service_field_is_list(f) && f != SF_ELIGIBILITY && !service_fields[f].contact)
			continue;
		if (service_field_is_list(f))
			join_labels(r, f == SF_CATEGORIES ? SERVICE_LIST_CATEGORIES : SERVICE_LIST_AREAS,
				    f == SF_CATEGORIES ? &refs->categories : &refs->areas, text, sizeof text);
		else {
			const char *l = directory_vocab_label(&refs->capacity, r->v[f]);
			snprintf(text, sizeof text, "%s", l && service_fields[f].kind == SK_CAPACITY ? l : r->v[f]);
		}
		summary_row(h, service_fields[f].label, text);
	}
	html_close(h);
}

/* The case a service is being chosen for (?case=ID), or 0. */
static int64_t case_param(struct http_req *req)
{
	const char *c = http_query(req, "case");
	if (!c || !*c || strlen(c) > 18)
		return 0;
	char *end;
	long long v = strtoll(c, &end, 10);
	return *end || v <= 0 ? 0 : (int64_t)v;
}

static void refer_on_button(struct http_req *req, struct html *h, int64_t case_id, const struct directory_service *s)
{
	char action[64], sid[24], label[300];
	(void)req;
	snprintf(action, sizeof action, "/cases/%lld/onward", (long long)case_id);
	snprintf(sid, sizeof sid, "%lld", (long long)s->id);
	/* On to the onward form, which names the service and asks first (nothing is saved here). */
	html_open(h, "form", "method", "get", "action", action, NULL);
	html_void(h, "input", "type", "hidden", "name", "service_id", "value", sid, NULL);
	snprintf(label, sizeof label, "Refer on to %s", s->rec.v[SF_NAME]);
	html_open(h, "button", "class", "nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0", "type", "submit",
		  "aria-label", label, NULL);
	html_text(h, "Refer on");
	html_close(h);
	form_end(h);
}

static void service_href(char *out, size_t n, int64_t id, int64_t case_id)
{
	if (case_id)
		snprintf(out, n, "/directory/services/%lld?case=%lld", (long long)id, (long long)case_id);
	else
		snprintf(out, n, "/directory/services/%lld", (long long)id);
}

struct results {
	struct http_req *req;
	struct html *h;
	const struct directory_refs *refs;
	int64_t case_id;
};

static void result_item(void *ctx, const struct directory_service *s)
{
	struct results *rs = ctx;
	struct html *h = rs->h;
	const struct service_record *r = &s->rec;
	char href[96], text[DIRECTORY_LIST_MAX * DIRECTORY_LABEL_MAX];
	html_open(h, "li", "class", "waymark-result nhsuk-u-margin-bottom-5", NULL);
	html_open(h, "h3", "class", "nhsuk-heading-s nhsuk-u-margin-bottom-1", NULL);
	service_href(href, sizeof href, s->id, rs->case_id);
	html_elem(h, "a", r->v[SF_NAME], "href", href, NULL);
	html_close(h);
	html_open(h, "p", "class", "nhsuk-body-s nhsuk-u-margin-bottom-1", NULL);
	html_text(h, r->v[SF_ORGANIZATION_NAME]);
	html_text(h, " ");
	capacity_tag(h, rs->refs, r);
	if (s->demo) {
		html_text(h, " ");
		html_elem(h, "strong", "Demo listing (fictional)", "class", "nhsuk-tag nhsuk-tag--grey", NULL);
	}
	html_close(h);
	html_elem(h, "p", r->v[SF_DESCRIPTION], "class", "nhsuk-u-margin-bottom-1", NULL);
	join_labels(r, SERVICE_LIST_AREAS, &rs->refs->areas, text, sizeof text);
	html_open(h, "p", "class", "nhsuk-body-s nhsuk-u-margin-bottom-2", NULL);
	html_textf(h, "Areas: %s", text);
	if (*r->v[SF_PHONE])
		html_textf(h, ". Phone: %s", r->v[SF_PHONE]);
	html_close(h);
	if (rs->case_id)
		refer_on_button(rs->req, h, rs->case_id, s);
	html_close(h);
}

static void select_of(struct html *h, const char *name, const char *label, const struct directory_vocab *v,
		      const char *value, const char *any, const struct field_errors *fe)
{
	struct form_option opts[DIRECTORY_LIST_MAX + 2];
	size_t n = 0;
	opts[n++] = (struct form_option){ "", any };
	for (size_t i = 0; i < v->n; i++)
		opts[n++] = (struct form_option){ v->code[i], v->label[i] };
	opts[n] = (struct form_option){ NULL, NULL };
	form_select(h, &(struct form_field){ .name = name, .label = label, .value = value, .errors = fe }, opts);
}

static int directory_page(struct http_req *req, struct http_resp *resp)
{
	struct directory_refs_buf *b = directory_refs_new(req->db);
	if (!b)
		return http_store_failed(req, resp);
	struct field_errors *fe = ops_fielderr_new();
	if (!fe) {
		free(b);
		return -1;
	}
	struct directory_query q;
	directory_query_parse(query, req, &b->refs, &q, fe);
	int64_t case_id = case_param(req);
	struct web_page pg;
	web_begin_errors(&pg, req, resp, case_id ? "Refer on: choose a service" : "Community services", fe);
	struct html *h = &pg.h;
	html_elem(h, "h1", case_id ? "Refer on: choose a service" : "Community services", NULL);
	if (case_id) {
		char back[64];
		snprintf(back, sizeof back, "/cases/%lld", (long long)case_id);
		html_open(h, "p", NULL);
		html_text(h, "Find a service for this person, then choose Refer on. ");
		html_elem(h, "a", "Back to the case", "href", back, NULL);
		html_close(h);
	} else {
		html_elem(h, "p", "Groups, advice and support across Norfolk and Waveney that people can be referred or "
				  "signposted to.", "class", "nhsuk-body-l", NULL);
	}
	if (authz_allows(req->auth.role, PERM_DIRECTORY_EDIT)) {
		html_open(h, "p", NULL);
		html_elem(h, "a", "Add a service", "href", "/directory/services/new", NULL);
		html_close(h);
	}
	/* The search form: GET, so a search is a link and works without JavaScript. */
	html_open(h, "form", "method", "get", "action", "/directory", "role", "search", "aria-label", "Search services",
		  NULL);
	if (case_id) {
		char c[24];
		snprintf(c, sizeof c, "%lld", (long long)case_id);
		html_void(h, "input", "type", "hidden", "name", "case", "value", c, NULL);
	}
	form_input(h, &(struct form_field){ .name = "q", .label = "Search words", .hint = "For example, lunch club or debt",
					    .value = http_query(req, "q"), .errors = fe, .width = "nhsuk-input--width-30" });
	select_of(h, "category", "Category", &b->refs.categories, q.category, "Any category", fe);
	select_of(h, "area", "Area served", &b->refs.areas, q.area, "Any area", fe);
	select_of(h, "capacity", "Capacity", &b->refs.capacity, q.capacity, "Any", fe);
	form_button(h, "Search");
	html_close(h);
	if (!fe->n) {
		/* Results go to their own buffer so the count can come first. */
		int64_t total = 0;
		struct buf list;
		struct html lh;
		buf_init(&list, BUF_MAX_HTML);
		html_init(&lh, &list);
		html_open(&lh, "ul", "class", "nhsuk-list waymark-results", NULL);
		struct results rs = { req, &lh, &b->refs, case_id };
		if (directory_search(req->db, &q, result_item, &rs, &total)) {
			buf_free(&list);
			free(b);
			free(fe);
			return http_store_failed(req, resp);
		}
		html_close(&lh);
		char count[128];
		if (total == 0)
			snprintf(count, sizeof count, "No services match. Try fewer words or another area.");
		else if (total > q.limit)
			snprintf(count, sizeof count, "%lld services found; the first %d are shown. Narrow the search to see others.",
				 (long long)total, q.limit);
		else
			snprintf(count, sizeof count, "%lld service%s found.", (long long)total, total == 1 ? "" : "s");
		html_open(h, "div", "id", "results", NULL);
		html_elem(h, "h2", "Results", NULL);
		html_elem(h, "p", count, "class", "nhsuk-body waymark-count", NULL);
		buf_append(h->out, list.data ? list.data : "", list.len);
		buf_free(&list);
		html_close(h);
	}
	free(b);
	int rc = web_end(&pg, resp, fe->n ? 422 : 200);
	free(fe);
	return rc;
}

static int not_found(struct http_req *req, struct http_resp *resp)
{
	struct web_page pg;
	web_begin(&pg, req, resp, "Service not found");
	html_elem(&pg.h, "h1", "Service not found", NULL);
	html_open(&pg.h, "p", NULL);
	html_text(&pg.h, "There is no service with this id. ");
	html_elem(&pg.h, "a", "Search the directory", "href", "/directory", NULL);
	html_close(&pg.h);
	return web_end(&pg, resp, 404);
}

static int service_page(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	struct directory_refs_buf *b = directory_refs_new(req->db);
	struct directory_service *s = malloc(sizeof *s);
	int f = s && b ? directory_service_get(req->db, id, s) : -1;
	if (f <= 0) {
		free(s);
		free(b);
		return f < 0 ? http_store_failed(req, resp) : not_found(req, resp);
	}
	const struct service_record *r = &s->rec;
	int64_t case_id = case_param(req);
	struct web_page pg;
	web_begin(&pg, req, resp, r->v[SF_NAME]);
	struct html *h = &pg.h;
	char back[64];
	if (case_id)
		snprintf(back, sizeof back, "/directory?case=%lld", (long long)case_id);
	else
		snprintf(back, sizeof back, "/directory");
	html_open(h, "p", NULL);
	html_elem(h, "a", "Back to the search", "href", back, NULL);
	html_close(h);
	html_open(h, "h1", NULL);
	html_elem(h, "span", r->v[SF_ORGANIZATION_NAME], "class", "nhsuk-caption-l", NULL);
	html_text(h, r->v[SF_NAME]);
	html_close(h);
	html_open(h, "p", NULL);
	capacity_tag(h, &b->refs, r);
	if (*r->v[SF_CAPACITY_NOTE])
		html_textf(h, " %s", r->v[SF_CAPACITY_NOTE]);
	if (!strcmp(r->v[SF_STATUS], "inactive")) {
		html_text(h, " ");
		html_elem(h, "strong", "No longer listed", "class", "nhsuk-tag nhsuk-tag--grey", NULL);
	}
	html_close(h);
	if (s->owner_name[0]) {
		html_open(h, "p", "class", "nhsuk-body-s", NULL);
		html_textf(h, "Listed by %s.", s->owner_name);
		html_close(h);
	}
	if (s->demo)
		html_elem(h, "p", "This is a demo listing: the organisation, service and contact details are fictional.",
			  "class", "nhsuk-inset-text", NULL);
	html_elem(h, "p", r->v[SF_DESCRIPTION], NULL);
	field_rows(h, &b->refs, r, NULL);
	if (case_id)
		refer_on_button(req, h, case_id, s);
	if (authz_allows(req->auth.role, PERM_DIRECTORY_EDIT)) {
		char edit[64];
		snprintf(edit, sizeof edit, "/directory/services/%lld/edit", (long long)id);
		html_open(h, "p", NULL);
		html_elem(h, "a",
			  directory_may_edit(req->auth.role, req->auth.org_id, s->owner_org_id)
				  ? "Change this service's details or capacity"
				  : "Suggest a change to this service",
			  "href", edit, NULL);
		html_close(h);
	}
	free(s);
	free(b);
	return web_end(&pg, resp, 200);
}

struct suggestions_page {
	struct http_req *req;
	struct html *h;
	const struct directory_refs *refs;
	const struct service_input *now; /* the service as it is */
	struct service_input in;
	struct service_record rec;
	struct field_errors fe; /* a suggestion's problems (the page is on the heap) */
	int n;
};

/* One open suggestion: who, when, each changed field, Accept and Reject. */
static void suggestion_item(void *ctx, const struct directory_suggestion *g)
{
	struct suggestions_page *sp = ctx;
	struct html *h = sp->h;
	char when[LONDON_FORMAT_LEN], action[96];
	json_t *changes = json_loads(g->changes, 0, NULL);
	london_format(g->created_at, when);
	sp->n++;
	html_open(h, "div", "class", "nhsuk-card nhsuk-u-margin-bottom-4", NULL);
	html_open(h, "div", "class", "nhsuk-card__content", NULL);
	html_open(h, "h3", "class", "nhsuk-card__heading", NULL);
	html_textf(h, "Suggested by %s (%s), %s", g->by_name, g->by_org, when);
	html_close(h);
	/* What the service would be: the changes over it as it is, checked. */
	fielderr_init(&sp->fe);
	sp->in = *sp->now;
	service_input_from_json(changes, &sp->in, &sp->fe);
	service_validate(&sp->in, sp->refs, &sp->rec, &sp->fe);
	field_rows(h, sp->refs, &sp->rec, changes);
	static const char *const verbs[] = { "accept", "reject" };
	for (int i = 0; i < 2; i++) {
		snprintf(action, sizeof action, "/directory/services/%lld/suggestions/%lld/%s", (long long)g->service_id,
			 (long long)g->id, verbs[i]);
		form_begin(h, action, sp->req->auth.csrf[0] ? sp->req->auth.csrf : NULL);
		html_open(h, "button", "class", i ? "nhsuk-button nhsuk-button--secondary" : "nhsuk-button", "type", "submit",
			  NULL);
		html_text(h, i ? "Reject this suggestion" : "Accept this suggestion");
		html_close(h);
		form_end(h);
	}
	html_close(h);
	html_close(h);
	json_decref(changes);
}

enum form_mode { FORM_ADD, FORM_EDIT, FORM_SUGGEST };

/* The add, edit or suggest form, filled from in, with fe's problems; the
 * edit form lists the service's open suggestions first. */
static int edit_form(struct http_req *req, struct http_resp *resp, int64_t id, enum form_mode mode,
		     const struct service_input *in, const struct directory_refs *refs, const struct field_errors *fe)
{
	static const char *const titles[] = { "Add a service", "Change a service", "Suggest a change to a service" };
	static const char *const buttons[] = { "Add the service", "Save changes", "Send the suggestion" };
	static const char *const paths[] = { "", "edit", "suggestions" };
	struct web_page pg;
	web_begin_errors(&pg, req, resp, titles[mode], fe);
	struct html *h = &pg.h;
	char action[64];
	if (id)
		snprintf(action, sizeof action, "/directory/services/%lld/%s", (long long)id, paths[mode]);
	else
		snprintf(action, sizeof action, "/directory/services");
	html_elem(h, "h1", titles[mode], NULL);
	if (mode == FORM_SUGGEST)
		html_elem(h, "p", "Another organisation keeps this listing. Change what needs changing and send it: its "
				  "editors accept or reject your suggestion.", "class", "nhsuk-inset-text", NULL);
	if (mode == FORM_EDIT) {
		struct buf list;
		struct html lh;
		buf_init(&list, BUF_MAX_HTML);
		html_init(&lh, &list);
		struct suggestions_page *sp = calloc(1, sizeof *sp);
		if (sp) {
			sp->req = req;
			sp->h = &lh;
			sp->refs = refs;
			sp->now = in;
			if (directory_suggestions_open(req->db, id, suggestion_item, sp) == 0 && sp->n) {
				html_elem(h, "h2", "Suggested changes", NULL);
				buf_append(h->out, list.data ? list.data : "", list.len);
			}
		}
		free(sp);
		buf_free(&list);
	}
	form_begin(h, action, req->auth.csrf[0] ? req->auth.csrf : NULL);
	for (int f = 0; f < SF__MAX; f++) {
		const struct service_field_desc *d = &service_fields[f];
		struct form_field ff = { .name = d->key, .label = d->label, .hint = d->hint, .value = in->v[f], .errors = fe,
					 .required = d->required };
		struct form_option opts[DIRECTORY_LIST_MAX + 1];
		const char *checked[DIRECTORY_LIST_MAX + 1];
		const struct directory_vocab *v = d->kind == SK_CATEGORIES ? &refs->categories
						  : d->kind == SK_AREAS	     ? &refs->areas
						  : d->kind == SK_CAPACITY   ? &refs->capacity
									     : NULL;
		size_t n = 0;
		for (size_t i = 0; v && i < v->n; i++)
			opts[n++] = (struct form_option){ v->code[i], v->label[i] };
		opts[n] = (struct form_option){ NULL, NULL };
		switch (d->kind) {
		case SK_CATEGORIES:
		case SK_AREAS:
			for (n = 0; n < in->nitems[f]; n++)
				checked[n] = in->items[f][n];
			checked[n] = NULL;
			form_checkboxes(h, &ff, opts, checked);
			break;
		case SK_CAPACITY:
			form_radios(h, &ff, opts);
			break;
		case SK_STATUS: {
			static const struct form_option st[] = { { "active", "Listed: shown in searches" },
								 { "inactive", "Not listed: hidden from searches" },
								 { NULL, NULL } };
			ff.value = in->v[f] && *in->v[f] ? in->v[f] : "active";
			form_radios(h, &ff, st);
			break;
		}
		case SK_LONGTEXT:
			form_textarea(h, &ff, 4);
			break;
		default:
			ff.type = d->kind == SK_EMAIL ? "email" : d->kind == SK_PHONE ? "tel" : d->kind == SK_URL ? "url" : "text";
			ff.width = d->kind == SK_POSTCODE ? "nhsuk-input--width-10" : d->kind == SK_PHONE ? "nhsuk-input--width-20" : NULL;
			form_input(h, &ff);
			break;
		}
	}
	form_button(h, buttons[mode]);
	form_end(h);
	return web_end(&pg, resp, fe && fe->n ? 422 : 200);
}

static int new_page(struct http_req *req, struct http_resp *resp)
{
	struct directory_refs_buf *b = directory_refs_new(req->db);
	struct service_input *in = calloc(1, sizeof *in);
	int rc = b ? -1 : http_store_failed(req, resp);
	if (b && in) {
		in->v[SF_CAPACITY_STATUS] = "open";
		rc = edit_form(req, resp, 0, FORM_ADD, in, &b->refs, NULL);
	}
	free(in);
	free(b);
	return rc;
}

/* The owner's editors and the hub change a listing; other editors suggest. */
static enum form_mode mode_for(struct http_req *req, const struct directory_service *s)
{
	return directory_may_edit(req->auth.role, req->auth.org_id, s->owner_org_id) ? FORM_EDIT : FORM_SUGGEST;
}

static int edit_page(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	struct directory_refs_buf *b = directory_refs_new(req->db);
	struct directory_service *s = malloc(sizeof *s);
	struct service_input *in = malloc(sizeof *in);
	int rc = -1;
	int f = b && s && in ? directory_service_get(req->db, id, s) : -1;
	if (f <= 0) {
		rc = f < 0 ? http_store_failed(req, resp) : not_found(req, resp);
	} else {
		service_input_from_record(&s->rec, in);
		rc = edit_form(req, resp, id, mode_for(req, s), in, &b->refs, NULL);
	}
	free(in);
	free(s);
	free(b);
	return rc;
}

/* Reads the posted form: text fields by name, checkboxes as repeated names. */
static void input_from_form(struct http_req *req, struct service_input *in)
{
	memset(in, 0, sizeof *in);
	http_form(req, "csrf_token"); /* parses the body */
	for (int f = 0; f < SF__MAX; f++) {
		if (!service_field_is_list(f)) {
			in->v[f] = http_form(req, service_fields[f].key);
			continue;
		}
		for (int i = 0; i < req->nform; i++) {
			if (strcmp(req->form[i].name, service_fields[f].key) != 0)
				continue;
			if (in->nitems[f] == DIRECTORY_LIST_MAX) {
				in->too_many[f] = 1;
				break;
			}
			in->items[f][in->nitems[f]++] = req->form[i].value;
		}
	}
}

static int to_service(struct http_resp *resp, int64_t id, const char *then)
{
	char loc[80];
	snprintf(loc, sizeof loc, "/directory/services/%lld%s", (long long)id, then);
	return http_redirect(resp, loc);
}

/* Adds a service (FORM_ADD), or changes or suggests a change to the one the path names. */
static int save_post(struct http_req *req, struct http_resp *resp, enum form_mode mode)
{
	struct web_post p;
	if (!(mode == FORM_ADD ? web_post_fe(&p, req) : web_post_id(&p, req, resp)))
		return p.rc;
	struct directory_refs_buf *b = directory_refs_new(req->db);
	struct service_input *in = malloc(sizeof *in);
	int rc = b ? -1 : http_store_failed(req, resp);
	if (!b || !in)
		goto done;
	input_from_form(req, in);
	int64_t out = p.id;
	enum ops_result r = mode == FORM_SUGGEST ? ops_service_suggest(&p.c, p.id, in, &b->refs, p.fe, &out)
						 : ops_service_save(&p.c, p.id, in, &b->refs, p.fe, &out);
	if (r == OPS_OK)
		rc = to_service(resp, mode == FORM_SUGGEST ? p.id : out, "");
	else if (r == OPS_INVALID)
		rc = edit_form(req, resp, p.id, mode, in, &b->refs, p.fe);
	else if (r == OPS_NOT_FOUND)
		rc = not_found(req, resp);
	else
		rc = web_ops_reply(req, resp, r, "You cannot change this service", p.fe);
done:
	free(in);
	free(b);
	return web_post_end(&p, rc);
}

static int create_post(struct http_req *req, struct http_resp *resp)
{
	return save_post(req, resp, FORM_ADD);
}

static int edit_post(struct http_req *req, struct http_resp *resp)
{
	return save_post(req, resp, FORM_EDIT);
}

static int suggest_post(struct http_req *req, struct http_resp *resp)
{
	return save_post(req, resp, FORM_SUGGEST);
}

static int answer_post(struct http_req *req, struct http_resp *resp, int accept)
{
	struct web_post p;
	if (!web_post_id(&p, req, resp))
		return p.rc;
	struct directory_refs_buf *b = directory_refs_new(req->db);
	int rc = b ? -1 : http_store_failed(req, resp);
	if (b) {
		int64_t sid = directory_suggestion_id(http_param(req, 1));
		enum ops_result r = ops_suggestion_decide(&p.c, p.id, sid, accept, &b->refs, p.fe);
		rc = r == OPS_OK ? to_service(resp, p.id, "/edit")
				 : web_ops_reply(req, resp, r, "The suggestion cannot be answered", p.fe);
	}
	free(b);
	return web_post_end(&p, rc);
}

static int accept_post(struct http_req *req, struct http_resp *resp)
{
	return answer_post(req, resp, 1);
}

static int reject_post(struct http_req *req, struct http_resp *resp)
{
	return answer_post(req, resp, 0);
}

const struct route web_directory_routes[] = {
	{ "GET", "/directory", directory_page, PERM_DIRECTORY_READ,
	  "Search community services (?q, category, area, capacity; ?case=ID adds Refer on buttons)" },
	{ "GET", "/directory/services/new", new_page, PERM_DIRECTORY_EDIT, "Form to add a directory service" },
	{ "POST", "/directory/services", create_post, PERM_DIRECTORY_EDIT, "Add a directory service (form)" },
	{ "GET", "/directory/services/{id}", service_page, PERM_DIRECTORY_READ, "A directory service's page", "service" },
	{ "GET", "/directory/services/{id}/edit", edit_page, PERM_DIRECTORY_EDIT,
	  "Form to change a directory service (or, for another organisation's, to suggest a change)", "service" },
	{ "POST", "/directory/services/{id}/edit", edit_post, PERM_DIRECTORY_EDIT,
	  "Change a directory service (form; its owner's editors and the hub)", "service" },
	{ "POST", "/directory/services/{id}/suggestions", suggest_post, PERM_DIRECTORY_EDIT,
	  "Suggest a change to a directory service (form)", "service" },
	{ "POST", "/directory/services/{id}/suggestions/{sid}/accept", accept_post, PERM_DIRECTORY_EDIT,
	  "Accept a suggested change (form; the service's owner's editors and the hub)", "service" },
	{ "POST", "/directory/services/{id}/suggestions/{sid}/reject", reject_post, PERM_DIRECTORY_EDIT,
	  "Reject a suggested change (form; the service's owner's editors and the hub)", "service" },
	{ 0 },
};
