/* Unit tests for web/html: every text and attribute value is escaped, tags
 * nest and close in order, and the writer's edges (bare and skipped
 * attributes, closing past the top, formatted text) behave as documented. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "web/html.h"

struct fixture {
	struct buf out;
	struct html h;
};

static int setup(void **state)
{
	static struct fixture f;
	buf_init(&f.out, BUF_MAX_SMALL);
	html_init(&f.h, &f.out);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	buf_free(&f->out);
	return 0;
}

static const char *out(struct fixture *f)
{
	return f->out.data ? f->out.data : "";
}

static void test_escape_every_special_character(void **state)
{
	struct fixture *f = *state;
	html_text(&f->h, "<script>alert(\"x\" & 'y')</script>");
	assert_string_equal(out(f), "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;");
}

static void test_attributes_escaped_skipped_and_bare(void **state)
{
	struct fixture *f = *state;
	html_void(&f->h, "input", "value", "\"><img src=x onerror=alert(1)>", "placeholder", NULL, "required", "",
		  NULL);
	assert_string_equal(out(f), "<input value=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\" required>");
}

static void test_elements_nest_and_close_in_order(void **state)
{
	struct fixture *f = *state;
	html_open(&f->h, "html", NULL);
	html_open(&f->h, "body", NULL);
	html_open(&f->h, "ul", "class", "nhsuk-list", NULL);
	html_elem(&f->h, "li", "one & two", NULL);
	html_elem(&f->h, "li", NULL, NULL);
	int depth = f->h.depth;
	assert_int_equal(depth, 3);
	html_close_to(&f->h, 0);
	assert_int_equal(f->h.depth, 0);
	html_close(&f->h); /* past the top: nothing */
	assert_string_equal(out(f), "<html><body><ul class=\"nhsuk-list\"><li>one &amp; two</li><li></li></ul>\n"
				    "</body>\n</html>\n");
}

static void test_textf_escapes_the_formatted_text(void **state)
{
	struct fixture *f = *state;
	html_textf(&f->h, "%d < %s", 3, "<b>");
	assert_string_equal(out(f), "3 &lt; &lt;b&gt;");
}

static void test_plain_text_unchanged_and_empty(void **state)
{
	struct fixture *f = *state;
	html_text(&f->h, "Lucy Walker, 7 Dec 2026");
	html_text(&f->h, "");
	html_text(&f->h, NULL);
	assert_string_equal(out(f), "Lucy Walker, 7 Dec 2026");
}

static void test_doctype(void **state)
{
	struct fixture *f = *state;
	html_doctype(&f->h);
	assert_string_equal(out(f), "<!DOCTYPE html>\n");
}

/* A responsive table: roles on every part, and each body cell opens with its column's heading. */
static void test_responsive_table_labels_its_cells(void **state)
{
	struct fixture *f = *state;
	html_open(&f->h, "table", "class", "nhsuk-table-responsive", NULL);
	html_open(&f->h, "thead", NULL);
	html_open(&f->h, "tr", NULL);
	html_elem(&f->h, "th", "Name", NULL);
	html_elem(&f->h, "th", "Email <work>", NULL);
	html_close(&f->h);
	html_close(&f->h);
	html_open(&f->h, "tbody", NULL);
	html_open(&f->h, "tr", NULL);
	html_elem(&f->h, "td", "Ann", NULL);
	html_open(&f->h, "td", NULL);
	html_text(&f->h, "a@b");
	html_close(&f->h);
	html_elem(&f->h, "td", "extra", NULL);
	html_close(&f->h);
	html_close(&f->h);
	html_close(&f->h);
	html_elem(&f->h, "td", "after", NULL);
	assert_string_equal(out(f),
			    "<table class=\"nhsuk-table-responsive\" role=\"table\"><thead role=\"rowgroup\"><tr role=\"row\">"
			    "<th role=\"columnheader\">Name</th><th role=\"columnheader\">Email &lt;work&gt;</th></tr>\n</thead>\n"
			    "<tbody role=\"rowgroup\"><tr role=\"row\"><td role=\"cell\"><span "
			    "class=\"nhsuk-table-responsive__heading\" aria-hidden=\"true\">Name </span>Ann</td>"
			    "<td role=\"cell\"><span class=\"nhsuk-table-responsive__heading\" aria-hidden=\"true\">"
			    "Email &lt;work&gt; </span>a@b</td><td role=\"cell\">extra</td></tr>\n</tbody>\n</table>\n"
			    "<td>after</td>");
}

/* Rows written apart from their table (a separate buffer) get the headings given. */
static void test_rows_apart_from_their_table(void **state)
{
	struct fixture *f = *state;
	static const char *const cols[] = { "Person" };
	html_table_rows(&f->h, cols, 1);
	html_open(&f->h, "tr", NULL);
	html_elem(&f->h, "td", "Ann", NULL);
	html_close(&f->h);
	assert_string_equal(out(f), "<tr role=\"row\"><td role=\"cell\"><span class=\"nhsuk-table-responsive__heading\" "
				    "aria-hidden=\"true\">Person </span>Ann</td></tr>\n");
}

/* A plain table is left as it is. */
static void test_plain_table_untouched(void **state)
{
	struct fixture *f = *state;
	html_open(&f->h, "table", "class", "nhsuk-table", NULL);
	html_elem(&f->h, "td", "x", NULL);
	html_close(&f->h);
	assert_string_equal(out(f), "<table class=\"nhsuk-table\"><td>x</td></table>\n");
}

/* A cell that writes its own heading (and role) keeps them instead of ours. */
static void test_own_heading_and_role_kept(void **state)
{
	struct fixture *f = *state;
	static const char *const cols[] = { "Person" };
	html_table_rows(&f->h, cols, 1);
	html_open(&f->h, "td", "role", "cell", NULL);
	html_elem(&f->h, "span", "Who", "class", "nhsuk-table-responsive__heading", NULL);
	html_text(&f->h, "Ann");
	html_close(&f->h);
	assert_string_equal(out(f), "<td role=\"cell\"><span class=\"nhsuk-table-responsive__heading\">Who</span>Ann</td>\n");
}

/* A sortable heading (a link that is all of its th) labels its column's cells with the link's text. */
static void test_sortable_heading_labels_its_cells(void **state)
{
	struct fixture *f = *state;
	html_open(&f->h, "table", "class", "nhsuk-table-responsive", NULL);
	html_open(&f->h, "thead", NULL);
	html_open(&f->h, "tr", NULL);
	html_open(&f->h, "th", "aria-sort", "ascending", NULL);
	html_elem(&f->h, "a", "Name", "href", "/x?sort=name-desc", NULL);
	html_close(&f->h);
	html_elem(&f->h, "th", "Status", NULL);
	html_close(&f->h);
	html_close(&f->h);
	html_open(&f->h, "tbody", NULL);
	html_open(&f->h, "tr", NULL);
	html_elem(&f->h, "td", "Ann", NULL);
	html_elem(&f->h, "td", "Active", NULL);
	html_close(&f->h);
	html_close(&f->h);
	html_close(&f->h);
	assert_non_null(strstr(out(f), "<td role=\"cell\"><span class=\"nhsuk-table-responsive__heading\" aria-hidden=\"true\">Name "
					"</span>Ann</td>"));
	assert_non_null(strstr(out(f), "aria-hidden=\"true\">Status </span>Active</td>"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_escape_every_special_character, setup, teardown),
		cmocka_unit_test_setup_teardown(test_attributes_escaped_skipped_and_bare, setup, teardown),
		cmocka_unit_test_setup_teardown(test_elements_nest_and_close_in_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_textf_escapes_the_formatted_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plain_text_unchanged_and_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_doctype, setup, teardown),
		cmocka_unit_test_setup_teardown(test_responsive_table_labels_its_cells, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rows_apart_from_their_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sortable_heading_labels_its_cells, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plain_table_untouched, setup, teardown),
		cmocka_unit_test_setup_teardown(test_own_heading_and_role_kept, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
