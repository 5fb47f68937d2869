/* The tamper-evident audit trail: each event's BLAKE2b-256 hash covers the
 * previous event's hash and every field of the event, so editing, deleting
 * or reordering any row breaks the chain from there on. */
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/audit.h"

#define HASH_HEX AUDIT_HASH_HEX
_Static_assert(HASH_HEX == crypto_generichash_BYTES * 2 + 1, "the hash's hex length");

/* Length-prefixed fields, so "ab"+"c" and "a"+"bc" hash differently. */
static void hash_str(crypto_generichash_state *h, const char *s)
{
	uint64_t n = s ? strlen(s) : 0;
	crypto_generichash_update(h, (const unsigned char *)&n, sizeof n);
	if (n)
		crypto_generichash_update(h, (const unsigned char *)s, n);
}

static void hash_int(crypto_generichash_state *h, int64_t v)
{
	char s[24];
	snprintf(s, sizeof s, "%" PRId64, v);
	hash_str(h, s);
}

static void audit_hash(int64_t id, const struct audit_event *ev, const char *people, const char *prev,
		       char out[HASH_HEX])
{
	crypto_generichash_state h;
	unsigned char bin[crypto_generichash_BYTES];
	crypto_generichash_init(&h, NULL, 0, sizeof bin);
	hash_str(&h, prev);
	hash_int(&h, id);
	hash_int(&h, ev->at);
	hash_int(&h, ev->user_id);
	hash_str(&h, ev->role);
	hash_int(&h, ev->org_id);
	hash_str(&h, ev->action);
	hash_str(&h, ev->entity);
	hash_int(&h, ev->entity_id);
	hash_int(&h, ev->person_id);
	hash_str(&h, ev->addr);
	hash_str(&h, ev->request_id);
	hash_str(&h, ev->detail);
	if (people && *people) /* events without people hash as they always did */
		hash_str(&h, people);
	crypto_generichash_final(&h, bin, sizeof bin);
	sodium_bin2hex(out, HASH_HEX, bin, sizeof bin);
}

struct head {
	int64_t id;
	char hash[HASH_HEX];
};

static int head_row(void *ctx, const struct store_row *row)
{
	struct head *hd = ctx;
	hd->id = store_row_int(row, 0);
	snprintf(hd->hash, sizeof hd->hash, "%s", store_row_text(row, 1));
	return 1;
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

/* The people as text: "3,17,40" (at most AUDIT_PEOPLE_MAX, distinct or not). */
static char *people_text(const struct audit_event *ev, size_t *n)
{
	*n = ev->npeople > AUDIT_PEOPLE_MAX ? AUDIT_PEOPLE_MAX : ev->npeople;
	char *s = malloc(*n * 21 + 1);
	if (!s)
		return NULL;
	size_t len = 0;
	s[0] = '\0';
	for (size_t i = 0; i < *n; i++)
		len += (size_t)sprintf(s + len, "%s%" PRId64, i ? "," : "", ev->people[i]);
	return s;
}

int audit_append(struct store *st, const struct audit_event *ev_in)
{
	struct audit_event ev = *ev_in;
	ev.role = nz(ev.role);
	ev.action = nz(ev.action);
	ev.entity = nz(ev.entity);
	ev.addr = nz(ev.addr);
	ev.request_id = nz(ev.request_id);
	ev.detail = nz(ev.detail);
	size_t npeople;
	char *people = people_text(&ev, &npeople);
	if (!people)
		return -1;
	int own_tx = !st->in_tx;
	if (own_tx && store_begin(st)) {
		free(people);
		return -1;
	}
	struct head hd = { 0, "" };
	char hash[HASH_HEX];
	struct audit_memo *memo = own_tx ? NULL : st->audit_memo;
	if (memo && memo->valid) {
		hd.id = memo->id;
		memcpy(hd.hash, memo->hash, HASH_HEX);
	} else if (store_exec(st, STMT_AUDIT_HEAD_LOCK, NULL, NULL, "") < 0 ||
		   store_exec(st, STMT_AUDIT_HEAD_GET, head_row, &hd, "") != 1) {
		/* The no-op update takes the head row's write lock first
		 * (PostgreSQL), so concurrent appenders queue instead of forking
		 * the chain. */
		goto fail;
	}
	int64_t id = hd.id + 1;
	audit_hash(id, &ev, people, hd.hash, hash);
	if (store_exec(st, STMT_AUDIT_INSERT, NULL, NULL, "iiisissiissssss", id, ev.at, ev.user_id, ev.role,
		       ev.org_id, ev.action, ev.entity, ev.entity_id, ev.person_id, ev.addr, ev.request_id,
		       ev.detail, people, hd.hash, hash) < 0)
		goto fail;
	for (size_t i = 0; i < npeople; i++)
		if (ev.people[i] > 0 && store_exec(st, STMT_AUDIT_PEOPLE_INSERT, NULL, NULL, "ii", ev.people[i], id) < 0)
			goto fail;
	if (!memo && store_exec(st, STMT_AUDIT_HEAD_SET, NULL, NULL, "is", id, hash) < 0)
		goto fail;
	if (own_tx && store_commit(st))
		goto fail;
	free(people);
	if (memo) {
		memo->valid = 1;
		memo->dirty = 1;
		memo->id = id;
		memcpy(memo->hash, hash, HASH_HEX);
	}
	return 0;
fail:
	free(people);
	if (own_tx)
		store_rollback(st);
	return -1;
}

int audit_memo_flush(struct store *st, struct audit_memo *memo)
{
	if (!memo->dirty)
		return 0;
	if (store_exec(st, STMT_AUDIT_HEAD_SET, NULL, NULL, "is", memo->id, memo->hash) < 0)
		return -1;
	memo->dirty = 0;
	return 0;
}

static int runs_row(void *ctx, const struct store_row *row)
{
	int64_t *v = ctx;
	v[0] = store_row_int(row, 0);
	v[1] = store_row_int(row, 1);
	return 1;
}

int audit_index_people(struct store *st, int max_runs, int64_t *upto)
{
	int done = 0;
	for (;;) {
		int64_t v[2]; /* the last event, the last indexed */
		if (store_exec(st, STMT_AUDIT_RUNS_GET, runs_row, v, "") != 1)
			return -1;
		*upto = v[1];
		int64_t from = v[1], to = from + AUDIT_RUN;
		if (done == max_runs || to > v[0])
			return done;
		if (store_begin(st))
			return -1;
		int moved = store_exec(st, STMT_AUDIT_RUNS_SET, NULL, NULL, "ii", to, from);
		if (moved < 0 || (moved == 1 && store_exec(st, STMT_AUDIT_RUN_INSERT, NULL, NULL, "iii", from / AUDIT_RUN,
							     from, to) < 0) ||
		    store_commit(st)) {
			store_rollback(st);
			return -1;
		}
		done += moved; /* 0: someone else indexed it; read again */
	}
}

struct list_ctx {
	int (*row)(void *ctx, const struct audit_listed *ev);
	void *ctx;
};

static int list_row(void *ctx, const struct store_row *r)
{
	struct list_ctx *l = ctx;
	struct audit_listed ev = {
		.id = store_row_int(r, 0), .at = store_row_int(r, 1), .user_id = store_row_int(r, 2),
		.role = store_row_text(r, 3), .org_id = store_row_int(r, 4), .action = store_row_text(r, 5),
		.entity = store_row_text(r, 6), .entity_id = store_row_int(r, 7), .person_id = store_row_int(r, 8),
		.addr = store_row_text(r, 9), .request_id = store_row_text(r, 10), .detail = store_row_text(r, 11),
		.user_name = store_row_text(r, 12), .org_name = store_row_text(r, 13), .person_name = store_row_text(r, 14),
		.reference = store_row_text(r, 15), .entity_user_name = store_row_text(r, 16),
	};
	return l->row(l->ctx, &ev);
}

int audit_list(struct store *st, const struct audit_filter *f,
	       int (*row)(void *ctx, const struct audit_listed *ev), void *ctx)
{
	struct list_ctx l = { row, ctx };
	const char *action = f->action ? f->action : "";
	return store_exec(st, STMT_AUDIT_LIST, list_row, &l, "ssiiiiiiii", action, action, f->user_id, f->user_id,
			  f->person_id, f->person_id, f->person_id, f->person_id, f->before_id, f->limit);
}

struct unknown_ctx {
	char *first;
	size_t firstlen;
	int n;
};

static int unknown_row(void *ctx, const struct store_row *r)
{
	struct unknown_ctx *u = ctx;
	const char *action = store_row_text(r, 0);
	if (audit_action_find(action) < 0 && u->n++ == 0)
		snprintf(u->first, u->firstlen, "%s", action);
	return 0;
}

int audit_unknown_actions(struct store *st, char *first, size_t firstlen)
{
	struct unknown_ctx u = { first, firstlen, 0 };
	if (firstlen)
		first[0] = '\0';
	return store_exec(st, STMT_AUDIT_ACTIONS, unknown_row, &u, "") < 0 ? -1 : u.n;
}

struct verify_ctx {
	char prev[HASH_HEX];
	int64_t last_id;
	int64_t bad_id;
	int64_t checked;
};

static int verify_row(void *ctx, const struct store_row *r)
{
	struct verify_ctx *v = ctx;
	int64_t id = store_row_int(r, 0);
	struct audit_event ev = {
		.at = store_row_int(r, 1), .user_id = store_row_int(r, 2), .role = store_row_text(r, 3),
		.org_id = store_row_int(r, 4), .action = store_row_text(r, 5), .entity = store_row_text(r, 6),
		.entity_id = store_row_int(r, 7), .person_id = store_row_int(r, 8), .addr = store_row_text(r, 9),
		.request_id = store_row_text(r, 10), .detail = store_row_text(r, 11),
	};
	char want[HASH_HEX];
	audit_hash(id, &ev, store_row_text(r, 14), v->prev, want);
	v->last_id = id;
	v->checked++;
	if (id != v->checked || strcmp(store_row_text(r, 12), v->prev) != 0 || strcmp(store_row_text(r, 13), want) != 0) {
		v->bad_id = id;
		return 1;
	}
	snprintf(v->prev, sizeof v->prev, "%s", want);
	return 0;
}

int audit_verify(struct store *st, int64_t *bad_id, int64_t *checked)
{
	struct verify_ctx v;
	memset(&v, 0, sizeof v);
	memset(v.prev, '0', HASH_HEX - 1);
	for (;;) {
		int n = store_exec(st, STMT_AUDIT_SCAN, verify_row, &v, "i", v.last_id);
		if (n < 0)
			return -1;
		if (v.bad_id || n == 0)
			break;
	}
	if (!v.bad_id) {
		/* The head must point at the last event: a deleted tail shows here. */
		struct head hd = { 0, "" };
		if (store_exec(st, STMT_AUDIT_HEAD_GET, head_row, &hd, "") != 1)
			return -1;
		if (hd.id != v.last_id || (v.last_id && strcmp(hd.hash, v.prev) != 0))
			v.bad_id = v.last_id + 1;
	}
	*bad_id = v.bad_id;
	*checked = v.checked;
	return v.bad_id ? 1 : 0;
}
