/* Unit tests for util/csv_cell: quoting, and the guard that keeps a cell
 * starting with =, +, -, @, tab or CR from running as a spreadsheet formula. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/csv_cell.h"

static void expect_cell(const char *in, const char *want)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	csv_cell_write(f, in);
	fclose(f);
	assert_string_equal(buf, want);
	free(buf);
}

static void plain_and_quoted(void **state)
{
	(void)state;
	expect_cell("Norwich", "Norwich");
	expect_cell("", "");
	expect_cell(NULL, "");
	expect_cell("a,b", "\"a,b\"");
	expect_cell("say \"hi\"", "\"say \"\"hi\"\"\"");
	expect_cell("two\nlines", "\"two\nlines\"");
	expect_cell("1-2", "1-2");
}

static void formulas_are_text(void **state)
{
	(void)state;
	expect_cell("=1+1", "'=1+1");
	expect_cell("+44 7700", "'+44 7700");
	expect_cell("-2+3", "'-2+3");
	expect_cell("@SUM(A1)", "'@SUM(A1)");
	expect_cell("\t=1", "'\t=1");
	expect_cell("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	expect_cell("\r=1", "\"'\r=1\"");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_and_quoted),
		cmocka_unit_test(formulas_are_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
