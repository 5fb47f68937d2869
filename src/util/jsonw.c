/* Compact JSON text of a jansson value, as json_dumps(v, JSON_COMPACT) writes
 * it but without jansson's per-value bookkeeping (a hashtable of the
 * containers being dumped, keyed by their printed address, and a UTF-8 decode
 * of every character): that was a fifth of the instructions of a referral
 * read. jansson's strings are valid UTF-8 (json_string checks), so only the
 * bytes below 0x20, '"' and '\\' need looking at. */
#include <stdio.h>
#include <string.h>
#include "util/jsonw.h"

/* Output gathered in a small buffer and handed to the buf in large pieces
 * (the streaming writer is the same thing with its nesting). */
#define out jsonw

static void flush(struct out *o)
{
	if (o->n && buf_append(o->b, o->chunk, o->n))
		o->failed = 1;
	o->n = 0;
}

static void put(struct out *o, const char *p, size_t n)
{
	if (o->n + n > sizeof o->chunk) {
		flush(o);
		if (n > sizeof o->chunk) {
			if (buf_append(o->b, p, n))
				o->failed = 1;
			return;
		}
	}
	memcpy(o->chunk + o->n, p, n);
	o->n += n;
}

static void putc1(struct out *o, char c)
{
	if (o->n == sizeof o->chunk)
		flush(o);
	o->chunk[o->n++] = c;
}

static void put_string(struct out *o, const char *s, size_t len)
{
	putc1(o, '"');
	size_t run = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		char esc[8] = { '\\', 0 };
		size_t n = 2;
		switch (c) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\b': esc[1] = 'b'; break;
		case '\f': esc[1] = 'f'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			snprintf(esc, sizeof esc, "\\u%04X", (unsigned)c);
			n = 6;
		}
		put(o, s + run, i - run);
		put(o, esc, n);
		run = i + 1;
	}
	put(o, s + run, len - run);
	putc1(o, '"');
}

/* 0, or -1 for a value jansson would not dump (too deep, a real it cannot
 * format); running out of room shows in o->failed. */
static int put_value(struct out *o, const json_t *v, int depth)
{
	char num[64];
	size_t n;
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		if (depth >= JSONW_DEPTH_MAX)
			return -1;
		putc1(o, '{');
		json_t *obj = (json_t *)v; /* jansson's iterators take non-const */
		int first = 1;
		for (void *it = json_object_iter(obj); it; it = json_object_iter_next(obj, it), first = 0) {
			if (!first)
				putc1(o, ',');
			put_string(o, json_object_iter_key(it), json_object_iter_key_len(it));
			putc1(o, ':');
			if (put_value(o, json_object_iter_value(it), depth + 1))
				return -1;
		}
		putc1(o, '}');
		return 0;
	}
	case JSON_ARRAY:
		if (depth >= JSONW_DEPTH_MAX)
			return -1;
		putc1(o, '[');
		for (size_t i = 0; i < json_array_size(v); i++) {
			if (i)
				putc1(o, ',');
			if (put_value(o, json_array_get(v, i), depth + 1))
				return -1;
		}
		putc1(o, ']');
		return 0;
	case JSON_STRING:
		put_string(o, json_string_value(v), json_string_length(v));
		return 0;
	case JSON_INTEGER:
		n = (size_t)snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		put(o, num, n);
		return 0;
	case JSON_REAL:
		/* jansson's own formatting of doubles (precision, ".0"). */
		n = json_dumpb(v, num, sizeof num, JSON_ENCODE_ANY | JSON_COMPACT);
		if (n == 0 || n > sizeof num)
			return -1;
		put(o, num, n);
		return 0;
	case JSON_TRUE:
		put(o, "true", 4);
		return 0;
	case JSON_FALSE:
		put(o, "false", 5);
		return 0;
	case JSON_NULL:
		put(o, "null", 4);
		return 0;
	}
	return -1;
}

int jsonw_dump(struct buf *b, const json_t *v)
{
	if (!v || !(json_is_object(v) || json_is_array(v)))
		return -1;
	struct out o;
	o.b = b;
	o.n = 0;
	o.failed = 0;
	int rc = put_value(&o, v, 0);
	flush(&o);
	return rc || o.failed ? -1 : 0;
}

void jsonw_begin(struct jsonw *w, struct buf *b, char open)
{
	w->b = b;
	w->n = 0;
	w->failed = 0;
	w->depth = 0;
	w->more[0] = 0;
	w->close[0] = open == '[' ? ']' : '}';
	putc1(w, open);
}

int jsonw_end(struct jsonw *w)
{
	if (w->depth)
		w->failed = 1;
	putc1(w, w->close[0]);
	flush(w);
	return w->failed ? -1 : 0;
}

/* The separator and key before a member (key NULL in an array). */
static void member(struct jsonw *w, const char *key)
{
	if (w->more[w->depth])
		putc1(w, ',');
	w->more[w->depth] = 1;
	if (key) {
		/* Keys are the program's own names: nothing in them to escape. */
		putc1(w, '"');
		put(w, key, strlen(key));
		put(w, "\":", 2);
	}
}

void jsonw_open(struct jsonw *w, const char *key, char open)
{
	member(w, key);
	if (w->depth + 1 >= JSONW_STREAM_DEPTH) {
		w->failed = 1;
		return;
	}
	w->more[++w->depth] = 0;
	w->close[w->depth] = open == '[' ? ']' : '}';
	putc1(w, open);
}

void jsonw_close(struct jsonw *w)
{
	if (w->depth == 0) {
		w->failed = 1;
		return;
	}
	putc1(w, w->close[w->depth--]);
}

void jsonw_str(struct jsonw *w, const char *key, const char *s)
{
	member(w, key);
	if (s)
		put_string(w, s, strlen(s));
	else
		put(w, "null", 4);
}

void jsonw_int(struct jsonw *w, const char *key, long long v)
{
	char num[24];
	member(w, key);
	put(w, num, (size_t)snprintf(num, sizeof num, "%lld", v));
}

void jsonw_bool(struct jsonw *w, const char *key, int v)
{
	member(w, key);
	if (v)
		put(w, "true", 4);
	else
		put(w, "false", 5);
}

void jsonw_null(struct jsonw *w, const char *key)
{
	member(w, key);
	put(w, "null", 4);
}

void jsonw_value(struct jsonw *w, const char *key, const json_t *v)
{
	member(w, key);
	if (!v || put_value(w, v, w->depth + 1))
		w->failed = 1;
}

