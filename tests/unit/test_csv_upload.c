/* Unit tests for core/csv_upload: which uploaded files are CSV text, and what a refusal says. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "core/csv_upload.h"

static int check(const char *name, const char *type, const char *data, size_t len, char *why)
{
	return csv_upload_check(name, type, data, len, why, 256);
}

static void test_csv_files_pass(void **state)
{
	(void)state;
	char why[256];
	const char *csv = "person.given_name,person.family_name\nAda,L\xC3\xB6vel\n";
	assert_int_equal(check("december.csv", "text/csv", csv, strlen(csv), why), 0);
	assert_int_equal(check("DECEMBER.CSV", "application/vnd.ms-excel", csv, strlen(csv), why), 0);
	assert_int_equal(check("export.txt", "text/plain", csv, strlen(csv), why), 0);
	assert_int_equal(check("export", "application/octet-stream", csv, strlen(csv), why), 0);
	assert_int_equal(check("", "", csv, strlen(csv), why), 0);
	const char *bom = "\xEF\xBB\xBFperson.given_name\n\xF0\x9F\x98\x80\n";
	assert_int_equal(check("a.csv", "text/csv", bom, strlen(bom), why), 0);
}

static void test_other_files_are_named(void **state)
{
	(void)state;
	char why[256];
	const char xlsx[] = "PK\x03\x04\x14\x00\x06\x00";
	assert_int_equal(check("referrals.csv", "text/csv", xlsx, sizeof xlsx - 1, why), -1);
	assert_non_null(strstr(why, "referrals.csv is a zip archive or a workbook"));
	assert_non_null(strstr(why, "CSV UTF-8"));
	const char xls[] = "\xD0\xCF\x11\xE0\xA1\xB1";
	assert_int_equal(check("old.xls", "application/vnd.ms-excel", xls, sizeof xls - 1, why), -1);
	assert_non_null(strstr(why, "old Excel workbook"));
	assert_int_equal(check("notes.pdf", "application/pdf", "%PDF-1.4", 8, why), -1);
	assert_non_null(strstr(why, "a PDF document"));
	assert_int_equal(check("photo.png", "image/png", "abc", 3, why), -1);
	assert_non_null(strstr(why, "photo.png is not a CSV file (it is png)"));
	assert_int_equal(check("data", "application/json", "{}", 2, why), -1);
	assert_non_null(strstr(why, "application/json"));
}

static void test_binary_and_bad_utf8_refused(void **state)
{
	(void)state;
	char why[256];
	const char nul[] = "a,b\nc\0d\n";
	assert_int_equal(check("x.csv", "text/csv", nul, sizeof nul - 1, why), -1);
	assert_non_null(strstr(why, "binary data"));
	const char latin1[] = "a,b\nc,d\nJos\xE9,e\n";
	assert_int_equal(check("x.csv", "text/csv", latin1, sizeof latin1 - 1, why), -1);
	assert_non_null(strstr(why, "not UTF-8 text (line 3)"));
	const char cut[] = "a,\xE2\x82";
	assert_int_equal(check("x.csv", "text/csv", cut, sizeof cut - 1, why), -1);
	const char overlong[] = "\xC0\xAF";
	assert_int_equal(check("x.csv", "text/csv", overlong, sizeof overlong - 1, why), -1);
	const char surrogate[] = "\xED\xA0\x80";
	assert_int_equal(check("x.csv", "text/csv", surrogate, sizeof surrogate - 1, why), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_files_pass),
		cmocka_unit_test(test_other_files_are_named),
		cmocka_unit_test(test_binary_and_bad_utf8_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
