/* Unit tests for core/referral_validate: every kind of field, the rules
 * across fields, normalisation, and the model's own consistency. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/datetime.h"
#include "core/referral_pack.h"
#include "core/referral_validate.h"
#include "model/referral_sql.h"
#include "util/csv.h"
#include "util/embed.h"

static struct referral_refs refs;
static struct referral_rec *rec;
static struct field_errors fe;
/* 2026-03-11 10:00 UTC, a Wednesday */
static int64_t NOW;

static void load_csv(const char *file, int kind, const char *vocab)
{
	const struct embed_file *ef = embed_find(file);
	assert_non_null(ef);
	struct csv_reader *r = csv_open_mem(ef->data, ef->len);
	const struct csv_record *rc;
	int header = 1;
	while (csv_next(r, &rc) == CSV_RECORD) {
		if (header) {
			header = 0;
			continue;
		}
		const struct csv_field *f = rc->fields;
		if (kind == 0)
			referral_refs_add_vocab(&refs, vocab, f[0].str, f[1].str, rc->nfields > 2 ? f[2].str : "");
		else if (kind == 1)
			referral_refs_add_practice(&refs, f[0].str, f[1].str, f[5].str, f[2].str);
		else
			referral_refs_add_district(&refs, f[0].str, f[1].str);
	}
	csv_free(r);
}

static int setup(void **state)
{
	(void)state;
	NOW = dt_days_from_civil(2026, 3, 11) * 86400 + 10 * 3600;
	referral_refs_init(&refs);
	for (int v = 0; v < RV__MAX; v++) {
		char file[96];
		snprintf(file, sizeof file, "data/vocab/%s.csv", referral_vocab_name[v]);
		load_csv(file, 0, referral_vocab_name[v]);
	}
	load_csv("data/practices.csv", 1, NULL);
	load_csv("data/postcode_districts.csv", 2, NULL);
	assert_false(refs.failed);
	rec = malloc(sizeof *rec);
	return rec ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	free(rec);
	referral_refs_free(&refs);
	return 0;
}

/* A good GP referral; tests change one thing at a time. */
static void good(struct referral_raw *raw)
{
	memset(raw, 0, sizeof *raw);
	raw->v[RF_PERSON_GIVEN_NAME] = "Margaret";
	raw->v[RF_PERSON_FAMILY_NAME] = "O'Brien";
	raw->v[RF_PERSON_DATE_OF_BIRTH] = "1941-07-30";
	raw->v[RF_PERSON_NHS_NUMBER] = "943 476 5919";
	raw->v[RF_PERSON_POSTCODE] = "ip24 1jd";
	raw->v[RF_PERSON_PHONE] = "01842 123456";
	raw->v[RF_PERSON_PRACTICE] = "thetford healthy living centre";
	raw->v[RF_SOURCE] = "gp_practice";
	raw->v[RF_REASONS] = "loneliness; debt;loneliness";
	raw->v[RF_CONSENT_REFERRAL] = "yes";
	raw->v[RF_CONSENT_DATA_SHARING] = "TRUE";
	raw->v[RF_REFERRER_NAME] = "Dr Pike";
	raw->v[RF_REFERRER_ORGANISATION] = "Thetford Healthy Living Centre";
	raw->v[RF_REFERRER_EMAIL] = "pike@nhs.example";
}

static int check(const struct referral_raw *raw, unsigned channel, int hub)
{
	struct referral_check chk = { &refs, NOW, channel, hub };
	fielderr_init(&fe);
	return referral_validate(&chk, raw, rec, &fe);
}

/* The one problem reported is about field; its message contains want. */
static void expect_problem(const struct referral_raw *raw, const char *field, const char *want)
{
	assert_int_equal(check(raw, CH_API, 0), -1);
	if (fe.n != 1 || strcmp(fe.e[0].field, field) != 0 || !strstr(fe.e[0].message, want)) {
		for (size_t i = 0; i < fe.n; i++)
			fprintf(stderr, "  got %s: %s\n", fe.e[i].field, fe.e[i].message);
		fail_msg("expected one problem on %s containing \"%s\"", field, want);
	}
}

static void test_good_referral_normalised(void **state)
{
	(void)state;
	struct referral_raw raw;
	good(&raw);
	assert_int_equal(check(&raw, CH_API, 0), 0);
	assert_int_equal(fe.n, 0);
	assert_string_equal(rec->v[RF_PERSON_NHS_NUMBER].s, "9434765919");
	assert_string_equal(rec->v[RF_PERSON_POSTCODE].s, "IP24 1JD");
	assert_string_equal(rec->outcode, "IP24");
	assert_string_equal(rec->area, "breckland");
	assert_string_equal(rec->v[RF_PERSON_PRACTICE].s, "SPBRK01");
	assert_string_equal(rec->practice->cluster, "Breckland");
	assert_int_equal(rec->v[RF_PERSON_DATE_OF_BIRTH].i, dt_days_from_civil(1941, 7, 30));
	assert_int_equal(rec->age, 84);
	assert_int_equal(rec->nreasons, 2); /* the repeat is dropped */
	assert_string_equal(rec->reasons[0], "loneliness");
	assert_string_equal(rec->reasons[1], "debt");
	assert_string_equal(rec->v[RF_URGENCY].s, "routine");
	assert_int_equal(rec->v[RF_SAFEGUARDING].i, 0);
	assert_int_equal(rec->v[RF_CONSENT_DATA_SHARING].i, 1);
	assert_false(rec->v[RF_PERSON_LIVES_ALONE].set);
	assert_string_equal(rec->match_key, "obrien|margaret|-10382|IP241JD");
	assert_false(rec->is_discharge);
}

static void test_every_source(void **state)
{
	(void)state;
	const struct referral_vocab_list *l = &refs.vocab[RV_REFERRAL_SOURCES];
	assert_int_equal(l->n, 9);
	for (size_t i = 0; i < l->n; i++) {
		struct referral_raw raw;
		good(&raw);
		raw.v[RF_SOURCE] = l->e[i].code;
		if (strcmp(l->e[i].extra, "1") == 0) {
			raw.v[RF_DISCHARGE_HOSPITAL] = "Norfolk and Norwich University Hospital";
			raw.v[RF_DISCHARGE_EXPECTED_DATE] = "2026-03-13";
			raw.v[RF_DISCHARGE_HOME_CHECK_NEEDED] = "yes";
		}
		assert_int_equal(check(&raw, CH_API, 0), 0);
		assert_string_equal(rec->v[RF_SOURCE].s, l->e[i].code);
	}
}

static void test_self_channel(void **state)
{
	(void)state;
	struct referral_raw raw;
	good(&raw);
	raw.v[RF_SOURCE] = NULL;
	raw.v[RF_REFERRER_NAME] = raw.v[RF_REFERRER_ORGANISATION] = raw.v[RF_REFERRER_EMAIL] = NULL;
	assert_int_equal(check(&raw, CH_SELF, 0), 0);
	assert_string_equal(rec->v[RF_SOURCE].s, "self");
	/* The self-referral form takes no source or referrer. */
	raw.v[RF_SOURCE] = "gp_practice";
	assert_int_equal(check(&raw, CH_SELF, 0), -1);
	assert_string_equal(fe.e[0].field, "source");
	assert_non_null(strstr(fe.e[0].message, "cannot be given here"));
}

static void test_bad_fields(void **state)
{
	(void)state;
	static const struct {
		int f;
		const char *value;
		const char *want;
	} cases[] = {
		{ RF_PERSON_NHS_NUMBER, "943 476 5918", "check it against a letter" },
		{ RF_PERSON_NHS_NUMBER, "94347659", "10 digits" },
		{ RF_PERSON_POSTCODE, "NR1 XYZ", "Postcode" },
		{ RF_PERSON_POSTCODE, "QQ1 1AA", "Postcode" },
		{ RF_PERSON_DATE_OF_BIRTH, "2026-03-12", "today or in the past" },
		{ RF_PERSON_DATE_OF_BIRTH, "1990-02-30", "real date" },
		{ RF_PERSON_DATE_OF_BIRTH, "15/03/1984", "real date" },
		{ RF_PERSON_DATE_OF_BIRTH, "1905-03-10", "between 0 and 120" },
		{ RF_PERSON_GENDER, "M", "is not allowed; choose one of the options" },
		{ RF_PERSON_ETHNICITY, "Q", "is not allowed" },
		{ RF_PERSON_EMAIL, "not-an-email", "correct format" },
		{ RF_PERSON_EMAIL, "a@b", "correct format" },
		{ RF_PERSON_EMAIL, "a b@example.org", "correct format" },
		{ RF_PERSON_PHONE, "12345", "10 to 15 digits" },
		{ RF_PERSON_PHONE, "01603 12345x", "10 to 15 digits" },
		{ RF_PERSON_PRACTICE, "Nowhere Surgery", "practice we work with" },
		{ RF_URGENCY, "whenever", "\"whenever\" is not allowed" },
		{ RF_SOURCE, "carrier_pigeon", "is not allowed" },
		{ RF_REASONS, "gardening", "is not allowed" },
		{ RF_REASONS, " ; ", "Select at least one" },
		{ RF_CONSENT_REFERRAL, "no", "must agree to this referral" },
		{ RF_CONSENT_DATA_SHARING, "maybe", "yes or no" },
		{ RF_SAFEGUARDING, "perhaps", "yes or no" },
		{ RF_PERSON_GIVEN_NAME, "   ", "Enter first name" },
		{ RF_PERSON_GIVEN_NAME, "Ann\tMarie", "one line" },
		{ RF_PERSON_GIVEN_NAME, "Ann\xe2\x80\xaeMarie", "one line" },
		{ RF_PERSON_FAMILY_NAME, "Sm\xc3\x28th", "UTF-8" },
		{ RF_PERSON_FAMILY_NAME, "\xc0\xafoverlong", "UTF-8" },
		{ RF_PERSON_FAMILY_NAME, "\xed\xa0\x80surrogate", "UTF-8" },
		{ RF_DETAILS, "bell\x07", "control characters" },
		{ RF_RECEIVED_AT, "2026-03-01T09:00:00Z", "only be given by the hub" },
		{ RF_DISCHARGE_HOSPITAL, "NNUH", "only for referrals from a hospital" },
		{ RF_DISCHARGE_HOME_CHECK_NEEDED, "yes", "only for discharge referrals" },
		{ RF_DISCHARGE_EXPECTED_DATE, "2026-03-20", "only for referrals from a hospital" },
		{ RF_REFERRER_EMAIL, "x@", "correct format" },
		{ RF_PERSON_PREFERRED_CONTACT, "email", "enter an email address too" },
		{ RF_PERSON_PREFERRED_CONTACT, "pigeon", "is not allowed" },
		{ RF_PERSON_MONEY_WORRIES, "2", "yes or no" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct referral_raw raw;
		good(&raw);
		raw.v[cases[i].f] = cases[i].value;
		expect_problem(&raw, referral_fields[cases[i].f].path, cases[i].want);
	}
}

static void test_long_text(void **state)
{
	(void)state;
	struct referral_raw raw;
	char name[200], details[5000];
	memset(name, 'a', 101);
	name[101] = '\0';
	good(&raw);
	raw.v[RF_PERSON_GIVEN_NAME] = name;
	expect_problem(&raw, "person.given_name", "100 characters or fewer (it has 101)");
	/* Characters, not bytes: 100 two-byte letters are fine. */
	for (int i = 0; i < 100; i++)
		memcpy(name + 2 * i, "\xc3\xa9", 2);
	name[200 - 1] = '\0';
	name[198] = '\0';
	good(&raw);
	raw.v[RF_PERSON_GIVEN_NAME] = name;
	assert_int_equal(check(&raw, CH_API, 0), 0);
	memset(details, 'x', 4001);
	details[4001] = '\0';
	good(&raw);
	raw.v[RF_DETAILS] = details;
	expect_problem(&raw, "details", "4000 characters");
	details[3990] = '\n';
	details[4000] = '\0';
	good(&raw);
	raw.v[RF_DETAILS] = details;
	assert_int_equal(check(&raw, CH_API, 0), 0);
}

static void test_missing_required(void **state)
{
	(void)state;
	struct referral_raw raw;
	memset(&raw, 0, sizeof raw);
	assert_int_equal(check(&raw, CH_API, 0), -1);
	const char *want[] = { "person.given_name", "person.family_name", "person.date_of_birth", "person.postcode",
			       "source", "reasons", "consent.referral", "consent.data_sharing", "person.phone" };
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		if (!fielderr_for(&fe, want[i]))
			fail_msg("no problem reported for %s", want[i]);
	assert_int_equal(fe.n, sizeof want / sizeof want[0]);
	assert_string_equal(fielderr_for(&fe, "consent.referral"), "Confirm that the person agrees to this referral");
	assert_string_equal(fielderr_for(&fe, "source"), "Select referral source");
	assert_string_equal(fielderr_for(&fe, "person.date_of_birth"), "Enter date of birth");
}

static void test_cross_rules(void **state)
{
	(void)state;
	struct referral_raw raw;
	/* A discharge referral needs its hospital and expected date. */
	good(&raw);
	raw.v[RF_SOURCE] = "acute_hospital_discharge";
	assert_int_equal(check(&raw, CH_API, 0), -1);
	assert_int_equal(fe.n, 2);
	assert_non_null(fielderr_for(&fe, "discharge.hospital"));
	assert_non_null(fielderr_for(&fe, "discharge.expected_date"));
	raw.v[RF_DISCHARGE_HOSPITAL] = "NNUH";
	raw.v[RF_DISCHARGE_EXPECTED_DATE] = "2027-03-20";
	expect_problem(&raw, "discharge.expected_date", "within a year");
	raw.v[RF_DISCHARGE_EXPECTED_DATE] = "2026-03-20";
	assert_int_equal(check(&raw, CH_API, 0), 0);
	assert_true(rec->is_discharge);
	/* Professionals say who they are; a carer need not give an organisation. */
	good(&raw);
	raw.v[RF_REFERRER_ORGANISATION] = NULL;
	expect_problem(&raw, "referrer.organisation", "Enter the referrer's organisation");
	raw.v[RF_SOURCE] = "family_carer";
	assert_int_equal(check(&raw, CH_API, 0), 0);
	raw.v[RF_REFERRER_EMAIL] = NULL;
	expect_problem(&raw, "referrer.phone", "phone number or email address");
	/* A GP referral names the practice. */
	good(&raw);
	raw.v[RF_PERSON_PRACTICE] = NULL;
	expect_problem(&raw, "person.practice", "Enter the GP practice");
	raw.v[RF_SOURCE] = "vcse_partner";
	assert_int_equal(check(&raw, CH_API, 0), 0);
	/* Email is enough to be contacted. */
	good(&raw);
	raw.v[RF_PERSON_PHONE] = NULL;
	raw.v[RF_PERSON_EMAIL] = "m.obrien@example.org";
	assert_int_equal(check(&raw, CH_API, 0), 0);
}

static void test_received_at(void **state)
{
	(void)state;
	struct referral_raw raw;
	good(&raw);
	raw.v[RF_RECEIVED_AT] = "2026-03-10T16:30:00Z";
	assert_int_equal(check(&raw, CH_API, 1), 0);
	assert_int_equal(rec->v[RF_RECEIVED_AT].i, NOW - 17 * 3600 - 1800);
	raw.v[RF_RECEIVED_AT] = "2026-03-10T17:30:00+01:00";
	assert_int_equal(check(&raw, CH_API, 1), 0);
	assert_int_equal(rec->v[RF_RECEIVED_AT].i, NOW - 17 * 3600 - 1800);
	raw.v[RF_RECEIVED_AT] = "2026-03-11T11:00:00Z";
	assert_int_equal(check(&raw, CH_API, 1), -1);
	assert_non_null(strstr(fe.e[0].message, "future"));
	raw.v[RF_RECEIVED_AT] = "2026-03-10";
	assert_int_equal(check(&raw, CH_API, 1), -1);
	raw.v[RF_RECEIVED_AT] = "1999-12-31T23:59:59Z";
	assert_int_equal(check(&raw, CH_API, 1), -1);
}

static void test_lists_and_case(void **state)
{
	(void)state;
	struct referral_raw raw;
	good(&raw);
	raw.v[RF_REASONS] = NULL;
	raw.has_list = 1;
	raw.list[0] = "DEBT";
	raw.list[1] = "housing";
	raw.list[2] = "debt";
	raw.nlist = 3;
	raw.v[RF_PERSON_ETHNICITY] = "a";
	raw.v[RF_SOURCE] = "GP_Practice";
	assert_int_equal(check(&raw, CH_API, 0), 0);
	assert_int_equal(rec->nreasons, 2);
	assert_string_equal(rec->reasons[0], "debt");
	assert_string_equal(rec->v[RF_PERSON_ETHNICITY].s, "A");
	assert_string_equal(rec->v[RF_SOURCE].s, "gp_practice");
	/* An empty list is no reasons at all. */
	raw.nlist = 0;
	expect_problem(&raw, "reasons", "Select at least one");
}

static void test_bad_marked_by_adapter(void **state)
{
	(void)state;
	struct referral_raw raw;
	good(&raw);
	raw.v[RF_PERSON_NHS_NUMBER] = NULL;
	raw.bad[RF_PERSON_NHS_NUMBER] = 1;
	raw.v[RF_PERSON_PHONE] = NULL;
	raw.bad[RF_PERSON_PHONE] = 1;
	/* The adapter already said what was wrong; nothing more is added (not
	 * even "enter a phone number or email"), yet the result is a refusal
	 * only through the adapter's own problems. */
	assert_int_equal(check(&raw, CH_API, 0), 0);
	assert_int_equal(fe.n, 0);
}

static void test_parse_bool_and_label(void **state)
{
	(void)state;
	assert_int_equal(referral_parse_bool("Yes"), 1);
	assert_int_equal(referral_parse_bool("n"), 0);
	assert_int_equal(referral_parse_bool("0"), 0);
	assert_int_equal(referral_parse_bool("TRUE"), 1);
	assert_int_equal(referral_parse_bool(""), -1);
	assert_int_equal(referral_parse_bool("yess"), -1);
	assert_int_equal(referral_parse_bool(NULL), -1);
	assert_true(referral_utf8_ok("plain"));
	assert_true(referral_utf8_ok("Se\xc3\xa1n \xe2\x80\xae bidi is encoded fine"));
	assert_false(referral_utf8_ok("bad \xc3\x28"));
	assert_false(referral_utf8_ok("\xff"));
	assert_false(referral_utf8_ok("cut \xe2\x82"));
	char out[64];
	referral_label_lower("First name", out, sizeof out);
	assert_string_equal(out, "first name");
	referral_label_lower("NHS number", out, sizeof out);
	assert_string_equal(out, "NHS number");
	referral_label_lower("GP practice", out, sizeof out);
	assert_string_equal(out, "GP practice");
}

/* The model: unique paths, a column for every stored field, and SQL column
 * lists that follow model order (the store binds in that order). */
static void test_model(void **state)
{
	(void)state;
	for (int i = 0; i < RF__MAX; i++) {
		assert_int_equal(referral_field_by_path(referral_fields[i].path), i);
		assert_true(referral_fields[i].label && referral_fields[i].label[0]);
		if (referral_fields[i].kind == K_VOCAB || referral_fields[i].kind == K_VOCABS)
			assert_true(referral_fields[i].vocab != RV_NONE);
		else
			assert_true(referral_fields[i].vocab == RV_NONE);
		if (referral_fields[i].kind == K_TEXT || referral_fields[i].kind == K_LONGTEXT)
			assert_true(referral_fields[i].max > 0);
	}
	char want[2048] = "";
	for (int i = 0; i < RF__MAX; i++)
		if (REFERRAL_WHERE_PERSON(referral_fields[i].where)) {
			strcat(want, referral_fields[i].column);
			strcat(want, ", ");
		}
	assert_string_equal(REFERRAL_SQL_PERSON_COLUMNS, want);
	want[0] = '\0';
	for (int i = 0; i < RF__MAX; i++)
		if (REFERRAL_WHERE_REFERRAL(referral_fields[i].where)) {
			strcat(want, referral_fields[i].where == W_PS ? "submitted_" : "");
			strcat(want, referral_fields[i].column);
			strcat(want, ", ");
		}
	assert_string_equal(REFERRAL_SQL_REFERRAL_COLUMNS, want);
	assert_int_equal(referral_field_by_path("person.nickname"), -1);
}

/* A packed copy reads the same as the record it came from after that record
 * and the raw input are overwritten, and points into nothing of theirs. */
static void test_pack(void **state)
{
	(void)state;
	struct referral_raw raw;
	good(&raw);
	char details[] = "  Lives alone; would like company  ";
	raw.v[RF_DETAILS] = details;
	raw.v[RF_PERSON_ADDRESS] = "1 Well Street, Thetford";
	assert_int_equal(check(&raw, CH_API, 0), 0);
	size_t n = referral_packed_size(rec);
	assert_int_equal(n % REFERRAL_PACK_ALIGN, 0);
	assert_true(n < sizeof *rec);
	void *buf = aligned_alloc(REFERRAL_PACK_ALIGN, n);
	assert_non_null(buf);
	const struct referral_rec *p = referral_pack(buf, rec);
	struct referral_rec *orig = malloc(sizeof *orig);
	assert_non_null(orig);
	memcpy(orig, rec, sizeof *rec);
	memset(rec, 0x5a, sizeof *rec);
	memset(details, 'x', sizeof details - 1);
	uintptr_t lo = (uintptr_t)rec, hi = lo + sizeof *rec;
	for (int f = 0; f < RF__MAX; f++) {
		assert_int_equal(p->v[f].set, orig->v[f].set);
		assert_true(p->v[f].i == orig->v[f].i);
		if (!orig->v[f].s) {
			assert_null(p->v[f].s);
			continue;
		}
		assert_false((uintptr_t)p->v[f].s >= lo && (uintptr_t)p->v[f].s < hi);
		/* orig's own pointers went into rec's scratch: read them from orig's copy. */
		uintptr_t a = (uintptr_t)orig->v[f].s;
		const char *want = a >= lo && a < hi ? (const char *)orig + (a - lo) : orig->v[f].s;
		assert_string_equal(p->v[f].s, want);
	}
	assert_string_equal(p->v[RF_DETAILS].s, "Lives alone; would like company");
	assert_int_equal(p->nreasons, 2);
	assert_string_equal(p->reasons[0], "loneliness");
	assert_string_equal(p->reasons[1], "debt");
	assert_string_equal(p->outcode, "IP24");
	assert_string_equal(p->area, "breckland");
	assert_ptr_equal(p->practice, orig->practice);
	assert_non_null(p->match_key);
	free(orig);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_referral_normalised),
		cmocka_unit_test(test_every_source),
		cmocka_unit_test(test_self_channel),
		cmocka_unit_test(test_bad_fields),
		cmocka_unit_test(test_long_text),
		cmocka_unit_test(test_missing_required),
		cmocka_unit_test(test_cross_rules),
		cmocka_unit_test(test_received_at),
		cmocka_unit_test(test_lists_and_case),
		cmocka_unit_test(test_bad_marked_by_adapter),
		cmocka_unit_test(test_parse_bool_and_label),
		cmocka_unit_test(test_model),
		cmocka_unit_test(test_pack),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
