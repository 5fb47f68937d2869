/* Unit tests for the directory's rules (src/core/directory.c,
 * directory_json.c): a service's fields checked and normalised, the search
 * text and the LIKE patterns, the search parameters, who may change a
 * listing, and a suggestion's changes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "core/directory.h"
#include "core/directory_json.h"

static struct directory_refs refs(void)
{
	struct directory_refs r = { 0 };
	static const char *const cats[] = { "befriending", "food", "transport" };
	static const char *const areas[] = { "breckland", "norwich" };
	static const char *const caps[] = { "open", "limited", "waiting_list", "closed" };
	for (size_t i = 0; i < 3; i++)
		r.categories.code[i] = r.categories.label[i] = cats[i];
	r.categories.n = 3;
	for (size_t i = 0; i < 2; i++)
		r.areas.code[i] = r.areas.label[i] = areas[i];
	r.areas.n = 2;
	for (size_t i = 0; i < 4; i++)
		r.capacity.code[i] = r.capacity.label[i] = caps[i];
	r.capacity.n = 4;
	return r;
}

static void good(struct service_input *in)
{
	memset(in, 0, sizeof *in);
	in->v[SF_ORGANIZATION_NAME] = " Brecks Friends ";
	in->v[SF_NAME] = "Lunch club";
	in->v[SF_DESCRIPTION] = "Hot lunch\nand company";
	in->v[SF_CAPACITY_STATUS] = "open";
	in->v[SF_PHONE] = "01632 960 101";
	in->v[SF_POSTCODE] = "ip24 2ds";
	in->items[SF_CATEGORIES][0] = "transport";
	in->items[SF_CATEGORIES][1] = "food";
	in->items[SF_CATEGORIES][2] = "food";
	in->nitems[SF_CATEGORIES] = 3;
	in->items[SF_SERVICE_AREAS][0] = "norwich";
	in->nitems[SF_SERVICE_AREAS] = 1;
}

static int has(const struct field_errors *fe, const char *field)
{
	return fielderr_for(fe, field) != NULL;
}

static void test_valid_service_is_normalised(void **state)
{
	(void)state;
	struct directory_refs r = refs();
	struct service_input in;
	static struct service_record rec;
	struct field_errors fe;
	fielderr_init(&fe);
	good(&in);
	assert_int_equal(service_validate(&in, &r, &rec, &fe), 0);
	assert_int_equal(fe.n, 0);
	assert_string_equal(rec.v[SF_ORGANIZATION_NAME], "Brecks Friends");
	assert_string_equal(rec.v[SF_POSTCODE], "IP24 2DS");
	assert_string_equal(rec.v[SF_STATUS], "active");
	assert_string_equal(rec.v[SF_EMAIL], "");
	/* Codes once each, in vocabulary order. */
	assert_int_equal(rec.nlist[SERVICE_LIST_CATEGORIES], 2);
	assert_string_equal(rec.list[SERVICE_LIST_CATEGORIES][0], "food");
	assert_string_equal(rec.list[SERVICE_LIST_CATEGORIES][1], "transport");
	assert_int_equal(rec.nlist[SERVICE_LIST_AREAS], 1);
}

static void test_every_problem_is_named(void **state)
{
	(void)state;
	struct directory_refs r = refs();
	struct service_input in;
	static struct service_record rec;
	struct field_errors fe;
	fielderr_init(&fe);
	memset(&in, 0, sizeof in);
	in.v[SF_NAME] = "One\tline";
	in.v[SF_CAPACITY_STATUS] = "full";
	in.v[SF_EMAIL] = "nobody";
	in.v[SF_WEBSITE] = "javascript:alert(1)";
	in.v[SF_STATUS] = "gone";
	in.items[SF_CATEGORIES][0] = "astrology";
	in.nitems[SF_CATEGORIES] = 1;
	assert_int_equal(service_validate(&in, &r, &rec, &fe), -1);
	const char *const want[] = { "organization_name", "name", "description", "categories", "service_areas",
				     "capacity_status", "email", "website", "status" };
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		assert_true(has(&fe, want[i]));
	assert_false(has(&fe, "phone")); /* the contact rule waits for the email's own problem */
}

static void test_needs_a_way_to_contact(void **state)
{
	(void)state;
	struct directory_refs r = refs();
	struct service_input in;
	static struct service_record rec;
	struct field_errors fe;
	fielderr_init(&fe);
	good(&in);
	in.v[SF_PHONE] = "  ";
	assert_int_equal(service_validate(&in, &r, &rec, &fe), -1);
	assert_int_equal(fe.n, 1);
	assert_string_equal(fe.e[0].field, "phone");
	fielderr_init(&fe);
	in.v[SF_WEBSITE] = "https://example.org/lunch?day=fri";
	assert_int_equal(service_validate(&in, &r, &rec, &fe), 0);
}

static void test_lengths_count_characters(void **state)
{
	(void)state;
	struct directory_refs r = refs();
	struct service_input in;
	static struct service_record rec;
	struct field_errors fe;
	char name[2 * 200 + 3];
	memset(name, 0, sizeof name);
	for (int i = 0; i < 200; i++)
		memcpy(name + 2 * i, "\xc3\xa9", 2); /* 200 x é: 400 bytes, 200 characters */
	good(&in);
	in.v[SF_NAME] = name;
	fielderr_init(&fe);
	assert_int_equal(service_validate(&in, &r, &rec, &fe), 0);
	memcpy(name + 400, "x", 2);
	fielderr_init(&fe);
	assert_int_equal(service_validate(&in, &r, &rec, &fe), -1);
	assert_true(has(&fe, "name"));
}

static void test_search_text_and_patterns(void **state)
{
	(void)state;
	char out[64];
	assert_string_equal(directory_search_text("Brecks", "Lunch CLUB", "Hot\nfood", "", out, sizeof out),
			    "brecks lunch club hot food ");
	/* Truncation never ends inside a multi-byte character. */
	char small[6];
	directory_search_text("ab\xc3\xa9", "", "", "", small, 4);
	assert_string_equal(small, "ab");
	char pats[DIRECTORY_QUERY_WORDS][DIRECTORY_PATTERN_MAX];
	assert_int_equal(directory_query_patterns("  Lunch   CLUB ", pats), 2);
	assert_string_equal(pats[0], "%lunch%");
	assert_string_equal(pats[1], "%club%");
	assert_string_equal(pats[2], "%");
	assert_int_equal(directory_query_patterns("100% a_b c\\d", pats), 3);
	assert_string_equal(pats[0], "%100\\%%");
	assert_string_equal(pats[1], "%a\\_b%");
	assert_string_equal(pats[2], "%c\\\\d%");
	assert_int_equal(directory_query_patterns("a b c d e", pats), -1);
	assert_int_equal(directory_query_patterns(NULL, pats), 0);
	char long_q[DIRECTORY_QUERY_MAX + 2];
	memset(long_q, 'a', sizeof long_q - 1);
	long_q[sizeof long_q - 1] = '\0';
	assert_int_equal(directory_query_patterns(long_q, pats), -1);
}

static void test_who_may_edit(void **state)
{
	(void)state;
	assert_true(directory_may_edit(ROLE_PROVIDER_MANAGER, 7, 7));
	assert_false(directory_may_edit(ROLE_PROVIDER_MANAGER, 7, 8));
	assert_false(directory_may_edit(ROLE_PROVIDER_MANAGER, 0, 0));
	assert_true(directory_may_edit(ROLE_HUB_COORDINATOR, 1, 8));
	assert_true(directory_may_edit(ROLE_PROGRAMME_LEAD, 1, 8));
	assert_false(directory_may_edit(ROLE_LINK_WORKER, 7, 7));
	assert_false(directory_may_edit(ROLE_COMMISSIONER, 7, 7));
	assert_int_equal(directory_suggestion_id("42"), 42);
	assert_int_equal(directory_suggestion_id("{sid}"), -1);
	assert_int_equal(directory_suggestion_id("0"), -1);
	assert_int_equal(directory_suggestion_id("4x"), -1);
	assert_int_equal(directory_suggestion_id(NULL), -1);
}

static const char *params(void *ctx, const char *name)
{
	const char *const *kv = ctx;
	for (; kv[0]; kv += 2)
		if (!strcmp(kv[0], name))
			return kv[1];
	return NULL;
}

static void test_query_parameters(void **state)
{
	(void)state;
	struct directory_refs r = refs();
	struct directory_query q;
	struct field_errors fe;
	fielderr_init(&fe);
	const char *ok[] = { "category", "food", "limit", "5", "include_inactive", "true", "q", "lunch", NULL };
	directory_query_parse(params, ok, &r, &q, &fe);
	assert_int_equal(fe.n, 0);
	assert_string_equal(q.category, "food");
	assert_string_equal(q.area, "");
	assert_int_equal(q.limit, 5);
	assert_true(q.include_inactive);
	const char *bad[] = { "category", "nope", "limit", "0", "offset", "x", NULL };
	directory_query_parse(params, bad, &r, &q, &fe);
	assert_true(has(&fe, "category") && has(&fe, "limit") && has(&fe, "offset"));
	assert_int_equal(q.limit, DIRECTORY_SEARCH_LIMIT);
}

static void test_changes_are_the_fields_that_differ(void **state)
{
	(void)state;
	struct directory_refs r = refs();
	struct service_input in;
	static struct service_record a, b;
	struct field_errors fe;
	fielderr_init(&fe);
	good(&in);
	assert_int_equal(service_validate(&in, &r, &a, &fe), 0);
	/* The same codes in another order are no change. */
	in.items[SF_CATEGORIES][0] = "food";
	in.items[SF_CATEGORIES][1] = "transport";
	in.nitems[SF_CATEGORIES] = 2;
	in.v[SF_CAPACITY_STATUS] = "closed";
	assert_int_equal(service_validate(&in, &r, &b, &fe), 0);
	json_t *j = service_changes_json(&a, &b);
	assert_int_equal(json_object_size(j), 1);
	assert_string_equal(json_string_value(json_object_get(j, "capacity_status")), "closed");
	/* Read back over the first record, they make the second. */
	struct service_input again;
	service_input_from_record(&a, &again);
	service_input_from_json(j, &again, &fe);
	assert_int_equal(fe.n, 0);
	assert_string_equal(again.v[SF_CAPACITY_STATUS], "closed");
	json_decref(j);
	json_t *bad = json_pack("{s:i,s:s}", "name", 3, "colour", "red");
	service_input_from_json(bad, &again, &fe);
	assert_true(has(&fe, "name") && has(&fe, "colour"));
	json_decref(bad);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_service_is_normalised),
		cmocka_unit_test(test_every_problem_is_named),
		cmocka_unit_test(test_needs_a_way_to_contact),
		cmocka_unit_test(test_lengths_count_characters),
		cmocka_unit_test(test_search_text_and_patterns),
		cmocka_unit_test(test_who_may_edit),
		cmocka_unit_test(test_query_parameters),
		cmocka_unit_test(test_changes_are_the_fields_that_differ),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
