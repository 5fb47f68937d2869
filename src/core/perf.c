/* The pro-rata client target by days with a mobilisation period, quarters of an agreement, and RAG ratings. */
#include "core/perf.h"

#include <stddef.h>
#include "core/datetime.h"
#include "core/payments.h"

int64_t perf_target_x100(int per_year, int posts, int64_t from_day, int64_t to_day, int64_t mob_end_day, int mob_pct)
{
	if (per_year < 0 || per_year > 100000 || posts < 0 || posts > 10000 || mob_pct < 0 || mob_pct > 100)
		return -1;
	if (from_day < DT_DAYS_MIN || to_day > DT_DAYS_MAX || to_day < from_day)
		return -1;
	int64_t days = to_day - from_day + 1, mob = 0;
	if (mob_end_day != PERF_NO_DATE && mob_end_day >= from_day)
		mob = (mob_end_day >= to_day ? to_day : mob_end_day) - from_day + 1;
	/* weighted days in hundredths: full days x100, mobilisation days x pct */
	int64_t wdays = (days - mob) * 100 + mob * mob_pct;
	int64_t num = (int64_t)per_year * posts * wdays * 100;
	int64_t den = (int64_t)PERF_YEAR_DAYS * 100;
	return (num + den / 2) / den;
}

int perf_quarter(int64_t start_day, int q, int64_t *from_day, int64_t *to_day)
{
	if (q < 1 || q > 4000)
		return -1;
	int64_t a = pay_add_months(start_day, 3 * (q - 1)), b = pay_add_months(start_day, 3 * q);
	if (a == PAY_NO_DATE || b == PAY_NO_DATE)
		return -1;
	*from_day = a;
	*to_day = b - 1;
	return 0;
}

const char *rag_name(enum rag r)
{
	return r == RAG_GREEN ? "green" : r == RAG_AMBER ? "amber" : "red";
}

const char *rag_measure_name(int m)
{
	static const char *const n[RAG_MEASURES] = { "clients", "completeness", "followup" };
	return m >= 0 && m < RAG_MEASURES ? n[m] : NULL;
}

enum rag rag_rate(const struct rag_thresholds *t, enum rag_measure m, int64_t pct_x100)
{
	if (pct_x100 >= (int64_t)t->green_from[m] * 100)
		return RAG_GREEN;
	if (pct_x100 >= (int64_t)t->amber_from[m] * 100)
		return RAG_AMBER;
	return RAG_RED;
}

int64_t perf_pct_x100(int64_t num, int64_t den)
{
	if (den <= 0)
		return 10000;
	if (num < 0)
		num = 0;
	return num * 10000 / den;
}

enum rag rag_worst(enum rag a, enum rag b)
{
	return a > b ? a : b;
}
