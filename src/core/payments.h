/* The staged payment schedule of a service level agreement: 30/30/30/10 in integer pence, by calendar months. */
#ifndef WAYMARK_CORE_PAYMENTS_H
#define WAYMARK_CORE_PAYMENTS_H
#include <stdint.h>

#define PAY_STAGES 4

/* One stage of the schedule. due_day is a day number (core/datetime.h), or
 * PAY_NO_DATE when it waits for a Living Well Worker to be in place. */
struct pay_stage {
	int64_t due_day;
	int64_t pence;
	const char *label;  /* "signing", "3-months", "9-months", "12-months" */
};

#define PAY_NO_DATE INT64_MIN

/*
 * day + months calendar months; a day missing in the target month falls to
 * that month's last day (31 May + 9 months is 28 or 29 February). Returns
 * PAY_NO_DATE if the result is outside 0000-01-01..9999-12-31.
 */
int64_t pay_add_months(int64_t day, int months);

/*
 * The four stages for total_pence (0..MONEY_MAX_PENCE): the first three are
 * 30% each rounded down to the penny, the fourth the remainder, so they
 * always add up to the total. Due on signed_day, then 3, 9 and 12 calendar
 * months after in_place_day (the first Living Well Worker in place), or
 * PAY_NO_DATE for those three when in_place_day is PAY_NO_DATE. Returns 0,
 * or -1 for a total out of range, a missing signing date, or a worker in
 * place before the signing.
 */
int pay_schedule(int64_t total_pence, int64_t signed_day, int64_t in_place_day, struct pay_stage out[PAY_STAGES]);

/* The label of stage i (0..3), or NULL. */
const char *pay_stage_label(int i);

/* Payment states: scheduled -> due -> approved | held -> paid (held -> approved again). */
enum pay_state { PAY_SCHEDULED, PAY_DUE, PAY_APPROVED, PAY_HELD, PAY_PAID, PAY_STATE_COUNT };

/* "scheduled", "due", ...; NULL outside the enum. */
const char *pay_state_name(enum pay_state s);
/* The state named s, or -1. */
int pay_state_parse(const char *s);
/* 1 if a payment may move from one state to the other. */
int pay_transition_ok(enum pay_state from, enum pay_state to);

/* Hold reasons: "performance", "missing_data", "other". */
int pay_hold_reason_ok(const char *s);
#endif
