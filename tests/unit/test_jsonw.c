/* Unit tests for util/jsonw: the same bytes as json_dumps(v, JSON_COMPACT) for every kind of value and escape, dumped
 * or streamed, and the refusals. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/jsonw.h"

/* jsonw_dump(v) must equal jansson's own compact dump, byte for byte. */
static void
expect_same(json_t *v)
{
	char *want = json_dumps(v, JSON_COMPACT);
	struct buf b;

	assert_non_null(want);
	buf_init(&b, BUF_MAX_JSON);
	assert_int_equal(jsonw_dump(&b, v), 0);
	if (b.len != strlen(want) || memcmp(b.data, want, b.len) != 0)
		fail_msg("jsonw: %s\njansson: %s", b.data, want);
	buf_free(&b);
	free(want);
}

static void
test_scalars_in_containers(void **state)
{
	(void)state;
	json_t *o = json_pack("{s:i,s:I,s:I,s:b,s:b,s:n,s:s,s:f,s:f,s:f,s:f,s:f,s:[],s:{}}", "int", 0, "max",
			      (json_int_t)INT64_MAX, "min", (json_int_t)INT64_MIN, "t", 1, "f", 0, "null", "s", "",
			      "r1", 0.1, "r2", 3.0, "r3", -0.0, "r4", 1e300, "r5", 123456.789, "empty_a", "empty_o");
	expect_same(o);
	json_decref(o);
	json_t *a = json_pack("[i,s,[[],{}],{s:[i,i]}]", -42, "x", "k", 1, 2);
	expect_same(a);
	json_decref(a);
}

static void
test_every_escape(void **state)
{
	(void)state;
	char all[128];
	for (int i = 0; i < 128; i++)
		all[i] = (char)i;
	json_t *o = json_object();
	/* Every ASCII byte, NUL included, in a value and in a key. */
	json_object_set_new(o, "ascii", json_stringn(all, sizeof all));
	json_object_setn_new(o, all, sizeof all, json_true());
	json_object_set_new(o, "utf8", json_string("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 / \\ \" \x7f"));
	json_object_set_new(o, "slashes", json_string("</script>"));
	/* Longer than the writer's chunk, plain and escaped. */
	char long_text[6001];
	for (size_t i = 0; i < sizeof long_text - 1; i++)
		long_text[i] = i % 97 == 0 ? '\n' : (char)('a' + i % 26);
	long_text[sizeof long_text - 1] = '\0';
	json_object_set_new(o, "long", json_string(long_text));
	memset(long_text, '"', sizeof long_text - 1);
	json_object_set_new(o, "long_quotes", json_string(long_text));
	expect_same(o);
	json_decref(o);
}

static void
test_insertion_order_and_replacement(void **state)
{
	(void)state;
	json_t *o = json_object();
	const char *keys[] = { "zeta", "alpha", "mid", "beta", "a.b" };
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		json_object_set_new(o, keys[i], json_integer((json_int_t)i));
	json_object_set_new(o, "alpha", json_string("replaced"));
	json_object_del(o, "mid");
	json_object_set_new(o, "mid", json_null());
	expect_same(o);
	json_decref(o);
}

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static unsigned
next(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static json_t *
random_string(void)
{
	static const char *const pieces[] = { "a", "Z", " ", "\"", "\\", "\n", "\t", "\x01", "\x1f", "/", "\xc3\xa9",
					      "\xe2\x82\xac", "\xf0\x9f\x98\x80", "0", "{", "]", "," };
	char s[64] = "";
	for (unsigned n = next(8); n; n--)
		strcat(s, pieces[next(sizeof pieces / sizeof pieces[0])]);
	return json_string(s);
}

static int streamable; /* random_value makes what the streaming writer writes: no reals, plain keys */

static json_t *
random_value(int depth)
{
	switch (next(depth > 4 ? 6 : 8)) {
	case 0: return json_integer((json_int_t)next(1000000) - 500000);
	case 1:
		if (streamable)
			return json_integer((json_int_t)next(1000));
		return json_real((double)next(100000) / (1 + next(1000)));
	case 2: return random_string();
	case 3: return json_true();
	case 4: return json_false();
	case 5: return json_null();
	case 6: {
		json_t *a = json_array();
		for (unsigned n = next(5); n; n--)
			json_array_append_new(a, random_value(depth + 1));
		return a;
	}
	default: {
		json_t *o = json_object();
		for (unsigned n = next(6); n; n--) {
			char plain[8];
			snprintf(plain, sizeof plain, "k%u", next(8));
			json_t *k = streamable ? json_string(plain) : random_string();
			json_object_set_new(o, json_string_value(k), random_value(depth + 1));
			json_decref(k);
		}
		return o;
	}
	}
}

static void
test_random_documents(void **state)
{
	(void)state;
	for (int i = 0; i < 2000; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "v", random_value(0));
		expect_same(o);
		json_decref(o);
	}
}

/* Writes v through the streaming writer, member by member. */
static void
stream(struct jsonw *w, const char *key, const json_t *v)
{
	const char *k;
	json_t *m;
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		jsonw_open(w, key, '{');
		json_object_foreach((json_t *)v, k, m)
			stream(w, k, m);
		jsonw_close(w);
		break;
	case JSON_ARRAY:
		jsonw_open(w, key, '[');
		for (size_t i = 0; i < json_array_size(v); i++)
			stream(w, NULL, json_array_get(v, i));
		jsonw_close(w);
		break;
	case JSON_STRING: jsonw_str(w, key, json_string_value(v)); break;
	case JSON_INTEGER: jsonw_int(w, key, json_integer_value(v)); break;
	case JSON_TRUE: jsonw_bool(w, key, 1); break;
	case JSON_FALSE: jsonw_bool(w, key, 0); break;
	default: jsonw_null(w, key);
	}
}

static void
test_streamed_documents(void **state)
{
	(void)state;
	streamable = 1;
	for (int i = 0; i < 2000; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "v", random_value(0));
		json_object_set_new(o, "w", random_value(0));
		char *want = json_dumps(o, JSON_COMPACT);
		struct buf b;
		struct jsonw w;
		buf_init(&b, BUF_MAX_JSON);
		jsonw_begin(&w, &b, '{');
		const char *k;
		json_t *m;
		json_object_foreach(o, k, m)
			stream(&w, k, m);
		assert_int_equal(jsonw_end(&w), 0);
		if (b.len != strlen(want) || memcmp(b.data, want, b.len) != 0)
			fail_msg("streamed: %s\njansson: %s", b.data, want);
		buf_free(&b);
		free(want);
		json_decref(o);
	}
	streamable = 0;
	/* An array document, a value member, and the failures jsonw_end reports. */
	struct buf b;
	struct jsonw w;
	buf_init(&b, BUF_MAX_JSON);
	jsonw_begin(&w, &b, '[');
	jsonw_int(&w, NULL, 1);
	json_t *r = json_real(0.5);
	jsonw_value(&w, NULL, r);
	json_decref(r);
	assert_int_equal(jsonw_end(&w), 0);
	assert_string_equal(b.data, "[1,0.5]");
	buf_reset(&b);
	jsonw_begin(&w, &b, '{');
	jsonw_open(&w, "open", '[');
	assert_int_equal(jsonw_end(&w), -1); /* left open */
	buf_reset(&b);
	jsonw_begin(&w, &b, '{');
	for (int i = 0; i < JSONW_STREAM_DEPTH; i++)
		jsonw_open(&w, "d", '{');
	assert_int_equal(jsonw_end(&w), -1); /* too deep */
	buf_free(&b);
	buf_init(&b, 8);
	jsonw_begin(&w, &b, '{');
	jsonw_str(&w, "key", "a value longer than the buffer can take, past its 2 KB piece");
	assert_int_equal(jsonw_end(&w), -1); /* full */
	buf_free(&b);
}

static void
test_refusals(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, BUF_MAX_JSON);
	json_t *s = json_string("top-level scalar");
	assert_int_equal(jsonw_dump(&b, s), -1);
	assert_int_equal(jsonw_dump(&b, NULL), -1);
	json_decref(s);
	/* Nesting past the limit. */
	json_t *deep = json_array();
	for (int i = 0; i < JSONW_DEPTH_MAX + 1; i++) {
		json_t *outer = json_array();
		json_array_append_new(outer, deep);
		deep = outer;
	}
	assert_int_equal(jsonw_dump(&b, deep), -1);
	json_decref(deep);
	buf_free(&b);
	/* A full buffer. */
	buf_init(&b, 8);
	json_t *big = json_pack("{s:s}", "key", "a value longer than eight bytes");
	assert_int_equal(jsonw_dump(&b, big), -1);
	json_decref(big);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scalars_in_containers),
		cmocka_unit_test(test_every_escape),
		cmocka_unit_test(test_insertion_order_and_replacement),
		cmocka_unit_test(test_random_documents),
		cmocka_unit_test(test_streamed_documents),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
