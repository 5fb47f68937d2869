/* Unit tests for core/search and core/page: what a list's ?q, ?limit, ?cursor, ?page and ?sort mean. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "core/list_sorts.h"
#include "core/page.h"
#include "core/search.h"

static void test_empty_is_all(void **state)
{
	(void)state;
	struct search_query s;
	assert_int_equal(search_parse(NULL, &s), 0);
	assert_int_equal(s.kind, SEARCH_ALL);
	assert_int_equal(search_parse("   ", &s), 0);
	assert_int_equal(s.kind, SEARCH_ALL);
	assert_true(search_name_matches(&s, "Anyone"));
}

static void test_nhs_number_with_spaces(void **state)
{
	(void)state;
	struct search_query s;
	assert_int_equal(search_parse(" 943 476 5919 ", &s), 0);
	assert_int_equal(s.kind, SEARCH_NHS_NUMBER);
	assert_string_equal(s.nhs_number, "9434765919");
	/* A wrong check digit is not an NHS number: searched as text (finds no name). */
	assert_int_equal(search_parse("943 476 5918", &s), 0);
	assert_int_equal(s.kind, SEARCH_NAME);
}

static void test_reference_any_case(void **state)
{
	(void)state;
	struct search_query s;
	char ref[REFCODE_MAX];
	assert_int_equal(refcode_make(2026, 123, ref, sizeof ref), 0);
	char typed[40];
	strcpy(typed, ref);
	for (char *p = typed; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	assert_int_equal(search_parse(typed, &s), 0);
	assert_int_equal(s.kind, SEARCH_REFERENCE);
	assert_string_equal(s.reference, ref);
}

static void test_name_with_apostrophe(void **state)
{
	(void)state;
	struct search_query s;
	assert_int_equal(search_parse("  Mary   O'Brien ", &s), 0);
	assert_int_equal(s.kind, SEARCH_NAME);
	assert_string_equal(s.words, "mary o'brien");
	assert_string_equal(s.fts, "\"mary\"* \"o\"* \"brien\"*");
	assert_string_equal(s.tsquery, "mary:* & o:* & brien:*");
	assert_int_equal(s.nwords, 3);
	assert_true(search_name_matches(&s, "Mary O'Brien"));
	assert_false(search_name_matches(&s, "Mary Brien"));
	/* Any order. */
	assert_true(search_name_matches(&s, "O'Brien, Mary"));
	/* A phone's apostrophe is the same letter. */
	assert_int_equal(search_parse("O\xe2\x80\x99" "Brien", &s), 0);
	assert_string_equal(s.words, "o'brien");
	assert_true(search_name_matches(&s, "Sean O'Brien"));
}

static void test_name_quotes_and_wildcards(void **state)
{
	(void)state;
	struct search_query s;
	assert_int_equal(search_parse("50%_\"x", &s), 0);
	assert_string_equal(s.words, "50\"x");
	assert_string_equal(s.fts, "\"50\"* \"x\"*");
	assert_string_equal(s.tsquery, "50:* & x:*");
	/* No letters or digits: a name search that finds nobody. */
	assert_int_equal(search_parse("' - '", &s), 0);
	assert_int_equal(s.kind, SEARCH_NAME);
	assert_int_equal(s.nwords, 0);
	assert_false(search_name_matches(&s, "Anyone"));
	assert_int_equal(search_parse("a\x01", &s), -1);
	char longq[PAGE_Q_MAX + 2];
	memset(longq, 'a', sizeof longq - 1);
	longq[sizeof longq - 1] = '\0';
	assert_int_equal(search_parse(longq, &s), -1);
}

static void test_name_prefix_of_words(void **state)
{
	(void)state;
	struct search_query s;
	assert_int_equal(search_parse("godd", &s), 0);
	assert_true(search_name_matches(&s, "Ellen Goddard"));
	assert_false(search_name_matches(&s, "Ellen Agoddard"));
	assert_true(search_name_matches(&s, "ellen GODDARD"));
	assert_true(search_name_matches(&s, "Ellen Smith-Goddard"));
}

static void test_page_policy(void **state)
{
	(void)state;
	int limit = 0;
	assert_int_equal(page_parse_limit(NULL, &limit), 0);
	assert_int_equal(limit, PAGE_LIMIT_DEFAULT);
	assert_int_equal(page_parse_limit("200", &limit), 0);
	assert_int_equal(limit, 200);
	assert_int_equal(page_parse_limit("201", &limit), -1);
	assert_int_equal(page_parse_limit("0", &limit), -1);
	assert_int_equal(page_parse_limit("5x", &limit), -1);
	int64_t c = -1;
	assert_int_equal(page_parse_cursor("", &c), 0);
	assert_int_equal(c, 0);
	assert_int_equal(page_parse_cursor("150", &c), 0);
	assert_int_equal(c, 150);
	assert_int_equal(page_parse_cursor("-1", &c), -1);
	assert_int_equal(page_parse_cursor("x", &c), -1);
	char out[PAGE_CURSOR_LEN];
	page_cursor_format(150, out);
	assert_string_equal(out, "150");
	assert_int_equal(page_parse_number("3"), 3);
	assert_int_equal(page_parse_number("0"), 1);
	assert_int_equal(page_parse_number("abc"), 1);
	assert_int_equal(page_parse_number(NULL), 1);
	static const char *const sorts[] = { "newest", "oldest", "name", NULL };
	assert_int_equal(page_parse_sort(NULL, sorts), 0);
	assert_int_equal(page_parse_sort("name", sorts), 2);
	assert_int_equal(page_parse_sort("shoe", sorts), -1);
}

static void test_page_window(void **state)
{
	(void)state;
	struct page_window w;
	page_window_init(&w, 2, 2);
	int on[6];
	for (int i = 0; i < 6; i++)
		on[i] = page_window_take(&w);
	assert_int_equal(on[0] + on[1], 0);
	assert_int_equal(on[2] + on[3], 2);
	assert_int_equal(on[4] + on[5], 0);
	assert_int_equal(w.taken, 2);
	assert_int_equal(w.more, 1);
	page_window_init(&w, 0, 5);
	assert_int_equal(page_window_take(&w), 1);
	assert_int_equal(w.more, 0);
}

static void test_person_matches(void **state)
{
	(void)state;
	struct search_query s;
	assert_int_equal(search_parse("943 476 5919", &s), 0);
	assert_int_equal(search_person_matches(&s, "Mary O'Brien", "9434765919", "WM-26-000001-A"), 1);
	assert_int_equal(search_person_matches(&s, "Mary O'Brien", "", NULL), 0);
	assert_int_equal(search_person_matches(&s, "Mary O'Brien", NULL, NULL), 0);
	assert_int_equal(search_parse("o\xe2\x80\x99" "brien", &s), 0);
	assert_int_equal(search_person_matches(&s, "Mary O'Brien", NULL, NULL), 1);
	assert_int_equal(search_person_matches(&s, "Mary Brien", NULL, NULL), 0); /* "o" begins no word of it */
	assert_int_equal(search_parse("", &s), 0);
	assert_int_equal(search_person_matches(&s, "Anyone", NULL, NULL), 1);
}

static void test_list_sorts(void **state)
{
	(void)state;
	assert_true(list_name_cmp("anne", "Bob") < 0);
	assert_true(list_name_cmp("Anne", "anne") < 0); /* alike but for case: bytes decide, so the order is total */
	assert_int_equal(list_name_cmp("O'Brien", "O'Brien"), 0);
	assert_true(list_name_cmp("O'Brien", "Oakes") < 0);
	assert_true(list_name_cmp("", "a") < 0);
	assert_int_equal(list_num_cmp(3, 3), 0);
	assert_int_equal(list_num_cmp(2, 3), -1);
	assert_int_equal(page_parse_sort(NULL, caseload_sorts), CASELOAD_SORT_DUE);
	assert_int_equal(page_parse_sort("contact-desc", caseload_sorts), CASELOAD_SORT_CONTACT_DESC);
	assert_int_equal(page_parse_sort("tasks-desc", volunteer_sorts), VOLUNTEER_SORT_TASKS_DESC);
	assert_int_equal(page_parse_sort("volunteer", task_sorts), TASK_SORT_VOLUNTEER);
	assert_int_equal(page_parse_sort("default", task_sorts), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_is_all),
		cmocka_unit_test(test_nhs_number_with_spaces),
		cmocka_unit_test(test_reference_any_case),
		cmocka_unit_test(test_name_with_apostrophe),
		cmocka_unit_test(test_name_quotes_and_wildcards),
		cmocka_unit_test(test_name_prefix_of_words),
		cmocka_unit_test(test_page_policy),
		cmocka_unit_test(test_page_window),
		cmocka_unit_test(test_person_matches),
		cmocka_unit_test(test_list_sorts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
