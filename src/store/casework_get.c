/* Reads a case with everything recorded on it (store/casework.h casework_case_get): each section's rows into
 * arrays whose strings the case owns, goal updates and onward-referral history under their parents, and the
 * measures scored again by core/instrument and paired baseline to follow-up. */
#include <stdlib.h>
#include <string.h>
#include "store/casework.h"
#include "store/casework_int.h"

struct get_ctx {
	struct casework_case *c;
	int failed;
};

/* A copy of s owned by the case ("" when out of memory, with failed set). */
static char *own(struct get_ctx *g, const char *s)
{
	struct casework_case *c = g->c;
	if (c->nowned == c->capowned) {
		size_t cap = c->capowned ? c->capowned * 2 : 64;
		char **o = realloc(c->owned, cap * sizeof *o);
		if (!o) {
			g->failed = 1;
			return (char *)"";
		}
		c->owned = o;
		c->capowned = cap;
	}
	char *d = strdup(s);
	if (!d) {
		g->failed = 1;
		return (char *)"";
	}
	c->owned[c->nowned++] = d;
	return d;
}

/* Appends a zeroed element of size bytes to *arr (n elements); NULL when out of memory. */
static void *push(struct get_ctx *g, void **arr, size_t *n, size_t size)
{
	void *a = realloc(*arr, (*n + 1) * size);
	if (!a) {
		g->failed = 1;
		return NULL;
	}
	*arr = a;
	void *e = (char *)a + *n * size;
	memset(e, 0, size);
	(*n)++;
	return e;
}

#define PUSH(g, field, count) push((g), (void **)&(g)->c->field, &(g)->c->count, sizeof *(g)->c->field)
#define TEXT(dst, col) casework_copy((dst), sizeof(dst), store_row_text(r, (col)))

/* Reads record rec's fields from column 0 on into v (model/case.def, running
 * index; texts owned by the case); returns the next column. */
static int row_fields(struct get_ctx *g, const struct store_row *r, enum case_rec rec, struct case_value *v)
{
	int first, n = (int)case_record_fields(rec, &first);
	for (int i = 0; i < n; i++) {
		enum case_kind k = case_field_base(first + i)->kind;
		v[i] = (struct case_value){ .given = !store_row_isnull(r, i) };
		if (k == CK_TEXT || k == CK_CODE)
			v[i].given = *(v[i].s = own(g, store_row_text(r, i))) != '\0';
		else
			v[i].n = store_row_int(r, i);
	}
	return n;
}

static int assessment_row(void *ctx, const struct store_row *r)
{
	struct get_ctx *g = ctx;
	struct casework_assessment *a = &g->c->assessment;
	int c = row_fields(g, r, CR_ASSESSMENT, a->v);
	a->id = store_row_int(r, c);
	a->version = (int)store_row_int(r, c + 1);
	a->by_user_id = store_row_int(r, c + 2);
	TEXT(a->by, c + 3);
	a->at = store_row_int(r, c + 4);
	g->c->assessments = (int)store_row_int(r, c + 5);
	return 1;
}

static int need_row(void *ctx, const struct store_row *r)
{
	struct get_ctx *g = ctx;
	struct casework_assessment *a = &g->c->assessment;
	if (a->nneeds >= CASEWORK_NEEDS_MAX)
		return 1;
	row_fields(g, r, CR_NEED, a->needs[a->nneeds++]);
	return 0;
}

static int goal_row(void *ctx, const struct store_row *r)
{
	struct get_ctx *g = ctx;
	struct casework_goal *x = PUSH(g, goals, ngoals);
	if (!x)
		return 1;
	int c = row_fields(g, r, CR_GOAL, x->v);
	x->id = store_row_int(r, c);
	TEXT(x->by, c + 1);
	x->created_at = store_row_int(r, c + 2);
	x->updated_at = store_row_int(r, c + 3);
	return 0;
}

static int goal_update_row(void *ctx, const struct store_row *r)
{
	struct get_ctx *g = ctx;
	struct case_value v[CASE_FIELDS_MAX] = { { 0 } };
	int c = row_fields(g, r, CR_PROGRESS, v);
	int64_t goal_id = store_row_int(r, c + 1);
	for (size_t i = 0; i < g->c->ngoals; i++) {
		struct casework_goal *x = &g->c->goals[i];
		if (x->id != goal_id)
			continue;
		struct casework_goal_update *u = push(g, (void **)&x->updates, &x->nupdates, sizeof *u);
		if (!u)
			return 1;
		memcpy(u->v, v, sizeof v);
		u->id = store_row_int(r, c);
		u->goal_id = goal_id;
		TEXT(u->by, c + 2);
		u->at = store_row_int(r, c + 3);
		break;
	}
	return 0;
}

/* A section read into casework_record (the fields, then id, by_user_id, by and when it was recorded). */
struct section {
	struct get_ctx *g;
	enum case_rec rec;
	struct casework_record **list;
	size_t *n;
};

static int record_row(void *ctx, const struct store_row *r)
{
	struct section *sec = ctx;
	struct casework_record *x = push(sec->g, (void **)sec->list, sec->n, sizeof *x);
	if (!x)
		return 1;
	int c = row_fields(sec->g, r, sec->rec, x->v);
	x->id = store_row_int(r, c);
	x->by_user_id = store_row_int(r, c + 1);
	TEXT(x->by, c + 2);
	x->at = store_row_int(r, c + 3);
	return 0;
}

static int onward_row(void *ctx, const struct store_row *r)
{
	struct get_ctx *g = ctx;
	struct casework_onward *x = PUSH(g, onward, nonward);
	if (!x)
		return 1;
	int c = row_fields(g, r, CR_ONWARD, x->v);
	x->id = store_row_int(r, c);
	TEXT(x->status, c + 1);
	TEXT(x->by, c + 2);
	x->made_at = store_row_int(r, c + 3);
	x->updated_at = store_row_int(r, c + 4);
	return 0;
}

static int onward_update_row(void *ctx, const struct store_row *r)
{
	struct get_ctx *g = ctx;
	int64_t oid = store_row_int(r, 1);
	for (size_t i = 0; i < g->c->nonward; i++) {
		struct casework_onward *x = &g->c->onward[i];
		if (x->id != oid)
			continue;
		struct casework_onward_update *u = push(g, (void **)&x->history, &x->nhistory, sizeof *u);
		if (!u)
			return 1;
		u->id = store_row_int(r, 0);
		TEXT(u->from_status, 2);
		TEXT(u->to_status, 3);
		u->note = own(g, store_row_text(r, 4));
		TEXT(u->by, 5);
		u->at = store_row_int(r, 6);
		break;
	}
	return 0;
}

/* Answers stored as "4,3,3": 0, or -1 when the text is not what we write. */
static int parse_answers(const char *s, int *out, size_t *n)
{
	*n = 0;
	while (*s) {
		if (*n >= INSTRUMENT_ITEMS_MAX)
			return -1;
		char *end;
		long v = strtol(s, &end, 10);
		if (end == s || v < -1000 || v > 1000)
			return -1;
		out[(*n)++] = (int)v;
		s = end;
		if (*s == ',')
			s++;
		else if (*s)
			return -1;
	}
	return 0;
}

static int measure_row(void *ctx, const struct store_row *r)
{
	struct get_ctx *g = ctx;
	struct casework_measure *x = PUSH(g, measures, nmeasures);
	if (!x)
		return 1;
	x->id = store_row_int(r, 0);
	TEXT(x->instrument_code, 1);
	TEXT(x->phase, 2);
	x->instrument = instrument_lookup(x->instrument_code);
	/* Scored again from the stored answers by the same core function. */
	if (parse_answers(store_row_text(r, 3), x->answers, &x->nanswers) ||
	    instrument_score(x->instrument, x->answers, x->nanswers, &x->score, NULL, 0))
		x->score = (struct instrument_score){ .id = INSTRUMENT_UNKNOWN, .raw = INSTRUMENT_NO_TOTAL,
						      .score_x100 = INSTRUMENT_NO_TOTAL };
	x->at = store_row_int(r, 4);
	TEXT(x->by, 5);
	x->recorded_at = store_row_int(r, 6);
	return 0;
}

static int event_row(void *ctx, const struct store_row *r)
{
	struct get_ctx *g = ctx;
	struct casework_event *x = PUSH(g, events, nevents);
	if (!x)
		return 1;
	x->at = store_row_int(r, 0);
	x->user_id = store_row_int(r, 1);
	TEXT(x->kind, 2);
	TEXT(x->from_status, 3);
	TEXT(x->to_status, 4);
	x->detail = own(g, store_row_text(r, 5));
	TEXT(x->snomed, 6);
	return 0;
}

/* One pair per instrument with a baseline, in instrument order. */
static void pair_measures(struct casework_case *c)
{
	c->npairs = 0;
	for (int id = 0; id < INSTRUMENT__MAX; id++) {
		const struct casework_measure *b = NULL, *f = NULL;
		for (size_t i = 0; i < c->nmeasures; i++) {
			const struct casework_measure *m = &c->measures[i];
			if ((int)m->instrument != id || m->score.id == INSTRUMENT_UNKNOWN)
				continue;
			if (strcmp(m->phase, "baseline") == 0)
				b = m;
			else
				f = m;
		}
		if (!b)
			continue;
		struct casework_pair *p = &c->pairs[c->npairs++];
		memset(p, 0, sizeof *p);
		p->instrument = (enum instrument_id)id;
		p->baseline = b;
		p->follow_up = f;
		if (f && instrument_change(&b->score, &f->score, &p->change, NULL, 0) == 0) {
			p->paired = 1;
			if (id == INSTRUMENT_SWEMWBS)
				p->direction = instrument_swemwbs_meaningful(p->change.change_x100);
		}
	}
}

/* Reads the records of section id of the case into *list. */
static int read_section(struct store *st, enum stmt id, struct get_ctx *g, enum case_rec rec, struct casework_record **list,
		   size_t *n)
{
	struct section sec = { g, rec, list, n };
	return store_exec(st, id, record_row, &sec, "i", g->c->s.id);
}

int casework_case_get(struct store *st, int64_t case_id, int64_t now, struct casework_case *out)
{
	memset(out, 0, sizeof *out);
	int n = casework_summary_get(st, case_id, now, &out->s);
	if (n <= 0)
		return n;
	struct get_ctx g = { out, 0 };
	int64_t id = out->s.id;
	if (store_exec(st, STMT_CASEWORK_ASSESSMENT_LATEST, assessment_row, &g, "i", id) < 0 ||
	    (out->assessment.id &&
	     store_exec(st, STMT_CASEWORK_NEEDS, need_row, &g, "i", out->assessment.id) < 0) ||
	    store_exec(st, STMT_CASEWORK_GOALS, goal_row, &g, "i", id) < 0 ||
	    store_exec(st, STMT_CASEWORK_GOAL_UPDATES, goal_update_row, &g, "i", id) < 0 ||
	    read_section(st, STMT_CASEWORK_SESSIONS, &g, CR_SESSION, &out->sessions, &out->nsessions) < 0 ||
	    store_exec(st, STMT_CASEWORK_ONWARDS, onward_row, &g, "i", id) < 0 ||
	    store_exec(st, STMT_CASEWORK_ONWARD_UPDATES, onward_update_row, &g, "i", id) < 0 ||
	    read_section(st, STMT_CASEWORK_UNMETS, &g, CR_UNMET, &out->unmet, &out->nunmet) < 0 ||
	    read_section(st, STMT_CASEWORK_CONCERNS, &g, CR_CONCERN, &out->concerns, &out->nconcerns) < 0 ||
	    read_section(st, STMT_CASEWORK_CONSENTS, &g, CR_CONSENT, &out->consents, &out->nconsents) < 0 ||
	    read_section(st, STMT_CASEWORK_STUDIES, &g, CR_STUDY, &out->studies, &out->nstudies) < 0 ||
	    store_exec(st, STMT_CASEWORK_MEASURES, measure_row, &g, "i", id) < 0 ||
	    store_exec(st, STMT_CASEWORK_EVENTS, event_row, &g, "i", out->s.referral_id) < 0)
		return -1;
	if (g.failed) {
		store_set_error(st, STORE_ERROR, "out of memory");
		return -1;
	}
	pair_measures(out);
	return 1;
}

void casework_case_free(struct casework_case *c)
{
	for (size_t i = 0; i < c->nowned; i++)
		free(c->owned[i]);
	free(c->owned);
	for (size_t i = 0; i < c->ngoals; i++)
		free(c->goals[i].updates);
	for (size_t i = 0; i < c->nonward; i++)
		free(c->onward[i].history);
	free(c->goals);
	free(c->sessions);
	free(c->onward);
	free(c->unmet);
	free(c->concerns);
	free(c->consents);
	free(c->studies);
	free(c->measures);
	free(c->events);
	memset(c, 0, sizeof *c);
}
