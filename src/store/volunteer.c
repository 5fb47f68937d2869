/* Storing volunteers and their tasks, and loading a matching run's input. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/list_sorts.h"
#include "core/londontime.h"
#include "store/report_sum.h"
#include "store/volunteer.h"
#include "util/idlist.h"

const char *const task_status_codes[TASK_STATUS_COUNT + 1] = { "open", "offered", "accepted", "done", "missed",
							       "cancelled", NULL };
static const char *const task_status_labels[TASK_STATUS_COUNT] = { "Open", "Offered", "Accepted", "Done", "Missed",
								   "Cancelled" };

const char *task_status_label(const char *code)
{
	for (int i = 0; code && i < TASK_STATUS_COUNT; i++)
		if (strcmp(code, task_status_codes[i]) == 0)
			return task_status_labels[i];
	return "";
}

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

static int oom(struct store *st)
{
	store_set_error(st, STORE_ERROR, "out of memory");
	return -1;
}

static int64_t e6(double deg)
{
	return (int64_t)(deg * 1e6 + (deg < 0 ? -0.5 : 0.5));
}

struct district_row {
	int found;
	double lat, lon;
	char *area;
};

static int district_row(void *ctx, const struct store_row *r)
{
	struct district_row *d = ctx;
	d->found = 1;
	d->lat = (double)store_row_int(r, 0) / 1e6;
	d->lon = (double)store_row_int(r, 1) / 1e6;
	if (d->area)
		copy(d->area, 40, store_row_text(r, 2));
	return 1;
}

int volunteer_district(struct store *st, const char *outcode, double *lat, double *lon, char area[40])
{
	struct district_row d = { 0, 0, 0, area };
	if (store_exec(st, STMT_VOLUNTEER_DISTRICT, district_row, &d, "s", outcode) < 0)
		return -1;
	if (d.found) {
		*lat = d.lat;
		*lon = d.lon;
	}
	return d.found;
}

struct account_row {
	int found;
	int64_t id, org_id, volunteer_id;
	char role[32];
};

static int account_row(void *ctx, const struct store_row *r)
{
	struct account_row *a = ctx;
	a->found = 1;
	a->id = store_row_int(r, 0);
	copy(a->role, sizeof a->role, store_row_text(r, 1));
	a->org_id = store_row_int(r, 2);
	a->volunteer_id = store_row_int(r, 3);
	return 1;
}

int volunteer_check_refs(struct store *st, const struct volunteer_rec *r, int64_t org_id, int64_t self_id,
			 int64_t *user_id, double *lat, double *lon, struct field_errors *fe)
{
	size_t before = fe->n;
	*user_id = 0;
	if (r->outcode[0]) {
		int f = volunteer_district(st, r->outcode, lat, lon, NULL);
		if (f < 0)
			return -1;
		if (!f)
			fielderr_add(fe, "postcode",
				     "Home postcode must be in Norfolk or Waveney (we have no location for %s)", r->outcode);
	}
	if (r->account_email[0]) {
		struct account_row a = { 0 };
		if (store_exec(st, STMT_VOLUNTEER_ACCOUNT_FIND, account_row, &a, "s", r->account_email) < 0)
			return -1;
		if (!a.found || a.org_id != org_id)
			fielderr_add(fe, "account_email", "There is no account with this email address in your organisation");
		else if (strcmp(a.role, "volunteer") != 0)
			fielderr_add(fe, "account_email", "This account is not a volunteer's; give the volunteer's own account");
		else if (a.volunteer_id && a.volunteer_id != self_id)
			fielderr_add(fe, "account_email", "This account is already linked to another volunteer");
		else
			*user_id = a.id;
	}
	return fe->n > before ? 1 : 0;
}

struct id_ctx {
	int64_t *id;
};

static int id_row(void *ctx, const struct store_row *row)
{
	*((struct id_ctx *)ctx)->id = store_row_int(row, 0);
	return 1;
}

/* Writes r's lists of volunteer id, first clearing those it had (clear: an update). */
static int write_children(struct store *st, int64_t id, int clear, const struct volunteer_rec *r)
{
	if (clear && (store_exec(st, STMT_VOLUNTEER_SKILLS_CLEAR, NULL, NULL, "i", id) < 0 ||
		      store_exec(st, STMT_VOLUNTEER_AVAIL_CLEAR, NULL, NULL, "i", id) < 0 ||
		      store_exec(st, STMT_VOLUNTEER_DAYS_OFF_CLEAR, NULL, NULL, "i", id) < 0 ||
		      store_exec(st, STMT_VOLUNTEER_TRAINING_CLEAR, NULL, NULL, "i", id) < 0))
		return -1;
	for (int s = 0; s < MATCH_SKILL__MAX; s++)
		if ((r->skills & (1u << s)) &&
		    store_exec(st, STMT_VOLUNTEER_SKILL_ADD, NULL, NULL, "is", id, match_skill_code((enum match_skill)s)) < 0)
			return -1;
	for (int i = 0; i < r->n_slots; i++)
		if (store_exec(st, STMT_VOLUNTEER_AVAIL_ADD, NULL, NULL, "iddd", id, r->slots[i].weekday,
			       r->slots[i].start_minute, r->slots[i].end_minute) < 0)
			return -1;
	for (int i = 0; i < r->n_days_off; i++)
		if (store_exec(st, STMT_VOLUNTEER_DAY_OFF_ADD, NULL, NULL, "ii", id, r->days_off[i]) < 0)
			return -1;
	for (int i = 0; i < r->n_training; i++)
		if (store_exec(st, STMT_VOLUNTEER_TRAINING_ADD, NULL, NULL, "isi", id, r->training[i].module,
			       r->training[i].completed_day) < 0)
			return -1;
	return 0;
}

static const char *or_null(const char *s)
{
	return s && *s ? s : NULL;
}

/* Binds model/volunteer.def's columns in its order into p; returns how many. */
static int bind_fields(struct store_param *p, const struct volunteer_rec *r)
{
	int n = 0;
	for (int f = 0; f < VF__MAX; f++) {
		int64_t i = 0;
		const char *s = NULL;
		if (!volunteer_fields[f].column)
			continue;
		int k = volunteer_field_stored(r, (enum volunteer_field)f, &i, &s);
		p[n++] = (struct store_param){ .is_null = k == 0, .is_int = k == 1, .i = i, .s = s };
	}
	return n;
}

/*
 * Saves r: volunteer id (update), or a new one of org_id given the id made
 * (*new_id; insert) or given its id (id_given, waymark gen's). The
 * statements' columns are the description's, then user_id, outcode,
 * lat_e6, lon_e6, updated_at, then the id (update) or org_id, created_at
 * (and the id given).
 */
static int save(struct store *st, int64_t id, int64_t org_id, int64_t id_given, int64_t user_id, double lat, double lon,
		const struct volunteer_rec *r, int64_t now, int64_t *new_id)
{
	struct store_param p[VF__MAX + 8];
	int n = bind_fields(p, r);
	p[n++] = (struct store_param){ .is_int = 1, .i = user_id, .is_null = user_id == 0 };
	p[n++] = (struct store_param){ .s = r->outcode };
	p[n++] = (struct store_param){ .is_int = 1, .i = e6(lat) };
	p[n++] = (struct store_param){ .is_int = 1, .i = e6(lon) };
	p[n++] = (struct store_param){ .is_int = 1, .i = now };
	p[n++] = (struct store_param){ .is_int = 1, .i = id ? id : org_id };
	if (!id)
		p[n++] = (struct store_param){ .is_int = 1, .i = now };
	if (id_given)
		p[n++] = (struct store_param){ .is_int = 1, .i = id_given };
	enum stmt s = id ? STMT_VOLUNTEER_UPDATE : id_given ? STMT_GEN_VOLUNTEER : STMT_VOLUNTEER_INSERT;
	st->errcode = STORE_OK;
	struct id_ctx c = { new_id };
	int done = st->ops->exec(st, s, p, n, s == STMT_VOLUNTEER_INSERT ? id_row : NULL, &c);
	if (done != 1) {
		if (done == 0)
			store_set_error(st, STORE_ERROR, "volunteer %lld is not there", (long long)id);
		return -1;
	}
	return write_children(st, id ? id : id_given ? id_given : *new_id, id != 0, r);
}

int volunteer_create(struct store *st, int64_t org_id, int64_t user_id, double lat, double lon,
		     const struct volunteer_rec *r, int64_t now, int64_t *id)
{
	return save(st, 0, org_id, 0, user_id, lat, lon, r, now, id);
}

int volunteer_create_as(struct store *st, int64_t id, int64_t org_id, double lat, double lon,
			const struct volunteer_rec *r, int64_t now)
{
	return save(st, 0, org_id, id, 0, lat, lon, r, now, NULL);
}

int volunteer_update(struct store *st, int64_t id, int64_t user_id, double lat, double lon,
		     const struct volunteer_rec *r, int64_t now)
{
	return save(st, id, 0, 0, user_id, lat, lon, r, now, NULL);
}

void volunteer_row_fields(const struct store_row *r, int *c, struct volunteer_rec *rec)
{
	for (int f = 0; f < VF__MAX; f++)
		if (volunteer_fields[f].column) {
			volunteer_field_load(rec, (enum volunteer_field)f, store_row_isnull(r, *c), store_row_int(r, *c),
					     store_row_text(r, *c));
			++*c;
		}
}

struct get_ctx {
	struct volunteer_view *v;
	int found;
};

static int get_row(void *ctx, const struct store_row *r)
{
	struct get_ctx *g = ctx;
	struct volunteer_view *v = g->v;
	g->found = 1;
	int c = 0;
	volunteer_row_fields(r, &c, &v->rec);
	v->id = store_row_int(r, c++);
	v->user_id = store_row_int(r, c++);
	v->org_id = store_row_int(r, c++);
	copy(v->org_name, sizeof v->org_name, store_row_text(r, c++));
	copy(v->rec.account_email, sizeof v->rec.account_email, store_row_text(r, c++));
	copy(v->rec.outcode, sizeof v->rec.outcode, store_row_text(r, c++));
	v->lat = (double)store_row_int(r, c++) / 1e6;
	v->lon = (double)store_row_int(r, c++) / 1e6;
	v->created_at = store_row_int(r, c++);
	v->updated_at = store_row_int(r, c++);
	copy(v->area, sizeof v->area, store_row_text(r, c));
	return 1;
}

static int skill_row(void *ctx, const struct store_row *r)
{
	int s = volunteer_skill_of(store_row_text(r, 1));
	if (s >= 0)
		*(uint32_t *)ctx |= 1u << s;
	return 0;
}

static int avail_row(void *ctx, const struct store_row *r)
{
	struct volunteer_rec *v = ctx;
	if (v->n_slots < VOLUNTEER_SLOTS_MAX)
		v->slots[v->n_slots++] = (struct volunteer_slot){ (int)store_row_int(r, 1), (int)store_row_int(r, 2),
								  (int)store_row_int(r, 3) };
	return 0;
}

static int day_off_row(void *ctx, const struct store_row *r)
{
	struct volunteer_rec *v = ctx;
	if (v->n_days_off < VOLUNTEER_DAYS_OFF_MAX)
		v->days_off[v->n_days_off++] = store_row_int(r, 1);
	return 0;
}

static int training_row(void *ctx, const struct store_row *r)
{
	struct volunteer_rec *v = ctx;
	if (v->n_training < VOLUNTEER_TRAINING_MAX) {
		struct volunteer_training *t = &v->training[v->n_training++];
		copy(t->module, sizeof t->module, store_row_text(r, 1));
		t->completed_day = store_row_int(r, 2);
	}
	return 0;
}

int volunteer_get(struct store *st, int64_t id, struct volunteer_view *v)
{
	memset(v, 0, sizeof *v);
	struct get_ctx g = { v, 0 };
	if (store_exec(st, STMT_VOLUNTEER_GET, get_row, &g, "i", id) < 0)
		return -1;
	if (!g.found)
		return 0;
	if (store_exec(st, STMT_VOLUNTEER_SKILLS_OF, skill_row, &v->rec.skills, "i", id) < 0 ||
	    store_exec(st, STMT_VOLUNTEER_AVAIL_OF, avail_row, &v->rec, "i", id) < 0 ||
	    store_exec(st, STMT_VOLUNTEER_DAYS_OFF_OF, day_off_row, &v->rec, "i", id) < 0 ||
	    store_exec(st, STMT_VOLUNTEER_TRAINING_OF, training_row, &v->rec, "i", id) < 0)
		return -1;
	return 1;
}

int volunteer_for_user(struct store *st, int64_t user_id, int64_t *id)
{
	return store_get_int(st, STMT_VOLUNTEER_BY_USER, id, "i", user_id);
}

struct list_ctx {
	struct volunteer_summary *rows;
	size_t n, cap;
	int renewals;
	struct volunteer_rec rec; /* the row's described fields */
};

static int list_row(void *ctx, const struct store_row *r)
{
	struct list_ctx *l = ctx;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		struct volunteer_summary *g = realloc(l->rows, cap * sizeof *g);
		if (!g)
			return 1;
		l->rows = g;
		l->cap = cap;
	}
	struct volunteer_summary *s = &l->rows[l->n++];
	memset(s, 0, sizeof *s);
	int c = 0;
	volunteer_row_fields(r, &c, &l->rec);
	copy(s->name, sizeof s->name, l->rec.name);
	s->status = l->rec.status;
	s->dbs = l->rec.dbs;
	s->id = store_row_int(r, c++);
	if (l->renewals)
		return 0;
	copy(s->postcode, sizeof s->postcode, l->rec.postcode);
	s->consent_to_share = l->rec.consent_to_share;
	s->max_tasks_per_week = l->rec.max_tasks_per_week;
	s->has_car = l->rec.has_car;
	s->travel_radius_m = l->rec.travel_radius_m;
	copy(s->area, sizeof s->area, store_row_text(r, c++));
	s->tasks_this_week = (int)store_row_int(r, c++);
	s->user_id = store_row_int(r, c++);
	s->training_missing = (int)store_row_int(r, c);
	return 0;
}

struct skills_merge {
	struct volunteer_summary *rows;
	size_t n;
};

static int skills_merge_row(void *ctx, const struct store_row *r)
{
	struct skills_merge *m = ctx;
	int64_t id = store_row_int(r, 0);
	int s = volunteer_skill_of(store_row_text(r, 1));
	for (size_t i = 0; s >= 0 && i < m->n; i++)
		if (m->rows[i].id == id)
			m->rows[i].skills |= 1u << s;
	return 0;
}

/* A volunteer list's order other than by name (the statement's), ending on the id. */
static int volunteer_cmp(const void *a, const void *b, void *sort)
{
	const struct volunteer_summary *x = a, *y = b;
	int s = *(const int *)sort;
	int d = s == VOLUNTEER_SORT_TASKS || s == VOLUNTEER_SORT_TASKS_DESC ? list_num_cmp(x->tasks_this_week, y->tasks_this_week)
									     : list_name_cmp(x->name, y->name);
	if (!d)
		d = list_num_cmp(x->id, y->id);
	return s == VOLUNTEER_SORT_NAME_DESC || s == VOLUNTEER_SORT_TASKS_DESC ? -d : d;
}

/* Calls fn for each row of l, when the reads (r) went well; frees l. The count, or -1. */
static int list_done(struct list_ctx *l, int r, void (*fn)(void *ctx, const struct volunteer_summary *s), void *ctx)
{
	for (size_t i = 0; r >= 0 && i < l->n; i++)
		fn(ctx, &l->rows[i]);
	int n = r < 0 ? -1 : (int)l->n;
	free(l->rows);
	free(l);
	return n;
}

int volunteer_list(struct store *st, int64_t org_id, const char *status, int limit, int sort, int64_t week_from,
		   int64_t week_to, void (*fn)(void *ctx, const struct volunteer_summary *s), void *ctx)
{
	struct list_ctx *l = calloc(1, sizeof *l);
	if (!l)
		return oom(st);
	const char *s = status ? status : "";
	int r = store_exec(st, STMT_VOLUNTEER_LIST, list_row, l, "iiissd", week_from, week_to, org_id, s, s, limit);
	struct skills_merge m = { l->rows, l->n };
	if (r >= 0)
		r = store_exec(st, STMT_VOLUNTEER_SKILLS_ORG, skills_merge_row, &m, "i", org_id);
	if (r >= 0 && l->n && sort)
		qsort_r(l->rows, l->n, sizeof *l->rows, volunteer_cmp, &sort);
	return list_done(l, r, fn, ctx);
}

int volunteer_renewals(struct store *st, int64_t org_id, int64_t today,
		       void (*fn)(void *ctx, const struct volunteer_summary *s), void *ctx)
{
	struct list_ctx *l = calloc(1, sizeof *l);
	if (!l)
		return oom(st);
	l->renewals = 1;
	return list_done(l, store_exec(st, STMT_VOLUNTEER_RENEWALS, list_row, l, "ii", org_id, today + 60), fn, ctx);
}

/* Tasks */

static void fill_task(const struct store_row *r, struct task_view *t)
{
	memset(t, 0, sizeof *t);
	t->id = store_row_int(r, 0);
	t->referral_id = store_row_int(r, 1);
	t->case_id = store_row_int(r, 2);
	t->person_id = store_row_int(r, 3);
	t->org_id = store_row_int(r, 4);
	copy(t->reference, sizeof t->reference, store_row_text(r, 5));
	copy(t->type, sizeof t->type, store_row_text(r, 6));
	int s = volunteer_skill_of(t->type);
	if (s >= 0)
		t->skills = 1u << s;
	copy(t->postcode, sizeof t->postcode, store_row_text(r, 7));
	t->window_from = store_row_int(r, 8);
	t->window_to = store_row_int(r, 9);
	t->duration_minutes = (int)store_row_int(r, 10);
	t->priority = (int)store_row_int(r, 11);
	t->home_visit = (int)store_row_int(r, 12);
	copy(t->status, sizeof t->status, store_row_text(r, 13));
	t->volunteer_id = store_row_int(r, 14);
	copy(t->volunteer_name, sizeof t->volunteer_name, store_row_text(r, 15));
	copy(t->match_reason, sizeof t->match_reason, store_row_text(r, 16));
	t->offered_at = store_row_int(r, 17);
	t->answered_at = store_row_int(r, 18);
	t->minutes_logged = (int)store_row_int(r, 19);
	copy(t->outcome_note, sizeof t->outcome_note, store_row_text(r, 20));
	copy(t->details, sizeof t->details, store_row_text(r, 21));
	int64_t base = store_row_int(r, 22), ext = store_row_int(r, 23);
	t->support_until = ext > base ? ext : base;
	copy(t->given_name, sizeof t->given_name, store_row_text(r, 24));
	copy(t->family_name, sizeof t->family_name, store_row_text(r, 25));
	copy(t->address, sizeof t->address, store_row_text(r, 26));
	copy(t->phone, sizeof t->phone, store_row_text(r, 27));
	t->created_at = store_row_int(r, 28);
	t->previous_volunteer_id = store_row_int(r, 29);
	copy(t->tier, sizeof t->tier, store_row_text(r, 30));
	t->volunteer_org_id = store_row_int(r, 31);
	t->closed_at = store_row_int(r, 32);
	copy(t->nhs_number, sizeof t->nhs_number, store_row_text(r, 33));
}

struct task_one {
	struct task_view *t;
	int found;
};

static int task_one_row(void *ctx, const struct store_row *r)
{
	struct task_one *o = ctx;
	fill_task(r, o->t);
	o->found = 1;
	return 1;
}

int task_get(struct store *st, int64_t id, struct task_view *t)
{
	struct task_one o = { t, 0 };
	if (store_exec(st, STMT_VTASK_GET, task_one_row, &o, "i", id) < 0)
		return -1;
	if (!o.found)
		return 0;
	return store_exec(st, STMT_VTASK_SKILLS_OF, skill_row, &t->skills, "i", id) < 0 ? -1 : 1;
}

struct task_many {
	struct task_view *rows;
	size_t n, cap;
};

static int task_many_row(void *ctx, const struct store_row *r)
{
	struct task_many *m = ctx;
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 32;
		struct task_view *g = realloc(m->rows, cap * sizeof *g);
		if (!g)
			return 1;
		m->rows = g;
		m->cap = cap;
	}
	fill_task(r, &m->rows[m->n++]);
	return 0;
}

static int task_emit(struct store *st, struct task_many *m, void (*fn)(void *ctx, const struct task_view *t), void *ctx)
{
	int r = 0;
	for (size_t i = 0; i < m->n && r == 0; i++) {
		if (store_exec(st, STMT_VTASK_SKILLS_OF, skill_row, &m->rows[i].skills, "i", m->rows[i].id) < 0)
			r = -1;
		else
			fn(ctx, &m->rows[i]);
	}
	free(m->rows);
	return r ? -1 : (int)m->n;
}

/* A task list's order other than latest first (the statement's), ending on the id. */
static int task_cmp(const void *a, const void *b, void *sort)
{
	const struct task_view *x = a, *y = b;
	int s = *(const int *)sort, d;
	switch (s) {
	case TASK_SORT_NAME:
	case TASK_SORT_NAME_DESC:
		d = list_name_cmp(x->given_name, y->given_name);
		if (!d)
			d = list_name_cmp(x->family_name, y->family_name);
		break;
	case TASK_SORT_VOLUNTEER:
	case TASK_SORT_VOLUNTEER_DESC:
		d = list_name_cmp(x->volunteer_name, y->volunteer_name);
		break;
	default:
		d = list_num_cmp(x->window_from, y->window_from);
	}
	if (!d)
		d = list_num_cmp(x->id, y->id);
	return s == TASK_SORT_NAME_DESC || s == TASK_SORT_VOLUNTEER_DESC ? -d : d;
}

int task_list(struct store *st, int64_t org_id, const char *status, int limit, int sort,
	      void (*fn)(void *ctx, const struct task_view *t), void *ctx)
{
	struct task_many m = { 0 };
	const char *s = status ? status : "";
	if (store_exec(st, STMT_VTASK_LIST, task_many_row, &m, "issd", org_id, s, s, limit) < 0) {
		free(m.rows);
		return -1;
	}
	if (m.n && sort)
		qsort_r(m.rows, m.n, sizeof *m.rows, task_cmp, &sort);
	return task_emit(st, &m, fn, ctx);
}

int task_list_volunteer(struct store *st, int64_t volunteer_id, int limit,
			void (*fn)(void *ctx, const struct task_view *t), void *ctx)
{
	struct task_many m = { 0 };
	if (store_exec(st, STMT_VTASK_OF_VOLUNTEER, task_many_row, &m, "id", volunteer_id, limit) < 0) {
		free(m.rows);
		return -1;
	}
	return task_emit(st, &m, fn, ctx);
}

static int write_task_skills(struct store *st, int64_t id, uint32_t skills)
{
	if (store_exec(st, STMT_VTASK_SKILLS_CLEAR, NULL, NULL, "i", id) < 0)
		return -1;
	for (int s = 0; s < MATCH_SKILL__MAX; s++)
		if ((skills & (1u << s)) &&
		    store_exec(st, STMT_VTASK_SKILL_ADD, NULL, NULL, "is", id, match_skill_code((enum match_skill)s)) < 0)
			return -1;
	return 0;
}

int task_create(struct store *st, const struct task_new *n, int64_t now, int64_t *id)
{
	struct id_ctx c = { id };
	if (store_exec(st, STMT_VTASK_INSERT, id_row, &c, "iIssiiidddsi", n->referral_id,
		       n->case_id ? n->case_id : INT64_MIN, n->type, n->postcode, n->window_from, n->window_to, now,
		       n->home_visit, n->duration_minutes, n->priority, or_null(n->details), now) != 1)
		return -1;
	return write_task_skills(st, *id, n->extra_skills);
}

int task_update(struct store *st, int64_t id, const struct task_new *n, int64_t now)
{
	int r = store_exec(st, STMT_VTASK_UPDATE, NULL, NULL, "ssiidddsii", n->type, n->postcode, n->window_from,
			   n->window_to, n->home_visit, n->duration_minutes, n->priority, or_null(n->details), now, id);
	if (r <= 0)
		return r;
	return write_task_skills(st, id, n->extra_skills) ? -1 : 1;
}

struct referral_ctx {
	struct task_referral *r;
	int found;
};

static int referral_row(void *ctx, const struct store_row *row)
{
	struct referral_ctx *c = ctx;
	struct task_referral *r = c->r;
	c->found = 1;
	r->id = store_row_int(row, 0);
	r->person_id = store_row_int(row, 1);
	copy(r->postcode, sizeof r->postcode, store_row_text(row, 2));
	r->case_id = store_row_int(row, 3);
	r->org_id = store_row_int(row, 4);
	copy(r->tier, sizeof r->tier, store_row_text(row, 5));
	r->case_opened_at = store_row_int(row, 6);
	r->extended_until = store_row_int(row, 7);
	copy(r->reference, sizeof r->reference, store_row_text(row, 8));
	copy(r->status, sizeof r->status, store_row_text(row, 9));
	return 1;
}

int task_referral_get(struct store *st, int64_t referral_id, struct task_referral *r)
{
	memset(r, 0, sizeof *r);
	struct referral_ctx c = { r, 0 };
	if (store_exec(st, STMT_VTASK_REFERRAL, referral_row, &c, "i", referral_id) < 0)
		return -1;
	return c.found;
}

int64_t task_referral_support_until(const struct task_referral *r, int64_t now)
{
	int64_t base = (r->case_opened_at ? r->case_opened_at : now) + (int64_t)SUPPORT_DAYS * 86400;
	return r->extended_until > base ? r->extended_until : base;
}

int task_offer(struct store *st, int64_t task_id, int64_t volunteer_id, const char *reason, int64_t by_user,
	       int64_t now)
{
	return store_exec(st, STMT_VTASK_OFFER, NULL, NULL, "isiIii", volunteer_id, reason, now,
			  by_user ? by_user : INT64_MIN, now, task_id);
}

int task_accept(struct store *st, int64_t task_id, int64_t volunteer_id, int64_t now)
{
	return store_exec(st, STMT_VTASK_ACCEPT, NULL, NULL, "iiii", now, now, task_id, volunteer_id);
}

int task_decline(struct store *st, int64_t task_id, int64_t volunteer_id, int64_t now)
{
	int r = store_exec(st, STMT_VTASK_REOPEN, NULL, NULL, "iiisi", now, now, task_id, "offered", volunteer_id);
	if (r != 1)
		return r;
	return store_exec(st, STMT_VTASK_DECLINE_RECORD, NULL, NULL, "iii", task_id, volunteer_id, now) < 0 ? -1 : 1;
}

int task_decline_record(struct store *st, int64_t task_id, int64_t volunteer_id, int64_t now)
{
	return store_exec(st, STMT_VTASK_DECLINE_RECORD, NULL, NULL, "iii", task_id, volunteer_id, now) < 0 ? -1 : 0;
}

/* Around a change to a task that may be done (the reports' tasks and hours): the task's referral's case-side
 * summaries before (0 or -1) and after (n, the statement's result, or -1). */
static int task_sum_before(struct store *st, int64_t task_id, int64_t *referral_id, struct report_sum_acc **b)
{
	*b = NULL;
	return rptsum_task_referral(st, task_id, referral_id) || (*referral_id && rptcase_before(st, *referral_id, b)) ? -1
															: 0;
}

static int task_sum_after(struct store *st, int64_t referral_id, struct report_sum_acc *b, int n)
{
	if (n < 0 || !referral_id) {
		if (referral_id)
			rptcase_abandon(st, b);
		return n;
	}
	return rptcase_after(st, referral_id, b) ? -1 : n;
}

int task_reopen(struct store *st, int64_t task_id, const char *from_status, int64_t volunteer_id, int64_t now)
{
	int64_t rid = 0;
	struct report_sum_acc *b;
	if (task_sum_before(st, task_id, &rid, &b))
		return -1;
	return task_sum_after(st, rid, b,
			      store_exec(st, STMT_VTASK_REOPEN, NULL, NULL, "iiisi", now, now, task_id, from_status,
					 volunteer_id));
}

int task_log(struct store *st, int64_t task_id, int64_t volunteer_id, int done, int minutes, const char *note,
	     int64_t now)
{
	int64_t rid = 0;
	struct report_sum_acc *b;
	if (task_sum_before(st, task_id, &rid, &b))
		return -1;
	return task_sum_after(st, rid, b,
			      store_exec(st, STMT_VTASK_LOG, NULL, NULL, "sdsiiii", done ? "done" : "missed", minutes,
					 or_null(note), now, now, task_id, volunteer_id));
}

int task_cancel(struct store *st, int64_t task_id, const char *note, int64_t now)
{
	int64_t rid = 0;
	struct report_sum_acc *b;
	if (task_sum_before(st, task_id, &rid, &b))
		return -1;
	return task_sum_after(st, rid, b,
			      store_exec(st, STMT_VTASK_CANCEL, NULL, NULL, "siii", or_null(note), now, now, task_id));
}

int task_person_decline(struct store *st, int64_t person_id, int64_t volunteer_id, const char *reason, int64_t by_user,
			int64_t now)
{
	return store_exec(st, STMT_PERSON_DECLINE_ADD, NULL, NULL, "iisIi", person_id, volunteer_id, reason ? reason : "",
			  by_user ? by_user : INT64_MIN, now) < 0
		       ? -1
		       : 0;
}

int task_support_extend(struct store *st, int64_t referral_id, int64_t until, const char *reason, int64_t by_user,
			int64_t now, int64_t *id)
{
	struct id_ctx c = { id };
	struct report_sum_acc *b;
	if (rptcase_before(st, referral_id, &b))
		return -1;
	if (store_exec(st, STMT_SUPPORT_EXTENSION_ADD, id_row, &c, "iisIi", referral_id, until, reason,
		       by_user ? by_user : INT64_MIN, now) != 1) {
		rptcase_abandon(st, b);
		return -1;
	}
	return rptcase_after(st, referral_id, b);
}

/* Matching runs */

struct district {
	char outcode[POSTCODE_OUTCODE_LEN];
	double lat, lon;
};

struct districts {
	struct district *d;
	size_t n, cap;
};

static int district_all_row(void *ctx, const struct store_row *r)
{
	struct districts *ds = ctx;
	if (ds->n == ds->cap) {
		size_t cap = ds->cap ? ds->cap * 2 : 64;
		struct district *g = realloc(ds->d, cap * sizeof *g);
		if (!g)
			return 1;
		ds->d = g;
		ds->cap = cap;
	}
	struct district *d = &ds->d[ds->n++];
	copy(d->outcode, sizeof d->outcode, store_row_text(r, 0));
	d->lat = (double)store_row_int(r, 1) / 1e6;
	d->lon = (double)store_row_int(r, 2) / 1e6;
	return 0;
}

static const struct district *district_find(const struct districts *ds, const char *postcode)
{
	char out[POSTCODE_OUTCODE_LEN];
	if (postcode_outcode(postcode, out))
		return NULL;
	for (size_t i = 0; i < ds->n; i++)
		if (strcmp(ds->d[i].outcode, out) == 0)
			return &ds->d[i];
	return NULL;
}

struct vol_load {
	struct match_plan *p;
	size_t cap;
	int64_t now;
	struct volunteer_rec *rec; /* the row's described fields */
};

static int pool_row(void *ctx, const struct store_row *r)
{
	struct vol_load *l = ctx;
	struct match_plan *p = l->p;
	if (p->n_vols == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		struct match_volunteer *g = realloc(p->vols, cap * sizeof *g);
		if (!g)
			return 1;
		p->vols = g;
		struct match_vol_info *gi = realloc(p->vol_info, cap * sizeof *gi);
		if (!gi)
			return 1;
		p->vol_info = gi;
		l->cap = cap;
	}
	struct match_volunteer *v = &p->vols[p->n_vols];
	struct match_vol_info *vi = &p->vol_info[p->n_vols];
	p->n_vols++;
	memset(v, 0, sizeof *v);
	memset(vi, 0, sizeof *vi);
	int c = 0;
	volunteer_row_fields(r, &c, l->rec);
	copy(vi->name, sizeof vi->name, l->rec->name);
	v->radius_m = l->rec->travel_radius_m;
	v->car = l->rec->has_car;
	v->dbs_enhanced_valid_until = compliance_home_visit_until_at(&l->rec->dbs, l->now);
	v->id = vi->id = store_row_int(r, c++);
	vi->org_id = store_row_int(r, c++);
	copy(vi->org_name, sizeof vi->org_name, store_row_text(r, c++));
	v->lat = (double)store_row_int(r, c++) / 1e6;
	v->lon = (double)store_row_int(r, c++) / 1e6;
	vi->user_id = store_row_int(r, c++);
	vi->taken = (int)store_row_int(r, c++);
	int max = l->rec->max_tasks_per_week;
	v->capacity = max > vi->taken ? max - vi->taken : 0;
	if (v->capacity > MATCH_CAPACITY_MAX)
		v->capacity = MATCH_CAPACITY_MAX;
	copy(vi->outcode, sizeof vi->outcode, store_row_text(r, c++));
	int64_t missing = store_row_int(r, c);
	v->training_missing = missing > MATCH_TRAINING_MAX ? MATCH_TRAINING_MAX : (int)missing;
	return 0;
}

long match_plan_vol(const struct match_plan *p, int64_t volunteer_id)
{
	/* Volunteers are loaded in id order. */
	return idlist_find(p->vols, p->n_vols, sizeof *p->vols, offsetof(struct match_volunteer, id), volunteer_id);
}

long match_plan_task(const struct match_plan *p, int64_t task_id)
{
	for (size_t i = 0; i < p->n_tasks; i++)
		if (p->tasks[i].id == task_id)
			return (long)i;
	return -1;
}

static int pool_skill_row(void *ctx, const struct store_row *r)
{
	struct match_plan *p = ctx;
	long i = match_plan_vol(p, store_row_int(r, 0));
	int s = volunteer_skill_of(store_row_text(r, 1));
	if (i >= 0 && s >= 0)
		p->vols[i].skills |= 1u << s;
	return 0;
}

/* Availability and days off are read into a volunteer_rec per volunteer, then
 * turned into match.h's form the same way as for one volunteer (core/volunteer.c). */
struct avail_load {
	struct match_plan *p;
	struct volunteer_rec *recs; /* parallel to p->vols, slots and days off only */
};

static int pool_avail_row(void *ctx, const struct store_row *r)
{
	struct avail_load *a = ctx;
	long i = match_plan_vol(a->p, store_row_int(r, 0));
	if (i >= 0)
		avail_row(&a->recs[i], r);
	return 0;
}

static int pool_day_off_row(void *ctx, const struct store_row *r)
{
	struct avail_load *a = ctx;
	long i = match_plan_vol(a->p, store_row_int(r, 0));
	if (i >= 0)
		day_off_row(&a->recs[i], r);
	return 0;
}

struct task_load {
	struct match_plan *p;
	struct task_many m;
};

static int task_skill_merge_row(void *ctx, const struct store_row *r)
{
	struct match_plan *p = ctx;
	long i = match_plan_task(p, store_row_int(r, 0));
	int s = volunteer_skill_of(store_row_text(r, 1));
	if (i >= 0 && s >= 0) {
		p->task_info[i].skills |= 1u << s;
		p->tasks[i].skills |= 1u << s;
	}
	return 0;
}

static int task_declined_row(void *ctx, const struct store_row *r)
{
	struct match_plan *p = ctx;
	long i = match_plan_task(p, store_row_int(r, 0));
	if (i >= 0 && p->tasks[i].n_declined < MATCH_DECLINED_MAX)
		p->tasks[i].declined[p->tasks[i].n_declined++] = store_row_int(r, 1);
	return 0;
}

void match_plan_free(struct match_plan *p)
{
	free(p->tasks);
	free(p->task_info);
	free(p->vols);
	free(p->vol_info);
	free(p->days_off);
	free(p->results);
	memset(p, 0, sizeof *p);
}

int match_plan_load(struct store *st, int64_t org_id, int64_t now, int64_t only_task, int64_t only_volunteer,
		    struct match_plan *p)
{
	memset(p, 0, sizeof *p);
	p->org_id = org_id;
	p->now = now;
	match_params_default(&p->params, now);
	int64_t horizon = now + MATCH_HORIZON_SECONDS;
	struct districts ds = { 0 };
	struct task_many m = { 0 };
	struct volunteer_rec *recs = NULL;
	if (store_exec(st, STMT_VOLUNTEER_DISTRICTS, district_all_row, &ds, "") < 0)
		goto fail;

	/* Tasks: open, live in the horizon, within their support period. */
	if (only_task) {
		struct task_view one;
		int f = task_get(st, only_task, &one);
		if (f < 0)
			goto fail;
		if (f && strcmp(one.status, "open") == 0 && (org_id == 0 || one.org_id == org_id)) {
			m.rows = malloc(sizeof *m.rows);
			if (!m.rows)
				goto nomem;
			m.rows[0] = one;
			m.n = m.cap = 1;
		}
	} else if (store_exec(st, STMT_VTASK_OPEN, task_many_row, &m, "iiii", org_id, org_id, now, horizon) < 0) {
		goto fail;
	}
	p->tasks = calloc(m.n + 1, sizeof *p->tasks);
	p->task_info = calloc(m.n + 1, sizeof *p->task_info);
	if (!p->tasks || !p->task_info)
		goto nomem;
	for (size_t i = 0; i < m.n; i++) {
		struct task_view *t = &m.rows[i];
		if (t->window_from >= t->support_until) {
			p->n_stopped++;
			continue;
		}
		struct match_task *mt = &p->tasks[p->n_tasks];
		const struct district *d = district_find(&ds, t->postcode);
		mt->id = t->id;
		mt->priority = t->priority < MATCH_PRIORITY_MIN   ? MATCH_PRIORITY_MIN
			       : t->priority > MATCH_PRIORITY_MAX ? MATCH_PRIORITY_MAX
								  : t->priority;
		mt->skills = t->skills;
		mt->home_visit = t->home_visit;
		/* An unknown district leaves the position invalid: every volunteer is "too far". */
		mt->lat = d ? d->lat : 1000.0;
		mt->lon = d ? d->lon : 1000.0;
		if (!d)
			p->n_unlocated++;
		/* What is left of the window: nobody can help in the past. */
		mt->window_start = t->window_from > now ? t->window_from : now;
		mt->window_end = t->window_to > mt->window_start ? t->window_to : mt->window_start + 1;
		if (mt->window_end - mt->window_start > MATCH_WINDOW_MAX_SECONDS)
			mt->window_end = mt->window_start + MATCH_WINDOW_MAX_SECONDS;
		mt->duration = (int64_t)t->duration_minutes * 60;
		if (mt->duration > mt->window_end - mt->window_start)
			mt->duration = mt->window_end - mt->window_start;
		mt->person_id = t->person_id;
		mt->previous_volunteer_id = t->previous_volunteer_id;
		p->task_info[p->n_tasks++] = *t;
	}
	free(m.rows);
	m.rows = NULL;
	if (store_exec(st, STMT_VTASK_SKILLS_OPEN, task_skill_merge_row, p, "") < 0 ||
	    store_exec(st, STMT_VTASK_DECLINED_OPEN, task_declined_row, p, "") < 0)
		goto fail;

	/* Volunteers. */
	struct vol_load vl = { p, 0, now, malloc(sizeof *vl.rec) };
	recs = vl.rec;
	if (!vl.rec)
		goto nomem;
	if (store_exec(st, STMT_VOLUNTEER_POOL, pool_row, &vl, "iiiiii", now, horizon, org_id, org_id, only_volunteer,
		       only_volunteer) < 0)
		goto fail;
	free(recs);
	recs = calloc(p->n_vols + 1, sizeof *recs);
	if (!recs)
		goto nomem;
	struct avail_load al = { p, recs };
	int64_t from_day = london_local_days(now), to_day = london_local_days(horizon);
	for (size_t i = 0; i < p->n_tasks; i++)
		if (london_local_days(p->tasks[i].window_end - 1) > to_day)
			to_day = london_local_days(p->tasks[i].window_end - 1);
	if (store_exec(st, STMT_VOLUNTEER_POOL_SKILLS, pool_skill_row, p, "") < 0 ||
	    store_exec(st, STMT_VOLUNTEER_POOL_AVAIL, pool_avail_row, &al, "") < 0 ||
	    store_exec(st, STMT_VOLUNTEER_POOL_DAYS_OFF, pool_day_off_row, &al, "ii", from_day, to_day) < 0)
		goto fail;
	p->days_off = calloc(p->n_vols * VOLUNTEER_DAYS_OFF_MAX + 1, sizeof *p->days_off);
	if (!p->days_off)
		goto nomem;
	for (size_t i = 0; i < p->n_vols; i++) {
		int64_t *off = p->days_off + i * VOLUNTEER_DAYS_OFF_MAX;
		p->vols[i].n_avail = volunteer_match_avail(&recs[i], p->vols[i].avail);
		p->vols[i].n_days_off = volunteer_match_days_off(&recs[i], from_day, to_day, off, VOLUNTEER_DAYS_OFF_MAX);
		p->vols[i].days_off = p->vols[i].n_days_off ? off : NULL;
	}
	free(recs);
	free(ds.d);
	return 0;
nomem:
	oom(st);
fail:
	free(recs);
	free(m.rows);
	free(ds.d);
	match_plan_free(p);
	return -1;
}

int match_plan_run(struct store *st, struct match_plan *p)
{
	free(p->results);
	p->results = calloc(p->n_tasks + 1, sizeof *p->results);
	if (!p->results)
		return oom(st);
	if (match_run(p->tasks, p->n_tasks, p->vols, p->n_vols, &p->params, p->results, &p->total_cost) < 0) {
		store_set_error(st, STORE_ERROR, "matching failed: %s", strerror(errno));
		return -1;
	}
	p->n_assigned = 0;
	for (size_t i = 0; i < p->n_tasks; i++)
		if (p->results[i].volunteer >= 0)
			p->n_assigned++;
	return 0;
}

static int declined_of_row(void *ctx, const struct store_row *r)
{
	int64_t *want = ctx; /* want[0]: the volunteer; want[1] set to 1 when seen */
	if (store_row_int(r, 0) == want[0])
		want[1] = 1;
	return 0;
}

int match_offer_check(struct store *st, int64_t org_id, int64_t task_id, int64_t volunteer_id, int64_t now,
		      char *reason, size_t reason_len)
{
	struct task_view t;
	int f = task_get(st, task_id, &t);
	if (f <= 0)
		return f < 0 ? -1 : (snprintf(reason, reason_len, "there is no such task"), 0);
	if (strcmp(t.status, "open") != 0) {
		snprintf(reason, reason_len, "the task is %s, not open", task_status_label(t.status));
		return 0;
	}
	if (t.window_from >= t.support_until) {
		char when[LONDON_FORMAT_LEN];
		london_format(t.support_until, when);
		snprintf(reason, reason_len, "community support for this person stopped on %s; extend it first", when);
		return 0;
	}
	if (t.window_to <= now) {
		snprintf(reason, reason_len, "the task's time window has passed");
		return 0;
	}
	/* Declines straight from the database: the plan keeps only MATCH_DECLINED_MAX. */
	int64_t seen[2] = { volunteer_id, 0 };
	if (store_exec(st, STMT_VTASK_DECLINED_OF, declined_of_row, seen, "ii", task_id, t.person_id) < 0)
		return -1;
	if (seen[1]) {
		snprintf(reason, reason_len, "not eligible: declined (by the volunteer for this task, or by the person)");
		return 0;
	}
	struct match_plan p;
	if (match_plan_load(st, org_id, now, task_id, volunteer_id, &p))
		return -1;
	long ti = match_plan_task(&p, task_id), vi = match_plan_vol(&p, volunteer_id);
	int r;
	if (ti < 0) {
		snprintf(reason, reason_len, "the task is not one of yours to offer");
		r = 0;
	} else if (vi < 0) {
		snprintf(reason, reason_len, "not eligible: the volunteer is not active in your pool");
		r = 0;
	} else {
		char buf[MATCH_EXPLAIN_MAX];
		int e = match_explain(&p.tasks[ti], &p.vols[vi], &p.params, buf, sizeof buf);
		const char *text = buf;
		if (e == 0 && strncmp(text, "eligible: ", 10) == 0)
			text += 10;
		/* Another organisation's volunteer: which rule, never their distance, radius or DBS dates. */
		else if (p.vol_info[vi].org_id != org_id)
			match_explain_brief(&p.tasks[ti], &p.vols[vi], &p.params, buf, sizeof buf);
		snprintf(reason, reason_len, "%s", text);
		r = e == 0;
	}
	match_plan_free(&p);
	return r;
}
