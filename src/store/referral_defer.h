/* Deferring the two indexes of random keys (people_match_key, referrals_queue)
 * while a large import on SQLite stores its rows: each would otherwise take
 * a random page per row and be rewritten whole at every commit. */
#ifndef WAYMARK_STORE_REFERRAL_DEFER_H
#define WAYMARK_STORE_REFERRAL_DEFER_H
#include "store/referral.h"

/*
 * In the caller's transaction: drops both indexes and hands kt (every
 * person's match key and id, core/keytab) to ids->by_key, through which
 * referral_store_create then finds people by match key. Returns 0, or -1
 * with the store's error (kt is then still the caller's).
 */
int referral_indexes_defer(struct store *st, struct referral_ids *ids, struct keytab *kt);
/* In the caller's transaction: stores the rows ids->group holds back, builds
 * both indexes (unless they exist) and frees ids->by_key. 0, or -1 with the
 * store's error (ids->by_key is freed either way). */
int referral_indexes_restore(struct store *st, struct referral_ids *ids);
/* Builds either index if it is missing (an import stopped without its end:
 * killed, or the machine went down); nothing is written when both exist.
 * SQLite only (0 on PostgreSQL). 0, or -1 with the store's error. */
int referral_indexes_ensure(struct store *st);
/*
 * Outside a transaction, on SQLite: switches to the rollback journal while
 * deferring, so a new page is written once (into the database) instead of
 * twice (into the WAL, then by the checkpoint). SQLite allows it only when
 * no other connection has the database open. 1 switched, 0 not (WAL stays).
 */
int referral_journal_rollback(struct store *st);
/* Back to WAL, which every other Waymark connection also asks for when it
 * opens the database. 0, or -1 when another connection keeps it from it. */
int referral_journal_wal(struct store *st);
#endif
