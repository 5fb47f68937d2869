/* Unit tests for core/fielderr: problems are kept in order, counted past the
 * limit, and text cut to the buffers never ends in half a UTF-8 character. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "core/fielderr.h"

/* 1 when s is valid UTF-8 (no overlongs or surrogates are made by cutting). */
static int utf8_whole(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		int n = *p < 0x80 ? 1 : *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC0 ? 2 : 0;
		if (!n)
			return 0;
		for (int i = 1; i < n; i++)
			if ((p[i] & 0xC0) != 0x80)
				return 0;
		p += n;
	}
	return 1;
}

static void keeps_order_and_counts_dropped(void **state)
{
	(void)state;
	static struct field_errors fe;
	fielderr_init(&fe);
	for (int i = 0; i < FIELDERR_MAX + 3; i++)
		assert_int_equal(fielderr_add(&fe, i == 0 ? "person.given_name" : "x", "Enter %s", "first name"), -1);
	assert_int_equal(fe.n, FIELDERR_MAX);
	assert_int_equal(fe.dropped, 3);
	assert_string_equal(fielderr_for(&fe, "person.given_name"), "Enter first name");
	assert_null(fielderr_for(&fe, "nope"));
}

static void a_cut_never_splits_a_character(void **state)
{
	(void)state;
	static struct field_errors fe;
	/* Every offset of two-, three- and four-byte characters against the
	 * 64-byte field and the 512-byte message. */
	static const char *const chars[] = { "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80" };
	for (size_t c = 0; c < 3; c++) {
		for (int lead = 0; lead < 4; lead++) {
			char text[1200] = "";
			memset(text, 'a', (size_t)lead);
			text[lead] = '\0';
			while (strlen(text) + 4 < sizeof text - 1)
				strcat(text, chars[c]);
			fielderr_init(&fe);
			fielderr_add(&fe, text, "\"%s\" is not a field", text);
			assert_true(utf8_whole(fe.e[0].field));
			assert_true(utf8_whole(fe.e[0].message));
			assert_true(strlen(fe.e[0].field) >= sizeof fe.e[0].field - 4);
			assert_true(strlen(fe.e[0].message) >= sizeof fe.e[0].message - 4);
		}
	}
	/* A precision cut in the middle of the message. */
	fielderr_init(&fe);
	fielderr_add(&fe, "x", "\"%.3s\" is not a field", "a\xc3\xa9\xc3\xa9");
	assert_string_equal(fe.e[0].message, "\"a\xc3\xa9\" is not a field");
	fielderr_add(&fe, "y", "\"%.2s\" is not a field", "a\xc3\xa9\xc3\xa9");
	assert_string_equal(fe.e[1].message, "\"a\" is not a field");
	fielderr_init(&fe);
	fielderr_add(&fe, "ok", "short %s", "\xc3\xa9t\xc3\xa9");
	assert_string_equal(fe.e[0].message, "short \xc3\xa9t\xc3\xa9");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(keeps_order_and_counts_dropped),
		cmocka_unit_test(a_cut_never_splits_a_character),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
