/* Unit tests for core/refcode: round trips, tolerant reading, and detection of typing mistakes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/refcode.h"

static const char ALPHABET[] = "ABCDEFGHJKLMNPQRSTUVWXZ";

static void
make(int year, int64_t seq, char out[REFCODE_MAX])
{
	assert_int_equal(refcode_make(year, seq, out, REFCODE_MAX), 0);
}

static void
expect_parse(const char *s, int want_year, int64_t want_seq)
{
	int year = -1;
	int64_t seq = -1;

	if (refcode_parse(s, &year, &seq) != 0)
		fail_msg("rejected \"%s\"", s);
	assert_int_equal(year, want_year);
	assert_int_equal(seq, want_seq);
}

static void
expect_reject(const char *s)
{
	int year = -7;
	int64_t seq = -7;

	if (refcode_parse(s, &year, &seq) != -1)
		fail_msg("accepted \"%s\" as %d/%lld", s != NULL ? s : "(null)", year, (long long)seq);
	assert_int_equal(year, -7);
	assert_int_equal(seq, -7);
}

static void
test_shape(void **state)
{
	char out[REFCODE_MAX];
	(void)state;

	make(2026, 123, out);
	assert_int_equal(strlen(out), 14);
	assert_memory_equal(out, "WM-26-000123-", 13);
	assert_non_null(strchr(ALPHABET, out[13]));
	/* hand-computed: 2*21 + 6*20 + 1*3 + 2*2 + 3*1 = 172; 172 mod 23 = 11 -> 'M' */
	assert_string_equal(out, "WM-26-000123-M");
	make(2000, 0, out);
	assert_string_equal(out, "WM-00-000000-A");
	make(2099, 999999, out);
	assert_memory_equal(out, "WM-99-999999-", 13);
	make(2026, 1000000, out);
	assert_memory_equal(out, "WM-26-1000000-", 14);
	make(2026, INT64_MAX, out);
	assert_memory_equal(out, "WM-26-9223372036854775807-", 26);
	assert_int_equal(strlen(out), REFCODE_MAX - 1);
}

static void
test_make_errors(void **state)
{
	char out[REFCODE_MAX];
	(void)state;

	memset(out, 'z', sizeof(out));
	assert_int_equal(refcode_make(1999, 1, out, sizeof(out)), -1);
	assert_string_equal(out, "");
	assert_int_equal(refcode_make(2100, 1, out, sizeof(out)), -1);
	assert_int_equal(refcode_make(26, 1, out, sizeof(out)), -1);
	assert_int_equal(refcode_make(2026, -1, out, sizeof(out)), -1);
	assert_int_equal(refcode_make(2026, INT64_MIN, out, sizeof(out)), -1);
	/* exactly enough space, and one short */
	assert_int_equal(refcode_make(2026, 123, out, 15), 0);
	assert_int_equal(refcode_make(2026, 123, out, 14), -1);
	assert_string_equal(out, "");
	assert_int_equal(refcode_make(2026, 1234567, out, 16), 0);
	assert_int_equal(refcode_make(2026, 1234567, out, 15), -1);
	assert_int_equal(refcode_make(2026, INT64_MAX, out, REFCODE_MAX - 1), -1);
	assert_int_equal(refcode_make(2026, 1, NULL, 0), -1);
}

static void
test_round_trip(void **state)
{
	char out[REFCODE_MAX];
	(void)state;

	for (int year = 2000; year <= 2099; year += 7) {
		for (int64_t seq = 0; seq < 3000000; seq += 997) {
			make(year, seq, out);
			expect_parse(out, year, seq);
		}
	}
	for (int64_t seq = 1; seq > 0 && seq <= INT64_MAX / 3; seq *= 3) {
		make(2031, seq, out);
		expect_parse(out, 2031, seq);
	}
	make(2026, INT64_MAX, out);
	expect_parse(out, 2026, INT64_MAX);
}

static void
test_tolerant_reading(void **state)
{
	char out[REFCODE_MAX], alt[64];
	size_t j = 0;
	(void)state;

	make(2026, 123, out);
	expect_parse("WM-26-000123-M", 2026, 123);
	expect_parse("wm-26-000123-m", 2026, 123);
	expect_parse("WM26000123M", 2026, 123);
	expect_parse("wm 26 000123 m", 2026, 123);
	expect_parse("  WM - 26 - 000123 - M  ", 2026, 123);
	expect_parse("WM-26-000123M", 2026, 123);
	expect_parse("Wm--26--000123--M", 2026, 123);
	expect_parse("WM-26-000 123-M", 2026, 123);
	expect_parse("-WM-26-000123-M-", 2026, 123);
	expect_parse("\tWM-26-000123-M\t", 2026, 123);
	/* extra leading zeros carry weight zero, so the same letter still checks */
	expect_parse("WM-26-0000123-M", 2026, 123);
	expect_parse("WM-26-0000000000000000123-M", 2026, 123);
	/* every dash turned into a space, or removed */
	for (size_t i = 0; out[i] != '\0'; i++)
		alt[j++] = out[i] == '-' ? ' ' : out[i];
	alt[j] = '\0';
	expect_parse(alt, 2026, 123);
}

static void
test_rejects(void **state)
{
	static const char *bad[] = {
		"", " ", "-", "WM", "WM-26", "WM-26-000123", "WM-26-000123-", "WM-26-000123-A",
		"WM-26-000123-MM", "WM-26-00123-M", "WM-26-123-M", "XM-26-000123-M", "W-26-000123-M",
		"MW-26-000123-M", "26-000123-M", "WM-2-6000123", "WM-26-000123-I", "WM-26-000123-O",
		"WM-26-000123-Y", "WM-26-000123-1", "WM-26-00012A-M", "WM-2A-000123-M",
		"WM_26_000123_M", "WM.26.000123.M", "WM-26-000123-M\n",
		"WM-26-+00123-M", "WM-26-000123-?", "WM-26-00000000000000000000-A",
		"WM-26-9223372036854775808-A", "WM-26-9999999999999999999-A",
		"WM-26-000123-M x", "WM-26-000123-\xc3\x89", "WWM-26-000123-M",
	};
	(void)state;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		expect_reject(bad[i]);
	expect_reject(NULL);
	/* the right digits with each wrong letter */
	for (const char *c = ALPHABET; *c != '\0'; c++) {
		char s[32];

		snprintf(s, sizeof(s), "WM-26-000123-%c", *c);
		if (*c == 'M')
			expect_parse(s, 2026, 123);
		else
			expect_reject(s);
	}
	/* INT64_MAX + 1 with every possible letter is rejected (overflow, not luck) */
	for (const char *c = ALPHABET; *c != '\0'; c++) {
		char s[40];

		snprintf(s, sizeof(s), "WM-26-9223372036854775808-%c", *c);
		expect_reject(s);
	}
}

/* Indices of the digits within a reference string, in order (year then sequence). */
static int
digit_positions(const char *s, int pos[32])
{
	int n = 0;

	for (int i = 0; s[i] != '\0'; i++)
		if (s[i] >= '0' && s[i] <= '9')
			pos[n++] = i;
	return n;
}

static void
check_mistakes(const char *ref)
{
	char s[64];
	int pos[32], n = digit_positions(ref, pos);
	int year;
	int64_t seq;

	for (int k = 0; k < n; k++) {
		/* every single-digit substitution */
		for (char x = '0'; x <= '9'; x++) {
			if (x == ref[pos[k]])
				continue;
			strcpy(s, ref);
			s[pos[k]] = x;
			if (refcode_parse(s, &year, &seq) == 0)
				fail_msg("substitution not caught: %s -> %s", ref, s);
		}
		/* every transposition of digits adjacent in the digit string (across the dash too) */
		if (k + 1 < n && ref[pos[k]] != ref[pos[k + 1]]) {
			strcpy(s, ref);
			s[pos[k]] = ref[pos[k + 1]];
			s[pos[k + 1]] = ref[pos[k]];
			if (refcode_parse(s, &year, &seq) == 0)
				fail_msg("transposition not caught: %s -> %s", ref, s);
		}
	}
	/* the same mistakes typed without dashes */
	{
		char flat[64];
		size_t j = 0;

		for (size_t i = 0; ref[i] != '\0'; i++)
			if (ref[i] != '-')
				flat[j++] = ref[i];
		flat[j] = '\0';
		for (size_t i = 2; i + 2 < j; i++) {
			if (flat[i] == flat[i + 1])
				continue;
			strcpy(s, flat);
			s[i] = flat[i + 1];
			s[i + 1] = flat[i];
			if (refcode_parse(s, &year, &seq) == 0)
				fail_msg("transposition not caught: %s -> %s", flat, s);
		}
	}
}

static void
test_detects_every_single_mistake(void **state)
{
	char ref[REFCODE_MAX];
	uint64_t x = 88172645463325252ULL;
	(void)state;

	/* every sequence 0..60000 in one year, every year for a few sequences */
	for (int64_t seq = 0; seq <= 60000; seq++) {
		make(2026, seq, ref);
		check_mistakes(ref);
	}
	for (int year = 2000; year <= 2099; year++) {
		for (int64_t seq = 1; seq <= 1000000000LL; seq = seq * 10 + 7) {
			make(year, seq, ref);
			check_mistakes(ref);
		}
	}
	/* long sequences from a xorshift generator, up to 19 digits */
	for (int i = 0; i < 20000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		make(2000 + (int)(x % 100), (int64_t)(x >> (i % 60 + 1)), ref);
		check_mistakes(ref);
	}
	make(2026, INT64_MAX, ref);
	check_mistakes(ref);
}

/* The guarantee follows from the weights; check that property itself for every digit count. */
static void
test_weight_property(void **state)
{
	(void)state;
	for (int n = 6; n <= 19; n++) {
		int w[21];

		w[0] = 21;
		w[1] = 20;
		for (int i = 0; i < n; i++)
			w[2 + i] = n - i;
		for (int i = 0; i < 2 + n; i++) {
			assert_true(w[i] % 23 != 0);
			if (i + 1 < 2 + n)
				assert_true((w[i] - w[i + 1]) % 23 != 0);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shape),
		cmocka_unit_test(test_make_errors),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_tolerant_reading),
		cmocka_unit_test(test_rejects),
		cmocka_unit_test(test_detects_every_single_mistake),
		cmocka_unit_test(test_weight_property),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
