/* Deferring people_match_key and referrals_queue during a large import on
 * SQLite, and building them again (docs/INTAKE.md, Performance). */
#include <string.h>
#include "core/keytab.h"
#include "store/referral_defer.h"
#include "store/referral_group.h"

int referral_indexes_defer(struct store *st, struct referral_ids *ids, struct keytab *kt)
{
	if (store_exec(st, STMT_REFERRAL_DEFER_DROP_KEY, NULL, NULL, "") < 0 ||
	    store_exec(st, STMT_REFERRAL_DEFER_DROP_QUEUE, NULL, NULL, "") < 0)
		return -1;
	ids->by_key = kt;
	return 0;
}

static int create_both(struct store *st)
{
	return store_exec(st, STMT_REFERRAL_DEFER_CREATE_KEY, NULL, NULL, "") < 0 ||
	       store_exec(st, STMT_REFERRAL_DEFER_CREATE_QUEUE, NULL, NULL, "") < 0 ? -1 : 0;
}

int referral_indexes_restore(struct store *st, struct referral_ids *ids)
{
	keytab_free(ids->by_key);
	ids->by_key = NULL;
	if (referral_group_flush(st, ids->active ? ids->group : NULL))
		return -1;
	return create_both(st);
}

int referral_indexes_ensure(struct store *st)
{
	return store_kind(st) == STORE_SQLITE ? create_both(st) : 0;
}

/* The journal mode a PRAGMA journal_mode answered is want: 1, else 0. */
static int mode_row(void *ctx, const struct store_row *row)
{
	const char **want = ctx;
	if (strcmp(store_row_text(row, 0), *want) != 0)
		*want = NULL;
	return 1;
}

static int journal(struct store *st, enum stmt id, const char *mode)
{
	const char *want = mode;
	if (store_exec(st, id, mode_row, &want, "") < 0)
		return -1;
	return want ? 1 : 0;
}

int referral_journal_rollback(struct store *st)
{
	return store_kind(st) == STORE_SQLITE && journal(st, STMT_REFERRAL_DEFER_JOURNAL_ROLLBACK, "truncate") == 1;
}

int referral_journal_wal(struct store *st)
{
	return store_kind(st) != STORE_SQLITE || journal(st, STMT_REFERRAL_DEFER_JOURNAL_WAL, "wal") == 1 ? 0 : -1;
}
