/* `waymark gen`: fills a database with a deterministic synthetic dataset (volunteers, people, referrals, triage, contacts, cases, sessions, measures, tasks) and the KPI summaries, fast, and marks it synthetic. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli/cli.h"
#include "core/datetime.h"
#include "core/gen.h"
#include "core/instrument.h"
#include "core/kpi.h"
#include "core/londontime.h"
#include "core/nhsnum.h"
#include "core/refcode.h"
#include "core/referral_match.h"
#include "store/calendar.h"
#include "store/kpisum.h"
#include "store/report_sum.h"
#include "store/volunteer.h"

#define GEN_MAX_REFERRALS 10000000
#define GEN_BATCH 100000
#define GEN_ORG_NAME "Synthetic lead provider (waymark gen)"

struct district {
	char outcode[8], area[KPISUM_AREA_MAX];
	int64_t lat_e6, lon_e6;
};

struct gen_run {
	struct store *st;
	struct gen_world w;
	struct gen_practice *practices;
	char (*practice_text)[3][16];
	struct district *districts;
	size_t n_districts;
	int64_t person_base, referral_base, case_base, volunteer_base, org_id;
	int64_t seq[100]; /* last reference number per two-digit year; -1 not read yet */
	struct kpisum_acc *acc;
	struct volunteer_rec *volunteer; /* the one being stored */
	int quiet;
};

static int int_row(void *ctx, const struct store_row *r)
{
	*(int64_t *)ctx = store_row_int(r, 0);
	return 1;
}

static int text_row(void *ctx, const struct store_row *r)
{
	snprintf(ctx, 256, "%s", store_row_text(r, 0));
	return 1;
}

static int district_row(void *ctx, const struct store_row *r)
{
	struct gen_run *g = ctx;
	struct district *d = realloc(g->districts, (g->n_districts + 1) * sizeof *d);
	if (!d)
		return 1;
	g->districts = d;
	snprintf(d[g->n_districts].outcode, sizeof d->outcode, "%s", store_row_text(r, 0));
	snprintf(d[g->n_districts].area, sizeof d->area, "%s", store_row_text(r, 1));
	d[g->n_districts].lat_e6 = store_row_int(r, 2);
	d[g->n_districts].lon_e6 = store_row_int(r, 3);
	g->n_districts++;
	return 0;
}

static int practice_row(void *ctx, const struct store_row *r)
{
	struct gen_run *g = ctx;
	size_t n = g->w.n_practices;
	struct gen_practice *p = realloc(g->practices, (n + 1) * sizeof *p);
	if (p)
		g->practices = p;
	char(*t)[3][16] = realloc(g->practice_text, (n + 1) * sizeof *t);
	if (t)
		g->practice_text = t;
	if (!p || !t)
		return 1;
	snprintf(t[n][0], 16, "%s", store_row_text(r, 0));
	snprintf(t[n][1], 16, "%s", store_row_text(r, 1));
	snprintf(t[n][2], 16, "%.*s", (int)strcspn(t[n][1], " "), t[n][1]);
	p[n].list_size = store_row_int(r, 2);
	p[n].area = NULL;
	for (size_t i = 0; i < g->n_districts; i++)
		if (strcmp(g->districts[i].outcode, t[n][2]) == 0)
			p[n].area = g->districts[i].area;
	g->w.n_practices = n + 1;
	return 0;
}

/* Pointers into practice_text are set once the arrays stop moving. */
static void practices_fix(struct gen_run *g)
{
	for (size_t i = 0; i < g->w.n_practices; i++) {
		g->practices[i].code = g->practice_text[i][0];
		g->practices[i].postcode = g->practice_text[i][1];
		g->practices[i].outcode = g->practice_text[i][2];
	}
	g->w.practices = g->practices;
}

static int next_reference(struct gen_run *g, int64_t received_at, char out[REFCODE_MAX])
{
	int y, m, d;
	if (dt_civil_from_days(london_local_days(received_at), &y, &m, &d) || y < 2000 || y > 2099)
		return -1;
	int yy = y % 100;
	if (g->seq[yy] < 0) {
		g->seq[yy] = 0;
		if (store_exec(g->st, STMT_GEN_SEQ_GET, int_row, &g->seq[yy], "d", yy) < 0)
			return -1;
	}
	return refcode_make(y, ++g->seq[yy], out, REFCODE_MAX);
}

static const char *task_type(const struct gen_referral *r)
{
	if (strcmp(r->reason1, "shopping") == 0 || strcmp(r->reason1, "prescription_collection") == 0)
		return r->reason1;
	return strcmp(r->reason1, "transport") == 0 ? "driving" : "befriending_calls";
}

/* A case's sessions and SWEMWBS measures. */
static int put_casework(struct store *st, const struct gen_referral *r, int64_t cid, int64_t pid)
{
	static const char *const phases[2] = { "baseline", "follow_up" };
	for (int k = 0; k < r->n_sessions; k++)
		if (store_exec(st, STMT_GEN_SESSION, NULL, NULL, "iisdi", cid, r->sessions[k].at, r->sessions[k].mode,
			       r->sessions[k].minutes, r->sessions[k].at) < 0)
			return -1;
	for (int k = 0; k < r->n_measures; k++) {
		struct instrument_score sc;
		char answers[GEN_SWEMWBS_ITEMS * 3] = "";
		size_t used = 0;
		for (int a = 0; a < GEN_SWEMWBS_ITEMS; a++)
			used += (size_t)snprintf(answers + used, sizeof answers - used, "%s%d", a ? "," : "", r->swemwbs[k][a]);
		if (instrument_score(INSTRUMENT_SWEMWBS, r->swemwbs[k], GEN_SWEMWBS_ITEMS, &sc, NULL, 0) ||
		    store_exec(st, STMT_GEN_MEASURE, NULL, NULL, "iissddii", cid, pid, phases[k], answers, sc.raw, sc.score_x100,
			       r->measure_at[k], r->measure_at[k]) < 0)
			return -1;
	}
	return 0;
}

/* Community support's task, done or accepted by a volunteer who offers it
 * near the person (offered and accepted within a day of triage), or open. */
static int put_task(struct gen_run *g, int64_t i, const struct gen_referral *r, int64_t rid, int64_t cid)
{
	const char *type = task_type(r);
	int64_t j = gen_task_volunteer(&g->w, i, r, type);
	int64_t vid = j < 0 ? INT64_MIN : g->volunteer_base + 1 + j;
	int64_t offered = r->triaged_at + 3600, answered = r->triaged_at + 5 * 3600;
	const char *status = j < 0 ? "open" : r->case_closed_at ? "done" : "accepted";
	int64_t day = london_local_days(r->triaged_at);
	return store_exec(g->st, STMT_GEN_TASK, NULL, NULL, "iissiisiIsIIIIi", rid, cid, type, r->postcode, day, day + 13,
			  status, r->triaged_at, vid, j < 0 ? NULL : "synthetic: offers this and lives in the area",
			  j < 0 ? INT64_MIN : offered, j < 0 ? INT64_MIN : answered,
			  j >= 0 && r->case_closed_at ? (int64_t)60 : INT64_MIN,
			  j >= 0 && r->case_closed_at ? r->case_closed_at : INT64_MIN,
			  r->case_closed_at ? r->case_closed_at : r->triaged_at) < 0 ? -1 : 0;
}

/* Volunteer j with their skills and weekly availability, stored as a coordinator's are (store/volunteer.c). */
static int put_volunteer(struct gen_run *g, int64_t j)
{
	struct gen_volunteer v;
	gen_volunteer_make(&g->w, j, &v);
	double lat = 0, lon = 0;
	for (size_t d = 0; d < g->n_districts; d++)
		if (strcmp(g->districts[d].outcode, v.home->outcode) == 0) {
			lat = (double)g->districts[d].lat_e6 / 1e6;
			lon = (double)g->districts[d].lon_e6 / 1e6;
		}
	struct volunteer_rec *r = g->volunteer;
	memset(r, 0, sizeof *r);
	snprintf(r->name, sizeof r->name, "%s %s", v.given, v.family);
	snprintf(r->phone, sizeof r->phone, "%s", v.phone);
	snprintf(r->postcode, sizeof r->postcode, "%.*s", (int)sizeof r->postcode - 1, v.postcode);
	snprintf(r->outcode, sizeof r->outcode, "%s", v.home->outcode);
	snprintf(r->notes, sizeof r->notes, "synthetic (waymark gen)");
	r->travel_radius_m = v.travel_radius_m;
	r->has_car = v.has_car;
	r->max_tasks_per_week = v.max_tasks_per_week;
	r->consent_to_share = 1;
	int status = volunteer_status_from_code(v.status), level = v.dbs_level ? dbs_level_from_code(v.dbs_level) : -1;
	r->status = status < 0 ? VOLUNTEER_APPLICANT : (enum volunteer_status)status;
	r->dbs = (struct dbs_check){ level < 0 ? DBS_NONE : (enum dbs_level)level,
				     level < 0 ? COMPLIANCE_NO_DAY : v.dbs_certificate_day, v.dbs_update_service,
				     level < 0 ? COMPLIANCE_NO_DAY : v.dbs_renewal_day };
	for (int k = 0; k < v.n_skills; k++)
		if (volunteer_skill_of(v.skills[k]) >= 0)
			r->skills |= 1u << volunteer_skill_of(v.skills[k]);
	for (int k = 0; k < v.n_slots; k++)
		r->slots[r->n_slots++] = (struct volunteer_slot){ v.slots[k].weekday, v.slots[k].start_minute,
								  v.slots[k].end_minute };
	return volunteer_create_as(g->st, g->volunteer_base + 1 + j, g->org_id, lat, lon, r,
				   london_midnight_utc(g->w.first_day));
}

/* Stores referral i with its person, reasons, triage, contacts, case, sessions, measures and task; tallies its KPI contribution. */
static int put_referral(struct gen_run *g, int64_t i)
{
	struct store *st = g->st;
	struct gen_referral r;
	gen_referral_make(&g->w, i, &r);
	int64_t rid = g->referral_base + 1 + i;
	int64_t person_no = r.person_no;
	int64_t pid = g->person_base + 1 + person_no;
	const char *area = r.practice->area;
	if (!r.repeat_of) {
		char key[128];
		if (referral_match_key(r.given, r.family, r.dob_day, r.postcode, key, sizeof key))
			snprintf(key, sizeof key, "synthetic-%" PRId64, pid);
		/* The first million people of a database gen fills from empty get an NHS
		 * number from the test range 999 (searches find people by it). */
		char nhs[NHSNUM_LEN];
		int has_nhs = g->person_base == 0 && gen_nhs_number(pid, nhs) == 0;
		if (store_exec(st, STMT_GEN_PERSON, NULL, NULL, "ississsssssiis", pid, r.given, r.family, r.dob_day, r.gender,
			       r.postcode, r.phone, r.practice->code, r.practice->outcode, area, key, r.received_at,
			       r.received_at, has_nhs ? nhs : NULL) < 0)
			return -1;
	}
	char ref[REFCODE_MAX];
	if (next_reference(g, r.received_at, ref)) {
		store_set_error(st, STORE_ERROR, "a synthetic referral's year is outside 2000-2099");
		return -1;
	}
	if (store_exec(st, STMT_GEN_REFERRAL, NULL, NULL, "isissddsiiii", rid, ref, pid, r.source, r.urgency,
		       r.safeguarding, r.lives_alone, r.status, r.received_at, r.sla_due_at, r.received_at,
		       r.received_at) < 0 ||
	    store_exec(st, STMT_GEN_REASON, NULL, NULL, "is", rid, r.reason1) < 0 ||
	    (r.reason2 && store_exec(st, STMT_GEN_REASON, NULL, NULL, "is", rid, r.reason2) < 0))
		return -1;
	if (r.tier) {
		int rejected = strcmp(r.outcome, "rejected") == 0, overridden = strcmp(r.outcome, "overridden") == 0;
		if (store_exec(st, STMT_GEN_DECISION, NULL, NULL, "isssssi", rid, overridden ? "signpost" : r.tier, r.tier,
			       r.outcome, overridden ? "synthetic override" : NULL, rejected ? "not_eligible" : NULL,
			       r.triaged_at) < 0)
			return -1;
	}
	int64_t first = KPI_NONE;
	for (int k = 0; k < r.n_contacts; k++) {
		const struct gen_contact *c = &r.contacts[k];
		if (store_exec(st, STMT_GEN_CONTACT, NULL, NULL, "iissi", rid, c->at, c->mode, c->outcome, c->at) < 0)
			return -1;
		if (strcmp(c->outcome, "successful") == 0 && (first == KPI_NONE || c->at < first))
			first = c->at;
	}
	if (r.has_case) {
		int64_t cid = g->case_base + 1 + i;
		if (store_exec(st, STMT_GEN_CASE, NULL, NULL, "iiisiisIs", cid, rid, pid, r.tier, g->org_id, r.triaged_at,
			       r.case_closed_at ? "closed" : "open", r.case_closed_at ? r.case_closed_at : INT64_MIN,
			       r.case_closed_at ? "completed" : NULL) < 0)
			return -1;
		if (put_casework(st, &r, cid, pid))
			return -1;
		if (strcmp(r.tier, "community_support") == 0 && put_task(g, i, &r, rid, cid))
			return -1;
	}
	struct kpisum_facts f = { r.received_at, r.sla_due_at, first, r.n_contacts,
				  strcmp(r.status, "rejected") == 0 || strcmp(r.status, "withdrawn") == 0, area };
	struct kpisum_contrib c;
	kpisum_contrib_of(g->w.wc, &f, &c);
	if (kpisum_acc_add(g->acc, &c, 1)) {
		store_set_error(st, STORE_ERROR, "out of memory");
		return -1;
	}
	return c.elapsed >= 0 ? kpisum_first_put(st, rid, &c) : 0;
}

/* ---- SQLite bulk-load mode: no fsync, no foreign-key lookups, secondary indexes made after the load ---- */

struct saved_index {
	char name[128];
	char *sql;
};
struct saved_indexes {
	struct saved_index *v;
	size_t n;
};

static int index_row(void *ctx, const struct store_row *r)
{
	struct saved_indexes *s = ctx;
	struct saved_index *p = realloc(s->v, (s->n + 1) * sizeof *p);
	if (!p)
		return 1;
	s->v = p;
	snprintf(p[s->n].name, sizeof p->name, "%s", store_row_text(r, 0));
	p[s->n].sql = strdup(store_row_text(r, 1));
	s->n++;
	return 0;
}

static int sqlite_load_begin(struct store *st, struct saved_indexes *saved)
{
	if (store_exec_script(st, "PRAGMA foreign_keys=OFF; PRAGMA synchronous=OFF; PRAGMA journal_mode=MEMORY; "
				  "PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;") ||
	    store_exec(st, STMT_GEN_SQLITE_INDEXES, index_row, saved, "") < 0)
		return -1;
	for (size_t i = 0; i < saved->n; i++) {
		char sql[160];
		snprintf(sql, sizeof sql, "DROP INDEX \"%s\"", saved->v[i].name);
		if (!saved->v[i].sql || store_exec_script(st, sql))
			return -1;
	}
	return 0;
}

static int sqlite_load_end(struct store *st, struct saved_indexes *saved, int quiet)
{
	int rc = 0;
	for (size_t i = 0; i < saved->n; i++) {
		if (!quiet)
			fprintf(stderr, "\rgen: making index %zu of %zu (%s)\033[K", i + 1, saved->n, saved->v[i].name);
		if (rc == 0 && saved->v[i].sql && store_exec_script(st, saved->v[i].sql))
			rc = -1;
		free(saved->v[i].sql);
	}
	free(saved->v);
	if (!quiet)
		fprintf(stderr, "\n");
	/* Durability as the server has it (store/sqlite.c). */
	if (store_exec_script(st, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"))
		rc = -1;
	return rc;
}

/* ---- The command ---- */

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static int parse_int(const char *name, const char *v, int64_t lo, int64_t hi, int64_t *out)
{
	char *end;
	errno = 0;
	long long x = strtoll(v, &end, 10);
	if (errno || end == v || *end || x < lo || x > hi) {
		fprintf(stderr, "waymark gen: --%s must be a whole number from %" PRId64 " to %" PRId64 "\n", name, lo, hi);
		return -1;
	}
	*out = x;
	return 0;
}

/* 0 when the database holds only referrals made by gen (or none). */
static int check_synthetic(struct store *st, int64_t *had)
{
	int64_t n = 0, marked = 0;
	char mark[256] = "";
	if (store_exec(st, STMT_GEN_COUNT_REFERRALS, int_row, &n, "") < 0 ||
	    store_exec(st, STMT_GEN_SETTING_GET, text_row, mark, "s", "synthetic_referrals") < 0) {
		fprintf(stderr, "waymark gen: %s\n", store_errmsg(st));
		return -1;
	}
	marked = mark[0] ? strtoll(mark, NULL, 10) : 0;
	if (n != marked) {
		fprintf(stderr, "waymark gen: refusing: this database holds %" PRId64 " referrals not made by waymark gen "
			"(real records); use a fresh database from `waymark init`\n", n - marked);
		return -1;
	}
	*had = n;
	return 0;
}

static int setup(struct gen_run *g, int64_t until_day, int64_t days)
{
	struct store *st = g->st;
	if (store_exec(st, STMT_GEN_DISTRICTS, district_row, g, "") < 0 ||
	    store_exec(st, STMT_GEN_PRACTICES, practice_row, g, "") < 0)
		return -1;
	practices_fix(g);
	g->w.first_day = until_day - days + 1;
	g->w.days = days;
	g->w.now = london_midnight_utc(until_day + 1) - 1;
	if (gen_world_init(&g->w)) {
		store_set_error(st, STORE_ERROR, "no practices with list sizes (run `waymark init`)");
		return -1;
	}
	for (int i = 0; i < 100; i++)
		g->seq[i] = -1;
	if (store_exec(st, STMT_GEN_MAX_PERSON, int_row, &g->person_base, "") < 0 ||
	    store_exec(st, STMT_GEN_MAX_REFERRAL, int_row, &g->referral_base, "") < 0 ||
	    store_exec(st, STMT_GEN_MAX_CASE, int_row, &g->case_base, "") < 0 ||
	    store_exec(st, STMT_GEN_MAX_VOLUNTEER, int_row, &g->volunteer_base, "") < 0 ||
	    store_exec(st, STMT_GEN_ORG_FIND, int_row, &g->org_id, "s", GEN_ORG_NAME) < 0)
		return -1;
	if (!g->org_id && store_exec(st, STMT_GEN_ORG_ADD, int_row, &g->org_id, "si", GEN_ORG_NAME,
				     london_midnight_utc(g->w.first_day)) != 1)
		return -1;
	g->volunteer = malloc(sizeof *g->volunteer);
	return (g->acc = kpisum_acc_new()) && g->volunteer ? 0 : (store_set_error(st, STORE_ERROR, "out of memory"), -1);
}

/* Summaries, reference numbers and the synthetic marker, in one transaction. */
static int finish(struct gen_run *g, int64_t had, uint64_t seed, int64_t n)
{
	struct store *st = g->st;
	char v[256];
	if (store_begin(st) || kpisum_acc_write(st, g->acc) || rptsum_rebuild(st))
		return -1;
	for (int yy = 0; yy < 100; yy++)
		if (g->seq[yy] >= 0 && store_exec(st, STMT_GEN_SEQ_PUT, NULL, NULL, "di", yy, g->seq[yy]) < 0)
			return -1;
	snprintf(v, sizeof v, "%" PRId64, had + n);
	if (store_exec(st, STMT_GEN_SETTING_PUT, NULL, NULL, "ss", "synthetic_referrals", v) < 0)
		return -1;
	snprintf(v, sizeof v, "waymark gen --seed %" PRIu64 " --referrals %" PRId64, seed, n);
	if (store_exec(st, STMT_GEN_SETTING_PUT, NULL, NULL, "ss", "synthetic", v) < 0)
		return -1;
	return store_commit(st);
}

int cmd_gen(int argc, char **argv, struct cli_opt *opts)
{
	if (cli_no_args("gen", argc, argv))
		return 2;
	int64_t n, seed, days, until_day = london_local_days((int64_t)time(NULL)) - 1;
	if (!cli_get(opts, "referrals")) {
		fprintf(stderr, "waymark gen: --referrals N is required (up to %d)\n", GEN_MAX_REFERRALS);
		return 2;
	}
	if (parse_int("referrals", cli_get(opts, "referrals"), 1, GEN_MAX_REFERRALS, &n) ||
	    parse_int("seed", cli_get_or(opts, "seed", "1"), 0, INT64_MAX, &seed) ||
	    parse_int("days", cli_get_or(opts, "days", "365"), 1, 3660, &days))
		return 2;
	const char *until = cli_get(opts, "until");
	if (until && dt_parse_date(until, &until_day)) {
		fprintf(stderr, "waymark gen: --until '%s' is not a date; write it like 2026-10-31\n", until);
		return 2;
	}
	struct gen_run g;
	memset(&g, 0, sizeof g);
	g.quiet = cli_get(opts, "quiet") || !isatty(2);
	g.w.n_referrals = n;
	g.w.seed = (uint64_t)seed;
	if (!(g.st = cli_open_db(opts, 1)))
		return 1;
	struct store *st = g.st;
	struct calendar cal;
	int64_t had = 0;
	int rc = 1;
	if (check_synthetic(st, &had))
		goto out_db;
	if (calendar_load(st, &cal)) {
		fprintf(stderr, "waymark gen: cannot read the calendar: %s\n", store_errmsg(st));
		goto out_db;
	}
	g.w.wc = &cal.wc;
	struct saved_indexes saved = { NULL, 0 };
	int sqlite = store_kind(st) == STORE_SQLITE;
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (store_begin(st) || setup(&g, until_day, days) || store_commit(st) ||
	    (sqlite && sqlite_load_begin(st, &saved)))
		goto fail;
	/* The volunteers first: the referrals' tasks name them. */
	if (store_begin(st))
		goto fail;
	for (int64_t j = 0; j < gen_volunteer_count(&g.w); j++)
		if (put_volunteer(&g, j)) {
			store_rollback(st);
			goto fail;
		}
	if (store_commit(st))
		goto fail;
	for (int64_t i = 0; i < n;) {
		if (store_begin(st))
			goto fail;
		int64_t end = i + GEN_BATCH < n ? i + GEN_BATCH : n;
		for (; i < end; i++)
			if (put_referral(&g, i)) {
				store_rollback(st);
				goto fail;
			}
		if (store_commit(st))
			goto fail;
		if (!g.quiet) {
			double s = seconds_since(&t0);
			fprintf(stderr, "\rgen: %" PRId64 " of %" PRId64 " referrals (%d%%), %.0f a second\033[K", i, n,
				(int)(i * 100 / n), s > 0 ? (double)i / s : 0.0);
		}
	}
	if (!g.quiet)
		fprintf(stderr, "\n");
	/* The indexes come back before the summaries are counted: their recount joins the loaded tables. */
	if (sqlite && sqlite_load_end(st, &saved, g.quiet))
		goto fail;
	saved.n = 0;
	if (finish(&g, had, (uint64_t)seed, n)) {
		store_rollback(st);
		goto fail;
	}
	double secs = seconds_since(&t0);
	fprintf(stderr, "gen: %" PRId64 " synthetic referrals (seed %" PRId64 ", %" PRId64 " days to %s) in %.2f s: %.0f referrals a second\n",
		n, seed, days, until ? until : "yesterday", secs, (double)n / (secs > 0 ? secs : 1e-9));
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "\nwaymark gen: %s\n", store_errmsg(st));
	if (sqlite && saved.n)
		sqlite_load_end(st, &saved, 1);
out:
	calendar_free(&cal);
	kpisum_acc_free(g.acc);
	free(g.volunteer);
	gen_world_free(&g.w);
	free(g.practices);
	free(g.practice_text);
	free(g.districts);
out_db:
	store_close(st);
	return rc;
}
