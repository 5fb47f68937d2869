/* Unit tests for core/audit_label: every audit action reads as words, never as a code. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "core/audit_action.h"
#include "core/audit_label.h"

static void test_known_actions(void **state)
{
	(void)state;
	char out[128];
	audit_label("referral.triage", out, sizeof out);
	assert_string_equal(out, "Triaged a referral");
	audit_label("login.ok", out, sizeof out);
	assert_string_equal(out, "Signed in");
}

static void test_every_action_is_words(void **state)
{
	(void)state;
	char out[128];
	for (int i = 0; i < AUDIT__MAX; i++) {
		audit_label(audit_action_code[i], out, sizeof out);
		assert_non_null(out[0] ? out : NULL);
		assert_null(strchr(out, '_'));
		assert_null(strchr(out, '.'));
		assert_true(out[0] >= 'A' && out[0] <= 'Z');
	}
}

static void test_unknown_code_made_readable(void **state)
{
	(void)state;
	char out[128], small[5];
	audit_label("widget.frob_all", out, sizeof out);
	assert_string_equal(out, "Widget frob all");
	audit_label("widget.frob_all", small, sizeof small);
	assert_string_equal(small, "Widg");
	audit_label(NULL, out, sizeof out);
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_actions),
		cmocka_unit_test(test_every_action_is_words),
		cmocka_unit_test(test_unknown_code_made_readable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
