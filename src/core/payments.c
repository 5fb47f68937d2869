/* The staged payment schedule: 30/30/30 rounded down, the remainder last, due by calendar months with the month-end rule. */
#include "core/payments.h"

#include <string.h>
#include "core/datetime.h"
#include "core/money.h"

static const char *const labels[PAY_STAGES] = { "signing", "3-months", "9-months", "12-months" };
static const int months_after[PAY_STAGES] = { 0, 3, 9, 12 };
static const int percent[PAY_STAGES] = { 30, 30, 30, 10 };

const char *pay_stage_label(int i)
{
	return i >= 0 && i < PAY_STAGES ? labels[i] : NULL;
}

int64_t pay_add_months(int64_t day, int months)
{
	int y, m, d;
	if (day == PAY_NO_DATE || dt_civil_from_days(day, &y, &m, &d))
		return PAY_NO_DATE;
	int64_t idx = (int64_t)y * 12 + (m - 1) + months;
	if (idx < 0 || idx > 9999LL * 12 + 11)
		return PAY_NO_DATE;
	y = (int)(idx / 12);
	m = (int)(idx % 12) + 1;
	int last = dt_days_in_month(y, m);
	if (d > last)
		d = last;
	return dt_days_from_civil(y, m, d);
}

int pay_schedule(int64_t total_pence, int64_t signed_day, int64_t in_place_day, struct pay_stage out[PAY_STAGES])
{
	if (total_pence < 0 || total_pence > MONEY_MAX_PENCE || signed_day == PAY_NO_DATE)
		return -1;
	if (signed_day < DT_DAYS_MIN || signed_day > DT_DAYS_MAX)
		return -1;
	if (in_place_day != PAY_NO_DATE && (in_place_day < signed_day || in_place_day > DT_DAYS_MAX))
		return -1;
	int64_t sum = 0;
	for (int i = 0; i < PAY_STAGES; i++) {
		out[i].label = labels[i];
		if (i < PAY_STAGES - 1) {
			out[i].pence = total_pence * percent[i] / 100;
			sum += out[i].pence;
		} else {
			out[i].pence = total_pence - sum;
		}
		if (i == 0)
			out[i].due_day = signed_day;
		else
			out[i].due_day = in_place_day == PAY_NO_DATE ? PAY_NO_DATE : pay_add_months(in_place_day, months_after[i]);
	}
	for (int i = 1; i < PAY_STAGES; i++)
		if (in_place_day != PAY_NO_DATE && out[i].due_day == PAY_NO_DATE)
			return -1;
	return 0;
}

static const char *const state_names[PAY_STATE_COUNT] = { "scheduled", "due", "approved", "held", "paid" };

const char *pay_state_name(enum pay_state s)
{
	return (int)s >= 0 && s < PAY_STATE_COUNT ? state_names[s] : NULL;
}

int pay_state_parse(const char *s)
{
	for (int i = 0; s && i < PAY_STATE_COUNT; i++)
		if (strcmp(s, state_names[i]) == 0)
			return i;
	return -1;
}

int pay_transition_ok(enum pay_state from, enum pay_state to)
{
	switch (from) {
	case PAY_SCHEDULED:
		return to == PAY_DUE;
	case PAY_DUE:
		return to == PAY_APPROVED || to == PAY_HELD;
	case PAY_HELD:
		return to == PAY_APPROVED;
	case PAY_APPROVED:
		return to == PAY_PAID || to == PAY_HELD;
	default:
		return 0;
	}
}

int pay_hold_reason_ok(const char *s)
{
	return s && (strcmp(s, "performance") == 0 || strcmp(s, "missing_data") == 0 || strcmp(s, "other") == 0);
}
