/* The case page's parts (web/case_page.c, web/case_page_records.c). */
#ifndef WAYMARK_WEB_CASE_PAGE_H
#define WAYMARK_WEB_CASE_PAGE_H
#include <stddef.h>
#include "web/case_web.h"

struct case_view {
	struct html *h;
	struct http_req *req;
	const struct casework_case *c;
	struct case_vocab *tiers, *closure, *modes, *domains, *levels, *goal_statuses, *onward_statuses, *categories, *areas;
	int dropout_attempts;
};

/* Measures with the chart of change, onward referrals, unmet needs,
 * safeguarding concerns, consents and case studies. */
void case_page_records(struct case_view *v);
#endif
