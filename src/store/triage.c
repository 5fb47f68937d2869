/* Triage in the database: rules, the queue, decisions with allocation, contacts, reassignment, watch and KPI. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/datetime.h"
#include "core/londontime.h"
#include "core/triage_check.h"
#include "store/discharge.h"
#include "store/org.h"
#include "store/triage.h"
#include "core/search.h"
#include "store/triage_int.h"
#include "store/rules_cache.h"
#include "store/kpisum.h"
#include "store/report_sum.h"
#include "store/worker.h"
#include "util/embed.h"
#include "util/text.h"

#define NO_USER(id) ((id) > 0 ? (id) : INT64_MIN)

static void copy(char *dst, size_t n, const char *src)
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

/* "worker (organisation): why", each part cut on a character boundary. */
static void join_detail(char *out, size_t outlen, const char *worker, const char *org, const char *why)
{
	char w[100], o[150], y[250];
	copy(w, sizeof w, worker);
	copy(o, sizeof o, org);
	copy(y, sizeof y, why);
	snprintf(out, outlen, "%s (%s): %s", w, o, y);
}

/* ---- Rule sets ---- */

/* The built-in default rules (data/triage_rules.json), borrowed; NULL if not built in. */
static const char *rules_default_json(void)
{
	const struct embed_file *f = embed_find("data/triage_rules.json");
	return f ? (const char *)f->data : NULL;
}

struct rules_row {
	int64_t version;
	struct triage_rules *out;
	int want_text; /* the caller wants the document text too */
	int hit;       /* out filled from this thread's cache */
	char *json;
	int failed;
};

/* A document this thread has parsed before is not copied out of the row. */
static int rules_row(void *ctx, const struct store_row *r)
{
	struct rules_row *rr = ctx;
	rr->version = store_row_int(r, 0);
	const char *text = store_row_text(r, 1);
	rr->hit = triage_rules_cache_get(text, rr->out);
	if (rr->hit && !rr->want_text)
		return 1;
	rr->json = strdup(text);
	rr->failed = !rr->json;
	return 1;
}

int triage_rules_load(struct store *st, struct triage_rules *out, char **json_out)
{
	struct rules_row rr = { 0, out, json_out != NULL, 0, NULL, 0 };
	if (json_out)
		*json_out = NULL;
	int n = store_exec(st, STMT_TRIAGE_RULES_ACTIVE, rules_row, &rr, "");
	if (n < 0 || rr.failed) {
		free(rr.json);
		if (rr.failed)
			store_set_error(st, STORE_ERROR, "out of memory reading the triage rules");
		return -1;
	}
	int stored = n > 0;
	if (stored && rr.hit && !json_out)
		return 1;
	const char *text = stored ? rr.json : rules_default_json();
	if (!text) {
		store_set_error(st, STORE_ERROR, "no triage rules stored and none built in");
		return -1;
	}
	struct field_errors *fe = (stored ? rr.hit : triage_rules_cache_get(text, out)) ? NULL : malloc(sizeof *fe);
	if (fe) {
		fielderr_init(fe);
		if (triage_rules_parse(text, out, fe)) {
			store_set_error(st, STORE_ERROR, "the %s triage rules do not parse: %s: %s", stored ? "stored" : "built-in",
					fe->n ? fe->e[0].field : "?", fe->n ? fe->e[0].message : "?");
			free(fe);
			free(rr.json);
			return -1;
		}
		free(fe);
		triage_rules_cache_put(text, out);
	} else if (out->n == 0) { /* neither cached nor memory to parse */
		free(rr.json);
		store_set_error(st, STORE_ERROR, "out of memory");
		return -1;
	}
	if (json_out) {
		*json_out = stored ? rr.json : strdup(text);
		if (!*json_out) {
			store_set_error(st, STORE_ERROR, "out of memory");
			return -1;
		}
	} else {
		free(rr.json);
	}
	return stored;
}

int64_t triage_rules_current_version(struct store *st)
{
	int64_t v = 0;
	if (store_get_int(st, STMT_TRIAGE_RULES_MAX_VERSION, &v, "") != 1)
		return -1;
	if (v > 0)
		return v;
	struct triage_rules *r = malloc(sizeof *r);
	if (!r)
		return -1;
	int rc = triage_rules_load(st, r, NULL);
	v = rc < 0 ? -1 : r->version;
	free(r);
	return v;
}

struct history_ctx {
	void (*fn)(void *ctx, const struct triage_rules_version *v);
	void *ctx;
};

static int history_row(void *ctx, const struct store_row *r)
{
	struct history_ctx *h = ctx;
	struct triage_rules_version v = { store_row_int(r, 0), store_row_int(r, 2), (int)store_row_int(r, 1),
					  store_row_text(r, 3) };
	h->fn(h->ctx, &v);
	return 0;
}

int triage_rules_history(struct store *st, int limit, void (*fn)(void *ctx, const struct triage_rules_version *v),
			 void *ctx)
{
	struct history_ctx h = { fn, ctx };
	return store_exec(st, STMT_TRIAGE_RULES_HISTORY, history_row, &h, "d", limit);
}

int triage_rules_save(struct store *st, const char *json, const struct triage_rules *rules, int64_t user_id,
		      int64_t now)
{
	if (store_exec(st, STMT_TRIAGE_RULES_DEACTIVATE, NULL, NULL, "") < 0)
		return -1;
	return store_exec(st, STMT_TRIAGE_RULES_INSERT, NULL, NULL, "isiiI", (int64_t)rules->version, json, (int64_t)1, now,
			  NO_USER(user_id)) < 0
		       ? -1
		       : 0;
}

int triage_rules_ensure(struct store *st, int64_t now)
{
	int64_t v = 0;
	if (store_get_int(st, STMT_TRIAGE_RULES_MAX_VERSION, &v, "") != 1)
		return -1;
	if (v > 0)
		return 0;
	struct triage_rules *r = malloc(sizeof *r);
	char *json = NULL;
	if (!r)
		return -1;
	int rc = triage_rules_load(st, r, &json);
	if (rc == 0)
		rc = triage_rules_save(st, json, r, 0, now);
	else if (rc > 0)
		rc = 0;
	free(json);
	free(r);
	return rc;
}

/* ---- Subjects ---- */

void triage_subject_input(struct triage_subject *s, int64_t now, int safeguarding, int lives_alone, int discharge)
{
	struct triage_input *in = &s->in;
	memset(in, 0, sizeof *in);
	s->in_ok = 1;
	int src = triage_source_from_code(s->source);
	if (src < 0)
		s->in_ok = 0;
	in->source = src < 0 ? TRIAGE_SOURCE_OTHER : (enum triage_source)src;
	for (size_t i = 0; i < s->nreasons; i++) {
		int r = triage_reason_from_code(s->reasons[i]);
		if (r < 0)
			s->in_ok = 0;
		else
			in->reasons |= TRIAGE_BIT(r);
	}
	in->age = dt_age_years(s->date_of_birth, london_local_days(now));
	if (in->age < 0)
		in->age = -1;
	in->safeguarding = safeguarding != 0;
	in->lives_alone = lives_alone == 1;
	in->discharge = discharge || triage_source_is_discharge(in->source);
	int u = s->urgency[0] ? triage_urgency_from_code(s->urgency) : -1;
	in->urgency = u < 0 ? TRIAGE_URGENCY_UNKNOWN : (enum triage_urgency)u;
}

void triage_subject_row_read(const struct store_row *r, struct triage_subject *s, struct subject_flags *f)
{
	memset(s, 0, sizeof *s);
	s->id = store_row_int(r, 0);
	copy(s->reference, sizeof s->reference, store_row_text(r, 1));
	copy(s->status, sizeof s->status, store_row_text(r, 2));
	copy(s->source, sizeof s->source, store_row_text(r, 3));
	copy(s->urgency, sizeof s->urgency, store_row_text(r, 4));
	f->safeguarding = (int)store_row_int(r, 5);
	f->lives_alone = (int)store_row_int(r, 6);
	f->discharge = (int)store_row_int(r, 7);
	s->received_at = store_row_int(r, 8);
	s->sla_due_at = store_row_int(r, 9);
	s->duplicate_of = store_row_int(r, 10);
	copy(s->duplicate_ref, sizeof s->duplicate_ref, store_row_text(r, 11));
	s->person_id = store_row_int(r, 12);
	copy(s->given_name, sizeof s->given_name, store_row_text(r, 13));
	copy(s->family_name, sizeof s->family_name, store_row_text(r, 14));
	s->date_of_birth = store_row_int(r, 15);
	copy(s->postcode, sizeof s->postcode, store_row_text(r, 16));
	copy(s->area, sizeof s->area, store_row_text(r, 17));
	copy(s->practice, sizeof s->practice, store_row_text(r, 18));
	copy(s->cluster, sizeof s->cluster, store_row_text(r, 19));
	copy(s->channel, sizeof s->channel, store_row_text(r, 20));
	copy(s->referrer_org, sizeof s->referrer_org, store_row_text(r, 21));
	s->home_check_needed = store_row_int(r, 22) != 0;
	s->attempts = store_row_int(r, 23);
	s->first_contact_at = store_row_isnull(r, 24) ? KPI_NONE : store_row_int(r, 24);
}

struct one_subject {
	struct triage_subject *s;
	struct subject_flags f;
};

static int one_subject_row(void *ctx, const struct store_row *r)
{
	struct one_subject *o = ctx;
	triage_subject_row_read(r, o->s, &o->f);
	return 1;
}

static int reason_row(void *ctx, const struct store_row *r)
{
	struct triage_subject *s = ctx;
	if (s->nreasons < TRIAGE_SUBJECT_REASONS)
		copy(s->reasons[s->nreasons++], sizeof s->reasons[0], store_row_text(r, 1));
	return 0;
}

int triage_subject_get(struct store *st, int64_t id, int64_t now, struct triage_subject *s)
{
	struct one_subject o = { s, { 0, 0, 0 } };
	memset(s, 0, sizeof *s);
	int n = store_exec(st, STMT_TRIAGE_SUBJECT_GET, one_subject_row, &o, "i", id);
	if (n <= 0)
		return n;
	if (store_exec(st, STMT_TRIAGE_SUBJECT_REASONS, reason_row, s, "i", id) < 0)
		return -1;
	triage_subject_input(s, now, o.f.safeguarding, o.f.lives_alone, o.f.discharge);
	return 1;
}

/* The queue reads its page of rows, then the reasons of those rows. */
struct queue_ctx {
	struct triage_subject *rows;
	struct subject_flags *flags;
	size_t n, max;
};

static int queue_row(void *ctx, const struct store_row *r)
{
	struct queue_ctx *q = ctx;
	if (q->n >= q->max)
		return 1;
	triage_subject_row_read(r, &q->rows[q->n], &q->flags[q->n]);
	q->n++;
	return 0;
}

static int queue_reason_row(void *ctx, const struct store_row *r)
{
	struct queue_ctx *q = ctx;
	int64_t id = store_row_int(r, 0);
	for (size_t i = 0; i < q->n; i++)
		if (q->rows[i].id == id)
			return reason_row(&q->rows[i], r);
	return 0;
}

int triage_queue(struct store *st, const struct triage_queue_query *q, int64_t now,
		 void (*fn)(void *ctx, const struct triage_subject *s), void *ctx)
{
	int limit = q->limit < 1 ? 1 : q->limit > 1000 ? 1000 : q->limit;
	const char *src = q->source ? q->source : "", *area = q->area ? q->area : "";
	struct queue_ctx c = { calloc((size_t)limit, sizeof *c.rows), calloc((size_t)limit, sizeof *c.flags), 0,
			       (size_t)limit };
	if (!c.rows || !c.flags) {
		free(c.rows);
		free(c.flags);
		store_set_error(st, STORE_ERROR, "out of memory");
		return -1;
	}
	const struct search_query *s = q->search;
	enum search_kind kind = s ? s->kind : SEARCH_ALL;
	if (kind == SEARCH_NAME && !s->nwords) {
		free(c.rows);
		free(c.flags);
		return 0; /* no letters or digits: nobody's name */
	}
	int sqlite = store_kind(st) == STORE_SQLITE;
	enum stmt id = kind == SEARCH_NHS_NUMBER ? STMT_TRIAGE_QUEUE_PAGE_NHS
		     : kind == SEARCH_REFERENCE  ? STMT_TRIAGE_QUEUE_PAGE_REFERENCE
		     : kind == SEARCH_NAME       ? (sqlite ? STMT_TRIAGE_QUEUE_PAGE_NAME_FTS : STMT_TRIAGE_QUEUE_PAGE_NAME_TS)
						 : STMT_TRIAGE_QUEUE_PAGE;
	const char *key = kind == SEARCH_NHS_NUMBER ? s->nhs_number
			: kind == SEARCH_REFERENCE  ? s->reference
			: kind == SEARCH_NAME       ? (sqlite ? s->fts : s->tsquery)
						    : "";
	int rc = store_exec(st, id, queue_row, &c, "sssssdddi", src, src, area, area, key, q->newest ? 1 : 0,
			    q->newest ? 1 : 0, limit, q->offset > 0 ? q->offset : 0);
	if (rc >= 0 && c.n) {
		int64_t lo = INT64_MAX, hi = 0;
		for (size_t i = 0; i < c.n; i++) {
			lo = c.rows[i].id < lo ? c.rows[i].id : lo;
			hi = c.rows[i].id > hi ? c.rows[i].id : hi;
		}
		rc = store_exec(st, STMT_TRIAGE_QUEUE_REASONS_IDS, queue_reason_row, &c, "ii", lo, hi);
	}
	if (rc >= 0) {
		for (size_t i = 0; i < c.n; i++) {
			const struct subject_flags *f = &c.flags[i];
			triage_subject_input(&c.rows[i], now, f->safeguarding, f->lives_alone, f->discharge);
			fn(ctx, &c.rows[i]);
		}
		rc = (int)c.n;
	}
	free(c.rows);
	free(c.flags);
	return rc;
}

int64_t triage_queue_count(struct store *st, const struct triage_queue_query *q)
{
	const char *src = q->source ? q->source : "", *area = q->area ? q->area : "";
	int64_t n = 0;
	return store_get_int(st, STMT_TRIAGE_QUEUE_COUNT, &n, "ssss", src, src, area, area) == 1 ? n : -1;
}

int triage_suggest_for(const struct triage_rules *rules, const struct triage_subject *s, struct triage_suggestion *out)
{
	if (!s->in_ok) {
		memset(out, 0, sizeof *out);
		return -1;
	}
	return triage_suggest(rules, &s->in, out);
}

/* ---- Vocabularies ---- */

struct vocab_ctx {
	const char *code;
	char *label;
	size_t labellen;
	int found;
	char *list;
	size_t listlen, used;
};

static int vocab_row(void *ctx, const struct store_row *r)
{
	struct vocab_ctx *v = ctx;
	const char *code = store_row_text(r, 0);
	if (v->list) {
		int k = snprintf(v->list + v->used, v->listlen - v->used, "%s%s", v->used ? ", " : "", code);
		if (k > 0 && (size_t)k < v->listlen - v->used)
			v->used += (size_t)k;
		return 0;
	}
	if (strcmp(code, v->code) == 0) {
		v->found = 1;
		if (v->label)
			copy(v->label, v->labellen, store_row_text(r, 1));
		return 1;
	}
	return 0;
}

int triage_vocab_has(struct store *st, const char *vocab, const char *code, char *label, size_t labellen)
{
	if (!code || !*code)
		return 0;
	struct vocab_ctx v = { code, label, labellen, 0, NULL, 0, 0 };
	if (store_exec(st, STMT_VOCAB_LIST, vocab_row, &v, "s", vocab) < 0)
		return -1;
	return v.found;
}

void triage_vocab_codes(struct store *st, const char *vocab, char *out, size_t outlen)
{
	struct vocab_ctx v = { NULL, NULL, 0, 0, out, outlen, 0 };
	out[0] = '\0';
	store_exec(st, STMT_VOCAB_LIST, vocab_row, &v, "s", vocab);
}

struct area_ctx {
	const char *code;
	char *name;
	size_t namelen;
	int found;
	void (*fn)(void *ctx, const char *code, const char *name);
	void *ctx;
};

static int area_row(void *ctx, const struct store_row *r)
{
	struct area_ctx *a = ctx;
	if (a->fn) {
		a->fn(a->ctx, store_row_text(r, 0), store_row_text(r, 1));
		return 0;
	}
	if (strcmp(store_row_text(r, 0), a->code) != 0)
		return 0;
	a->found = 1;
	if (a->name)
		copy(a->name, a->namelen, store_row_text(r, 1));
	return 1;
}

int triage_area_name(struct store *st, const char *code, char *name, size_t namelen)
{
	struct area_ctx a = { code ? code : "", name, namelen, 0, NULL, NULL };
	if (name && namelen)
		name[0] = '\0';
	if (store_exec(st, STMT_TRIAGE_AREAS, area_row, &a, "") < 0)
		return -1;
	return a.found;
}

int triage_areas(struct store *st, void (*fn)(void *ctx, const char *code, const char *name), void *ctx)
{
	struct area_ctx a = { "", NULL, 0, 0, fn, ctx };
	return store_exec(st, STMT_TRIAGE_AREAS, area_row, &a, "");
}

/* ---- Writes shared by the steps ---- */

/* Moves the referral from one status to another with its event; TRIAGE_CONFLICT if it had moved on. */
static enum triage_result set_status(struct store *st, int64_t id, const char *from, const char *to, const char *kind,
				     const char *detail, int64_t user_id, int64_t now)
{
	/* Rejected or withdrawn without a successful contact leaves the KPI. */
	int ends = strcmp(to, "rejected") == 0 || strcmp(to, "withdrawn") == 0;
	struct kpisum_contrib kb;
	struct report_sum_acc *rb = NULL;
	if ((ends && kpisum_before(st, id, &kb)) || (ends && rptsum_before(st, id, &rb)))
		return TRIAGE_ERROR;
	int n = store_exec(st, STMT_TRIAGE_REFERRAL_SET_STATUS, NULL, NULL, "siis", to, now, id, from);
	if (n <= 0) {
		report_sum_acc_free(rb);
		return n < 0 ? TRIAGE_ERROR : TRIAGE_CONFLICT;
	}
	if (ends && kpisum_after(st, id, &kb)) {
		report_sum_acc_free(rb);
		return TRIAGE_ERROR;
	}
	if (ends && rptsum_after(st, id, rb))
		return TRIAGE_ERROR;
	char d[128];
	copy(d, sizeof d, detail ? detail : "");
	if (store_exec(st, STMT_REFERRAL_EVENT_INSERT, NULL, NULL, "iiIssss", id, now, NO_USER(user_id), kind, from, to, d) < 0)
		return TRIAGE_ERROR;
	return TRIAGE_OK;
}

/* An event that is not a status change (e.g. "allocation_pending"). */
static enum triage_result note_event(struct store *st, int64_t id, const char *kind, const char *detail,
				     int64_t user_id, int64_t now)
{
	char d[128];
	copy(d, sizeof d, detail ? detail : "");
	return store_exec(st, STMT_REFERRAL_EVENT_INSERT, NULL, NULL, "iiIssss", id, now, NO_USER(user_id), kind, NULL,
			  NULL, d) < 0
		       ? TRIAGE_ERROR
		       : TRIAGE_OK;
}

static int insert_case(struct store *st, const struct triage_subject *s, const char *tier, int64_t org_id,
		       int64_t worker_id, const char *reason, int overflowed, int home_check, int64_t now,
		       const char *status, const char *closure, int64_t *case_id)
{
	*case_id = 0;
	struct report_sum_acc *b;
	if (rptcase_before(st, s->id, &b))
		return -1;
	if (store_exec(st, STMT_CASE_INSERT, store_row_first_int, case_id, "iisiIsiiisIs", s->id, s->person_id, tier, org_id,
		       worker_id > 0 ? worker_id : INT64_MIN, reason, (int64_t)overflowed, (int64_t)home_check, now, status,
		       closure ? now : INT64_MIN, closure) != 1) {
		rptcase_abandon(st, b);
		return -1;
	}
	if (rptcase_after(st, s->id, b))
		return -1;
	/* The pre-discharge home check becomes a task only a DBS-checked worker or volunteer can take. */
	return home_check ? discharge_home_check_open(st, *case_id, now) : 0;
}


struct text_out {
	char *out;
	size_t len;
};

static int text_row(void *ctx, const struct store_row *r)
{
	struct text_out *t = ctx;
	copy(t->out, t->len, store_row_text(r, 0));
	return 1;
}

static void org_name(struct store *st, int64_t org_id, char *out, size_t outlen)
{
	struct text_out t = { out, outlen };
	out[0] = '\0';
	store_exec(st, STMT_TRIAGE_ORG_NAME, text_row, &t, "i", org_id);
}

/* Who holds community support for an area: one of the active providers serving it, shared by open load
 * against volunteer capacity (store/org.c, core/org.c; why into reason), else the lead provider, else the
 * organisation of whoever triaged (reason then left empty). */
static int community_org(struct store *st, const char *area, int64_t fallback, int64_t *org, char *reason,
			 size_t reason_len)
{
	*org = 0;
	if (org_share_choose(st, area, org, reason, reason_len))
		return -1;
	if (!*org && store_exec(st, STMT_TRIAGE_LEAD_PROVIDER, store_row_first_int, org, "") < 0)
		return -1;
	if (!*org)
		*org = fallback;
	return 0;
}

/* The main activity of a community support task, as a volunteer_skills
 * code: from the first practical reason, else befriending calls. */
static const char *task_type(const struct triage_subject *s)
{
	static const char *const map[][2] = {
		{ "shopping", "shopping" },
		{ "prescription_collection", "prescription_collection" },
		{ "transport", "driving" },
		{ "befriending", "befriending_calls" },
	};
	for (size_t i = 0; i < s->nreasons; i++)
		for (size_t k = 0; k < sizeof map / sizeof map[0]; k++)
			if (strcmp(s->reasons[i], map[k][0]) == 0)
				return map[k][1];
	return "befriending_calls";
}

/* Chooses a worker for tier with core/allocate; fills out->alloc and, when one is found, the worker and organisation. */
int triage_choose_worker(struct store *st, const struct triage_subject *s, enum triage_tier tier, int64_t now,
			 struct triage_outcome *out)
{
	struct worker_pool pool;
	if (worker_pool_load(st, now, 0, &pool))
		return -1;
	char area_name[96] = "";
	int64_t area_id = worker_pool_area_id(&pool, s->area);
	if (area_id)
		copy(area_name, sizeof area_name, pool.area_names[area_id - 1]);
	struct allocate_request req = {
		.tier = tier,
		.cluster_id = worker_pool_cluster_id(&pool, s->cluster),
		.area_id = area_id,
		.area_name = area_name,
		.now_utc = now,
	};
	allocate_choose(&pool.policy, &req, pool.w, pool.n, pool.clusters, pool.nclusters, &out->alloc);
	if (out->alloc.status == ALLOCATE_OK) {
		const struct worker_info *w = &pool.info[out->alloc.worker_index];
		out->worker_id = w->id;
		out->org_id = w->org_id;
		copy(out->worker_name, sizeof out->worker_name, w->name);
		copy(out->org_name, sizeof out->org_name, w->org_name);
	}
	worker_pool_free(&pool);
	return 0;
}

static enum triage_result check_request(struct store *st, const struct triage_request *rq,
					const struct triage_suggestion *sug, int *tier, const char **outcome,
					struct field_errors *fe)
{
	*tier = triage_tier_from_code(rq->tier);
	if (*tier < 0) {
		fielderr_add(fe, "tier", "Choose the tier");
	} else if (*tier == TRIAGE_TIER_DECLINE) {
		*outcome = "rejected";
		int has = triage_vocab_has(st, "rejection_reasons", rq->reason, NULL, 0);
		if (has < 0)
			return TRIAGE_ERROR;
		if (!has)
			fielderr_add(fe, "reason", "Choose the reason for declining");
	} else if (*tier != (int)sug->tier) {
		*outcome = "overridden";
		if (text_blank(rq->reason))
			fielderr_add(fe, "reason", "Give the reason for choosing %s rather than the suggested %s",
				     triage_tier_label(*tier), triage_tier_label(sug->tier));
	} else {
		*outcome = "confirmed";
	}
	if (*tier != TRIAGE_TIER_DECLINE && rq->reason && text_utf8_len(rq->reason) > TRIAGE_TEXT_MAX)
		fielderr_add(fe, "reason", "The reason must be %d characters or fewer", TRIAGE_TEXT_MAX);
	if (rq->information && text_utf8_len(rq->information) > TRIAGE_INFO_MAX)
		fielderr_add(fe, "information", "The information given must be %d characters or fewer", TRIAGE_INFO_MAX);
	return fe->n ? TRIAGE_INVALID : TRIAGE_OK;
}

enum triage_result triage_apply(struct store *st, const struct triage_request *rq, struct triage_outcome *out,
				struct field_errors *fe)
{
	memset(out, 0, sizeof *out);
	out->alloc.status = ALLOCATE_NOT_NEEDED;
	struct triage_subject *s = malloc(sizeof *s);
	struct triage_rules *rules = malloc(sizeof *rules);
	enum triage_result res = TRIAGE_ERROR;
	if (!s || !rules) {
		store_set_error(st, STORE_ERROR, "out of memory");
		goto done;
	}
	int n = triage_subject_get(st, rq->referral_id, rq->now, s);
	if (n <= 0) {
		res = n == 0 ? TRIAGE_NOT_FOUND : TRIAGE_ERROR;
		goto done;
	}
	out->person_id = s->person_id;
	copy(out->status, sizeof out->status, s->status);
	if (strcmp(s->status, "received") != 0) {
		res = TRIAGE_CONFLICT;
		goto done;
	}
	if (triage_rules_load(st, rules, NULL) < 0)
		goto done;
	if (triage_suggest_for(rules, s, &out->sug)) {
		store_set_error(st, STORE_ERROR, "referral %lld has values the triage rules do not know", (long long)s->id);
		goto done;
	}
	int tier;
	const char *outcome = "confirmed";
	res = check_request(st, rq, &out->sug, &tier, &outcome, fe);
	if (res != TRIAGE_OK)
		goto done;
	res = TRIAGE_ERROR;
	copy(out->outcome, sizeof out->outcome, outcome);
	copy(out->tier, sizeof out->tier, triage_tier_code(tier));
	int decline = tier == TRIAGE_TIER_DECLINE, overridden = strcmp(outcome, "overridden") == 0;
	const char *reason = text_blank(rq->reason) ? NULL : rq->reason;
	int home_check = tier == TRIAGE_TIER_COMPLEX_SUPPORT && (out->sug.home_check || s->home_check_needed);
	struct report_sum_acc *rb = NULL;
	if (rptsum_before(st, s->id, &rb))
		goto done;
	if (store_exec(st, STMT_TRIAGE_DECISION_INSERT, store_row_first_int, &out->decision_id, "iisssisssssIi", s->id,
		       (int64_t)out->sug.rules_version, out->sug.rule_name, triage_tier_code(out->sug.tier), out->sug.reason,
		       (int64_t)out->sug.home_check, out->tier, outcome, overridden ? reason : NULL,
		       decline ? reason : NULL, !decline && !overridden ? reason : NULL, NO_USER(rq->user_id), rq->now) != 1) {
		report_sum_acc_free(rb);
		goto done;
	}
	if (rptsum_after(st, s->id, rb))
		goto done;
	if (decline) {
		res = set_status(st, s->id, "received", "rejected", "rejected", reason, rq->user_id, rq->now);
		if (res == TRIAGE_OK)
			copy(out->status, sizeof out->status, "rejected");
		goto done;
	}
	res = set_status(st, s->id, "received", "triaged", "triaged", out->tier, rq->user_id, rq->now);
	if (res != TRIAGE_OK)
		goto done;
	copy(out->status, sizeof out->status, "triaged");
	res = TRIAGE_ERROR;
	char detail[512];
	switch ((enum triage_tier)tier) {
	case TRIAGE_TIER_SOCIAL_PRESCRIBING:
	case TRIAGE_TIER_COMPLEX_SUPPORT:
		if (triage_choose_worker(st, s, (enum triage_tier)tier, rq->now, out))
			goto done;
		if (out->alloc.status != ALLOCATE_OK) {
			res = note_event(st, s->id, "allocation_pending", out->alloc.reason, rq->user_id, rq->now);
			goto done;
		}
		if (insert_case(st, s, out->tier, out->org_id, out->worker_id, out->alloc.reason, out->alloc.overflowed,
				home_check, rq->now, "open", NULL, &out->case_id))
			goto done;
		join_detail(detail, sizeof detail, out->worker_name, out->org_name, out->alloc.reason);
		res = set_status(st, s->id, "triaged", "allocated", "allocated", detail, rq->user_id, rq->now);
		if (res == TRIAGE_OK)
			copy(out->status, sizeof out->status, "allocated");
		goto done;
	case TRIAGE_TIER_COMMUNITY_SUPPORT: {
		char shared[sizeof out->alloc.reason];
		if (community_org(st, s->area, rq->org_id, &out->org_id, shared, sizeof shared))
			goto done;
		org_name(st, out->org_id, out->org_name, sizeof out->org_name);
		char on[190];
		copy(on, sizeof on, out->org_name);
		if (shared[0])
			copy(out->alloc.reason, sizeof out->alloc.reason, shared);
		else
			snprintf(out->alloc.reason, sizeof out->alloc.reason, "community support: %s arranges volunteers", on);
		if (insert_case(st, s, out->tier, out->org_id, 0, out->alloc.reason, 0, 0, rq->now, "open", NULL,
				&out->case_id))
			goto done;
		int64_t task = 0;
		if (store_exec(st, STMT_TASK_INSERT, store_row_first_int, &task, "iissiii", s->id, out->case_id, task_type(s),
			       s->postcode, rq->now, rq->now + TRIAGE_TASK_WINDOW, rq->now) != 1)
			goto done;
		out->tasks = 1;
		res = set_status(st, s->id, "triaged", "allocated", "allocated", out->alloc.reason, rq->user_id, rq->now);
		if (res == TRIAGE_OK)
			copy(out->status, sizeof out->status, "allocated");
		goto done;
	}
	case TRIAGE_TIER_SIGNPOST: {
		const char *info = !text_blank(rq->information) ? rq->information : reason ? reason : out->sug.reason;
		if (store_exec(st, STMT_SIGNPOST_INSERT, store_row_first_int, &out->signpost_id, "isIi", s->id, info,
			       NO_USER(rq->user_id), rq->now) != 1)
			goto done;
		out->org_id = rq->org_id;
		org_name(st, out->org_id, out->org_name, sizeof out->org_name);
		snprintf(out->alloc.reason, sizeof out->alloc.reason, "signposted: information given and closed");
		if (insert_case(st, s, out->tier, out->org_id, 0, out->alloc.reason, 0, 0, rq->now, "closed", "completed",
				&out->case_id))
			goto done;
		res = set_status(st, s->id, "triaged", "closed", "closed", "signposted", rq->user_id, rq->now);
		if (res == TRIAGE_OK)
			copy(out->status, sizeof out->status, "closed");
		goto done;
	}
	case TRIAGE_TIER_DECLINE:
	case TRIAGE_TIER__MAX:
		break;
	}
	store_set_error(st, STORE_ERROR, "unexpected tier %d", tier);
done:
	free(s);
	free(rules);
	return res;
}

/* ---- Reads ---- */

void triage_decision_read(const struct store_row *r, int c0, struct triage_decision_view *d)
{
	d->id = store_row_int(r, c0);
	d->rule_version = store_row_int(r, c0 + 1);
	copy(d->rule_name, sizeof d->rule_name, store_row_text(r, c0 + 2));
	copy(d->suggested_tier, sizeof d->suggested_tier, store_row_text(r, c0 + 3));
	copy(d->suggestion_reason, sizeof d->suggestion_reason, store_row_text(r, c0 + 4));
	d->home_check = (int)store_row_int(r, c0 + 5);
	copy(d->tier, sizeof d->tier, store_row_text(r, c0 + 6));
	copy(d->outcome, sizeof d->outcome, store_row_text(r, c0 + 7));
	copy(d->override_reason, sizeof d->override_reason, store_row_text(r, c0 + 8));
	copy(d->rejection_reason, sizeof d->rejection_reason, store_row_text(r, c0 + 9));
	copy(d->note, sizeof d->note, store_row_text(r, c0 + 10));
	d->decided_by = store_row_int(r, c0 + 11);
	copy(d->decided_by_name, sizeof d->decided_by_name, store_row_text(r, c0 + 12));
	d->decided_at = store_row_int(r, c0 + 13);
}

static int decision_row(void *ctx, const struct store_row *r)
{
	triage_decision_read(r, 0, ctx);
	return 1;
}

int triage_decision_get(struct store *st, int64_t referral_id, struct triage_decision_view *d)
{
	memset(d, 0, sizeof *d);
	return store_exec(st, STMT_TRIAGE_DECISION_LATEST, decision_row, d, "i", referral_id);
}

void triage_case_read(const struct store_row *r, int c0, struct triage_case *c)
{
	c->id = store_row_int(r, c0);
	copy(c->tier, sizeof c->tier, store_row_text(r, c0 + 1));
	c->org_id = store_row_int(r, c0 + 2);
	copy(c->org_name, sizeof c->org_name, store_row_text(r, c0 + 3));
	c->worker_id = store_row_int(r, c0 + 4);
	copy(c->worker_name, sizeof c->worker_name, store_row_text(r, c0 + 5));
	copy(c->reason, sizeof c->reason, store_row_text(r, c0 + 6));
	c->overflowed = (int)store_row_int(r, c0 + 7);
	c->home_check = (int)store_row_int(r, c0 + 8);
	c->opened_at = store_row_int(r, c0 + 9);
	copy(c->status, sizeof c->status, store_row_text(r, c0 + 10));
	c->closed_at = store_row_int(r, c0 + 11);
	copy(c->closure_reason, sizeof c->closure_reason, store_row_text(r, c0 + 12));
}

static int case_row(void *ctx, const struct store_row *r)
{
	triage_case_read(r, 0, ctx);
	return 1;
}

int triage_case_get(struct store *st, int64_t referral_id, struct triage_case *c)
{
	memset(c, 0, sizeof *c);
	return store_exec(st, STMT_CASE_BY_REFERRAL, case_row, c, "i", referral_id);
}

int triage_case_held_by(struct store *st, int64_t referral_id, int64_t org_id)
{
	int64_t n = 0;
	if (store_get_int(st, STMT_CASE_HELD_BY, &n, "ii", referral_id, org_id) != 1)
		return -1;
	return n > 0;
}

/* ---- Reassignment ---- */

enum triage_result triage_reassign(struct store *st, const struct triage_reassign *rq, struct triage_outcome *out,
				   struct field_errors *fe)
{
	memset(out, 0, sizeof *out);
	struct triage_subject *s = malloc(sizeof *s);
	struct triage_decision_view *d = malloc(sizeof *d);
	struct triage_case *c = malloc(sizeof *c);
	enum triage_result res = TRIAGE_ERROR;
	if (!s || !d || !c) {
		store_set_error(st, STORE_ERROR, "out of memory");
		goto done;
	}
	int n = triage_subject_get(st, rq->referral_id, rq->now, s);
	if (n <= 0) {
		res = n == 0 ? TRIAGE_NOT_FOUND : TRIAGE_ERROR;
		goto done;
	}
	out->person_id = s->person_id;
	copy(out->status, sizeof out->status, s->status);
	int has_case = triage_case_get(st, s->id, c);
	if (has_case < 0 || triage_decision_get(st, s->id, d) < 0)
		goto done;
	if (rq->own_org_only && (!has_case || c->org_id != rq->org_id)) {
		res = TRIAGE_NOT_FOUND;
		goto done;
	}
	int triaged = strcmp(s->status, "triaged") == 0 && !has_case;
	int open = has_case && strcmp(c->status, "open") == 0 &&
		   (strcmp(s->status, "allocated") == 0 || strcmp(s->status, "in_progress") == 0);
	int tier = triage_tier_from_code(d->tier);
	if ((!triaged && !open) || (tier != TRIAGE_TIER_SOCIAL_PRESCRIBING && tier != TRIAGE_TIER_COMPLEX_SUPPORT)) {
		res = TRIAGE_CONFLICT;
		goto done;
	}
	copy(out->tier, sizeof out->tier, d->tier);
	enum allocate_kind want = tier == TRIAGE_TIER_SOCIAL_PRESCRIBING ? ALLOCATE_LINK_WORKER : ALLOCATE_SUPPORT_WORKER;
	struct worker_info w;
	int wn = rq->worker_id > 0 ? worker_get(st, rq->worker_id, rq->now, &w) : 0;
	if (wn < 0)
		goto done;
	if (wn == 0 || !w.active)
		fielderr_add(fe, "worker_id", "Choose an active worker: there is no active worker %lld", (long long)rq->worker_id);
	else if (w.kind != want)
		fielderr_add(fe, "worker_id", "Choose a %s: %s cases need one, and %s is a %s",
			     want == ALLOCATE_LINK_WORKER ? "Living Well Worker" : "support worker", triage_tier_label(tier),
			     w.name, w.kind == ALLOCATE_LINK_WORKER ? "Living Well Worker" : "support worker");
	else if (rq->own_org_only && w.org_id != rq->org_id)
		fielderr_add(fe, "worker_id", "Choose a worker of your own organisation");
	else if (has_case && c->worker_id == w.id)
		fielderr_add(fe, "worker_id", "The case is already with %s; choose another worker", w.name);
	if (text_blank(rq->reason))
		fielderr_add(fe, "reason", "Give the reason for the reallocation");
	else if (text_utf8_len(rq->reason) > TRIAGE_TEXT_MAX)
		fielderr_add(fe, "reason", "The reason must be %d characters or fewer", TRIAGE_TEXT_MAX);
	if (fe->n) {
		res = TRIAGE_INVALID;
		goto done;
	}
	out->worker_id = w.id;
	out->org_id = w.org_id;
	copy(out->worker_name, sizeof out->worker_name, w.name);
	copy(out->org_name, sizeof out->org_name, w.org_name);
	out->alloc.status = ALLOCATE_OK;
	out->alloc.worker_id = w.id;
	out->alloc.provider_id = w.org_id;
	char rs[240];
	copy(rs, sizeof rs, rq->reason);
	snprintf(out->alloc.reason, sizeof out->alloc.reason, "by hand: %s", rs);
	char detail[512];
	join_detail(detail, sizeof detail, w.name, w.org_name, rq->reason);
	if (has_case) {
		struct report_sum_acc *b;
		if (rptcase_before(st, s->id, &b))
			goto done;
		if (store_exec(st, STMT_CASE_REASSIGN, NULL, NULL, "iisi", w.org_id, w.id, out->alloc.reason, c->id) != 1) {
			rptcase_abandon(st, b);
			goto done;
		}
		if (rptcase_after(st, s->id, b))
			goto done;
		out->case_id = c->id;
		res = note_event(st, s->id, "reassigned", detail, rq->user_id, rq->now);
		goto done;
	}
	if (insert_case(st, s, d->tier, w.org_id, w.id, out->alloc.reason, 0, d->home_check || s->home_check_needed,
			rq->now, "open", NULL, &out->case_id))
		goto done;
	res = set_status(st, s->id, "triaged", "allocated", "allocated", detail, rq->user_id, rq->now);
	if (res == TRIAGE_OK)
		copy(out->status, sizeof out->status, "allocated");
done:
	free(s);
	free(d);
	free(c);
	return res;
}

/* ---- Contacts ---- */

enum triage_result triage_contact_add(struct store *st, const struct triage_contact_request *rq, int64_t *id,
				      char status_out[24], struct field_errors *fe)
{
	*id = 0;
	status_out[0] = '\0';
	struct triage_subject *s = malloc(sizeof *s);
	enum triage_result res = TRIAGE_ERROR;
	if (!s) {
		store_set_error(st, STORE_ERROR, "out of memory");
		return TRIAGE_ERROR;
	}
	int n = triage_subject_get(st, rq->referral_id, rq->now, s);
	if (n <= 0) {
		res = n == 0 ? TRIAGE_NOT_FOUND : TRIAGE_ERROR;
		goto done;
	}
	copy(status_out, 24, s->status);
	if (!triage_contact_open(s->status)) {
		res = TRIAGE_CONFLICT;
		goto done;
	}
	triage_check_contact_time(rq->at, s->received_at, rq->now, fe);
	int has = triage_vocab_has(st, "session_modes", rq->mode, NULL, 0);
	if (has < 0)
		goto done;
	if (!has)
		fielderr_add(fe, "mode", "Choose how contact was made");
	has = triage_vocab_has(st, "contact_outcomes", rq->outcome, NULL, 0);
	if (has < 0)
		goto done;
	if (!has)
		fielderr_add(fe, "outcome", "Choose the outcome");
	if (rq->note && text_utf8_len(rq->note) > TRIAGE_TEXT_MAX)
		fielderr_add(fe, "note", "The note must be %d characters or fewer", TRIAGE_TEXT_MAX);
	if (fe->n) {
		res = TRIAGE_INVALID;
		goto done;
	}
	struct kpisum_contrib kb;
	struct report_sum_acc *rb = NULL;
	if (kpisum_before(st, s->id, &kb) || rptsum_before(st, s->id, &rb))
		goto done;
	if (store_exec(st, STMT_CONTACT_INSERT, store_row_first_int, id, "iisssIi", s->id, rq->at, rq->mode, rq->outcome,
		       text_blank(rq->note) ? NULL : rq->note, NO_USER(rq->user_id), rq->now) != 1 ||
	    kpisum_after(st, s->id, &kb)) {
		report_sum_acc_free(rb);
		goto done;
	}
	if (rptsum_after(st, s->id, rb))
		goto done;
	res = TRIAGE_OK;
	if (strcmp(rq->outcome, "successful") == 0 && strcmp(s->status, "allocated") == 0) {
		int held = triage_case_held_by(st, s->id, rq->org_id);
		if (held < 0) {
			res = TRIAGE_ERROR;
			goto done;
		}
		if (held) {
			res = set_status(st, s->id, "allocated", "in_progress", "in_progress", "first successful contact",
					 rq->user_id, rq->now);
			if (res == TRIAGE_OK)
				copy(status_out, 24, "in_progress");
		}
	}
done:
	free(s);
	return res;
}

struct contact_ctx {
	void (*fn)(void *ctx, const struct triage_contact *c);
	void *ctx;
	struct triage_contact c;
};

static int contact_row(void *ctx, const struct store_row *r)
{
	struct contact_ctx *cc = ctx;
	struct triage_contact *c = &cc->c;
	memset(c, 0, sizeof *c);
	c->id = store_row_int(r, 0);
	c->at = store_row_int(r, 1);
	copy(c->mode, sizeof c->mode, store_row_text(r, 2));
	copy(c->outcome, sizeof c->outcome, store_row_text(r, 3));
	copy(c->note, sizeof c->note, store_row_text(r, 4));
	copy(c->by, sizeof c->by, store_row_text(r, 5));
	c->recorded_at = store_row_int(r, 6);
	cc->fn(cc->ctx, c);
	return 0;
}

int triage_contacts(struct store *st, int64_t referral_id, void (*fn)(void *ctx, const struct triage_contact *c),
		    void *ctx)
{
	struct contact_ctx *cc = malloc(sizeof *cc);
	if (!cc) {
		store_set_error(st, STORE_ERROR, "out of memory");
		return -1;
	}
	cc->fn = fn;
	cc->ctx = ctx;
	int n = store_exec(st, STMT_CONTACT_LIST, contact_row, cc, "i", referral_id);
	free(cc);
	return n;
}

/* ---- Closing and withdrawing ---- */

static enum triage_result end_referral(struct store *st, int64_t id, const char *const *from_ok, const char *to,
				       const char *closure, const char *detail, int64_t user_id, int64_t now)
{
	struct triage_subject *s = malloc(sizeof *s);
	if (!s) {
		store_set_error(st, STORE_ERROR, "out of memory");
		return TRIAGE_ERROR;
	}
	enum triage_result res = TRIAGE_ERROR;
	int n = triage_subject_get(st, id, now, s);
	if (n <= 0) {
		res = n == 0 ? TRIAGE_NOT_FOUND : TRIAGE_ERROR;
		goto done;
	}
	res = TRIAGE_CONFLICT;
	for (size_t i = 0; from_ok[i]; i++)
		if (strcmp(s->status, from_ok[i]) == 0)
			res = TRIAGE_OK;
	if (res != TRIAGE_OK)
		goto done;
	struct triage_case c;
	struct report_sum_acc *b = NULL;
	int has = triage_case_get(st, id, &c);
	if (has < 0 || (has && rptcase_before(st, id, &b))) {
		res = TRIAGE_ERROR;
		goto done;
	}
	if (has && (store_exec(st, STMT_CASE_CLOSE, NULL, NULL, "isi", now, closure, c.id) < 0 || rptcase_after(st, id, b))) {
		res = TRIAGE_ERROR;
		goto done;
	}
	res = set_status(st, id, s->status, to, to, detail, user_id, now);
done:
	free(s);
	return res;
}

enum triage_result triage_close(struct store *st, int64_t referral_id, const char *closure_reason, int64_t user_id,
				int64_t now)
{
	static const char *const from[] = { "triaged", "allocated", "in_progress", NULL };
	return end_referral(st, referral_id, from, "closed", closure_reason, closure_reason, user_id, now);
}

enum triage_result triage_withdraw(struct store *st, int64_t referral_id, const char *detail, int64_t user_id,
				   int64_t now)
{
	static const char *const from[] = { "received", "triaged", "allocated", "in_progress", NULL };
	return end_referral(st, referral_id, from, "withdrawn", "withdrawn", detail, user_id, now);
}

/* ---- Breach watch ---- */

struct watch_ctx {
	const struct workclock *wc;
	int64_t now;
	struct triage_watch *w;
	struct triage_watch_item *overdue; /* TRIAGE_WATCH_MAX */
	size_t noverdue;
};

static int watch_row(void *ctx, const struct store_row *r)
{
	struct watch_ctx *c = ctx;
	struct kpi_referral k = { store_row_int(r, 3), store_row_int(r, 4), KPI_NONE };
	enum kpi_state state = kpi_state_of(c->wc, &k, c->now);
	if (state != KPI_AT_RISK && state != KPI_OVERDUE)
		return 0;
	struct triage_watch_item *it = NULL;
	if (state == KPI_AT_RISK) {
		c->w->at_risk++;
		if (c->w->n < TRIAGE_WATCH_MAX)
			it = &c->w->items[c->w->n++];
	} else {
		c->w->overdue++;
		if (c->noverdue < TRIAGE_WATCH_MAX)
			it = &c->overdue[c->noverdue++];
	}
	if (!it)
		return 0;
	memset(it, 0, sizeof *it);
	it->id = store_row_int(r, 0);
	copy(it->reference, sizeof it->reference, store_row_text(r, 1));
	copy(it->status, sizeof it->status, store_row_text(r, 2));
	it->received_at = k.received_at;
	it->sla_due_at = k.sla_due_at;
	it->remaining = workclock_remaining(c->wc, c->now, k.sla_due_at);
	it->state = state;
	char g[98], f[98];
	copy(g, sizeof g, store_row_text(r, 5));
	copy(f, sizeof f, store_row_text(r, 6));
	snprintf(it->name, sizeof it->name, "%s %s", g, f);
	copy(it->area, sizeof it->area, store_row_text(r, 7));
	return 0;
}

int triage_watch_scan(struct store *st, const struct workclock *wc, int64_t now, struct triage_watch *out)
{
	memset(out, 0, sizeof *out);
	struct watch_ctx c = { wc, now, out, calloc(TRIAGE_WATCH_MAX, sizeof *c.overdue), 0 };
	if (!c.overdue) {
		store_set_error(st, STORE_ERROR, "out of memory");
		return -1;
	}
	/* Counted time stands still in pauses, so "under 4 counted hours left"
	 * can be days away in real time: look far enough ahead to span the
	 * longest run of paused days (Christmas and a weekend). */
	int64_t horizon = now + KPI_AT_RISK_SECONDS + 10 * 86400;
	int rc = store_exec(st, STMT_TRIAGE_WATCH, watch_row, &c, "id", horizon, TRIAGE_WATCH_SCAN);
	if (rc >= 0) {
		for (size_t i = 0; i < c.noverdue && out->n < TRIAGE_WATCH_MAX; i++)
			out->items[out->n++] = c.overdue[i];
		out->scanned_at = now;
	}
	free(c.overdue);
	return rc < 0 ? -1 : 0;
}

/* ---- The follow-up KPI ---- */

struct kpi_ctx {
	struct kpi_referral *refs;
	size_t n, cap;
	int64_t attempts, excluded;
	int failed;
};

static int kpi_row(void *ctx, const struct store_row *r)
{
	struct kpi_ctx *c = ctx;
	int64_t first = store_row_isnull(r, 2) ? KPI_NONE : store_row_int(r, 2);
	const char *status = store_row_text(r, 3);
	if (first == KPI_NONE && (strcmp(status, "rejected") == 0 || strcmp(status, "withdrawn") == 0)) {
		c->excluded++;
		return 0;
	}
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 256;
		struct kpi_referral *p = realloc(c->refs, cap * sizeof *p);
		if (!p) {
			c->failed = 1;
			return 1;
		}
		c->refs = p;
		c->cap = cap;
	}
	c->refs[c->n++] = (struct kpi_referral){ store_row_int(r, 0), store_row_int(r, 1), first };
	c->attempts += store_row_int(r, 4);
	return 0;
}

int triage_kpi_followup(struct store *st, const struct workclock *wc, int64_t from_utc, int64_t to_utc,
			const char *area, int64_t now, struct triage_kpi *out)
{
	memset(out, 0, sizeof *out);
	struct kpi_ctx c = { NULL, 0, 0, 0, 0, 0 };
	const char *a = area ? area : "";
	int rc = store_exec(st, STMT_KPI_FOLLOWUP_ROWS, kpi_row, &c, "iiss", from_utc, to_utc, a, a);
	if (rc >= 0 && c.failed) {
		store_set_error(st, STORE_ERROR, "out of memory");
		rc = -1;
	}
	if (rc >= 0 && kpi_followup(wc, c.refs, c.n, now, &out->f)) {
		store_set_error(st, STORE_ERROR, "out of memory");
		rc = -1;
	}
	out->attempts = c.attempts;
	out->excluded = c.excluded;
	free(c.refs);
	return rc < 0 ? -1 : 0;
}
