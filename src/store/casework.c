/* Case work in the database: the caseload, a case with everything recorded on it (store/casework_get.c reads
 * the sections), and each record a worker adds, checked field by field (store/casework.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/casework.h"
#include "core/list_sorts.h"
#include "store/casework.h"
#include "store/casework_int.h"
#include "store/triage.h"
#include "util/text.h"

#define NO_USER(id) ((id) > 0 ? (id) : INT64_MIN)

void casework_copy(char *dst, size_t n, const char *src)
{
	size_t len = strlen(src);
	if (len >= n) {
		len = n - 1;
		/* never cut a UTF-8 sequence in two */
		while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(dst, src, len);
	dst[len] = '\0';
}

/* The text of value i, "" when not given (optional texts are stored empty). */
static const char *given(const struct case_value *v, int i)
{
	return v[i].given ? v[i].s : "";
}

/* Record rec's values as parameters in column order (model/case.def; same: only
 * its SAME fields), for store_exec_after: texts "", codes and ids NULL when not given. */
static int fields(enum case_rec rec, const struct case_value *v, int same, struct store_param *p)
{
	int first, n = 0;
	size_t nf = case_record_fields(rec, &first);
	for (int i = 0; i < (int)nf; i++) {
		enum case_kind k = case_field_base(first + i)->kind;
		if (same && case_fields[first + i].kind != CK_SAME)
			continue;
		if (k == CK_TEXT || k == CK_CODE)
			p[n++] = (struct store_param){ .s = given(v, i), .is_null = k == CK_CODE && !v[i].given };
		else
			p[n++] = (struct store_param){ .is_int = 1, .i = v[i].n, .is_null = k == CK_ID && !v[i].given };
	}
	return n;
}

/* A copy of the values v with value i set to s ("": none) when not given. */
static void with_default(struct case_value *to, const struct case_value *v, int i, const char *s)
{
	memcpy(to, v, CASE_FIELDS_MAX * sizeof *to);
	if (!to[i].given)
		to[i] = (struct case_value){ .s = s, .given = s && *s };
}

static int first_text(void *ctx, const struct store_row *r)
{
	casework_copy(ctx, 64, store_row_text(r, 0));
	return 1;
}

/* ---- Reading ---- */

int casework_case_org(struct store *st, int64_t case_id, int64_t *org_id)
{
	return store_get_int(st, STMT_CASEWORK_CASE_ORG, org_id, "i", case_id);
}

int casework_case_of_referral(struct store *st, int64_t referral_id, int64_t *case_id)
{
	return store_get_int(st, STMT_CASEWORK_CASE_OF_REFERRAL, case_id, "i", referral_id);
}

int casework_worker_of_user(struct store *st, int64_t user_id, int64_t *worker_id)
{
	return store_get_int(st, STMT_CASEWORK_WORKER_OF_USER, worker_id, "i", user_id);
}

struct vocab_ctx {
	int (*fn)(void *ctx, const char *code, const char *label, const char *extra);
	void *ctx;
};

static int vocab_row(void *ctx, const struct store_row *r)
{
	struct vocab_ctx *v = ctx;
	return v->fn(v->ctx, store_row_text(r, 0), store_row_text(r, 1), store_row_text(r, 2));
}

int casework_vocab(struct store *st, const char *name,
		   int (*fn)(void *ctx, const char *code, const char *label, const char *extra), void *ctx)
{
	struct vocab_ctx v = { fn, ctx };
	return store_exec(st, STMT_VOCAB_LIST, vocab_row, &v, "s", name) < 0 ? -1 : 0;
}

int casework_dropout_attempts(struct store *st)
{
	int64_t v = 0;
	if (store_get_int(st, STMT_SETTING_GET, &v, "s", "dropout_attempts") == 1 && v > 0 && v <= 100)
		return (int)v;
	return CASEWORK_DROPOUT_DEFAULT;
}

struct summary_ctx {
	int64_t now;
	struct casework_summary *s; /* one row (get) */
	struct casework_summary *list; /* or many (caseload) */
	size_t n, cap;
	int failed;
};

static void summary_fill(const struct store_row *r, int64_t now, struct casework_summary *s)
{
	memset(s, 0, sizeof *s);
	s->id = store_row_int(r, 0);
	s->referral_id = store_row_int(r, 1);
	s->person_id = store_row_int(r, 2);
	s->org_id = store_row_int(r, 3);
	s->worker_id = store_row_int(r, 4);
	s->opened_at = store_row_int(r, 5);
	s->closed_at = store_row_int(r, 6);
	s->planned_sessions = (int)store_row_int(r, 7);
	s->dropout = (int)store_row_int(r, 8);
	s->continuing_support = (int)store_row_int(r, 9);
	casework_copy(s->tier, sizeof s->tier, store_row_text(r, 10));
	casework_copy(s->status, sizeof s->status, store_row_text(r, 11));
	casework_copy(s->closure_reason, sizeof s->closure_reason, store_row_text(r, 12));
	casework_copy(s->reference, sizeof s->reference, store_row_text(r, 13));
	casework_copy(s->referral_status, sizeof s->referral_status, store_row_text(r, 14));
	snprintf(s->person_name, sizeof s->person_name, "%.200s %.200s", store_row_text(r, 15), store_row_text(r, 16));
	casework_copy(s->org_name, sizeof s->org_name, store_row_text(r, 17));
	casework_copy(s->worker_name, sizeof s->worker_name, store_row_text(r, 18));
	s->sessions = (int)store_row_int(r, 19);
	int64_t last_session = store_row_int(r, 20), last_contact = store_row_int(r, 21);
	s->last_contact_at = last_session > last_contact ? last_session : last_contact;
	s->attempts_since_contact = (int)store_row_int(r, 22);
	s->flags.safeguarding = store_row_int(r, 23) != 0 || store_row_int(r, 24) > 0;
	s->flags.discharge = store_row_int(r, 25) != 0;
	s->has_baseline = store_row_int(r, 26) > 0;
	s->has_follow_up = store_row_int(r, 27) > 0;
	struct casework_due_in in = {
		.open = strcmp(s->status, "open") == 0,
		.sla_due_at = store_row_int(r, 28),
		.last_contact_at = s->last_contact_at,
		.sessions = s->sessions,
		.planned_sessions = s->planned_sessions,
		.has_baseline = s->has_baseline,
		.due_days = CASEWORK_DUE_DAYS,
	};
	casework_copy(s->due, sizeof s->due, casework_due(&in, &s->due_at));
	s->flags.overdue = s->due_at > 0 && now > s->due_at;
	casework_copy(s->nhs_number, sizeof s->nhs_number, store_row_text(r, 29));
}

static int summary_row(void *ctx, const struct store_row *r)
{
	struct summary_ctx *c = ctx;
	if (c->s) {
		summary_fill(r, c->now, c->s);
		return 1;
	}
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		struct casework_summary *l = realloc(c->list, cap * sizeof *l);
		if (!l) {
			c->failed = 1;
			return 1;
		}
		c->list = l;
		c->cap = cap;
	}
	summary_fill(r, c->now, &c->list[c->n++]);
	return 0;
}

int casework_summary_get(struct store *st, int64_t case_id, int64_t now, struct casework_summary *out)
{
	struct summary_ctx c = { .now = now, .s = out };
	int n = store_exec(st, STMT_CASEWORK_SUMMARY_GET, summary_row, &c, "i", case_id);
	return n < 0 ? -1 : n > 0;
}

/* Open cases first, due soonest first (nothing due last); then closed, latest first. */
static int summary_cmp(const void *a, const void *b)
{
	const struct casework_summary *x = a, *y = b;
	int xo = x->closed_at == 0, yo = y->closed_at == 0;
	if (xo != yo)
		return yo - xo;
	if (xo) {
		int64_t dx = x->due_at ? x->due_at : INT64_MAX, dy = y->due_at ? y->due_at : INT64_MAX;
		if (dx != dy)
			return dx < dy ? -1 : 1;
	} else if (x->closed_at != y->closed_at) {
		return x->closed_at > y->closed_at ? -1 : 1;
	}
	return x->id < y->id ? -1 : x->id > y->id;
}

/* The other orders (core/list_sorts.h), each ending on the case's id. */
static int by_sort(const struct casework_summary *x, const struct casework_summary *y, int sort)
{
	int d = 0;
	switch (sort) {
	case CASELOAD_SORT_NAME:
	case CASELOAD_SORT_NAME_DESC:
		d = list_name_cmp(x->person_name, y->person_name);
		break;
	case CASELOAD_SORT_OPENED:
	case CASELOAD_SORT_OPENED_DESC:
		d = list_num_cmp(x->opened_at, y->opened_at);
		break;
	case CASELOAD_SORT_CONTACT:
	case CASELOAD_SORT_CONTACT_DESC:
		d = list_num_cmp(x->last_contact_at, y->last_contact_at);
		break;
	default:
		return summary_cmp(x, y);
	}
	if (!d)
		d = list_num_cmp(x->id, y->id);
	return sort == CASELOAD_SORT_NAME_DESC || sort == CASELOAD_SORT_OPENED_DESC || sort == CASELOAD_SORT_CONTACT_DESC ? -d : d;
}

static int sorted_cmp(const void *a, const void *b, void *sort)
{
	return by_sort(a, b, *(const int *)sort);
}

static int flag_fits(const char *flag, const struct casework_summary *s)
{
	if (!flag || !*flag)
		return 1;
	if (strcmp(flag, "safeguarding") == 0)
		return s->flags.safeguarding;
	if (strcmp(flag, "discharge") == 0)
		return s->flags.discharge;
	if (strcmp(flag, "overdue") == 0)
		return s->flags.overdue;
	return 0;
}

int casework_caseload(struct store *st, const struct casework_query *q, int64_t now,
		      void (*fn)(void *ctx, const struct casework_summary *s), void *ctx)
{
	const char *status = q->status && *q->status ? q->status : "open";
	const char *tier = q->tier ? q->tier : "";
	struct summary_ctx c = { .now = now };
	int r = q->worker_id ? store_exec(st, STMT_CASEWORK_CASELOAD_WORKER, summary_row, &c, "iiissssd", q->worker_id,
					  q->org_id, q->org_id, status, status, tier, tier, CASEWORK_SCAN_MAX)
			     : store_exec(st, STMT_CASEWORK_CASELOAD, summary_row, &c, "iiiissssd", q->worker_id, q->worker_id,
					  q->org_id, q->org_id, status, status, tier, tier, CASEWORK_SCAN_MAX);
	if (r < 0 || c.failed) {
		if (c.failed)
			store_set_error(st, STORE_ERROR, "out of memory");
		free(c.list);
		return -1;
	}
	if (c.n)
		qsort_r(c.list, c.n, sizeof *c.list, sorted_cmp, (void *)&q->sort);
	int listed = 0;
	for (size_t i = 0; i < c.n && listed < q->limit; i++) {
		if (!flag_fits(q->flag, &c.list[i]))
			continue;
		fn(ctx, &c.list[i]);
		listed++;
	}
	free(c.list);
	return listed;
}

int64_t casework_dropout_count(struct store *st, int64_t org_id)
{
	int64_t n = 0;
	return store_get_int(st, STMT_CASEWORK_DROPOUT_COUNT, &n, "ii", org_id, org_id) < 0 ? -1 : n;
}

/* ---- Checks shared by the writes ---- */

static void conflict(struct casework_conflict *cf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void conflict(struct casework_conflict *cf, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cf->message, sizeof cf->message, fmt, ap);
	va_end(ap);
}

/* Reads the case into s: OK, NOT_FOUND or ERROR. */
static enum casework_result load_case(struct store *st, const struct casework_who *w, struct casework_summary *s)
{
	int n = casework_summary_get(st, w->case_id, w->now, s);
	return n < 0 ? CASEWORK_ERROR : n == 0 ? CASEWORK_NOT_FOUND : CASEWORK_OK;
}

/* An event on the case's referral, with a SNOMED CT code or NULL. */
static int add_event(struct store *st, const struct casework_summary *s, int64_t at, int64_t user_id, const char *kind,
		     const char *from, const char *to, const char *detail, const char *snomed)
{
	return store_exec(st, STMT_CASEWORK_EVENT_INSERT, NULL, NULL, "iiIsssss", s->referral_id, at, NO_USER(user_id),
			  kind, from, to, detail, snomed) < 0
		       ? -1
		       : 0;
}

/* An event with code once per referral (1 added, 0 already there, -1 error). */
static int add_coded_once(struct store *st, const struct casework_summary *s, int64_t at, int64_t user_id,
			  const char *kind, const char *detail, const char *snomed)
{
	int64_t have = 0;
	if (store_get_int(st, STMT_CASEWORK_EVENT_CODED, &have, "is", s->referral_id, snomed) < 0)
		return -1;
	if (have)
		return 0;
	return add_event(st, s, at, user_id, kind, NULL, NULL, detail, snomed) ? -1 : 1;
}

/* ---- Sessions ---- */

enum casework_result casework_session_add(struct store *st, const struct casework_who *w, const struct case_value *v,
					  int64_t *id)
{
	struct casework_summary s;
	enum casework_result res = load_case(st, w, &s);
	if (res != CASEWORK_OK)
		return res;
	struct store_param p[CASE_FIELDS_MAX];
	if (store_exec_after(st, STMT_CASEWORK_SESSION_INSERT, store_row_first_int, id, p, fields(CR_SESSION, v, 0, p), "iIi",
			     s.id, NO_USER(w->user_id), w->now) != 1)
		return CASEWORK_ERROR;
	if (strcmp(s.referral_status, "allocated") == 0) {
		int n = store_exec(st, STMT_TRIAGE_REFERRAL_SET_STATUS, NULL, NULL, "siis", "in_progress", w->now,
				   s.referral_id, "allocated");
		if (n < 0 || (n == 1 && add_event(st, &s, w->now, w->user_id, "in_progress", "allocated", "in_progress",
						 "first session", NULL)))
			return CASEWORK_ERROR;
	}
	if (strcmp(s.tier, "social_prescribing") == 0 &&
	    add_coded_once(st, &s, v[CASE_I(SESSION, at)].n, w->user_id, "social_prescribing_accepted", "first session",
			   CASEWORK_SNOMED_SP_ACCEPTED) < 0)
		return CASEWORK_ERROR;
	return CASEWORK_OK;
}

/* ---- Goals ---- */

enum casework_result casework_goal_add(struct store *st, const struct casework_who *w, const struct case_value *v,
				       int64_t *id)
{
	struct casework_summary s;
	enum casework_result res = load_case(st, w, &s);
	if (res != CASEWORK_OK)
		return res;
	struct case_value g[CASE_FIELDS_MAX];
	struct store_param p[CASE_FIELDS_MAX];
	with_default(g, v, CASE_I(GOAL, status), "active");
	return store_exec_after(st, STMT_CASEWORK_GOAL_INSERT, store_row_first_int, id, p, fields(CR_GOAL, g, 0, p), "iIii",
				s.id, NO_USER(w->user_id), w->now, w->now) == 1
		       ? CASEWORK_OK
		       : CASEWORK_ERROR;
}

enum casework_result casework_goal_progress(struct store *st, const struct casework_who *w, int64_t goal_id,
					    const struct case_value *v, int64_t *id)
{
	struct casework_summary s;
	enum casework_result res = load_case(st, w, &s);
	if (res != CASEWORK_OK)
		return res;
	char current[64] = "";
	int n = store_exec(st, STMT_CASEWORK_GOAL_OF_CASE, first_text, current, "ii", goal_id, s.id);
	if (n < 0)
		return CASEWORK_ERROR;
	if (n == 0)
		return CASEWORK_NOT_FOUND;
	struct case_value g[CASE_FIELDS_MAX];
	struct store_param p[CASE_FIELDS_MAX];
	with_default(g, v, CASE_I(PROGRESS, status), current);
	if (store_exec_after(st, STMT_CASEWORK_GOAL_SET, NULL, NULL, p, fields(CR_PROGRESS, g, 1, p), "ii", w->now, goal_id) != 1 ||
	    store_exec_after(st, STMT_CASEWORK_GOAL_UPDATE_INSERT, store_row_first_int, id, p, fields(CR_PROGRESS, g, 0, p),
			     "iIi", goal_id, NO_USER(w->user_id), w->now) != 1)
		return CASEWORK_ERROR;
	return CASEWORK_OK;
}

/* ---- Assessment ---- */

enum casework_result casework_assessment_add(struct store *st, const struct casework_who *w, const struct case_value *v,
					     const struct case_value (*needs)[CASE_FIELDS_MAX], size_t nneeds, int64_t *id,
					     int *version)
{
	struct casework_summary s;
	enum casework_result res = load_case(st, w, &s);
	if (res != CASEWORK_OK)
		return res;
	int64_t next = 0;
	struct store_param p[CASE_FIELDS_MAX];
	if (store_get_int(st, STMT_CASEWORK_ASSESSMENT_NEXT, &next, "i", s.id) != 1 ||
	    store_exec_after(st, STMT_CASEWORK_ASSESSMENT_INSERT, store_row_first_int, id, p, fields(CR_ASSESSMENT, v, 0, p),
			     "iIid", s.id, NO_USER(w->user_id), w->now, (int)next) != 1)
		return CASEWORK_ERROR;
	for (size_t i = 0; i < nneeds; i++)
		if (store_exec_after(st, STMT_CASEWORK_NEED_INSERT, NULL, NULL, p, fields(CR_NEED, needs[i], 0, p), "i", *id) != 1)
			return CASEWORK_ERROR;
	*version = (int)next;
	return CASEWORK_OK;
}

/* ---- Onward referrals ---- */

enum casework_result casework_onward_add(struct store *st, const struct casework_who *w, const struct case_value *v,
					 int64_t *id)
{
	struct casework_summary s;
	enum casework_result res = load_case(st, w, &s);
	if (res != CASEWORK_OK)
		return res;
	struct store_param p[CASE_FIELDS_MAX];
	if (store_exec_after(st, STMT_CASEWORK_ONWARD_INSERT, store_row_first_int, id, p, fields(CR_ONWARD, v, 0, p), "iIii",
			     s.id, NO_USER(w->user_id), w->now, w->now) != 1 ||
	    store_exec(st, STMT_CASEWORK_ONWARD_UPDATE_INSERT, NULL, NULL, "isssIi", *id, NULL, "made",
		       given(v, CASE_I(ONWARD, note)), NO_USER(w->user_id), w->now) != 1)
		return CASEWORK_ERROR;
	return CASEWORK_OK;
}

struct extra_ctx {
	const char *code;
	char extra[200];
	int found;
};

static int extra_row(void *ctx, const char *code, const char *label, const char *extra)
{
	struct extra_ctx *e = ctx;
	(void)label;
	if (strcmp(code, e->code) != 0)
		return 0;
	e->found = 1;
	casework_copy(e->extra, sizeof e->extra, extra);
	return 1;
}

/* 1 if the statuses data allows from -> to (the "extra" column of from lists where it may go). */
static int onward_move_allowed(const char *moves, const char *to)
{
	size_t n = strlen(to);
	for (const char *p = moves; *p;) {
		while (*p == ' ')
			p++;
		size_t len = strcspn(p, " ");
		if (len == n && strncmp(p, to, n) == 0)
			return 1;
		p += len;
	}
	return 0;
}

enum casework_result casework_onward_status(struct store *st, const struct casework_who *w, int64_t onward_id,
					    const struct case_value *v, struct field_errors *fe, struct casework_conflict *cf)
{
	const char *status = v[CASE_I(ONWARD_STATUS, status)].s;
	struct casework_summary s;
	enum casework_result res = load_case(st, w, &s);
	if (res != CASEWORK_OK)
		return res;
	char current[64] = "";
	int n = store_exec(st, STMT_CASEWORK_ONWARD_OF_CASE, first_text, current, "ii", onward_id, s.id);
	if (n < 0)
		return CASEWORK_ERROR;
	if (n == 0)
		return CASEWORK_NOT_FOUND;
	struct extra_ctx e = { .code = current };
	if (casework_vocab(st, "onward_referral_statuses", extra_row, &e))
		return CASEWORK_ERROR;
	if (!onward_move_allowed(e.extra, status)) {
		if (e.extra[0])
			fielderr_add(fe, "status", "A referral that is %s can only become: %s", current, e.extra);
		else
			fielderr_add(fe, "status", "A referral that is %s is finished; its status cannot change", current);
		return CASEWORK_INVALID;
	}
	n = store_exec(st, STMT_CASEWORK_ONWARD_SET, NULL, NULL, "siis", status, w->now, onward_id, current);
	if (n < 0)
		return CASEWORK_ERROR;
	if (n == 0) {
		conflict(cf, "The referral's status changed meanwhile (it was %s); look again", current);
		return CASEWORK_CONFLICT;
	}
	return store_exec(st, STMT_CASEWORK_ONWARD_UPDATE_INSERT, NULL, NULL, "isssIi", onward_id, current, status,
			  given(v, CASE_I(ONWARD_STATUS, note)), NO_USER(w->user_id), w->now) == 1
		       ? CASEWORK_OK
		       : CASEWORK_ERROR;
}

/* ---- Unmet needs ---- */

enum casework_result casework_unmet_add(struct store *st, const struct casework_who *w, const struct case_value *v,
					int64_t *id)
{
	struct casework_summary s;
	enum casework_result res = load_case(st, w, &s);
	if (res != CASEWORK_OK)
		return res;
	char area[64] = "";
	if (!v[CASE_I(UNMET, area)].given && store_exec(st, STMT_CASEWORK_PERSON_AREA, first_text, area, "i", s.id) < 0)
		return CASEWORK_ERROR;
	struct case_value u[CASE_FIELDS_MAX];
	struct store_param p[CASE_FIELDS_MAX];
	with_default(u, v, CASE_I(UNMET, area), area);
	return store_exec_after(st, STMT_CASEWORK_UNMET_INSERT, store_row_first_int, id, p, fields(CR_UNMET, u, 0, p), "iIi",
				s.id, NO_USER(w->user_id), w->now) == 1
		       ? CASEWORK_OK
		       : CASEWORK_ERROR;
}

/* ---- Safeguarding ---- */

enum casework_result casework_concern_add(struct store *st, const struct casework_who *w, const struct case_value *v,
					  int64_t *id)
{
	struct casework_summary s;
	enum casework_result res = load_case(st, w, &s);
	if (res != CASEWORK_OK)
		return res;
	struct store_param p[CASE_FIELDS_MAX];
	if (store_exec_after(st, STMT_CASEWORK_CONCERN_INSERT, store_row_first_int, id, p, fields(CR_CONCERN, v, 0, p), "iIi",
			     s.id, NO_USER(w->user_id), w->now) != 1 ||
	    store_exec(st, STMT_CASEWORK_CONCERN_SEAL, NULL, NULL, "ii", *id, w->now) != 1)
		return CASEWORK_ERROR;
	return CASEWORK_OK;
}

enum casework_result casework_concern_delete(struct store *st, const struct casework_who *w, int64_t concern_id,
					     struct casework_conflict *cf)
{
	int64_t n = 0;
	if (store_get_int(st, STMT_CASEWORK_CONCERN_OF_CASE, &n, "ii", concern_id, w->case_id) < 0)
		return CASEWORK_ERROR;
	if (!n)
		return CASEWORK_NOT_FOUND;
	conflict(cf, "Safeguarding concerns are kept for good: they cannot be deleted or changed");
	return CASEWORK_CONFLICT;
}

/* ---- Consents and case studies ---- */

enum casework_result casework_consent_add(struct store *st, const struct casework_who *w, const struct case_value *v,
					  int64_t *id)
{
	struct casework_summary s;
	enum casework_result res = load_case(st, w, &s);
	if (res != CASEWORK_OK)
		return res;
	struct store_param p[CASE_FIELDS_MAX];
	return store_exec_after(st, STMT_CASEWORK_CONSENT_INSERT, store_row_first_int, id, p, fields(CR_CONSENT, v, 0, p),
				"iIi", s.id, NO_USER(w->user_id), w->now) == 1
		       ? CASEWORK_OK
		       : CASEWORK_ERROR;
}

enum casework_result casework_study_add(struct store *st, const struct casework_who *w, const struct case_value *v,
					int64_t *id)
{
	struct casework_summary s;
	enum casework_result res = load_case(st, w, &s);
	if (res != CASEWORK_OK)
		return res;
	struct store_param p[CASE_FIELDS_MAX];
	return store_exec_after(st, STMT_CASEWORK_STUDY_INSERT, store_row_first_int, id, p, fields(CR_STUDY, v, 0, p), "iIi",
				s.id, NO_USER(w->user_id), w->now) == 1
		       ? CASEWORK_OK
		       : CASEWORK_ERROR;
}

/* ---- Outcome measures ---- */

enum casework_result casework_measure_add(struct store *st, const struct casework_who *w,
					  const struct casework_measure_rq *rq, int64_t *id,
					  struct instrument_score *score, struct field_errors *fe,
					  struct casework_conflict *cf)
{
	int baseline = strcmp(rq->phase, "baseline") == 0;
	struct casework_summary s;
	enum casework_result res = load_case(st, w, &s);
	if (res != CASEWORK_OK)
		return res;
	enum instrument_id iid = rq->instrument ? instrument_lookup(rq->instrument) : INSTRUMENT_UNKNOWN;
	const struct instrument_def *def = instrument_get(iid);
	int64_t at = rq->at ? rq->at : w->now;
	char err[160] = "Choose the instrument";
	if (!def || instrument_score(iid, rq->answers, rq->nanswers, score, err, sizeof err)) {
		fielderr_add(fe, "answers", "%s", err);
		return CASEWORK_INVALID;
	}
	int64_t have = 0;
	if (store_get_int(st, STMT_CASEWORK_MEASURE_HAS, &have, "iss", s.id, def->code, rq->phase) < 0)
		return CASEWORK_ERROR;
	if (have) {
		conflict(cf, "A %s %s is already recorded on this case", def->label, baseline ? "baseline" : "follow-up");
		return CASEWORK_CONFLICT;
	}
	if (!baseline) {
		if (store_get_int(st, STMT_CASEWORK_MEASURE_HAS, &have, "iss", s.id, def->code, "baseline") < 0)
			return CASEWORK_ERROR;
		if (!have) {
			conflict(cf, "Record the %s baseline before its follow-up", def->label);
			return CASEWORK_CONFLICT;
		}
	}
	char answers[INSTRUMENT_ITEMS_MAX * 12] = "";
	size_t used = 0;
	for (size_t i = 0; i < rq->nanswers; i++)
		used += (size_t)snprintf(answers + used, sizeof answers - used, "%s%d", i ? "," : "", rq->answers[i]);
	int64_t raw = score->raw == INSTRUMENT_NO_TOTAL ? INT64_MIN : score->raw;
	int64_t x100 = score->score_x100 == INSTRUMENT_NO_TOTAL ? INT64_MIN : score->score_x100;
	return store_exec(st, STMT_CASEWORK_MEASURE_INSERT, store_row_first_int, id, "iisssIIiIi", s.id, s.person_id, def->code,
			  rq->phase, answers, raw, x100, at, NO_USER(w->user_id), w->now) == 1
		       ? CASEWORK_OK
		       : CASEWORK_ERROR;
}

/* ---- Closure and drop-out ---- */

static enum casework_result from_triage(enum triage_result r, const struct casework_summary *s,
					struct casework_conflict *cf)
{
	switch (r) {
	case TRIAGE_OK:
		return CASEWORK_OK;
	case TRIAGE_NOT_FOUND:
		return CASEWORK_NOT_FOUND;
	case TRIAGE_CONFLICT:
		conflict(cf, "The referral is %s, so its case cannot be closed here", s->referral_status);
		return CASEWORK_CONFLICT;
	case TRIAGE_INVALID:
		return CASEWORK_INVALID;
	default:
		return CASEWORK_ERROR;
	}
}

enum casework_result casework_close(struct store *st, const struct casework_who *w, const struct case_value *v,
				    struct casework_conflict *cf)
{
	struct casework_summary s;
	enum casework_result res = load_case(st, w, &s);
	if (res != CASEWORK_OK)
		return res;
	const char *reason = v[CASE_I(CLOSE, reason)].s;
	res = from_triage(triage_close(st, s.referral_id, reason, w->user_id, w->now), &s, cf);
	if (res != CASEWORK_OK)
		return res;
	int dropout = strcmp(reason, "dropped_out") == 0;
	if (store_exec(st, STMT_CASEWORK_CLOSE_DETAILS, NULL, NULL, "IdIi", v[CASE_I(CLOSE, continuing_support)].n, dropout,
		       NO_USER(w->user_id), s.id) != 1)
		return CASEWORK_ERROR;
	if (v[CASE_I(CLOSE, note)].given &&
	    add_event(st, &s, w->now, w->user_id, "closure_note", NULL, NULL, v[CASE_I(CLOSE, note)].s, NULL))
		return CASEWORK_ERROR;
	if (strcmp(s.tier, "social_prescribing") == 0 && strcmp(reason, "declined_by_person") == 0 &&
	    add_coded_once(st, &s, w->now, w->user_id, "social_prescribing_declined", "declined by the person",
			   CASEWORK_SNOMED_SP_DECLINED) < 0)
		return CASEWORK_ERROR;
	return CASEWORK_OK;
}

enum casework_result casework_dropout(struct store *st, const struct casework_who *w, int *attempts,
				      struct casework_conflict *cf)
{
	struct casework_summary s;
	enum casework_result res = load_case(st, w, &s);
	*attempts = res == CASEWORK_OK ? s.attempts_since_contact : 0;
	if (res != CASEWORK_OK)
		return res;
	int need = casework_dropout_attempts(st);
	if (s.attempts_since_contact < need) {
		conflict(cf, "%d unsuccessful contact attempt%s since the last contact; %d are needed before closing as unable "
			 "to contact",
			 s.attempts_since_contact, s.attempts_since_contact == 1 ? "" : "s", need);
		return CASEWORK_CONFLICT;
	}
	res = from_triage(triage_close(st, s.referral_id, "unable_to_contact", w->user_id, w->now), &s, cf);
	if (res != CASEWORK_OK)
		return res;
	char detail[96];
	snprintf(detail, sizeof detail, "after %d unsuccessful contact attempts", s.attempts_since_contact);
	if (store_exec(st, STMT_CASEWORK_CLOSE_DETAILS, NULL, NULL, "ddIi", 0, 1, NO_USER(w->user_id), s.id) != 1 ||
	    add_event(st, &s, w->now, w->user_id, "dropout", NULL, NULL, detail, NULL))
		return CASEWORK_ERROR;
	return CASEWORK_OK;
}
