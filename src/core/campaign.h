/* Volunteer recruitment campaigns: the rules of a campaign's fields (name,
 * area, channel, dates) and whether one is running on a given day. */
#ifndef WAYMARK_CORE_CAMPAIGN_H
#define WAYMARK_CORE_CAMPAIGN_H
#include <stdint.h>
#include "core/fielderr.h"

#define CAMPAIGN_NAME_MAX 120
#define CAMPAIGN_DAYS_MAX 366 /* a campaign runs a year at most */

enum campaign_channel {
	CAMPAIGN_SOCIAL_MEDIA,
	CAMPAIGN_POSTER,
	CAMPAIGN_EVENT,
	CAMPAIGN_WEBSITE,
	CAMPAIGN_PARTNER,
	CAMPAIGN_OTHER,
	CAMPAIGN_CHANNEL__MAX
};

/* The channel's code ("social_media") and label ("Social media"). */
const char *campaign_channel_code(enum campaign_channel c);
const char *campaign_channel_label(enum campaign_channel c);
/* The channel for a code, or -1. */
int campaign_channel_of(const char *code);

/* A campaign as given (text, as typed or sent). */
struct campaign_input {
	const char *name, *area, *channel, *start_date, *end_date;
};

/*
 * Checks in, adding a problem per wrong field to fe under the API's keys:
 * name (1 to CAMPAIGN_NAME_MAX characters), area (given; whether it exists
 * is the store's), channel (a channel code), start_date and end_date
 * (YYYY-MM-DD; the end on or after the start, at most CAMPAIGN_DAYS_MAX
 * days after it). Fills *start and *end (days since 1970-01-01) when valid.
 * Returns the number of problems added.
 */
int campaign_validate(const struct campaign_input *in, int64_t *start, int64_t *end, struct field_errors *fe);

/* 1 when a campaign from start to end (days, inclusive) is running on day. */
int campaign_running(int64_t start, int64_t end, int64_t day);
#endif
