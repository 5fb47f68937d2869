/* Unit tests for core/postcode: every format, the letter rules position by position, spellings. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <regex.h>
#include <stdio.h>
#include <string.h>

#include "core/postcode.h"

static const char MSG_FORMAT[] = "must be a full UK postcode, like SW1A 1AA";
static const char MSG_LETTER[] = "is not a real UK postcode: please check the letters";

/*
 * Independent oracle: the BS 7666 rule written as one POSIX regular
 * expression over the normalised form (with P allowed in A9A, for N1P).
 */
static const char ORACLE_RE[] =
	"^(GIR 0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|"
	"[A-HK-Y][0-9][ABEHMNPRVWXY]) [0-9][ABD-HJLNP-UW-Z]{2})$";
static regex_t oracle;

static int
setup(void **state)
{
	(void)state;
	return regcomp(&oracle, ORACLE_RE, REG_EXTENDED | REG_NOSUB) == 0 ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	regfree(&oracle);
	return 0;
}

static int
oracle_ok(const char *normalised)
{
	return regexec(&oracle, normalised, 0, NULL, 0) == 0;
}

static void
expect_ok(const char *in, const char *want, const char *outward)
{
	char out[POSTCODE_LEN], oc[POSTCODE_OUTCODE_LEN];

	memset(out, 'z', sizeof(out));
	if (postcode_normalise(in, out) != 0)
		fail_msg("rejected \"%s\"", in);
	assert_string_equal(out, want);
	assert_null(postcode_problem(in));
	assert_int_equal(postcode_outcode(in, oc), 0);
	assert_string_equal(oc, outward);
	assert_int_equal(postcode_outcode(out, oc), 0);
	assert_string_equal(oc, outward);
	assert_true(oracle_ok(out));
}

static void
expect_bad(const char *in, const char *msg)
{
	char out[POSTCODE_LEN], oc[POSTCODE_OUTCODE_LEN];

	memset(out, 'z', sizeof(out));
	memset(oc, 'z', sizeof(oc));
	if (postcode_normalise(in, out) != -1)
		fail_msg("accepted \"%s\" as \"%s\"", in != NULL ? in : "(null)", out);
	assert_string_equal(out, "");
	assert_int_equal(postcode_outcode(in, oc), -1);
	assert_string_equal(oc, "");
	if (strcmp(postcode_problem(in), msg) != 0)
		fail_msg("\"%s\": message \"%s\", want \"%s\"", in != NULL ? in : "(null)",
		    postcode_problem(in), msg);
}

static void
test_every_format(void **state)
{
	(void)state;
	expect_ok("M1 1AA", "M1 1AA", "M1");          /* A9 9AA */
	expect_ok("M60 1NW", "M60 1NW", "M60");       /* A99 9AA */
	expect_ok("CR2 6XH", "CR2 6XH", "CR2");       /* AA9 9AA */
	expect_ok("DN55 1PT", "DN55 1PT", "DN55");    /* AA99 9AA */
	expect_ok("W1A 1HQ", "W1A 1HQ", "W1A");       /* A9A 9AA */
	expect_ok("EC1A 1BB", "EC1A 1BB", "EC1A");    /* AA9A 9AA */
	expect_ok("GIR 0AA", "GIR 0AA", "GIR");
	expect_ok("NR1 2DH", "NR1 2DH", "NR1");
	expect_ok("NR32 1PZ", "NR32 1PZ", "NR32");
	expect_ok("SW1A 1AA", "SW1A 1AA", "SW1A");
	expect_ok("N1P 2AA", "N1P 2AA", "N1P");
	expect_ok("N1C 4AG", "N1C 4AG", "N1C");
	expect_ok("E1W 1AA", "E1W 1AA", "E1W");
	expect_ok("B33 8TH", "B33 8TH", "B33");
	expect_ok("BS0 1AA", "BS0 1AA", "BS0");
}

static void
test_spellings(void **state)
{
	(void)state;
	expect_ok("sw1a1aa", "SW1A 1AA", "SW1A");
	expect_ok("Sw1A 1aA", "SW1A 1AA", "SW1A");
	expect_ok("  SW1A   1AA  ", "SW1A 1AA", "SW1A");
	expect_ok("S W 1 A 1 A A", "SW1A 1AA", "SW1A");
	expect_ok("\tsw1a\t1aa\t", "SW1A 1AA", "SW1A");
	expect_ok("SW1A1AA", "SW1A 1AA", "SW1A");
	expect_ok("gir0aa", "GIR 0AA", "GIR");
	expect_ok("g i r 0 a a", "GIR 0AA", "GIR");
	expect_ok("m11aa", "M1 1AA", "M1");
	/* the space goes before the last three, wherever it was typed */
	expect_ok("SW1A1 AA", "SW1A 1AA", "SW1A");
	expect_ok("NR12 DH", "NR1 2DH", "NR1");
}

static void
test_wrong_shapes(void **state)
{
	static const char *bad[] = {
		"", " ", "\t", "M1", "M11A", "M1 1A", "M1 AA", "M1 11A", "M1 1A1",
		"SW1A 1AAA", "SW1AA 1AA", "SW12A 1AA", "1W1A 1AA", "11 1AA", "MM 1AA",
		"M 1AA", "MMM 1AA", "M1M1 1AA", "M11M 1AA", "MM1M1 1AA", "A9AA 1AA",
		"GIR 1AA", "GIR 0AB", "GIR0A", "GI 0AA", "SW1A-1AA", "SW1A_1AA", "SW1A.1AA",
		"SW1A 1AA\n", "ASCN 1ZZ", "BFPO 1234", "SAN TA1", "12345", "AAAAA",
		"SW1A 1ÅA", "ＳW1A 1AA", "SW1A 1AA x", "x SW1A 1AA", "SW1A1AA1",
	};
	(void)state;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		expect_bad(bad[i], MSG_FORMAT);
	expect_bad(NULL, MSG_FORMAT);
}

static void
test_lengths(void **state)
{
	char buf[32];
	(void)state;

	/* only 5, 6 and 7 significant characters can be a postcode */
	for (int n = 0; n <= 20; n++) {
		char out[POSTCODE_LEN];
		int i;

		for (i = 0; i < n - 3; i++)
			buf[i] = i == 0 ? 'B' : '1';
		for (; i < n; i++)
			buf[i] = "1AB"[i - (n - 3 < 0 ? 0 : n - 3)];
		buf[n] = '\0';
		if (n >= 5 && n <= 6) {
			assert_int_equal(postcode_normalise(buf, out), 0);
		} else if (n != 7) {
			assert_int_equal(postcode_normalise(buf, out), -1);
			assert_string_equal(postcode_problem(buf), MSG_FORMAT);
		}
	}
	/* 7 characters need AA99 or AA9A */
	expect_ok("BB111AB", "BB11 1AB", "BB11");
	expect_bad("B1111AB", MSG_FORMAT);
}

/* Each restricted position, all 26 letters, in every format where it applies. */
static void
test_letter_rules(void **state)
{
	(void)state;
	for (char c = 'A'; c <= 'Z'; c++) {
		char buf[16];
		int first = strchr("QVX", c) == NULL;
		int second = strchr("IJZ", c) == NULL;
		int third = strchr("ABCDEFGHJKPSTUW", c) != NULL;
		int fourth = strchr("ABEHMNPRVWXY", c) != NULL;
		int inward = strchr("CIKMOV", c) == NULL;
		char want[16];

#define CHECK(ok, fmt_in, fmt_out, ...) do { \
		snprintf(buf, sizeof(buf), fmt_in, __VA_ARGS__); \
		snprintf(want, sizeof(want), fmt_out, __VA_ARGS__); \
		if (ok) { \
			char out_[POSTCODE_LEN]; \
			assert_int_equal(postcode_normalise(buf, out_), 0); \
			assert_string_equal(out_, want); \
		} else { \
			expect_bad(buf, MSG_LETTER); \
		} \
		assert_int_equal(oracle_ok(want), ok); \
	} while (0)

		/* position 1 in all six formats */
		CHECK(first, "%c1 1AB", "%c1 1AB", c);
		CHECK(first, "%c12 1AB", "%c12 1AB", c);
		CHECK(first, "%cB1 1AB", "%cB1 1AB", c);
		CHECK(first, "%cB12 1AB", "%cB12 1AB", c);
		CHECK(first, "%c1A 1AB", "%c1A 1AB", c);
		CHECK(first, "%cB1A 1AB", "%cB1A 1AB", c);
		/* position 2 in AA9, AA99, AA9A */
		CHECK(second, "B%c1 1AB", "B%c1 1AB", c);
		CHECK(second, "B%c12 1AB", "B%c12 1AB", c);
		CHECK(second, "B%c1A 1AB", "B%c1A 1AB", c);
		/* the letter of A9A and of AA9A */
		CHECK(third, "W1%c 1AB", "W1%c 1AB", c);
		CHECK(fourth, "EC1%c 1AB", "EC1%c 1AB", c);
		/* both inward letters, in two formats */
		CHECK(inward, "M1 1%cB", "M1 1%cB", c);
		CHECK(inward, "M1 1B%c", "M1 1B%c", c);
		CHECK(inward, "EC1A 1%cB", "EC1A 1%cB", c);
		CHECK(inward, "EC1A 1B%c", "EC1A 1B%c", c);
		/* lower case follows the same rules */
		CHECK(first, "%c1 1ab", "%c1 1AB", c);
#undef CHECK
	}
}

/*
 * Exhaustive over outward codes of 2-4 characters from [A-Z0-9] with a
 * fixed inward code, and over every inward code with a fixed outward code:
 * acceptance and normal form agree with the regular expression.
 */
static void
test_exhaustive_against_oracle(void **state)
{
	static const char alnum[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	int accepted = 0;
	(void)state;

	for (int len = 2; len <= 4; len++) {
		long total = 1;

		for (int i = 0; i < len; i++)
			total *= 36;
		for (long k = 0; k < total; k++) {
			char in[16], norm[16], out[POSTCODE_LEN];
			long v = k;
			int ok;

			for (int i = len - 1; i >= 0; i--) {
				in[i] = alnum[v % 36];
				v /= 36;
			}
			memcpy(in + len, "9ZZ", 4);
			memcpy(norm, in, (size_t)len);
			memcpy(norm + len, " 9ZZ", 5);
			ok = oracle_ok(norm);
			if ((postcode_normalise(in, out) == 0) != ok)
				fail_msg("\"%s\": oracle says %d", in, ok);
			if (ok) {
				assert_string_equal(out, norm);
				accepted++;
			}
		}
	}
	/* a floor, so a broken oracle that accepts nothing cannot pass */
	assert_true(accepted > 10000);
	for (int d = 0; d <= 9; d++) {
		for (char a = 'A'; a <= 'Z'; a++) {
			for (char b = 'A'; b <= 'Z'; b++) {
				char in[16], out[POSTCODE_LEN];
				int ok;

				memcpy(in, "NR1 ", 4);
				in[4] = (char)('0' + d);
				in[5] = a;
				in[6] = b;
				in[7] = '\0';
				ok = oracle_ok(in);
				assert_int_equal(postcode_normalise(in, out) == 0, ok);
				assert_int_equal(postcode_problem(in) == NULL, ok);
			}
		}
	}
}

static void
test_outcode(void **state)
{
	char oc[POSTCODE_OUTCODE_LEN];
	(void)state;

	assert_int_equal(postcode_outcode("NR2 4SZ", oc), 0);
	assert_string_equal(oc, "NR2");
	assert_int_equal(postcode_outcode("nr324ab", oc), 0);
	assert_string_equal(oc, "NR32");
	assert_int_equal(postcode_outcode("EC1A 1BB", oc), 0);
	assert_string_equal(oc, "EC1A");
	assert_int_equal(postcode_outcode("NR2", oc), -1);
	assert_string_equal(oc, "");
	assert_int_equal(postcode_outcode(NULL, oc), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_format),
		cmocka_unit_test(test_spellings),
		cmocka_unit_test(test_wrong_shapes),
		cmocka_unit_test(test_lengths),
		cmocka_unit_test(test_letter_rules),
		cmocka_unit_test(test_exhaustive_against_oracle),
		cmocka_unit_test(test_outcode),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
