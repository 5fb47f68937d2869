/* The rules of a volunteer recruitment campaign: its fields and when it runs. */
#include <string.h>
#include "core/datehuman.h"
#include "core/campaign.h"
#include "core/datetime.h"
#include "util/text.h"

static const struct {
	const char *code, *label;
} channels[CAMPAIGN_CHANNEL__MAX] = {
	[CAMPAIGN_SOCIAL_MEDIA] = { "social_media", "Social media" },
	[CAMPAIGN_POSTER] = { "poster", "Poster or leaflet" },
	[CAMPAIGN_EVENT] = { "event", "Event" },
	[CAMPAIGN_WEBSITE] = { "website", "Website" },
	[CAMPAIGN_PARTNER] = { "partner", "Partner organisation" },
	[CAMPAIGN_OTHER] = { "other", "Other" },
};

const char *campaign_channel_code(enum campaign_channel c)
{
	return (unsigned)c < CAMPAIGN_CHANNEL__MAX ? channels[c].code : "";
}

const char *campaign_channel_label(enum campaign_channel c)
{
	return (unsigned)c < CAMPAIGN_CHANNEL__MAX ? channels[c].label : "";
}

int campaign_channel_of(const char *code)
{
	for (int i = 0; code && i < CAMPAIGN_CHANNEL__MAX; i++)
		if (strcmp(code, channels[i].code) == 0)
			return i;
	return -1;
}

int campaign_validate(const struct campaign_input *in, int64_t *start, int64_t *end, struct field_errors *fe)
{
	size_t before = fe->n;
	if (text_blank(in->name))
		fielderr_add(fe, "name", "Enter the campaign's name");
	else if (strlen(in->name) > CAMPAIGN_NAME_MAX)
		fielderr_add(fe, "name", "The campaign's name must be %d characters or fewer", CAMPAIGN_NAME_MAX);
	if (text_blank(in->area))
		fielderr_add(fe, "area", "Choose the area the campaign recruits in");
	if (campaign_channel_of(in->channel) < 0)
		fielderr_add(fe, "channel",
			     "Choose the channel: social_media, poster, event, website, partner or other");
	int s_ok = in->start_date && dh_parse_date(in->start_date, start) == 0;
	int e_ok = in->end_date && dh_parse_date(in->end_date, end) == 0;
	if (!s_ok)
		fielderr_add(fe, "start_date", "Enter the start date as a real date, like 2/11/2026 or 2 Nov 2026");
	if (!e_ok)
		fielderr_add(fe, "end_date", "Enter the end date as a real date, like 31/12/2026 or 31 Dec 2026");
	else if (s_ok && *end < *start)
		fielderr_add(fe, "end_date", "The end date must be on or after the start date");
	else if (s_ok && *end - *start > CAMPAIGN_DAYS_MAX)
		fielderr_add(fe, "end_date", "A campaign runs for %d days at most", CAMPAIGN_DAYS_MAX);
	return (int)(fe->n - before);
}

int campaign_running(int64_t start, int64_t end, int64_t day)
{
	return day >= start && day <= end;
}
