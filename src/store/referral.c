/* Storing and reading referrals. The model decides the columns: parameters
 * are bound field by field in model order, the same order in which
 * model/referral_sql.h wrote the column lists. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datetime.h"
#include "core/keyfilter.h"
#include "core/keytab.h"
#include "core/referral_match.h"
#include "store/referral.h"
#include "core/search.h"
#include "store/referral_defer.h"
#include "store/referral_group.h"
#include "core/kpi.h"
#include "store/calendar.h"
#include "store/kpisum.h"
#include "store/report_sum.h"

#define MAX_PARAMS 64

/* Runs a statement with an array of parameters (the model's fields are too
 * many and too variable for a format string). */
static int exec_params(struct store *st, enum stmt id, store_row_fn fn, void *ctx, const struct store_param *p,
		       int n)
{
	st->errcode = STORE_OK;
	return st->ops->exec(st, id, p, n, fn, ctx);
}

static void p_int(struct store_param *p, int *n, int64_t v)
{
	p[*n] = (struct store_param){ .is_int = 1, .i = v };
	(*n)++;
}

/* 0 binds NULL: ids are positive. */
static void p_id(struct store_param *p, int *n, int64_t v)
{
	p[*n] = (struct store_param){ .is_int = 1, .i = v, .is_null = v == 0 };
	(*n)++;
}

static void p_str(struct store_param *p, int *n, const char *s)
{
	p[*n] = (struct store_param){ .s = s, .is_null = s == NULL };
	(*n)++;
}

static void p_field(struct store_param *p, int *n, const struct referral_rec *rec, int f)
{
	const struct referral_value *v = &rec->v[f];
	if (!v->set)
		p[*n] = (struct store_param){ .is_null = 1 };
	else if (referral_kind_is_int(referral_fields[f].kind))
		p[*n] = (struct store_param){ .is_int = 1, .i = v->i };
	else
		p[*n] = (struct store_param){ .s = v->s, .is_null = v->s == NULL };
	(*n)++;
}

/* The person's columns (W_P) or the referral's (W_R), in model order. */
static void p_fields(struct store_param *p, int *n, const struct referral_rec *rec, enum referral_where w)
{
	for (int f = 0; f < RF__MAX; f++) {
		enum referral_where fw = referral_fields[f].where;
		if (w == W_R ? REFERRAL_WHERE_REFERRAL(fw) : REFERRAL_WHERE_PERSON(fw))
			p_field(p, n, rec, f);
	}
}

/* ---- reference data ---- */

static int vocab_row(void *ctx, const struct store_row *row)
{
	referral_refs_add_vocab(ctx, store_row_text(row, 0), store_row_text(row, 1), store_row_text(row, 2),
				store_row_text(row, 3));
	return 0;
}

static int practice_row(void *ctx, const struct store_row *row)
{
	/* PRACTICE_LIST: code, name, postcode, list_size, list_size_text, cluster */
	referral_refs_add_practice(ctx, store_row_text(row, 0), store_row_text(row, 1), store_row_text(row, 5),
				   store_row_text(row, 2));
	return 0;
}

static int district_row(void *ctx, const struct store_row *row)
{
	referral_refs_add_district(ctx, store_row_text(row, 0), store_row_text(row, 1));
	return 0;
}

int referral_refs_load(struct store *st, struct referral_refs *r)
{
	if (store_exec(st, STMT_REFERRAL_REFS_VOCAB, vocab_row, r, "") < 0 ||
	    store_exec(st, STMT_PRACTICE_LIST, practice_row, r, "") < 0 ||
	    store_exec(st, STMT_REFERRAL_REFS_DISTRICTS, district_row, r, "") < 0)
		return -1;
	if (r->failed) {
		store_set_error(st, STORE_ERROR, "out of memory loading reference data");
		return -1;
	}
	return 0;
}

static pthread_mutex_t app_refs_lock = PTHREAD_MUTEX_INITIALIZER;
static struct referral_refs app_refs;
static int app_refs_loaded;

const struct referral_refs *referral_refs_app(struct store *st)
{
	pthread_mutex_lock(&app_refs_lock);
	if (!app_refs_loaded) {
		referral_refs_init(&app_refs);
		if (referral_refs_load(st, &app_refs) == 0)
			app_refs_loaded = 1;
		else
			referral_refs_free(&app_refs);
	}
	const struct referral_refs *r = app_refs_loaded ? &app_refs : NULL;
	pthread_mutex_unlock(&app_refs_lock);
	return r;
}

/* ---- reference numbers ---- */

void referral_seq_reset(struct referral_seq *q)
{
	q->year = 0;
	q->next = q->end = 0;
}

int referral_seq_next(struct store *st, struct referral_seq *q, int year, int64_t block, char out[REFCODE_MAX])
{
	if (block < 1)
		block = 1;
	if (q->year != year || q->next >= q->end) {
		int64_t last = 0;
		if (store_exec(st, STMT_REFERRAL_SEQ_TAKE, store_row_first_int, &last, "di", year % 100, block) != 1)
			return -1;
		q->year = year;
		q->next = last - block + 1;
		q->end = last + 1;
	}
	if (refcode_make(year, q->next, out, REFCODE_MAX)) {
		store_set_error(st, STORE_ERROR, "reference number %lld is out of range", (long long)q->next);
		return -1;
	}
	q->next++;
	return 0;
}

/* ---- creating ---- */

/* The person with the referral's NHS number; else the oldest with its match
 * key whose NHS number is unknown or the same (a different NHS number is a
 * different person). */
struct person_match {
	const char *nhs;  /* the referral's NHS number, NULL when not given */
	int64_t id;
};

static int person_key_row(void *ctx, const struct store_row *row)
{
	struct person_match *m = ctx;
	const char *nhs = store_row_text(row, 1);
	if (!m->nhs || !nhs[0] || strcmp(nhs, m->nhs) == 0) {
		m->id = store_row_int(row, 0);
		return 1;
	}
	return 0;
}

static const char *nhs_of(const struct referral_rec *rec)
{
	return rec->v[RF_PERSON_NHS_NUMBER].set ? rec->v[RF_PERSON_NHS_NUMBER].s : NULL;
}

/* A candidate from the table of match keys: person_key_row's choice, for
 * the one whose match key truly is the referral's. */
struct key_candidate {
	struct person_match *m;
	const char *key;
	int same_key;
};

static int key_candidate_row(void *ctx, const struct store_row *row)
{
	struct key_candidate *c = ctx;
	if (strcmp(store_row_text(row, 2), c->key) != 0)
		return 0;
	c->same_key = 1;
	return person_key_row(c->m, row);
}

/* REFERRAL_PERSON_FIND_KEY's answer (the oldest of the first eight people
 * with the key that fits), found through the table instead of the deferred
 * index: each candidate id is read by its rowid. */
static int find_by_key_table(struct store *st, const struct keytab *t, const char *key, struct person_match *m)
{
	int64_t ids[64];
	size_t n = keytab_find(t, key, ids, 64);
	int seen = 0;
	for (size_t i = 0; i < n && i < 64 && seen < 8 && !m->id; i++) {
		struct key_candidate c = { m, key, 0 };
		if (store_exec(st, STMT_REFERRAL_PERSON_KEYS_BY_ID, key_candidate_row, &c, "i", ids[i]) < 0)
			return -1;
		seen += c.same_key;
	}
	return 0;
}

/* Rows held back in g are stored first when the database must be asked. */
static int find_person(struct store *st, const struct referral_rec *rec, const struct referral_ids *ids,
		       int64_t *id)
{
	int hinted = ids && ids->hinted;
	struct referral_group *g = ids && ids->active ? ids->group : NULL;
	const char *nhs = nhs_of(rec);
	struct person_match m = { nhs, 0 };
	int ask_nhs = nhs && (!hinted || (ids->maybe & REFERRAL_MAYBE_NHS));
	int ask_key = !hinted || (ids->maybe & REFERRAL_MAYBE_KEY);
	if ((ask_nhs || ask_key) && referral_group_flush(st, g))
		return -1;
	if (ask_nhs && store_exec(st, STMT_REFERRAL_PERSON_FIND_NHS, store_row_first_int, &m.id, "s", nhs) < 0)
		return -1;
	if (!m.id && ask_key && ids && ids->by_key) {
		if (find_by_key_table(st, ids->by_key, rec->match_key, &m))
			return -1;
	} else if (!m.id && ask_key &&
		   store_exec(st, STMT_REFERRAL_PERSON_FIND_KEY, person_key_row, &m, "s", rec->match_key) < 0) {
		return -1;
	}
	*id = m.id;
	return 0;
}

/* Hold-back failed: the statements and the model disagree. */
static int group_misfit(struct store *st)
{
	store_set_error(st, STORE_ERROR, "internal error: a row does not fit the multi-row INSERT");
	return -1;
}

struct people_keys {
	struct keyfilter *kf;
	struct keytab *kt;
	int full;
};

static int people_key_row(void *ctx, const struct store_row *row)
{
	struct people_keys *k = ctx;
	const char *nhs = store_row_text(row, 0);
	if (nhs[0])
		keyfilter_add(k->kf, 'n', nhs);
	keyfilter_add(k->kf, 'k', store_row_text(row, 1));
	if (k->kt && keytab_add(k->kt, store_row_text(row, 1), store_row_int(row, 2))) {
		k->full = 1;
		return 1;
	}
	return 0;
}

int referral_people_keys_load(struct store *st, struct keyfilter *kf, struct keytab *kt)
{
	struct people_keys k = { kf, kt, 0 };
	return store_exec(st, STMT_REFERRAL_PEOPLE_KEYS, people_key_row, &k, "") < 0 || k.full ? -1 : 0;
}

int referral_ids_start(struct store *st, struct referral_ids *ids)
{
	ids->active = 0;
	if (store_get_int(st, STMT_REFERRAL_MAX_PERSON_ID, &ids->next_person, "") != 1 ||
	    store_get_int(st, STMT_REFERRAL_MAX_REFERRAL_ID, &ids->next_referral, "") != 1)
		return -1;
	ids->next_person++;
	ids->next_referral++;
	ids->active = 1;
	return 0;
}

static int insert_reasons(struct store *st, int64_t id, const struct referral_rec *rec, struct referral_group *g)
{
	struct store_param p[REFERRAL_REASONS_MAX * 2];
	int n = 0;
	for (size_t i = 0; i < rec->nreasons; i++) {
		if (!g) {
			p_int(p, &n, id);
			p_str(p, &n, rec->reasons[i]);
		} else if (referral_group_reason(g, id, rec->reasons[i])) {
			return group_misfit(st);
		}
	}
	return g ? 0 : referral_reasons_insert(st, p, n / 2);
}

/* A new referral's follow-up KPI contribution, added to m->kpi_acc: received,
 * not contacted, not ended, in the person's (new) area. */
static int kpi_add_new(struct store *st, const struct referral_meta *m, const struct referral_rec *rec)
{
	const struct calendar *cal = calendar_app_ensure(st);
	if (!cal) {
		store_set_error(st, STORE_ERROR, "cannot read the follow-up calendar");
		return -1;
	}
	struct kpisum_facts f = { m->received_at, m->sla_due_at, KPI_NONE, 0, 0, rec->area };
	struct kpisum_contrib c;
	kpisum_contrib_of(&cal->wc, &f, &c);
	if (kpisum_acc_add(m->kpi_acc, &c, 1)) {
		store_set_error(st, STORE_ERROR, "out of memory");
		return -1;
	}
	return 0;
}

/* A known person gets only what they lack from the referral, each such
 * detail kept in person_history. 0 or -1. */
static int person_fill(struct store *st, const struct referral_rec *rec, const struct referral_meta *m,
		       const struct referral_created *out)
{
	struct store_param p[MAX_PARAMS];
	int n = 0;
	p_id(p, &n, m->created_by_user_id);
	p_int(p, &n, m->now);
	p_int(p, &n, out->id);
	p_fields(p, &n, rec, W_P);
	p_int(p, &n, out->person_id);
	if (exec_params(st, STMT_PERSON_HISTORY_FILL, NULL, NULL, p, n) < 0)
		return -1;
	n = 0;
	p_fields(p, &n, rec, W_P);
	p_int(p, &n, m->now);
	p_int(p, &n, out->person_id);
	/* what the person gains (a gender, a practice, ...) re-keys their earlier cases in the case-side summaries */
	return rptcase_person(st, out->person_id, -1) || exec_params(st, STMT_REFERRAL_PERSON_UPDATE, NULL, NULL, p, n) < 0 ||
			       rptcase_person(st, out->person_id, 1) ?
		       -1 :
		       0;
}

int referral_store_create(struct store *st, const struct referral_rec *rec, const struct referral_meta *m,
			  struct referral_seq *seq, int64_t seq_block, struct referral_ids *ids,
			  struct referral_created *out)
{
	struct store_param p[MAX_PARAMS];
	int n = 0;
	_Static_assert(RF__MAX + 16 <= MAX_PARAMS, "the model has outgrown the parameter array");
	memset(out, 0, sizeof *out);
	struct referral_group *g = ids && ids->active ? ids->group : NULL;
	if (find_person(st, rec, ids, &out->person_id))
		return -1;
	if (out->person_id) {
		if (store_exec(st, STMT_REFERRAL_OPEN_FOR_PERSON, store_row_first_int, &out->duplicate_of, "i", out->person_id) < 0)
			return -1;
	} else {
		p_fields(p, &n, rec, W_P);
		p_str(p, &n, rec->outcode);
		p_str(p, &n, rec->area);
		p_str(p, &n, rec->match_key);
		p_int(p, &n, m->now);
		p_int(p, &n, m->now);
		if (ids && ids->active) {
			p_int(p, &n, ids->next_person);
			if (g ? referral_group_person(g, p, n) && group_misfit(st)
			      : exec_params(st, STMT_REFERRAL_PERSON_INSERT_ID, NULL, NULL, p, n) != 1)
				return -1;
			out->person_id = ids->next_person++;
		} else if (exec_params(st, STMT_REFERRAL_PERSON_INSERT, store_row_first_int, &out->person_id, p, n) != 1) {
			return -1;
		}
		out->new_person = 1;
		/* A full table ends the deferral: the indexes are built now. */
		if (ids && ids->by_key &&
		    keytab_add_tag(ids->by_key, ids->hinted ? ids->key_tag : keytab_tag(rec->match_key), out->person_id) &&
		    referral_indexes_restore(st, ids))
			return -1;
	}
	int dy, dm, dd;
	if (dt_civil_from_days(dt_day_of(m->now), &dy, &dm, &dd)) {
		store_set_error(st, STORE_ERROR, "the clock is out of range");
		return -1;
	}
	if (referral_seq_next(st, seq, dy, seq_block, out->reference))
		return -1;
	n = 0;
	p_str(p, &n, out->reference);
	p_int(p, &n, out->person_id);
	p_fields(p, &n, rec, W_R);
	p_str(p, &n, m->channel);
	p_id(p, &n, m->referrer_user_id);
	p_id(p, &n, m->referrer_org_id);
	p_int(p, &n, m->received_at);
	p_int(p, &n, m->sla_due_at);
	p_int(p, &n, m->now);
	p_id(p, &n, m->created_by_user_id);
	p_int(p, &n, m->now);
	p_id(p, &n, out->duplicate_of);
	if (ids && ids->active) {
		p_int(p, &n, ids->next_referral);
		if (g ? referral_group_referral(g, p, n, out->reference) && group_misfit(st)
		      : exec_params(st, STMT_REFERRAL_INSERT_ID, NULL, NULL, p, n) != 1)
			return -1;
		out->id = ids->next_referral++;
	} else if (exec_params(st, STMT_REFERRAL_INSERT, store_row_first_int, &out->id, p, n) != 1) {
		return -1;
	}
	if (insert_reasons(st, out->id, rec, g) || (!out->new_person && person_fill(st, rec, m, out)))
		return -1;
	if (!m->events_later) {
		char detail[64];
		snprintf(detail, sizeof detail, "channel=%s", m->channel);
		if (store_exec(st, STMT_REFERRAL_EVENT_INSERT, NULL, NULL, "iiIssss", out->id, m->received_at,
			       m->created_by_user_id ? m->created_by_user_id : INT64_MIN, "received", NULL, "received",
			       detail) < 0)
			return -1;
	}
	if (g && referral_group_full(g) && referral_group_flush(st, g))
		return -1;
	/* A known person keeps their area, which may not be the referral's:
	 * the summaries read it from the stored referral. */
	if (m->kpi_acc && out->new_person)
		return kpi_add_new(st, m, rec);
	if (referral_group_flush(st, g) || kpisum_after(st, out->id, NULL))
		return -1;
	/* An import adds its batch to the report summaries when it commits (rptsum_ids). */
	return m->kpi_acc ? 0 : rptsum_after(st, out->id, NULL);
}

int referral_store_received_events(struct store *st, int64_t first_id, int64_t last_id)
{
	return store_exec(st, STMT_REFERRAL_EVENTS_RECEIVED, NULL, NULL, "ii", first_id, last_id) < 0 ? -1 : 0;
}

/* ---- reading ---- */

static void copy(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src ? src : "");
}

static const char *keep_text(struct referral_rec *rec, const char *s)
{
	size_t n = strlen(s);
	if (rec->used + n + 1 > sizeof rec->scratch)
		return "";
	char *d = rec->scratch + rec->used;
	memcpy(d, s, n + 1);
	rec->used += n + 1;
	return d;
}

int referral_view_row_read(const struct store_row *row, struct referral_view *v)
{
	struct referral_rec *rec = &v->rec;
	int col = 0;
	/* People's columns, then referrals', in model order (as in REFERRAL_GET). */
	for (int pass = 0; pass < 2; pass++) {
		for (int f = 0; f < RF__MAX; f++) {
			enum referral_where fw = referral_fields[f].where;
			if (pass == 0 ? !REFERRAL_WHERE_PERSON(fw) : !REFERRAL_WHERE_REFERRAL(fw))
				continue;
			struct referral_value *val = pass && fw == W_PS ? &v->submitted[f] : &rec->v[f];
			if (!store_row_isnull(row, col)) {
				val->set = 1;
				if (referral_kind_is_int(referral_fields[f].kind))
					val->i = store_row_int(row, col);
				else
					val->s = keep_text(rec, store_row_text(row, col));
			}
			col++;
		}
	}
	v->id = store_row_int(row, col++);
	copy(v->reference, sizeof v->reference, store_row_text(row, col++));
	v->person_id = store_row_int(row, col++);
	copy(v->status, sizeof v->status, store_row_text(row, col++));
	copy(v->channel, sizeof v->channel, store_row_text(row, col++));
	v->received_at = store_row_int(row, col++);
	v->sla_due_at = store_row_int(row, col++);
	v->created_at = store_row_int(row, col++);
	v->updated_at = store_row_int(row, col++);
	v->duplicate_of = store_row_int(row, col++);
	v->referrer_user_id = store_row_int(row, col++);
	v->referrer_org_id = store_row_int(row, col++);
	v->created_by_user_id = store_row_int(row, col++);
	rec->outcode = keep_text(rec, store_row_text(row, col++));
	rec->area = store_row_isnull(row, col) ? NULL : keep_text(rec, store_row_text(row, col));
	col++;
	rec->v[RF_RECEIVED_AT].i = v->received_at;
	rec->v[RF_RECEIVED_AT].set = 1;
	return col;
}

static int view_row(void *ctx, const struct store_row *row)
{
	referral_view_row_read(row, ctx);
	return 1;
}

int referral_view_add_reason(struct referral_view *v, const char *code)
{
	struct referral_rec *rec = &v->rec;
	if (rec->nreasons >= REFERRAL_REASONS_MAX)
		return 0;
	rec->reasons[rec->nreasons++] = keep_text(rec, code);
	rec->v[RF_REASONS].set = 1;
	return 1;
}

static int reason_row(void *ctx, const struct store_row *row)
{
	struct referral_rec *rec = ctx;
	if (rec->nreasons < REFERRAL_REASONS_MAX)
		rec->reasons[rec->nreasons++] = keep_text(rec, store_row_text(row, 0));
	return 0;
}

void referral_view_clear(struct referral_view *v)
{
	memset(v, 0, offsetof(struct referral_view, rec));
	memset(v->rec.v, 0, sizeof v->rec.v);
	memset(v->submitted, 0, sizeof v->submitted);
	v->rec.nreasons = 0;
	v->rec.used = 0;
	v->rec.practice = NULL;
	v->rec.match_key = NULL;
	v->rec.age = -1;
}

int referral_store_get(struct store *st, int64_t id, struct referral_view *v)
{
	referral_view_clear(v);
	int r = store_exec(st, STMT_REFERRAL_GET, view_row, v, "i", id);
	if (r <= 0)
		return r;
	if (store_exec(st, STMT_REFERRAL_REASONS_GET, reason_row, &v->rec, "i", id) < 0)
		return -1;
	if (v->rec.nreasons)
		v->rec.v[RF_REASONS].set = 1;
	return 1;
}

static int status_row(void *ctx, const struct store_row *row)
{
	struct referral_status *s = ctx;
	s->id = store_row_int(row, 0);
	copy(s->reference, sizeof s->reference, store_row_text(row, 1));
	copy(s->status, sizeof s->status, store_row_text(row, 2));
	s->received_at = store_row_int(row, 3);
	s->sla_due_at = store_row_int(row, 4);
	s->updated_at = store_row_int(row, 5);
	s->referrer_user_id = store_row_int(row, 6);
	s->person_id = store_row_int(row, 7);
	return 1;
}

int referral_store_status(struct store *st, int64_t id, struct referral_status *s)
{
	memset(s, 0, sizeof *s);
	return store_exec(st, STMT_REFERRAL_STATUS_GET, status_row, s, "i", id);
}

struct events_ctx {
	void (*fn)(void *ctx, const struct referral_event *e);
	void *ctx;
};

static int event_row(void *ctx, const struct store_row *row)
{
	struct events_ctx *c = ctx;
	struct referral_event e;
	e.at = store_row_int(row, 0);
	copy(e.kind, sizeof e.kind, store_row_text(row, 1));
	copy(e.from_status, sizeof e.from_status, store_row_text(row, 2));
	copy(e.to_status, sizeof e.to_status, store_row_text(row, 3));
	e.user_id = store_row_int(row, 4);
	copy(e.detail, sizeof e.detail, store_row_text(row, 5));
	c->fn(c->ctx, &e);
	return 0;
}

int referral_store_events(struct store *st, int64_t id, void (*fn)(void *ctx, const struct referral_event *e),
			  void *ctx)
{
	struct events_ctx c = { fn, ctx };
	return store_exec(st, STMT_REFERRAL_EVENTS_GET, event_row, &c, "i", id);
}

struct list_ctx {
	void (*fn)(void *ctx, const struct referral_summary *s);
	void *ctx;
	int full;
};

static int list_row(void *ctx, const struct store_row *row)
{
	struct list_ctx *c = ctx;
	struct referral_summary s;
	memset(&s, 0, sizeof s);
	s.id = store_row_int(row, 0);
	copy(s.reference, sizeof s.reference, store_row_text(row, 1));
	copy(s.status, sizeof s.status, store_row_text(row, 2));
	s.received_at = store_row_int(row, 3);
	s.sla_due_at = store_row_int(row, 4);
	s.updated_at = store_row_int(row, 5);
	if (c->full) {
		copy(s.source, sizeof s.source, store_row_text(row, 6));
		copy(s.urgency, sizeof s.urgency, store_row_text(row, 7));
		copy(s.channel, sizeof s.channel, store_row_text(row, 8));
		s.duplicate_of = store_row_int(row, 9);
		s.person_id = store_row_int(row, 10);
		copy(s.given_name, sizeof s.given_name, store_row_text(row, 11));
		copy(s.family_name, sizeof s.family_name, store_row_text(row, 12));
		s.date_of_birth = store_row_int(row, 13);
		copy(s.postcode, sizeof s.postcode, store_row_text(row, 14));
		copy(s.area, sizeof s.area, store_row_text(row, 15));
		s.has_person = 1;
	} else {
		/* The names the referrer gave (never the stored person's); has_person stays 0. */
		copy(s.given_name, sizeof s.given_name, store_row_text(row, 6));
		copy(s.family_name, sizeof s.family_name, store_row_text(row, 7));
	}
	c->fn(c->ctx, &s);
	return 0;
}

int referral_store_list(struct store *st, const struct referral_list_query *q,
			void (*fn)(void *ctx, const struct referral_summary *s), void *ctx)
{
	struct list_ctx c = { fn, ctx, q->referrer_user_id <= 0 };
	const char *status = q->status ? q->status : "";
	const char *source = q->source ? q->source : "";
	const struct search_query *s = q->search;
	if (s && s->kind == SEARCH_NAME && !s->nwords)
		return 0; /* no letters or digits: nobody's name */
	int64_t who = q->referrer_user_id > 0 ? q->referrer_user_id : 0;
	int64_t below = q->oldest ? INT64_MAX : q->before_id, above = q->oldest ? q->after_id : 0;
	if (s && s->kind == SEARCH_NAME) {
		int sqlite = store_kind(st) == STORE_SQLITE;
		enum stmt id = sqlite ? (q->oldest ? STMT_REFERRAL_SEARCH_NAME_FTS_OLDEST : STMT_REFERRAL_SEARCH_NAME_FTS)
				      : (q->oldest ? STMT_REFERRAL_SEARCH_NAME_TS_OLDEST : STMT_REFERRAL_SEARCH_NAME_TS);
		return store_exec(st, id, list_row, &c, "siissssiid", sqlite ? s->fts : s->tsquery, who, who, status,
				  status, source, source, below, above, q->limit);
	}
	if (s && s->kind != SEARCH_ALL) {
		const char *key = s->kind == SEARCH_NHS_NUMBER ? s->nhs_number : s->reference;
		enum stmt id = s->kind == SEARCH_NHS_NUMBER ? STMT_REFERRAL_SEARCH_NHS : STMT_REFERRAL_SEARCH_REFERENCE;
		return store_exec(st, id, list_row, &c, "siissssiidd", key, who, who, status, status, source, source,
				  below, above, q->oldest ? 1 : 0, q->limit);
	}
	if (q->oldest && q->referrer_user_id > 0)
		return store_exec(st, STMT_REFERRAL_LIST_BY_REFERRER_OLDEST, list_row, &c, "iissd", q->referrer_user_id,
				  q->after_id, status, status, q->limit);
	if (q->oldest)
		return store_exec(st, STMT_REFERRAL_LIST_ALL_OLDEST, list_row, &c, "issssd", q->after_id, status, status,
				  source, source, q->limit);
	if (q->referrer_user_id > 0)
		return store_exec(st, STMT_REFERRAL_LIST_BY_REFERRER, list_row, &c, "iissd", q->referrer_user_id,
				  q->before_id, status, status, q->limit);
	return store_exec(st, STMT_REFERRAL_LIST_ALL, list_row, &c, "issssd", q->before_id, status, status, source,
			  source, q->limit);
}
