/* The follow-up clock's calendar read from the database. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include "store/calendar.h"
#include "store/settings.h"

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

int calendar_load(struct store *st, struct calendar *cal)
{
	memset(cal, 0, sizeof *cal);
	struct day_list l = { 0 };
	if (store_exec(st, STMT_BANK_HOLIDAY_LIST, day_row, &l, "") < 0 || l.failed) {
		free(l.days);
		return -1;
	}
	char use[SETTING_VALUE_MAX], weekends[SETTING_VALUE_MAX];
	if (settings_get(st, "sla_bank_holidays", use) || settings_get(st, "followup_counts_weekends", weekends)) {
		free(l.days);
		return -1;
	}
	cal->days = l.days;
	cal->wc.holidays = l.days;
	cal->wc.n_holidays = l.n;
	cal->wc.use_holidays = (int)setting_int_value(setting_find("sla_bank_holidays"), use);
	cal->wc.count_weekends = (int)setting_int_value(setting_find("followup_counts_weekends"), weekends);
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

/* The server's calendar in its four settings (bank holidays x weekends), sharing one list of days:
 * a settings change only moves app_flags, so a reader never sees a calendar half changed. */
static struct calendar app_calendar;
static struct calendar app_variants[4];
static atomic_int app_flags;
static int app_loaded;

static int flags_of(const struct workclock *wc)
{
	return (wc->use_holidays ? 1 : 0) | (wc->count_weekends ? 2 : 0);
}

const struct calendar *calendar_app(void)
{
	return &app_variants[atomic_load(&app_flags) & 3];
}

int calendar_app_load(struct store *st)
{
	calendar_free(&app_calendar);
	app_loaded = calendar_load(st, &app_calendar) == 0;
	for (int i = 0; i < 4; i++) {
		app_variants[i] = app_calendar;
		app_variants[i].days = NULL; /* owned by app_calendar */
		app_variants[i].wc.use_holidays = i & 1;
		app_variants[i].wc.count_weekends = (i >> 1) & 1;
	}
	atomic_store(&app_flags, flags_of(&app_calendar.wc));
	return app_loaded ? 0 : -1;
}

int calendar_app_refresh(struct store *st)
{
	if (!app_loaded)
		return 0;
	struct workclock wc = { 0 };
	wc.use_holidays = (int)settings_get_int(st, "sla_bank_holidays");
	wc.count_weekends = (int)settings_get_int(st, "followup_counts_weekends");
	atomic_store(&app_flags, flags_of(&wc));
	return 0;
}

const struct calendar *calendar_app_ensure(struct store *st)
{
	if (!app_loaded && calendar_app_load(st))
		return NULL;
	return calendar_app();
}

void calendar_app_free(void)
{
	calendar_free(&app_calendar);
	memset(app_variants, 0, sizeof app_variants);
	app_loaded = 0;
}
