/* The evaluation extract page for the programme lead: ask for an extract of
 * a period (run in the background by the jobs thread), see earlier ones and
 * download their files (each download audited). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "core/datehuman.h"
#include "core/datetime.h"
#include "core/londontime.h"
#include "http/audit_req.h"
#include "http/ops_reply.h"
#include "jobs/jobs.h"
#include "ops/evaluation_extract.h"
#include "store/evaluation_jobs.h"
#include "web/form.h"
#include "web/form_date.h"
#include "web/post.h"
#include "web/web.h"

static const char *const file_labels[EXTRACT_FILES] = { "Extract (CSV)", "Extract (Excel workbook)",
							 "Data dictionary (CSV)", "Manifest (JSON)" };

static void td(struct html *h, const char *head, const char *text)
{
	html_open(h, "td", "class", "nhsuk-table__cell", "role", "cell", NULL);
	html_elem(h, "span", head, "class", "nhsuk-table-responsive__heading", "aria-hidden", "true", NULL);
	html_text(h, text);
	html_close(h);
}

static int job_line(void *ctx, const struct eval_job *j)
{
	struct html *h = ctx;
	char period[64], f[DH_DATE_LEN], t[DH_DATE_LEN], asked[LONDON_FORMAT_LEN], id[32];
	dh_format_date(j->from_day, f);
	dh_format_date(j->to_day, t);
	snprintf(period, sizeof period, "%s to %s", f, t);
	london_format(j->requested_at, asked);
	snprintf(id, sizeof id, "%lld", (long long)j->id);
	html_open(h, "tr", "class", "nhsuk-table__row", "role", "row", NULL);
	td(h, "Extract", id);
	td(h, "Period", period);
	td(h, "Asked for", asked);
	td(h, "Status", j->status);
	html_open(h, "td", "class", "nhsuk-table__cell", "role", "cell", NULL);
	html_elem(h, "span", "Files", "class", "nhsuk-table-responsive__heading", "aria-hidden", "true", NULL);
	if (strcmp(j->status, "done") == 0) {
		html_open(h, "ul", "class", "nhsuk-list", NULL);
		for (int i = 0; i < EXTRACT_FILES; i++) {
			char href[160], label[120];
			snprintf(href, sizeof href, "/evaluation/extract/file?id=%lld&name=%s", (long long)j->id,
				 extract_file_names[i]);
			snprintf(label, sizeof label, "%s, extract %lld", file_labels[i], (long long)j->id);
			html_open(h, "li", NULL);
			html_elem(h, "a", label, "href", href, "download", extract_file_names[i], NULL);
			html_close(h);
		}
		html_close(h);
	}
	if (j->message[0])
		html_elem(h, "p", j->message, "class", "nhsuk-body-s", NULL);
	html_close(h);
	html_close(h);
	return 0;
}

static int extract_page_render(struct http_req *req, struct http_resp *resp, const struct field_errors *fe, unsigned status)
{
	struct web_page pg;
	web_begin_errors(&pg, req, resp, "Evaluation extract", fe);
	struct html *h = &pg.h;
	html_elem(h, "h1", "Evaluation extract", NULL);
	html_elem(h, "p", "One row per referral received in the period (with its case, where there is one): coded details "
			  "of the person, the referral, the support given and the outcome measures, with a pseudonymous "
			  "person key instead of any name, contact detail, NHS number or date of birth. People who "
			  "withdrew consent to share their data are left out and counted in the manifest.",
		  "class", "nhsuk-body", NULL);
	form_begin(h, "/evaluation/extract", req->auth.csrf[0] ? req->auth.csrf : NULL);
	form_date(h, req,
		  &(struct form_field){ .name = "from", .label = "Referrals received from", .hint = "For example, 1 4 2026", .errors = fe },
		  DT_DAYS_MIN - 1, 0);
	form_date(h, req,
		  &(struct form_field){ .name = "to", .label = "Referrals received to", .hint = "For example, 31 3 2027", .errors = fe },
		  DT_DAYS_MIN - 1, 0);
	form_button(h, "Make the extract");
	form_end(h);
	html_elem(h, "h2", "Extracts", NULL);
	html_elem(h, "p", "Extracts run in the background: reload this page to see when one is done.", "class", "nhsuk-body",
		  NULL);
	html_open(h, "table", "class", "nhsuk-table-responsive", "role", "table", "id", "extracts", NULL);
	html_elem(h, "caption", "The latest extracts", "class", "nhsuk-table__caption", NULL);
	html_open(h, "thead", "class", "nhsuk-table__head", "role", "rowgroup", NULL);
	html_open(h, "tr", "class", "nhsuk-table__row", "role", "row", NULL);
	static const char *const heads[] = { "Extract", "Period", "Asked for", "Status", "Files" };
	for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
		html_elem(h, "th", heads[i], "class", "nhsuk-table__header", "scope", "col", "role", "columnheader", NULL);
	html_close(h);
	html_close(h);
	html_open(h, "tbody", "class", "nhsuk-table__body", NULL);
	int n = evaluation_jobs_list(req->db, job_line, h);
	html_close(h);
	html_close(h);
	if (n < 0)
		return http_store_failed(req, resp);
	html_open(h, "p", NULL);
	html_elem(h, "a", "Outcomes", "href", "/evaluation/outcomes", NULL);
	html_close(h);
	return web_end(&pg, resp, status);
}

static int extract_page(struct http_req *req, struct http_resp *resp)
{
	return extract_page_render(req, resp, NULL, 200);
}

static int extract_post(struct http_req *req, struct http_resp *resp)
{
	struct web_post p;
	if (!web_post_fe(&p, req))
		return p.rc;
	char typed_from[96], typed_to[96];
	const char *from = form_date_text(req, "from", 0, typed_from, sizeof typed_from),
		   *to = form_date_text(req, "to", 0, typed_to, sizeof typed_to);
	int64_t id = 0;
	enum ops_result r = ops_evaluation_extract_request(&p.c, from, to, p.fe, &id);
	int rc;
	if (r == OPS_OK) {
		jobs_wake();
		rc = http_redirect(resp, "/evaluation/extract");
	} else if (r == OPS_INVALID) {
		rc = extract_page_render(req, resp, p.fe, 422);
	} else {
		rc = web_ops_reply(req, resp, r, "Evaluation extract", p.fe);
	}
	return web_post_end(&p, rc);
}

static int extract_file(struct http_req *req, struct http_resp *resp)
{
	const char *qid = http_query(req, "id"), *name = http_query(req, "name");
	char *end = NULL;
	long long id = qid ? strtoll(qid, &end, 10) : 0;
	int which = -1;
	for (int i = 0; name && i < EXTRACT_FILES; i++)
		if (strcmp(name, extract_file_names[i]) == 0)
			which = i;
	struct eval_job j;
	int found = which >= 0 && end && !*end && id > 0 ? evaluation_job_get(req->db, id, &j) : 0;
	if (found < 0)
		return http_store_failed(req, resp);
	if (!found || strcmp(j.status, "done") != 0 || !j.dir[0]) {
		web_not_found_page(req, resp);
		return 0;
	}
	char path[1400];
	snprintf(path, sizeof path, "%s/%s", j.dir, extract_file_names[which]);
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct stat sb;
	if (fd < 0 || fstat(fd, &sb) || !S_ISREG(sb.st_mode)) {
		if (fd >= 0)
			close(fd);
		web_not_found_page(req, resp);
		return 0;
	}
	if (http_audit(req, AUDIT_EVALUATION_EXTRACT_DOWNLOAD, "evaluation_extract", id, 0, extract_file_names[which])) {
		close(fd);
		return http_store_failed(req, resp);
	}
	static const char *const types[EXTRACT_FILES] = {
		"text/csv; charset=utf-8", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		"text/csv; charset=utf-8", "application/json" };
	char disp[200];
	snprintf(disp, sizeof disp, "attachment; filename=\"extract-%lld-%s\"", id, extract_file_names[which]);
	resp->status = 200;
	resp->content_type = types[which];
	resp->fd = fd;
	resp->fd_size = sb.st_size;
	http_header_add(resp, "Content-Disposition", disp);
	return 0;
}

const struct route web_evaluation_extract_routes[] = {
	{ "GET", "/evaluation/extract", extract_page, PERM_EVALUATION_EXTRACT,
	  "Evaluation extract: ask for one (run in the background), and the latest with their files" },
	{ "POST", "/evaluation/extract", extract_post, PERM_EVALUATION_EXTRACT,
	  "Ask for an evaluation extract of a period (form: from, to): back to the page" },
	{ "GET", "/evaluation/extract/file", extract_file, PERM_EVALUATION_EXTRACT,
	  "Download one file of a finished evaluation extract (?id, name); audited", NULL, "id name" },
	{ 0 },
};
