/* Unit tests for core/nhsnum: the modulus 11 check, accepted spellings and messages. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/nhsnum.h"

static const char MSG_DIGITS[] = "must be 10 digits";
static const char MSG_CHECK[] = "is not valid: check it against a letter from the NHS or the NHS App";

/*
 * Independent oracle: with the check digit weighted 1, a number is valid
 * exactly when the weighted sum of all ten digits is 0 mod 11 (a needed
 * check of 10 can never be met by a single digit, so it fails naturally).
 */
static int
oracle_valid(const char d[10])
{
	int s = 0;

	for (int i = 0; i < 10; i++)
		s += (d[i] - '0') * (i == 9 ? 1 : 10 - i);
	return s % 11 == 0;
}

static void
digits_of(uint64_t v, char out[11])
{
	for (int i = 9; i >= 0; i--) {
		out[i] = (char)('0' + v % 10);
		v /= 10;
	}
	out[10] = '\0';
}

static void
test_known_valid(void **state)
{
	char out[NHSNUM_LEN];
	(void)state;

	assert_int_equal(nhsnum_normalise("9434765919", out), 0);
	assert_string_equal(out, "9434765919");
	assert_null(nhsnum_problem("9434765919"));
	assert_int_equal(nhsnum_check_digit("943476591"), 9);
	/* computed: 401 023 213 -> sum 4*10+0+1*8+0+2*6+3*5+2*4+1*3+3*2 = 92, 92 mod 11 = 4, check 7 */
	assert_int_equal(nhsnum_check_digit("401023213"), 7);
	assert_int_equal(nhsnum_normalise("401 023 2137", out), 0);
	assert_string_equal(out, "4010232137");
	/* check 11 -> 0: 000000000 sums to 0 */
	assert_int_equal(nhsnum_check_digit("000000000"), 0);
	assert_int_equal(nhsnum_normalise("0000000000", out), 0);
	/* 100000002: 10 + 2*2 = 14, 14 mod 11 = 3, check 8 */
	assert_int_equal(nhsnum_check_digit("100000002"), 8);
	/* 100000006: 10 + 12 = 22, 0 mod 11, check 11 -> 0 */
	assert_int_equal(nhsnum_check_digit("100000006"), 0);
	assert_int_equal(nhsnum_normalise("1000000060", out), 0);
	assert_int_equal(nhsnum_normalise("1000000061", out), -1);
}

static void
test_spellings(void **state)
{
	static const char *good[] = {
		"9434765919", "943 476 5919", " 943 476 5919 ", "9434 765 919", "9 4 3 4 7 6 5 9 1 9",
		"943  476  5919", "\t9434765919\t", "943\t476\t5919", "   9434765919",
	};
	static const char *bad[] = {
		"943-476-5919", "943.476.5919", "943/476/5919", "+9434765919", "9434765919x",
		"x9434765919", "94347659l9", "943476591O", "NHS9434765919", "943 476 5919\n",
		"９434765919", "943 476 591", "943 476 59199", "09434765919", "9434765919 0",
		"", " ", "\t", "-", "94347 6591 9 9",
	};
	char out[NHSNUM_LEN];
	(void)state;

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		memset(out, 'z', sizeof(out));
		if (nhsnum_normalise(good[i], out) != 0)
			fail_msg("rejected \"%s\"", good[i]);
		assert_string_equal(out, "9434765919");
		assert_null(nhsnum_problem(good[i]));
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(out, 'z', sizeof(out));
		if (nhsnum_normalise(bad[i], out) != -1)
			fail_msg("accepted \"%s\"", bad[i]);
		assert_string_equal(out, "");
		assert_string_equal(nhsnum_problem(bad[i]), MSG_DIGITS);
	}
	assert_int_equal(nhsnum_normalise(NULL, out), -1);
	assert_string_equal(out, "");
	assert_string_equal(nhsnum_problem(NULL), MSG_DIGITS);
}

static void
test_wrong_lengths(void **state)
{
	char buf[64], out[NHSNUM_LEN];
	(void)state;

	/* every length 0..40 of a repeated valid number; only 10 passes */
	for (int n = 0; n <= 40; n++) {
		for (int i = 0; i < n; i++)
			buf[i] = "9434765919"[i % 10];
		buf[n] = '\0';
		assert_int_equal(nhsnum_normalise(buf, out), n == 10 ? 0 : -1);
		if (n != 10)
			assert_string_equal(nhsnum_problem(buf), MSG_DIGITS);
	}
}

/* Every single-digit substitution of many valid numbers is rejected, as the oracle says. */
static void
test_single_digit_mutations(void **state)
{
	int valid_seen = 0;
	(void)state;

	for (uint64_t base = 0; base < 1000000000ULL; base += 9876541ULL) {
		char d[11], out[NHSNUM_LEN];
		int c;

		digits_of(base * 10, d);
		c = nhsnum_check_digit(d);
		if (c < 0)
			continue;
		d[9] = (char)('0' + c);
		assert_true(oracle_valid(d));
		assert_int_equal(nhsnum_normalise(d, out), 0);
		assert_string_equal(out, d);
		valid_seen++;
		for (int pos = 0; pos < 10; pos++) {
			char keep = d[pos];

			for (char x = '0'; x <= '9'; x++) {
				if (x == keep)
					continue;
				d[pos] = x;
				assert_int_equal(oracle_valid(d), 0);
				assert_int_equal(nhsnum_normalise(d, out), -1);
				assert_string_equal(nhsnum_problem(d), MSG_CHECK);
			}
			d[pos] = keep;
		}
	}
	assert_true(valid_seen > 80);
}

/* Remainder-10 prefixes: no tenth digit makes them valid. */
static void
test_remainder_ten(void **state)
{
	int prefixes = 0;
	(void)state;

	for (uint64_t base = 0; base < 1000000000ULL; base += 1234567ULL) {
		char d[11], out[NHSNUM_LEN];
		int s = 0;

		digits_of(base * 10, d);
		for (int i = 0; i < 9; i++)
			s += (d[i] - '0') * (10 - i);
		if (s % 11 != 1)
			continue;
		prefixes++;
		assert_int_equal(nhsnum_check_digit(d), -1);
		for (char x = '0'; x <= '9'; x++) {
			d[9] = x;
			assert_int_equal(nhsnum_normalise(d, out), -1);
			assert_string_equal(nhsnum_problem(d), MSG_CHECK);
		}
	}
	assert_true(prefixes > 20);
	/* a specific one: 100000001 -> 10 + 2 = 12, 12 mod 11 = 1, check would be 10 */
	assert_int_equal(nhsnum_check_digit("100000001"), -1);
}

/* Agreement with the oracle over a dense run of ten-digit strings. */
static void
test_dense_agreement(void **state)
{
	int valid = 0, total = 0;
	(void)state;

	for (uint64_t v = 9434700000ULL; v < 9434800000ULL; v += 7) {
		char d[11], out[NHSNUM_LEN];
		int ok;

		digits_of(v, d);
		ok = oracle_valid(d);
		assert_int_equal(nhsnum_normalise(d, out), ok ? 0 : -1);
		if (ok) {
			assert_null(nhsnum_problem(d));
		} else {
			assert_string_equal(nhsnum_problem(d), MSG_CHECK);
		}
		valid += ok;
		total++;
	}
	/* about 10 valid in every 11 prefixes x 1 of 10 check digits */
	assert_in_range(valid, total / 13, total / 10);
}

/* Adjacent transpositions of different digits are also caught (weights differ by 1, mod 11). */
static void
test_transpositions(void **state)
{
	(void)state;
	for (uint64_t base = 0; base < 1000000000ULL; base += 19876543ULL) {
		char d[11], out[NHSNUM_LEN];
		int c;

		digits_of(base * 10, d);
		if ((c = nhsnum_check_digit(d)) < 0)
			continue;
		d[9] = (char)('0' + c);
		for (int pos = 0; pos < 9; pos++) {
			char t;

			if (d[pos] == d[pos + 1])
				continue;
			t = d[pos];
			d[pos] = d[pos + 1];
			d[pos + 1] = t;
			assert_int_equal(nhsnum_normalise(d, out), -1);
			d[pos + 1] = d[pos];
			d[pos] = t;
		}
	}
}

static void
test_check_digit_input(void **state)
{
	(void)state;
	assert_int_equal(nhsnum_check_digit(NULL), -1);
	assert_int_equal(nhsnum_check_digit(""), -1);
	assert_int_equal(nhsnum_check_digit("94347659"), -1);
	assert_int_equal(nhsnum_check_digit("94347659x"), -1);
	/* only nine digits are read; anything after them is the caller's business */
	assert_int_equal(nhsnum_check_digit("9434765919"), 9);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_valid),
		cmocka_unit_test(test_spellings),
		cmocka_unit_test(test_wrong_lengths),
		cmocka_unit_test(test_single_digit_mutations),
		cmocka_unit_test(test_remainder_ten),
		cmocka_unit_test(test_dense_agreement),
		cmocka_unit_test(test_transpositions),
		cmocka_unit_test(test_check_digit_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
