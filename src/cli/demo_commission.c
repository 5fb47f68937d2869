/* Demo data for commissioning (waymark demo --commissioning): a round with EOIs, scores and awards, SLAs with posts filled, payments in several states, quarterly reviews and Appendix B evidence, made through the ops use cases at back-dated times. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/demo.h"
#include "core/datetime.h"
#include "core/londontime.h"
#include "core/perf.h"
#include "ops/commission.h"

#define DAY 86400

struct actor {
	int64_t user, org;
	enum role role;
};

static int user_row(void *ctx, const struct store_row *r)
{
	struct actor *a = ctx;
	a->user = store_row_int(r, 0);
	a->role = role_from_code(store_row_text(r, 6));
	a->org = store_row_int(r, 7);
	return 0;
}

static int actor(struct store *st, const char *email, struct actor *a)
{
	memset(a, 0, sizeof *a);
	return store_exec(st, STMT_USER_BY_EMAIL, user_row, a, "s", email) == 1 ? 0 : -1;
}

static struct ops_ctx ctx_at(struct store *st, const struct actor *a, int64_t now)
{
	return (struct ops_ctx){ .db = st,
				 .user_id = a->user,
				 .org_id = a->org,
				 .role = a->role,
				 .now = now,
				 .addr = "",
				 .request_id = "demo" };
}

/* Runs a write, reporting what failed; 0 or -1. */
static int done(enum ops_result r, struct field_errors *fe, const char *what)
{
	if (r == OPS_OK)
		return 0;
	fprintf(stderr, "waymark demo: commissioning: %s failed (%d)%s%s%s%s\n", what, (int)r, fe && fe->n ? ": " : "",
		fe && fe->n ? fe->e[0].field : "", fe && fe->n ? " " : "", fe && fe->n ? fe->e[0].message : "");
	return -1;
}

static void iso(int64_t t, char *out)
{
	dt_format_utc(t, out);
}

static void day_text(int64_t d, char *out)
{
	dt_format_date(d, out);
}

/* The id of the SLA of org, the ids of its posts and its payments. */
struct sla_ids {
	int64_t id, org, posts[4], payments[4];
};

static int sla_find(const struct ops_ctx *c, int64_t org, struct sla_ids *s)
{
	enum ops_result r;
	json_t *all = ops_comm_slas(c, &r), *x;
	size_t i;
	memset(s, 0, sizeof *s);
	json_array_foreach(json_object_get(all, "slas"), i, x)
	{
		if (json_integer_value(json_object_get(json_object_get(x, "organisation"), "id")) == org)
			s->id = json_integer_value(json_object_get(x, "id"));
	}
	json_decref(all);
	json_t *sla = s->id ? ops_comm_sla(c, s->id, &r) : NULL;
	if (!sla)
		return -1;
	s->org = org;
	json_array_foreach(json_object_get(sla, "posts"), i, x)
	{
		if (i < 4)
			s->posts[i] = json_integer_value(json_object_get(x, "id"));
	}
	json_array_foreach(json_object_get(sla, "payments"), i, x)
	{
		if (i < 4)
			s->payments[i] = json_integer_value(json_object_get(x, "id"));
	}
	json_decref(sla);
	return 0;
}

/* The provider's link worker called name, or 0. */
static int64_t worker_named(const struct ops_ctx *c, int64_t sla, const char *name)
{
	enum ops_result r;
	json_t *w = ops_comm_sla_workers(c, sla, &r), *x;
	size_t i;
	int64_t id = 0;
	json_array_foreach(w, i, x)
	{
		if (!strcmp(json_string_value(json_object_get(x, "name")), name))
			id = json_integer_value(json_object_get(x, "id"));
	}
	json_decref(w);
	return id;
}

static json_t *evidence(const char *crit, const char *title, const char *ref, int64_t review_day, const char *file,
			const char *text)
{
	char day[DT_DATE_LEN];
	day_text(review_day, day);
	size_t n = strlen(text);
	char *b64 = malloc(sodium_base64_encoded_len(n, sodium_base64_VARIANT_ORIGINAL));
	if (!b64)
		return NULL;
	sodium_bin2base64(b64, sodium_base64_encoded_len(n, sodium_base64_VARIANT_ORIGINAL),
			  (const unsigned char *)text, n, sodium_base64_VARIANT_ORIGINAL);
	json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "criterion", crit, "title", title, "reference", ref,
			      "review_date", day, "file_name", file, "content_type",
			      strncmp(text, "%PDF-", 5) ? "text/plain" : "application/pdf", "file_base64", b64);
	free(b64);
	return o;
}

/* Each write with its JSON input (consumed). */
#define W(call, in, what)                                    \
	do {                                                 \
		json_t *in_ = (in);                          \
		fe->n = 0;                                   \
		enum ops_result r_ = in_ ? call : OPS_ERROR; \
		json_decref(in_);                            \
		if (done(r_, fe, what))                      \
			goto out;                            \
	} while (0)

int demo_load_commissioning(struct store *st, int64_t now)
{
	struct actor lead, bcs, wnb;
	if (actor(st, "lead@demo.waymark.test", &lead) || actor(st, "manager@demo.waymark.test", &bcs) ||
	    actor(st, "manager2@demo.waymark.test", &wnb))
		return -1;
	struct field_errors *fe = ops_fielderr_new();
	if (!fe)
		return -1;
	int rc = -1;
	int64_t today = london_local_days(now);
	int64_t signed_day = today - 122, t0 = london_midnight_utc(signed_day) + 10 * 3600;
	char deadline[DT_UTC_LEN], interviews[DT_UTC_LEN], start[DT_UTC_LEN], d1[DT_DATE_LEN], d2[DT_DATE_LEN];
	iso(t0 - 12 * DAY - 3600, deadline); /* 09:00 UK time in winter, 08:00 UTC in summer: close enough for a demo */
	iso(t0 - 7 * DAY, interviews);
	iso(t0, start);
	/* The round: opened 40 days before signing, EOIs for two weeks. */
	struct ops_ctx c = ctx_at(st, &lead, t0 - 40 * DAY);
	int64_t round = 0, eoi_b = 0, eoi_w = 0;
	W(ops_comm_round_create(&c, in_, fe, &round),
	  json_pack("{s:s,s:s,s:s,s:[{s:s,s:i},{s:s,s:i}],s:[{s:s,s:s},{s:s,s:s}]}", "title",
		    "Social prescribing VCSE Lots (demo)", "lot_value", "14000.00", "eoi_deadline", deadline, "areas",
		    "area", "breckland", "lots", 2, "area", "kings_lynn_west_norfolk", "lots", 1, "milestones", "label",
		    "Interviews", "at", interviews, "label", "Services start", "at", start),
	  "the round");
	c = ctx_at(st, &bcs, t0 - 30 * DAY);
	W(ops_comm_eoi_submit(&c, round, in_, fe, &eoi_b),
	  json_pack("{s:i,s:i,s:[s,s],s:s,s:s,s:s}", "min_lots", 1, "max_lots", 2, "clusters", "Breckland", "Swaffham",
		    "specialisms", "Older people, carers and people living alone", "experience",
		    "Ten years of befriending and community transport in Breckland", "track_record",
		    "Delivered the district council's loneliness pilot on time and on budget"),
	  "Breckland's EOI");
	c = ctx_at(st, &wnb, t0 - 25 * DAY);
	W(ops_comm_eoi_submit(&c, round, in_, fe, &eoi_w),
	  json_pack("{s:i,s:i,s:[s,s],s:s,s:s,s:s}", "min_lots", 1, "max_lots", 2, "clusters", "Fens", "Kings Lynn",
		    "specialisms", "Young adults and mental health", "experience",
		    "Five years of peer support in King's Lynn", "track_record",
		    "Good; one late quarterly return last year"),
	  "West Norfolk's EOI");
	c = ctx_at(st, &lead, t0 - 8 * DAY);
	W(ops_comm_score(&c, round, in_, fe),
	  json_pack("{s:I,s:b,s:{s:i,s:i,s:i,s:i,s:i}}", "eoi", (json_int_t)eoi_b, "shortlisted", 1, "scores",
		    "minimum_criteria", 5, "experience", 4, "track_record", 4, "quality_reporting", 4, "mix", 3),
	  "Breckland's scores");
	W(ops_comm_score(&c, round, in_, fe),
	  json_pack("{s:I,s:b,s:{s:i,s:i,s:i,s:i,s:i}}", "eoi", (json_int_t)eoi_w, "shortlisted", 1, "scores",
		    "minimum_criteria", 4, "experience", 3, "track_record", 3, "quality_reporting", 3, "mix", 5),
	  "West Norfolk's scores");
	c = ctx_at(st, &lead, t0 - 5 * DAY);
	W(ops_comm_award(&c, round, in_, fe), json_object(), "the awards");
	/* SLAs signed 122 days ago, mobilising for the first 60 days at half the target. */
	c = ctx_at(st, &lead, t0);
	day_text(signed_day, d1);
	day_text(signed_day + 60, d2);
	W(ops_comm_sla_issue(&c, round, in_, fe),
	  json_pack("{s:s,s:s,s:i}", "signed", d1, "mobilisation_end", d2, "mobilisation_pct", 50), "the SLAs");
	c = ctx_at(st, &lead, now);
	struct sla_ids sb, sw;
	if (sla_find(&c, bcs.org, &sb) || sla_find(&c, wnb.org, &sw))
		goto out;
	/* Living Well Workers in place: Lucy Walker from day 3, Mo Said from day 20, Ellie Fox from day 10. */
	const struct {
		struct sla_ids *s;
		int post;
		const char *name;
		int day;
	} in_place[] = { { &sb, 0, "Lucy Walker", 3 }, { &sb, 1, "Mo Said", 20 }, { &sw, 0, "Ellie Fox", 10 } };
	for (size_t i = 0; i < sizeof in_place / sizeof in_place[0]; i++) {
		int64_t w = worker_named(&c, in_place[i].s->id, in_place[i].name);
		if (!w || !in_place[i].s->posts[in_place[i].post])
			continue;
		day_text(signed_day + in_place[i].day, d1);
		W(ops_comm_in_place(&c, in_place[i].s->id, in_, fe),
		  json_pack("{s:I,s:I,s:s}", "post", (json_int_t)in_place[i].s->posts[in_place[i].post], "worker",
			    (json_int_t)w, "in_place", d1),
		  "a worker in place");
	}
	/* Quarter 1 reviews, a week after it ended: computed from the providers' cases; Breckland's overridden. */
	int64_t q1_from, q1_to;
	if (perf_quarter(signed_day, 1, &q1_from, &q1_to))
		goto out;
	c = ctx_at(st, &lead, london_midnight_utc(q1_to + 7) + 11 * 3600);
	int64_t rev_b = 0, rev_w = 0;
	W(ops_comm_review(&c, sb.id, in_, fe, &rev_b),
	  json_pack("{s:i,s:s,s:s,s:s,s:s,s:s}", "quarter", 1, "outcomes",
		    "Referrals only began once the GP practices had been briefed", "notes",
		    "Mobilisation took longer than planned; the second worker started in week three", "actions",
		    "Practice briefings in Swaffham by the end of next month", "rag_override", "amber",
		    "override_reason", "Mobilisation quarter: the target was set before the practices were briefed"),
	  "Breckland's quarter 1 review");
	W(ops_comm_review(&c, sw.id, in_, fe, &rev_w),
	  json_pack("{s:i,s:s,s:s}", "quarter", 1, "notes", "No data return received for the quarter", "actions",
		    "Send the Appendix D return within two weeks"),
	  "West Norfolk's quarter 1 review");
	/* Payments: Breckland's signing payment paid and its 3-month payment approved; West Norfolk's
	 * signing payment held for missing data, its 3-month payment due; the rest scheduled. */
	c = ctx_at(st, &lead, now);
	day_text(signed_day + 14, d1);
	W(ops_comm_payment(&c, sb.id, in_, fe),
	  json_pack("{s:I,s:s}", "payment", (json_int_t)sb.payments[0], "state", "approved"), "approving a payment");
	W(ops_comm_payment(&c, sb.id, in_, fe),
	  json_pack("{s:I,s:s,s:s,s:s}", "payment", (json_int_t)sb.payments[0], "state", "paid", "paid_on", d1,
		    "finance_ref", "CAN-PO-0412"),
	  "paying a payment");
	W(ops_comm_payment(&c, sb.id, in_, fe),
	  json_pack("{s:I,s:s}", "payment", (json_int_t)sb.payments[1], "state", "due"), "a payment falling due");
	W(ops_comm_payment(&c, sb.id, in_, fe),
	  json_pack("{s:I,s:s}", "payment", (json_int_t)sb.payments[1], "state", "approved"), "approving a payment");
	W(ops_comm_payment(&c, sw.id, in_, fe),
	  json_pack("{s:I,s:s,s:s,s:I,s:s}", "payment", (json_int_t)sw.payments[0], "state", "held", "reason",
		    "missing_data", "review", (json_int_t)rev_w, "note",
		    "Held until the quarter 1 data return arrives"),
	  "holding a payment");
	W(ops_comm_payment(&c, sw.id, in_, fe),
	  json_pack("{s:I,s:s}", "payment", (json_int_t)sw.payments[1], "state", "due"), "a payment falling due");
	/* Breckland's quarter 2 so far, computed from the demo's recent cases. */
	W(ops_comm_review(&c, sb.id, in_, fe, &rev_b),
	  json_pack("{s:i,s:s,s:s}", "quarter", 2, "notes", "Quarter to date: caseload building", "actions",
		    "Review again at the quarter's end"),
	  "Breckland's quarter 2 review");
	/* Appendix B evidence: Breckland's safeguarding policy checked, its lone-working policy due for review within
	 * the reminder days; West Norfolk's insurance lapsed (flagged on its pages). */
	c = ctx_at(st, &bcs, now - 30 * DAY);
	int64_t ev = 0;
	W(ops_comm_evidence_add(&c, bcs.org, in_, fe, &ev),
	  evidence("safeguarding", "Safeguarding adults policy", "BCS-SG-2026", today + 300, "safeguarding-policy.pdf",
		   "%PDF-1.4\n% Breckland Community Support: safeguarding adults policy (demo)\n"),
	  "evidence");
	c = ctx_at(st, &lead, now - 20 * DAY);
	W(ops_comm_evidence_check(&c, bcs.org, in_, fe), json_pack("{s:I}", "evidence", (json_int_t)ev),
	  "checking evidence");
	c = ctx_at(st, &bcs, now - 30 * DAY);
	W(ops_comm_evidence_add(&c, bcs.org, in_, fe, &ev),
	  evidence(
	      "health_safety", "Lone working policy", "BCS-HS-07", today + 12, "lone-working.txt",
	      "Breckland Community Support lone working policy (demo): buddy calls at the start and end of every home visit.\n"),
	  "evidence");
	c = ctx_at(st, &wnb, now - 60 * DAY);
	W(ops_comm_evidence_add(&c, wnb.org, in_, fe, &ev),
	  evidence("insurance", "Public liability insurance", "WNB-INS-2025", today - 9, "insurance.txt",
		   "West Norfolk Befriending public liability insurance schedule (demo).\n"),
	  "evidence");
	rc = ops_comm_reminders_job(st, now);
out:
	free(fe);
	return rc;
}
