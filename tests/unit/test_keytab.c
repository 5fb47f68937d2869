/* Unit tests for core/keytab: every id added under a key is found, ascending,
 * against a plain list kept alongside; the entry limit and id range hold. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/keytab.h"

static void test_empty_table_finds_nothing(void **state)
{
	(void)state;
	struct keytab *t = keytab_new(10, 0);
	assert_non_null(t);
	int64_t ids[4];
	assert_int_equal(keytab_find(t, "smith|ann|1|NR11AA", ids, 4), 0);
	assert_int_equal(keytab_find(t, "", ids, 4), 0);
	assert_int_equal(keytab_count(t), 0);
	keytab_free(t);
	keytab_free(NULL);
}

static void test_ids_of_a_key_come_back_ascending(void **state)
{
	(void)state;
	struct keytab *t = keytab_new(100, 100);
	assert_int_equal(keytab_add(t, "jones|aoife|11114|PE350AH", 40), 0);
	assert_int_equal(keytab_add(t, "jones|aoife|11114|PE350AH", 7), 0);
	assert_int_equal(keytab_add(t, "bugg|dorothy|-7744|PE376ZX", 9), 0);
	assert_int_equal(keytab_add(t, "jones|aoife|11114|PE350AH", 12), 0);
	int64_t ids[8];
	assert_int_equal(keytab_find(t, "jones|aoife|11114|PE350AH", ids, 8), 3);
	assert_int_equal(ids[0], 7);
	assert_int_equal(ids[1], 12);
	assert_int_equal(ids[2], 40);
	/* With room for fewer, the smallest are kept and the count is whole. */
	assert_int_equal(keytab_find(t, "jones|aoife|11114|PE350AH", ids, 2), 3);
	assert_int_equal(ids[0], 7);
	assert_int_equal(ids[1], 12);
	assert_int_equal(keytab_find(t, "jones|aoife|11114|PE350AH", ids, 0), 3);
	assert_int_equal(keytab_find(t, "bugg|dorothy|-7744|PE376ZX", ids, 8), 1);
	assert_int_equal(ids[0], 9);
	/* Added in two steps (tag first, then by tag): found by the key. */
	uint32_t tag = keytab_tag("hall|siobhan|-13979|IP212AB");
	assert_true(tag != 0);
	keytab_prefetch(t, tag);
	assert_int_equal(keytab_add_tag(t, tag, 3), 0);
	assert_int_equal(keytab_find(t, "hall|siobhan|-13979|IP212AB", ids, 8), 1);
	assert_int_equal(ids[0], 3);
	assert_int_equal(keytab_add_tag(t, tag, 0), -1);
	assert_int_equal(keytab_find(t, "bugg|dorothy|-7744|PE376ZY", ids, 8), 0);
	keytab_free(t);
}

static void test_limit_and_id_range(void **state)
{
	(void)state;
	struct keytab *t = keytab_new(3, 1000);
	assert_int_equal(keytab_add(t, "a", 0), -1);
	assert_int_equal(keytab_add(t, "a", -5), -1);
	assert_int_equal(keytab_add(t, "a", (int64_t)UINT32_MAX + 1), -1);
	assert_int_equal(keytab_add(t, "a", (int64_t)UINT32_MAX), 0);
	assert_int_equal(keytab_add(t, "b", 1), 0);
	assert_int_equal(keytab_add(t, "c", 2), 0);
	assert_int_equal(keytab_add(t, "d", 3), -1);
	assert_int_equal(keytab_count(t), 3);
	int64_t ids[2];
	assert_int_equal(keytab_find(t, "a", ids, 2), 1);
	assert_true(ids[0] == (int64_t)UINT32_MAX);
	assert_int_equal(keytab_find(t, "d", ids, 2), 0);
	keytab_free(t);
}

/* Many keys, some repeated, through several growths: each key's ids are all
 * those added with it, plus now and then one of another key with the same
 * 32-bit tag (about five pairs among 200,000 keys), which the caller's check
 * of the key weeds out. */
static void test_many_keys_against_a_list(void **state)
{
	(void)state;
	enum { N = 300000, KEYS = 200000 };
	struct keytab *t = keytab_new(N, 1000);
	int *key_of = malloc(N * sizeof *key_of);
	int *per_key = calloc(KEYS, sizeof *per_key);
	assert_non_null(key_of);
	assert_non_null(per_key);
	srand(7);
	char key[64];
	for (int i = 0; i < N; i++) {
		key_of[i] = i < KEYS ? i : rand() % KEYS;
		snprintf(key, sizeof key, "smith|ann|%d|NR%d1AA", key_of[i] % 40000, key_of[i]);
		assert_int_equal(keytab_add(t, key, i + 1), 0);
		per_key[key_of[i]]++;
	}
	assert_int_equal(keytab_count(t), N);
	int64_t ids[32];
	size_t others = 0;
	for (int i = 0; i < N; i++) {
		snprintf(key, sizeof key, "smith|ann|%d|NR%d1AA", key_of[i] % 40000, key_of[i]);
		size_t n = keytab_find(t, key, ids, 32);
		assert_true(n <= 32);
		int found = 0, same = 0;
		for (size_t j = 0; j < n; j++) {
			if (j)
				assert_true(ids[j - 1] < ids[j]);
			found |= ids[j] == i + 1;
			same += key_of[ids[j] - 1] == key_of[i];
		}
		assert_true(found);
		assert_int_equal(same, per_key[key_of[i]]);
		others += n - (size_t)same;
	}
	assert_true(others < 100);
	size_t strangers = 0;
	for (int i = 0; i < 100000; i++) {
		snprintf(key, sizeof key, "jones|bob|%d|IP%d2BB", i, i);
		strangers += keytab_find(t, key, ids, 32);
	}
	assert_true(strangers < 50);
	free(key_of);
	free(per_key);
	keytab_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_table_finds_nothing),
		cmocka_unit_test(test_ids_of_a_key_come_back_ascending),
		cmocka_unit_test(test_limit_and_id_range),
		cmocka_unit_test(test_many_keys_against_a_list),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
