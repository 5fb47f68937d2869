/* The follow-up KPI's summaries: what one referral adds to them, and how a period of London days splits into whole months and single days. */
#include <string.h>
#include "core/kpisum.h"
#include "core/datetime.h"
#include "core/kpi.h"
#include "core/londontime.h"

int64_t kpisum_month_of(int64_t day)
{
	int y = 1970, m = 1, d = 1;
	if (dt_civil_from_days(day, &y, &m, &d))
		return day < 0 ? 0 : (int64_t)10000 * 12; /* out of range: clamp (never for real dates) */
	return (int64_t)y * 12 + (m - 1);
}

int64_t kpisum_month_first_day(int64_t month)
{
	return dt_days_from_civil((int)(month / 12), (int)(month % 12) + 1, 1);
}

void kpisum_contrib_of(const struct workclock *wc, const struct kpisum_facts *f, struct kpisum_contrib *out)
{
	memset(out, 0, sizeof *out);
	out->day = london_local_days(f->received_at);
	out->month = kpisum_month_of(out->day);
	if (f->area) {
		strncpy(out->area, f->area, sizeof out->area - 1);
	}
	out->elapsed = -1;
	out->due_hour = -1;
	int contacted = f->first_contact_at != KPI_NONE;
	if (!contacted && f->ended) {
		out->left_out = 1;
		return;
	}
	out->counted = 1;
	out->attempts = f->attempts;
	if (!contacted && f->sla_due_at >= 0)
		out->due_hour = f->sla_due_at / 3600;
	if (contacted) {
		if (f->first_contact_at <= f->sla_due_at)
			out->within = 1;
		else
			out->late = 1;
		out->elapsed = workclock_elapsed(wc, f->received_at, f->first_contact_at);
		out->contact_at = f->first_contact_at;
	}
}

int kpisum_contrib_same(const struct kpisum_contrib *a, const struct kpisum_contrib *b)
{
	return a->day == b->day && strcmp(a->area, b->area) == 0 && a->counted == b->counted &&
	       a->left_out == b->left_out && a->within == b->within && a->late == b->late &&
	       a->attempts == b->attempts && a->elapsed == b->elapsed && a->contact_at == b->contact_at &&
	       a->due_hour == b->due_hour;
}

void kpisum_split_days(int64_t from_day, int64_t to_day, struct kpisum_split *out)
{
	int64_t m0 = kpisum_month_of(from_day), m1 = kpisum_month_of(to_day);
	if (kpisum_month_first_day(m0) != from_day)
		m0++;
	if (kpisum_month_first_day(m1 + 1) - 1 != to_day)
		m1--;
	if (m0 > m1) {
		out->day_from[0] = from_day, out->day_to[0] = to_day;
		out->day_from[1] = 1, out->day_to[1] = 0;
		out->month_first = 1, out->month_last = 0;
		return;
	}
	out->day_from[0] = from_day, out->day_to[0] = kpisum_month_first_day(m0) - 1;
	out->day_from[1] = kpisum_month_first_day(m1 + 1), out->day_to[1] = to_day;
	out->month_first = m0, out->month_last = m1;
}
