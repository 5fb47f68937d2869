/* Volunteer compliance: DBS cover for home visits and renewal reminders. */
#include <string.h>
#include "core/compliance.h"
#include "core/londontime.h"

static const char *const level_codes[DBS__MAX] = { "", "basic", "standard", "enhanced" };
static const char *const level_labels[DBS__MAX] = { "None", "Basic", "Standard", "Enhanced" };

const char *dbs_level_code(enum dbs_level level)
{
	return (unsigned)level < DBS__MAX ? level_codes[level] : "";
}

const char *dbs_level_label(enum dbs_level level)
{
	return (unsigned)level < DBS__MAX ? level_labels[level] : "None";
}

int dbs_level_from_code(const char *code)
{
	if (!code)
		return -1;
	for (int i = 0; i < DBS__MAX; i++)
		if (strcmp(code, level_codes[i]) == 0)
			return i;
	return -1;
}

int64_t compliance_home_visit_until(const struct dbs_check *d)
{
	if (d->level != DBS_ENHANCED || d->certificate_day == COMPLIANCE_NO_DAY ||
	    d->renewal_day == COMPLIANCE_NO_DAY || d->renewal_day <= d->certificate_day)
		return 0;
	int64_t t = london_midnight_utc(d->renewal_day);
	/* A day number too far out to have a midnight is treated as no cover. */
	return t == INT64_MIN || t == INT64_MAX ? 0 : t;
}

int64_t compliance_home_visit_until_at(const struct dbs_check *d, int64_t now)
{
	int64_t until = compliance_home_visit_until(d);
	/* Issued by today: a certificate dated tomorrow does not cover today. */
	if (until == 0 || d->certificate_day > london_local_days(now))
		return 0;
	return until;
}

int compliance_home_visit_ok(const struct dbs_check *d, int64_t now, int64_t window_end)
{
	int64_t until = compliance_home_visit_until_at(d, now);
	return until != 0 && until > now && until >= window_end;
}

int compliance_stage_days(enum compliance_stage s)
{
	switch (s) {
	case COMPLIANCE_DUE_60:
		return 60;
	case COMPLIANCE_DUE_30:
		return 30;
	case COMPLIANCE_DUE_7:
		return 7;
	default:
		return 0;
	}
}

int64_t compliance_days_left(const struct dbs_check *d, int64_t today)
{
	if (d->level == DBS_NONE || d->renewal_day == COMPLIANCE_NO_DAY)
		return INT64_MIN;
	return d->renewal_day - today;
}

enum compliance_stage compliance_stage_on(const struct dbs_check *d, int64_t today)
{
	int64_t left = compliance_days_left(d, today);
	if (left == INT64_MIN)
		return COMPLIANCE_OK;
	if (left <= 0)
		return COMPLIANCE_LAPSED;
	if (left <= 7)
		return COMPLIANCE_DUE_7;
	if (left <= 30)
		return COMPLIANCE_DUE_30;
	if (left <= 60)
		return COMPLIANCE_DUE_60;
	return COMPLIANCE_OK;
}

enum compliance_stage compliance_reminder_due(const struct dbs_check *d, int64_t today,
					      enum compliance_stage last_sent)
{
	enum compliance_stage s = compliance_stage_on(d, today);
	return s > last_sent ? s : COMPLIANCE_OK;
}

int64_t compliance_reminder_day(const struct dbs_check *d, enum compliance_stage s)
{
	int days = compliance_stage_days(s);
	if (!days || d->level == DBS_NONE || d->renewal_day == COMPLIANCE_NO_DAY)
		return COMPLIANCE_NO_DAY;
	return d->renewal_day - days;
}

const char *compliance_dbs_problem(const struct dbs_check *d, int64_t today, const char **field)
{
	*field = NULL;
	if (d->level == DBS_NONE)
		return NULL;
	if (d->certificate_day == COMPLIANCE_NO_DAY) {
		*field = "certificate_date";
		return "Enter the date on the DBS certificate";
	}
	if (d->certificate_day > today) {
		*field = "certificate_date";
		return "The DBS certificate date must be today or in the past";
	}
	if (d->renewal_day == COMPLIANCE_NO_DAY) {
		*field = "renewal_date";
		return "Enter the date the DBS check must be renewed by";
	}
	if (d->renewal_day <= d->certificate_day) {
		*field = "renewal_date";
		return "The renewal date must be after the certificate date";
	}
	return NULL;
}
