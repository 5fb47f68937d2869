/* The volunteer passport on a volunteer's page: the catalogue modules
 * completed, and a form (no JavaScript) where a coordinator ticks modules
 * and gives the date they were completed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datehuman.h"
#include "http/ops_reply.h"
#include "ops/training.h"
#include "ops/volunteers.h"
#include "store/training.h"
#include "web/form.h"
#include "web/form_date.h"
#include "web/post.h"
#include "web/web.h"

/* Whether the required modules are done: until they are, matching offers the volunteer no task. */
static void required_training(struct html *h, const struct training_catalogue *missing)
{
	html_open(h, "div", "class", missing->n ? "nhsuk-warning-callout" : "nhsuk-inset-text", "id", "training-compliance", NULL);
	if (!missing->n) {
		html_elem(h, "p", "Every required module is recorded: the volunteer can be offered tasks.", NULL);
		html_close(h);
		return;
	}
	html_open(h, "h3", "class", "nhsuk-warning-callout__label", NULL);
	html_elem(h, "span", "Important: ", "class", "nhsuk-u-visually-hidden", NULL);
	html_text(h, "Required training missing");
	html_close(h);
	html_elem(h, "p", "Not compliant: matching offers this volunteer no task until these modules are recorded:", NULL);
	html_open(h, "ul", "class", "nhsuk-list nhsuk-list--bullet", NULL);
	for (size_t i = 0; i < missing->n; i++)
		html_elem(h, "li", missing->m[i].title, NULL);
	html_close(h);
	html_close(h);
}

int web_training_section(struct html *h, struct http_req *req, int64_t id, const struct field_errors *fe)
{
	struct training_catalogue *cat = malloc(sizeof *cat), *done = malloc(sizeof *done), *missing = malloc(sizeof *missing);
	int rc = -1;
	if (!cat || !done || !missing || training_catalogue_load(req->db, cat) || training_done_load(req->db, id, done) ||
	    training_missing_load(req->db, id, missing))
		goto out;
	html_elem(h, "h2", "Training modules completed", "id", "training", "class", "nhsuk-u-margin-top-5", NULL);
	required_training(h, missing);
	if (!done->n) {
		html_elem(h, "p", "No modules of the catalogue recorded yet.", "class", "nhsuk-body", NULL);
	} else {
		html_open(h, "ul", "class", "nhsuk-list nhsuk-list--bullet", NULL);
		for (size_t i = 0; i < done->n; i++) {
			char line[160], day[DH_DATE_LEN];
			if (dh_format_iso(done->m[i].completed_on, day))
				snprintf(day, sizeof day, "%s", done->m[i].completed_on);
			snprintf(line, sizeof line, "%s: completed %s", done->m[i].title, day);
			html_elem(h, "li", line, NULL);
		}
		html_close(h);
	}
	char action[64];
	snprintf(action, sizeof action, "/volunteers/%lld/training", (long long)id);
	form_begin(h, action, req->auth.csrf);
	struct form_option opts[TRAINING_MODULES_MAX + 1];
	char labels[TRAINING_MODULES_MAX][140];
	for (size_t i = 0; i < cat->n; i++) {
		snprintf(labels[i], sizeof labels[i], "%s%s", cat->m[i].title, cat->m[i].required ? " (required)" : "");
		opts[i] = (struct form_option){ cat->m[i].code, labels[i] };
	}
	opts[cat->n] = (struct form_option){ NULL, NULL };
	const char *checked[TRAINING_MODULES_MAX + 1] = { 0 };
	size_t nc = 0;
	for (int i = 0; fe && i < req->nform && nc < TRAINING_MODULES_MAX; i++)
		if (strcmp(req->form[i].name, "modules") == 0)
			checked[nc++] = req->form[i].value;
	form_checkboxes(h, &(struct form_field){ .name = "modules", .label = "Record training completed",
						 .hint = "Tick the modules completed on the same date", .errors = fe },
			opts, checked);
	form_date(h, req, &(struct form_field){ .name = "completed_on", .label = "Date completed", .hint = "For example, 2 11 2026", .errors = fe },
		  DT_DAYS_MIN - 1, 0);
	form_button(h, "Record training");
	form_end(h);
	rc = 0;
out:
	free(cat);
	free(done);
	free(missing);
	return rc;
}

static int training_post(struct http_req *req, struct http_resp *resp)
{
	struct web_post p;
	if (!web_post_id(&p, req, resp))
		return p.rc;
	struct training_item *items = calloc(TRAINING_ITEMS_MAX + 1, sizeof *items);
	int rc = -1;
	if (!items)
		goto done;
	size_t n = 0;
	char on[96];
	form_date_text(req, "completed_on", 0, on, sizeof on);
	for (int i = 0; i < req->nform && n <= TRAINING_ITEMS_MAX; i++)
		if (strcmp(req->form[i].name, "modules") == 0)
			items[n++] = (struct training_item){ req->form[i].value, on, 0 };
	enum ops_result r = ops_volunteer_training(&p.c, p.id, items, n, p.fe);
	if (r == OPS_OK) {
		char to[64];
		snprintf(to, sizeof to, "/volunteers/%lld#training", (long long)p.id);
		rc = http_redirect(resp, to);
	} else if (r == OPS_INVALID) {
		/* The page's keys: every module shares the one date field. */
		struct field_errors *pe = ops_fielderr_new();
		if (!pe)
			goto done;
		for (size_t i = 0; i < p.fe->n; i++) {
			const char *f = p.fe->e[i].field;
			const char *k = strstr(f, "completed_on") ? "completed_on" : "modules";
			if (!fielderr_for(pe, k))
				fielderr_add(pe, k, "%s", p.fe->e[i].message);
		}
		struct web_page pg;
		web_begin_errors(&pg, req, resp, "Record training", pe);
		html_open(&pg.h, "a", "class", "nhsuk-back-link", "href", "/volunteers", NULL);
		html_text(&pg.h, "Back to volunteers");
		html_close(&pg.h);
		html_elem(&pg.h, "h1", "Record training", NULL);
		if (web_training_section(&pg.h, req, p.id, pe))
			rc = http_store_failed(req, resp);
		else
			rc = web_end(&pg, resp, 422);
		free(pe);
	} else {
		rc = web_ops_reply(req, resp, r, "Record training", p.fe);
	}
done:
	free(items);
	return web_post_end(&p, rc);
}

const struct route web_training_routes[] = {
	{ "POST", "/volunteers/{id}/training", training_post, PERM_VOLUNTEER_MANAGE,
	  "Record training modules a volunteer completed (form): back to their page, or the form with its errors",
	  "volunteer" },
	{ 0 },
};
