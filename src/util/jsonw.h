/* Compact JSON text of a jansson value, written straight into a buf. */
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
#endif
