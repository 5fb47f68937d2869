/* The synthetic dataset of `waymark gen`: a seeded random stream and, for each referral number, the same person, referral, triage and contacts every time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/gen.h"
#include "core/londontime.h"
#include "core/nhsnum.h"

uint64_t gen_next(struct gen_rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

uint64_t gen_below(struct gen_rng *r, uint64_t n)
{
	return (uint64_t)(((unsigned __int128)gen_next(r) * n) >> 64);
}

int gen_world_init(struct gen_world *w)
{
	if (!w->n_practices || !(w->cumulative = malloc(w->n_practices * sizeof *w->cumulative)))
		return -1;
	int64_t sum = 0;
	for (size_t i = 0; i < w->n_practices; i++)
		w->cumulative[i] = sum += w->practices[i].list_size > 0 ? w->practices[i].list_size : 0;
	return sum > 0 ? 0 : -1;
}

void gen_world_free(struct gen_world *w)
{
	free(w->cumulative);
	w->cumulative = NULL;
}

/* A choice by weights (per mille or any scale). */
struct weighted {
	const char *code;
	int weight;
};

static const char *pick(struct gen_rng *r, const struct weighted *t)
{
	int total = 0;
	for (const struct weighted *p = t; p->code; p++)
		total += p->weight;
	int x = (int)gen_below(r, (uint64_t)total);
	for (const struct weighted *p = t; p->code; p++)
		if ((x -= p->weight) < 0)
			return p->code;
	return t->code;
}

/* Roughly the mix of a social prescribing and community support hub. */
static const struct weighted sources[] = {
	{ "gp_practice", 420 }, { "primary_care_other", 90 }, { "adult_social_care", 80 },
	{ "acute_hospital_discharge", 90 }, { "community_bed_discharge", 30 }, { "vcse_partner", 90 },
	{ "self", 120 }, { "family_carer", 60 }, { "other", 20 }, { NULL, 0 },
};
static const struct weighted reasons[] = {
	{ "social_isolation", 150 }, { "loneliness", 150 }, { "low_mood", 120 }, { "debt", 60 }, { "housing", 60 },
	{ "benefits", 70 }, { "long_term_condition", 90 }, { "carer_support", 40 }, { "physical_activity", 50 },
	{ "shopping", 50 }, { "prescription_collection", 40 }, { "transport", 40 }, { "befriending", 50 },
	{ "discharge_support", 30 }, { NULL, 0 },
};
static const struct weighted urgencies[] = { { "routine", 700 }, { "soon", 230 }, { "urgent", 70 }, { NULL, 0 } };
static const struct weighted tiers[] = {
	{ "social_prescribing", 450 }, { "community_support", 200 }, { "complex_support", 150 }, { "signpost", 150 },
	{ "decline", 50 }, { NULL, 0 },
};
static const struct weighted genders[] = { { "female", 560 }, { "male", 420 }, { "other", 20 }, { NULL, 0 } };
static const struct weighted modes[] = { { "telephone", 800 }, { "face_to_face", 120 }, { "email", 50 }, { "video", 30 }, { NULL, 0 } };
static const struct weighted misses[] = { { "no_answer", 700 }, { "message_left", 250 }, { "wrong_number", 50 }, { NULL, 0 } };

static const char *const given_names[] = { "Ada", "Alan", "Amara", "Ben", "Bridget", "Carol", "Colin", "Daniel", "Deepa", "Edith",
	"Frank", "Grace", "Harold", "Irene", "Jack", "Joan", "Kofi", "Lily", "Margaret", "Mohammed", "Nora", "Oliver",
	"Patricia", "Peter", "Rose", "Samuel", "Sylvia", "Tom", "Val", "Wendy" };
static const char *const family_names[] = { "Allen", "Baker", "Brown", "Clarke", "Cooper", "Davies", "Edwards", "Evans",
	"Green", "Hall", "Harris", "Hughes", "Jackson", "Jones", "King", "Lee", "Martin", "Moore", "Okafor", "Patel",
	"Roberts", "Robinson", "Smith", "Taylor", "Thomas", "Turner", "Walker", "White", "Williams", "Wright" };
#define COUNT(a) (sizeof a / sizeof a[0])

/* A practice chosen in proportion to its list size. */
static const struct gen_practice *practice_by_list_size(const struct gen_world *w, struct gen_rng *r)
{
	int64_t total = w->cumulative[w->n_practices - 1], x = (int64_t)gen_below(r, (uint64_t)total);
	size_t lo = 0, hi = w->n_practices - 1;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (w->cumulative[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return &w->practices[lo];
}

/* Names, a mobile number (07700 9..... for people, 8 for volunteers: Ofcom's
 * drama range) and a postcode in the practice's district. */
static void name_and_address(struct gen_rng *r, const struct gen_practice *p, char range, char given[24],
			     char family[24], char phone[16], char postcode[10])
{
	snprintf(given, 24, "%s", given_names[gen_below(r, COUNT(given_names))]);
	snprintf(family, 24, "%s", family_names[gen_below(r, COUNT(family_names))]);
	snprintf(phone, 16, "07700 %c%05u", range, (unsigned)gen_below(r, 100000));
	snprintf(postcode, 10, "%s %u%c%c", p->outcode, (unsigned)gen_below(r, 10), "ABDEFGHJLNPQRSTUWXYZ"[gen_below(r, 20)],
		 "ABDEFGHJLNPQRSTUWXYZ"[gen_below(r, 20)]);
}

/* Counted hours to the first successful contact: most within a day, a long tail. */
static int64_t first_contact_delay(struct gen_rng *r)
{
	uint64_t x = gen_below(r, 1000);
	if (x < 350)
		return (int64_t)gen_below(r, 4 * 3600);             /* under 4 hours */
	if (x < 750)
		return 4 * 3600 + (int64_t)gen_below(r, 12 * 3600); /* 4 to 16 hours */
	if (x < 920)
		return 16 * 3600 + (int64_t)gen_below(r, 8 * 3600); /* 16 to 24 hours */
	return 24 * 3600 + (int64_t)gen_below(r, 48 * 3600);    /* late */
}

/* The instant at which counted time since from reaches counted (the clock's own rule). */
static int64_t after_counted(const struct workclock *wc, int64_t from, int64_t counted)
{
	return workclock_due(wc, from, counted);
}

void gen_referral_make(const struct gen_world *w, int64_t i, struct gen_referral *o)
{
	memset(o, 0, sizeof *o);
	/* Each referral draws from its own stream, so any one can be made alone. */
	struct gen_rng r = { w->seed * 0x9E3779B97F4A7C15ULL + (uint64_t)i * 0xD1B54A32D192ED03ULL };
	gen_next(&r);
	/* A person re-referred: one in ten has the previous referral's person. */
	struct gen_rng pr = { (w->seed ^ 0x5851F42D4C957F2DULL) + (uint64_t)i };
	int64_t person_no = i;
	while (person_no > 0) {
		struct gen_rng q = { (w->seed ^ 0x5851F42D4C957F2DULL) + (uint64_t)person_no };
		if (gen_below(&q, 10) != 0)
			break;
		person_no--;
	}
	o->repeat_of = person_no != i;
	o->person_no = person_no;
	pr.s = w->seed * 0x2545F4914F6CDD1DULL + (uint64_t)person_no * 0x9E3779B97F4A7C15ULL;
	o->practice = practice_by_list_size(w, &pr);
	name_and_address(&pr, o->practice, '9', o->given, o->family, o->phone, o->postcode);
	o->gender = pick(&pr, genders);
	int64_t first_day = w->first_day;
	o->dob_day = first_day - 365 * 18 - (int64_t)gen_below(&pr, 365 * 75);
	o->lives_alone = gen_below(&pr, 100) < 35;

	/* Received: the i-th of n spread evenly over the period, at a working-hours-weighted time of day. */
	int64_t day = first_day + (int64_t)((__int128)i * w->days / (w->n_referrals ? w->n_referrals : 1));
	int64_t secs = gen_below(&r, 100) < 85 ? 8 * 3600 + (int64_t)gen_below(&r, 10 * 3600) : (int64_t)gen_below(&r, 86400);
	o->received_at = london_midnight_utc(day) + secs;
	o->sla_due_at = workclock_due(w->wc, o->received_at, 24 * 3600);
	o->source = pick(&r, sources);
	o->urgency = pick(&r, urgencies);
	o->reason1 = pick(&r, reasons);
	if (gen_below(&r, 100) < 40) {
		o->reason2 = pick(&r, reasons);
		if (strcmp(o->reason2, o->reason1) == 0)
			o->reason2 = NULL;
	}
	o->safeguarding = gen_below(&r, 100) < 4;

	/* Contacts: a few unanswered attempts, then (usually) a successful one. */
	int reached = gen_below(&r, 1000) < 960;
	int64_t delay = first_contact_delay(&r);
	int64_t first = after_counted(w->wc, o->received_at, delay);
	int misses_n = (int)gen_below(&r, 3);
	for (int k = 0; k < misses_n; k++) {
		int64_t at = after_counted(w->wc, o->received_at, delay * (k + 1) / (misses_n + 2));
		o->contacts[o->n_contacts++] = (struct gen_contact){ at, pick(&r, modes), pick(&r, misses) };
	}
	if (reached)
		o->contacts[o->n_contacts++] = (struct gen_contact){ first, pick(&r, modes), "successful" };

	/* Triage within a day of receipt; what follows depends on the tier. */
	o->triaged_at = o->received_at + 600 + (int64_t)gen_below(&r, 20 * 3600);
	o->tier = pick(&r, tiers);
	o->outcome = strcmp(o->tier, "decline") == 0 ? "rejected" : gen_below(&r, 100) < 85 ? "confirmed" : "overridden";
	if (!reached && gen_below(&r, 2) == 0) {
		o->status = "withdrawn";
	} else if (strcmp(o->tier, "decline") == 0) {
		o->status = "rejected";
	} else if (strcmp(o->tier, "signpost") == 0) {
		o->status = "closed";
		o->has_case = 1;
		o->case_closed_at = o->triaged_at;
	} else {
		o->has_case = 1;
		o->status = reached ? "in_progress" : "allocated";
		if (reached && gen_below(&r, 100) < 70) {
			o->status = "closed";
			o->case_closed_at = first + 86400 * (7 + (int64_t)gen_below(&r, 80));
		}
	}
	/* What would happen after now has not happened yet. */
	int kept = 0, reached_now = 0;
	for (int k = 0; k < o->n_contacts; k++)
		if (o->contacts[k].at <= w->now) {
			reached_now |= strcmp(o->contacts[k].outcome, "successful") == 0;
			o->contacts[kept++] = o->contacts[k];
		}
	o->n_contacts = kept;
	if (o->triaged_at > w->now) {
		o->status = "received";
		o->tier = NULL;
		o->has_case = 0;
		o->case_closed_at = 0;
	} else if (o->has_case && o->case_closed_at > w->now) {
		o->case_closed_at = 0;
		o->status = reached_now ? "in_progress" : "allocated";
	}
	if (o->has_case && !o->case_closed_at && !reached_now)
		o->status = "allocated";
	if (!o->has_case || !reached_now ||
	    (strcmp(o->tier, "social_prescribing") != 0 && strcmp(o->tier, "complex_support") != 0))
		return;
	/* About five sessions for social prescribing, fewer for complex support; none after closure or now. */
	int want = 1 + (int)gen_below(&r, strcmp(o->tier, "social_prescribing") == 0 ? GEN_MAX_SESSIONS : 3);
	int64_t end = o->case_closed_at ? o->case_closed_at : w->now;
	for (int k = 0; k < want; k++) {
		int64_t at = first + 2 * 86400 + k * 7 * 86400 + (int64_t)gen_below(&r, 6 * 3600);
		if (at > end)
			break;
		o->sessions[o->n_sessions].at = at;
		o->sessions[o->n_sessions].mode = pick(&r, modes);
		o->sessions[o->n_sessions++].minutes = 30 + 15 * (int)gen_below(&r, 5);
	}
	if (!o->n_sessions)
		return;
	int lift = (int)gen_below(&r, 3); /* most feel a little better by the end */
	for (int k = 0; k < GEN_SWEMWBS_ITEMS; k++) {
		o->swemwbs[0][k] = 1 + (int)gen_below(&r, 4);
		int v = o->swemwbs[0][k] + (int)gen_below(&r, (uint64_t)lift + 1);
		o->swemwbs[1][k] = v > 5 ? 5 : v;
	}
	o->measure_at[0] = o->sessions[0].at;
	o->n_measures = 1;
	if (o->case_closed_at && o->n_sessions >= 3) {
		o->measure_at[1] = o->sessions[o->n_sessions - 1].at;
		o->n_measures = 2;
	}
}

/* ---- volunteers ---- */

static const struct weighted volunteer_statuses[] = {
	{ "active", 850 }, { "paused", 50 }, { "left", 50 }, { "applicant", 50 }, { NULL, 0 },
};
static const struct weighted dbs_levels[] = { { "enhanced", 800 }, { "basic", 100 }, { "", 100 }, { NULL, 0 } };
/* What volunteers offer; driving only with a car. */
static const struct weighted skills[] = {
	{ "shopping", 300 }, { "prescription_collection", 250 }, { "befriending_calls", 250 }, { "driving", 200 },
	{ "befriending_visits", 100 }, { "digital_help", 50 }, { "form_filling", 50 }, { NULL, 0 },
};

int64_t gen_volunteer_count(const struct gen_world *w)
{
	int64_t n = w->n_referrals / GEN_REFERRALS_PER_VOLUNTEER;
	return n < 10 ? 10 : n;
}

void gen_volunteer_make(const struct gen_world *w, int64_t j, struct gen_volunteer *o)
{
	memset(o, 0, sizeof *o);
	struct gen_rng r = { w->seed * 0xD6E8FEB86659FD93ULL + (uint64_t)j * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL };
	gen_next(&r);
	o->home = practice_by_list_size(w, &r);
	name_and_address(&r, o->home, '8', o->given, o->family, o->phone, o->postcode);
	o->status = pick(&r, volunteer_statuses);
	o->has_car = gen_below(&r, 100) < 60;
	o->max_tasks_per_week = 1 + (int)gen_below(&r, 4);
	o->travel_radius_m = 3000 + 1000 * (int)gen_below(&r, 13);
	/* A DBS check issued in the three and a bit years before the end of the
	 * period, renewed every three years: about one in eleven has lapsed. */
	const char *level = pick(&r, dbs_levels);
	if (strcmp(o->status, "applicant") != 0 && level[0]) {
		o->dbs_level = level;
		o->dbs_certificate_day = w->first_day + w->days - 1 - (int64_t)gen_below(&r, 1200);
		o->dbs_renewal_day = o->dbs_certificate_day + 3 * 365;
		o->dbs_update_service = gen_below(&r, 100) < 30;
	}
	int want = 1 + (int)gen_below(&r, GEN_MAX_SKILLS);
	for (int tries = 0; o->n_skills < want && tries < 12; tries++) {
		const char *code = pick(&r, skills);
		int dup = strcmp(code, "driving") == 0 && !o->has_car;
		for (int k = 0; k < o->n_skills; k++)
			dup |= strcmp(o->skills[k], code) == 0;
		if (!dup)
			o->skills[o->n_skills++] = code;
	}
	o->n_slots = 1 + (int)gen_below(&r, GEN_MAX_SLOTS);
	for (int k = 0; k < o->n_slots; k++) {
		o->slots[k].weekday = (int)gen_below(&r, 7);
		o->slots[k].start_minute = (9 + (int)gen_below(&r, 7)) * 60;
		o->slots[k].end_minute = o->slots[k].start_minute + (2 + (int)gen_below(&r, 2)) * 60;
	}
}

int64_t gen_task_volunteer(const struct gen_world *w, int64_t i, const struct gen_referral *r, const char *type)
{
	int64_t n = gen_volunteer_count(w);
	struct gen_rng q = { w->seed * 0x94D049BB133111EBULL + (uint64_t)i * 0xBF58476D1CE4E5B9ULL };
	int64_t start = (int64_t)gen_below(&q, (uint64_t)n);
	for (int64_t k = 0; k < n; k++) {
		int64_t j = (start + k) % n;
		struct gen_volunteer v;
		gen_volunteer_make(w, j, &v);
		if (strcmp(v.status, "active") != 0 || strcmp(v.home->area ? v.home->area : "",
							      r->practice->area ? r->practice->area : "") != 0)
			continue;
		for (int s = 0; s < v.n_skills; s++)
			if (strcmp(v.skills[s], type) == 0)
				return j;
	}
	return -1;
}

int gen_nhs_number(int64_t person_id, char out[11])
{
	out[0] = '\0';
	if (person_id < 1 || person_id > 999999)
		return -1;
	char nine[10];
	snprintf(nine, sizeof nine, "999%06lld", (long long)person_id);
	int check = nhsnum_check_digit(nine);
	if (check < 0)
		return -1;
	memcpy(out, nine, 9);
	out[9] = (char)('0' + check);
	out[10] = '\0';
	return 0;
}
