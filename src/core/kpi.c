/* The follow-up KPI computed from plain arrays with the working-time clock. */
#include <stdlib.h>
#include <string.h>
#include "core/kpi.h"

static const char *const state_codes[KPI_STATE__MAX] = {
	[KPI_PENDING] = "pending",
	[KPI_AT_RISK] = "at_risk",
	[KPI_OVERDUE] = "overdue",
	[KPI_CONTACTED_WITHIN] = "contacted_within",
	[KPI_CONTACTED_LATE] = "contacted_late",
};

const char *kpi_state_code(enum kpi_state s)
{
	return (int)s >= 0 && s < KPI_STATE__MAX ? state_codes[s] : "";
}

static int contacted_by(const struct kpi_referral *r, int64_t now)
{
	return r->first_contact_at != KPI_NONE && r->first_contact_at <= now;
}

enum kpi_state kpi_state_of(const struct workclock *wc, const struct kpi_referral *r, int64_t now)
{
	if (contacted_by(r, now))
		return r->first_contact_at <= r->sla_due_at ? KPI_CONTACTED_WITHIN : KPI_CONTACTED_LATE;
	if (now > r->sla_due_at)
		return KPI_OVERDUE;
	return workclock_remaining(wc, now, r->sla_due_at) < KPI_AT_RISK_SECONDS ? KPI_AT_RISK : KPI_PENDING;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* round(num * scale / den) for non-negative num, positive den, half up. */
static int64_t ratio_half_up(int64_t num, int64_t scale, int64_t den)
{
	return (num * scale * 2 + den) / (den * 2);
}

void kpi_followup_finish(struct kpi_followup *out, int64_t mid_lo, int64_t mid_hi)
{
	out->contacted = out->contacted_within + out->contacted_late;
	out->breaches = out->contacted_late + out->overdue;
	out->pct_within_x100 = out->received ? (int)ratio_half_up(out->contacted_within, 10000, out->received) : -1;
	out->due = out->contacted_within + out->contacted_late + out->overdue;
	out->pct_due_x100 = out->due ? (int)ratio_half_up(out->contacted_within, 10000, out->due) : -1;
	if (out->contacted && mid_lo >= 0 && mid_hi >= 0) {
		int64_t a = mid_lo, b = mid_hi;
		out->median_seconds = a / 2 + b / 2 + (a % 2 + b % 2 + 1) / 2;
		int64_t h = ratio_half_up(out->median_seconds, 100, 3600);
		out->median_hours_x100 = h > INT32_MAX ? INT32_MAX : (int)h; /* only for nonsense dates */
	} else {
		out->median_seconds = -1;
		out->median_hours_x100 = -1;
	}
}

int kpi_followup(const struct workclock *wc, const struct kpi_referral *refs, size_t n, int64_t now,
		 struct kpi_followup *out)
{
	memset(out, 0, sizeof *out);
	int64_t *elapsed = NULL;
	if (n && !(elapsed = malloc(n * sizeof *elapsed)))
		return -1;
	size_t ne = 0;
	for (size_t i = 0; i < n; i++) {
		const struct kpi_referral *r = &refs[i];
		out->received++;
		switch (kpi_state_of(wc, r, now)) {
		case KPI_CONTACTED_WITHIN:
			out->contacted_within++;
			break;
		case KPI_CONTACTED_LATE:
			out->contacted_late++;
			break;
		case KPI_OVERDUE:
			out->overdue++;
			break;
		case KPI_AT_RISK:
			out->at_risk++;
			out->pending++;
			break;
		case KPI_PENDING:
		case KPI_STATE__MAX:
			out->pending++;
			break;
		}
		if (contacted_by(r, now))
			elapsed[ne++] = workclock_elapsed(wc, r->received_at, r->first_contact_at);
	}
	int64_t lo = -1, hi = -1;
	if (ne) {
		qsort(elapsed, ne, sizeof *elapsed, cmp_i64);
		lo = elapsed[(ne - 1) / 2];
		hi = elapsed[ne / 2];
	}
	kpi_followup_finish(out, lo, hi);
	free(elapsed);
	return 0;
}
