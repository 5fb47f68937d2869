/* Unit tests for core/settings: every described setting's default passes its own check, and bad values are
 * refused naming the key. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "core/settings.h"

static int check(const char *key, const char *value, char out[SETTING_VALUE_MAX], struct field_errors *fe)
{
	fielderr_init(fe);
	const struct setting_def *d = setting_find(key);
	assert_non_null(d);
	return setting_check(d, value, out, fe);
}

static void test_defaults_pass(void **state)
{
	(void)state;
	char out[SETTING_VALUE_MAX];
	struct field_errors fe;
	assert_true(setting_count >= 7);
	for (size_t i = 0; i < setting_count; i++) {
		assert_int_equal(check(setting_defs[i].key, setting_defs[i].def, out, &fe), 0);
		assert_string_equal(out, setting_defs[i].def);
		assert_non_null(setting_defs[i].label);
	}
	assert_null(setting_find("no_such_setting"));
	assert_null(setting_find(NULL));
}

static void test_integer(void **state)
{
	(void)state;
	char out[SETTING_VALUE_MAX];
	struct field_errors fe;
	assert_int_equal(check("dropout_attempts", " 5 ", out, &fe), 0);
	assert_string_equal(out, "5");
	assert_int_equal(check("dropout_attempts", "0", out, &fe), -1);
	assert_string_equal(fe.e[0].field, "dropout_attempts");
	assert_non_null(strstr(fe.e[0].message, "from 1 to 100"));
	assert_int_equal(check("dropout_attempts", "101", out, &fe), -1);
	assert_int_equal(check("dropout_attempts", "3x", out, &fe), -1);
	assert_int_equal(check("dropout_attempts", "", out, &fe), -1);
	assert_int_equal(check("dropout_attempts", NULL, out, &fe), -1);
	assert_int_equal(check("worker_clients_per_fte", "99999999999999999999999", out, &fe), -1);
	assert_int_equal(check("worker_clients_per_fte", "240", out, &fe), 0);
	assert_int_equal(setting_int_value(setting_find("worker_clients_per_fte"), "240"), 240);
	assert_int_equal(setting_int_value(setting_find("worker_clients_per_fte"), "junk"), 200);
	assert_int_equal(setting_int_value(setting_find("dropout_attempts"), NULL), 3);
}

static void test_boolean(void **state)
{
	(void)state;
	char out[SETTING_VALUE_MAX];
	struct field_errors fe;
	assert_int_equal(check("followup_counts_weekends", "true", out, &fe), 0);
	assert_string_equal(out, "on");
	assert_int_equal(check("followup_counts_weekends", "0", out, &fe), 0);
	assert_string_equal(out, "off");
	assert_int_equal(check("followup_counts_weekends", "maybe", out, &fe), -1);
	assert_string_equal(fe.e[0].field, "followup_counts_weekends");
	const struct setting_def *d = setting_find("sla_bank_holidays");
	assert_int_equal(setting_int_value(d, "off"), 0);
	assert_int_equal(setting_int_value(d, "0"), 0);
	assert_int_equal(setting_int_value(d, "on"), 1);
	assert_int_equal(setting_int_value(d, NULL), 1);
	assert_int_equal(setting_int_value(setting_find("followup_counts_weekends"), NULL), 0);
}

static void test_text(void **state)
{
	(void)state;
	char out[SETTING_VALUE_MAX];
	struct field_errors fe;
	assert_int_equal(check("hub_phone", " 01603 123456 ", out, &fe), 0);
	assert_string_equal(out, "01603 123456");
	assert_int_equal(check("hub_phone", "", out, &fe), 0);
	assert_int_equal(check("hub_phone", "call us", out, &fe), -1);
	assert_string_equal(fe.e[0].field, "hub_phone");
	assert_int_equal(check("hub_phone", "0160312345612345678", out, &fe), -1);
	assert_int_equal(check("hub_email", "hub@nhs.example", out, &fe), 0);
	assert_int_equal(check("hub_email", "hub@", out, &fe), -1);
	assert_int_equal(check("hub_email", "a b@c.org", out, &fe), -1);
	assert_string_equal(fe.e[0].field, "hub_email");
	assert_int_equal(check("hub_hours", "Monday to Friday, 9am to 5pm", out, &fe), 0);
	assert_int_equal(check("hub_hours", "line\nbreak", out, &fe), -1);
	char long_text[300];
	memset(long_text, 'x', sizeof long_text - 1);
	long_text[sizeof long_text - 1] = '\0';
	assert_int_equal(check("hub_hours", long_text, out, &fe), -1);
	assert_non_null(strstr(fe.e[0].message, "200 characters"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_pass),
		cmocka_unit_test(test_integer),
		cmocka_unit_test(test_boolean),
		cmocka_unit_test(test_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
