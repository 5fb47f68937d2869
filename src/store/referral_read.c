/* A referral's full read in one statement instead of three: the referral
 * and person (REFERRAL_GET's columns), its reasons as one "a,b" text, and
 * what triage shows (store/triage_view.c reads its part of the row). */
#include <stdlib.h>
#include <string.h>
#include "store/referral_read.h"
#include "store/row.h"

struct read_ctx {
	struct referral_view *v;
	struct triage_view *tv;
	int64_t now;
	int failed;
};

/* Adds each code of "a,b,c" to v. 0, or -1 when out of memory. */
static int add_reasons(struct referral_view *v, const char *list)
{
	if (!*list)
		return 0;
	char *copy = strdup(list);
	if (!copy)
		return -1;
	for (char *code = copy, *next; code; code = next) {
		next = strchr(code, ',');
		if (next)
			*next++ = '\0';
		if (*code)
			referral_view_add_reason(v, code);
	}
	free(copy);
	return 0;
}

static int read_row(void *ctx, const struct store_row *row)
{
	struct read_ctx *c = ctx;
	int col = referral_view_row_read(row, c->v);
	if (add_reasons(c->v, store_row_text(row, col)) < 0) {
		c->failed = 1;
		return 1;
	}
	struct store_row rest = store_row_from(row, col + 1);
	triage_view_row_read(&rest, c->now, c->v->rec.reasons, c->v->rec.nreasons, c->tv);
	return 1;
}

int referral_store_read(struct store *st, int64_t id, int64_t now, struct referral_view *v, struct triage_view *tv)
{
	referral_view_clear(v);
	struct read_ctx c = { v, tv, now, 0 };
	enum stmt q = store_kind(st) == STORE_SQLITE ? STMT_REFERRAL_READ_SQLITE : STMT_REFERRAL_READ_PG;
	int n = store_exec(st, q, read_row, &c, "i", id);
	return c.failed ? -1 : n;
}
