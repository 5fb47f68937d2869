/* The 24-hour follow-up clock: counted time that pauses at weekends and on bank holidays. */
#include "core/workclock.h"

#include "core/datetime.h"
#include "core/londontime.h"

static int64_t
clamp(int64_t t)
{
	if (t < DT_SECONDS_MIN)
		return DT_SECONDS_MIN;
	if (t > DT_SECONDS_MAX)
		return DT_SECONDS_MAX;
	return t;
}

/* Index of the first holiday >= day (n_holidays if none). */
static size_t
holiday_lower_bound(const struct workclock *wc, int64_t day)
{
	size_t lo = 0, hi = wc->n_holidays;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (wc->holidays[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Walks days in ascending order and answers "is this day paused?" with one
 * binary search at the start, then a cursor that only moves forward, which
 * is what keeps a long span O(days + log holidays).
 */
struct day_walk {
	const struct workclock *wc;
	size_t next_holiday;
};

static void
walk_start(struct day_walk *w, const struct workclock *wc, int64_t first_day)
{
	w->wc = wc;
	w->next_holiday = wc->use_holidays && wc->holidays != NULL ?
	    holiday_lower_bound(wc, first_day) : 0;
}

static int
walk_paused(struct day_walk *w, int64_t day)
{
	const struct workclock *wc = w->wc;

	if (!wc->count_weekends && dt_weekday(day) >= 5)
		return 1;
	if (!wc->use_holidays || wc->holidays == NULL)
		return 0;
	while (w->next_holiday < wc->n_holidays && wc->holidays[w->next_holiday] < day)
		w->next_holiday++;
	return w->next_holiday < wc->n_holidays && wc->holidays[w->next_holiday] == day;
}

int
workclock_is_paused_day(const struct workclock *wc, int64_t local_days)
{
	size_t i;

	if (!wc->count_weekends && dt_weekday(local_days) >= 5)
		return 1;
	if (!wc->use_holidays || wc->holidays == NULL)
		return 0;
	i = holiday_lower_bound(wc, local_days);
	return i < wc->n_holidays && wc->holidays[i] == local_days;
}

int64_t
workclock_due(const struct workclock *wc, int64_t received_utc, int64_t allowance_seconds)
{
	struct day_walk w;
	int64_t t = clamp(received_utc);
	int64_t left = allowance_seconds;
	int64_t day = london_local_days(t);

	if (allowance_seconds <= 0)
		return t;
	walk_start(&w, wc, day);
	for (; day <= DT_DAYS_MAX; day++) {
		int64_t end = london_midnight_utc(day + 1);

		if (!walk_paused(&w, day)) {
			/* Using up the allowance exactly at midnight is due at midnight, not after the pause. */
			if (end - t >= left)
				return t + left;
			left -= end - t;
		}
		t = end;
	}
	return INT64_MAX;
}

int64_t
workclock_elapsed(const struct workclock *wc, int64_t from_utc, int64_t to_utc)
{
	struct day_walk w;
	int64_t from = clamp(from_utc), to = clamp(to_utc);
	int64_t day, last, t, sum = 0;

	if (to <= from)
		return 0;
	day = london_local_days(from);
	last = london_local_days(to);
	walk_start(&w, wc, day);
	for (t = from; day <= last; day++) {
		int64_t end = london_midnight_utc(day + 1);

		if (end > to)
			end = to;
		if (!walk_paused(&w, day))
			sum += end - t;
		t = end;
	}
	return sum;
}

int64_t
workclock_remaining(const struct workclock *wc, int64_t now_utc, int64_t due_utc)
{
	if (now_utc <= due_utc)
		return workclock_elapsed(wc, now_utc, due_utc);
	return -workclock_elapsed(wc, due_utc, now_utc);
}
