/* The synthetic dataset of `waymark gen`: a seeded random stream and, for each referral number, the same person, referral, triage and contacts every time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/gen.h"
#include "core/londontime.h"

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
	int64_t total = w->cumulative[w->n_practices - 1], x = (int64_t)gen_below(&pr, (uint64_t)total);
	size_t lo = 0, hi = w->n_practices - 1;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (w->cumulative[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	o->practice = &w->practices[lo];
	snprintf(o->given, sizeof o->given, "%s", given_names[gen_below(&pr, COUNT(given_names))]);
	snprintf(o->family, sizeof o->family, "%s", family_names[gen_below(&pr, COUNT(family_names))]);
	snprintf(o->phone, sizeof o->phone, "07700 9%05u", (unsigned)gen_below(&pr, 100000));
	snprintf(o->postcode, sizeof o->postcode, "%s %u%c%c", o->practice->outcode, (unsigned)gen_below(&pr, 10),
		 "ABDEFGHJLNPQRSTUWXYZ"[gen_below(&pr, 20)], "ABDEFGHJLNPQRSTUWXYZ"[gen_below(&pr, 20)]);
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
