/* The matching domain: eligibility rules, the cost model, the flow network they make, and the reasons shown to coordinators. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/datetime.h"
#include "core/geo.h"
#include "core/londontime.h"
#include "core/match.h"

static const char *const skill_codes[MATCH_SKILL__MAX] = {
	[MATCH_SKILL_SHOPPING] = "shopping",
	[MATCH_SKILL_PRESCRIPTION_COLLECTION] = "prescription_collection",
	[MATCH_SKILL_BEFRIENDING_CALLS] = "befriending_calls",
	[MATCH_SKILL_BEFRIENDING_VISITS] = "befriending_visits",
	[MATCH_SKILL_DRIVING] = "driving",
	[MATCH_SKILL_FORM_FILLING] = "form_filling",
	[MATCH_SKILL_DIGITAL_HELP] = "digital_help",
	[MATCH_SKILL_DOG_WALKING] = "dog_walking",
	[MATCH_SKILL_HOME_CHECK] = "home_check",
	[MATCH_SKILL_GARDENING] = "gardening",
	[MATCH_SKILL_LANGUAGES] = "languages",
};

/* Lower case because they sit mid-sentence in reasons. */
static const char *const skill_labels[MATCH_SKILL__MAX] = {
	[MATCH_SKILL_SHOPPING] = "shopping",
	[MATCH_SKILL_PRESCRIPTION_COLLECTION] = "prescription collection",
	[MATCH_SKILL_BEFRIENDING_CALLS] = "befriending calls",
	[MATCH_SKILL_BEFRIENDING_VISITS] = "befriending visits",
	[MATCH_SKILL_DRIVING] = "driving",
	[MATCH_SKILL_FORM_FILLING] = "help with forms",
	[MATCH_SKILL_DIGITAL_HELP] = "digital help",
	[MATCH_SKILL_DOG_WALKING] = "dog walking",
	[MATCH_SKILL_HOME_CHECK] = "home check",
	[MATCH_SKILL_GARDENING] = "gardening",
	[MATCH_SKILL_LANGUAGES] = "languages",
};

static const char day_names[7][4] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
static const char month_names[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

#define EN_DASH "\xe2\x80\x93"
/* Metres per degree of latitude on the sphere geo.h uses: a cheap lower bound on any distance. */
#define M_PER_DEG_LAT (GEO_EARTH_RADIUS_M * M_PI / 180.0)

const char *match_skill_code(enum match_skill s)
{
	return (unsigned)s < MATCH_SKILL__MAX ? skill_codes[s] : NULL;
}

const char *match_skill_label(enum match_skill s)
{
	return (unsigned)s < MATCH_SKILL__MAX ? skill_labels[s] : NULL;
}

void match_params_default(struct match_params *p, int64_t now)
{
	/*
	 * A priority-1 task is worth 25 km of travel and each step up doubles it:
	 * above any volunteer's radius, so a task is left only when no eligible
	 * volunteer is free, and large enough that a more urgent task wins a
	 * contested volunteer unless that saves tens of kilometres elsewhere.
	 */
	static const int64_t penalties[MATCH_PRIORITY_MAX] = {25000, 50000, 100000, 200000, 400000};

	memset(p, 0, sizeof(*p));
	p->now = now;
	p->continuity_bonus_m = 2000;
	p->cost_floor_m = 0;
	memcpy(p->penalty_m, penalties, sizeof(penalties));
}

int match_task_valid(const struct match_task *t)
{
	if (t->priority < MATCH_PRIORITY_MIN || t->priority > MATCH_PRIORITY_MAX)
		return -1;
	if ((t->skills & ~MATCH_SKILLS_ALL) != 0)
		return -1;
	if (t->window_start < DT_SECONDS_MIN || t->window_end > DT_SECONDS_MAX || t->window_end <= t->window_start ||
	    t->window_end - t->window_start > MATCH_WINDOW_MAX_SECONDS)
		return -1;
	if (t->duration < 0 || t->duration > t->window_end - t->window_start)
		return -1;
	if (t->n_declined < 0 || t->n_declined > MATCH_DECLINED_MAX)
		return -1;
	/* Positions are checked by geo: an invalid one just makes every volunteer too far. */
	return 0;
}

int match_volunteer_valid(const struct match_volunteer *v)
{
	if ((v->skills & ~MATCH_SKILLS_ALL) != 0)
		return -1;
	if (v->radius_m < 0 || v->radius_m > MATCH_RADIUS_MAX_M)
		return -1;
	if (v->capacity < 0 || v->capacity > MATCH_CAPACITY_MAX)
		return -1;
	if (v->n_avail < 0 || v->n_avail > MATCH_AVAIL_MAX)
		return -1;
	if (v->training_missing < 0 || v->training_missing > MATCH_TRAINING_MAX)
		return -1;
	if (v->n_days_off < 0 || v->n_days_off > MATCH_DAYS_OFF_MAX || (v->n_days_off > 0 && !v->days_off))
		return -1;
	for (int i = 0; i < v->n_avail; i++)
		if (v->avail[i].start < 0 || v->avail[i].end <= v->avail[i].start ||
		    v->avail[i].end > MATCH_WEEK_SECONDS)
			return -1;
	return 0;
}

int match_params_valid(const struct match_params *p)
{
	/* Kept well inside MCF_COST_MAX so costs and penalties never need clamping. */
	const int64_t lim = (int64_t)1 << 32;

	if (p->continuity_bonus_m < 0 || p->continuity_bonus_m > lim || p->cost_floor_m < -lim ||
	    p->cost_floor_m > lim)
		return -1;
	for (int i = 0; i < MATCH_PRIORITY_MAX; i++)
		if (p->penalty_m[i] < -lim || p->penalty_m[i] > lim)
			return -1;
	return 0;
}

static int day_off(const struct match_volunteer *v, int64_t day)
{
	for (int i = 0; i < v->n_days_off; i++)
		if (v->days_off[i] == day)
			return 1;
	return 0;
}

/*
 * The start of the earliest part of [lo, hi) (London wall-clock seconds) at
 * least need long that touches none of the volunteer's days off, or -1.
 * Without days off that is lo when the interval is long enough.
 */
static int64_t first_clear(const struct match_volunteer *v, int64_t lo, int64_t hi, int64_t need)
{
	int64_t seg = lo;

	for (int64_t d = dt_day_of(lo); v->n_days_off && d * 86400 < hi; d++) {
		if (!day_off(v, d))
			continue;
		if (d * 86400 - seg >= need)
			return seg;
		if ((d + 1) * 86400 > seg)
			seg = (d + 1) * 86400;
	}
	return hi - seg >= need ? seg : -1;
}

/*
 * The first slot (by local start time) of the volunteer's week that overlaps
 * the task's window for at least its duration, or -1. The window is turned
 * into London wall-clock time because volunteers give availability that way
 * ("Tuesdays 10 to 12"), and a window longer than a week repeats the week.
 * Days off (exceptions to the week) cut slots: the part used must miss them.
 */
static int avail_fit(const struct match_task *t, const struct match_volunteer *v)
{
	int64_t ls = t->window_start + london_offset(t->window_start);
	int64_t le = t->window_end + london_offset(t->window_end);
	int64_t need = t->duration > 0 ? t->duration : 1;
	int64_t day = dt_day_of(ls);
	int64_t best_lo = INT64_MAX;
	int best = -1;

	for (int64_t base = (day - dt_weekday(day)) * 86400; base < le; base += MATCH_WEEK_SECONDS)
		for (int i = 0; i < v->n_avail; i++) {
			int64_t lo = base + v->avail[i].start, hi = base + v->avail[i].end;

			if (lo < ls)
				lo = ls;
			if (hi > le)
				hi = le;
			int64_t at = hi - lo >= need ? first_clear(v, lo, hi, need) : -1;

			if (at >= 0 && at < best_lo) {
				best_lo = at;
				best = i;
			}
		}
	return best;
}

static int dbs_ok(const struct match_task *t, const struct match_volunteer *v, const struct match_params *p)
{
	return v->dbs_enhanced_valid_until != 0 && v->dbs_enhanced_valid_until >= t->window_end &&
	       v->dbs_enhanced_valid_until > p->now;
}

static int declined(const struct match_task *t, int64_t vol_id)
{
	for (int i = 0; i < t->n_declined; i++)
		if (t->declined[i] == vol_id)
			return 1;
	return 0;
}

/*
 * quick stops at the first failure and skips the haversine when latitude
 * alone rules the pair out, because building a network checks every pair and
 * most fail; otherwise every constraint is checked, for explanations. fit is
 * filled whenever the checks get that far (always when not quick).
 */
static unsigned check(const struct match_task *t, const struct match_volunteer *v, const struct match_params *p,
		      struct match_fit *fit, int quick)
{
	unsigned fail = 0;
	int64_t dist = -1;
	int slot = -1;

	if (v->capacity <= 0) {
		fail |= 1u << MATCH_FAIL_CAPACITY;
		if (quick)
			return fail;
	}
	if ((t->skills & ~v->skills) != 0) {
		fail |= 1u << MATCH_FAIL_SKILL;
		if (quick)
			return fail;
	}
	if ((t->skills & (1u << MATCH_SKILL_DRIVING)) && !v->car) {
		fail |= 1u << MATCH_FAIL_CAR;
		if (quick)
			return fail;
	}
	if (t->home_visit && !dbs_ok(t, v, p)) {
		fail |= 1u << MATCH_FAIL_DBS;
		if (quick)
			return fail;
	}
	if (v->training_missing > 0) {
		fail |= 1u << MATCH_FAIL_TRAINING;
		if (quick)
			return fail;
	}
	if (declined(t, v->id)) {
		fail |= 1u << MATCH_FAIL_DECLINED;
		if (quick)
			return fail;
	}
	if (quick && fabs(t->lat - v->lat) * M_PER_DEG_LAT > (double)v->radius_m + 1.0)
		return fail | 1u << MATCH_FAIL_DISTANCE;
	dist = geo_haversine_m(t->lat, t->lon, v->lat, v->lon);
	if (dist < 0 || dist > v->radius_m) {
		fail |= 1u << MATCH_FAIL_DISTANCE;
		if (quick)
			return fail;
	}
	slot = avail_fit(t, v);
	if (slot < 0)
		fail |= 1u << MATCH_FAIL_AVAILABILITY;
	if (fit) {
		int64_t cost = dist;

		fit->distance_m = dist;
		fit->avail_index = slot;
		fit->continuity = t->previous_volunteer_id != 0 && t->previous_volunteer_id == v->id;
		if (fit->continuity)
			cost -= p->continuity_bonus_m;
		fit->cost = cost < p->cost_floor_m ? p->cost_floor_m : cost;
	}
	return fail;
}

unsigned match_check(const struct match_task *t, const struct match_volunteer *v, const struct match_params *p,
		     struct match_fit *fit)
{
	struct match_fit local;

	return check(t, v, p, fit ? fit : &local, 0);
}

static int validate_all(const struct match_task *tasks, size_t n_tasks, const struct match_volunteer *vols,
			size_t n_vols, const struct match_params *p)
{
	if (!p || match_params_valid(p) < 0 || n_tasks > (size_t)MCF_TASKS_MAX || n_vols > (size_t)MCF_VOLS_MAX ||
	    (n_tasks && !tasks) || (n_vols && !vols))
		return -1;
	for (size_t i = 0; i < n_tasks; i++)
		if (match_task_valid(&tasks[i]) < 0)
			return -1;
	for (size_t i = 0; i < n_vols; i++)
		if (match_volunteer_valid(&vols[i]) < 0)
			return -1;
	return 0;
}

int match_network_build(const struct match_task *tasks, size_t n_tasks, const struct match_volunteer *vols,
			size_t n_vols, const struct match_params *p, struct mcf_problem *net)
{
	size_t cap_arcs = 1024;

	memset(net, 0, sizeof(*net));
	if (validate_all(tasks, n_tasks, vols, n_vols, p) < 0) {
		errno = EINVAL;
		return -1;
	}
	net->n_tasks = (int32_t)n_tasks;
	net->n_vols = (int32_t)n_vols;
	net->capacity = malloc((n_vols + 1) * sizeof(*net->capacity));
	net->penalty = malloc((n_tasks + 1) * sizeof(*net->penalty));
	net->arcs = malloc(cap_arcs * sizeof(*net->arcs));
	if (!net->capacity || !net->penalty || !net->arcs)
		goto nomem;
	for (size_t v = 0; v < n_vols; v++)
		net->capacity[v] = vols[v].capacity;
	for (size_t t = 0; t < n_tasks; t++) {
		net->penalty[t] = p->penalty_m[tasks[t].priority - 1];
		for (size_t v = 0; v < n_vols; v++) {
			struct match_fit fit;

			if (check(&tasks[t], &vols[v], p, &fit, 1) != 0)
				continue;
			if ((size_t)net->n_arcs == cap_arcs) {
				struct mcf_arc *grown;

				if ((int64_t)cap_arcs > MCF_ARCS_MAX / 2)
					goto toobig;
				grown = realloc(net->arcs, 2 * cap_arcs * sizeof(*net->arcs));
				if (!grown)
					goto nomem;
				net->arcs = grown;
				cap_arcs *= 2;
			}
			net->arcs[net->n_arcs].task = (int32_t)t;
			net->arcs[net->n_arcs].vol = (int32_t)v;
			net->arcs[net->n_arcs].cost = fit.cost;
			net->n_arcs++;
		}
	}
	return 0;
toobig:
	mcf_problem_free(net);
	errno = EINVAL;
	return -1;
nomem:
	mcf_problem_free(net);
	errno = ENOMEM;
	return -1;
}

/* A bounded text builder: appends until full, never splitting a UTF-8 character. */
struct text {
	char *buf;
	size_t size, len;
	int full;	/* once something was cut, later pieces would read as nonsense */
};

static void text_init(struct text *b, char *buf, size_t size)
{
	b->buf = buf;
	b->size = size;
	b->len = 0;
	b->full = size == 0;
	if (size)
		buf[0] = '\0';
}

__attribute__((format(printf, 2, 3))) static void text_add(struct text *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->full)
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->buf + b->len, b->size - b->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < b->size - b->len) {
		b->len += (size_t)n;
		return;
	}
	b->len = b->size - 1;
	b->full = 1;
	/* Truncated: drop a partial multi-byte character left at the end. */
	{
		size_t i = b->len;

		while (i > 0 && ((unsigned char)b->buf[i - 1] & 0xc0) == 0x80)
			i--;
		if (i > 0 && ((unsigned char)b->buf[i - 1] & 0x80)) {
			unsigned char lead = (unsigned char)b->buf[i - 1];
			size_t want = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;

			if (b->len - (i - 1) < want)
				b->len = i - 1;
		}
		b->buf[b->len] = '\0';
	}
}

static void add_distance(struct text *b, int64_t m)
{
	if (m < 1000)
		text_add(b, "%lld m", (long long)m);
	else
		text_add(b, "%lld.%lld km", (long long)((m + 50) / 1000), (long long)((m + 50) % 1000 / 100));
}

/* "1.2 km away"; "under 100 m away" for next door (never "0 m"). */
static void add_away(struct text *b, int64_t m)
{
	if (m < 100) {
		text_add(b, "under 100 m away");
		return;
	}
	add_distance(b, m);
	text_add(b, " away");
}

static void add_skills(struct text *b, uint32_t mask, const char *sep)
{
	int first = 1;

	for (int s = 0; s < MATCH_SKILL__MAX; s++)
		if (mask & (1u << s)) {
			text_add(b, "%s%s", first ? "" : sep, skill_labels[s]);
			first = 0;
		}
}

static void add_clock(struct text *b, int32_t secs_of_day)
{
	if (secs_of_day % 3600 == 0)
		text_add(b, "%d", secs_of_day / 3600);
	else
		text_add(b, "%d:%02d", secs_of_day / 3600, secs_of_day / 60 % 60);
}

/* "Tue 10–12", "Tue 10:30–12", "Mon 22–Tue 2" for a weekly slot. */
static void add_slot(struct text *b, const struct match_interval *iv)
{
	int d0 = iv->start / 86400, d1 = iv->end / 86400;
	int32_t e = iv->end % 86400;

	/* An end at midnight reads as 24 on the same day. */
	if (e == 0 && d1 > d0) {
		d1--;
		e = 86400;
	}
	text_add(b, "%s ", day_names[d0]);
	add_clock(b, iv->start % 86400);
	text_add(b, EN_DASH);
	if (d1 != d0)
		text_add(b, "%s ", day_names[d1 % 7]);
	add_clock(b, e);
}

static void add_date(struct text *b, int64_t utc)
{
	int y, m, d;

	if (dt_civil_from_days(london_local_days(utc), &y, &m, &d) < 0)
		text_add(b, "an unknown date");
	else
		text_add(b, "%d %s %d", d, month_names[m - 1], y);
}

static void add_time(struct text *b, int64_t utc)
{
	char s[LONDON_FORMAT_LEN];

	london_format(utc, s);
	text_add(b, "%s", s);
}

static void add_duration(struct text *b, int64_t secs)
{
	int64_t h = secs / 3600, min = (secs % 3600 + 59) / 60;

	if (min == 60) {
		h++;
		min = 0;
	}
	if (h && min)
		text_add(b, "%lld h %lld min", (long long)h, (long long)min);
	else if (h)
		text_add(b, "%lld h", (long long)h);
	else
		text_add(b, "%lld min", (long long)min);
}

/* The facts behind an eligible pair, in the order a coordinator reads them. */
static void add_fit(struct text *b, const struct match_task *t, const struct match_volunteer *v,
		    const struct match_fit *fit)
{
	add_away(b, fit->distance_m);
	if (t->skills) {
		text_add(b, ", ");
		add_skills(b, t->skills, ", ");
	}
	if (fit->avail_index >= 0) {
		text_add(b, ", free ");
		add_slot(b, &v->avail[fit->avail_index]);
	}
	if (t->home_visit) {
		text_add(b, ", enhanced DBS to ");
		add_date(b, v->dbs_enhanced_valid_until);
	}
	if (fit->continuity)
		text_add(b, ", same volunteer as last time");
}

static void add_failures(struct text *b, unsigned fail, const struct match_task *t, const struct match_volunteer *v,
			 const struct match_params *p, const struct match_fit *fit)
{
	const char *sep = "";

	if (fail & (1u << MATCH_FAIL_CAPACITY)) {
		text_add(b, "%sno tasks left this week", sep);
		sep = "; ";
	}
	if (fail & (1u << MATCH_FAIL_SKILL)) {
		text_add(b, "%slacks ", sep);
		add_skills(b, t->skills & ~v->skills, " and ");
		sep = "; ";
	}
	if (fail & (1u << MATCH_FAIL_CAR)) {
		text_add(b, "%sno car for a driving task", sep);
		sep = "; ";
	}
	if (fail & (1u << MATCH_FAIL_DBS)) {
		if (v->dbs_enhanced_valid_until == 0) {
			text_add(b, "%sno enhanced DBS for a home visit", sep);
		} else if (v->dbs_enhanced_valid_until <= p->now) {
			text_add(b, "%senhanced DBS lapsed on ", sep);
			add_date(b, v->dbs_enhanced_valid_until);
			text_add(b, ", so no home visits");
		} else {
			text_add(b, "%senhanced DBS ends ", sep);
			add_date(b, v->dbs_enhanced_valid_until);
			text_add(b, ", before the home visit window closes");
		}
		sep = "; ";
	}
	if (fail & (1u << MATCH_FAIL_TRAINING)) {
		text_add(b, "%s%d required training module%s not recorded", sep, v->training_missing,
			 v->training_missing == 1 ? "" : "s");
		sep = "; ";
	}
	if (fail & (1u << MATCH_FAIL_DECLINED)) {
		text_add(b, "%sthe person has declined this volunteer", sep);
		sep = "; ";
	}
	if (fail & (1u << MATCH_FAIL_DISTANCE)) {
		if (fit->distance_m < 0) {
			text_add(b, "%sno valid location", sep);
		} else {
			text_add(b, "%s", sep);
			add_distance(b, fit->distance_m);
			text_add(b, " away, beyond a ");
			add_distance(b, v->radius_m);
			text_add(b, " travel radius");
		}
		sep = "; ";
	}
	if (fail & (1u << MATCH_FAIL_AVAILABILITY)) {
		text_add(b, "%snot free for ", sep);
		add_duration(b, t->duration);
		text_add(b, " between ");
		add_time(b, t->window_start);
		text_add(b, " and ");
		add_time(b, t->window_end);
	}
}

/* What rules a volunteer out, without their details: for one volunteer, and for several. */
static const char *const what[MATCH_FAIL__MAX][2] = {
	[MATCH_FAIL_CAPACITY] = { "is full this week", "are full this week" },
	[MATCH_FAIL_SKILL] = { "lacks the skill", "lack the skill" },
	[MATCH_FAIL_CAR] = { "has no car", "have no car" },
	[MATCH_FAIL_DBS] = { "has no valid enhanced DBS", "have no valid enhanced DBS" },
	[MATCH_FAIL_TRAINING] = { "lacks required training", "lack required training" },
	[MATCH_FAIL_DECLINED] = { "was declined by the person", "were declined by the person" },
	[MATCH_FAIL_DISTANCE] = { "is too far away", "are too far away" },
	[MATCH_FAIL_AVAILABILITY] = { "is not free", "are not free" },
};

/* match_explain, or with brief only what rules the volunteer out, without their details. */
static int explain(const struct match_task *t, const struct match_volunteer *v, const struct match_params *p,
		   char *buf, size_t size, int brief)
{
	struct text b;
	struct match_fit fit;
	unsigned fail;

	text_init(&b, buf, size);
	if (!t || !v || !p || match_task_valid(t) < 0 || match_volunteer_valid(v) < 0 || match_params_valid(p) < 0) {
		text_add(&b, "invalid task, volunteer or parameters");
		return -1;
	}
	fail = check(t, v, p, &fit, 0);
	text_add(&b, fail ? "not eligible" : "eligible");
	if (!brief) {
		text_add(&b, ": ");
		if (fail)
			add_failures(&b, fail, t, v, p, &fit);
		else
			add_fit(&b, t, v, &fit);
		return fail != 0;
	}
	for (int k = 0, first = 1; k < MATCH_FAIL__MAX; k++)
		if (fail & (1u << k)) {
			text_add(&b, "%s%s", first ? " (the details are their organisation's): " : ", ", what[k][0]);
			first = 0;
		}
	return fail != 0;
}

int match_explain(const struct match_task *t, const struct match_volunteer *v, const struct match_params *p,
		  char *buf, size_t size)
{
	return explain(t, v, p, buf, size, 0);
}

int match_explain_brief(const struct match_task *t, const struct match_volunteer *v, const struct match_params *p,
			char *buf, size_t size)
{
	return explain(t, v, p, buf, size, 1);
}

/* Why a task was left: nobody eligible (and what ruled them out), everyone eligible taken, or too far to be worth it. */
static void unassigned_reason(struct text *b, const struct match_task *t, const struct match_volunteer *vols,
			      size_t n_vols, const struct match_params *p, const struct mcf_problem *net,
			      const int32_t *load, int64_t first, int64_t last)
{
	int64_t n_eligible = last - first, n_full = 0, min_free_cost = INT64_MAX;
	int32_t nearest = -1;
	size_t counts[MATCH_FAIL__MAX] = {0};
	const char *sep = " (";

	for (int64_t i = first; i < last; i++) {
		int32_t v = net->arcs[i].vol;

		if (load[v] >= net->capacity[v])
			n_full++;
		else if (net->arcs[i].cost < min_free_cost) {
			min_free_cost = net->arcs[i].cost;
			nearest = v;
		}
	}
	if (n_eligible > 0) {
		text_add(b, "Not matched: ");
		if (n_full == n_eligible) {
			text_add(b, "%s %lld eligible volunteer%s %s fully booked by tasks that needed them more",
				 n_eligible == 1 ? "the" : "all", (long long)n_eligible, n_eligible == 1 ? "" : "s",
				 n_eligible == 1 ? "is" : "are");
			return;
		}
		if (n_full > 0)
			text_add(b, "%lld of %lld eligible volunteers %s fully booked by tasks that needed them more; ",
				 (long long)n_full, (long long)n_eligible, n_full == 1 ? "is" : "are");
		/* Say the distance, not the cost: a continuity bonus can make the cost negative. */
		struct match_fit fit;
		check(t, &vols[nearest], p, &fit, 0);
		text_add(b, "the best free volunteer is ");
		add_away(b, fit.distance_m);
		if (fit.continuity)
			text_add(b, " (they helped this person before)");
		text_add(b, ", more travel than a priority %d task is worth (", t->priority);
		add_distance(b, p->penalty_m[t->priority - 1]);
		text_add(b, ")");
		return;
	}
	for (size_t v = 0; v < n_vols; v++) {
		struct match_fit fit;
		unsigned fail = check(t, &vols[v], p, &fit, 0);

		for (int k = 0; k < MATCH_FAIL__MAX; k++)
			if (fail & (1u << k))
				counts[k]++;
	}
	text_add(b, "Not matched: none of the %zu volunteer%s can take it", n_vols, n_vols == 1 ? "" : "s");
	for (int k = 0; k < MATCH_FAIL__MAX; k++)
		if (counts[k]) {
			text_add(b, "%s%zu %s", sep, counts[k], what[k][counts[k] != 1]);
			sep = ", ";
		}
	if (*sep == ',')
		text_add(b, ")");
}

int match_run(const struct match_task *tasks, size_t n_tasks, const struct match_volunteer *vols, size_t n_vols,
	      const struct match_params *p, struct match_result *out, int64_t *total_cost)
{
	struct mcf_problem net;
	struct mcf_result r;
	int64_t *first = NULL;
	int32_t *load = NULL;

	if (match_network_build(tasks, n_tasks, vols, n_vols, p, &net) < 0)
		return -1;
	if (mcf_solve(&net, &r) < 0) {
		mcf_problem_free(&net);
		return -1;
	}
	first = calloc(n_tasks + 1, sizeof(*first));
	load = calloc(n_vols + 1, sizeof(*load));
	if (!first || !load) {
		free(first);
		free(load);
		mcf_result_free(&r);
		mcf_problem_free(&net);
		errno = ENOMEM;
		return -1;
	}
	/* The builder emits arcs grouped by task, so offsets give each task's eligible volunteers. */
	for (int64_t i = 0; i < net.n_arcs; i++)
		first[net.arcs[i].task + 1]++;
	for (size_t t = 0; t < n_tasks; t++) {
		first[t + 1] += first[t];
		if (r.vol_of_task[t] >= 0)
			load[r.vol_of_task[t]]++;
	}
	for (size_t t = 0; t < n_tasks; t++) {
		struct match_result *o = &out[t];
		struct text b;

		text_init(&b, o->reason, sizeof(o->reason));
		o->volunteer = r.vol_of_task[t];
		if (o->volunteer >= 0) {
			struct match_fit fit;

			check(&tasks[t], &vols[o->volunteer], p, &fit, 0);
			o->cost = fit.cost;
			o->distance_m = fit.distance_m;
			add_fit(&b, &tasks[t], &vols[o->volunteer], &fit);
		} else {
			o->cost = net.penalty[t];
			o->distance_m = -1;
			unassigned_reason(&b, &tasks[t], vols, n_vols, p, &net, load, first[t], first[t + 1]);
		}
	}
	if (total_cost)
		*total_cost = r.cost;
	free(first);
	free(load);
	mcf_result_free(&r);
	mcf_problem_free(&net);
	return 0;
}
