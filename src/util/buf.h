/* Growable byte buffer with a named upper bound (curl dynbuf style). */
#ifndef WAYMARK_UTIL_BUF_H
#define WAYMARK_UTIL_BUF_H
#include <stdarg.h>
#include <stddef.h>

/* Named limits, one per use. */
#define BUF_MAX_HTML   (8u * 1024 * 1024)
#define BUF_MAX_JSON   (16u * 1024 * 1024)
#define BUF_MAX_BODY   (1u * 1024 * 1024)
#define BUF_MAX_SMALL  (64u * 1024)

/* Invariant: data is NULL or NUL-terminated at data[len]. */
struct buf {
	char *data;
	size_t len;
	size_t cap;
	size_t toobig; /* appends that would reach this size fail */
	int failed;    /* set once an append failed; later appends are ignored */
};

void buf_init(struct buf *b, size_t toobig);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
/* Append functions return 0, or -1 when the buffer would pass toobig or
 * memory ran out; the buffer then keeps what it had and is marked failed. */
int buf_append(struct buf *b, const void *p, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Hands the contents to the caller (who frees them) and empties the buffer;
 * returns "" allocated when empty, NULL on allocation failure. */
char *buf_take(struct buf *b);
#endif
