/* What each report measure counts: one function per measure saying whether a fact row adds to it, when (the
 * deciding time) and with what value; the measure table built from core/report_measures.def. */
#include <string.h>
#include "core/londontime.h"
#include "core/report.h"

#define DAY 86400

static int in_period(const struct report_period *p, int64_t at)
{
	return at != REPORT_NONE && at >= p->from_utc && at < p->to_utc;
}

static int is(const char *a, const char *b)
{
	return a && strcmp(a, b) == 0;
}

/* A snapshot "as at the period's end": the last second of its last day (or now, when that is earlier). */
static int64_t period_end(const struct report_period *p)
{
	return p->to_utc - 1;
}

static int received(const struct report_fact *f, const struct report_period *p, int64_t *at)
{
	*at = f->at;
	return in_period(p, f->at);
}

static int m_received(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	*v = 1;
	return received(f, p, at);
}

static int m_triaged(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	*v = 1;
	*at = f->at;
	return in_period(p, f->at);
}

static int m_declined(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	return m_triaged(f, p, at, v) && is(f->d1, "rejected");
}

static int m_triage_24h(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	*v = 1;
	return received(f, p, at) && f->t2 != REPORT_NONE && f->t2 - f->at <= DAY;
}

static int m_triage_late(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	*v = 1;
	return received(f, p, at) && f->t2 != REPORT_NONE && f->t2 - f->at > DAY;
}

static int m_contact_d1(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	*v = 1;
	return received(f, p, at) && f->t3 != REPORT_NONE && f->t3 - f->at <= DAY;
}

static int m_contact_d3(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	*v = 1;
	return received(f, p, at) && f->t3 != REPORT_NONE && f->t3 - f->at > DAY && f->t3 - f->at <= 3 * DAY;
}

static int m_contact_dx(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	*v = 1;
	return received(f, p, at) && f->t3 != REPORT_NONE && f->t3 - f->at > 3 * DAY;
}

static int m_not_contacted(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	*v = 1;
	return received(f, p, at) && f->t3 == REPORT_NONE;
}

/* The follow-up KPI counts every referral but those rejected or withdrawn without a successful contact. */
static int fu_counted(const struct report_fact *f)
{
	return f->t3 != REPORT_NONE || !(is(f->d1, "rejected") || is(f->d1, "withdrawn"));
}

static int m_fu_counted(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	*v = 1;
	return received(f, p, at) && fu_counted(f);
}

static int m_fu_within(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	*v = 1;
	return m_fu_counted(f, p, at, v) && f->t3 != REPORT_NONE && f->t3 <= f->t4;
}

static int m_fu_late(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	*v = 1;
	return m_fu_counted(f, p, at, v) && f->t3 != REPORT_NONE && f->t3 > f->t4;
}

static int m_fu_within_pct(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	if (!m_fu_counted(f, p, at, v))
		return 0;
	*v = f->t3 != REPORT_NONE && f->t3 <= f->t4;
	return 1;
}

static int m_case_opened(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	*v = 1;
	*at = f->at;
	return in_period(p, f->at);
}

static int m_case_closed(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	*v = 1;
	*at = f->t2;
	return in_period(p, f->t2);
}

static int m_case_open_end(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	int64_t end = period_end(p);
	*v = 1;
	*at = end;
	return f->at <= end && (f->t2 == REPORT_NONE || f->t2 > end);
}

static int m_case_dropout(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	return m_case_closed(f, p, at, v) && f->flag == 1;
}

static int m_case_sessions(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	int r = m_case_closed(f, p, at, v);
	*v = f->value == REPORT_NONE ? 0 : f->value;
	return r;
}

static int low_level(const struct report_fact *f)
{
	return is(f->tier, "community_support");
}

static int m_case_low14(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	return m_case_closed(f, p, at, v) && low_level(f) && f->t2 - f->at <= 14 * DAY && f->t4 <= 0;
}

static int m_case_lowext(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	return m_case_closed(f, p, at, v) && low_level(f) && f->t4 > 0;
}

static int m_case_cont(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	return m_case_closed(f, p, at, v) && f->t3 == 1;
}

static int m_case_cs(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	return m_case_opened(f, p, at, v) && low_level(f);
}

static int m_session(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	*v = 1;
	*at = f->at;
	return in_period(p, f->at);
}

static int m_session_hours(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	*at = f->at;
	*v = f->value == REPORT_NONE ? 0 : f->value;
	return in_period(p, f->at);
}

static int m_onward_made(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	*v = 1;
	*at = f->at;
	return in_period(p, f->at);
}

static int m_onward_accepted(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	return m_onward_made(f, p, at, v) && (is(f->d2, "accepted") || is(f->d2, "attended"));
}

static int m_onward_attended(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	return m_onward_made(f, p, at, v) && is(f->d2, "attended");
}

static int m_unmet(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	*v = 1;
	*at = f->at;
	return in_period(p, f->at);
}

static int m_outcome_pair(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	*v = 1;
	*at = f->at;
	return in_period(p, f->at) && f->value != REPORT_NONE;
}

static int m_outcome_change(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	*at = f->at;
	*v = f->value;
	return in_period(p, f->at) && f->value != REPORT_NONE;
}

static int m_dis_referrals(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	*v = 1;
	return received(f, p, at) && f->hospital && *f->hospital;
}

static int m_dis_homecheck(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	return m_dis_referrals(f, p, at, v) && f->flag == 1;
}

static int m_dis_days(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	if (!m_dis_referrals(f, p, at, v) || f->value == REPORT_NONE)
		return 0;
	*v = f->value - london_local_days(f->at);
	return 1;
}

static int m_vol_active(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	*v = 1;
	*at = period_end(p);
	return is(f->d1, "active");
}

static int m_vol_dbs(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	return m_vol_active(f, p, at, v) && f->d2 && *f->d2 && (f->t2 == REPORT_NONE || f->t2 >= p->today);
}

static int m_vol_applicant(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	*v = 1;
	*at = period_end(p);
	return is(f->d1, "applicant");
}

static int m_vol_new(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	*v = 1;
	*at = f->at;
	return in_period(p, f->at);
}

static int m_task_done(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	*v = 1;
	*at = f->at;
	return in_period(p, f->at);
}

static int m_task_hours(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	*at = f->at;
	*v = f->value == REPORT_NONE ? 0 : f->value;
	return in_period(p, f->at);
}

static int m_wk_fte(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	*at = period_end(p);
	*v = f->value;
	return f->flag == 1 && is(f->d1, "link_worker");
}

static int m_wk_expected(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	if (!m_wk_fte(f, p, at, v))
		return 0;
	/* 100 a year per 0.5 FTE: fte_hundredths * 2 clients a year, pro rata, in hundredths */
	int64_t days = p->to_day - p->from_day + 1;
	*v = (f->value * 2 * 100 * days + 182) / 365;
	return 1;
}

static int m_wk_clients(const struct report_fact *f, const struct report_period *p, int64_t *at, int64_t *v)
{
	return m_case_opened(f, p, at, v) && is(f->d3, "link_worker");
}

const struct report_measure report_measures[] = {
#define MEASURE(rep, key, kind, fn, agg, def, by) { REPORT_##rep, #key, kind, fn, agg, def, by },
#include "core/report_measures.def"
#undef MEASURE
};
const size_t report_measure_count = sizeof report_measures / sizeof report_measures[0];

void report_period_make(int64_t from_day, int64_t to_day, int64_t today, struct report_period *p)
{
	p->from_day = from_day;
	p->to_day = to_day;
	p->today = today;
	p->from_utc = london_midnight_utc(from_day);
	p->to_utc = london_midnight_utc(to_day + 1);
}
