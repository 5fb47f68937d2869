/* The checks both referral harnesses make after referral_validate(): a
 * result of 0 means no problems and a complete, normalised record; -1 means
 * at least one problem naming a field; and validating again gives the same. */
#ifndef WAYMARK_FUZZ_REFERRAL_H
#define WAYMARK_FUZZ_REFERRAL_H
#include "core/datetime.h"
#include "core/nhsnum.h"
#include "core/postcode.h"
#include "core/referral_match.h"
#include "core/referral_validate.h"
#include "fuzz.h"
#include "fuzz_refs.h"

/* 2026-03-02T10:00:00Z, a Monday: fixed so runs are reproducible. */
#define FUZZ_NOW ((int64_t)1772445600)

static int fuzz_in(const struct referral_rec *rec, const char *s)
{
	return s >= rec->scratch && s < rec->scratch + sizeof rec->scratch;
}

static void fuzz_check_rec(const struct referral_check *chk, const struct referral_rec *rec)
{
	FUZZ_CHECK(rec->used <= sizeof rec->scratch);
	FUZZ_CHECK(rec->nreasons >= 1 && rec->nreasons <= REFERRAL_REASONS_MAX);
	for (size_t i = 0; i < rec->nreasons; i++) {
		FUZZ_CHECK(referral_refs_vocab(chk->refs, RV_REFERRAL_REASONS, rec->reasons[i]) != NULL);
		for (size_t j = 0; j < i; j++)
			FUZZ_CHECK(strcmp(rec->reasons[i], rec->reasons[j]) != 0);
	}
	for (int f = 0; f < RF__MAX; f++) {
		const struct referral_field_desc *d = &referral_fields[f];
		const struct referral_value *v = &rec->v[f];
		if (d->rule != Q_OPT && (d->channels & chk->channel))
			FUZZ_CHECK(v->set);
		if (d->rule == Q_TRUE)
			FUZZ_CHECK(v->i == 1);
		if (!v->set)
			continue;
		switch (d->kind) {
		case K_TEXT:
		case K_LONGTEXT:
		case K_PHONE:
		case K_EMAIL:
			FUZZ_CHECK(v->s && fuzz_in(rec, v->s));
			/* At most max characters of at most four bytes each, trimmed. */
			FUZZ_CHECK(strlen(v->s) >= 1 && strlen(v->s) <= (size_t)d->max * 4);
			FUZZ_CHECK(v->s[0] != ' ' && v->s[strlen(v->s) - 1] != ' ');
			break;
		case K_NHSNUM: {
			char nn[NHSNUM_LEN];
			FUZZ_CHECK(v->s && nhsnum_normalise(v->s, nn) == 0 && strcmp(nn, v->s) == 0);
			break;
		}
		case K_POSTCODE: {
			char pc[POSTCODE_LEN];
			FUZZ_CHECK(v->s && postcode_normalise(v->s, pc) == 0 && strcmp(pc, v->s) == 0);
			FUZZ_CHECK(rec->outcode && strncmp(v->s, rec->outcode, strlen(rec->outcode)) == 0);
			break;
		}
		case K_DOB:
			FUZZ_CHECK(rec->age >= 0 && rec->age <= REFERRAL_AGE_MAX);
			FUZZ_CHECK(v->i <= dt_day_of(chk->now) + 1);
			break;
		case K_DAY:
		case K_INSTANT:
			break;
		case K_BOOL:
			FUZZ_CHECK(v->i == 0 || v->i == 1);
			break;
		case K_VOCAB:
			FUZZ_CHECK(v->s && referral_refs_vocab(chk->refs, d->vocab, v->s) != NULL);
			break;
		case K_VOCABS:
			break;
		case K_PRACTICE:
			FUZZ_CHECK(v->s && rec->practice && strcmp(rec->practice->code, v->s) == 0);
			break;
		}
	}
	if (rec->v[RF_RECEIVED_AT].set)
		FUZZ_CHECK(chk->may_set_received_at && rec->v[RF_RECEIVED_AT].i <= chk->now + REFERRAL_RECEIVED_SKEW);
	FUZZ_CHECK(rec->match_key && strlen(rec->match_key) < REFERRAL_MATCH_KEY_MAX);
}

/* Validates raw as if it came through channel, checks the outcome, and
 * validates again to see the same outcome. */
static void fuzz_referral_validate(const struct referral_raw *raw, unsigned channel, int may_set_received_at,
				   size_t adapter_problems)
{
	static struct referral_rec rec;
	static struct field_errors fe, fe2;
	struct referral_check chk = { fuzz_refs(), FUZZ_NOW, channel, may_set_received_at };
	fielderr_init(&fe);
	for (size_t i = 0; i < adapter_problems; i++)
		fielderr_add(&fe, "body", "a problem the adapter found");
	int rc = referral_validate(&chk, raw, &rec, &fe);
	FUZZ_CHECK(rc == 0 || rc == -1);
	/* WAYMARK_FUZZ_VERBOSE=1 shows each outcome, for judging seeds. */
	static int verbose = -1;
	if (verbose < 0)
		verbose = getenv("WAYMARK_FUZZ_VERBOSE") != NULL;
	if (verbose) {
		fprintf(stderr, "channel %u: %s\n", channel, rc == 0 ? "valid" : "invalid");
		for (size_t i = 0; i < fe.n; i++)
			fprintf(stderr, "  %s: %s\n", fe.e[i].field, fe.e[i].message);
	}
	FUZZ_CHECK(fe.n <= FIELDERR_MAX);
	for (size_t i = 0; i < fe.n; i++) {
		FUZZ_CHECK(fe.e[i].field[0] != '\0' && memchr(fe.e[i].field, '\0', sizeof fe.e[i].field));
		FUZZ_CHECK(fe.e[i].message[0] != '\0' && memchr(fe.e[i].message, '\0', sizeof fe.e[i].message));
	}
	if (rc == 0) {
		FUZZ_CHECK(fe.n == adapter_problems && fe.dropped == 0);
		if (adapter_problems == 0)
			fuzz_check_rec(&chk, &rec);
	} else {
		FUZZ_CHECK(fe.n + fe.dropped > adapter_problems);
	}
	fielderr_init(&fe2);
	for (size_t i = 0; i < adapter_problems; i++)
		fielderr_add(&fe2, "body", "a problem the adapter found");
	FUZZ_CHECK(referral_validate(&chk, raw, &rec, &fe2) == rc);
	FUZZ_CHECK(fe2.n == fe.n && fe2.dropped == fe.dropped);
	for (size_t i = 0; i < fe.n; i++)
		FUZZ_CHECK(strcmp(fe.e[i].field, fe2.e[i].field) == 0 && strcmp(fe.e[i].message, fe2.e[i].message) == 0);
}
#endif
