/* The hub's referral import page: upload a CSV file (the columns `waymark
 * import referrals` takes; pasting its text is the fallback), read the dry run (each problem's line and field),
 * download the problems as CSV, confirm, and follow the import's progress
 * (the page refreshes itself while the jobs thread stores the rows). Works
 * without JavaScript. The rules are the operation's (ops/import.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/csv_upload.h"
#include "core/londontime.h"
#include "http/ops_reply.h"
#include "jobs/jobs.h"
#include "ops/import.h"
#include "util/csv.h"
#include "web/form.h"
#include "web/post.h"
#include "web/web.h"
#include "web/widgets.h"

#define PROBLEMS_SHOWN 100

static int form_page(struct http_req *req, struct http_resp *resp, const struct field_errors *fe, unsigned status)
{
	struct web_page pg;
	web_begin_errors(&pg, req, resp, "Import referrals", fe);
	struct html *h = &pg.h;
	const char *csrf = req->auth.csrf[0] ? req->auth.csrf : NULL;
	html_elem(h, "h1", "Import referrals", NULL);
	html_elem(h, "p", "Choose a CSV file of referrals: a header row naming each column by its field (as for "
			  "waymark import referrals, for example person.given_name, person.family_name, "
			  "person.date_of_birth, person.postcode, source, reasons, consent.referral, "
			  "consent.data_sharing), then a row per referral. You will see every problem, with its line and "
			  "field, before anything is stored.",
		  "class", "nhsuk-body", NULL);
	form_begin_upload(h, "/imports/check", csrf);
	char hint[160];
	snprintf(hint, sizeof hint, "A .csv file saved as CSV UTF-8 (comma delimited), up to %u MiB.",
		 IMPORT_PAGE_BYTES_MAX / (1024 * 1024));
	form_file(h, &(struct form_field){ .name = "file", .label = "CSV file", .hint = hint, .errors = fe }, ".csv,text/csv");
	form_button(h, "Check the file");
	form_end(h);
	/* The fallback for a few rows copied from elsewhere: open when it has the error. */
	int pasted = fe && fielderr_for(fe, "csv");
	html_open(h, "details", "class", "nhsuk-details", "open", pasted ? "" : NULL, NULL);
	html_open(h, "summary", "class", "nhsuk-details__summary", NULL);
	html_elem(h, "span", "Or paste the CSV text", "class", "nhsuk-details__summary-text", NULL);
	html_close(h);
	html_open(h, "div", "class", "nhsuk-details__text", NULL);
	form_begin(h, "/imports/check", csrf);
	form_input(h, &(struct form_field){ .name = "file_name", .label = "Name of the file (optional)",
					    .hint = "To find this import again, for example gp-referrals-december.csv",
					    .value = pasted ? http_form(req, "file_name") : NULL, .errors = fe });
	form_textarea(h, &(struct form_field){ .name = "csv", .label = "The CSV text",
					       .hint = "Up to 1 MiB; choose a file for more.",
					       .value = pasted ? http_form(req, "csv") : NULL, .errors = fe },
		      12);
	form_button(h, "Check the text");
	form_end(h);
	html_close(h);
	html_close(h);
	return web_end(&pg, resp, status);
}

static int import_page(struct http_req *req, struct http_resp *resp)
{
	return form_page(req, resp, NULL, 200);
}

static void summary_row(struct html *h, const char *key, int64_t v)
{
	char b[32];
	snprintf(b, sizeof b, "%lld", (long long)v);
	widget_summary_row(h, key, b);
}

static void problems_table(struct html *h, const char *csv)
{
	struct csv_reader *r = csv ? csv_open_mem(csv, strlen(csv)) : NULL;
	const struct csv_record *rec;
	if (!r)
		return;
	static const char *const cols[] = { "Line", "Field", "Problem" };
	widget_table_open(h, "Problems (the first 100)", cols, 3);
	int n = 0;
	while (csv_next(r, &rec) == CSV_RECORD && n <= PROBLEMS_SHOWN) {
		if (rec->line == 1 || rec->nfields != 3)
			continue;
		html_open(h, "tr", "class", "nhsuk-table__row", NULL);
		for (int c = 0; c < 3; c++)
			widget_cell(h, rec->fields[c].str);
		html_close(h);
		n++;
	}
	widget_table_close(h);
	csv_free(r);
}

static int report_page(struct http_req *req, struct http_resp *resp, const struct import_job *j)
{
	struct web_page pg;
	web_begin(&pg, req, resp, "Import: the check");
	struct html *h = &pg.h;
	html_elem(h, "h1", "What the check found", NULL);
	html_open(h, "dl", "class", "nhsuk-summary-list", "id", "import-check", NULL);
	if (j->file_name[0])
		widget_summary_row(h, "File", j->file_name);
	summary_row(h, "Rows", j->rows_total);
	summary_row(h, "Rows to import", j->rows_good);
	summary_row(h, "Rows with problems (not imported)", j->rows_bad);
	html_close(h);
	struct ops_ctx c = http_ops_ctx(req);
	if (j->problems_count) {
		char *csv = ops_import_problems(&c, j->id);
		problems_table(h, csv);
		free(csv);
		char href[64];
		snprintf(href, sizeof href, "/imports/problems.csv?job=%lld", (long long)j->id);
		html_open(h, "p", NULL);
		html_elem(h, "a", "Download the problems (CSV)", "href", href, NULL);
		html_close(h);
	}
	if (j->rows_good > 0 && strcmp(j->status, "checked") == 0) {
		form_begin(h, "/imports/confirm", req->auth.csrf[0] ? req->auth.csrf : NULL);
		char v[32];
		snprintf(v, sizeof v, "%lld", (long long)j->id);
		html_void(h, "input", "type", "hidden", "name", "job", "value", v, NULL);
		char label[80];
		snprintf(label, sizeof label, "Import %lld referral%s", (long long)j->rows_good, j->rows_good == 1 ? "" : "s");
		form_button(h, label);
		form_end(h);
	} else if (!j->rows_good) {
		widget_inset(h, "There is nothing to import: correct the rows and check the file again.");
	}
	html_open(h, "p", NULL);
	html_elem(h, "a", "Check another file", "href", "/imports", NULL);
	html_close(h);
	return web_end(&pg, resp, 200);
}

/* The uploaded file's bytes, or NULL with the reason under "file". */
static const char *upload_text(struct http_req *req, size_t *len, struct field_errors *fe)
{
	const struct http_upload *u = http_upload_file(req);
	const char *data = http_upload_data(req, len);
	char why[300];
	if (!u->files || (!u->file_name[0] && !u->size))
		fielderr_add(fe, "file", "Choose a CSV file of referrals");
	else if (!u->size)
		fielderr_add(fe, "file", "%.100s is empty: choose the file with the referrals in", u->file_name);
	else if (!data)
		return NULL; /* the server could not read its own temporary file */
	else if (csv_upload_check(u->file_name, u->content_type, data, *len, why, sizeof why))
		fielderr_add(fe, "file", "%s", why);
	else
		return data;
	return NULL;
}

static int check_post(struct http_req *req, struct http_resp *resp)
{
	struct web_post p;
	if (!web_post_fe(&p, req))
		return p.rc;
	struct import_job j;
	enum ops_result r;
	const struct http_upload *u = http_upload_file(req);
	if (u) {
		size_t len = 0;
		const char *csv = upload_text(req, &len, p.fe);
		r = csv ? ops_import_check(&p.c, u->file_name, csv, len, "file", &j, p.fe) : p.fe->n ? OPS_INVALID : OPS_ERROR;
	} else {
		const char *csv = http_form(req, "csv");
		r = ops_import_check(&p.c, http_form(req, "file_name"), csv, csv ? strlen(csv) : 0, "csv", &j, p.fe);
	}
	return web_post_end(&p, r == OPS_OK        ? report_page(req, resp, &j)
				: r == OPS_INVALID ? form_page(req, resp, p.fe, 422)
						   : web_ops_reply(req, resp, r, "Import referrals", p.fe));
}

/* The job named by ?job= or the form's job: 1 found, 0 answered. */
static int job_of(struct http_req *req, struct http_resp *resp, const char *v, struct import_job *j)
{
	char *end = NULL;
	long long id = v ? strtoll(v, &end, 10) : 0;
	struct ops_ctx c = http_ops_ctx(req);
	int n = id > 0 && end && !*end ? ops_import_get(&c, id, j) : 0;
	if (n == 1)
		return 1;
	if (n < 0)
		http_store_failed(req, resp);
	else
		web_ops_reply(req, resp, OPS_NOT_FOUND, "Import referrals", NULL);
	return 0;
}

static int confirm_post(struct http_req *req, struct http_resp *resp)
{
	struct import_job j;
	if (!job_of(req, resp, http_form(req, "job"), &j))
		return 0;
	struct web_post p;
	if (!web_post_fe(&p, req))
		return p.rc;
	enum ops_result r = ops_import_confirm(&p.c, j.id, p.fe);
	int rc;
	if (r == OPS_OK) {
		jobs_wake();
		char to[64];
		snprintf(to, sizeof to, "/imports/progress?job=%lld", (long long)j.id);
		rc = http_redirect(resp, to);
	} else {
		rc = web_ops_reply(req, resp, r, "Import referrals", p.fe);
	}
	return web_post_end(&p, rc);
}

static int progress_page(struct http_req *req, struct http_resp *resp)
{
	struct import_job j;
	if (!job_of(req, resp, http_query(req, "job"), &j))
		return 0;
	int live = strcmp(j.status, "queued") == 0 || strcmp(j.status, "running") == 0;
	struct web_page pg;
	web_begin(&pg, req, resp, "Import: progress");
	struct html *h = &pg.h;
	html_elem(h, "h1", live ? "Importing referrals" : strcmp(j.status, "done") == 0 ? "Import finished" : "Import", NULL);
	html_open(h, "dl", "class", "nhsuk-summary-list", "id", "import-progress", NULL);
	widget_summary_row(h, "Status", j.status);
	char of[64];
	snprintf(of, sizeof of, "%lld of %lld", (long long)j.rows_done, (long long)j.rows_total);
	widget_summary_row(h, "Rows read", of);
	summary_row(h, "Referrals stored", j.rows_stored);
	summary_row(h, "Rows to import", j.rows_good);
	summary_row(h, "Rows with problems (not imported)", j.rows_bad);
	if (j.error[0])
		widget_summary_row(h, "What went wrong", j.error);
	html_close(h);
	if (live) {
		int pct = j.rows_total ? (int)(j.rows_done * 100 / j.rows_total) : 0;
		char p[64];
		snprintf(p, sizeof p, "%d%% of the file read. This page refreshes every 2 seconds.", pct);
		html_elem(h, "p", p, "class", "nhsuk-body", NULL);
		http_header_add(resp, "Refresh", "2");
		char self[64];
		snprintf(self, sizeof self, "/imports/progress?job=%lld", (long long)j.id);
		html_open(h, "p", NULL);
		html_elem(h, "a", "Refresh now", "href", self, NULL);
		html_close(h);
	}
	if (j.problems_count) {
		char href[64];
		snprintf(href, sizeof href, "/imports/problems.csv?job=%lld", (long long)j.id);
		html_open(h, "p", NULL);
		html_elem(h, "a", "Download the problems (CSV)", "href", href, NULL);
		html_close(h);
	}
	html_open(h, "p", NULL);
	html_elem(h, "a", "Import another file", "href", "/imports", NULL);
	html_close(h);
	return web_end(&pg, resp, 200);
}

static int problems_csv(struct http_req *req, struct http_resp *resp)
{
	struct import_job j;
	if (!job_of(req, resp, http_query(req, "job"), &j))
		return 0;
	struct ops_ctx c = http_ops_ctx(req);
	char *csv = ops_import_problems(&c, j.id);
	if (!csv)
		return http_store_failed(req, resp);
	resp->status = 200;
	resp->content_type = "text/csv; charset=utf-8";
	char disp[96];
	snprintf(disp, sizeof disp, "attachment; filename=\"import-%lld-problems.csv\"", (long long)j.id);
	http_header_add(resp, "Content-Disposition", disp);
	buf_reset(&resp->body);
	buf_puts(&resp->body, csv);
	free(csv);
	return resp->body.failed ? -1 : 0;
}

const struct route web_import_routes[] = {
	{ "GET", "/imports", import_page, PERM_REFERRAL_IMPORT, "Import referrals: upload a CSV file to check" },
	{ "POST", "/imports/check", check_post, PERM_REFERRAL_IMPORT,
	  "Check a CSV of referrals, uploaded or pasted (a dry run): each problem's line and field, then confirm", NULL,
	  NULL, IMPORT_PAGE_BYTES_MAX + 64 * 1024 },
	{ "POST", "/imports/confirm", confirm_post, PERM_REFERRAL_IMPORT, "Confirm a checked import: it is stored in the background" },
	{ "GET", "/imports/progress", progress_page, PERM_REFERRAL_IMPORT,
	  "An import's progress (refreshes itself while it runs)", NULL, "job" },
	{ "GET", "/imports/problems.csv", problems_csv, PERM_REFERRAL_IMPORT, "An import's problems as CSV (line, field, message)",
	  NULL, "job" },
	{ 0 },
};
