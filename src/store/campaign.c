/* Volunteer recruitment campaigns in the database (statements in stmt_campaign.def). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/campaign.h"

int campaign_insert(struct store *st, int64_t org_id, const char *name, const char *area, const char *channel,
		    const char *start_date, const char *end_date, int64_t by_user_id, int64_t now, int64_t *id)
{
	*id = 0;
	if (store_exec(st, STMT_CAMPAIGN_INSERT, store_row_first_int, id, "isssssIi", org_id, name, area, channel,
		       start_date, end_date, by_user_id, now) < 0)
		return -1;
	return 0;
}

int campaign_area_exists(struct store *st, const char *area)
{
	int64_t n = 0;
	if (store_exec(st, STMT_CAMPAIGN_AREA_EXISTS, store_row_first_int, &n, "s", area) < 0)
		return -1;
	return n > 0;
}

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

static int list_row(void *ctx, const struct store_row *r)
{
	struct campaign_list *l = ctx;
	struct campaign_row *c = realloc(l->c, (l->n + 1) * sizeof *c);
	if (!c)
		return -1;
	l->c = c;
	c += l->n++;
	c->id = store_row_int(r, 0);
	copy(c->name, sizeof c->name, store_row_text(r, 1));
	copy(c->area, sizeof c->area, store_row_text(r, 2));
	copy(c->area_name, sizeof c->area_name, store_row_text(r, 3));
	copy(c->channel, sizeof c->channel, store_row_text(r, 4));
	copy(c->start_date, sizeof c->start_date, store_row_text(r, 5));
	copy(c->end_date, sizeof c->end_date, store_row_text(r, 6));
	c->applicants = store_row_int(r, 7);
	c->active = store_row_int(r, 8);
	return 0;
}

int campaign_list_load(struct store *st, int64_t org_id, struct campaign_list *out)
{
	memset(out, 0, sizeof *out);
	if (store_exec(st, STMT_CAMPAIGN_LIST, list_row, out, "i", org_id) < 0) {
		campaign_list_free(out);
		return -1;
	}
	return 0;
}

void campaign_list_free(struct campaign_list *l)
{
	free(l->c);
	l->c = NULL;
	l->n = 0;
}

int campaign_running_org(struct store *st, int64_t id, const char *day, int64_t *org_id)
{
	*org_id = 0;
	return store_exec(st, STMT_CAMPAIGN_RUNNING_ORG, store_row_first_int, org_id, "iss", id, day, day) < 0 ? -1 : 0;
}

int campaign_attribute(struct store *st, int64_t volunteer_id, int64_t campaign_id)
{
	return store_exec(st, STMT_VOLUNTEER_SET_CAMPAIGN, NULL, NULL, "ii", campaign_id, volunteer_id) < 0 ? -1 : 0;
}
