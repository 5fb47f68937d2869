/* Compact JSON text written straight into a buf: a jansson value dumped, or
 * a document streamed member by member without building values first. */
#ifndef WAYMARK_UTIL_JSONW_H
#define WAYMARK_UTIL_JSONW_H
#include <jansson.h>
#include "util/buf.h"

/*
 * Appends v (borrowed; an object or an array, as json_dump_callback wants
 * without JSON_ENCODE_ANY) to b, byte for byte as json_dumps(v, JSON_COMPACT)
 * writes it: keys in insertion order, the same escapes, reals formatted by
 * jansson itself. Returns 0, or -1 when v is not an object or array, nests
 * deeper than JSONW_DEPTH_MAX, or b is full (b may then hold part of it).
 */
#define JSONW_DEPTH_MAX 512
int jsonw_dump(struct buf *b, const json_t *v);

/*
 * A document written as it is walked, byte for byte what jsonw_dump writes
 * for the jansson value with the same members in the same order (so a hot
 * read need not build and free a value per member). Members take their key
 * (the program's own names, written as they are: never a key from input);
 * inside an array the key is NULL. Errors (too deep, b full) are remembered
 * and reported by jsonw_end.
 */
#define JSONW_STREAM_DEPTH 16
struct jsonw {
	struct buf *b;
	size_t n;
	int failed, depth;
	unsigned char more[JSONW_STREAM_DEPTH]; /* a member has been written at this depth */
	char close[JSONW_STREAM_DEPTH];         /* what closes it: '}' or ']' */
	char chunk[2048];
};
/* Starts the document: an object ('{') or an array ('['). */
void jsonw_begin(struct jsonw *w, struct buf *b, char open);
/* Ends the document; 0, or -1 when anything failed. */
int jsonw_end(struct jsonw *w);
/* Opens an object ('{') or array ('[') as member key; jsonw_close closes it. */
void jsonw_open(struct jsonw *w, const char *key, char open);
void jsonw_close(struct jsonw *w);
void jsonw_str(struct jsonw *w, const char *key, const char *s); /* NULL: null */
void jsonw_int(struct jsonw *w, const char *key, long long v);
void jsonw_bool(struct jsonw *w, const char *key, int v);
void jsonw_null(struct jsonw *w, const char *key);
/* Member key with a jansson value (borrowed), for the rare member built that way. */
void jsonw_value(struct jsonw *w, const char *key, const json_t *v);
#endif
