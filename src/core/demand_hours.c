/* Demand by London hour and weekday, and the shortest run of hours holding a share of it (core/demand_hours.h). */
#include "core/demand_hours.h"
#include "core/londontime.h"

void demand_hours_slot(int64_t utc, int *dow, int *hour)
{
	int64_t local = utc + london_offset(utc);
	int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
	int64_t secs = local - days * 86400;
	/* 1970-01-01 was a Thursday (3 days after a Monday). */
	int64_t d = (days + 3) % 7;
	*dow = (int)(d < 0 ? d + 7 : d);
	*hour = (int)(secs / 3600);
}

void demand_hours_add(struct demand_grid *g, int64_t utc)
{
	int d, h;
	demand_hours_slot(utc, &d, &h);
	g->n[d][h]++;
}

int64_t demand_hours_total(const struct demand_grid *g, int dow, int hour)
{
	int64_t t = 0;
	for (int d = 0; d < 7; d++)
		for (int h = 0; h < 24; h++)
			if ((dow < 0 || d == dow) && (hour < 0 || h == hour))
				t += g->n[d][h];
	return t;
}

int64_t demand_hours_window(const struct demand_grid *g, int dow, int pct, int *from, int *to)
{
	int64_t by[24];
	for (int h = 0; h < 24; h++)
		by[h] = dow < 0 ? demand_hours_total(g, -1, h) : g->n[dow][h];
	int64_t all = 0;
	for (int h = 0; h < 24; h++)
		all += by[h];
	*from = *to = 0;
	if (all <= 0)
		return 0;
	if (pct < 1)
		pct = 1;
	if (pct > 100)
		pct = 100;
	/* need = ceil(all * pct / 100), in integers */
	int64_t need = (all * pct + 99) / 100;
	int best_len = 25;
	int64_t best_sum = 0;
	for (int a = 0; a < 24; a++) {
		int64_t sum = 0;
		for (int b = a; b < 24 && b - a + 1 < best_len; b++) {
			sum += by[b];
			if (sum >= need) {
				best_len = b - a + 1;
				*from = a;
				*to = b + 1;
				best_sum = sum;
				break;
			}
		}
	}
	return best_sum;
}
