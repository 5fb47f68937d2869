/* Unit tests for core/safe_name: the file name put in an evidence download's Content-Disposition. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "core/safe_name.h"

static const char *S(const char *in, size_t len)
{
	static char out[256];
	safe_name(in, "evidence", out, len);
	return out;
}

static void test_safe_names(void **state)
{
	(void)state;
	assert_string_equal(S("policy-2026.pdf", 100), "policy-2026.pdf");
	assert_string_equal(S("Safeguarding policy (v2).pdf", 100), "Safeguarding_policy_v2_.pdf");
	assert_string_equal(S("a\"b\r\nContent-Type: x.txt", 100), "a_b_Content-Type_x.txt");
	assert_string_equal(S("../../etc/passwd", 100), "passwd");
	assert_string_equal(S("C:\\Users\\me\\cover.docx", 100), "cover.docx");
	assert_string_equal(S(".htaccess", 100), "htaccess");
	assert_string_equal(S("Polisi\xc3\xa2.pdf", 100), "Polisi_.pdf");
	assert_string_equal(S("", 100), "evidence");
	assert_string_equal(S("\"\"\"", 100), "evidence");
	assert_string_equal(S(NULL, 100), "evidence");
	/* cut to fit, keeping the extension */
	assert_string_equal(S("abcdefghijklmnop.pdf", 11), "abcdef.pdf");
	assert_int_equal(strlen(S("abcdefghijklmnopqrstuvwxyz", 11)), 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_safe_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
