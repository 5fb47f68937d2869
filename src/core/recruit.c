/* Where to recruit: demand and supply, an Erlang C queue for the volunteers needed, a ranking, safe CSV cells. */
#include <math.h>
#include <string.h>
#include "core/recruit.h"

#define HOURS_PER_WEEK 168.0

void recruit_params_default(struct recruit_params *p)
{
	p->target_share = 0.95;
	p->target_hours = 24.0;
	p->default_tasks_per_week = 2.0;
	p->weeks = RECRUIT_WEEKS;
}

double recruit_erlang_c(int64_t c, double a)
{
	if (c <= 0 || a <= 0)
		return a <= 0 ? 0.0 : 1.0;
	if (a >= (double)c)
		return 1.0;
	/* Erlang B by its recurrence (stable for large c), then C from B. */
	double b = 1.0;
	for (int64_t k = 1; k <= c; k++)
		b = a * b / ((double)k + a * b);
	return (double)c * b / ((double)c - a * (1.0 - b));
}

double recruit_share_within(int64_t c, double lambda, double mu, double t)
{
	if (lambda <= 0)
		return 1.0;
	if (c <= 0 || mu <= 0 || lambda >= (double)c * mu)
		return 0.0;
	double pw = recruit_erlang_c(c, lambda / mu);
	return 1.0 - pw * exp(-((double)c * mu - lambda) * t);
}

void recruit_compute(struct recruit_group *g, const struct recruit_params *p)
{
	int weeks = p->weeks > 0 ? p->weeks : RECRUIT_WEEKS;
	g->tasks_per_week = (double)g->tasks / weeks;
	g->hours_per_week = (double)g->task_minutes / 60.0 / weeks;
	g->per_volunteer = g->volunteers > 0 && g->capacity > 0 ? (double)g->capacity / (double)g->volunteers
								  : p->default_tasks_per_week;
	/* Free time counts only as far as the volunteer's tasks a week at the mean task length. */
	double mean_task_minutes = g->tasks > 0 ? (double)g->task_minutes / (double)g->tasks : 90.0;
	double cap_minutes = (double)g->capacity * mean_task_minutes;
	double avail = (double)g->avail_minutes;
	g->supply_hours_per_week = (avail < cap_minutes ? avail : cap_minutes) / 60.0;

	double lambda = g->tasks_per_week / HOURS_PER_WEEK, mu = g->per_volunteer / HOURS_PER_WEEK;
	g->answered_now = recruit_share_within(g->volunteers, lambda, mu, p->target_hours);
	if (g->tasks == 0) {
		g->needed = 0;
	} else {
		/* The least stable c, then up until the target holds. */
		int64_t c = (int64_t)floor(lambda / mu) + 1;
		while (c < RECRUIT_VOLUNTEERS_MAX && recruit_share_within(c, lambda, mu, p->target_hours) < p->target_share)
			c++;
		g->needed = c;
	}
	g->gap = g->needed > g->volunteers ? g->needed - g->volunteers : 0;
}

/* 1 when group i goes before group j. */
static int ranks_before(const struct recruit_group *g, size_t i, size_t j)
{
	if (g[i].gap != g[j].gap)
		return g[i].gap > g[j].gap;
	if (g[i].unmatched != g[j].unmatched)
		return g[i].unmatched > g[j].unmatched;
	if (g[i].tasks != g[j].tasks)
		return g[i].tasks > g[j].tasks;
	return i < j;
}

void recruit_rank(const struct recruit_group *g, size_t n, size_t *order)
{
	/* Insertion sort: a few dozen groups, and the order is total, so stable by index. */
	for (size_t i = 0; i < n; i++) {
		size_t k = i;
		while (k > 0 && ranks_before(g, i, order[k - 1])) {
			order[k] = order[k - 1];
			k--;
		}
		order[k] = i;
	}
}

int recruit_csv_cell(const char *s, char *out, size_t outlen)
{
	if (!s)
		s = "";
	int guard = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r';
	int quote = strpbrk(s, ",\"\r\n") != NULL;
	size_t n = 0;
#define PUT(ch)                            \
	do {                               \
		if (n + 1 >= outlen) {     \
			if (outlen)        \
				out[0] = '\0'; \
			return -1;         \
		}                          \
		out[n++] = (ch);           \
	} while (0)
	if (quote)
		PUT('"');
	if (guard)
		PUT('\'');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			PUT('"');
		PUT(*p);
	}
	if (quote)
		PUT('"');
#undef PUT
	out[n] = '\0';
	return (int)n;
}
