/* The follow-up clock's calendar read from the database. */
#include <stdlib.h>
#include <string.h>
#include "store/calendar.h"

struct day_list {
	int64_t *days;
	size_t n, cap;
	int failed;
};

static int day_row(void *ctx, const struct store_row *row)
{
	struct day_list *l = ctx;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 128;
		int64_t *p = realloc(l->days, cap * sizeof *p);
		if (!p) {
			l->failed = 1;
			return 1;
		}
		l->days = p;
		l->cap = cap;
	}
	l->days[l->n++] = store_row_int(row, 0);
	return 0;
}

static int setting_row(void *ctx, const struct store_row *row)
{
	*(int *)ctx = strcmp(store_row_text(row, 0), "off") != 0 && strcmp(store_row_text(row, 0), "0") != 0;
	return 1;
}

int calendar_load(struct store *st, struct calendar *cal)
{
	memset(cal, 0, sizeof *cal);
	struct day_list l = { 0 };
	if (store_exec(st, STMT_BANK_HOLIDAY_LIST, day_row, &l, "") < 0 || l.failed) {
		free(l.days);
		return -1;
	}
	int use = 1;
	if (store_exec(st, STMT_SETTING_GET, setting_row, &use, "s", "sla_bank_holidays") < 0) {
		free(l.days);
		return -1;
	}
	cal->days = l.days;
	cal->wc.holidays = l.days;
	cal->wc.n_holidays = l.n;
	cal->wc.use_holidays = use;
	return 0;
}

void calendar_free(struct calendar *cal)
{
	free(cal->days);
	memset(cal, 0, sizeof *cal);
}

int64_t calendar_due(const struct calendar *cal, int64_t received_utc)
{
	return workclock_due(&cal->wc, received_utc, CALENDAR_ALLOWANCE_SECONDS);
}

static struct calendar app_calendar;
static int app_loaded;

const struct calendar *calendar_app(void)
{
	return &app_calendar;
}

int calendar_app_load(struct store *st)
{
	calendar_free(&app_calendar);
	app_loaded = calendar_load(st, &app_calendar) == 0;
	return app_loaded ? 0 : -1;
}

const struct calendar *calendar_app_ensure(struct store *st)
{
	if (!app_loaded && calendar_app_load(st))
		return NULL;
	return &app_calendar;
}

void calendar_app_free(void)
{
	calendar_free(&app_calendar);
	app_loaded = 0;
}
