/* Volunteer recruitment campaigns in the database: add, list an
 * organisation's with their applicants, and the campaign an application
 * names when it is running. */
#ifndef WAYMARK_STORE_CAMPAIGN_H
#define WAYMARK_STORE_CAMPAIGN_H
#include <stddef.h>
#include <stdint.h>
#include "store/store.h"

struct campaign_row {
	int64_t id;
	char name[128], area[40], area_name[120], channel[24], start_date[11], end_date[11];
	int64_t applicants, active;
};

struct campaign_list {
	struct campaign_row *c;
	size_t n;
};

/* Stores a campaign (dates YYYY-MM-DD, already checked). 0 and *id, or -1. */
int campaign_insert(struct store *st, int64_t org_id, const char *name, const char *area, const char *channel,
		    const char *start_date, const char *end_date, int64_t by_user_id, int64_t now, int64_t *id);
/* 1 when the area code exists, 0 when not, -1 on a store failure. */
int campaign_area_exists(struct store *st, const char *area);
/* Organisation org_id's campaigns, newest first. 0, or -1. Free with campaign_list_free. */
int campaign_list_load(struct store *st, int64_t org_id, struct campaign_list *out);
void campaign_list_free(struct campaign_list *l);
/* *org_id gets the organisation of campaign id when it runs on day (YYYY-MM-DD), else 0. 0, or -1. */
int campaign_running_org(struct store *st, int64_t id, const char *day, int64_t *org_id);
/* Keeps the campaign an applicant came through. 0, or -1. */
int campaign_attribute(struct store *st, int64_t volunteer_id, int64_t campaign_id);
#endif
