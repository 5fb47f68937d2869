/* Hours milestones on pages (web/milestones.h) and the printable thank-you certificate. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/londontime.h"
#include "core/milestone.h"
#include "http/ops_reply.h"
#include "ops/volunteers.h"
#include "store/vol_hours.h"
#include "util/embed.h"
#include "web/milestones.h"
#include "web/web.h"

static struct milestones milestones_data;
static pthread_once_t milestones_once = PTHREAD_ONCE_INIT;

static void milestones_load(void)
{
	const struct embed_file *f = embed_find("data/volunteer_milestones.csv");
	if (!f || milestones_parse((const char *)f->data, f->len, &milestones_data))
		memset(&milestones_data, 0, sizeof milestones_data);
}

/* The list, read once from the embedded file. */
static const struct milestones *list(void)
{
	pthread_once(&milestones_once, milestones_load);
	return &milestones_data;
}

int web_milestone_line(struct html *h, struct store *st, int64_t volunteer_id, int you)
{
	int64_t tasks, minutes;
	if (vol_hours_lifetime(st, volunteer_id, &tasks, &minutes))
		return -1;
	const struct milestone *next, *got = milestone_reached(list(), minutes, &next);
	html_open(h, "p", "class", "nhsuk-body", "id", "milestone", NULL);
	html_textf(h, "%s given %lld h %02lld min on %lld task%s.", you ? "You have" : "They have",
		   (long long)(minutes / 60), (long long)(minutes % 60), (long long)tasks, tasks == 1 ? "" : "s");
	if (got)
		html_textf(h, " Milestone reached: %s.", got->title);
	if (next)
		html_textf(h, " Next milestone: %d hours.", next->hours);
	html_close(h);
	return 0;
}

static int certificate_page(struct http_req *req, struct http_resp *resp)
{
	int64_t id = http_param_id_or_respond(req, resp, 0);
	if (id < 0)
		return 0;
	struct volunteer_view *v = malloc(sizeof *v);
	if (!v)
		return -1;
	struct ops_ctx c = http_ops_ctx(req);
	int f = ops_volunteer_managed(&c, id, v);
	int64_t tasks = 0, minutes = 0;
	if (f != 1 || vol_hours_lifetime(req->db, id, &tasks, &minutes)) {
		free(v);
		return f == 1 ? http_store_failed(req, resp) : web_ops_reply(req, resp, ops_may_see_result(f), "Certificate", NULL);
	}
	const struct milestone *next, *got = milestone_reached(list(), minutes, &next);
	struct web_page pg;
	web_begin(&pg, req, resp, "Thank-you certificate");
	struct html *h = &pg.h;
	html_open(h, "p", "class", "waymark-no-print", NULL);
	html_elem(h, "a", "Back to the volunteer", "href", "/volunteers", "class", "nhsuk-back-link__link", NULL);
	html_close(h);
	html_open(h, "div", "class", "waymark-certificate", NULL);
	html_elem(h, "p", "Certificate of thanks", "class", "nhsuk-caption-l", NULL);
	html_elem(h, "h1", v->rec.name, NULL);
	char text[256], day[LONDON_FORMAT_LEN];
	snprintf(text, sizeof text, "has given %lld hours %02lld minutes of their time on %lld task%s for people in Norfolk "
				    "and Waveney.",
		 (long long)(minutes / 60), (long long)(minutes % 60), (long long)tasks, tasks == 1 ? "" : "s");
	html_elem(h, "p", text, "class", "nhsuk-body-l", NULL);
	if (got) {
		snprintf(text, sizeof text, "Milestone: %s", got->title);
		html_elem(h, "p", text, "class", "nhsuk-body-l", NULL);
	}
	html_elem(h, "p", "Thank you from everyone at the hub and your volunteer coordinators.", "class", "nhsuk-body", NULL);
	london_format(req->now, day);
	day[strlen(day) > 6 ? strlen(day) - 6 : 0] = '\0'; /* the date, without the time */
	html_elem(h, "p", day, "class", "nhsuk-body-s", NULL);
	html_close(h);
	html_elem(h, "p", "Print this page from your browser; the menu and links are left off the printed copy.", "class",
		  "nhsuk-body-s waymark-no-print", NULL);
	free(v);
	return web_end(&pg, resp, 200);
}

const struct route web_milestone_routes[] = {
	{ "GET", "/volunteers/{id}/certificate", certificate_page, PERM_VOLUNTEER_MANAGE,
	  "A printable thank-you certificate: the volunteer's hours given and milestone", "volunteer" },
	{ 0 },
};
