/* Appendix B evidence reminders: the latest evidence of each criterion near or past its review date, each reminder raised and audited once. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datetime.h"
#include "ops/commission_int.h"

static int setting_row(void *ctx, const struct store_row *r)
{
	snprintf(ctx, 16, "%s", store_row_text(r, 0));
	return 0;
}

int comm_reminder_days(const struct ops_ctx *c)
{
	char v[16] = "30";
	comm_exec(c->db, STMT_SETTING_GET, setting_row, v, "s", "commission_evidence_reminder_days");
	int d = atoi(v);
	return d < 0 ? 0 : d > 3660 ? 3660 : d;
}

/* One evidence item due a reminder, as the statement gives it. */
struct due {
	int64_t evidence, org, review_day, reminder, raised_at;
	char org_name[200], criterion[CD_CODE_LEN], title[201], kind[12];
};

struct due_list {
	struct due *d;
	size_t n, cap;
	int oom;
};

static int due_row(void *ctx, const struct store_row *r)
{
	struct due_list *l = ctx;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		struct due *p = realloc(l->d, cap * sizeof *p);
		if (!p) {
			l->oom = 1;
			return 1;
		}
		l->d = p;
		l->cap = cap;
	}
	struct due *d = &l->d[l->n++];
	d->evidence = store_row_int(r, 0);
	d->org = store_row_int(r, 1);
	snprintf(d->org_name, sizeof d->org_name, "%s", store_row_text(r, 2));
	snprintf(d->criterion, sizeof d->criterion, "%s", store_row_text(r, 3));
	snprintf(d->title, sizeof d->title, "%s", store_row_text(r, 4));
	d->review_day = store_row_int(r, 5);
	snprintf(d->kind, sizeof d->kind, "%s", store_row_text(r, 6));
	d->reminder = store_row_isnull(r, 7) ? 0 : store_row_int(r, 7);
	d->raised_at = store_row_int(r, 8);
	return 0;
}

/* The evidence due a reminder on today (org 0: every organisation's); 0 or -1. */
static int due_read(const struct ops_ctx *c, int64_t org, struct due_list *l)
{
	int64_t today = comm_today(c);
	int64_t until = today + comm_reminder_days(c);
	return comm_exec(c->db, STMT_COMM_REMINDERS_DUE, due_row, l, "iiiii", today, today, org, org, until) || l->oom
		   ? -1
		   : 0;
}

enum ops_result ops_comm_reminders_raise(const struct ops_ctx *c)
{
	struct due_list l = { 0 };
	if (due_read(c, 0, &l)) {
		free(l.d);
		return OPS_ERROR;
	}
	size_t todo = 0;
	for (size_t i = 0; i < l.n; i++)
		todo += l.d[i].reminder == 0;
	if (!todo) {
		free(l.d);
		return OPS_OK;
	}
	/* raised by Waymark, not by whoever happened to look */
	struct ops_ctx sys = *c;
	sys.user_id = 0;
	sys.org_id = 0;
	enum ops_result r = ops_begin(&sys);
	for (size_t i = 0; r == OPS_OK && i < l.n; i++) {
		struct due *d = &l.d[i];
		if (d->reminder)
			continue;
		int64_t id = 0;
		int n = store_get_int(sys.db, STMT_COMM_REMINDER_INSERT, &id, "iisisi", d->evidence, d->org,
				      d->criterion, d->review_day, d->kind, sys.now);
		char day[DT_DATE_LEN], detail[120];
		dt_format_date(d->review_day, day);
		snprintf(detail, sizeof detail, "%s %s: %s", d->kind, day, d->criterion);
		if (n < 0 || (n == 1 && ops_audit(&sys, AUDIT_COMMISSION_EVIDENCE_REMINDER, "comm_evidence",
						  d->evidence, 0, detail)))
			r = ops_fail(&sys, OPS_ERROR);
	}
	free(l.d);
	if (r != OPS_OK)
		return r;
	if (store_commit(sys.db))
		return ops_fail(&sys, OPS_ERROR);
	return OPS_OK;
}

json_t *ops_comm_reminders(const struct ops_ctx *c, enum ops_result *r)
{
	const struct commission_data *cd = ops_comm_data();
	*r = cd ? ops_comm_reminders_raise(c) : OPS_ERROR;
	if (*r != OPS_OK)
		return NULL;
	struct due_list l = { 0 };
	if (due_read(c, comm_org_filter(c), &l)) {
		free(l.d);
		*r = OPS_ERROR;
		return NULL;
	}
	int64_t today = comm_today(c);
	json_t *arr = json_array();
	for (size_t i = 0; i < l.n; i++) {
		struct due *d = &l.d[i];
		int ci = commission_criterion_index(cd, d->criterion);
		char day[DT_DATE_LEN], raised[DT_UTC_LEN];
		dt_format_date(d->review_day, day);
		dt_format_utc(d->raised_at, raised);
		json_t *o =
		    json_pack("{s:I,s:{s:I,s:s},s:s,s:s,s:s,s:s,s:s,s:I}", "evidence", (json_int_t)d->evidence,
			      "organisation", "id", (json_int_t)d->org, "name", d->org_name, "criterion", d->criterion,
			      "criterion_label", ci >= 0 ? cd->criteria[ci].label : d->criterion, "title", d->title,
			      "review_date", day, "kind", d->kind, "days_left", (json_int_t)(d->review_day - today));
		json_object_set_new(o, "reminder",
				    d->reminder
					? json_pack("{s:I,s:s}", "id", (json_int_t)d->reminder, "raised_at", raised)
					: json_null());
		json_array_append_new(arr, o);
	}
	free(l.d);
	*r = OPS_OK;
	return json_pack("{s:i,s:o}", "reminder_days", comm_reminder_days(c), "reminders", arr);
}

int ops_comm_reminders_job(struct store *st, int64_t now)
{
	struct ops_ctx c = { .db = st, .role = ROLE_PROGRAMME_LEAD, .now = now, .addr = "", .request_id = "" };
	return ops_comm_reminders_raise(&c) == OPS_OK ? 0 : -1;
}
