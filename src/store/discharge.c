/* Discharge support's storage: the home check task (open, take, done), a
 * user's worker record and DBS flag, and the discharge board. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/compliance.h"
#include "core/londontime.h"
#include "store/discharge.h"
#include "store/report_sum.h"
#include "store/volunteer.h"

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src);
}

struct discharge_info {
	int64_t day;
	char hospital[64], ward[128];
};

static int info_row(void *ctx, const struct store_row *r)
{
	struct discharge_info *d = ctx;
	d->day = store_row_int(r, 0);
	copy(d->hospital, sizeof d->hospital, store_row_text(r, 1));
	copy(d->ward, sizeof d->ward, store_row_text(r, 2));
	return 1;
}

int discharge_home_check_open(struct store *st, int64_t case_id, int64_t now)
{
	struct discharge_info d = { -1, "", "" };
	if (store_exec(st, STMT_HOME_CHECK_DISCHARGE_DAY, info_row, &d, "i", case_id) != 1)
		return -1;
	int64_t due = d.day >= 0 ? london_midnight_utc(d.day) : 0;
	if (due < now + DISCHARGE_CHECK_LEAD / 4)
		due = now + DISCHARGE_CHECK_LEAD;
	char details[300];
	snprintf(details, sizeof details, "Check the home is safe to return to before discharge%s%s%s%s.",
		 d.hospital[0] ? " from " : "", d.hospital, d.ward[0] ? ", " : "", d.ward);
	int64_t id = 0;
	return store_exec(st, STMT_HOME_CHECK_OPEN, store_row_first_int, &id, "iiisii", now, due, now, details, now, case_id) == 1
		       ? 0
		       : -1;
}

static int check_row(void *ctx, const struct store_row *r)
{
	struct discharge_home_check *c = ctx;
	c->id = store_row_int(r, 0);
	c->referral_id = store_row_int(r, 1);
	c->case_id = store_row_int(r, 2);
	c->org_id = store_row_int(r, 3);
	c->person_id = store_row_int(r, 4);
	copy(c->status, sizeof c->status, store_row_text(r, 5));
	c->worker_id = store_row_int(r, 6);
	copy(c->worker_name, sizeof c->worker_name, store_row_text(r, 7));
	c->volunteer_id = store_row_int(r, 8);
	copy(c->volunteer_name, sizeof c->volunteer_name, store_row_text(r, 9));
	c->due_at = store_row_int(r, 10);
	c->taken_at = store_row_int(r, 11);
	c->closed_at = store_row_int(r, 12);
	copy(c->outcome, sizeof c->outcome, store_row_text(r, 13));
	copy(c->note, sizeof c->note, store_row_text(r, 14));
	copy(c->org_name, sizeof c->org_name, store_row_text(r, 15));
	return 1;
}

int discharge_home_check_of(struct store *st, int64_t referral_id, struct discharge_home_check *out)
{
	return store_exec(st, STMT_HOME_CHECK_OF_REFERRAL, check_row, out, "i", referral_id);
}

int discharge_home_check_get(struct store *st, int64_t task_id, struct discharge_home_check *out)
{
	return store_exec(st, STMT_HOME_CHECK_GET, check_row, out, "i", task_id);
}

static int worker_row(void *ctx, const struct store_row *r)
{
	struct discharge_worker *w = ctx;
	w->id = store_row_int(r, 0);
	w->org_id = store_row_int(r, 1);
	w->dbs_checked = (int)store_row_int(r, 2);
	w->active = (int)store_row_int(r, 3);
	copy(w->org_name, sizeof w->org_name, store_row_text(r, 4));
	return 1;
}

int discharge_worker_of_user(struct store *st, int64_t user_id, struct discharge_worker *w)
{
	memset(w, 0, sizeof *w);
	return store_exec(st, STMT_WORKER_OF_USER, worker_row, w, "i", user_id);
}

int discharge_home_check_take(struct store *st, int64_t task_id, int64_t worker_id, int64_t now)
{
	return store_exec(st, STMT_HOME_CHECK_TAKE, NULL, NULL, "iiiii", worker_id, now, now, now, task_id);
}

int discharge_home_check_done(struct store *st, int64_t task_id, int64_t worker_id, const char *outcome,
			      const char *note, int64_t now)
{
	/* A home check done before the expected discharge counts in the discharge report's summaries. */
	int64_t referral_id = 0;
	struct report_sum_acc *rb = NULL;
	if (rptsum_task_referral(st, task_id, &referral_id) || (referral_id && rptsum_before(st, referral_id, &rb)))
		return -1;
	int n = store_exec(st, STMT_HOME_CHECK_DONE, NULL, NULL, "ssiiii", outcome, note && *note ? note : NULL, now, now,
			   task_id, worker_id);
	if (n < 0) {
		report_sum_acc_free(rb);
		return n;
	}
	if (referral_id && rptsum_after(st, referral_id, rb))
		return -1;
	return n;
}

int discharge_worker_set_dbs(struct store *st, int64_t worker_id, int dbs_checked)
{
	return store_exec(st, STMT_WORKER_SET_DBS, NULL, NULL, "ii", (int64_t)(dbs_checked ? 1 : 0), worker_id);
}

struct board_ctx {
	void (*fn)(void *ctx, const struct discharge_row *r);
	void *ctx;
	struct discharge_row *row;
};

static int board_row(void *ctx, const struct store_row *r)
{
	struct board_ctx *b = ctx;
	struct discharge_row *d = b->row;
	d->referral_id = store_row_int(r, 0);
	copy(d->reference, sizeof d->reference, store_row_text(r, 1));
	copy(d->given_name, sizeof d->given_name, store_row_text(r, 2));
	copy(d->family_name, sizeof d->family_name, store_row_text(r, 3));
	copy(d->hospital_code, sizeof d->hospital_code, store_row_text(r, 4));
	copy(d->hospital_name, sizeof d->hospital_name, store_row_text(r, 5));
	copy(d->ward, sizeof d->ward, store_row_text(r, 6));
	d->expected_day = store_row_int(r, 7);
	copy(d->status, sizeof d->status, store_row_text(r, 8));
	d->home_check_requested = (int)store_row_int(r, 9);
	d->received_at = store_row_int(r, 10);
	d->sla_due_at = store_row_int(r, 11);
	d->case_id = store_row_int(r, 12);
	copy(d->tier, sizeof d->tier, store_row_text(r, 13));
	d->org_id = store_row_int(r, 14);
	copy(d->org_name, sizeof d->org_name, store_row_text(r, 15));
	d->worker_id = store_row_int(r, 16);
	copy(d->worker_name, sizeof d->worker_name, store_row_text(r, 17));
	d->home_check_needed = (int)store_row_int(r, 18);
	d->first_contact_at = store_row_int(r, 19);
	d->home_check_id = store_row_int(r, 20);
	d->person_id = store_row_int(r, 21);
	b->fn(b->ctx, d);
	return 0;
}

int discharge_board(struct store *st, const struct discharge_query *q,
		    void (*fn)(void *ctx, const struct discharge_row *r), void *ctx)
{
	struct board_ctx b = { fn, ctx, malloc(sizeof *b.row) };
	if (!b.row) {
		store_set_error(st, STORE_ERROR, "out of memory");
		return -1;
	}
	const char *h = q->hospital ? q->hospital : "";
	int64_t scope = q->scope;
	int limit = q->limit > 0 && q->limit <= DISCHARGE_BOARD_MAX ? q->limit : DISCHARGE_BOARD_MAX;
	int n = store_exec(st, STMT_DISCHARGE_BOARD, board_row, &b, "iiissiiiiii", scope, scope, (int64_t)(q->include_closed ? 1 : 0), h,
			   h, scope, scope, q->user_id, scope, q->org_id, (int64_t)limit);
	free(b.row);
	return n < 0 ? -1 : 0;
}

struct hospital_ctx {
	void (*fn)(void *ctx, const char *code, const char *name);
	void *ctx;
};

static int hospital_row(void *ctx, const struct store_row *r)
{
	struct hospital_ctx *h = ctx;
	h->fn(h->ctx, store_row_text(r, 0), store_row_text(r, 1));
	return 0;
}

int discharge_hospitals(struct store *st, void (*fn)(void *ctx, const char *code, const char *name), void *ctx)
{
	struct hospital_ctx h = { fn, ctx };
	return store_exec(st, STMT_DISCHARGE_HOSPITALS, hospital_row, &h, "") < 0 ? -1 : 0;
}

int discharge_volunteer_dbs_ok(struct store *st, int64_t volunteer_id, int64_t now, int64_t window_end)
{
	struct volunteer_view *v = malloc(sizeof *v);
	if (!v) {
		store_set_error(st, STORE_ERROR, "out of memory");
		return -1;
	}
	int f = volunteer_get(st, volunteer_id, v);
	int ok = f < 0 ? -1 : f == 0 ? 0 : compliance_home_visit_ok(&v->rec.dbs, now, window_end);
	free(v);
	return ok;
}
